/**
 * Reading PDFs back with independent readers: pdf.js (pdfjs-dist) for text and
 * positions, poppler and qpdf for fonts and structure. Nothing here uses bulletin's
 * own view of what it wrote.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfGlyphRun {
  str: string;
  /** From the page's left edge, points. */
  x: number;
  /** Baseline from the page's top edge, points. */
  y: number;
  width: number;
  fontSize: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  runs: PdfGlyphRun[];
  /** The page's text in content order, runs joined, no whitespace added. */
  text: string;
}

export async function readPdf(file: string): Promise<PdfPage[]> {
  const data = new Uint8Array(readFileSync(file));
  const pdf = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const runs: PdfGlyphRun[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const t = item.transform as number[];
      runs.push({ str: item.str, x: t[4]!, y: height - t[5]!, width: item.width, fontSize: Math.hypot(t[2]!, t[3]!) });
    }
    pages.push({ number: n, width, height, runs, text: runs.map((r) => r.str).join('') });
    page.cleanup();
  }
  await pdf.destroy();
  return pages;
}

/** Text with every kind of whitespace removed. */
export function squash(text: string): string {
  return text.replace(/\s+/gu, '');
}

/**
 * Whether a command-line tool is on this machine. Tests that need one are skipped
 * without it, except where BULLETIN_REQUIRE_TOOLS is set (as .ci/run sets it):
 * there a missing tool is a failure, not a skip.
 */
export function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.BULLETIN_REQUIRE_TOOLS === '1') throw new Error(`${tool} is required here and not installed`);
    return false;
  }
}
