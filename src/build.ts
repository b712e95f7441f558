/**
 * The pipeline, edge to edge: issue file → PDF file. The stages between are pure;
 * only this module (and the batch runner) reads and writes files.
 */
import { statSync, type Stats } from 'node:fs';
import { dependenciesOf } from './batch/state.js';
import { kindOf } from './read.js';
import path from 'node:path';
import { writeAtomicallyHeard } from './atomic.js';
import { sha256 } from './hash.js';
import { compose, type Document } from './document/index.js';
import { FontSet } from './fonts/index.js';
import { InputError, fileProblem, loadIssue, shown, type Issue, type Problem } from './issue/index.js';
import type { ImageUse } from './image/index.js';
import { layout, type Layout, type LayoutOptions, type LineTrace, type Page, type SetMemo } from './page/index.js';
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
  /** The stack of an internal error (the program's fault, not the input's) that failed this issue. */
  internal?: string;
  /**
   * The files the issue was built from, or found up to date against (a batch says):
   * the issue, its publication file, images and fonts; none when it did not load.
   */
  inputs?: string[];
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
 * whether it is up to date): it is then not read twice. `memo`: the text as the
 * last build of this issue set it (--watch), taken where unchanged.
 */
export function layIssue(input: string, shared: FontSet, options: LayoutOptions = {}, loaded?: Issue, memo?: SetMemo): Laid {
  const issue = loaded ?? loadIssue(input);
  const style = resolveStyle(issue.style);
  // The fonts of the issue: each role's stack, its faces opened now so that one
  // that cannot be used is reported at the key that names it.
  const { fonts, notes } = shared.forStyle(issue.style, issue.folder);
  const doc = compose(issue);
  const laid = layout(doc, style, fonts, options, memo);
  return { issue, doc, laid, fonts, style, warnings: [...doc.warnings, ...notes, ...laid.warnings] };
}

/** Every image the pages draw, with its printed size and the text that named it. */
function imageUses(pages: Page[]): ImageUse[] {
  return pages.flatMap((page) =>
    page.items.flatMap((item) => (item.type === 'image' ? [{ file: item.file, width: item.width, height: item.height, named: item.named ?? { text: item.file, source: { file: item.file, path: '', anchors: [] } } }] : [])),
  );
}

/**
 * Problems with a font file found as the PDF is written (an outline damaged past
 * what opening the font checks), placed where the style names that font.
 */
function atFontKeys(fonts: FontSet, problems: Problem[]): Problem[] {
  return problems.map((p) => {
    const at = fonts.placeOf(p.file);
    return at ? { ...p, ...at, message: `${p.message}: ${shown(p.file)}` } : p;
  });
}

/** Build one issue into a PDF in memory. */
export async function buildPdf(
  input: string,
  fonts: FontSet,
  options: LayoutOptions = {},
  loaded?: Issue,
  memo?: SetMemo,
): Promise<{ pdf: Buffer; pages: number; trace: LineTrace[]; warnings: Problem[]; issue: Issue }> {
  const { doc, laid, warnings, fonts: set, style, issue } = layIssue(input, fonts, options, loaded, memo);
  // The writer (pdfkit, fontkit's subsetter) is loaded only when a PDF is written: not for check;
  // the image encoder (sharp) only when the issue has images. Each image file is read
  // once more, from inside the issue's folder (a file changed or swapped since the
  // loader read its header is refused at its key), and sharp is given its bytes.
  const uses = imageUses(laid.pages);
  const images = uses.length === 0 ? new Map() : await (await import('./image/encode.js')).encodeImages(uses, style.images.ppi, issue.folder);
  const { writePdf } = await import('./pdf/index.js');
  let pdf: Buffer;
  try {
    pdf = await writePdf(laid, { ...doc.meta, creator: `bulletin ${VERSION}`, lang: 'zh-CN' }, set, images);
  } catch (e) {
    // A font damaged past what opening it checks (its outlines) fails as it is subset.
    if (!(e instanceof InputError)) throw e;
    throw new InputError(atFontKeys(set, e.problems));
  }
  return { pdf, pages: laid.pages.length, trace: laid.trace, warnings, issue };
}

/**
 * Build one issue into a file. An existing file is replaced only by a complete
 * PDF; problems, and the program's own errors, are returned, never thrown, so a
 * batch goes on. `loaded` and `memo` as for layIssue.
 */
export async function buildFile(
  input: string,
  output: string,
  fonts = new FontSet(),
  options: LayoutOptions = {},
  loaded?: Issue,
  memo?: SetMemo,
): Promise<BuildRecord & { trace: LineTrace[] }> {
  const started = performance.now();
  const record = { input, output, pages: 0, skipped: false, trace: [] as LineTrace[] };
  try {
    const wrong = outputProblem(output);
    if (wrong) throw new InputError([wrong]);
    const issue = loaded ?? loadIssue(input);
    checkNotSource(output, issue, fonts);
    const { pdf, pages, trace, warnings } = await buildPdf(input, fonts, options, issue, memo);
    await writeAtomicallyHeard(output, pdf);
    // Proofreading never changes the PDF: its findings are counted here, listed by check.
    const { proofread } = await import('./proof/index.js');
    const findings = await proofread(issue);
    const proofreading = { warnings: findings.filter((f) => f.severity === 'warning').length, notes: findings.filter((f) => f.severity === 'note').length };
    return { ...record, pages, sha256: sha256(pdf), trace, warnings, errors: [], proofreading, milliseconds: performance.now() - started };
  } catch (e) {
    if (!(e instanceof InputError)) return { ...failed(record, e), trace: [], milliseconds: performance.now() - started };
    const errors = e.problems.filter((p) => p.severity === 'error');
    const warnings = e.problems.filter((p) => p.severity === 'warning');
    return { ...record, warnings, errors, milliseconds: performance.now() - started };
  }
}

/**
 * The record of an issue whose build failed by the program's own fault (an
 * exception, a worker that died): that issue's error, so that a batch goes on.
 */
export function failed(job: { input: string; output: string }, e: unknown): BuildRecord {
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    input: job.input,
    output: job.output,
    pages: 0,
    milliseconds: 0,
    skipped: false,
    warnings: [],
    errors: [fileProblem(job.input, `internal error: ${err.message}`, 'run again with --debug for details, and report it')],
    internal: err.stack ?? err.message,
  };
}

/**
 * What is wrong with an output path before anything is built: a folder, a named
 * pipe or a device (the PDF is renamed into place, which would replace it with a
 * file), a name that does not end in .pdf.
 */
export function outputProblem(output: string): Problem | undefined {
  let stat: Stats | undefined;
  try {
    stat = statSync(output);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) {
    return fileProblem(output, 'is a folder; name a file to write the PDF to', `for example ${path.join(output, 'issue.pdf')}, or end the folder with / to write <issue>.pdf in it`);
  }
  if (stat && !stat.isFile()) return fileProblem(output, `is ${kindOf(stat)}; name a file to write the PDF to`, 'name a PDF file with -o, such as -o output/issue-91.pdf');
  if (path.extname(output).toLowerCase() !== '.pdf') return fileProblem(output, 'the output file should end in .pdf', 'name the PDF with -o, such as -o output/issue-91.pdf');
  return undefined;
}

/** An output that is one of the files the issue is built from (an issue file named issue.pdf, -o naming its image) is refused. */
function checkNotSource(output: string, issue: Issue, fonts: FontSet): void {
  let out: Stats;
  try {
    out = statSync(output);
  } catch {
    return;
  }
  const images = new Set(issue.sections.flatMap((s) => s.articles.flatMap((a) => a.body.flatMap((b) => (b.kind === 'image' ? [b.file] : b.kind === 'images' ? b.images.map((i) => i.file) : [])))));
  for (const file of dependenciesOf(issue.file, issue, fonts)) {
    let source: Stats;
    try {
      source = statSync(file);
    } catch {
      continue;
    }
    if (source.dev !== out.dev || source.ino !== out.ino) continue;
    const what = file === issue.file ? 'the issue file itself' : file === issue.publicationFile ? "the issue's publication file" : images.has(file) ? 'an image of the issue' : 'a font of the issue';
    throw new InputError([fileProblem(output, `is ${what}; the PDF would overwrite it`, 'name another file for the PDF with -o')]);
  }
}
