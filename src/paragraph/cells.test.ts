/**
 * prepare (cells.ts): what T6 keeps in one cell, how a full-width mark is split
 * into ink and blank (T9–T11: the blank half on the side clreq says), and what
 * stands for a character no font has. Expectations from typography.md and the
 * fonts' own advances.
 */
import { describe, expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { ROOT } from '../paths.js';
import { cellsOf, glyphOf } from './cells.js';

const fonts = new FontSet();
const EM = 16;
const cells = (text: string, placeholder?: string) => cellsOf(text, fonts, 'serif', EM, placeholder);
const texts = (text: string) => cells(text).cells.map((c) => c.text);
const advance = (ch: string) => fonts.resolve('serif', ch)!.glyph.advance * EM;

describe('T6: what is never split is one cell', () => {
  it('a number with its sign, decimal point, separators and unit', () => {
    expect(texts('共3.5%的')).toEqual(['共', '3.5%', '的']);
    expect(texts('降至−12℃，')).toEqual(['降', '至', '−12℃', '，']);
    expect(texts('+5和-12')).toEqual(['+5', '和', '-12']);
    expect(texts('1,000,000人')).toEqual(['1,000,000', '人']);
    expect(texts('36°以上')).toEqual(['36°', '以', '上']);
  });

  it('a signed number is a number to T14 (spaced from Han as digits are), not a symbol', () => {
    const [plus] = cells('+5').cells;
    expect(plus!.cls).toBe('alnum');
    const [minus] = cells('−12').cells;
    expect(minus!.cls).toBe('alnum');
    // A sign with no digit after it is a symbol of its own.
    expect(cells('+和').cells[0]!.cls).toBe('symbol');
    // And a symbol that is no sign stays one before a digit (`×3`: T6 keeps signs only).
    expect(cells('乘×3').cells.map((c) => [c.text, c.cls])).toEqual([['乘', 'han'], ['×', 'symbol'], ['3', 'alnum']]);
  });

  it('an e-mail address and a URL, their connectors kept where a letter or digit follows', () => {
    expect(texts('邮箱sjqdfzbg@126.com。')).toEqual(['邮', '箱', 'sjqdfzbg@126.com', '。']);
    expect(texts('见https://www.gov.cn/a_b?x=1#y。')).toEqual(['见', 'https://www.gov.cn/a_b?x=1#y', '。']);
    // A connector run with nothing after it ends the token: the full stop is text.
    expect(texts('见U.S.A.。')).toEqual(['见', 'U.S.A', '.', '。']);
    // So does the end of the text.
    expect(texts('见U.S.A.')).toEqual(['见', 'U.S.A', '.']);
  });

  it('`——` is one cell of two em (T6, T8); a single dash is one cell of its own', () => {
    const c = cells('他说——好').cells;
    expect(c.map((x) => x.text)).toEqual(['他', '说', '——', '好']);
    expect(c[2]!.width).toBeCloseTo(2 * EM, 1);
    expect(texts('甲—乙')).toEqual(['甲', '—', '乙']);
  });

  it('a combining mark stays with its letter and takes no room; a variation selector draws nothing', () => {
    const [e] = cells('e\u0301').cells;
    expect(e!.text).toBe('e\u0301');
    expect(e!.width).toBeCloseTo(advance('e'), 6);
    expect(e!.glyphs.map((g) => g.text)).toEqual(['e', '\u0301']);
    const set = cells('葛\ufe00');
    const [han] = set.cells;
    expect(han!.text).toBe('葛\ufe00');
    expect(han!.glyphs.map((g) => g.text)).toEqual(['葛']);
    // Not looked up in the fonts at all: no face need have it.
    expect(set.missing).toEqual([]);
  });

  it('a joiner inside a word keeps the word one cell and draws nothing (`Auf\u200clage`: ZWNJ against the fl ligature)', () => {
    const set = cells('Auf\u200clage');
    expect(set.cells.map((c) => c.text)).toEqual(['Auf\u200clage']);
    expect(set.cells[0]!.glyphs.map((g) => g.text).join('')).toBe('Auflage');
    expect(set.missing).toEqual([]);
  });

  it('a combining mark of width in the font (U+20DE, an em wide) draws over its character, and what follows starts after that character', () => {
    const [boxed] = cells('甲\u20de').cells;
    expect(advance('\u20de')).toBe(EM);
    expect(boxed!.width).toBeCloseTo(EM, 6);
    expect(boxed!.glyphs.map((g) => [g.text, g.x])).toEqual([['甲', 0], ['\u20de', 0]]);
    const [word] = cells('A\u20deB').cells;
    expect(word!.glyphs.map((g) => g.x)).toEqual([0, advance('A') - EM, advance('A')]);
    expect(word!.width).toBeCloseTo(advance('A') + advance('B'), 6);
  });

  it('a combining mark with no character before it (at the start of the text) is drawn on its own and takes its room (Unicode §2.11)', () => {
    const [alone] = cells('\u20de甲').cells;
    expect(alone!.glyphs.map((g) => g.x)).toEqual([0]);
    expect(alone!.width).toBeCloseTo(EM, 6);
  });

  it('typed spaces are not cells: they go before the next one', () => {
    const c = cells('a  b').cells;
    expect(c.map((x) => [x.text, x.spaceBefore])).toEqual([['a', ''], ['b', '  ']]);
  });

  it('ranges are offsets into the text (UTF-16), a cell from its first to past its last character', () => {
    const c = cells('甲3.5%乙').cells;
    expect(c.map((x) => x.range)).toEqual([[0, 1], [1, 5], [5, 6]]);
  });
});

describe('T9–T11: a full-width mark is its ink and a blank half', () => {
  it('pause and stop marks and closing marks: ink left, the blank on the right', () => {
    for (const m of ['，', '。', '、', '；', '：', '”', '）', '》']) {
      const [c] = cells(m).cells;
      const a = advance(m);
      expect([c!.leftBlank, c!.rightBlank], m).toEqual([0, a / 2]);
      expect(c!.width, m).toBeCloseTo(a / 2, 6);
      expect(c!.glyphs[0]!.x, m).toBe(0);
    }
  });

  it('opening marks: the blank on the left, the glyph set back by it', () => {
    for (const m of ['“', '（', '《']) {
      const [c] = cells(m).cells;
      const a = advance(m);
      expect([c!.leftBlank, c!.rightBlank], m).toEqual([a / 2, 0]);
      expect(c!.width, m).toBeCloseTo(a / 2, 6);
      expect(c!.glyphs[0]!.x, m).toBeCloseTo(-a / 2, 6);
    }
  });

  it('Han characters, dashes and interpuncts have no blank to give (T8)', () => {
    for (const m of ['汉', '—', '·', '…']) {
      const [c] = cells(m).cells;
      expect([c!.leftBlank, c!.rightBlank], m).toEqual([0, 0]);
      expect(c!.width, m).toBeCloseTo(advance(m), 6);
    }
  });
});

describe('a character no font has', () => {
  it('is reported with its offset and drawn as nothing', () => {
    const { cells: c, missing } = cells('一😀二');
    expect(missing.map((m) => [m.index, m.char, m.replaced])).toEqual([[1, '😀', false]]);
    expect(c.flatMap((x) => x.glyphs).map((g) => g.text)).toEqual(['一', '二']);
  });

  it('with a placeholder, is drawn as the placeholder and still extracts as itself', () => {
    const { cells: c, missing } = cells('一😀二', '〓');
    expect(missing.map((m) => [m.index, m.char, m.replaced])).toEqual([[1, '😀', true]]);
    const g = c.flatMap((x) => x.glyphs).find((x) => x.text === '😀')!;
    expect(g.id).toBe(fonts.resolve('serif', '〓')!.glyph.id);
    expect(g.advance).toBeCloseTo(advance('〓'), 6);
  });

  it('with a placeholder no font has either, is drawn as nothing', () => {
    const { cells: c, missing } = cells('一😀二', '😃');
    expect(missing.map((m) => m.replaced)).toEqual([false]);
    expect(c.flatMap((x) => x.glyphs).map((g) => g.text)).toEqual(['一', '二']);
  });
});

describe('a character from another face than its role\'s own', () => {
  // A style whose serif face is a Latin font: its Han characters and `——` come from
  // the bundled Chinese face, each with a warning that names it.
  const latin = new FontSet().withFiles({ serif: `${ROOT}/node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf` });

  it('is a warning with its offset and the face that drew it, `——` once for its one glyph', () => {
    const { cells: c, missing } = cellsOf('他说——好A', latin, 'serif', EM);
    expect(missing.map((m) => [m.index, m.char, m.replaced, m.from, m.tried])).toEqual(
      [[0, '他'], [1, '说'], [2, '——'], [4, '好']].map(([i, ch]) => [i, ch, false, 'Noto Serif SC Regular', ['LiberationSans-Regular.ttf']]),
    );
    // Drawn all the same, `——` as one glyph of 2 em.
    expect(c.map((x) => x.glyphs.length)).toEqual([1, 1, 1, 1, 1]);
    expect(c[2]!.width).toBeCloseTo(2 * EM, 1);
  });

  it('is not reported when the role\'s own face draws it', () => {
    expect(cells('他说——好').missing).toEqual([]);
  });
});

describe('glyphOf: the glyphs the engine adds (a hyphen, a space)', () => {
  it('are drawn at the body size: the font\'s advance in em times the size', () => {
    for (const ch of ['-', ' ']) {
      const g = glyphOf(fonts, 'serif', EM, ch)!;
      expect(g.advance, ch).toBeCloseTo(fonts.resolve('serif', ch)!.glyph.advance * EM, 6);
      expect(g.advance, ch).toBeGreaterThan(0.2 * EM);
    }
  });
});
