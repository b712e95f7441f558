/**
 * Properties of the paragraph engine over seeded random text mixing Han characters,
 * runs of punctuation, numbers and Latin words, at measures from 8 to 40 em:
 * every character comes out once and in order; no line is wider than its measure
 * (but one holding a single word wider than the room);
 * no line starts with a T4 mark or ends with a T5 mark; and the total-fit breaks
 * never cost more than the first-fit ones wherever those are open to the breaker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { INK_LEFT, T4_NO_START, T5_NO_END } from '../../test/helpers/rules.js';
import { firstFit } from './breaks.js';
import { cellsOf } from './cells.js';
import { itemsOf } from './items.js';
import { pathCost, passLimits, totalFit } from './linebreak.js';
import { setParagraph } from './set.js';
import { uniform, type SetLine } from './types.js';

const fonts = new FontSet();
const EM = 16;
/** Runs fast enough for the suite, the same samples every time. */
const RUNS = { seed: 20200316, numRuns: 250 };

const HAN = [...'疫情防控工作区委书记宋洁耿勇军察看社区服务站人员物资保障检测卡点企业复工产会议精神落实要求群众生活'];
const MARKS = ['，', '。', '、', '；', '：', '？', '！', '“', '”', '（', '）', '《', '》', '——', '……', '·'];

const han = fc.array(fc.constantFrom(...HAN), { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
const marks = fc.array(fc.constantFrom(...MARKS), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
const number = fc
  .tuple(fc.integer({ min: 0, max: 999999 }), fc.constantFrom('', '%', '.5', '.25%'))
  .map(([n, tail]) => `${n}${tail}`);
const word = fc.stringMatching(/^[a-z]{2,12}$/);
const latin = fc.tuple(word, fc.boolean()).map(([w, spaced]) => (spaced ? ` ${w} ` : w));

/** A paragraph: mostly Han, with marks, numbers and Latin words among it. */
const paragraph = fc
  .array(fc.oneof({ arbitrary: han, weight: 6 }, { arbitrary: marks, weight: 3 }, { arbitrary: number, weight: 1 }, { arbitrary: latin, weight: 1 }), {
    minLength: 1,
    maxLength: 40,
  })
  .map((parts) => `${parts.join('').trim()}。`)
  .filter((t) => /\p{Script=Han}/u.test(t));

const measure = fc.integer({ min: 8, max: 40 });

function set(text: string, ems: number): SetLine[] {
  return setParagraph(text, { face: 'serif', size: EM, indent: 2 * EM, align: 'justify', shape: uniform(ems * EM) }, fonts).lines;
}

/** The characters of a line, the hyphen a hyphenation break adds left out. */
function textOf(line: SetLine): string {
  return line.glyphs.filter((g) => !g.inserted).map((g) => g.text).join('');
}

describe('paragraph engine properties', () => {
  it('every character comes out once and in order', () => {
    fc.assert(
      fc.property(paragraph, measure, (text, ems) => {
        const lines = set(text, ems);
        expect(lines.map(textOf).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
      RUNS,
    );
  });

  it('no line is wider than its measure', () => {
    fc.assert(
      fc.property(paragraph, measure, (text, ems) => {
        for (const line of set(text, ems)) {
          const last = line.glyphs.filter((g) => g.text.trim() !== '').at(-1);
          if (!last) continue;
          // A full-width mark ending a line is half width (T9).
          const ink = last.x + last.advance - (INK_LEFT.has(last.text) ? last.advance / 2 : 0);
          // Unless the line is one word or number wider than the room it has, which
          // nothing but an overfull line can hold.
          if (/^[\p{L}\p{N}.,%@/:+-]+$/u.test(textOf(line).trim())) continue;
          expect(ink, textOf(line)).toBeLessThanOrEqual(line.x + line.width + 0.05);
        }
      }),
      RUNS,
    );
  });

  it('no line starts with a T4 mark or ends with a T5 mark', () => {
    fc.assert(
      fc.property(paragraph, measure, (text, ems) => {
        const lines = set(text, ems);
        lines.forEach((line, i) => {
          const t = textOf(line).trim();
          if (i > 0) expect(T4_NO_START.has([...t][0]!), `T4: ${t}`).toBe(false);
          if (i < lines.length - 1) expect(T5_NO_END.has([...t].at(-1)!), `T5: ${t}`).toBe(false);
        });
      }),
      RUNS,
    );
  });

  it('total fit never costs more than first fit, where first fit is open to it', () => {
    let compared = 0;
    fc.assert(
      fc.property(paragraph, measure, (text, ems) => {
        const { cells } = cellsOf(text, fonts, 'serif', EM);
        const items = itemsOf(cells, { size: EM, indent: 2 * EM, hyphen: null });
        const shape = uniform(ems * EM);
        const best = totalFit(items, shape);
        const greedy = pathCost(items, firstFit(items, shape), shape);
        // The breaker only looks at lines its pass allows: compare where the
        // first-fit lines are among them.
        const { tolerance, level } = passLimits(best.pass);
        if (greedy.worstBadness > tolerance || greedy.level > level) return;
        compared++;
        expect(best.demerits).toBeLessThanOrEqual(greedy.demerits + 1e-6);
      }),
      RUNS,
    );
    expect(compared).toBeGreaterThan(RUNS.numRuns / 4);
  });
});

describe('letterCount (T15 counts letters and digits)', () => {
  it('answers every single code point as the Unicode property classes do', async () => {
    const { letterCount } = await import('./linebreak.js');
    const slow = (t: string) => t.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    const wrong: string[] = [];
    // The fast ranges in full, and every other BMP code point (lone surrogates included).
    for (let c = 0; c <= 0xffff; c++) {
      const t = String.fromCharCode(c);
      if (letterCount(t) !== slow(t)) wrong.push(`U+${c.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    for (const t of ['——', '2020', 'a1', '𠀀', '々', '〇', 'Ⅻ']) expect(letterCount(t), t).toBe(slow(t));
  });
});

describe('firstChar and lastChar', () => {
  it('are the first and last characters by code point, as spreading the text gives them, lone surrogates too', async () => {
    const { firstChar, lastChar } = await import('./items.js');
    // Any UTF-16 code units: pairs, lone high and low surrogates, and the empty text.
    const units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 6 });
    const nearSurrogates = fc.string({ unit: fc.constantFrom('\ud83d', '\ude00', '\ud840', '\udc00', 'a', '中', '😀'), maxLength: 6 });
    fc.assert(
      fc.property(fc.oneof(units, nearSurrogates), (text) => {
        expect(firstChar(text)).toBe([...text][0] ?? '');
        expect(lastChar(text)).toBe([...text].at(-1) ?? '');
      }),
      { ...RUNS, numRuns: 2000 },
    );
  });
});

describe('the passes of total fit (T15)', () => {
  it('stop at the first that sets a single line, even of one letter: there is no line above to pull from', () => {
    for (const text of ['—1—', '1', '中']) {
      const { cells } = cellsOf(text, fonts, 'serif', EM);
      const items = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
      const result = totalFit(items, uniform(20 * EM), undefined, true);
      expect(result.breaks, text).toHaveLength(1);
      expect(result.pass, text).toBe(1);
      expect(new Set(result.trace.map((t) => t.pass)), text).toEqual(new Set([1]));
    }
  });
});
