/**
 * A build worker (piscina): builds one issue at a time, its fonts opened once for
 * all the issues it builds.
 */
import { buildFile, type BuildRecord } from '../build.js';
import { FontSet, searchOf } from '../fonts/index.js';
import type { Issue } from '../issue/index.js';
import type { LayoutOptions } from '../page/index.js';

export interface Task {
  input: string;
  output: string;
  options: LayoutOptions;
  /** The issue as the batch loaded it to weigh whether it is up to date (not read again). */
  issue?: Issue;
  /** `--font-path`: folders looked in for fonts named by family. */
  fontPaths?: string[];
}

let fonts: FontSet | undefined;

export default async function build(task: Task): Promise<BuildRecord> {
  // One run's tasks share their font paths.
  fonts ??= new FontSet(searchOf(task.fontPaths));
  const { trace: _trace, ...record } = await buildFile(task.input, task.output, fonts, task.options, task.issue);
  return record;
}
