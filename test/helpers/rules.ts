/**
 * The character sets of the typographic rules, written out from typography.md for
 * the tests (T4, T5, T9–T11, T16). The tests take them from here, never from
 * src/text: a test that asked the engine which marks may not start a line would
 * check nothing once the engine's table was emptied.
 */

/**
 * T4 (行首禁则): characters that must not start a line, with the ASCII closers set
 * inside Chinese text. `…` and `⸺` too: clreq keeps an ellipsis and a dash off a
 * line start, as T6 keeps `……` and `——` whole.
 */
export const T4_NO_START = new Set([...'、，。．：；！？‼⁇”’）〕］｝】〗》〉」』～–—·・‧/／%‰℃…⸺', ...',.;:!?)]}']);

/** T5 (行尾禁则): characters that must not end a line. */
export const T5_NO_END = new Set([...'“‘（〔［｛【〖《〈「『', ...'([{']);

/** Punctuation width: pause and stop marks and closing brackets and quotes have their ink in the left half of the cell. */
export const INK_LEFT = new Set([...'，。、；：？！”’）〕］｝】〗》〉」』']);

/** Punctuation width: opening brackets and quotes have their ink in the right half. */
export const INK_RIGHT = new Set([...'“‘（〔［｛【〖《〈「『']);

/** The full-width marks with half an em of blank that may be removed (T9–T11). */
export const MARKS = new Set([...INK_LEFT, ...INK_RIGHT]);

/** T12: marks compressed only at a line end or next to another mark, never to justify. */
export const NOT_FOR_JUSTIFYING = new Set([...'。？！']);

/** T16: the marks that may hang past the measure. */
export const HANGING = new Set([...'，。、']);

/** A Han character (T3). */
export function isHan(ch: string): boolean {
  return /^\p{Script=Han}$/u.test(ch);
}

/** A Latin letter or a digit in its proportional form (T14): not a full-width one. */
export function isLatinOrDigit(ch: string): boolean {
  return /^[\p{Script=Latin}\p{Nd}]$/u.test(ch) && !/[\uff00-\uffef]/u.test(ch);
}

/** A glyph as placed: its text, its left edge and its advance. */
interface Placed {
  text: string;
  x: number;
  advance: number;
}

/** Where a glyph's ink starts: an opening mark's blank left half is not ink. */
export function inkLeft(g: Placed): number {
  return INK_RIGHT.has(g.text) ? g.x + g.advance / 2 : g.x;
}

/** Where a glyph's ink ends: a stop or closing mark's blank right half is not ink. */
export function inkRight(g: Placed): number {
  return INK_LEFT.has(g.text) ? g.x + g.advance / 2 : g.x + g.advance;
}
