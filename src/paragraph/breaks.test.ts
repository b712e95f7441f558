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

function linesOf(text: string, ems: number): string[] {
  const { cells } = cellsOf(text, fonts, 'serif', EM);
  const items = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
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
    const lines = linesOf('一二1234567890123456三四', 3);
    expect(lines.join('')).toBe('一二1234567890123456三四');
    expect(lines.some((l) => l.includes('1234567890123456'))).toBe(true);
  });
});
