/**
 * Character classes, each from what typography.md and Unicode say the character
 * is: the punctuation tables of T4, T5 and T8–T12 (clreq §3.1.2), and for the rest
 * the general category and East Asian Width of the Unicode Character Database
 * (UAX #11, UAX #44). Issue 91 meets only a few of these classes; the engine tests
 * meet them through the text, these meet each class once by itself.
 */
import { describe, expect, it } from 'vitest';
import { classify, isCompressible, isNumber, isWide, type CharClass } from './classes.js';

/** Characters and the class typography.md or the UCD gives each. */
const EXPECTED: [string, CharClass, string][] = [
  // T3: ideographs and other full-width characters are cells.
  ['汉', 'han', 'CJK ideograph (Lo, W)'],
  ['Ａ', 'han', 'full-width Latin letter (Lu, F)'],
  ['１', 'han', 'full-width digit (Nd, F)'],
  ['\u3000', 'han', 'ideographic space (Zs, F): a full em of blank, set as a character'],
  ['ぁ', 'han', 'hiragana (Lo, W)'],
  // clreq §3.1.2 点号: ink in the left half (T9–T12).
  ...[...'，。、；：？！．'].map((c): [string, CharClass, string] => [c, 'stop', 'clreq 点号']),
  // clreq §3.1.2 标号: closing marks, ink left; opening marks, ink right.
  ...[...'”’）〕］｝】〗》〉」』'].map((c): [string, CharClass, string] => [c, 'close', 'closing 标号']),
  ...[...'“‘（〔［｛【〖《〈「『'].map((c): [string, CharClass, string] => [c, 'open', 'opening 标号']),
  // T8: dashes and ellipses are never compressed, interpuncts keep their em.
  ['—', 'dash', 'em dash (Pd, A), half of ——'],
  ['⸺', 'dash', 'two-em dash'],
  ['⸻', 'dash', 'three-em dash'],
  ['…', 'dash', 'ellipsis (Po, A), half of ……'],
  ['·', 'middot', 'middle dot (T8)'],
  ['・', 'middot', 'katakana middle dot'],
  ['‧', 'middot', 'hyphenation point'],
  // T14: letters and digits that are not full-width are proportional (alnum).
  ['a', 'alnum', 'Latin letter (Ll, Na)'],
  ['é', 'alnum', 'accented Latin letter (Ll, A)'],
  ['Ж', 'alnum', 'Cyrillic letter (Lu, A)'],
  ['7', 'alnum', 'digit (Nd, Na)'],
  ['٣', 'alnum', 'Arabic-Indic digit (Nd, N)'],
  ['Ⅻ', 'alnum', 'Roman numeral (Nl, A)'],
  ['½', 'alnum', 'vulgar fraction (No, A)'],
  ['²', 'alnum', 'superscript two (No, A)'],
  ['\u0301', 'alnum', 'combining acute (Mn): stays with the letter it marks'],
  ['\u0903', 'alnum', 'Devanagari visarga (Mc)'],
  // Spaces: typed blanks, and the invisible break controls.
  [' ', 'space', 'space (Zs, Na)'],
  ['\u00a0', 'space', 'no-break space (Zs, N)'],
  ['\u2009', 'space', 'thin space (Zs, N)'],
  ['\t', 'space', 'tab (Cc)'],
  ['\u200b', 'space', 'zero-width space: a place to break'],
  ['\u2060', 'space', 'word joiner: a place not to break'],
  // Proportional brackets (Ps / Pe, not full-width).
  ['(', 'asciiOpen', 'ASCII ( (Ps, Na)'],
  ['[', 'asciiOpen', 'ASCII [ (Ps, Na)'],
  ['{', 'asciiOpen', 'ASCII { (Ps, Na)'],
  [')', 'asciiClose', 'ASCII ) (Pe, Na)'],
  [']', 'asciiClose', 'ASCII ] (Pe, Na)'],
  ['}', 'asciiClose', 'ASCII } (Pe, Na)'],
  // Anything else: proportional symbols glued to their neighbours.
  ['+', 'symbol', 'plus (Sm, Na)'],
  ['@', 'symbol', 'at (Po, Na)'],
  ['%', 'symbol', 'percent (Po, Na)'],
  ['-', 'symbol', 'hyphen-minus (Pd, Na)'],
  ['©', 'symbol', 'copyright (So, N)'],
];

describe('character classes (typography.md, Unicode)', () => {
  for (const [ch, cls, why] of EXPECTED) {
    it(`${JSON.stringify(ch)} is ${cls}: ${why}`, () => {
      expect(classify(ch)).toBe(cls);
    });
  }

  it('asked twice, a character has the same class (the cache gives what the tables give)', () => {
    for (const [ch, cls] of EXPECTED) {
      classify(ch);
      expect(classify(ch), JSON.stringify(ch)).toBe(cls);
    }
  });

  it('T9–T11: only the full-width marks with a blank half are compressible', () => {
    const compressible: CharClass[] = ['stop', 'close', 'open'];
    for (const cls of ['han', 'stop', 'close', 'open', 'dash', 'middot', 'alnum', 'space', 'asciiOpen', 'asciiClose', 'symbol'] as CharClass[]) {
      expect(isCompressible(cls), cls).toBe(compressible.includes(cls));
    }
  });

  it('T1: the full-width classes take whole cells on the grid; the proportional ones do not', () => {
    const wide: CharClass[] = ['han', 'stop', 'close', 'open', 'dash', 'middot'];
    for (const cls of ['han', 'stop', 'close', 'open', 'dash', 'middot', 'alnum', 'space', 'asciiOpen', 'asciiClose', 'symbol'] as CharClass[]) {
      expect(isWide(cls), cls).toBe(wide.includes(cls));
    }
  });
});

describe('numbers (T6, T28, T30)', () => {
  it('a number is its digits with a sign, decimal point, separators and unit (T6: 3.5%, −12, 120000)', () => {
    for (const n of ['3.5%', '−12', '-12', '+5', '120000', '12%', '5‰', '36℃', '36°', '12:30', '1,000', '3/4', '3／4']) {
      expect(isNumber(n), n).toBe(true);
    }
  });

  it('a Latin word with digits is not a number: T30 sets numbers tight, words keep T14', () => {
    for (const w of ['a12', '12a', 'A4', 'H1N1', '%12', '3.5%a', '1.2.3x', '', '.5', '+', '°']) {
      expect(isNumber(w), w).toBe(false);
    }
  });
});
