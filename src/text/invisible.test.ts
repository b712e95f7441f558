/**
 * The characters that draw nothing (text/invisible.ts): which the loader and the
 * importer remove as stray, which stay with the character before them, and how a
 * message names a character. The expectations are the Unicode names of the
 * characters each list is documented to hold.
 */
import { describe, expect, it } from 'vitest';
import { JOINERS, STRAY, WORD_JOINER, ZERO_WIDTH_SPACE, codePointName } from './invisible.js';

const stray = new RegExp(`[${STRAY}]`, 'u');
const joiner = new RegExp(`^[${JOINERS}]$`, 'u');

describe('stray characters (removed with a warning)', () => {
  const STRAYS: [string, string][] = [
    ['\u0000', 'NUL'], ['\u0007', 'BEL'], ['\u0008', 'BACKSPACE'], ['\u000b', 'LINE TABULATION'], ['\u000c', 'FORM FEED'],
    ['\u000d', 'CARRIAGE RETURN'], ['\u001f', 'UNIT SEPARATOR'], ['\u007f', 'DELETE'], ['\u0085', 'NEXT LINE (C1)'], ['\u009f', 'APC (C1)'],
    ['\u00ad', 'SOFT HYPHEN'], ['\u061c', 'ARABIC LETTER MARK'], ['\u200e', 'LEFT-TO-RIGHT MARK'], ['\u200f', 'RIGHT-TO-LEFT MARK'],
    ['\u2028', 'LINE SEPARATOR'], ['\u2029', 'PARAGRAPH SEPARATOR'], ['\u202a', 'LRE'], ['\u202e', 'RIGHT-TO-LEFT OVERRIDE'],
    ['\u2066', 'LRI'], ['\u2069', 'PDI'], ['\ufeff', 'BYTE ORDER MARK'], ['\ufffe', 'non-character FFFE'], ['\uffff', 'non-character FFFF'],
    ['\ud800', 'lone high surrogate'], ['\udfff', 'lone low surrogate'],
  ];
  for (const [ch, name] of STRAYS) {
    it(`${name} (${codePointName(ch)}) is stray`, () => expect(stray.test(ch)).toBe(true));
  }

  it('tab, line feed, the break controls, joiners, Han, a surrogate pair and a space are not', () => {
    for (const ch of ['\t', '\n', ZERO_WIDTH_SPACE, WORD_JOINER, '\u200c', '\u200d', '\ufe0f', '汉', '𠀀', ' ', '\u3000', 'a', '，']) {
      expect(stray.test(ch), codePointName(ch)).toBe(false);
    }
  });
});

describe('joiners and variation selectors (kept with the character before)', () => {
  it('ZWNJ, ZWJ, VS1–VS16 and VS17–VS256', () => {
    for (const ch of ['\u200c', '\u200d', '\ufe00', '\ufe0f', '\u{e0100}', '\u{e01ef}']) expect(joiner.test(ch), codePointName(ch)).toBe(true);
    for (const ch of [ZERO_WIDTH_SPACE, WORD_JOINER, '\u200b', '\ufe10', '\u{e01f0}', '汉']) expect(joiner.test(ch), codePointName(ch)).toBe(false);
  });

  it('the break controls are U+200B (zero-width space) and U+2060 (word joiner)', () => {
    expect(ZERO_WIDTH_SPACE).toBe('\u200b');
    expect(WORD_JOINER).toBe('\u2060');
  });
});

describe('how a message names a character', () => {
  it('U+ and at least four upper-case hex digits, by code point (a pair is one character)', () => {
    expect(codePointName('汉')).toBe('U+6C49');
    expect(codePointName('a')).toBe('U+0061');
    expect(codePointName('\u0000')).toBe('U+0000');
    expect(codePointName('𠀀')).toBe('U+20000');
    expect(codePointName('\u{e01ef}')).toBe('U+E01EF');
  });
});
