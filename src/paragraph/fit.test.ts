/**
 * T27 (whole punctuation steps) and T13's order, on a line's totals: a compressible
 * mark is set full or half wide; a line too long first loses whole half-em blanks,
 * then takes what is left from the Han–Latin gaps and word spaces; when those cannot
 * take it, one more blank goes and the line is spread back by its gaps; a mark at an
 * in-between width is the last resort, and then every mark of the line has the same
 * width. The breaker's ratio (fitRatio) and the justifier's plan (fitOf) agree.
 *
 * A 10-point em here: a mark's removable blank is 5 points.
 */
import { describe, expect, it } from 'vitest';
import { fitOf, fitRatio, type LineTotals } from './fit.js';

const BLANK = 5;
const marks = (n: number, other = 0, stretch = 0): LineTotals => ({ punctCount: n, punctShrink: n * BLANK, otherShrink: other, stretch });

/** The plan, after checking that the breaker weighs the line as the justifier sets it. */
function plan(excess: number, t: LineTotals) {
  const fit = fitOf(excess, t);
  expect(fitRatio(excess, t.punctCount, t.punctShrink, t.otherShrink, t.stretch)).toBe(fit.ratio);
  return fit;
}

describe('T27: a line brought to its measure in whole punctuation steps', () => {
  it('a line that fits exactly is left alone', () => {
    expect(plan(0, marks(2, 3, 10))).toEqual({ ratio: 0, steps: 0, shrink: 0, stretch: 0, inBetween: 0 });
    // Even with no gap that could spread it: it needs none (not an infinitely loose line).
    expect(plan(0, marks(2, 3, 0))).toEqual({ ratio: 0, steps: 0, shrink: 0, stretch: 0, inBetween: 0 });
  });

  it('a short line is spread by its gaps; with nothing to spread it cannot be filled', () => {
    expect(plan(4, marks(2, 3, 10))).toEqual({ ratio: 0.4, steps: 0, shrink: 0, stretch: 4, inBetween: 0 });
    expect(plan(4, marks(2, 3, 0)).ratio).toBe(Infinity);
  });

  it('a line one blank too long loses one whole blank, not a part of each (T13: punctuation first)', () => {
    const fit = plan(-BLANK, marks(2, 10, 10));
    expect(fit).toMatchObject({ steps: 1, shrink: 0, stretch: 0, inBetween: 0 });
    expect(fit.ratio).toBeCloseTo(-5 / 20);
  });

  it('a line two blanks too long loses both, and is as squeezed as all its shrink allows', () => {
    expect(plan(-2 * BLANK, marks(2))).toEqual({ ratio: -1, steps: 2, shrink: 0, stretch: 0, inBetween: 0 });
  });

  it('what whole blanks leave over is taken from the Han–Latin gaps and word spaces', () => {
    const fit = plan(-7, marks(2, 3, 10));
    expect(fit).toMatchObject({ steps: 1, stretch: 0, inBetween: 0 });
    expect(fit.shrink).toBeCloseTo(2);
    expect(fit.ratio).toBeCloseTo(-7 / 13);
    // Less than a blank too long, and the other gaps can take it: the marks stay full.
    const small = plan(-3, marks(1, 10, 10));
    expect(small).toMatchObject({ steps: 0, inBetween: 0 });
    expect(small.shrink).toBeCloseTo(3);
  });

  it('when the other gaps cannot take the rest, one more blank goes and the line is spread back', () => {
    const fit = plan(-7, marks(2, 0, 20));
    expect(fit).toMatchObject({ steps: 2, shrink: 0, inBetween: 0 });
    expect(fit.stretch).toBeCloseTo(3);
    // Its badness is the worse of the two: squeezed 7 of 10, or spread 3 of 20.
    expect(fit.ratio).toBeCloseTo(-0.7);
    // Little to spread with: the spreading is what the breaker weighs.
    const tight = plan(-7, marks(2, 0, 2));
    expect(tight.steps).toBe(2);
    expect(tight.ratio).toBeCloseTo(1.5);
    // A line less than a blank too long with no other gaps to squeeze: one blank out, spread back.
    const one = plan(-3, marks(1, 0, 10));
    expect(one).toMatchObject({ steps: 1, shrink: 0, inBetween: 0 });
    expect(one.stretch).toBeCloseTo(2);
    expect(one.ratio).toBeCloseTo(-0.6);
  });

  it('a line with nothing to spread it back squeezes every mark alike, as the last resort', () => {
    const fit = plan(-7, marks(2, 0, 0));
    expect(fit).toMatchObject({ steps: 0, shrink: 0, stretch: 0 });
    expect(fit.inBetween).toBeCloseTo(3.5);
    expect(fit.ratio).toBeCloseTo(-0.7);
    // The marks take it all while they can: the other gaps keep their width.
    const some = plan(-7, marks(2, 1, 0));
    expect(some).toMatchObject({ steps: 0, shrink: 0, stretch: 0 });
    expect(some.inBetween).toBeCloseTo(3.5);
  });

  it('a line too long for every blank and gap is overfull (ratio below −1), every blank taken', () => {
    const fit = plan(-16, marks(2, 5, 10));
    expect(fit.ratio).toBeCloseTo(-16 / 15);
    expect(fit.ratio).toBeLessThan(-1);
    expect(fit).toMatchObject({ steps: 0, shrink: 5, stretch: 0 });
    expect(fit.inBetween).toBeCloseTo(BLANK);
    // Past every blank, a line that a blank more would leave short is still overfull:
    // there is no blank more to take, whatever little stretch it has.
    const short = plan(-6, marks(1, 0, 1));
    expect(short.ratio).toBeCloseTo(-6 / 5);
    expect(short).toMatchObject({ steps: 0, shrink: 0, stretch: 0 });
    expect(short.inBetween).toBeCloseTo(BLANK);
  });

  it('two blanks and the other gaps: whole blanks first, the rest from the gaps', () => {
    const fit = plan(-12, marks(2, 5, 10));
    expect(fit).toMatchObject({ steps: 2, stretch: 0, inBetween: 0 });
    expect(fit.shrink).toBeCloseTo(2);
    expect(fit.ratio).toBeCloseTo(-12 / 15);
  });

  it('a width a rounding short of a whole blank counts as the blank', () => {
    expect(plan(-(BLANK - 1e-9), marks(1, 0, 10))).toMatchObject({ steps: 1, shrink: 0, inBetween: 0 });
    expect(plan(-(BLANK - 1e-9), marks(1, 0, 10)).stretch).toBeCloseTo(0);
  });

  it('a line with no marks: only the other gaps shrink, and past them it is overfull', () => {
    const fit = plan(-3, marks(0, 6, 10));
    expect(fit).toMatchObject({ steps: 0, inBetween: 0 });
    expect(fit.shrink).toBeCloseTo(3);
    expect(fit.ratio).toBeCloseTo(-0.5);
    // Nothing can take it: overfull, and with no marks none is squeezed.
    expect(plan(-3, marks(0, 0, 10))).toEqual({ ratio: -Infinity, steps: 0, shrink: 0, stretch: 0, inBetween: 0 });
  });
});
