/**
 * The total-fit breaker against a published example: the "frog prince" paragraph
 * of Knuth & Plass, "Breaking Paragraphs into Lines" (1981), as reprinted in
 * Knuth's Digital Typography (1999), chapter 3.
 *
 * The items are built as the paper builds them (Digital Typography p. 75): letters
 * a–z are (9, 10, 8, 10, 8, 6, 9, 10, 5, 6, 10, 5, 15, 10, 9, 10, 10, 7, 7, 7, 10, 9,
 * 13, 10, 10, 8) units wide, `C` 13, `I` 6, `-` 6, and commas, semicolons, periods
 * and apostrophes 5; glue between words is (6, 3, 2), after a comma (6, 4, 2), after
 * a semicolon (6, 4, 1), after a period (8, 6, 1); a line ending with a hyphen pays
 * a penalty of 50; the first line is indented by an em (18 units). The expected
 * lines and adjustment ratios are those printed with the optimum settings at line
 * widths 390 (p. 81) and 500 (p. 82), to the three decimals printed there.
 *
 * Where the numbers come from: the book's pages 75, 81 and 82 as quoted in the test
 * suites of public Knuth–Plass implementations, which agree with one another; a
 * scan of the paper itself was not at hand to check them against.
 */
import { describe, expect, it } from 'vitest';
import { totalFit } from './linebreak.js';
import { uniform, type Cell, type Item } from './types.js';

const TEXT =
  "In olden times when wish-ing still helped one, there lived a king whose daugh-ters were all " +
  'beau-ti-ful; and the young-est was so beau-ti-ful that the sun it-self, which has seen so much, ' +
  "was aston-ished when-ever it shone in her face. Close by the king's castle lay a great dark " +
  'for-est, and un-der an old lime-tree in the for-est was a well, and when the day was very warm, ' +
  "the king's child went out into the for-est and sat down by the side of the cool foun-tain; and " +
  'when she was bored she took a golden ball, and threw it up on high and caught it; and this ball ' +
  'was her favor-ite play-thing.';

const LOWER = [9, 10, 8, 10, 8, 6, 9, 10, 5, 6, 10, 5, 15, 10, 9, 10, 10, 7, 7, 7, 10, 9, 13, 10, 10, 8];
function widthOf(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (ch >= 'a' && ch <= 'z') w += LOWER[ch.charCodeAt(0) - 97]!;
    else if (ch === 'C') w += 13;
    else if (ch === 'I') w += 6;
    else if (ch === '-') w += 6;
    else if (",;.'".includes(ch)) w += 5;
    else throw new Error(`no width for ${ch}`);
  }
  return w;
}

function box(text: string): Item {
  const width = widthOf(text);
  const cell: Cell = { cls: 'alnum', text, range: [0, 0], width, leftBlank: 0, rightBlank: 0, spaceBefore: '', glyphs: [] };
  return { type: 'box', width, cell, range: [0, 0] };
}

function penalty(width: number, cost: number, flagged: boolean): Item {
  return { type: 'penalty', width, cost, flagged, level: 0, range: [0, 0] };
}

function glue(width: number, stretch: number, shrink: number): Item {
  return { type: 'glue', kind: 'space', width, stretch, shrink, text: ' ', range: [0, 0] };
}

/** The paper's items for the paragraph; `-` inside a word marks a hyphenation point. */
function frogPrince(): Item[] {
  const items: Item[] = [box('')];
  (items[0] as { width: number }).width = 18;
  const words = TEXT.split(' ');
  words.forEach((word, w) => {
    // `lime-tree` has a real hyphen: a box with it, then a break at no width.
    const explicit = word.startsWith('lime-');
    const parts = explicit ? ['lime-', 'tree'] : word.split('-');
    parts.forEach((part, i) => {
      items.push(box(part));
      if (i < parts.length - 1) items.push(explicit ? penalty(0, 50, true) : penalty(6, 50, true));
    });
    if (w === words.length - 1) return;
    const end = word.at(-1);
    items.push(end === ',' ? glue(6, 4, 2) : end === ';' ? glue(6, 4, 1) : end === '.' ? glue(8, 6, 1) : glue(6, 3, 2));
  });
  items.push(penalty(0, Infinity, false), glue(0, 1e6, 0), penalty(0, -Infinity, true));
  return items;
}

/** The text of each line, a hyphen added where the line ends at a hyphenation point. */
function lines(items: Item[], breaks: number[]): string[] {
  let from = 0;
  return breaks.map((b) => {
    let text = '';
    for (let k = from; k < b; k++) {
      const it = items[k]!;
      if (it.type === 'box') text += it.cell.text;
      else if (it.type === 'glue' && k > from) text += ' ';
    }
    const end = items[b]!;
    if (end.type === 'penalty' && end.width > 0) text += '-';
    from = b + 1;
    while (items[from]?.type === 'glue') from++;
    return text.trim();
  });
}

describe('Knuth–Plass on the frog prince (Digital Typography ch. 3)', () => {
  it('reproduces the optimum breaks and ratios at width 390 (p. 81)', () => {
    const items = frogPrince();
    const result = totalFit(items, uniform(390));
    expect(result.pass).toBe(1);
    expect(lines(items, result.breaks)).toEqual([
      'In olden times when wishing still helped one,',
      'there lived a king whose daughters were all beau-',
      'tiful; and the youngest was so beautiful that the',
      'sun itself, which has seen so much, was aston-',
      'ished whenever it shone in her face. Close by the',
      "king's castle lay a great dark forest, and under an",
      'old lime-tree in the forest was a well, and when',
      "the day was very warm, the king's child went out",
      'into the forest and sat down by the side of the',
      'cool fountain; and when she was bored she took a',
      'golden ball, and threw it up on high and caught',
      'it; and this ball was her favorite plaything.',
    ]);
    const printed = [0.857, 0, 0.28, 1.0, 0.067, -0.278, 0.536, -0.167, 0.7, -0.176, 0.357];
    expect(result.ratios.slice(0, -1).map((r) => Number(r.toFixed(3)))).toEqual(printed);
  });

  it('reproduces the optimum breaks and ratios at width 500 (p. 82)', () => {
    const items = frogPrince();
    const result = totalFit(items, uniform(500));
    expect(lines(items, result.breaks)).toEqual([
      'In olden times when wishing still helped one, there lived a',
      'king whose daughters were all beautiful; and the youngest was',
      'so beautiful that the sun itself, which has seen so much, was',
      "astonished whenever it shone in her face. Close by the king's",
      'castle lay a great dark forest, and under an old lime-tree in the',
      "forest was a well, and when the day was very warm, the king's",
      'child went out into the forest and sat down by the side of the',
      'cool fountain; and when she was bored she took a golden ball,',
      'and threw it up on high and caught it; and this ball was her',
      'favorite plaything.',
    ]);
    const printed = [0.774, 0.179, 0.629, 0.545, 0, 0.079, 0.282, 0.294, 0.575];
    expect(result.ratios.slice(0, -1).map((r) => Number(r.toFixed(3)))).toEqual(printed);
  });
});
