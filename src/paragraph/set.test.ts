/**
 * A paragraph set whole (set.ts): an empty one, the trace the breaker keeps when
 * asked, and T6's last resort: a word or number wider than the measure is broken
 * between any two characters only when nothing else sets it (a Latin word is
 * hyphenated first, T14), and is reported (`brokenWords`), it and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { hyphenationPoints } from '../text/hyphenate.js';
import { cellsOf } from './cells.js';
import { setParagraph } from './set.js';
import { lineBox, uniform, type LineShape, type SetLine, type SetParams } from './types.js';

const fonts = new FontSet();
const EM = 16;
const params = (shape: LineShape, more: Partial<SetParams> = {}): SetParams => ({ face: 'serif', size: EM, indent: 0, align: 'justify', shape, ...more });
/** A line's text, without the soft hyphen a hyphenation break adds. */
const textOf = (l: SetLine) => l.glyphs.map((g) => g.text).join('').replace(/\u00ad/g, '');
const widthOf = (word: string) => cellsOf(word, fonts, 'serif', EM).cells[0]!.width;

/** Every line within its measure: squeezed at most to its limit (T13), never past it. */
function withinMeasure(lines: SetLine[]): void {
  lines.forEach((l, i) => expect(l.ratio, `line ${i + 1}: ${textOf(l)}`).toBeGreaterThanOrEqual(-1 - 1e-9));
}

describe('a paragraph set whole', () => {
  it('an empty paragraph has no lines, nothing missing, no broken word, no cost, no trace, and no other number of lines', () => {
    const set = setParagraph('', params(uniform(25 * EM), { trace: true }), fonts);
    expect(set.lines).toEqual([]);
    expect(set.missing).toEqual([]);
    expect(set.brokenWords).toEqual([]);
    expect(set.demerits).toBe(0);
    expect(set.trace).toEqual([]);
    expect(set.alternatives()).toEqual([]);
    expect(set.possibleCounts()).toEqual([]);
  });

  it('keeps the lines the breaker weighed only when asked (--trace linebreak), the chosen ones those the paragraph is set in', () => {
    const text = '在上街高速路口防疫服务站，李兵详细询问了人员配置、物资保障和外来车辆、人员扫码登记、体温测量等情况。';
    const traced = setParagraph(text, params(uniform(12 * EM), { trace: true }), fonts);
    expect(traced.trace.filter((t) => t.chosen)).toHaveLength(traced.lines.length);
    expect(traced.trace.length).toBeGreaterThan(traced.lines.length);
    expect(setParagraph(text, params(uniform(12 * EM)), fonts).trace).toEqual([]);
  });
});

describe('T6: a word or number wider than the measure', () => {
  it('a Latin word that its hyphenation points can set is hyphenated there (T14), not broken anywhere, and not reported', () => {
    const measure = 6 * EM;
    expect(widthOf('representatives')).toBeGreaterThan(measure);
    // The second paragraph's first line is squeezed to its limit (ratio −1: both
    // commas half width, T13), which is within the measure, not past it.
    for (const text of ['会议邀请了各国representatives出席。', '一，二，三四五会议邀请了各国representatives出席。']) {
      const word = text.indexOf('representatives');
      const set = setParagraph(text, params(uniform(measure)), fonts);
      expect(set.brokenWords, text).toEqual([]);
      expect(set.lines.map(textOf).join('')).toBe(text);
      withinMeasure(set.lines);
      const points = hyphenationPoints('representatives').map((p) => word + p);
      const inWord = set.lines.slice(0, -1).map((l) => l.range[1]).filter((b) => b > word && b < word + 'representatives'.length);
      expect(inWord.length, text).toBeGreaterThan(0);
      for (const b of inWord) expect(points, text).toContain(b);
    }
    const squeezed = setParagraph('一，二，三四五会议邀请了各国representatives出席。', params(uniform(measure)), fonts);
    expect(textOf(squeezed.lines[0]!)).toBe('一，二，三四五');
    expect(squeezed.lines[0]!.ratio).toBe(-1);
  });

  it('a number no line can hold is broken to stay within the measure and reported once, by its offset: a short word beside it is not', () => {
    const text = 'WHO通知编号1234567890123456789012345为准。';
    for (const trace of [false, true]) {
      // Not asked: no `trace` at all, as a caller leaves it out.
      const set = setParagraph(text, params(uniform(8 * EM), trace ? { trace } : {}), fonts);
      expect(set.brokenWords).toEqual([text.indexOf('1234')]);
      expect(set.lines.map(textOf).join('')).toBe(text);
      withinMeasure(set.lines);
      // Set again to break the number, the paragraph keeps that setting's trace when asked, and none when not.
      if (trace) expect(set.trace.filter((t) => t.chosen)).toHaveLength(set.lines.length);
      else expect(set.trace).toEqual([]);
    }
  });

  it('a number exactly as wide as the measure fills a line whole and is not reported; a wider one is', () => {
    const measure = widthOf('12345678');
    const text = '12345678一1234567890123';
    const set = setParagraph(text, params(uniform(measure)), fonts);
    expect(textOf(set.lines[0]!)).toBe('12345678');
    expect(set.brokenWords).toEqual([text.indexOf('1234567890123')]);
  });

  it('a dash wider than a very narrow measure is not a word: kept whole (T6) and not reported', () => {
    const text = '一二——三四1234567890';
    const set = setParagraph(text, params(uniform(1.8 * EM)), fonts);
    expect(set.lines.some((l) => textOf(l).includes('——'))).toBe(true);
    expect(set.brokenWords).toEqual([text.indexOf('1')]);
  });

  it('a number that starts a paragraph whose first line is narrower than the rest is broken when it is wider than that first line', () => {
    // A hanging shape (a label's first line, colophon.ts): 6 em first, 12 em after.
    const shape: LineShape = { first: { x: 0, width: 6 * EM }, rest: { x: 0, width: 12 * EM } };
    const text = '1234567890123456为准，一二三四五六七八九十。';
    const number = widthOf('1234567890123456');
    expect(number).toBeGreaterThan(lineBox(shape, 0).width);
    expect(number).toBeLessThan(lineBox(shape, 1).width);
    const set = setParagraph(text, params(shape), fonts);
    expect(set.brokenWords).toEqual([0]);
    expect(set.lines.map(textOf).join('')).toBe(text);
    withinMeasure(set.lines);
  });
});
