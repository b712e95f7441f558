/**
 * The pipeline, edge to edge: issue file → PDF file. The stages between are pure;
 * only this module (and the batch runner) reads and writes files.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { writeAtomically } from './atomic.js';
import { sha256 } from './hash.js';
import { compose, type Document } from './document/index.js';
import { FontSet } from './fonts/index.js';
import { InputError, fileProblem, loadIssue, shown, type Issue, type Problem } from './issue/index.js';
import type { ImageUse } from './image/index.js';
import { layout, type Layout, type LayoutOptions, type LineTrace, type Page } from './page/index.js';
import { resolveStyle, type Style } from './style/index.js';
import { VERSION } from './version.js';

/** What a build did, as `--json` prints it. */
export interface BuildRecord {
  input: string;
  output: string;
  pages: number;
  /** SHA-256 of the PDF written (for the build record); none when nothing was written. */
  sha256?: string;
  milliseconds: number;
  /** The output was up to date and left alone. */
  skipped: boolean;
  warnings: Problem[];
  errors: Problem[];
  /** Proofreading's findings, counted (`bulletin check` lists them). */
  proofreading?: { warnings: number; notes: number };
}

export interface Laid {
  issue: Issue;
  doc: Document;
  laid: Layout;
  /** The fonts the issue is set in. */
  fonts: FontSet;
  style: Style;
  warnings: Problem[];
}

/**
 * Load, validate and lay out an issue: everything but the PDF (`bulletin check`).
 * `loaded` is the issue when the caller has loaded it already (a batch, to weigh
 * whether it is up to date): it is then not read twice.
 */
export function layIssue(input: string, shared: FontSet, options: LayoutOptions = {}, loaded?: Issue): Laid {
  const issue = loaded ?? loadIssue(input);
  const style = resolveStyle(issue.style);
  // The fonts of the issue: each role's stack, its faces opened now so that one
  // that cannot be used is reported at the key that names it.
  const { fonts, notes } = shared.forStyle(issue.style);
  const doc = compose(issue);
  const laid = layout(doc, style, fonts, options);
  return { issue, doc, laid, fonts, style, warnings: [...doc.warnings, ...notes, ...laid.warnings] };
}

/** Every image the pages draw, with its printed size and the text that named it. */
function imageUses(pages: Page[]): ImageUse[] {
  return pages.flatMap((page) =>
    page.items.flatMap((item) => (item.type === 'image' ? [{ file: item.file, width: item.width, height: item.height, named: item.named ?? { text: item.file, source: { file: item.file, path: '', anchors: [] } } }] : [])),
  );
}

/** Build one issue into a PDF in memory. */
export async function buildPdf(
  input: string,
  fonts: FontSet,
  options: LayoutOptions = {},
  loaded?: Issue,
): Promise<{ pdf: Buffer; pages: number; trace: LineTrace[]; warnings: Problem[]; issue: Issue }> {
  const { doc, laid, warnings, fonts: set, style, issue } = layIssue(input, fonts, options, loaded);
  // The writer (pdfkit, fontkit's subsetter) is loaded only when a PDF is written: not for check;
  // the image encoder (sharp) only when the issue has images.
  const uses = imageUses(laid.pages);
  const images = uses.length === 0 ? new Map() : await (await import('./image/encode.js')).encodeImages(uses, style.images.ppi);
  const { writePdf } = await import('./pdf/index.js');
  const pdf = await writePdf(laid, { ...doc.meta, creator: `bulletin ${VERSION}`, lang: 'zh-CN' }, set, images);
  return { pdf, pages: laid.pages.length, trace: laid.trace, warnings, issue };
}

/**
 * Build one issue into a file. An existing file is replaced only by a complete
 * PDF; input problems are returned, never thrown, so a batch goes on.
 */
export async function buildFile(
  input: string,
  output: string,
  fonts = new FontSet(),
  options: LayoutOptions = {},
  loaded?: Issue,
): Promise<BuildRecord & { trace: LineTrace[] }> {
  const started = performance.now();
  const record = { input, output, pages: 0, skipped: false, trace: [] as LineTrace[] };
  try {
    checkOutput(output);
    const { pdf, pages, trace, warnings, issue } = await buildPdf(input, fonts, options, loaded);
    writeAtomically(output, pdf);
    // Proofreading never changes the PDF: its findings are counted here, listed by check.
    const { proofread } = await import('./proof/index.js');
    const findings = await proofread(issue);
    const proofreading = { warnings: findings.filter((f) => f.severity === 'warning').length, notes: findings.filter((f) => f.severity === 'note').length };
    return { ...record, pages, sha256: sha256(pdf), trace, warnings, errors: [], proofreading, milliseconds: performance.now() - started };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const errors = e.problems.filter((p) => p.severity === 'error');
    const warnings = e.problems.filter((p) => p.severity === 'warning');
    return { ...record, warnings, errors, milliseconds: performance.now() - started };
  }
}

function checkOutput(output: string): void {
  const fail = (message: string, hint: string): never => {
    throw new InputError([fileProblem(output, message, hint)]);
  };
  try {
    if (statSync(output).isDirectory()) fail('is a folder; name a file to write the PDF to', `for example ${path.join(output, 'issue.pdf')}, or end the folder with / to write <issue>.pdf in it`);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
  if (path.extname(output).toLowerCase() !== '.pdf') fail('the output file should end in .pdf', 'name the PDF with -o, such as -o output/issue-91.pdf');
}
