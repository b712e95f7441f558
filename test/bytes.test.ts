/**
 * The bytes of the PDF, guarded: issue 91 and synthetic issues with 4× and 16× its
 * text must come out byte for byte as recorded in test/golden/pdf-sha256.json.
 * Work on speed must not change a byte of the output; a change that means to
 * (the layout, the writer) shows here, and is accepted with
 * `BULLETIN_BLESS=hashes npx vitest run test/bytes.test.ts` after the golden dumps
 * (test/golden.test.ts, blessed on their own with `BULLETIN_BLESS=dump`) have shown
 * what moved.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { buildPdf } from '../src/build.js';
import { Face, FONT_DIR, FONT_FILES, FontSet } from '../src/fonts/index.js';
import { SHAPED } from '../src/fonts/fonts.js';
import { lockEntry } from '../src/fonts/lock.js';
import { scaled } from '../bench/scaled.mjs';
import { blessing } from './helpers/bless.js';
import { SetMemo } from '../src/page/index.js';

const root = path.resolve(import.meta.dirname, '..');
const goldenFile = path.join(root, 'test', 'golden', 'pdf-sha256.json');
const fonts = new FontSet();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-bytes-'));
  cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
  const yaml = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
  writeFileSync(path.join(dir, 'issue-91.yaml'), yaml);
  for (const k of [4, 16]) writeFileSync(path.join(dir, `scaled-${k}.yaml`), scaled(yaml, k));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bytes of the output', () => {
  it('are the recorded ones for issue 91 and 4× and 16× its text', async () => {
    const hashes: Record<string, string> = {};
    for (const name of ['issue-91', 'scaled-4', 'scaled-16']) {
      const { pdf } = await buildPdf(path.join(dir, `${name}.yaml`), fonts);
      hashes[name] = createHash('sha256').update(pdf).digest('hex');
    }
    const bless = blessing('hashes');
    if (bless || !existsSync(goldenFile)) {
      writeFileSync(goldenFile, `${JSON.stringify(hashes, null, 2)}\n`);
      if (!bless) throw new Error('pdf-sha256.json was missing; written now, commit it');
      return;
    }
    expect(hashes, 'the PDFs differ from pdf-sha256.json: read the golden dumps\' diff; bless with BULLETIN_BLESS=hashes').toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });
});

describe('the fast paths write what the slow ones would', () => {
  const golden = () => JSON.parse(readFileSync(goldenFile, 'utf8')) as Record<string, string>;
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('the command, run from the bundle with its code cache, and the modules of dist/ write the recorded bytes', () => {
    // npm test has just made the bundle (src/prepare.ts): bin/bulletin runs it.
    const dist = path.join(root, 'dist');
    expect(statSync(path.join(dist, 'bulletin.cjs')).mtimeMs).toBeGreaterThanOrEqual(statSync(path.join(dist, 'bundle.js')).mtimeMs);
    expect(existsSync(path.join(dist, 'bulletin.cjs.cache'))).toBe(true);
    // Written in ASCII, so that bin/load.cjs reads it as a one-byte string without decoding UTF-8.
    expect(isAscii(readFileSync(path.join(dist, 'bulletin.cjs')))).toBe(true);
    const input = path.join(dir, 'issue-91.yaml');
    const bundled = spawnSync(process.execPath, [path.join(root, 'bin', 'bulletin'), 'build', input, '-o', path.join(dir, 'bundled.pdf'), '--force', '-q'], { encoding: 'utf8' });
    expect(bundled.status, bundled.stderr).toBe(0);
    const modules = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(path.join(dist, 'cli.js'))}); process.exitCode = await main(process.argv.slice(0, 1).concat('bulletin', process.argv.slice(1)));`, 'build', input, '-o', path.join(dir, 'modules.pdf'), '--force', '-q'],
      { encoding: 'utf8' },
    );
    expect(modules.status, modules.stderr).toBe(0);
    expect(sha(path.join(dir, 'bundled.pdf'))).toBe(golden()['issue-91']);
    expect(sha(path.join(dir, 'modules.pdf'))).toBe(golden()['issue-91']);
    // The bundle carries the program's hash as of the modules it was made from
    // (src/prepare.ts); the modules compute it: the build records agree.
    const record = JSON.parse(readFileSync(path.join(dir, '.bulletin-state.json'), 'utf8')) as Record<string, { inputs: string }>;
    expect(record['bundled.pdf']!.inputs).toMatch(/^[0-9a-f]{64}$/);
    expect(record['bundled.pdf']!.inputs).toBe(record['modules.pdf']!.inputs);
  });

  it('a rebuild that takes the unchanged paragraphs as the last build set them (--watch) writes what a first build writes', async () => {
    const warm = new FontSet();
    const memo = new SetMemo();
    const file = path.join(dir, 'edited.yaml');
    const original = readFileSync(path.join(dir, 'issue-91.yaml'), 'utf8');
    // The first paragraph longer, then shorter than it was, then as it was: the pages move each time.
    const first = '2月12日，市政府副秘书长李兵到我区督导了疫情防控工作。';
    expect(original).toContain(first);
    const versions = [original, original.replace(first, first.repeat(4)), original.replace(first, ''), original];
    for (const [i, text] of versions.entries()) {
      writeFileSync(file, text);
      const kept = await buildPdf(file, warm, {}, undefined, memo);
      const fresh = await buildPdf(file, new FontSet());
      expect(kept.pdf.equals(fresh.pdf), `version ${i}`).toBe(true);
      if (i === 3) expect(createHash('sha256').update(kept.pdf).digest('hex')).toBe(golden()['issue-91']);
    }
  });

  it('a batch on two workers, each running the bundle, writes the recorded bytes', () => {
    const folder = path.join(dir, 'batch');
    for (const name of ['publication.yaml', 'a.yaml', 'b.yaml', 'c.yaml']) {
      cpSync(path.join(dir, name === 'publication.yaml' ? name : 'issue-91.yaml'), path.join(folder, name), { recursive: true });
    }
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'bulletin'), 'build', folder, '-o', path.join(dir, 'batch-out') + path.sep, '-j', '2', '--force', '-q'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const name of ['a', 'b', 'c']) expect(sha(path.join(dir, 'batch-out', `${name}.pdf`)), name).toBe(golden()['issue-91']);
  });

  it('without the bundle, the command and its workers run the modules of dist/ and write the recorded bytes', () => {
    // A copy of the package whose dist/ has no bundle: bin/bulletin and bin/worker.cjs fall back to dist/*.js.
    const pkg = path.join(dir, 'unbundled');
    cpSync(path.join(root, 'bin'), path.join(pkg, 'bin'), { recursive: true });
    cpSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
    cpSync(path.join(root, 'dist'), path.join(pkg, 'dist'), { recursive: true, filter: (f) => !path.basename(f).startsWith('bulletin.cjs') });
    for (const link of ['node_modules', 'fonts']) symlinkSync(path.join(root, link), path.join(pkg, link));
    expect(existsSync(path.join(pkg, 'dist', 'bulletin.cjs'))).toBe(false);
    const bin = path.join(pkg, 'bin', 'bulletin');
    const one = spawnSync(process.execPath, [bin, 'build', path.join(dir, 'issue-91.yaml'), '-o', path.join(dir, 'unbundled.pdf'), '--force', '-q'], { encoding: 'utf8' });
    expect(one.status, one.stderr).toBe(0);
    expect(sha(path.join(dir, 'unbundled.pdf'))).toBe(golden()['issue-91']);
    const folder = path.join(dir, 'unbundled-batch');
    for (const name of ['publication.yaml', 'a.yaml', 'b.yaml']) cpSync(path.join(dir, name === 'publication.yaml' ? name : 'issue-91.yaml'), path.join(folder, name));
    const two = spawnSync(process.execPath, [bin, 'build', folder, '-o', path.join(dir, 'unbundled-out') + path.sep, '-j', '2', '--force', '-q'], { encoding: 'utf8' });
    expect(two.status, two.stderr).toBe(0);
    for (const name of ['a', 'b']) expect(sha(path.join(dir, 'unbundled-out', `${name}.pdf`)), name).toBe(golden()['issue-91']);
  });

  it('the dashes on record (fonts.lock.json) are the glyphs fwid gives, shaped afresh', () => {
    for (const name of Object.values(FONT_FILES)) {
      const file = `${FONT_DIR}${name}`;
      const recorded = lockEntry(file)?.shaped;
      expect(recorded, `${name} has no record`).toBeDefined();
      const fresh = new Face(file);
      for (const text of SHAPED) expect(fresh.glyph(text), `${name} ${text}`).toEqual(recorded![text]);
      // The full-width dash: one em, or two for the pair (T8).
      expect(fresh.glyph('——')?.advance).toBe(2);
    }
  });
});
