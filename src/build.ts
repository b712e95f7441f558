/**
 * The pipeline, edge to edge: issue file → PDF file. The stages between are pure;
 * only this module reads and writes files.
 */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compose } from './document/index.js';
import { FontSet } from './fonts/index.js';
import { InputError, loadIssue } from './issue/index.js';
import { layout, type LayoutOptions, type LineTrace } from './page/index.js';
import { writePdf } from './pdf/index.js';
import { resolveStyle } from './style/index.js';
import { VERSION } from './version.js';

export interface BuildResult {
  input: string;
  output: string;
  pages: number;
  bytes: number;
  /** The line breaker's trace, when asked for. */
  trace: LineTrace[];
}

/** Build one issue into a PDF in memory. */
export async function buildPdf(
  input: string,
  fonts: FontSet,
  options: LayoutOptions = {},
): Promise<{ pdf: Buffer; pages: number; trace: LineTrace[] }> {
  const issue = loadIssue(input);
  const style = resolveStyle(issue.style);
  const doc = compose(issue);
  const laid = layout(doc, style, fonts, options);
  const pdf = await writePdf(laid, { ...doc.meta, creator: `bulletin ${VERSION}`, lang: 'zh-CN' }, fonts);
  return { pdf, pages: laid.pages.length, trace: laid.trace };
}

/** The default output: `output/<name>.pdf` under the current directory. */
export function defaultOutput(input: string, cwd = process.cwd()): string {
  return path.join(cwd, 'output', `${path.basename(input, path.extname(input))}.pdf`);
}

/** Build one issue into a file. An existing file is replaced only by a complete PDF. */
export async function build(
  input: string,
  output: string,
  fonts = new FontSet(),
  options: LayoutOptions = {},
): Promise<BuildResult> {
  checkOutput(output);
  const { pdf, pages, trace } = await buildPdf(input, fonts, options);
  writeAtomically(output, pdf);
  return { input, output, pages, bytes: pdf.length, trace };
}

function checkOutput(output: string): void {
  const fail = (message: string): never => {
    throw new InputError([{ severity: 'error', file: output, line: 0, col: 0, path: '', message }]);
  };
  try {
    if (statSync(output).isDirectory()) fail('is a folder; name a file to write the PDF to');
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
  if (path.extname(output).toLowerCase() !== '.pdf') fail('the output file should end in .pdf');
}

/**
 * Write to a temporary file beside the target, then rename over it: a reader never
 * sees a partial PDF, and a failure leaves the previous one untouched.
 */
export function writeAtomically(target: string, bytes: Buffer): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, bytes);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError([
      { severity: 'error', file: target, line: 0, col: 0, path: '', message: `cannot write the PDF (${code})` },
    ]);
  }
}
