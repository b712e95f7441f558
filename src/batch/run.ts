/**
 * Batch builds: many issues in one invocation, on worker threads (fonts opened
 * once per worker), each skipped when its PDF is up to date; a failing issue does
 * not stop the others.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { aTurn, removeTemporaries } from '../atomic.js';
import { buildFile, failed, type BuildRecord } from '../build.js';
import { FontSet, searchOf } from '../fonts/index.js';
import { loadIssue, type Issue } from '../issue/index.js';
import { ROOT } from '../paths.js';
import { SetMemo, type LayoutOptions, type LineTrace } from '../page/index.js';
import { State, type Fingerprint } from './state.js';
import type { Task } from './worker.js';
import type { Piscina } from 'piscina';

export interface BatchOptions {
  layout: LayoutOptions;
  /** Worker threads. */
  jobs: number;
  /** Build even what is up to date. */
  force: boolean;
  /** Folders of fonts (`--font-path`), looked in for fonts named by family before the system's. */
  fontPaths?: string[];
  /** What a process that builds the same issues again and again keeps (--watch). */
  warm?: Warm;
}

/** What `--watch` keeps from build to build, to build again in this thread what an edit changed. */
export interface Warm {
  /** The fonts, opened once and refreshed before each run (FontSet.refresh): issues are weighed and built with them. */
  fonts: FontSet;
  /** The text of the issues built last (MEMOS of them) as their last build set it, by issue file. */
  memos: Map<string, SetMemo>;
}

export interface Job {
  input: string;
  output: string;
}

/**
 * Build every job; `onDone` hears of each as it finishes. Records come back in job order.
 *
 * Each issue is loaded once, here: its fingerprint says whether it is up to date,
 * and the same load is built from (sent to a worker with the task). With several
 * jobs the pool starts at the second issue to build, so the workers boot while the
 * rest are weighed; a single issue to build is built here, without a pool, with
 * the fonts it was weighed with.
 */
export async function runBatch(jobs: Job[], options: BatchOptions, onDone: (r: BuildRecord) => void): Promise<BuildRecord[]> {
  // A warm set looks again at what may have changed since its last run (a font replaced or installed).
  options.warm?.fonts.refresh();
  const fonts = options.warm?.fonts ?? new FontSet(searchOf(options.fontPaths));
  const state = new State(fonts);
  const records: (BuildRecord | undefined)[] = new Array(jobs.length);
  const prints: (Fingerprint | undefined)[] = new Array(jobs.length);
  const finish = (i: number, r: BuildRecord) => {
    const files = prints[i]?.files;
    records[i] = files ? { ...r, inputs: files } : r;
    onDone(records[i]);
  };
  const stop = interruptions(jobs);
  const parallel = jobs.length > 1 && options.jobs > 1;
  let pool: Piscina<Task, BuildRecord> | undefined;
  const running: Promise<void>[] = [];
  const task = (i: number, issue: Issue | undefined): Task => ({
    ...jobs[i]!,
    options: options.layout,
    ...(issue ? { issue } : {}),
    ...(options.fontPaths?.length ? { fontPaths: options.fontPaths } : {}),
  });
  // The worker's task, run in this thread.
  const inProcess = async (i: number, issue: Issue | undefined) => {
    const { input, output } = jobs[i]!;
    const { trace: _trace, ...record } = await buildFile(input, output, fonts, options.layout, issue, memoOf(options.warm, input));
    finish(i, record);
  };
  const onPool = (i: number, issue: Issue | undefined) => {
    // A worker that fails (an exception, a thread that died) fails this issue alone.
    const built = pool!
      .run(task(i, issue))
      .catch((e: unknown) => (stop.stopping ? Promise.reject(e) : failed(jobs[i]!, e)))
      .then((r) => finish(i, r));
    // Awaited below with the others; until then a failure is not "unhandled".
    built.catch(() => {});
    running.push(built);
  };
  // With several jobs, the first issue to build waits here for a second: one alone
  // is built in this process, without starting the pool.
  let held: { i: number; issue: Issue | undefined } | undefined;
  try {
    for (const [i, job] of jobs.entries()) {
      // An issue that cannot be loaded has no fingerprint: it is built, and fails with its problems.
      let issue: Issue | undefined;
      try {
        issue = loadIssue(job.input);
        prints[i] = state.fingerprint(job.input, issue, options.layout);
      } catch {
        issue = undefined;
      }
      const print = prints[i];
      if (!options.force && print && state.upToDate(job.output, print)) {
        finish(i, { ...job, pages: 0, milliseconds: 0, skipped: true, warnings: [], errors: [] });
      } else if (!parallel) {
        await inProcess(i, issue);
      } else if (!pool && !held) {
        held = { i, issue };
      } else {
        if (!pool) {
          pool = stop.pool = await startPool(Math.min(options.jobs, jobs.length - held!.i));
          onPool(held!.i, held!.issue);
        }
        onPool(i, issue);
      }
    }
    if (held && !pool) await inProcess(held.i, held.issue);
    await Promise.all(running);
  } catch (e) {
    // Workers stopped by an interrupt: the handler exits; nothing more to say.
    if (stop.stopping) await new Promise(() => {});
    throw e;
  } finally {
    if (pool && !stop.stopping) await pool.destroy();
    // An interrupt that came while the last issue was built in this thread is heard before its handler goes.
    await aTurn();
    if (!stop.stopping) stop.release();
  }
  // Heard: the handler exits.
  if (stop.stopping) await new Promise(() => {});
  const unrecorded = state.record(
    jobs.flatMap((_job, i) => {
      const r = records[i]!;
      const print = prints[i];
      return r.sha256 && print ? [{ output: r.output, print, sha256: r.sha256 }] : [];
    }),
  );
  for (const r of records) {
    const problem = r && unrecorded.get(r.output);
    if (problem) r.warnings.push(problem);
  }
  return records as BuildRecord[];
}

/**
 * Issues whose set text is kept warm: the ones an editor is working on. Issue 91's
 * is 2.8 MB; a folder of a hundred issues watched would keep them all.
 */
const MEMOS = 8;

/** The memo of an issue's text kept warm, made on its first build; the issue built longest ago is let go. */
function memoOf(warm: Warm | undefined, input: string): SetMemo | undefined {
  if (!warm) return undefined;
  const memo = warm.memos.get(input) ?? new SetMemo();
  // Last in the map's order: the most recently built.
  warm.memos.delete(input);
  warm.memos.set(input, memo);
  for (const old of warm.memos.keys()) if (warm.memos.size > MEMOS) warm.memos.delete(old);
  return memo;
}

/** The worker pool, loaded only for a batch: a single build never pays for it. */
async function startPool(threads: number): Promise<Piscina<Task, BuildRecord>> {
  const { Piscina } = await import('piscina');
  return new Piscina<Task, BuildRecord>({
    // bin/worker.cjs runs the task from the bundle when bin/bulletin would, else from dist/batch/worker.js.
    filename: pathToFileURL(path.join(ROOT, 'bin', 'worker.cjs')).href,
    minThreads: threads,
    maxThreads: threads,
  });
}

/**
 * On an interrupt (Ctrl-C) or a kill during a batch: stop the workers, remove the
 * temporary files of PDFs being written (the finished PDFs and the previous ones
 * stay whole: a PDF is only ever renamed into place complete), and exit 130 or 143.
 */
interface Interruptions {
  pool?: { destroy(): Promise<void> };
  stopping: boolean;
  release(): void;
}

function interruptions(jobs: Job[]): Interruptions {
  const state: Interruptions = { stopping: false, release: () => {} };
  const folders = [...new Set(jobs.map((j) => path.dirname(j.output)))];
  const handler = (signal: NodeJS.Signals) => {
    if (state.stopping) return;
    state.stopping = true;
    void (async () => {
      await state.pool?.destroy().catch(() => {});
      for (const folder of folders) removeTemporaries(folder);
      process.stderr.write(`\nbulletin: stopped by ${signal}; the PDFs being written were left as they were\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  state.release = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  return state;
}

/**
 * One issue built in this thread, whatever its state, with its trace (`--trace`):
 * interrupted as a batch is. `fontPaths`: --font-path.
 */
export async function buildTraced(job: Job, layout: LayoutOptions, fontPaths?: string[]): Promise<BuildRecord & { trace: LineTrace[] }> {
  const stop = interruptions([job]);
  const r = await buildFile(job.input, job.output, new FontSet(searchOf(fontPaths)), layout);
  await aTurn();
  if (stop.stopping) await new Promise(() => {});
  stop.release();
  return r;
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
