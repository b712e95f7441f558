/**
 * Character classes for setting Chinese text, with the kinsoku sets of T4 and T5 and
 * the punctuation kinds of T8–T12 (`shared/docs/typography.md`, after clreq §3.1
 * and GB/T 15834-2011).
 */

/**
 * What a character is to the line breaker and the justifier.
 * - `han`: an ideograph or other full-width letter, one em, breakable on both sides (T3).
 * - `stop`: a full-width pause or stop mark `，。、；：？！`, ink in the left half (T9–T12).
 * - `close`: a full-width closing bracket or quote, ink in the left half.
 * - `open`: a full-width opening bracket or quote, ink in the right half.
 * - `dash`: `—`, `——`, `⸺`, `…`: full-width, never compressed (T8).
 * - `middot`: the interpunct `·`, set in a full em and never adjusted (T8).
 * - `alnum`: a Latin letter or a digit (T14: proportional, spaced from Han).
 * - `space`: a typed space or tab.
 * - `asciiOpen` / `asciiClose`: ASCII brackets, proportional.
 * - `symbol`: any other character, proportional, glued to its neighbours.
 */
export type CharClass =
  | 'han'
  | 'stop'
  | 'close'
  | 'open'
  | 'dash'
  | 'middot'
  | 'alnum'
  | 'space'
  | 'asciiOpen'
  | 'asciiClose'
  | 'symbol';

const STOPS = new Set([...'，。、；：？！．']);
const CLOSES = new Set([...'”’）〕］｝】〗》〉」』']);
const OPENS = new Set([...'“‘（〔［｛【〖《〈「『']);
const DASHES = new Set([...'—⸺⸻…']);
const MIDDOTS = new Set([...'·・‧']);

/**
 * T4 (clreq §3.1.7, 行首禁则): characters that must not start a line. The ASCII
 * closers are included because they sit inside Chinese text here.
 */
export const NO_LINE_START = new Set([
  ...'、，。．：；！？‼⁇”’）〕］｝】〗》〉」』～–—·・‧/／%‰℃…⸺',
  ...',.;:!?)]}',
]);

/** T5 (clreq §3.1.7, 行尾禁则): characters that must not end a line. */
export const NO_LINE_END = new Set([...'“‘（〔［｛【〖《〈「『', ...'([{']);

/**
 * T12: `。？！` are compressed only at a line end (T9) or next to another mark (T11),
 * never to justify a line.
 */
export const NOT_FOR_JUSTIFYING = new Set([...'。？！．']);

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\u3190-\u31ff\uff01-\uff60\uffe0-\uffe6\u2e80-\u2fdf\u3400-\u4dbf]/u;
const ALNUM = /[\p{L}\p{N}]/u;

export function classify(ch: string): CharClass {
  if (STOPS.has(ch)) return 'stop';
  if (CLOSES.has(ch)) return 'close';
  if (OPENS.has(ch)) return 'open';
  if (DASHES.has(ch)) return 'dash';
  if (MIDDOTS.has(ch)) return 'middot';
  if (ch === ' ' || ch === '\t' || ch === '\u00a0') return 'space';
  if (HAN.test(ch)) return 'han';
  if (ALNUM.test(ch)) return 'alnum';
  if (ch === '(' || ch === '[' || ch === '{') return 'asciiOpen';
  if (ch === ')' || ch === ']' || ch === '}') return 'asciiClose';
  return 'symbol';
}

/** Full-width punctuation whose cell has a removable half-em blank (T9–T11). */
export function isCompressible(cls: CharClass): boolean {
  return cls === 'stop' || cls === 'close' || cls === 'open';
}

/** Classes set in full-em cells on the character grid. */
export function isWide(cls: CharClass): boolean {
  return cls === 'han' || cls === 'stop' || cls === 'close' || cls === 'open' || cls === 'dash' || cls === 'middot';
}
