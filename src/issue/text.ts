/**
 * From YAML scalars to paragraphs: split at blank lines, join the lines of a
 * paragraph (line breaks inside a paragraph are not significant), normalise the
 * characters that would extract wrongly from a PDF, and remember where every
 * character came from.
 *
 * The lines are read from the source rather than from the parsed value: YAML folds
 * the line breaks of plain, quoted and folded scalars into spaces, which Chinese
 * text must not get, and the source keeps every character's line and column.
 */
import { LineCounter, type Scalar } from 'yaml';
import type { Anchor, SourceText, TextSource } from './model.js';
import type { Problem } from './problem.js';
import { JOINERS, STRAY as STRAY_CLASS, WORD_JOINER, ZERO_WIDTH_SPACE, codePointName } from '../text/invisible.js';

/**
 * Wide characters: Han, CJK symbols and punctuation, full-width forms, and the
 * quotation marks and dashes that Chinese text uses. Two lines joined between wide
 * characters take no space (as CSS Text's segment-break rules do for Chinese).
 */
const WIDE = /[\p{Script=Han}\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/u;

/**
 * Radicals look like ideographs, and text pasted from PDFs is full of them: the
 * Kangxi radicals (U+2F00–2FDF), which NFKC maps to the unified ideographs, and
 * those of the CJK radicals supplement (U+2E80–2EFF) that stand for a whole
 * simplified character, mapped by this table. Left alone they would print, but
 * extract (and search) as radicals. Component-only forms (⺅, ⺡…) stay as written.
 */
const SUPPLEMENT: Record<string, string> = Object.fromEntries(
  [
    '⻅见', '⻉贝', '⻋车', '⻓长', '⻔门', '⻙韦', '⻚页', '⻛风', '⻜飞', '⻢马', '⻥鱼', '⻦鸟',
    '⻧卤', '⻨麦', '⻩黄', '⻪黾', '⻬齐', '⻮齿', '⻰龙', '⻳龟', '⺟母', '⺠民', '⻄西', '⻘青',
    '⻝食', '⻣骨', '⻤鬼', '⻗雨', '⺩王', '⺜日', '⺝月', '⻁虎', '⻆角',
  ].map((pair) => [pair[0]!, pair[1]!]),
);
const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/gu;

export function normalise(text: string): string {
  return text.replace(RADICAL, (ch) => SUPPLEMENT[ch] ?? ch.normalize('NFKC'));
}

/** How many characters (code points) a string holds: a surrogate pair counts one. */
export function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * The YAML parser's line counter, answering columns in characters (code points)
 * rather than UTF-16 units: `😀好` puts 好 in column 2, as an editor counts.
 * Every position the loader reports goes through it.
 */
export class SourceLines extends LineCounter {
  constructor(src: string) {
    super();
    // The parser's linePos is an own property (an arrow function), not a method.
    const units = this.linePos;
    this.linePos = (offset: number) => {
      const { line, col } = units(offset);
      return { line, col: codePoints(src.slice(offset - col + 1, offset)) + 1 };
    };
  }
}

/** A line of a scalar as written: its text and where that text starts. */
interface SourceLine {
  text: string;
  line: number;
  col: number;
  /** Read from the value, not the source: columns inside it are not known. */
  fixed?: true;
}

/**
 * The lines of a scalar as they stand in the source, without the block's
 * indentation or the quotes; undefined for a double-quoted scalar with escapes,
 * whose source is not its text.
 */
function sourceLines(node: Scalar, value: string, src: string, lines: LineCounter): SourceLine[] | undefined {
  const [start = 0, end = start] = node.range ?? [];
  const first = lines.linePos(start);
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const body = src.slice(start, end).split(/\r?\n/).slice(1);
    const indent = blockIndent(node, value, body);
    return body.map((raw, i) => ({
      text: raw.length > indent ? raw.slice(indent) : raw.trim(),
      line: first.line + 1 + i,
      col: indent + 1,
    }));
  }
  const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  const raw = src.slice(start + quote, end - quote);
  if (node.type === 'QUOTE_DOUBLE' && raw.includes('\\')) return undefined;
  return raw.split(/\r?\n/).map((part, i) => {
    const text = node.type === 'QUOTE_SINGLE' ? part.replaceAll("''", "'") : part;
    // `''` is one character in the text but two in the source: columns after it
    // on the same line are off by one each; rare enough to accept.
    const lead = i === 0 ? 0 : text.length - text.trimStart().length;
    return { text: i === 0 ? text : text.trimStart(), line: first.line + i, col: (i === 0 ? first.col + quote : 1) + lead };
  });
}

/**
 * The indentation of a block scalar's content: where a literal's value lines sit
 * in its source lines (exact, even with an indentation indicator), else the
 * smallest indentation of its non-blank lines.
 */
function blockIndent(node: Scalar, value: string, body: string[]): number {
  if (node.type === 'BLOCK_LITERAL') {
    const values = value.split('\n');
    const i = values.findIndex((v) => v.trim() !== '');
    const v = values[i];
    const s = body[i];
    if (v !== undefined && s !== undefined && s.endsWith(v)) return s.length - v.length;
  }
  const indents = body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  return indents.length > 0 ? Math.min(...indents) : 0;
}

/** Lines of a scalar, from its source or, failing that, from its value. */
function linesOf(node: Scalar, value: string, src: string, lines: LineCounter): SourceLine[] {
  const found = sourceLines(node, value, src, lines);
  if (found) return found;
  const { line, col } = lines.linePos(node.range?.[0] ?? 0);
  return value.split('\n').map((text, i) => ({ text, line: i === 0 ? line : 0, col: i === 0 ? col : 0, fixed: true }));
}

/** What reading a file's text needs, and where it reports what it removed. */
export interface Scan {
  src: string;
  lines: LineCounter;
  file: string;
  warnings: Problem[];
}

/**
 * Characters text pasted from Word or WeChat carries that mean nothing in print:
 * controls, byte-order marks, direction controls (Chinese runs left to right), soft
 * hyphens (Latin words are hyphenated by the engine), lone surrogate halves and
 * non-characters. They are removed with a warning. Zero-width spaces (a break
 * opportunity), word joiners (no break), joiners and variation selectors are kept:
 * they mean something and the engine honours them.
 */
const STRAY = new RegExp(`[${STRAY_CLASS}]`, 'u');

/** A character outside the BMP (an emoji, a rare Han character): two UTF-16 units, one column. */
const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/;

const INVISIBLE = new RegExp(`[${ZERO_WIDTH_SPACE}${WORD_JOINER}${JOINERS}]`, 'u');

/** A text without what prints as nothing: strays, zero-width spaces, joiners, selectors. */
export function visible(text: string): string {
  if (!STRAY.test(text) && !INVISIBLE.test(text)) return text;
  return [...text].filter((ch) => !STRAY.test(ch) && !INVISIBLE.test(ch)).join('');
}

function strayName(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const code = codePointName(ch);
  if (cp === 0xad) return `soft hyphen (${code})`;
  if (cp === 0xfeff) return `byte-order mark (${code})`;
  if ((cp >= 0x200e && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x61c) return `direction control (${code})`;
  if (cp === 0x2028 || cp === 0x2029) return `${cp === 0x2028 ? 'line' : 'paragraph'} separator (${code})`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `lone surrogate half (${code})`;
  if (cp >= 0xfffe) return `non-character (${code})`;
  return `control character (${code})`;
}

/** Join source lines into one text: trimmed, no space between wide characters, strays removed. */
function joinLines(parts: SourceLine[], scan: Scan, path: string): SourceText {
  let text = '';
  const anchors: Anchor[] = [];
  for (const part of parts) {
    const trimmed = part.text.trim();
    if (trimmed === '') continue;
    if (text !== '' && needsSpace(text, trimmed)) text += ' ';
    const lead = part.text.length - part.text.trimStart().length;
    // Where columns are not known (part.fixed), everything stays at the scalar's start.
    const step = part.fixed ? 0 : 1;
    let col = part.col + lead * step;
    let anchored = false;
    if (!STRAY.test(trimmed) && !ASTRAL.test(trimmed)) {
      // Nearly every line: no strays, one anchor.
      if (part.line > 0) anchors.push({ at: text.length, line: part.line, col, ...(part.fixed ? { fixed: true as const } : {}) });
      text += trimmed;
      continue;
    }
    // Strays and characters outside the BMP go character by character, an anchor
    // after each, so that positions stay exact: columns count characters, an index
    // into the text counts UTF-16 units, and past an anchor the two step together.
    for (const ch of trimmed.split(/(?=[\s\S])/u)) {
      if (STRAY.test(ch)) {
        if (part.line > 0) scan.warnings.push(strayWarning(ch, scan.file, part.line, col, path));
        col += step;
        anchored = false;
        continue;
      }
      if (!anchored && part.line > 0) {
        anchors.push({ at: text.length, line: part.line, col, ...(part.fixed ? { fixed: true as const } : {}) });
        anchored = true;
      }
      text += ch;
      col += step;
      if (ch.length > 1) anchored = false;
    }
  }
  return { text: normalise(text), source: { file: scan.file, path, anchors } };
}

function strayWarning(ch: string, file: string, line: number, col: number, path: string): Problem {
  return {
    severity: 'warning',
    file,
    line,
    col,
    path,
    message: `${strayName(ch)} removed`,
    hint: 'text pasted from another program carries these; nothing is lost in print',
  };
}

/** Split a scalar into paragraphs at blank lines, each with its source anchors. */
export function paragraphs(node: Scalar, value: string, scan: Scan, path: string): SourceText[] {
  const out: SourceText[] = [];
  let group: SourceLine[] = [];
  const flush = () => {
    const joined = joinLines(group, scan, path);
    if (joined.text !== '') out.push(joined);
    group = [];
  };
  for (const line of linesOf(node, value, scan.src, scan.lines)) {
    if (line.text.trim() === '') flush();
    else group.push(line);
  }
  flush();
  return out;
}

/** A one-piece text (a name, a period) with its source: every line joined. */
export function single(node: Scalar, value: string, scan: Scan, path: string): SourceText {
  return joinLines(linesOf(node, value, scan.src, scan.lines), scan, path);
}

/**
 * The lines of a text whose line breaks are significant (a title): the lines of a
 * block literal (`title: |-`), one line for any other form.
 */
export function textLines(node: Scalar, value: string, scan: Scan, path: string): SourceText[] {
  if (node.type !== 'BLOCK_LITERAL') return [single(node, value, scan, path)];
  return linesOf(node, value, scan.src, scan.lines)
    .filter((l) => l.text.trim() !== '')
    .map((l) => joinLines([l], scan, path));
}

/** Texts joined as lines of one paragraph are: the anchors of each kept. */
export function joinTexts(parts: SourceText[], spaced = needsSpace): SourceText {
  let text = '';
  const anchors: Anchor[] = [];
  for (const part of parts) {
    if (text !== '' && part.text !== '' && spaced(text, part.text)) text += ' ';
    for (const a of part.source.anchors) anchors.push({ ...a, at: a.at + text.length });
    text += part.text;
  }
  const first = parts[0]?.source;
  const source: TextSource = { file: first?.file ?? '', path: first?.path ?? '', anchors };
  return { text, source };
}

function needsSpace(before: string, after: string): boolean {
  return !joinsTight(before, after);
}

/**
 * A title's lines as one line (its contents entry): where the explicit break
 * stood a space parts the phrases, as the printed contents do (`会议 研究部署`),
 * unless the first line ends in punctuation, which parts them already.
 */
export function joinTitleLines(lines: SourceText[]): SourceText {
  return joinTexts(lines, titleLinesSpaced);
}

/** Whether a title's line and the next join with a space in its contents entry (joinTitleLines). */
export function titleLinesSpaced(before: string): boolean {
  return !/[\p{P}\s]$/u.test(before);
}

/** Whether a character (one code point) is wide: Han, CJK punctuation, full-width forms. */
export function isWide(ch: string): boolean {
  return WIDE.test(ch);
}

/**
 * Whether two lines join with no space: both sides of the join wide. Characters are
 * whole code points, so a Han character outside the BMP (𠀀) counts as wide.
 */
export function joinsTight(before: string, after: string): boolean {
  const last = before.codePointAt(before.length - 1) ?? 0;
  const a = last >= 0xdc00 && last <= 0xdfff && before.length > 1 ? String.fromCodePoint(before.codePointAt(before.length - 2)!) : before.slice(-1);
  const b = after === '' ? '' : String.fromCodePoint(after.codePointAt(0)!);
  return isWide(a) && isWide(b);
}

/** A problem with character `index` of a text, at its place in the source (0:0 for a text with none). */
export function problemAt(
  severity: Problem['severity'],
  source: TextSource | undefined,
  index: number,
  message: string,
  hint?: string,
): Problem {
  const { line, col, path } = source ? positionOf(source, index) : { line: 0, col: 0, path: '' };
  return { severity, file: source?.file ?? '', line, col, path, message, ...(hint === undefined ? {} : { hint }) };
}

/**
 * The position of character `index` of a text; `fixed` when the character is not
 * at that column but somewhere after it (a double-quoted scalar with escapes).
 */
export function positionOf(source: TextSource, index: number): { line: number; col: number; path: string; fixed?: true } {
  let best: Anchor | undefined;
  for (const a of source.anchors) {
    if (a.at <= index) best = a;
    else break;
  }
  if (!best) return { line: 0, col: 0, path: source.path, fixed: true };
  const path = best.path ?? source.path;
  return best.fixed ? { line: best.line, col: best.col, path, fixed: true } : { line: best.line, col: best.col + (index - best.at), path };
}

/**
 * Texts joined with what the page prints between them (`，`, a label before): each
 * part's anchors moved to where it now stands, with its own path.
 */
export function concatTexts(parts: (SourceText | string)[]): SourceText {
  let text = '';
  const anchors: Anchor[] = [];
  let first: TextSource | undefined;
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    first ??= part.source;
    for (const a of part.source.anchors) anchors.push({ ...a, at: a.at + text.length, path: a.path ?? part.source.path });
    text += part.text;
  }
  return { text, source: { file: first?.file ?? '', path: first?.path ?? '', anchors } };
}
