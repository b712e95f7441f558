/**
 * T24's first remedy (TeX's \looseness): a paragraph set one line longer or shorter
 * within its tolerance, offered to the page builder when a page would end short.
 * What an alternative must be comes from the rules: the same text, every line but
 * the last flush and within the tolerance of the breaker's second pass (T13: gaps
 * under 0.1 em), never past the measure, no lone last character (T15), no line
 * starting or ending with a forbidden mark (T4, T5).
 */
import { describe, expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { T4_NO_START, T5_NO_END } from '../../test/helpers/rules.js';
import { BREAK_PARAMS } from './params.js';
import { setParagraph } from './set.js';
import { uniform, type SetLine, type SetParams } from './types.js';

const fonts = new FontSet();
const EM = 16;
const BODY: SetParams = { face: 'serif', size: EM, indent: 2 * EM, align: 'justify', shape: uniform(25 * EM) };

const textOf = (l: SetLine) => l.glyphs.map((g) => g.text).join('').replace(/\s/g, '');
/** The largest ratio the second pass allows: badness 100·r³ ≤ 200. */
const LOOSEST = Math.cbrt(2) + 1e-6;

const SENTENCES = [
  '在上街高速路口防疫服务站，李兵详细询问了人员配置、物资保障和外来车辆、人员扫码登记、体温测量等情况。',
  '他指出，高速口是疫情防控的前沿阵地，要切实加强防控值守，严格做好入境车辆和人员的检测检疫工作，',
  '坚持逢车必检、逢人必测，做到不漏一车、不落一人，牢牢守住疫情输入“关口”；要配齐配足医疗防护用品，',
  '确保一线工作人员自身安全。在我区集中隔离观察点，李兵指出，要严格按照防控程序和要求，开展好隔离区防控工作，',
  '加强物资保障和心理疏导，随时了解被隔离人员的需求和思想动态，做好服务管理工作。',
];

/** Paragraphs of running text from issue 91's sentences, cut at every length from 40 to 250 characters. */
function paragraphs(): string[] {
  const all = SENTENCES.join('');
  const out: string[] = [];
  for (let n = 40; n <= 250; n += 7) out.push(`${[...all].slice(0, n).join('').replace(/[，、；：“]$/u, '')}。`);
  return out;
}

function checkLines(text: string, lines: SetLine[], what: string): void {
  expect(lines.map(textOf).join(''), what).toBe(text.replace(/\s/g, ''));
  lines.forEach((l, i) => {
    const last = i === lines.length - 1;
    const t = textOf(l);
    expect(T4_NO_START.has([...t][0]!), `${what}: line ${i + 1} starts with a T4 mark`).toBe(false);
    expect(T5_NO_END.has([...t].at(-1)!), `${what}: line ${i + 1} ends with a T5 mark`).toBe(false);
    expect(l.ratio, `${what}: line ${i + 1} past the measure`).toBeGreaterThanOrEqual(-1 - 1e-9);
    if (!last) expect(l.ratio, `${what}: line ${i + 1} looser than the tolerance`).toBeLessThanOrEqual(LOOSEST);
  });
  // T15: two characters other than punctuation on the last line.
  const letters = [...textOf(lines.at(-1)!)].filter((c) => /\p{L}|\p{N}/u.test(c));
  expect(letters.length, `${what}: lone last character`).toBeGreaterThanOrEqual(2);
}

describe('T24: a paragraph one line longer or shorter', () => {
  it('every alternative offered is the same text in one line more or fewer, set within the tolerance, with no T4/T5/T15 fault', () => {
    let longer = 0;
    let shorter = 0;
    const costs: number[] = [];
    for (const text of paragraphs()) {
      const set = setParagraph(text, BODY, fonts);
      const n = set.lines.length;
      for (const alt of set.alternatives()) {
        expect([n - 1, n + 1], text).toContain(alt.count);
        expect(alt.cost, text).toBeGreaterThanOrEqual(0);
        costs.push(alt.cost);
        const lines = alt.lines();
        expect(lines.length).toBe(alt.count);
        checkLines(text, lines, `${alt.count} lines of ${text}`);
        expect(set.possibleCounts()).toContain(alt.count);
        if (alt.count > n) longer++;
        else shorter++;
      }
    }
    // The sample has paragraphs of both kinds: a last line nearly full, and one of a few characters.
    expect(longer).toBeGreaterThan(3);
    expect(shorter).toBeGreaterThan(0);
    // A paragraph's own breaks are its best: another number of lines costs more.
    expect(costs.filter((c) => c > 0).length).toBeGreaterThan((longer + shorter) / 2);
  });

  it('a paragraph whose last line is nearly full is offered one line more; one whose last line is short, not', () => {
    // 25 em a line, 2 em indent: 23 + 25 + 24 characters end the third line 1 em short.
    const full = setParagraph(paragraphs().find((t) => {
      const s = setParagraph(t, BODY, fonts);
      return s.lines.length >= 3 && textOf(s.lines.at(-1)!).length >= 23;
    })!, BODY, fonts);
    expect(full.alternatives().some((a) => a.count === full.lines.length + 1)).toBe(true);
    // Three characters on the last line of four: a line more would spread each of
    // three lines by about 7 em, far past the tolerance.
    const text = `${SENTENCES[0]!}${SENTENCES[1]!.slice(0, 25)}做好`.replace(/[，、]$/u, '');
    const short = setParagraph(`${text}工作。`, BODY, fonts);
    const lastLength = [...textOf(short.lines.at(-1)!)].length;
    expect(lastLength).toBeLessThan(8);
    expect(short.alternatives().some((a) => a.count === short.lines.length + 1)).toBe(false);
  });

  it('a paragraph of more lines than params.mostLinesVaried, or one the last pass had to set, is offered none', () => {
    const long = SENTENCES.join('').repeat(12);
    const many = setParagraph(long, BODY, fonts);
    expect(many.lines.length).toBeGreaterThan(BREAK_PARAMS.mostLinesVaried);
    expect(many.possibleCounts()).toEqual([]);
    expect(many.alternatives()).toEqual([]);
    // A number wider than the measure (60 digits, some 32 em): only the last pass
    // sets it, broken where it must be (T6).
    const wide = setParagraph(`${'1234567890'.repeat(6)}${SENTENCES[0]!}`, BODY, fonts);
    expect(wide.brokenWords).toEqual([0]);
    expect(wide.possibleCounts()).toEqual([]);
    expect(wide.alternatives()).toEqual([]);
  });

  it('what an alternative costs is its demerits (TeX §859) less those of the paragraph\'s own lines', () => {
    // TeX's demerits of a line: (\\linepenalty + badness)², badness 100·|r|³, and
    // \\adjdemerits where its fitness class is more than one from the line before
    // (the first line's before is decent). These paragraphs break only where a
    // break costs nothing: no penalty, hyphen or lone character adds to them.
    const fitness = (r: number) => (r < -0.5 ? 3 : r <= 0.5 ? 2 : r <= 1 ? 1 : 0);
    const demerits = (lines: SetLine[]) => {
      let before = 2;
      let d = 0;
      for (const { ratio } of lines) {
        d += (BREAK_PARAMS.linePenalty + 100 * Math.abs(ratio) ** 3) ** 2;
        if (Math.abs(fitness(ratio) - before) > 1) d += BREAK_PARAMS.adjacentDemerits;
        before = fitness(ratio);
      }
      return d;
    };
    let seen = 0;
    for (const text of paragraphs()) {
      const set = setParagraph(text, BODY, fonts);
      const own = demerits(set.lines);
      expect(set.demerits, text).toBeCloseTo(own, 0);
      for (const alt of set.alternatives()) {
        expect(alt.cost, `${alt.count} lines of ${text}`).toBeCloseTo(Math.max(0, demerits(alt.lines()) - own), 0);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('a paragraph of two lines, the second nearly full, is offered three (T24 holds for the shortest paragraph of more than one line)', () => {
    const text = `${[...SENTENCES.join('')].slice(0, 48).join('').replace(/[，、；：“]$/u, '')}。`;
    const set = setParagraph(text, BODY, fonts);
    expect(set.lines).toHaveLength(2);
    const longer = set.alternatives().find((a) => a.count === 3);
    expect(longer).toBeDefined();
    checkLines(text, longer!.lines(), `3 lines of ${text}`);
  });

  it('with hanging punctuation (T16) a paragraph whose line-end marks may hang is offered the line more it can be set in', () => {
    // 237 characters: 10 lines, and 11 within the tolerance, some marks hanging.
    const text = `${[...SENTENCES.join('')].slice(0, 237).join('').replace(/[，、；：“]$/u, '')}。`;
    const set = setParagraph(text, { ...BODY, hanging: true }, fonts);
    expect(set.lines).toHaveLength(10);
    const longer = set.alternatives().find((a) => a.count === 11);
    expect(longer).toBeDefined();
    checkLines(text, longer!.lines(), `11 lines of ${text}`);
  });

  it('the alternatives are the same when asked again (worked out once)', () => {
    const text = paragraphs()[20]!;
    const set = setParagraph(text, BODY, fonts);
    const first = set.alternatives().map((a) => [a.count, a.cost]);
    expect(set.alternatives().map((a) => [a.count, a.cost])).toEqual(first);
  });
});
