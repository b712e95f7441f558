import { describe, expect, it } from 'vitest';
import { distance, suggest } from './suggest.js';

describe('distance', () => {
  it('is 0 for equal words and the length of the other for an empty word', () => {
    expect(distance('', '')).toBe(0);
    expect(distance('number', 'number')).toBe(0);
    expect(distance('', 'toc')).toBe(3);
    expect(distance('body', '')).toBe(4);
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(distance('numbr', 'number')).toBe(1);
    expect(distance('numbers', 'number')).toBe(1);
    expect(distance('nunber', 'number')).toBe(1);
    expect(distance('kitten', 'sitting')).toBe(3);
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(distance('nubmer', 'number')).toBe(1);
    expect(distance('ab', 'ba')).toBe(1);
    expect(distance('tilte', 'title')).toBe(1);
    expect(distance('boyd', 'body')).toBe(1);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['nubmer', 'number'], ['colophon', 'colofon'], ['toc', 'title'], ['', 'x']] as const) {
      expect(distance(a, b)).toBe(distance(b, a));
    }
  });

  it('is the optimal string alignment distance: a swapped pair is not edited again', () => {
    // Full Damerau–Levenshtein gives 2 (ca → ac → abc); OSA does not edit inside a swap.
    expect(distance('ca', 'abc')).toBe(3);
  });

  it('is case-sensitive (suggest lowers the case itself)', () => {
    expect(distance('Number', 'number')).toBe(1);
  });
});

describe('suggest', () => {
  const issueKeys = ['number', 'period', 'printed'] as const;

  it('finds the nearest known word', () => {
    expect(suggest('nubmer', issueKeys)).toBe('number');
    expect(suggest('preiod', issueKeys)).toBe('period');
    expect(suggest('printd', issueKeys)).toBe('printed');
    expect(suggest('gongwne', ['default', 'gongwen'])).toBe('gongwen');
  });

  it('ignores case, and answers with the known spelling', () => {
    expect(suggest('NUMBER', issueKeys)).toBe('number');
    expect(suggest('Nubmer', issueKeys)).toBe('number');
  });

  it('suggests nothing when no word is near', () => {
    expect(suggest('title', issueKeys)).toBeUndefined();
    expect(suggest('xyzzy', ['publication', 'issue', 'sections', 'colophon', 'style'])).toBeUndefined();
    expect(suggest('anything', [])).toBeUndefined();
  });

  it('allows two edits in a short word, but not three', () => {
    expect(suggest('nmbr', ['number'])).toBe('number'); // 2 deletions
    expect(suggest('nmb', ['number'])).toBeUndefined(); // 3 deletions
    expect(suggest('tc', ['toc'])).toBe('toc');
  });

  it('allows a third of the length in a long word', () => {
    // 12 letters: up to 4 edits.
    expect(suggest('dstrbtn', ['distribution'])).toBeUndefined(); // 5 edits from 7 letters
    expect(suggest('distrbuton', ['distribution'])).toBe('distribution'); // 2 edits
    expect(suggest('disstribbutionn', ['distribution'])).toBe('distribution'); // 3 edits, 15 letters
    expect(suggest('dixtrixuxixn', ['distribution'])).toBe('distribution'); // 4 substitutions, 12 letters
    expect(suggest('xixtrixuxixn', ['distribution'])).toBeUndefined(); // 5 substitutions
  });

  it('prefers the nearer word, and the first of equally near ones', () => {
    expect(suggest('notes', ['note', 'notice'])).toBe('note');
    expect(suggest('toc', ['tic', 'tac'])).toBe('tic');
  });

  it('returns an exact match as it is', () => {
    expect(suggest('style', ['publication', 'style'])).toBe('style');
  });
});
