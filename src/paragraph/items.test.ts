/**
 * Items (items.ts): the boxes, glue and penalties each rule makes between two
 * cells, read directly. Widths in em, from typography.md: T2's indent, T4/T5's
 * forbidden breaks, T9–T12's blanks, T13/T14's spacing (¼ em Han–Latin shrinking
 * to ⅛ and growing to ⅓; ⅓ em word spaces from ¼ to ½), T16's hanging, T28's
 * tie, T30's tight digits, T6's last-resort breaks in addresses, T14's hyphens.
 */
import { describe, expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { cellsOf, glyphOf } from './cells.js';
import { TIE, WORD_BREAK, itemsOf, type ItemOptions } from './items.js';
import type { Item } from './types.js';

const fonts = new FontSet();
const EM = 16;
const r = (x: number) => Math.round((x / EM) * 1000) / 1000;

/** Items as short strings: `[字]` a box, `g(w,+st,-sh)` glue in em by kind, `p(cost)` a penalty. */
function items(text: string, over: Partial<ItemOptions> = {}): string[] {
  const { cells } = cellsOf(text, fonts, 'serif', EM);
  const hyphen = glyphOf(fonts, 'serif', EM, '-');
  return itemsOf(cells, { size: EM, indent: 0, hyphen, ...over }).map(show);
}

function show(it: Item): string {
  if (it.type === 'box') return `[${it.cell.text}]`;
  if (it.type === 'glue') return `${it.kind}(${r(it.width)},+${it.stretch > 1e5 ? 'fil' : r(it.stretch)},-${r(it.shrink)})`;
  const extra = [it.width !== 0 ? `w${r(it.width)}` : '', it.flagged ? 'flagged' : '', it.level ? `L${it.level}` : ''].filter(Boolean).join(' ');
  return `p(${it.cost}${extra ? ` ${extra}` : ''})`;
}

/** The paragraph's end (T13: the last line ragged): no break, fill, forced break. */
const END = ['p(Infinity)', 'gap(0,+fil,-0)', 'p(-Infinity)'];

describe('items between two cells', () => {
  it('T2: the indent is a box of its width, first', () => {
    const { cells } = cellsOf('甲', fonts, 'serif', EM);
    const [first] = itemsOf(cells, { size: EM, indent: 2 * EM, hyphen: null });
    expect(first!.type).toBe('box');
    expect(first!.width).toBe(2 * EM);
  });

  it('T3, T13: between Han characters a break is allowed at a gap that grows (0.08 em at ratio 1) and never shrinks', () => {
    expect(items('甲乙')).toEqual(['[甲]', 'gap(0,+0.08,-0)', '[乙]', ...END]);
  });

  it('T4: no break before a closing or pause mark; T9: its blank shrinks first (T13)', () => {
    expect(items('甲，乙')).toEqual(['[甲]', 'p(Infinity)', 'gap(0,+0.08,-0)', '[，]', 'punct(0.5,+0,-0.5)', '[乙]', ...END]);
  });

  it('T5: no break after an opening mark; its blank is before it', () => {
    expect(items('甲“乙')).toEqual(['[甲]', 'punct(0.5,+0,-0.5)', '[“]', 'p(Infinity)', 'gap(0,+0.08,-0)', '[乙]', ...END]);
  });

  it('T12: the blank after 。？！ is kept to justify (only a line end or T11 removes it)', () => {
    for (const m of ['。', '？', '！']) expect(items(`甲${m}乙`)[4], m).toBe('gap(0.5,+0,-0)');
  });

  it('T11: two marks take 1.5 em: half an em of blank between them, rigid, the rest of their blanks gone', () => {
    // 。” : the stop's blank half goes, the closing mark keeps its own after it.
    expect(items('甲。”乙').slice(3, 8)).toEqual(['[。]', 'p(Infinity)', 'gap(0,+0,-0)', '[”]', 'punct(0.5,+0,-0.5)']);
    // ：“ : of the colon's right half and the quote's left half, one stays.
    expect(items('甲：“乙').slice(3, 6)).toEqual(['[：]', 'gap(0.5,+0,-0)', '[“]']);
  });

  it('T14: ¼ em between Han and Latin or digits, shrinking to ⅛ em and growing to ⅓ em', () => {
    expect(items('甲abc乙')).toEqual(['[甲]', 'hanlatin(0.25,+0.083,-0.125)', '[abc]', 'hanlatin(0.25,+0.083,-0.125)', '[乙]', ...END]);
  });

  it('T30: with digitSpacing none, numbers are set tight against Han; Latin words keep T14', () => {
    expect(items('共12人', { digitSpacing: 'none' })[1]).toBe('gap(0,+0.08,-0)');
    expect(items('下载APP', { digitSpacing: 'none' })[3]).toBe('hanlatin(0.25,+0.083,-0.125)');
  });

  it('T13: a typed space between words is ⅓ em, shrinking to ¼ em and growing to ½ em', () => {
    expect(items('open source')[1]).toBe('space(0.333,+0.167,-0.083)');
  });

  it('T28: a number and its measure word, or 第 and its number, are tied by a strong penalty', () => {
    expect(items('4880名', { digitSpacing: 'none' })[1]).toBe(`p(${TIE})`);
    expect(items('第91期', { digitSpacing: 'none' })[1]).toBe(`p(${TIE})`);
    expect(TIE).toBeGreaterThan(0);
    expect(TIE).toBeLessThan(Infinity);
  });

  it('T14: a hyphenation point is a flagged penalty with the hyphen\'s width, open from the third pass (level 1)', () => {
    const hyph = items('hyphenation').filter((s) => s.startsWith('p(') && s.includes('flagged'));
    expect(hyph.length).toBe(2);
    for (const p of hyph) expect(p).toMatch(new RegExp(`^p\\(${WORD_BREAK.hyphenation} w0\\.\\d+ flagged L1\\)$`));
  });

  it('T14: after a hyphen written in a word (`well-known`) a break is a flagged penalty open from the third pass, as TeX\'s \\exhyphenpenalty', () => {
    expect(items('well-known')).toEqual(['[well-]', `p(${WORD_BREAK.explicit} flagged L1)`, '[known]', ...END]);
  });

  it('T13: a typed space beside a symbol is a word space, a place to break; with none typed the symbol stays with its neighbours', () => {
    expect(items('x + y')).toEqual(['[x]', 'space(0.333,+0.167,-0.083)', '[+]', 'space(0.333,+0.167,-0.083)', '[y]', ...END]);
    expect(items('甲+乙')).toEqual(['[甲]', '[+]', '[乙]', ...END]);
  });

  it('T6: an address breaks only after / . @ -, as a last resort (level 2)', () => {
    const got = items('a@b.cn');
    expect(got).toEqual(['[a@]', `p(${WORD_BREAK.address} L2)`, '[b.]', `p(${WORD_BREAK.address} L2)`, '[cn]', ...END]);
  });

  it('T16: with hanging, a break after `，` may leave the mark\'s ink out of the line (a penalty of minus its width)', () => {
    const got = items('甲，乙', { hanging: true });
    expect(got.slice(3, 6)).toEqual(['[，]', 'p(0 w-0.5)', 'p(0)']);
    // `；` does not hang.
    expect(items('甲；乙', { hanging: true }).slice(3, 5)).toEqual(['[；]', 'punct(0.5,+0,-0.5)']);
  });

  it('T1: on the character grid a break after a mark may keep its blank in the line, and a mark inside a line keeps its whole cell', () => {
    const got = items('甲，乙', { wholeCells: true });
    expect(got.slice(3, 7)).toEqual(['[，]', 'p(0 w0.5)', 'p(0)', 'gap(0.5,+0,-0)']);
  });
});
