/**
 * Proofs to look at (issue 17): `build --proof` writes a PNG of every page and one
 * contact sheet showing them all beside the PDF. The pages are compared with
 * poppler's rendering of the same PDF (an independent renderer): where the embedded
 * subset fonts were not drawn, or drawn as boxes, the ink would not match.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { has, readPdf } from './helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
let dir: string;
let out: { code: number | null; stdout: string; stderr: string };

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-render-'));
  mkdirSync(path.join(dir, 'issues'));
  for (const f of ['issue-91.yaml', 'publication.yaml']) cpSync(path.join(root, 'issues', f), path.join(dir, 'issues', f));
  const r = spawnSync(process.execPath, [bin, 'build', 'issues/issue-91.yaml', '--proof'], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  out = { code: r.status, stdout: r.stdout, stderr: r.stderr };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => path.join(dir, 'output', name);

/** The mean grey level (0 black … 255 white) of each cell of a grid laid over an image, or each pixel. */
async function ink(png: Buffer, columns?: number, rows?: number): Promise<number[]> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  const grey = (x: number, y: number) => {
    const i = (y * image.width + x) * 4;
    return (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
  };
  if (columns === undefined || rows === undefined) return Array.from({ length: image.width * image.height }, (_, i) => grey(i % image.width, Math.floor(i / image.width)));
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const [x0, x1] = [Math.floor((c * image.width) / columns), Math.floor(((c + 1) * image.width) / columns)];
      const [y0, y1] = [Math.floor((r * image.height) / rows), Math.floor(((r + 1) * image.height) / rows)];
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += grey(x, y);
      out.push(sum / ((x1 - x0) * (y1 - y0)));
    }
  }
  return out;
}

describe('build --proof', () => {
  it('writes the PDF, a PNG of every page and the contact sheet beside it', async () => {
    expect(out.code, out.stderr).toBe(0);
    const pages = (await readPdf(file('issue-91.pdf'))).length;
    const pngs = readdirSync(path.join(dir, 'output')).filter((f) => /^issue-91\.proof-\d+\.png$/.test(f)).sort();
    expect(pngs).toEqual(Array.from({ length: pages }, (_, i) => `issue-91.proof-${String(i + 1).padStart(2, '0')}.png`));
    expect(existsSync(file('issue-91.proof.png'))).toBe(true);
    expect(out.stdout).toContain(`output/issue-91.pdf → output/issue-91.proof.png (${pages} pages, `);
  });

  it('pages at 110 dpi: A4 is 910 × 1287 pixels', async () => {
    const image = await loadImage(readFileSync(file('issue-91.proof-01.png')));
    // 595.28 × 841.89 pt × 110/72, rounded up.
    expect([image.width, image.height]).toEqual([910, 1287]);
  });

  it('the contact sheet shows every page: four to a row, each cell holding a page with ink on it', async () => {
    const pages = readdirSync(path.join(dir, 'output')).filter((f) => /^issue-91\.proof-\d+\.png$/.test(f)).length;
    const sheet = readFileSync(file('issue-91.proof.png'));
    const image = await loadImage(sheet);
    const rows = Math.ceil(pages / 4);
    // Cells 300 px wide, 24 px apart and around; a page 300 × 424 px and its number under it.
    expect(image.width).toBe(24 + 4 * (300 + 24));
    expect(image.height).toBe(24 + rows * (425 + 28 + 24));
    const cells = await ink(sheet);
    for (let i = 0; i < pages; i++) {
      const x0 = 24 + (i % 4) * 324;
      const y0 = 24 + Math.floor(i / 4) * 477;
      let white = 0;
      let dark = 0;
      for (let y = y0; y < y0 + 424; y += 4) {
        for (let x = x0; x < x0 + 300; x += 4) {
          const v = cells[y * image.width + x]!;
          if (v > 250) white++;
          if (v < 160) dark++;
        }
      }
      expect(white, `page ${i + 1} is on the sheet (paper)`).toBeGreaterThan(2000);
      expect(dark, `page ${i + 1} is on the sheet (text)`).toBeGreaterThan(20);
    }
  });

  it.runIf(has('pdftoppm'))('every page matches poppler\'s rendering of the PDF: the CJK subset fonts are drawn', async () => {
    const pages = readdirSync(path.join(dir, 'output')).filter((f) => /^issue-91\.proof-\d+\.png$/.test(f)).sort();
    const reference = path.join(dir, 'poppler');
    execFileSync('pdftoppm', ['-png', '-r', '110', file('issue-91.pdf'), reference]);
    const theirs = readdirSync(dir).filter((f) => f.startsWith('poppler')).sort();
    expect(theirs.length).toBe(pages.length);
    for (const [i, name] of pages.entries()) {
      // Ink per cell of a 20 × 28 grid (a cell is about two lines of text): where a
      // glyph were missing or a box, a cell would differ by far more.
      const ours = await ink(readFileSync(file(name)), 20, 28);
      const poppler = await ink(readFileSync(path.join(dir, theirs[i]!)), 20, 28);
      const worst = Math.max(...ours.map((v, k) => Math.abs(v - poppler[k]!)));
      expect(worst, `page ${i + 1}`).toBeLessThan(12);
      expect(Math.min(...ours), `page ${i + 1} has ink`).toBeLessThan(245);
    }
  });
});
