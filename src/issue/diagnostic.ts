/**
 * A problem shown as Typst and rustc show theirs: under its one-line message
 * (`formatProblem`), the source line it is about and a caret under its column.
 *
 *     issues/issue-91.yaml:62:17: warning: sections[1].articles[2].body: traditional … "強" …
 *       62 |           宋洁要求，要強化行业监管。各部门要主动对接，深入…
 *          |                       ^
 *
 * The column in the message counts characters (code points: an emoji is one). The
 * caret is placed by display width instead, because a terminal draws Han
 * characters, full-width forms and emoji two cells wide (Unicode East Asian Width
 * W and F): counted in characters, a caret after ten Han characters would stand
 * under the fifth. A long line is cut to a window around the column, marked `…`.
 */
import { readFileSync } from 'node:fs';
import properties from 'unicode-properties';
import { printable, type Problem } from './problem.js';

/** Display columns of the source shown left and right of the caret, at most. */
const BEFORE = 36;
const AFTER = 36;

/** The source lines of files, each file read once. */
export class Snippets {
  private readonly files = new Map<string, string[] | undefined>();

  constructor(private readonly read: (file: string) => string = (file) => readFileSync(file, 'utf8')) {}

  /** The source line and caret lines for a problem; none when it has no place or the file cannot be read. */
  of(p: Problem): string[] {
    if (p.line < 1 || p.col < 1) return [];
    const line = this.lines(p.file)?.[p.line - 1];
    if (line === undefined) return [];
    return snippet(line, p.line, p.col);
  }

  private lines(file: string): string[] | undefined {
    if (!this.files.has(file)) {
      let lines: string[] | undefined;
      try {
        // As the loader reads it: no byte-order mark, CR alone as a line end.
        lines = this.read(file).replace(/^\ufeff/, '').replace(/\r(?!\n)/g, '\n').split(/\r?\n/);
      } catch {
        lines = undefined;
      }
      this.files.set(file, lines);
    }
    return this.files.get(file);
  }
}

/** `  95 | text` and `     |   ^` for character `col` (1-based) of a line. */
export function snippet(line: string, number: number, col: number): string[] {
  const chars = [...line];
  const at = Math.min(col - 1, chars.length);
  let from = at;
  for (let w = 0; from > 0 && w + width(chars[from - 1]!) <= BEFORE; from--) w += width(chars[from - 1]!);
  let to = at;
  for (let w = 0; to < chars.length && w + width(chars[to]!) <= AFTER; to++) w += width(chars[to]!);
  // Indentation that does not fit is left out whole, and not marked: only cut text is.
  const cutText = chars.slice(0, from).join('').trim() !== '';
  if (from > 0 && !cutText) while (from < at && /\s/.test(chars[from]!)) from++;
  const lead = cutText ? '…' : '';
  const before = lead + printable(chars.slice(from, at).join(''));
  const shown = `${before}${printable(chars.slice(at, to).join(''))}${to < chars.length ? '…' : ''}`;
  const gutter = String(number);
  return [`  ${gutter} | ${shown.trimEnd()}`, `  ${' '.repeat(gutter.length)} | ${' '.repeat(displayWidth(before))}^`];
}

/** The cells a text takes in a terminal. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += width(ch);
  return w;
}

/**
 * Cells of one character: 2 for East Asian Wide and Fullwidth (Han, kana, hangul,
 * full-width forms, emoji), 0 for marks, joiners and other format characters, else 1
 * (ambiguous-width characters such as “ ” take one cell in most terminals).
 */
function width(ch: string): number {
  const cp = ch.codePointAt(0)!;
  const eaw = properties.getEastAsianWidth(cp);
  // The emoji blocks wholly, for emoji newer than the tables (🫠 is Unicode 14).
  if (eaw === 'W' || eaw === 'F' || (cp >= 0x1f300 && cp <= 0x1faff)) return 2;
  const category = properties.getCategory(cp);
  if (category === 'Mn' || category === 'Me' || category === 'Cf') return 0;
  return 1;
}
