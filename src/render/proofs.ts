/**
 * Proofs to look at (`build --proof`): the pages of a built PDF as PNG images and
 * one contact sheet of them all, written beside the PDF — `issue-91.proof.png`,
 * `issue-91.proof-01.png` … — for the office head who approves the issue on a phone.
 *
 * Rendered by pdf.js (Apache-2.0) onto @napi-rs/canvas (MIT; Skia, a prebuilt
 * binary inside its npm package), both loaded only here: the renderers that draw
 * CJK as well are AGPL (MuPDF) or native programs (poppler). pdf.js draws the
 * embedded subset fonts from their outlines (no font face of the system is used),
 * so the proof shows the glyphs the PDF holds.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../atomic.js';
import { FONT_DIR, FONT_FILES } from '../fonts/index.js';

/** Pages at 110 dpi: an A4 page is 909 × 1286 pixels, legible on a phone at full width. */
const PAGE_DPI = 110;
/** The contact sheet: pages 300 pixels wide, four to a row, 24 pixels apart, each numbered under it. */
const THUMB = 300;
const COLUMNS = 4;
const GAP = 24;
const LABEL = 28;

export interface Proofs {
  /** The contact sheet. */
  sheet: string;
  /** One PNG per page, in order. */
  pages: string[];
}

/** Where the proofs of a PDF go: `out/issue-91.pdf` → `out/issue-91.proof.png`, `out/issue-91.proof-01.png`. */
export function proofFiles(pdf: string, count: number): Proofs {
  const base = pdf.replace(/\.pdf$/i, '');
  const digits = Math.max(2, String(count).length);
  return { sheet: `${base}.proof.png`, pages: Array.from({ length: count }, (_, i) => `${base}.proof-${String(i + 1).padStart(digits, '0')}.png`) };
}

export async function writeProofs(pdf: string): Promise<Proofs> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas, GlobalFonts } = await import('@napi-rs/canvas');
  const document = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  try {
    const files = proofFiles(pdf, document.numPages);
    const scale = PAGE_DPI / 72;
    const pages = await Promise.all(Array.from({ length: document.numPages }, (_, i) => document.getPage(i + 1)));
    const sizes = pages.map((page) => page.getViewport({ scale }));
    // The sheet is laid out first, so that each page is drawn on it as it is rendered and let go.
    const thumb = THUMB / Math.ceil(sizes[0]!.width);
    const columns = Math.min(COLUMNS, pages.length);
    const cell = { width: THUMB, height: Math.ceil(Math.max(...sizes.map((v) => Math.ceil(v.height))) * thumb) + LABEL };
    const sheet = createCanvas(GAP + columns * (cell.width + GAP), GAP + Math.ceil(pages.length / columns) * (cell.height + GAP));
    const board = sheet.getContext('2d');
    board.fillStyle = '#d9d9d9';
    board.fillRect(0, 0, sheet.width, sheet.height);
    board.imageSmoothingQuality = 'high';
    // The sheet's numbers in the vendored sans (the canvas has no fonts of its own).
    GlobalFonts.registerFromPath(`${FONT_DIR}${FONT_FILES['sans-bold']}`, 'Bulletin Proof');
    board.font = '18px "Bulletin Proof"';
    board.textAlign = 'center';
    // PNG encoding takes longer than rendering: each page is encoded on libuv's
    // threads (canvas.encode) while the next is rendered.
    const written: Promise<void>[] = [];
    for (const [i, page] of pages.entries()) {
      const viewport = sizes[i]!;
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      // The paper: pdf.js paints only what the page draws.
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      // pdf.js is typed for the DOM's canvas; @napi-rs/canvas implements what it uses of it.
      await page.render({ canvas, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
      page.cleanup();
      const done = canvas.encode('png').then((png) => writeAtomically(files.pages[i]!, png, 'the proof'));
      // Awaited below with the others; until then a failure is not "unhandled".
      done.catch(() => {});
      written.push(done);
      const x = GAP + (i % columns) * (cell.width + GAP);
      const y = GAP + Math.floor(i / columns) * (cell.height + GAP);
      const height = Math.round(canvas.height * thumb);
      board.drawImage(canvas, x, y, THUMB, height);
      board.fillStyle = '#404040';
      board.fillText(String(i + 1), x + THUMB / 2, y + height + LABEL - 8);
    }
    writeAtomically(files.sheet, await sheet.encode('png'), 'the proof');
    await Promise.all(written);
    removeStale(pdf, files);
    return files;
  } finally {
    await document.destroy();
  }
}

/** Page images of an earlier, longer build of the same PDF. */
function removeStale(pdf: string, files: Proofs): void {
  const dir = path.dirname(pdf);
  const base = path.basename(pdf).replace(/\.pdf$/i, '');
  const current = new Set(files.pages.map((f) => path.basename(f)));
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${base}.proof-`) && /^\d+\.png$/.test(name.slice(base.length + 7)) && !current.has(name)) rmSync(path.join(dir, name), { force: true });
  }
}
