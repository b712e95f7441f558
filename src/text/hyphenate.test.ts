/**
 * Hyphenation points of Latin words (T14), as TeX's US English patterns give them
 * with \lefthyphenmin = 2 and \righthyphenmin = 3: the words and their breaks are
 * those TeX prints (`hy-phen-ation`, `type-set-ting`, `para-graph`, …).
 */
import { describe, expect, it } from 'vitest';
import { LEFT_MIN, RIGHT_MIN, forgetHyphenation, hyphenationPoints } from './hyphenate.js';

/** A word with its breaks marked by `-`, as TeX hyphenates it. */
function points(marked: string): number[] {
  const out: number[] = [];
  let at = 0;
  for (const part of marked.split('-').slice(0, -1)) out.push((at += part.length));
  return out;
}

describe('T14: hyphenation points', () => {
  const WORDS = ['hy-phen-ation', 'type-set-ting', 'para-graph', 'com-puter', 'knowl-edge', 'ta-ble', 'Uni-code', 'on-line', 'of-fice', 'Type-set-ting'];
  for (const marked of WORDS) {
    it(`${marked}`, () => {
      expect(hyphenationPoints(marked.replace(/-/g, ''))).toEqual(points(marked));
    });
  }

  it('at least two letters before a break and three after (\\lefthyphenmin, \\righthyphenmin)', () => {
    expect([LEFT_MIN, RIGHT_MIN]).toEqual([2, 3]);
    // com-put-er in the patterns: the break before `er` leaves two letters.
    expect(hyphenationPoints('computer')).not.toContain(6);
    for (const w of ['hyphenation', 'typesetting', 'international', 'representatives', 'mathematics']) {
      for (const p of hyphenationPoints(w)) {
        expect(p, w).toBeGreaterThanOrEqual(2);
        expect(w.length - p, w).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('no breaks in a word too short to have two and three letters around one, in capitals only, with digits or other letters', () => {
    for (const w of ['open', 'data', 'a', '', 'PDF', 'UNICODE', 'abc12', 'café', 'naïve', 'x-ray', 'e-mail']) {
      expect(hyphenationPoints(w), w).toEqual([]);
    }
  });

  it('no breaks in a word with a letter outside A–Z or a digit anywhere in it, first or last (the en-US patterns know ASCII letters only)', () => {
    // The patterns would break each of these (élim-i-na-tion, hy-phen-ation2024).
    for (const w of ['élimination', 'éhyphenation', 'hyphenation2024', '2representatives']) {
      expect(hyphenationPoints(w), w).toEqual([]);
    }
  });

  it('a word of mixed case has the points of its lower-case letters (TeX looks the patterns up by \\lccode), even ending in capitals', () => {
    for (const w of ['PostgreSQL', 'BibTeX', 'McDonald']) {
      const lower = hyphenationPoints(w.toLowerCase());
      expect(lower.length, w).toBeGreaterThan(0);
      expect(hyphenationPoints(w), w).toEqual(lower);
    }
  });

  it('the same points when asked again, and after the cache is emptied', () => {
    const first = hyphenationPoints('representatives');
    expect(first.length).toBeGreaterThan(1);
    expect(hyphenationPoints('representatives')).toEqual(first);
    forgetHyphenation();
    expect(hyphenationPoints('representatives')).toEqual(first);
  });
});
