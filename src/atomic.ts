/** Files written whole or not at all. */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError, fileProblem } from './issue/problem.js';

/**
 * This thread's part of a temporary file's name: the worker threads of a batch
 * write beside each other in one process. (Not worker_threads' threadId: loading
 * that module costs a single build 1.6 ms for nothing.)
 */
const THREAD = randomBytes(4).toString('hex');

/**
 * Write to a temporary file beside the target, then rename over it: a reader never
 * sees a partial file, and a failure leaves the previous one untouched. `what`
 * names the file in the error: "cannot write the PDF (EACCES)".
 */
export function writeAtomically(target: string, bytes: Buffer | string, what = 'the PDF'): void {
  commit(target, what, (temp) => {
    writeFileSync(temp, bytes);
    renameSync(temp, target);
  });
}

/**
 * writeAtomically, with a turn of the event loop between writing the temporary
 * file and renaming it into place. A build runs from its start to here without
 * one, so an interrupt (Ctrl-C) that came during it is only heard now: its
 * handler (batch/run.ts) removes the temporary file and exits before the
 * previous PDF is replaced.
 */
export async function writeAtomicallyHeard(target: string, bytes: Buffer, what = 'the PDF'): Promise<void> {
  commit(target, what, (temp) => writeFileSync(temp, bytes));
  await aTurn();
  commit(target, what, (temp) => renameSync(temp, target));
}

/** One turn of the event loop: a signal that came while this thread was busy is handled in it. */
export function aTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Run `step` on the temporary file of `target`; on failure, remove it and say why. */
function commit(target: string, what: string, step: (temp: string) => void): void {
  const dir = path.dirname(target);
  const temp = temporaryOf(target);
  try {
    mkdirSync(dir, { recursive: true });
    step(temp);
  } catch (e) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder itself could not be made (a file stands in its way): no temporary file to remove.
    }
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError([
      fileProblem(target, `cannot write ${what} (${code})`, code === 'ENOSPC' ? 'the disk is full; the previous file is kept' : 'check that the folder exists as a folder and that you may write in it; the previous file is kept'),
    ]);
  }
}

/** Where `target` is written before it is renamed into place (removeTemporaries below knows these names). */
function temporaryOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${THREAD}.tmp`);
}

/**
 * Remove the temporary files this process (any of its threads) left in a folder:
 * `.<name>.<pid>-<thread>.tmp`, as writeAtomically names them. For an interrupt,
 * when the threads writing them have been stopped.
 */
export function removeTemporaries(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const f of names) {
    if (f.startsWith('.') && f.includes(`.${process.pid}-`) && f.endsWith('.tmp')) rmSync(path.join(folder, f), { force: true });
  }
}
