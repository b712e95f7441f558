/**
 * A build worker (piscina): builds one issue at a time, its fonts opened once for
 * all the issues it builds.
 */
import { buildFile, type BuildRecord } from '../build.js';
import { FontSet } from '../fonts/index.js';
import type { LayoutOptions } from '../page/index.js';

export interface Task {
  input: string;
  output: string;
  options: LayoutOptions;
}

let fonts: FontSet | undefined;

export default async function build(task: Task): Promise<BuildRecord> {
  fonts ??= new FontSet();
  const { trace: _trace, ...record } = await buildFile(task.input, task.output, fonts, task.options);
  return record;
}
