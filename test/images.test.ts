/**
 * Photos in a built issue (issue 15), through the real command: issue 91 with a
 * pair of camera photos, a pair with a caption each at 0.8 of the measure, and a
 * photo 60 mm wide. `pdfimages -list` (poppler) shows every photo JPEG-encoded,
 * CMYK, at most 300 ppi; two builds give the same bytes. Laid out with a figure
 * after each article's first paragraph in turn: one that does not fit at a page
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

/**
 * The lines of standard error without the source line and caret under each
 * message (test/diagnostic.test.ts tests those) and without the count of
 * proofreading's findings (issue 91's text has four; test/proofcli.test.ts).
 */
const said = (stderr: string) => stderr.split('\n').filter((l) => l !== '' && !/^ +\d* \| /.test(l) && !/: (warning: proofreading found|note: \d+ notes? on its fonts;) /.test(l) && !/: note: style\.preset: no \S+ font is installed/.test(l));

describe('issue 91 with photos', () => {
  it('builds without a word; the captions print; the same bytes twice', async () => {
    const first = run('build', 'photos.yaml', '-o', 'one.pdf');
    expect(first.status, first.stderr).toBe(0);
    expect(said(first.stderr)).toEqual([]);
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
    // The same figure after the first paragraph of each article in turn: wherever it
    // lands at a page foot without room, it floats; at least one placement does.
    const yaml = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
    let floated = 0;
    for (let article = 0; article < 12; article++) {
      const file = path.join(dir, `float-${article}.yaml`);
      writeFileSync(file, withFigures(yaml, [...Array<string | undefined>(article).fill(undefined), 'image: a.jpg\nwidth: 0.7'] as string[]));
      const issue = loadIssue(file);
      const style = resolveStyle(issue.style);
      const doc = compose(issue);
      const laid = layout(doc, style, new FontSet());
      const lineOf = (y: number) => Math.round((y - style.area.top - style.ascent * style.body.size) / style.body.pitch);
      const p = laid.pages.findIndex((page) => page.items.some((i) => i.type === 'image'));
      const picture = laid.pages[p]!.items.find((i) => i.type === 'image')!;
      const f = doc.flow.findIndex((b) => b.kind === 'figure');
      const before = doc.flow[f - 1]!;
      const after = new Set(doc.flow.slice(f + 1).map((b) => b.id));
      const text = (n: number) => laid.pages[n]!.items.filter((i): i is TextRun => i.type === 'text' && (i.tag?.role === 'P' || i.tag?.role === 'Note'));
      // At most to the head of the next page: the text before it ends on its page or the one before.
      const lastBefore = laid.pages.findLastIndex((page) => page.items.some((i) => i.type === 'text' && i.tag?.block === before.id));
      expect(p - lastBefore, `article ${article + 1}`).toBeLessThanOrEqual(1);
      const movedUp = p > 0 ? text(p - 1).filter((i) => after.has(i.tag!.block!)) : [];
      if (movedUp.length === 0) continue;
      floated++;
      // It heads its page; what moved up is the text right after it, from its first
      // line, of its own article; the page before ends on its last grid line.
      expect(Math.abs(picture.y - style.area.top), `article ${article + 1}`).toBeLessThan(1e-6);
      expect(movedUp[0]!.tag).toMatchObject({ block: doc.flow[f + 1]!.id, line: 0 });
      const articleId = doc.flow[f]!.id.replace(/b\d+$/, '');
      expect(movedUp.every((i) => i.tag!.block!.startsWith(`${articleId}b`))).toBe(true);
      expect(Math.max(...text(p - 1).map((i) => lineOf(i.y)))).toBe(style.body.lines - 1);
    }
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
    expect(said(r.stderr)).toEqual([
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
    const errors = said(r.stderr).filter((l) => !l.startsWith('  hint: '));
    expect(errors.slice(0, 1)).toEqual([
      expect.stringMatching(/^hostile\.yaml:16:20: sections\[0\]\.articles\[0\]\.body\[1\]\.image: tiny\.jpg: the file is \d+ bytes, too few for the 7200 × 5400 pixels its header claims: it is damaged or forged$/),
    ]);
    writeFileSync(path.join(dir, 'hostile.yaml'), withFigures(yaml, ['image: bomb.png']));
    const bomb = run('check', 'hostile.yaml');
    expect(bomb.status).toBe(1);
    expect(said(bomb.stderr).join('\n')).toMatch(/^hostile\.yaml:16:20: sections\[0\]\.articles\[0\]\.body\[1\]\.image: bomb\.png: the image is 40000 × 37500 pixels; at most 40 megapixels are taken\n {2}hint: /);
  });
});
