/**
 * Batch builds: many issues in one invocation, on worker threads (fonts opened
 * once per worker), each skipped when its PDF is up to date; a failing issue does
 * not stop the others.
 */
import path from 'node:path';
import { buildFile, type BuildRecord } from '../build.js';
import { FontSet } from '../fonts/index.js';
import type { LayoutOptions } from '../page/index.js';
import { State, type Fingerprint } from './state.js';
import type { Task } from './worker.js';

export interface BatchOptions {
  layout: LayoutOptions;
  /** Worker threads. */
  jobs: number;
  /** Build even what is up to date. */
  force: boolean;
}

export interface Job {
  input: string;
  output: string;
}

/** Build every job; `onDone` hears of each as it finishes. Records come back in job order. */
export async function runBatch(jobs: Job[], options: BatchOptions, onDone: (r: BuildRecord) => void): Promise<BuildRecord[]> {
  const state = new State();
  const records: (BuildRecord | undefined)[] = new Array(jobs.length);
  const prints: (Fingerprint | undefined)[] = new Array(jobs.length);
  const pending: number[] = [];
  jobs.forEach((job, i) => {
    const print = state.fingerprint(job.input, options.layout);
    prints[i] = print;
    if (!options.force && print && state.upToDate(job.output, print)) {
      records[i] = { ...job, pages: 0, bytes: 0, milliseconds: 0, skipped: true, warnings: [], errors: [] };
      onDone(records[i]!);
    } else pending.push(i);
  });

  const finish = (i: number, r: BuildRecord) => {
    records[i] = r;
    onDone(r);
  };
  if (pending.length <= 1 || options.jobs <= 1) {
    const fonts = new FontSet();
    for (const i of pending) {
      const { trace: _trace, ...r } = await buildFile(jobs[i]!.input, jobs[i]!.output, fonts, options.layout);
      finish(i, r);
    }
  } else {
    // Loaded only for a batch: a single build never pays for the pool.
    const { Piscina } = await import('piscina');
    const threads = Math.min(options.jobs, pending.length);
    const pool = new Piscina<Task, BuildRecord>({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
    });
    try {
      await Promise.all(pending.map(async (i) => finish(i, await pool.run({ ...jobs[i]!, options: options.layout }))));
    } finally {
      await pool.destroy();
    }
  }

  state.record(
    pending.flatMap((i) => {
      const r = records[i]!;
      const print = prints[i];
      return r.errors.length === 0 && print ? [{ output: r.output, print }] : [];
    }),
  );
  return records as BuildRecord[];
}

/** Where each input's PDF goes: `-o` names the file for one input, the folder for several. */
export function outputsFor(inputs: string[], output: string | undefined, cwd = process.cwd()): Job[] {
  const name = (input: string) => `${path.basename(input, path.extname(input))}.pdf`;
  if (inputs.length === 1 && output && !output.endsWith(path.sep) && !output.endsWith('/')) {
    return [{ input: inputs[0]!, output: path.resolve(cwd, output) }];
  }
  const folder = output ? path.resolve(cwd, output) : path.join(cwd, 'output');
  return inputs.map((input) => ({ input, output: path.join(folder, name(input)) }));
}
