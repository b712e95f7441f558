/**
 * T7: total fit (Knuth & Plass) decides a paragraph's breaks as a whole: of all the
 * ways to break it that its pass allows (every line within the pass's tolerance, no
 * break the pass keeps closed), it takes one of least total demerits. Checked against
 * every way there is, enumerated, for short paragraphs of Han text and marks at
 * narrow measures (fast-check, seeded), off and on the 公文 grid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { cellsOf } from './cells.js';
import { itemsOf } from './items.js';
import { breakable, breaksByLines, passLimits, pathCost, totalFit } from './linebreak.js';
import { BREAK_PARAMS, GRID_BREAK_PARAMS } from './params.js';
import { uniform } from './types.js';

const fonts = new FontSet();
const EM = 16;
const RUNS = { seed: 20200316, numRuns: 150, endOnFailure: true };

const CHARS = [...'疫情防控工作要求全面落实区委镇街道', '，', '，', '。', '、', '“', '”', '；'];
const text = fc.array(fc.constantFrom(...CHARS), { minLength: 6, maxLength: 15 }).map((a) => `${a.join('')}。`);

/** Every way to break the items in a pass: each a list of break indices ending at the last item. */
function allBreaks(items: ReturnType<typeof itemsOf>, pass: number): number[][] {
  const end = items.length - 1;
  const points: number[] = [];
  for (let j = 0; j < end; j++) if (breakable(items, j, pass)) points.push(j);
  const out: number[][] = [];
  const n = points.length;
  if (n > 16) return [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const breaks = points.filter((_, k) => mask & (1 << k));
    out.push([...breaks, end]);
  }
  return out;
}

describe('T7: total fit takes the least demerits of all the ways its pass allows', () => {
  for (const grid of [false, true]) {
    it(`short paragraphs at 4 to 7 em${grid ? ', on the 公文 grid' : ''}`, () => {
      let compared = 0;
      const params = grid ? GRID_BREAK_PARAMS : BREAK_PARAMS;
      fc.assert(
        fc.property(text, fc.integer({ min: 4, max: 7 }), (t, ems) => {
          const { cells } = cellsOf(t, fonts, 'serif', EM);
          const items = itemsOf(cells, { size: EM, indent: 0, hyphen: null, ...(grid ? { wholeCells: true } : {}) });
          const shape = uniform(ems * EM);
          const best = totalFit(items, shape, params);
          if (best.pass >= 4) return;
          const { tolerance, level } = passLimits(best.pass, params);
          let least = Infinity;
          for (const breaks of allBreaks(items, best.pass)) {
            const cost = pathCost(items, breaks, shape, params);
            if (cost.worstBadness > tolerance || cost.level > level) continue;
            least = Math.min(least, cost.demerits);
          }
          if (least === Infinity) return;
          compared++;
          expect(best.demerits, `${t} at ${ems} em`).toBeCloseTo(least, 3);
          expect(pathCost(items, best.breaks, shape, params).demerits).toBeCloseTo(best.demerits, 3);
        }),
        RUNS,
      );
      // On the grid a mark's cell is rigid: more of the narrow paragraphs need the last pass.
      expect(compared).toBeGreaterThan(RUNS.numRuns / (grid ? 4 : 2));
    });
  }
});

describe('T24: the best way in each number of lines is the least of all the ways in as many', () => {
  it('short paragraphs at 4 to 7 em, by number of lines (what a page asks a paragraph a line longer or shorter)', () => {
    let compared = 0;
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 7 }), fc.integer({ min: 2, max: 3 }), (t, ems, pass) => {
        const { cells } = cellsOf(t, fonts, 'serif', EM);
        const items = itemsOf(cells, { size: EM, indent: 0, hyphen: null });
        const shape = uniform(ems * EM);
        const { tolerance, level } = passLimits(pass, BREAK_PARAMS);
        const least = new Map<number, number>();
        for (const breaks of allBreaks(items, pass)) {
          const cost = pathCost(items, breaks, shape, BREAK_PARAMS);
          if (cost.worstBadness > tolerance || cost.level > level) continue;
          least.set(breaks.length, Math.min(least.get(breaks.length) ?? Infinity, cost.demerits));
        }
        const found = breaksByLines(items, shape, pass, BREAK_PARAMS);
        expect([...found.keys()].sort((a, b) => a - b), `${t} at ${ems} em`).toEqual([...least.keys()].sort((a, b) => a - b));
        for (const [lines, d] of least) {
          compared++;
          expect(found.get(lines)!.demerits, `${t} at ${ems} em in ${lines} lines`).toBeCloseTo(d, 3);
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(30);
  });
});
