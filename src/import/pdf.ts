/**
 * The PDF reader: the text of a printed issue in reading order, as the
 * intermediate text model. pdf.js (Apache-2.0) gives each page's text runs and
 * where they stand; it is loaded only when a PDF is read.
 *
 * 1. Lines: runs on one baseline (within a third of their size) make a line, read
 *    left to right; the page's lines are read top to bottom (one column). A gap
 *    wider than GAP ems splits a line into cells (`上街区地方史志办公室编 …
 *    2020年3月16日印`), each a line of its own. Runs are joined without a space
 *    where either side is a wide character (a gap there is the printer's spacing,
 *    T14, also where the PDF has a space character there), with one between
 *    Latin words, and one wherever the gap is wider than WIDE ems.
 * 2. Running heads and folios: a page's first or last line that is a folio
 *    (`3`, `— 3 —`, `- 3 -`, `第3页`) is left out; so is a first or last line that,
 *    its digits aside, is the first or last line of another page too.
 * 3. Paragraphs: a line continues the paragraph above it when that line ran to the
 *    right edge of the text (or past it: a mark hung in the margin, T16), and it
 *    starts at the left edge in the same size and face, no further below than the
 *    body's line spacing — also across a page break, which so joins the
 *    paragraphs it split. A line in another face starts a block of its own: a
 *    section heading set in the body's size in 黑体 (公文's 3号) is a heading even
 *    after a line that ran to the edge. Display lines (a title) in a row, in one
 *    size and face, make one block: joined as one line where they could not stand
 *    side by side (the printer wrapped it, at the measure or at a phrase, T29),
 *    kept as its lines where they could (the source broke it).
 */
import { colophonFields, entryLine } from './patterns.js';
import { joinPieces, isWide } from './text.js';
import type { ReadProblem, Source, SourceBlock, SourceParagraph } from './source.js';

/** One run of text on a page. Points, y up from the page's foot (PDF space). */
export interface Run {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** The face it is set in, as pdf.js names it: the same name for the same embedded font throughout a document. */
  font?: string;
}

/** A line (or a cell of one) of a page. */
interface PageLine {
  text: string;
  left: number;
  right: number;
  y: number;
  size: number;
  /** The face most of its characters are set in (of its wide ones, when it has any). */
  font?: string;
  page: number;
}

/** A gap wider than this many ems splits a line into cells. */
const GAP = 2.5;
/** A gap wider than this many ems between Latin letters is a space. */
const SPACE = 0.15;
/** A gap wider than this many ems is a space whatever stands beside it (a wide character's spacing is 1/4 em, T14). */
const WIDE = 0.8;

export async function readPdf(bytes: Uint8Array): Promise<Source> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes the bytes over: give it a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: PageLine[][] = [];
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        // Upright text only: rotated runs are stamps and marks, not the text.
        if (Math.abs(b!) > 1e-3 || Math.abs(c!) > 1e-3 || a! <= 0 || d! <= 0) continue;
        runs.push({ text: item.str, x: e!, y: f!, width: item.width, size: d!, font: item.fontName });
      }
      pages.push(linesOf(runs, n));
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return sourceOf(pages);
}

/** A page's runs as lines (and cells), top to bottom. */
export function linesOf(runs: Run[], page: number): PageLine[] {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x - q.x);
  const rows: Run[][] = [];
  for (const run of sorted) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.y - run.y) <= Math.max(row[0]!.size, run.size) / 3) row.push(run);
    else rows.push([run]);
  }
  const out: PageLine[] = [];
  for (const row of rows) {
    row.sort((p, q) => p.x - q.x);
    let cell: Run[] = [];
    const flush = () => {
      if (cell.length > 0) out.push(lineOf(cell, page));
      cell = [];
    };
    for (const run of row) {
      const last = cell.at(-1);
      if (last && run.x - (last.x + last.width) > GAP * Math.max(last.size, run.size)) flush();
      cell.push(run);
    }
    flush();
  }
  return out;
}

function lineOf(runs: Run[], page: number): PageLine {
  let text = '';
  runs.forEach((run, i) => {
    const piece = unspaced(run.text);
    if (i === 0) {
      text = piece;
      return;
    }
    const before = runs[i - 1]!;
    const gap = run.x - (before.x + before.width);
    const a = /.$/su.exec(text.trimEnd())?.[0] ?? '';
    const b = /^./su.exec(piece.trimStart())?.[0] ?? '';
    const spaced = gap > WIDE * run.size || (gap > SPACE * run.size && !isWide(a) && !isWide(b));
    text = spaced ? `${text.trimEnd()} ${piece.trimStart()}` : joinPieces(text.trimEnd(), piece.trimStart());
  });
  const size = mostUsed(runs, (r) => Math.round(r.size * 10) / 10, (a, b) => b - a);
  // The face of its Chinese text: digits and Latin words may come from another.
  const wide = runs.filter((r) => Array.from(r.text).some(isWide));
  const font = mostUsed(wide.length > 0 ? wide : runs, (r) => r.font);
  const last = runs.at(-1)!;
  return { text: text.trim(), left: runs[0]!.x, right: last.x + last.width, y: runs[0]!.y, size, ...(font === undefined ? {} : { font }), page };
}

/** A run's text, a space beside a wide character left out: the printer's spacing (T14: a quarter em between Han and Latin), not text. */
function unspaced(text: string): string {
  const t = text.replace(/\s+/gu, ' ');
  return t.replace(/(?<=\S) (?=\S)/gu, (_, at: number) => (isWide(t[at - 1]!) || isWide(t[at + 1]!) ? '' : ' '));
}

/** What most of the characters are set in (their size, their face); of two as common, the first by `tie`, else the first met. */
function mostUsed<I extends { text: string }, T>(items: I[], what: (item: I) => T, tie: (a: T, b: T) => number = () => 0): T {
  const count = new Map<T, number>();
  for (const i of items) count.set(what(i), (count.get(what(i)) ?? 0) + Array.from(i.text).length);
  return [...count].sort((a, b) => b[1] - a[1] || tie(a[0], b[0]))[0]![0];
}

/** `3`, `— 3 —`, `- 3 -`, `第3页`, `3 / 12`: a page number alone. */
const FOLIO = /^(?:[-—–－·•\s]*\d{1,4}[-—–－·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/u;

/** Running heads and feet: a first or last line that repeats, its digits aside, on other pages; folios. */
export function withoutFurniture(pages: PageLine[][]): PageLine[][] {
  const shape = (l: PageLine | undefined) => (l ? l.text.replace(/[0-9０-９]+/gu, '#').replace(/\s+/gu, '') : '');
  const count = (pick: (p: PageLine[]) => PageLine | undefined) => {
    const seen = new Map<string, number>();
    for (const p of pages) {
      const s = shape(pick(p));
      if (s !== '') seen.set(s, (seen.get(s) ?? 0) + 1);
    }
    return seen;
  };
  const heads = count((p) => p[0]);
  const feet = count((p) => p.at(-1));
  return pages.map((lines) => {
    let out = lines;
    // A folio may stand above or below a running head or foot: twice at each end.
    for (let k = 0; k < 2; k++) {
      const first = out[0];
      if (first && (FOLIO.test(first.text) || (heads.get(shape(first)) ?? 0) > 1)) out = out.slice(1);
      const last = out.at(-1);
      if (last && (FOLIO.test(last.text) || (feet.get(shape(last)) ?? 0) > 1)) out = out.slice(0, -1);
    }
    return out;
  });
}

/** The measure the body is set to: the left and right edges most lines share, the size and face most text is set in, the line spacing. */
interface Measure {
  left: number;
  right: number;
  size: number;
  font?: string;
  leading: number;
}

function measureOf(pages: PageLine[][]): Measure {
  const mode = (values: number[]) => {
    const count = new Map<number, number>();
    for (const v of values) count.set(Math.round(v), (count.get(Math.round(v)) ?? 0) + 1);
    return [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  };
  const lines = pages.flat();
  const size = mode(lines.map((l) => l.size * 10)) / 10;
  const sized = lines.filter((l) => Math.abs(l.size - size) < 0.5);
  // The body's face: a heading set in the body's size (公文's 3号 黑体) is in another.
  const font = sized.length > 0 ? mostUsed(sized, (l) => l.font) : undefined;
  const body = sized.filter((l) => l.font === font);
  const steps: number[] = [];
  for (const page of pages) for (let i = 1; i < page.length; i++) steps.push(page[i - 1]!.y - page[i]!.y);
  const leading = mode(steps.filter((s) => s > 0));
  return { left: mode(body.map((l) => l.left)), right: mode(body.map((l) => l.right)), size, ...(font === undefined ? {} : { font }), leading };
}

function full(l: PageLine, m: Measure): boolean {
  return l.right >= m.right - 1.5 * m.size;
}

function centred(l: PageLine, m: Measure): boolean {
  return l.left > m.left + m.size && l.right < m.right - m.size && Math.abs((l.left + l.right) / 2 - (m.left + m.right) / 2) < m.size;
}

/**
 * Whether `line` goes on the block that `prev` ends: as the next line of a body
 * paragraph or a wrapped display line ('wrap': joined as text), or as a line of
 * its own in a block of centred or display lines ('line': a title's lines).
 */
function joins(prev: PageLine, line: PageLine, m: Measure, entries: Set<number>): 'wrap' | 'line' | undefined {
  // Another size or another face starts another block: a section heading set in
  // the body's size in 黑体 (公文's 3号) after a line that ran to the right edge.
  if (Math.abs(prev.size - line.size) >= 0.5 || prev.font !== line.font) return undefined;
  const samePage = prev.page === line.page;
  // A contents entry ends at its page number, a full line that ends nothing else;
  // one whose wording ran over starts where the entries start and goes on indented.
  if (entryLine(prev.text)) return undefined;
  // A colophon field starts a line of its own (主管：…, （共印 130 份）).
  if (colophonFields(line.text).length > 0) return undefined;
  if (entryLine(line.text)) {
    return samePage && entries.has(Math.round(prev.left)) && line.left > prev.left && prev.y - line.y <= 2 * line.size ? 'wrap' : undefined;
  }
  const body = Math.abs(line.size - m.size) < 0.5 && line.font === m.font;
  if (body) {
    // An opening quote may hang into the margin by half an em.
    const atLeft = Math.abs(line.left - m.left) < 0.75 * m.size;
    const near = !samePage || prev.y - line.y <= m.leading * 1.25 + 0.5;
    if (near && atLeft && full(prev, m) && !centred(prev, m)) return 'wrap';
    if (samePage && near && centred(prev, m) && centred(line, m)) return 'line';
    return undefined;
  }
  // Display type (titles, headings): lines in a row in one size and face, on one page.
  if (!samePage || prev.y - line.y > 2.5 * line.size) return undefined;
  return fitTogether(prev, line, m) ? 'line' : 'wrap';
}

/**
 * Whether two display lines would fit the measure side by side (to a point, for
 * rounding). A printer breaks a title only where the rest does not fit: at the
 * full measure, or at a phrase (T29) among the breaks that give the fewest lines
 * (T19). So two lines that fit together were broken in the source (`title: |-`),
 * and two that do not are one line of it, wrapped.
 *
 * An explicit break where the title had to break anyway looks the same: it reads
 * as one line, which a printer that breaks at phrases breaks there again
 * (区委召开常委会（扩大）会议／研究部署疫情防控工作, 23 ems of 22 pt in a measure of 20
 * or 18). The contents do not tell them apart either: without a `toc:` they join
 * an explicit break with a space (joinTitleLines), but they print a title's own
 * space alike, and a title breaks first at its spaces (T29); with one, they print
 * what the issue wrote.
 */
function fitTogether(prev: PageLine, line: PageLine, m: Measure): boolean {
  return prev.right - prev.left + (line.right - line.left) <= m.right - m.left + 1;
}

/** The pages' lines as paragraphs and page breaks. */
export function sourceOf(raw: PageLine[][]): Source {
  const problems: ReadProblem[] = [];
  if (raw.every((p) => p.length === 0)) {
    problems.push({ at: 'page 1', severity: 'error', message: 'the PDF has no text: a scan, or text drawn as shapes; bulletin reads the text of a PDF, not its pictures' });
    return { blocks: [], notes: [], problems };
  }
  const pages = withoutFurniture(raw);
  const m = measureOf(pages);
  const blocks: SourceBlock[] = [];
  let open: { block: SourceParagraph; last: PageLine } | undefined;
  for (const page of pages) {
    if (blocks.length > 0) blocks.push({ kind: 'page' });
    const entries = new Set(page.filter((l) => entryLine(l.text)).map((l) => Math.round(l.left)));
    for (const line of page) {
      const how = open ? joins(open.last, line, m, entries) : undefined;
      if (open && how) {
        // A page break inside a paragraph is no break: take back the page's mark.
        if (blocks.at(-1)?.kind === 'page') blocks.pop();
        open.block.text = how === 'wrap' ? joinPieces(open.block.text, line.text) : `${open.block.text}\n${line.text}`;
        open.last = line;
        continue;
      }
      const block: SourceParagraph = { kind: 'paragraph', text: line.text, at: `page ${line.page}`, size: line.size };
      if (centred(line, m)) block.centred = true;
      blocks.push(block);
      open = { block, last: line };
    }
  }
  const odd = pages.flat().filter((l) => /[\u{e000}-\u{f8ff}\ufffd\uffff]/u.test(l.text)).length;
  if (odd > 0) {
    problems.push({
      at: 'the document',
      severity: 'warning',
      message: `${odd} line${odd === 1 ? '' : 's'} hold characters the PDF's fonts do not name (private-use or unknown): check them against the printed copy`,
    });
  }
  return { blocks, notes: [], problems };
}
