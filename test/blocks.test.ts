/**
 * Blocks other than paragraphs in an article body (issue-format.md): a subheading,
 * a note, an image with a caption. Built with the real command, read back with pdf.js.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from './helpers/png.js';
import { readPdf, squash } from './helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
let dir: string;

const issue = `publication: publication.yaml
issue: { number: 92, period: 2020年3月, printed: 2020-04-10 }
sections:
  - title: 本月关注
    articles:
      - title: 图片与小标题
        body:
          - 第一段文字，说明下面的图片。
          - heading: 一、小标题
          - image: photo.png
            caption: 图为防疫服务站
          - note: 编者按：这是一则说明。
          - 最后一段文字。
colophon: { copies: 50 }
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-blocks-'));
  cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
  writeFileSync(path.join(dir, 'issue-92.yaml'), issue);
  writeFileSync(path.join(dir, 'photo.png'), png(40, 30));
  writeFileSync(path.join(dir, 'not-an-image.png'), 'plain text');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('article blocks', () => {
  it('sets a subheading, an image with its caption and a note, in order', async () => {
    const out = path.join(dir, 'issue-92.pdf');
    execFileSync(process.execPath, [bin, 'build', path.join(dir, 'issue-92.yaml'), '-o', out]);
    const pages = await readPdf(out);
    // The body pages (the last paragraph may go over with the colophon, T25).
    const text = squash(pages.slice(1).map((p) => p.text).join(''));
    const order = ['第一段文字', '一、小标题', '图为防疫服务站', '编者按：这是一则说明。', '最后一段文字。'].map((t) => text.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const pdf = await getDocument({ data: new Uint8Array(readFileSync(out)), verbosity: 0 }).promise;
    const ops = await (await pdf.getPage(2)).getOperatorList();
    // pdf.js paints a small image inline.
    expect(ops.fnArray.some((f) => f === OPS.paintImageXObject || f === OPS.paintInlineImageXObject)).toBe(true);
    await pdf.destroy();

    // The image spans the measure at 40:30, its caption below it.
    const caption = pages[1]!.runs.find((r) => r.str.includes('图为'))!;
    const first = pages[1]!.runs.find((r) => r.str.includes('第一段'))!;
    expect(caption.y - first.y).toBeGreaterThan((400 * 30) / 40);
  });

  it('refuses an image that is not PNG or JPEG, naming its place', () => {
    writeFileSync(path.join(dir, 'bad.yaml'), issue.replace('photo.png', 'not-an-image.png'));
    const r = spawnSync(process.execPath, [bin, 'build', path.join(dir, 'bad.yaml'), '-o', path.join(dir, 'bad.pdf')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:10:20: sections\[0\]\.articles\[0\]\.body\[2\]\.image: not-an-image\.png: not a PNG or JPEG file/);
  });
});
