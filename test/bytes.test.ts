/**
 * The bytes of the PDF, guarded: issue 91 and synthetic issues with 4× and 16× its
 * text must come out byte for byte as recorded in test/golden/pdf-sha256.json.
 * Work on speed must not change a byte of the output; a change that means to
 * (the layout, the writer) shows here, and is accepted with
 * `BULLETIN_BLESS=1 npx vitest run test/bytes.test.ts` after the golden dumps
 * (test/golden.test.ts) have shown what moved.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../src/build.js';
import { FontSet } from '../src/fonts/index.js';

const root = path.resolve(import.meta.dirname, '..');
const goldenFile = path.join(root, 'test', 'golden', 'pdf-sha256.json');
const fonts = new FontSet();
let dir: string;

/** Issue 91 with every article's body repeated k times (as bench/run.mjs makes them). */
function scaled(yaml: string, k: number): string {
  return yaml.replace(/( {8}body: \|\n)((?: {10}.*\n|\n)+?)(?= {6}- title:| {2}- title:|colophon:)/g, (_, head: string, body: string) => {
    const text = body.replace(/\n+$/, '\n');
    return head + Array.from({ length: k }, () => text).join('\n');
  });
}

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
    if (process.env.BULLETIN_BLESS === '1' || !existsSync(goldenFile)) {
      writeFileSync(goldenFile, `${JSON.stringify(hashes, null, 2)}\n`);
      if (process.env.BULLETIN_BLESS !== '1') throw new Error('pdf-sha256.json was missing; written now, commit it');
      return;
    }
    expect(hashes).toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });
});
