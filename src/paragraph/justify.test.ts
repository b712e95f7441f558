/**
 * justify.ts: one broken line set to its measure, on items made by hand as items.ts
 * makes them (a 10-point em; a Han box 1 em, a mark's ink box ½ em and its
 * removable blank ½ em). Checks where the glyphs land: the line ends exactly at the
 * measure (T13), which gaps took the stretch or the shrink and how much (T13's
 * order: to shrink, punctuation blanks, then Han–Latin gaps, then word spaces; to
 * expand, word spaces up to ½ em, Han–Latin gaps up to ⅓ em, then the gaps between
 * full-width characters), T27's whole punctuation steps and its last resort, T16's
 * hanging mark, T28's tie as a break, the hyphen of a hyphenated line (T14), typed
 * spaces kept as glyphs, and the source range of a line.
 */
import { describe, expect, it } from 'vitest';
import { adjust, setLine, type LineSpec } from './justify.js';
import type { Box, Glue, Item, Penalty, PlacedGlyph } from './types.js';

const EM = 10;

function glyph(text: string, advance: number, at = 0): PlacedGlyph {
  return { face: 'test', size: EM, id: 0, text, x: 0, advance, at };
}

/** A box of `width` drawn by one glyph of `advance` (a mark's ink box is half its glyph's cell). */
function box(text: string, width = EM, advance = width): Box {
  const range = [0, 0] as const;
  return { type: 'box', width, range, cell: { cls: 'han', text, range, width, leftBlank: 0, rightBlank: 0, spaceBefore: '', glyphs: [glyph(text, advance)] } };
}
/** A closing or pause mark's ink (its blank right half is the glue after it). */
const mark = (text: string) => box(text, EM / 2, EM);
/** A Latin word or a number, `ems` em wide. */
const word = (text: string, ems = 1) => box(text, ems * EM);

function glue(kind: Glue['kind'], width: number, stretch: number, shrink: number, text = ''): Glue {
  return { type: 'glue', kind, width, stretch, shrink, text, range: [0, 0] };
}
/** Between two full-width characters: no width, grows 0.08 em at ratio 1 (T13). */
const gap = () => glue('gap', 0, 0.08 * EM, 0);
/** A gap that never adjusts (T11's pair of marks, T12's blank after `。`). */
const rigid = (width = 0) => glue('gap', width, 0, 0);
/** A mark's removable blank, ½ em, there whole or not at all (T9–T11, T27). */
const blank = () => glue('punct', EM / 2, 0, EM / 2);
/** T14: between Han and Latin, ¼ em, down to ⅛ em, up to ⅓ em. */
const hanLatin = () => glue('hanlatin', EM / 4, EM / 12, EM / 8);
/** T13: a typed word space, ⅓ em, down to ¼ em, up to ½ em. */
const space = () => glue('space', EM / 3, EM / 6, EM / 12, ' ');
/** The paragraph's end (items.ts). */
const end = (): Item[] => [penalty(Infinity), glue('gap', 0, 1e6, 0), penalty(-Infinity)];

function penalty(cost: number, width = 0, drawn?: PlacedGlyph): Penalty {
  return { type: 'penalty', width, cost, flagged: false, level: 0, ...(drawn ? { glyph: drawn } : {}), range: [0, 0] };
}

/** The items with their ranges in the text they spell, in order: a box or a typed space takes its text's length. */
function text(...items: Item[]): Item[] {
  let at = 0;
  return items.map((it) => {
    const length = it.type === 'box' ? it.cell.text.length : it.type === 'glue' ? it.text.length : 0;
    const range = [at, at + length] as const;
    at += length;
    if (it.type !== 'box') return { ...it, range };
    const start = range[0];
    return { ...it, range, cell: { ...it.cell, range, glyphs: it.cell.glyphs.map((g) => ({ ...g, at: start })) } };
  });
}

const SPACE_GLYPH = glyph(' ', EM / 4);

function set(items: Item[], from: number, to: number, width: number, over: Partial<LineSpec> = {}) {
  return setLine({ items, from, to, x: 0, width, last: false, align: 'justify', size: EM, space: SPACE_GLYPH, ...over });
}

/** Each glyph's text and left edge. */
const placed = (glyphs: PlacedGlyph[]) => glyphs.map((g) => [g.text, g.x] as const);

function expectPlaced(glyphs: PlacedGlyph[], expected: Array<readonly [string, number]>) {
  expect(glyphs.map((g) => g.text)).toEqual(expected.map(([t]) => t));
  glyphs.forEach((g, i) => expect(g.x, `x of ${g.text} (#${i})`).toBeCloseTo(expected[i]![1], 9));
}

describe('T13: a short line spread to its measure', () => {
  it('between Han characters every gap grows alike, the last one too; the range is the line’s text', () => {
    // 甲乙丙丁 | 戊: four 1-em characters in 4.3 em, three gaps of 0.1 em each.
    const items = text(box('甲'), gap(), box('乙'), gap(), box('丙'), gap(), box('丁'), gap(), box('戊'), ...end());
    const line = set(items, 0, 7, 4.3 * EM);
    expectPlaced(line.glyphs, [['甲', 0], ['乙', 11], ['丙', 22], ['丁', 33]]);
    expect(line.range).toEqual([0, 4]);
    expect(line.natural).toBeCloseTo(40, 9);
    expect(line.ratio).toBeCloseTo(3 / (3 * 0.08 * EM), 9);
  });

  it('a line of Latin words is spread by its word spaces alone, past ½ em when nothing else can take it', () => {
    // `ab cd | ef`, set 20 points in from the measure's left (a hanging indent), 3 em
    // wide: the space grows from ⅓ em to ½ em and, having no other gap beside it,
    // by the 1 point still missing. The space at the break is discarded: no glyph.
    const items = text(word('ab', 1.2), space(), word('cd', 1.2), space(), word('ef', 1.2), ...end());
    const first = set(items, 0, 3, 3 * EM, { x: 20 });
    expectPlaced(first.glyphs, [['ab', 20], [' ', 32], ['cd', 38]]);
    expect(first.glyphs[1]!.at).toBe(2);
    expect(first.range).toEqual([0, 5]);
    // The last line: ragged (T13), its range from its first character.
    const last = set(items, 4, 7, 3 * EM, { x: 20, last: true });
    expectPlaced(last.glyphs, [['ef', 20]]);
    expect(last.range).toEqual([6, 8]);
  });

  it('a mark’s blank and a pair of marks never spread (T27, T11): the word space takes what T13 gives the rest', () => {
    // `AB（）CD EF`: the blank before `（` and after `）` stay ½ em, the pair's gap stays
    // 0; the word space takes all 4 points the line is short of.
    const items = text(word('AB'), blank(), mark('（'), rigid(), mark('）'), blank(), word('CD'), space(), word('EF'), ...end());
    const natural = 10 + 5 + 5 + 0 + 5 + 5 + 10 + EM / 3 + 10;
    const line = set(items, 0, 9, natural + 4);
    expectPlaced(line.glyphs, [['AB', 0], ['（', 15], ['）', 20], ['CD', 30], [' ', 40], ['EF', 40 + EM / 3 + 4]]);
  });
});

describe('T13, T27: a long line squeezed', () => {
  // 甲，乙，丙 AB: two marks' blanks (5 points each), a Han–Latin gap (2.5, down to 1.25).
  const items = text(box('甲'), gap(), mark('，'), blank(), box('乙'), gap(), mark('，'), blank(), box('丙'), hanLatin(), word('AB'), space(), word('CD'), ...end());
  const natural = 10 + 5 + 5 + 10 + 5 + 5 + 10 + 2.5 + 10;

  it('one blank too long: the last mark of the line loses its whole blank, the first keeps its place', () => {
    const line = set(items, 0, 11, natural - 5);
    expectPlaced(line.glyphs, [['甲', 0], ['，', 10], ['乙', 20], ['，', 30], ['丙', 35], ['AB', 47.5]]);
  });

  it('a whole blank where less was needed: the line is spread back by what it took too much (T27, then T13)', () => {
    // 4 points too long: the last mark's blank goes whole (5), and the point over is
    // given back, to the Han–Latin gap first (up to ⅓ em: 0.83 of it), the rest to
    // the two gaps between full-width characters alike.
    const line = set(items, 0, 11, natural - 4);
    const rest = (1 - EM / 12) / 2;
    expectPlaced(line.glyphs, [['甲', 0], ['，', 10 + rest], ['乙', 20 + rest], ['，', 30 + 2 * rest], ['丙', 35 + 2 * rest], ['AB', 45 + 2 * rest + EM / 3]]);
  });

  it('what a whole blank leaves over comes from the Han–Latin gap, not from another blank', () => {
    const line = set(items, 0, 11, natural - 6);
    expectPlaced(line.glyphs, [['甲', 0], ['，', 10], ['乙', 20], ['，', 30], ['丙', 35], ['AB', 46.5]]);
  });
});

describe('T27: a mark squeezed to an in-between width, the last resort', () => {
  it('with nothing to spread the line back, every mark is squeezed alike', () => {
    // Two blanks, 7 points too long: no whole number of blanks fits and no gap can
    // spread the line back, so each mark gives 3.5 points.
    const a = blank();
    const b = blank();
    const between = rigid();
    const { widths, ratio } = adjust([a, between, b], -7);
    expect(widths.get(a)).toBeCloseTo(1.5, 9);
    expect(widths.get(b)).toBeCloseTo(1.5, 9);
    expect(widths.get(between)).toBe(0);
    expect(ratio).toBeCloseTo(-0.7, 9);
  });

  it('an overfull line has every gap at its minimum: no blank, Han–Latin gaps at ⅛ em', () => {
    const a = blank();
    const b = blank();
    const hl = hanLatin();
    const { widths, ratio } = adjust([a, hl, b], -(10 + EM / 8 + 2));
    expect(widths.get(a)).toBeCloseTo(0, 9);
    expect(widths.get(b)).toBeCloseTo(0, 9);
    expect(widths.get(hl)).toBeCloseTo(EM / 8, 9);
    expect(ratio).toBeLessThan(-1);
  });
});

describe('breaks that are not at a gap', () => {
  it('T16: a hanging mark stands past the measure, against a character flush with it', () => {
    // 甲乙， | 丙 with `，` hung: 甲乙 fill 2.1 em; the gap before `，` is not spread.
    const items = text(box('甲'), gap(), box('乙'), gap(), mark('，'), penalty(0, -EM / 2), penalty(0), blank(), box('丙'), ...end());
    const line = set(items, 0, 5, 2.1 * EM);
    expectPlaced(line.glyphs, [['甲', 0], ['乙', 11], ['，', 21]]);
  });

  it('T28: a line broken at the tie after a number is spread by all its gaps, the Han–Latin gap first (T13)', () => {
    // 甲乙 12 | 名: half a point short; the Han–Latin gap before `12` takes it.
    const items = text(box('甲'), gap(), box('乙'), hanLatin(), word('12'), penalty(1000), hanLatin(), box('名'), ...end());
    const line = set(items, 0, 5, 32.5 + 0.5);
    expectPlaced(line.glyphs, [['甲', 0], ['乙', 10], ['12', 23]]);
  });

  it('T14: a hyphenated line ends with the hyphen, flush with the measure', () => {
    const hyphen = { ...glyph('\u00ad', 4), inserted: true };
    const items = text(box('甲'), hanLatin(), word('typo', 2), penalty(50, 4, hyphen), word('graphy', 3), ...end());
    // 10 + 2.5 + 20 + the hyphen's 4, half a point short: the Han–Latin gap takes it.
    const line = set(items, 0, 3, 37, { x: 20 });
    expectPlaced(line.glyphs, [['甲', 20], ['typo', 33], ['\u00ad', 53]]);
  });
});

describe('lines at the end of the items', () => {
  it('material with no break item after it is set as it stands, as a last line', () => {
    const items = text(box('甲'), gap(), box('乙'));
    const line = set(items, 0, 3, 5 * EM, { last: true });
    expect(placed(line.glyphs)).toEqual([['甲', 0], ['乙', 10]]);
    expect(line.range).toEqual([0, 2]);
  });

  it('no items: an empty line', () => {
    const line = set([], 0, 0, 5 * EM, { last: true });
    expect(line.glyphs).toEqual([]);
    expect(line.range).toEqual([0, 0]);
  });
});
