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
import { TIE, WORD_BREAK, firstChar, itemsOf, lastChar, type ItemOptions } from './items.js';
import type { Box, Item, Penalty } from './types.js';
import { hyphenationPoints } from '../text/index.js';

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
    // It stands for no character: an empty range before the text (a line's range
    // starts there), no text (no letter to T15's count), nothing drawn.
    expect(first!.range).toEqual([0, 0]);
    const box = first as Box;
    expect(box.cell.text).toBe('');
    expect(box.cell.glyphs).toEqual([]);
  });

  it("T13: the paragraph's end (no break, fill, forced break) is at the end of the text", () => {
    const { cells } = cellsOf('甲乙丙', fonts, 'serif', EM);
    const got = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
    expect(got.slice(-3).map((it) => it.range)).toEqual([[3, 3], [3, 3], [3, 3]]);
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
    // T14: a space typed there is the Han–Latin gap, not another: still tied (T23's `（共印 130 份）`).
    expect(items('共印 130 份')[5]).toBe(`p(${TIE})`);
    expect(items('第 91 期', { digitSpacing: 'none' })[1]).toBe(`p(${TIE})`);
    // A zero-width space is a place the writer allows a break: no tie.
    expect(items('4880\u200b名')).not.toContain(`p(${TIE})`);
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

  it('T1: on the character grid a break between two characters without blanks is a plain break, no choice of widths', () => {
    expect(items('甲乙', { wholeCells: true })).toEqual(['[甲]', 'gap(0,+0.08,-0)', '[乙]', ...END]);
  });

  it('T1, T13: on the grid a space typed after a mark is still a typed space, drawn so that it extracts', () => {
    const { cells } = cellsOf('甲， 乙', fonts, 'serif', EM);
    const glue = itemsOf(cells, { size: EM, indent: 0, hyphen: null, wholeCells: true }).find((it) => it.type === 'glue' && it.range[0] === 2);
    expect(glue).toMatchObject({ type: 'glue', text: ' ', range: [2, 3] });
  });

  it('T11, T13: a space typed between two marks adds a word space (⅓ em) to the half em kept between them', () => {
    const { cells } = cellsOf('甲。 “乙', fonts, 'serif', EM);
    const got = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
    const i = got.findIndex((it) => it.type === 'box' && it.cell.text === '。');
    const glue = got.slice(i + 1).find((it) => it.type === 'glue')!;
    expect(glue.width / EM).toBeCloseTo(1 / 2 + 1 / 3, 6);
    expect(glue).toMatchObject({ text: ' ' });
  });

  it('T13: a zero-width space between words is a place to break with no space drawn, and Latin letters are never spread', () => {
    const { cells } = cellsOf('open\u200bsource', fonts, 'serif', EM);
    const got = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
    expect(got.map(show)).toEqual(['[open]', 'gap(0,+0,-0)', '[source]', ...END]);
    expect(got[1]).toMatchObject({ type: 'glue', text: '' });
  });

  it('T6, T13: `……` is never split nor spread; it may not start a line (T4), and a break after it is free', () => {
    expect(items('甲……乙')).toEqual(['[甲]', 'p(Infinity)', 'gap(0,+0.08,-0)', '[…]', '[…]', 'gap(0,+0.08,-0)', '[乙]', ...END]);
  });

  it('T28: a Latin word is not a number: no tie to a measure word after it (`APP个人版`)', () => {
    expect(items('下载APP个人版')).not.toContain(`p(${TIE})`);
  });

  it('T6: an address breaks after `//` as one mark, never between its slashes (T4: `/` does not start a line)', () => {
    const got = items('https://www.gov.cn/zw');
    expect(got).toEqual([
      '[https://]', `p(${WORD_BREAK.address} L2)`, '[www.]', `p(${WORD_BREAK.address} L2)`, '[gov.]',
      `p(${WORD_BREAK.address} L2)`, '[cn/]', `p(${WORD_BREAK.address} L2)`, '[zw]', ...END,
    ]);
  });

  it('T14: in a compound each part hyphenates at its own points, after the explicit hyphen', () => {
    const { cells } = cellsOf('self-administration', fonts, 'serif', EM);
    const got = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
    const at = (p: Penalty) => p.range[0];
    const penalties = got.filter((it): it is Penalty => it.type === 'penalty' && it.cost < Infinity && it.cost > -Infinity);
    expect(penalties.filter((p) => p.cost === WORD_BREAK.explicit && p.level === 1 && !p.width).map(at)).toContain(5);
    const own = hyphenationPoints('administration');
    expect(own.length).toBeGreaterThan(0);
    expect(penalties.map(at)).toEqual([5, ...own.map((h) => 5 + h)]);
  });

  it('T14: a word after an apostrophe (`l\'administration`) hyphenates at the points of its letters, counted from where they start', () => {
    const { cells } = cellsOf("l'administration", fonts, 'serif', EM);
    const got = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
    const points = got.filter((it): it is Penalty => it.type === 'penalty' && it.flagged).map((p) => p.range[0]);
    expect(points).toEqual(hyphenationPoints('administration').map((h) => 2 + h));
  });

  it('the pieces of a word broken inside and the breaks between them keep their places in the text (lines map back to it)', () => {
    const { cells } = cellsOf('甲well-known', fonts, 'serif', EM);
    const got = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
    const word = got.filter((it) => (it.type === 'box' && it.cell.text !== '甲') || (it.type === 'penalty' && it.cost === WORD_BREAK.explicit));
    expect(word.map((it) => [it.type, it.range])).toEqual([['box', [1, 6]], ['penalty', [6, 6]], ['box', [6, 11]]]);
    expect(word.filter((it): it is Box => it.type === 'box').map((b) => b.cell.range)).toEqual([[1, 6], [6, 11]]);
  });

  describe('the last resort: a token wider than the measure (breakWiderThan)', () => {
    const wide = (text: string, breakWiderThan: number) => {
      const { cells } = cellsOf(text, fonts, 'serif', EM);
      return { cells, got: itemsOf(cells, { size: EM, indent: 0, hyphen: null, breakWiderThan }) };
    };

    it('breaks between any two of its characters, in the last pass (T6\'s last resort), at a high cost', () => {
      const { cells, got } = wide('12345678901234567890', 3 * EM);
      const body = got.slice(0, -3);
      expect(body.map(show)).toEqual([...'12345678901234567890'].flatMap((d, i) => (i === 0 ? [`[${d}]`] : [`p(${WORD_BREAK.anywhere} L2)`, `[${d}]`])));
      // The pieces are the token's ink, each drawn from its own start, in their places in the text.
      const boxes = body.filter((it): it is Box => it.type === 'box');
      expect(boxes.reduce((w, b) => w + b.width, 0)).toBeCloseTo(cells[0]!.width, 6);
      expect(boxes.map((b) => b.range)).toEqual([...Array(20).keys()].map((k) => [k, k + 1]));
      for (const b of boxes) expect(b.cell.glyphs.map((g) => g.x)).toEqual([0]);
    });

    it('a token no wider than the measure keeps only its own breaks (T14: hyphenation points)', () => {
      const { cells } = cellsOf('hyphenation', fonts, 'serif', EM);
      const width = cells[0]!.width;
      for (const measure of [width, 30 * EM]) {
        const got = itemsOf(cells, { size: EM, indent: 0, hyphen: null, breakWiderThan: measure });
        const points = got.filter((it): it is Penalty => it.type === 'penalty' && Number.isFinite(it.cost));
        expect(points.map((p) => [p.range[0], p.cost]), String(measure)).toEqual(hyphenationPoints('hyphenation').map((h) => [h, WORD_BREAK.hyphenation]));
      }
    });

    it('T6: `——` is never split, however narrow the measure', () => {
      const { got } = wide('甲——乙', EM);
      expect(got.filter((it) => it.type === 'box').map((b) => (b as Box).cell.text)).toEqual(['甲', '——', '乙']);
    });

    it('a character no font has, inside such a token, is a piece of no width: the paragraph is still set (the character is reported, cells.ts)', () => {
      const { got } = wide('abcdefghijklmnopqrstꓐ', EM);
      const last = got.filter((it): it is Box => it.type === 'box').at(-1)!;
      expect(last.cell.text).toBe('ꓐ');
      expect(last.width).toBe(0);
      expect(last.cell.glyphs).toEqual([]);
    });
  });
});

describe('firstChar and lastChar: by code point, as spreading the text gives them', () => {
  it('a surrogate pair at the edges of its ranges is one character', () => {
    for (const ch of ['\u{10000}', '\u{103ff}', '\u{10fc00}', '\u{10ffff}', '\u{2b7ff}']) {
      expect(lastChar(`甲${ch}`), ch.codePointAt(0)!.toString(16)).toBe(ch);
      expect(firstChar(`${ch}甲`), ch.codePointAt(0)!.toString(16)).toBe(ch);
    }
  });

  it('a lone high surrogate before the last character is not part of it', () => {
    expect(lastChar('\ud800\ue000')).toBe('\ue000');
    expect(lastChar('\udbff，')).toBe('，');
  });
});

describe('options the page rules pass', () => {
  it('T23: a colophon row (openingBlank false) starts flush: an opening mark first loses its left half, as T10 allows', () => {
    const [first] = items('“甲”', { openingBlank: false });
    expect(first).toBe('[“]');
    const { cells } = cellsOf('“甲”', fonts, 'serif', EM);
    const flush = itemsOf(cells, { size: EM, indent: 0, hyphen: null, openingBlank: false });
    const kept = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
    // Mainland practice keeps the whole em at a paragraph's start; a colophon row does not.
    expect(r(flush[0]!.width)).toBe(0.5);
    expect(r(kept[0]!.width)).toBe(1);
  });

  it('T26: with breaksOnlyAfter a line breaks only after those marks (the distribution list breaks between recipients)', () => {
    const only = new Set(['，', '、']);
    const got = items('区委办，区政府办', { breaksOnlyAfter: only });
    // Between the Han characters of a recipient: no break; after the comma: the usual gap.
    expect(got[1]).toBe('p(Infinity)');
    const comma = got.indexOf('[，]');
    expect(got[comma + 1]).toBe('punct(0.5,+0,-0.5)');
    expect(got[comma + 2]).toBe('[区]');
    // Seven junctions, six inside the two recipients, each closed; the paragraph's end closes one more.
    expect(got.filter((x) => x === 'p(Infinity)')).toHaveLength(7);
  });

  it('T28: 第 is tied to a number after it, not to a Latin word or a Han numeral', () => {
    expect(items('第A组', { digitSpacing: 'none' })[1]).not.toBe(`p(${TIE})`);
    expect(items('第一', { digitSpacing: 'none' })[1]).not.toBe(`p(${TIE})`);
  });
});
