/**
 * Character classes for setting Chinese text: what each character is to the line
 * breaker and the justifier. The punctuation tables and the kinsoku sets are those
 * of `shared/docs/typography.md` (T4, T5, T8–T12, after clreq §3.1 and GB/T
 * 15834-2011); everything else comes from Unicode data (unicode-properties: general
 * category, script and East Asian Width).
 */
import properties from 'unicode-properties';
import { WORD_JOINER, ZERO_WIDTH_SPACE } from './invisible.js';

/**
 * - `han`: an ideograph or another full-width character, one em, breakable on both
 *   sides (T3).
 * - `stop`: a full-width pause or stop mark `，。、；：？！`, ink in the left half (T9–T12).
 * - `close`: a full-width closing bracket or quote, ink in the left half.
 * - `open`: a full-width opening bracket or quote, ink in the right half.
 * - `dash`: `—`, `——`, `⸺`, `…`: full-width, never compressed (T8).
 * - `middot`: the interpunct `·`, set in a full em and never adjusted (T8).
 * - `alnum`: a letter or a digit that is not full-width (T14: proportional, spaced from Han).
 * - `space`: a typed space or tab.
 * - `asciiOpen` / `asciiClose`: proportional brackets.
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

/** clreq §3.1.2 (点号): pause and stop marks, set in the left half of their cell. */
const STOPS = new Set([...'，。、；：？！．']);
/** clreq §3.1.2 (标号): closing brackets and quotes, left half. */
const CLOSES = new Set([...'”’）〕］｝】〗》〉」』']);
/** clreq §3.1.2 (标号): opening brackets and quotes, right half. */
const OPENS = new Set([...'“‘（〔［｛【〖《〈「『']);
/** T8, clreq §3.1.2: dashes and ellipses, full-width and never compressed. */
const DASHES = new Set([...'—⸺⸻…']);
/** T8: interpuncts, set in a full em. */
const MIDDOTS = new Set([...'·・‧']);

/**
 * T4 (clreq §3.1.7, 行首禁则): characters that must not start a line. The ASCII
 * closers are included because they sit inside Chinese text here; `…` and `⸺`
 * because clreq keeps an ellipsis and a dash off a line start.
 */
export const NO_LINE_START = new Set([
  ...'、，。．：；！？‼⁇”’）〕］｝】〗》〉」』～–—·・‧/／%‰℃…⸺',
  ...',.;:!?)]}',
]);

/** T16: the marks that may hang in the margin at a line end, where a style allows it. */
export const HANGING = new Set([...'，。、']);

/** T5 (clreq §3.1.7, 行尾禁则): characters that must not end a line. */
export const NO_LINE_END = new Set([...'“‘（〔［｛【〖《〈「『', ...'([{']);

/**
 * T12: `。？！` are compressed only at a line end (T9) or next to another mark (T11),
 * never to justify a line.
 */
export const NOT_FOR_JUSTIFYING = new Set([...'。？！．']);

/**
 * T28 (numbers keep their words): the Han measure words and date or time units
 * that a number written in digits is not parted from (`4880名`, `12日`, `130份`,
 * `3.5个百分点`, `24时`). The classifiers of running text (个 名 人 位 次 项 …),
 * the units of the calendar and the clock, of money and of measure, and 多 / 余
 * (`300多人`), which stand between a number and its word.
 */
export const MEASURE_WORDS = new Set([
  ...'个名人位次项件条家户所座处批种类份套张本篇期届号册部台辆艘架间栋层幢排组队支把枚颗株头只匹',
  ...'年月日时分秒周天夜季度岁',
  ...'元角万亿千百倍成',
  ...'米里吨斤克亩升度毫厘公',
  ...'多余',
]);

/** T28: the ordinal prefix that a number in digits is not parted from either (`第91期`). */
export const ORDINAL_PREFIX = '第';

/** A number written in digits, with its sign, decimal point and unit (T28, T30): not a Latin word. */
export function isNumber(text: string): boolean {
  return /^[+\-−]?\d[\d.,:／/]*[%‰℃°]*$/u.test(text);
}

const cache = new Map<string, CharClass>();

/**
 * Forget the classes worked out so far. For `npm run mutate` only: a class taken
 * from the cache runs none of classOf, so the mutation run would credit classOf to
 * the first test that met a character and to no other.
 */
export function forgetClasses(): void {
  cache.clear();
}

export function classify(ch: string): CharClass {
  let cls = cache.get(ch);
  if (cls === undefined) {
    cls = classOf(ch);
    cache.set(ch, cls);
  }
  return cls;
}

function classOf(ch: string): CharClass {
  if (STOPS.has(ch)) return 'stop';
  if (CLOSES.has(ch)) return 'close';
  if (OPENS.has(ch)) return 'open';
  if (DASHES.has(ch)) return 'dash';
  if (MIDDOTS.has(ch)) return 'middot';
  // A zero-width space is a place to break, a word joiner a place not to: both
  // take part in the gap between the characters around them, as spaces do.
  if (ch === ZERO_WIDTH_SPACE || ch === WORD_JOINER) return 'space';
  const cp = ch.codePointAt(0)!;
  const category = properties.getCategory(cp);
  const width = properties.getEastAsianWidth(cp);
  // The ideographic space is a full em of blank, set as a character.
  if (category === 'Zs' && width !== 'F' && width !== 'W') return 'space';
  if (ch === '\t') return 'space';
  if (width === 'W' || width === 'F') return 'han';
  if (category.startsWith('L') || category === 'Nd' || category === 'Nl' || category === 'No') return 'alnum';
  if (category.startsWith('M')) return 'alnum';
  if (category === 'Ps') return 'asciiOpen';
  if (category === 'Pe') return 'asciiClose';
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
