/**
 * From YAML scalars to paragraphs: split at blank lines, join the lines of a
 * paragraph (line breaks inside a paragraph are not significant), normalise the
 * characters that would extract wrongly from a PDF, and remember where every
 * character came from.
 */
import type { LineCounter, Scalar } from 'yaml';
import type { Anchor, SourceText, TextSource } from './model.js';

/**
 * Wide characters: Han, CJK symbols and punctuation, full-width forms, and the
 * quotation marks and dashes that Chinese text uses. Two lines joined between wide
 * characters take no space (as CSS Text's segment-break rules do for Chinese).
 */
const WIDE = /[\p{Script=Han}\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/u;

/**
 * Kangxi radicals (U+2F00–2FDF) and CJK radicals supplement (U+2E80–2EFF) look like
 * ideographs, and text pasted from PDFs is full of them; they share glyphs with the
 * unified ideographs, so a PDF could give only one of the two back on extraction
 * (pdf-notes: ToUnicode). NFKC maps them to the unified ideographs.
 */
const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/gu;

export function normalise(text: string): string {
  return text.replace(RADICAL, (ch) => ch.normalize('NFKC'));
}

/** The 1-based line and column of each value line of a scalar, as far as known. */
function lineStarts(node: Scalar, src: string, lines: LineCounter): Anchor[] {
  const start = node.range?.[0] ?? 0;
  const end = node.range?.[1] ?? start;
  const first = lines.linePos(start);
  if (node.type === 'BLOCK_LITERAL') {
    // Value line i is source line header+1+i, indented by the block's indentation.
    const body = src.slice(start, end).split(/\r?\n/).slice(1);
    const indent = Math.min(
      ...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
    );
    return body.map((_, i) => ({ at: i, line: first.line + 1 + i, col: indent + 1 }));
  }
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return [{ at: 0, line: first.line, col: first.col + (quoted ? 1 : 0) }];
}

/**
 * Split a scalar into paragraphs at blank lines, each with its source anchors.
 * `at` in the anchors returned by `lineStarts` counts value lines; here it becomes
 * the index of the paragraph character each source line starts at.
 */
export function paragraphs(
  node: Scalar,
  value: string,
  src: string,
  lines: LineCounter,
  file: string,
  path: string,
): SourceText[] {
  const starts = lineStarts(node, src, lines);
  const exact = node.type === 'BLOCK_LITERAL';
  const out: SourceText[] = [];
  let text = '';
  let anchors: Anchor[] = [];
  const flush = () => {
    if (text !== '') out.push({ text: normalise(text), source: { file, path, anchors } });
    text = '';
    anchors = [];
  };
  value.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return flush();
    if (text !== '' && needsSpace(text, line)) text += ' ';
    const base = exact ? starts[i] : starts[0];
    if (base && (exact || anchors.length === 0)) {
      const lead = exact ? raw.length - raw.trimStart().length : 0;
      anchors.push({ at: text.length, line: base.line, col: base.col + lead });
    }
    text += line;
  });
  flush();
  return out;
}

/** A one-piece text (a title, a name) with its source. */
export function single(
  node: Scalar,
  value: string,
  src: string,
  lines: LineCounter,
  file: string,
  path: string,
): SourceText {
  const parts = paragraphs(node, value.replace(/\n\s*\n/g, '\n'), src, lines, file, path);
  return parts[0] ?? { text: '', source: { file, path, anchors: [] } };
}

/** The lines of a text whose line breaks are significant (a title), each with its source. */
export function textLines(
  node: Scalar,
  value: string,
  src: string,
  lines: LineCounter,
  file: string,
  path: string,
): SourceText[] {
  const starts = lineStarts(node, src, lines);
  const exact = node.type === 'BLOCK_LITERAL';
  return value.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.trim();
    if (line === '') return [];
    const base = (exact ? starts[i] : starts[0]) ?? { line: 0, col: 0 };
    const lead = exact ? raw.length - raw.trimStart().length : 0;
    const source: TextSource = { file, path, anchors: [{ at: 0, line: base.line, col: base.col + lead }] };
    return [{ text: normalise(line), source }];
  });
}

function needsSpace(before: string, after: string): boolean {
  const a = before.at(-1) ?? '';
  const b = after[0] ?? '';
  return !(WIDE.test(a) && WIDE.test(b));
}

/** The position of character `index` of a text. */
export function positionOf(source: TextSource, index: number): { line: number; col: number } {
  let best: Anchor | undefined;
  for (const a of source.anchors) {
    if (a.at <= index) best = a;
    else break;
  }
  if (!best) return { line: 0, col: 0 };
  return { line: best.line, col: best.col + (index - best.at) };
}
