/**
 * Run after tsc by `npm install` (prepare) and `npm test`:
 * 1. record the vendored fonts (fonts/lock.ts): hash, size, time, shaped dashes;
 * 2. bundle the CLI into one file, dist/bulletin.cjs (rolldown): one file to
 *    compile instead of some 300 modules to resolve, read and compile, with the
 *    dependencies' start-up work cut (src/deferred.ts) and the program's hash
 *    written in (for the build record, batch/state.ts);
 * 3. warm V8's code cache for it (dist/bulletin.cjs.cache) with a build of
 *    issue 91: bin/bulletin then starts without compiling what that build ran.
 * The bundle is the same program as dist/*.js; bin/bulletin falls back to those
 * modules when the bundle is missing or older than them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Face, FONT_DIR, FONT_FILES, SHAPED } from './fonts/fonts.js';
import { LOCK_FILE, type Lock } from './fonts/lock.js';
import { hashProgram } from './batch/state.js';
import { sha256 } from './hash.js';
import { deferred } from './deferred.js';
import { DIST, ROOT } from './paths.js';

export const BUNDLE = path.join(DIST, 'bulletin.cjs');

/** Write the record of the vendored fonts. */
export function writeLock(): void {
  const lock: Lock = {};
  for (const name of Object.values(FONT_FILES)) {
    const file = `${FONT_DIR}${name}`;
    const stat = statSync(file);
    const face = new Face(file);
    lock[name] = {
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      sha256: sha256(readFileSync(file)),
      shaped: Object.fromEntries(SHAPED.map((text) => [text, face.glyph(text)])),
    };
  }
  writeFileSync(LOCK_FILE, `${JSON.stringify(lock, null, 2)}\n`);
}

/** Bundle the CLI and the batch worker (dist/bundle.js) and what they import into dist/bulletin.cjs. */
export async function writeBundle(): Promise<void> {
  const { rolldown } = await import('rolldown');
  const temp = `${BUNDLE}.${process.pid}.tmp`;
  const bundle = await rolldown({
    input: path.join(DIST, 'bundle.js'),
    platform: 'node',
    // piscina starts its workers from a file of its own, found beside its code. The
    // readers of `bulletin import` (pdf.js, mammoth), the renderer of --proof
    // (pdf.js, @napi-rs/canvas's native binary) and the image encoder (sharp, which
    // loads libvips, a native library) are loaded from node_modules when they are
    // used: the bundle that every command starts stays as small.
    external: ['piscina', /^pdfjs-dist(\/|$)/, 'mammoth', '@napi-rs/canvas', 'sharp'],
    logLevel: 'silent',
    plugins: [deferred()],
    // The program's hash, for the build record (batch/state.ts), as of the modules bundled.
    transform: { define: { BULLETIN_PROGRAM: JSON.stringify(hashProgram()) } },
  });
  try {
    // Dynamic imports as require(): a script run from V8's code cache has no loader for import().
    await bundle.write({ file: temp, format: 'cjs', codeSplitting: false, sourcemap: false, dynamicImportInCjs: false, charset: 'ascii', comments: { legal: true, annotation: false, jsdoc: false } });
  } finally {
    await bundle.close();
  }
  rmSync(`${BUNDLE}.cache`, { force: true });
  renameSync(temp, BUNDLE);
}

/** Build issue 91 once through bin/bulletin, which then writes the code cache. */
export function warmCache(): void {
  const out = mkdtempSync(path.join(os.tmpdir(), 'bulletin-prepare-'));
  try {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'bulletin'), 'build', path.join(ROOT, 'issues', 'issue-91.yaml'), '-o', path.join(out, 'issue-91.pdf'), '-q'],
      { env: { ...process.env, BULLETIN_CODE_CACHE: 'write' }, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`the warm-up build failed:\n${r.stderr}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

writeLock();
await writeBundle();
warmCache();
