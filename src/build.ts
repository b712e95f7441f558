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
import { FontSet, type FontRole } from './fonts/index.js';
import { InputError, fileProblem, loadIssue, problemAt, shown, type Issue, type Problem } from './issue/index.js';
import { readImage, type Rgba } from './image/index.js';
import { layout, type Layout, type LayoutOptions, type LineTrace } from './page/index.js';
import { resolveStyle } from './style/index.js';
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
  /** The stack of an internal error (the program's fault, not the input's) that failed this issue. */
  internal?: string;
}

export interface Laid {
  issue: Issue;
  doc: Document;
  laid: Layout;
  /** The fonts the issue is set in. */
  fonts: FontSet;
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
  const fonts = fontsOf(issue, shared);
  const doc = compose(issue);
  const laid = layout(doc, style, fonts, options);
  return { issue, doc, laid, fonts, warnings: [...doc.warnings, ...laid.warnings] };
}

/**
 * The fonts of an issue: the vendored ones, or the files its style names, each
 * opened now so that a missing or broken one is reported at the key that names it.
 */
function fontsOf(issue: Issue, shared: FontSet): FontSet {
  const given = issue.style.fonts ?? {};
  const roles = { serif: 'serif', serifBold: 'serif-bold', sansBold: 'sans-bold' } as const;
  const files: Partial<Record<FontRole, string>> = {};
  for (const [key, role] of Object.entries(roles)) {
    const file = given[key as keyof typeof roles];
    if (file) files[role] = file;
  }
  const fonts = shared.withFiles(files, issue.folder);
  for (const [key, role] of Object.entries(roles)) {
    if (!given[key as keyof typeof roles]) continue;
    try {
      fonts.face(role);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw new InputError(atFontKeys(issue, e.problems));
    }
  }
  return fonts;
}

/** Problems with a font file the issue names, placed at the style key that names it. */
function atFontKeys(issue: Issue, problems: Problem[]): Problem[] {
  const named = Object.entries(issue.style.fonts ?? {});
  return problems.map((p) => {
    const key = named.find(([, file]) => file === p.file)?.[0];
    const at = key === undefined ? undefined : issue.style.sources?.[`fonts.${key}`];
    return at ? { ...p, ...at, message: `${p.message}: ${shown(p.file)}` } : p;
  });
}

/**
 * The pixels of the issue's images, by file, read from inside its folder: the
 * loader's, unless the file changed since (a worker reads them afresh). One that
 * cannot be read now is an error at its key, as it was when loaded.
 */
function imagesOf(issue: Issue): Map<string, Rgba> {
  const images = new Map<string, Rgba>();
  for (const section of issue.sections) {
    for (const article of section.articles) {
      for (const block of article.body) {
        if (block.kind !== 'image' || images.has(block.file)) continue;
        const pixels = readImage(block.file, issue.folder);
        if (typeof pixels === 'string') {
          const name = path.relative(path.dirname(path.resolve(issue.file)), block.file);
          throw new InputError([problemAt('error', block.source, 0, `${name}: ${pixels}`, 'the image changed after the issue was loaded; check it, and build again')]);
        }
        images.set(block.file, pixels);
      }
    }
  }
  return images;
}

/** Build one issue into a PDF in memory. */
export async function buildPdf(
  input: string,
  fonts: FontSet,
  options: LayoutOptions = {},
  loaded?: Issue,
): Promise<{ pdf: Buffer; pages: number; trace: LineTrace[]; warnings: Problem[] }> {
  const { issue, doc, laid, warnings, fonts: set } = layIssue(input, fonts, options, loaded);
  const images = imagesOf(issue);
  // The writer (pdfkit, fontkit's subsetter) is loaded only when a PDF is written: not for check.
  const { writePdf } = await import('./pdf/index.js');
  let pdf: Buffer;
  try {
    pdf = await writePdf(laid, { ...doc.meta, creator: `bulletin ${VERSION}`, lang: 'zh-CN' }, set, images);
  } catch (e) {
    // A font damaged past what opening it checks (its outlines) fails as it is subset.
    if (!(e instanceof InputError)) throw e;
    throw new InputError(atFontKeys(issue, e.problems));
  }
  return { pdf, pages: laid.pages.length, trace: laid.trace, warnings };
}

/**
 * Build one issue into a file. An existing file is replaced only by a complete
 * PDF; problems, and the program's own errors, are returned, never thrown, so a
 * batch goes on.
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
    const wrong = outputProblem(output);
    if (wrong) throw new InputError([wrong]);
    const issue = loaded ?? loadIssue(input);
    checkNotSource(output, issue);
    const { pdf, pages, trace, warnings } = await buildPdf(input, fonts, options, issue);
    await writeAtomicallyHeard(output, pdf);
    return { ...record, pages, sha256: sha256(pdf), trace, warnings, errors: [], milliseconds: performance.now() - started };
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
function checkNotSource(output: string, issue: Issue): void {
  let out: Stats;
  try {
    out = statSync(output);
  } catch {
    return;
  }
  const images = new Set(issue.sections.flatMap((s) => s.articles.flatMap((a) => a.body.flatMap((b) => (b.kind === 'image' ? [b.file] : [])))));
  for (const file of dependenciesOf(issue.file, issue)) {
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
