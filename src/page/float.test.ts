/**
 * Floating figures (issue 15; float.ts): a figure that does not fit at the foot of
 * a page heads the next one, and the body lines after it flow up past it — only
 * lines of the paragraphs and notes that directly follow it, as many as fill the
 * page with T17 kept (no first line alone at the foot, no last line alone at the
 * head), never a heading, title, section, space or another figure. Bands are made
 * by hand: a page of 10 grid lines, paragraphs of so many lines.
 */
import { describe, expect, it } from 'vitest';
import type { Band } from './bands.js';
import { floatPast, floated } from './float.js';
import { paginate } from './paginate.js';
import type { Style } from '../style/index.js';

const CAPACITY = 10;

let paragraphs = 0;
/** A paragraph of n lines, each line a band carrying its name. */
function para(n: number, name: string): Band[] {
  const id = paragraphs++;
  return Array.from({ length: n }, (_, index) => ({
    kind: 'line',
    lines: 1,
    keep: false,
    paragraph: { id, index, count: n },
    items: [{ type: 'dest', name: `${name}${index + 1}`, y: 0 }],
  }));
}
const figure = (lines: number, name = 'F'): Band => ({ kind: 'image', lines, keep: false, items: [{ type: 'dest', name, y: 0 }] });
const heading = (name = 'H'): Band => ({ kind: 'line', lines: 1, keep: true, items: [{ type: 'dest', name, y: 0 }] });
const space = (): Band => ({ kind: 'space', lines: 1, keep: false, items: [] });

/** The names on each page, in order. */
function pagesOf(bands: Band[]): string[][] {
  const style = { body: { lines: CAPACITY, pitch: 20 }, area: { left: 0, top: 0 } } as unknown as Style;
  return paginate(bands, style, 1).pages.map((p) => p.items.flatMap((i) => (i.type === 'dest' ? [i.name] : [])));
}

describe('floatPast: which bands move up past a figure that does not fit', () => {
  it('the lines of the paragraph after it, as many as fill the room', () => {
    const bands = [figure(6), ...para(8, 'a')];
    expect(floatPast(bands, 0, 4)).toBe(4);
  });

  it('a whole paragraph and the first lines of the next', () => {
    const bands = [figure(6), ...para(2, 'a'), ...para(5, 'b')];
    expect(floatPast(bands, 0, 5)).toBe(5);
  });

  it('T17: not the last line of a paragraph alone at the head of the next page', () => {
    // 5 of 6 lines would leave the 6th alone over the figure: 4 move.
    expect(floatPast([figure(6), ...para(6, 'a')], 0, 5)).toBe(4);
  });

  it('a paragraph that exactly fills the room moves up whole', () => {
    expect(floatPast([figure(6), ...para(4, 'a'), ...para(5, 'b')], 0, 4)).toBe(4);
  });

  it('T17: two first lines may stand at the foot, the rest going on under the figure', () => {
    expect(floatPast([figure(6), ...para(5, 'a')], 0, 2)).toBe(2);
    expect(floatPast([figure(6), ...para(2, 'a'), ...para(5, 'b')], 0, 4)).toBe(4);
  });

  it('T17: not the first line of a paragraph alone at the foot', () => {
    expect(floatPast([figure(6), ...para(5, 'a')], 0, 1)).toBe(0);
    expect(floatPast([figure(6), ...para(2, 'a'), ...para(5, 'b')], 0, 3)).toBe(2);
  });

  it('never a heading, a title or section (kept bands), a space or another figure', () => {
    expect(floatPast([figure(6), heading(), ...para(5, 'a')], 0, 4)).toBe(0);
    expect(floatPast([figure(6), ...para(2, 'a'), heading(), ...para(5, 'b')], 0, 4)).toBe(2);
    expect(floatPast([figure(6), ...para(2, 'a'), space(), ...para(5, 'b')], 0, 4)).toBe(2);
    expect(floatPast([figure(6), ...para(2, 'a'), figure(3, 'G'), ...para(5, 'b')], 0, 4)).toBe(2);
  });

  it('nothing when nothing follows, or no room is left', () => {
    expect(floatPast([figure(6)], 0, 4)).toBe(0);
    expect(floatPast([figure(6), ...para(5, 'a')], 0, 0)).toBe(0);
  });

  it('floated: the figure after the lines that move, the rest unchanged', () => {
    const bands = [...para(1, 'p'), figure(6), ...para(3, 'a')];
    const names = (bs: Band[]) => bs.map((b) => (b.items[0]?.type === 'dest' ? b.items[0].name : '·'));
    expect(names(floated(bands, 1, 2))).toEqual(['p1', 'a1', 'a2', 'F', 'a3']);
  });
});

describe('paginate with a figure that does not fit', () => {
  it('the figure heads the next page; the text after it fills this one to its last line', () => {
    const pages = pagesOf([...para(6, 'a'), figure(6), ...para(8, 'b')]);
    expect(pages).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3', 'b4'],
      ['F', 'b5', 'b6', 'b7', 'b8'],
    ]);
  });

  it('floats at most to the head of the next page: a figure that fits there is not pushed further', () => {
    const pages = pagesOf([...para(6, 'a'), figure(6), ...para(30, 'b')]);
    expect(pages[1]![0]).toBe('F');
    expect(pages[0]).toHaveLength(CAPACITY);
  });

  it('before a heading, the figure moves on and the page ends short, as without floating', () => {
    const pages = pagesOf([...para(6, 'a'), figure(6), heading(), ...para(3, 'b')]);
    expect(pages).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'],
      ['F', 'H', 'b1', 'b2', 'b3'],
    ]);
  });

  it('a figure that fits stays where it is', () => {
    const pages = pagesOf([...para(2, 'a'), figure(6), ...para(4, 'b')]);
    expect(pages[0]).toEqual(['a1', 'a2', 'F', 'b1', 'b2']);
  });
});
