/**
 * Photos in a built issue (issue 15), through the real command: issue 91 with a
 * pair of camera photos, a pair with a caption each at 0.8 of the measure, and a
 * photo 60 mm wide (which, so placed, does not fit at the foot of page 4).
 * `pdfimages -list` (poppler) shows every photo JPEG-encoded, CMYK, at most
 * 300 ppi; two builds give the same bytes; a figure that does not fit at a page
 * foot heads the next page with the text after it filling the page before; an
 * image printed under 150 ppi is named with its resolution; hostile images are
 * refused at their key (how fast, and in how much memory, is measured by
 * `npm run bench`, not here).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBomb, tinyHugeJpeg } from '../bench/hostile.mjs';
import { photo } from '../bench/photo.mjs';
import { withFigures } from '../bench/scaled.mjs';
import { compose } from '../src/document/index.js';
import { FontSet } from '../src/fonts/index.js';
import { loadIssue } from '../src/issue/index.js';
import { layout, type TextRun } from '../src/page/index.js';
import { resolveStyle } from '../src/style/index.js';
import { has, readPdf, squash } from './helpers/pdf.js';
import { png } from './helpers/png.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
let dir: string;

const FIGURES = [
  'images: [a.jpg, b.jpg]\ncaption: 图为督导现场',
  'images:\n  - image: b.jpg\n    caption: 听取汇报\n  - image: a.jpg\n    caption: 实地检查\nwidth: 0.8',
  'image: a.jpg\nwidth: 60\ncaption: 调度会现场',
];

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-images-'));
  cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
  const yaml = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
  writeFileSync(path.join(dir, 'photos.yaml'), withFigures(yaml, FIGURES));
  for (const [name, seed] of [['a.jpg', 11], ['b.jpg', 12]] as const) {
    const raw = photo(2400, 1800, seed);
    writeFileSync(path.join(dir, name), await sharp(raw, { raw: { width: 2400, height: 1800, channels: 3 } }).jpeg({ quality: 90 }).toBuffer());
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('issue 91 with photos', () => {
  it('builds without a word; the captions print; the same bytes twice', async () => {
    const first = run('build', 'photos.yaml', '-o', 'one.pdf');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const again = run('build', 'photos.yaml', '-o', 'two.pdf');
    expect(again.status).toBe(0);
    expect(readFileSync(path.join(dir, 'two.pdf')).equals(readFileSync(path.join(dir, 'one.pdf')))).toBe(true);
    const text = squash((await readPdf(path.join(dir, 'one.pdf'))).map((p) => p.text).join(''));
    for (const caption of ['图为督导现场', '听取汇报', '实地检查', '调度会现场']) expect(text).toContain(caption);
  });

  it.skipIf(!has('pdfimages'))('pdfimages: every photo a JPEG, in CMYK, at most 300 ppi', () => {
    const list = execFileSync('pdfimages', ['-list', path.join(dir, 'one.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
    // Five pictures: two pairs and one alone.
    expect(list).toHaveLength(5);
    for (const line of list) {
      const [, , type, width, , color, comp, bpc, enc, , , , xppi, yppi] = line.trim().split(/\s+/);
      expect({ type, color, comp, bpc, enc }).toEqual({ type: 'image', color: 'cmyk', comp: '4', bpc: '8', enc: 'jpeg' });
      expect(Number(xppi)).toBeLessThanOrEqual(300);
      expect(Number(yppi)).toBeLessThanOrEqual(300);
      // Resampled: far fewer pixels than the 2400 of the file.
      expect(Number(width)).toBeLessThan(2400);
    }
  });

  it('a figure that does not fit at the foot heads the next page; the text after it fills the page before', () => {
    const issue = loadIssue(path.join(dir, 'photos.yaml'));
    const style = resolveStyle(issue.style);
    const doc = compose(issue);
    const laid = layout(doc, style, new FontSet());
    const lineOf = (y: number) => Math.round((y - style.area.top - style.ascent * style.body.size) / style.body.pitch);
    let floated = 0;
    laid.pages.forEach((page, p) => {
      for (const picture of page.items.filter((i) => i.type === 'image')) {
        if (Math.abs(picture.y - style.area.top) > 1e-6) continue;
        const f = doc.flow.findIndex((b) => picture.block === b.id || picture.block?.startsWith(`${b.id}.`));
        const after = new Set(doc.flow.slice(f + 1).map((b) => b.id));
        const previous = laid.pages[p - 1]!.items.filter((i): i is TextRun => i.type === 'text' && i.tag?.role === 'P');
        // Text from after the figure on the page before: it floated.
        const movedUp = previous.filter((i) => after.has(i.tag!.block!));
        if (movedUp.length === 0) continue;
        floated++;
        // What moved up is the text right after the figure, from its first line, and only paragraphs of its article.
        expect(movedUp[0]!.tag).toMatchObject({ block: doc.flow[f + 1]!.id, line: 0 });
        expect(movedUp.every((i) => i.tag!.block!.startsWith(picture.block!.replace(/b\d+(\.\d+)?$/, 'b')))).toBe(true);
        // The page before ends on its last grid line.
        expect(Math.max(...previous.map((i) => lineOf(i.y)))).toBe(style.body.lines - 1);
      }
    });
    expect(floated).toBeGreaterThan(0);
  });
});

describe('images an editor should hear about', () => {
  it('an image printed under 150 ppi: a warning naming the file and its resolution, at its key', () => {
    writeFileSync(path.join(dir, 'small.png'), png(300, 225));
    const yaml = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'small.yaml'), withFigures(yaml, ['image: small.png']));
    const r = run('build', 'small.yaml', '-o', 'small.pdf');
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^small\.yaml:16:20: warning: sections\[0\]\.articles\[0\]\.body\[1\]\.image: small\.png prints at \d+ ppi, under 150: it will look blurred$/),
      '  hint: use a larger original, or print it smaller (width: 0.5)',
    ]);
    const ppi = Number(/at (\d+) ppi/.exec(r.stderr)![1]);
    expect(ppi).toBeLessThan(150);
  });

  it('hostile images are refused at their key by `check`: 39 megapixels claimed in a few hundred bytes, a PNG header of 1.5 gigapixels', () => {
    writeFileSync(path.join(dir, 'tiny.jpg'), tinyHugeJpeg());
    writeFileSync(path.join(dir, 'bomb.png'), pngBomb({ inflated: 10_000_000 }));
    const yaml = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'hostile.yaml'), withFigures(yaml, ['image: tiny.jpg', 'image: bomb.png']));
    const r = run('check', 'hostile.yaml');
    expect(r.status).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => !l.startsWith('  hint: ') && l !== '');
    expect(errors.slice(0, 1)).toEqual([
      expect.stringMatching(/^hostile\.yaml:16:20: sections\[0\]\.articles\[0\]\.body\[1\]\.image: tiny\.jpg: the file is \d+ bytes, too few for the 7200 × 5400 pixels its header claims: it is damaged or forged$/),
    ]);
    writeFileSync(path.join(dir, 'hostile.yaml'), withFigures(yaml, ['image: bomb.png']));
    const bomb = run('check', 'hostile.yaml');
    expect(bomb.status).toBe(1);
    expect(bomb.stderr).toMatch(/^hostile\.yaml:16:20: sections\[0\]\.articles\[0\]\.body\[1\]\.image: bomb\.png: the image is 40000 × 37500 pixels; at most 40 megapixels are taken\n {2}hint: /);
  });
});
