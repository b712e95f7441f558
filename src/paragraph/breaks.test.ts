/**
 * First fit, the word processor's way (breaks.ts), which the total-fit breaker is
 * measured against (properties.test.ts): each line takes as much as fits with its
 * gaps squeezed as far as they go, within the rules that forbid a break (T4–T6).
 */
import { describe, expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { firstFit } from './breaks.js';
import { cellsOf } from './cells.js';
import { itemsOf } from './items.js';
import { uniform, type Item } from './types.js';

const fonts = new FontSet();
const EM = 16;

const itemsFor = (text: string): Item[] => itemsOf(cellsOf(text, fonts, 'serif', EM).cells, { size: EM, indent: 0, hyphen: null });

function linesOf(text: string, ems: number): string[] {
  return linesOfItems(itemsFor(text), ems);
}

/** The text of each line first fit sets the items in, `ems` wide. */
function linesOfItems(items: Item[], ems: number): string[] {
  const breaks = firstFit(items, uniform(ems * EM));
  const texts: string[] = [];
  let from = 0;
  const textOf = (its: Item[]) => its.map((it) => (it.type === 'box' ? it.cell.text : '')).join('');
  for (const b of breaks) {
    texts.push(textOf(items.slice(from, b + 1)));
    from = b + 1;
  }
  return texts;
}

describe('first fit', () => {
  it('fills each line in turn: 12 characters at 5 em are 5, 5 and 2', () => {
    expect(linesOf('一二三四五六七八九十甲乙', 5)).toEqual(['一二三四五', '六七八九十', '甲乙']);
  });

  it('squeezes a line to take one more character where its marks allow (T9: a mark at the line end is half width)', () => {
    // 一二三四，is 5 em, 4.5 with the comma's blank gone: it fits 4.5 em.
    expect(linesOf('一二三四，五六七八', 4.5)[0]).toBe('一二三四，');
  });

  it('never starts a line with a T4 mark: the character before it goes down with it', () => {
    expect(linesOf('一二三四五。六七', 5)).toEqual(['一二三四', '五。六七']);
  });

  it('lets an unbreakable run wider than the measure overflow its line rather than find no break', () => {
    // T6: the number is never split; it runs past the measure on a line of its
    // own, and the lines around it are filled as any others.
    expect(linesOf('一二1234567890123456三四', 3)).toEqual(['一二', '1234567890123456', '三四']);
    // T4: the full stop cannot start a line, so it stays with the number: the
    // overflowing line ends at the first break after the run, not inside it.
    expect(linesOf('一二1234567890123456。三四', 3)).toEqual(['一二', '1234567890123456。', '三四']);
  });

  it('takes a line squeezed exactly to its limit: every blank it can lose lost fits', () => {
    // 一，二三四五 is 6 em; the comma's half-em blank (T13: punctuation shrinks
    // first) brings it to 5.5 em exactly, the adjustment ratio −1 (TeX: overfull only below −1).
    expect(linesOf('一，二三四五六七', 5.5)).toEqual(['一，二三四五', '六七']);
  });

  it('breaks where a penalty of −∞ forces it (TeX\'s \\break), though the line has room for more', () => {
    // Two paragraphs' items one after the other: the first ends with its forced break.
    expect(linesOfItems([...itemsFor('一二三'), ...itemsFor('四五六')], 5)).toEqual(['一二三', '四五六']);
  });

  it('takes a hyphenation point only where the line needs it (T14): a word on a line with room stays whole', () => {
    expect(linesOf('排版typesetting排版', 12)).toEqual(['排版typesetting排版']);
  });
});
