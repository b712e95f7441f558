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
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}-${THREAD}.tmp`);
  // (removeTemporaries below knows these names.)
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, bytes);
    renameSync(temp, target);
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
