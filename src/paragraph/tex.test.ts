/**
 * The breaker's measures as TeX defines them (The TeXbook, ch. 14; tex.web §108,
 * §817, §859), with bulletin's additions from typography.md (T15's lone character,
 * T1's columns on the 公文 grid): badness, fitness classes and the demerits of one
 * line. params.ts names each parameter's TeX counterpart and value.
 */
import { describe, expect, it } from 'vitest';
import { badness, fitnessOf, lineDemerits } from './linebreak.js';
import { BREAK_PARAMS, GRID_BREAK_PARAMS } from './params.js';
import type { Glue, Item, Penalty } from './types.js';

const glueEnd: Glue = { type: 'glue', kind: 'gap', width: 0, stretch: 0, shrink: 0, text: '', range: [0, 0] };
const penaltyEnd = (cost: number, flagged = false): Penalty => ({ type: 'penalty', width: 0, cost, flagged, level: 0, range: [0, 0] });
/** A decent line (fitness 2) before, not hyphenated, with enough letters. */
const d = (ratio: number, end: Item, over: { flagged?: boolean; fitness?: number; letters?: number } = {}, params = BREAK_PARAMS) =>
  lineDemerits(ratio, end, over.flagged ?? false, over.fitness ?? 2, over.letters ?? 10, params);

describe('badness (tex.web §108): 100·|r|³, at most 10000', () => {
  it('grows with the cube of the ratio, stretching or shrinking alike', () => {
    expect(badness(0)).toBe(0);
    expect(badness(0.5)).toBeCloseTo(12.5, 9);
    expect(badness(1)).toBeCloseTo(100, 9);
    expect(badness(-1)).toBeCloseTo(100, 9);
    expect(badness(2)).toBeCloseTo(800, 9);
    expect(badness(-0.5)).toBeCloseTo(12.5, 9);
  });

  it('is "infinitely bad" (10000) from r ≈ 4.64 on, and for a line that cannot be set', () => {
    expect(badness(5)).toBe(10000);
    expect(badness(-5)).toBe(10000);
    expect(badness(Infinity)).toBe(10000);
    expect(badness(-Infinity)).toBe(10000);
    expect(badness(NaN)).toBe(10000);
  });
});

describe('fitness classes (tex.web §817)', () => {
  it('very loose above r = 1, loose above ½, decent from −½ to ½, tight below −½', () => {
    const cases: [number, number][] = [
      [3, 0], [1.01, 0], [1, 1], [0.75, 1], [0.51, 1], [0.5, 2], [0, 2], [-0.5, 2], [-0.51, 3], [-1, 3],
    ];
    for (const [r, cls] of cases) expect(fitnessOf(r), `r = ${r}`).toBe(cls);
  });
});

describe('demerits of a line (tex.web §859) and bulletin\'s additions', () => {
  const l = BREAK_PARAMS.linePenalty;

  it('(l + b)² for a line ending at glue', () => {
    expect(d(0, glueEnd)).toBeCloseTo(l * l, 9);
    expect(d(1, glueEnd)).toBeCloseTo((l + 100) ** 2, 6);
    expect(d(-0.5, glueEnd)).toBeCloseTo((l + 12.5) ** 2, 6);
  });

  it('plus p² at a positive penalty, minus p² at a negative one, nothing more at a forced break', () => {
    expect(d(0, penaltyEnd(50))).toBeCloseTo(l * l + 2500, 9);
    expect(d(0, penaltyEnd(-50))).toBeCloseTo(l * l - 2500, 9);
    expect(d(0, penaltyEnd(-Infinity))).toBeCloseTo(l * l, 9);
    expect(d(0, penaltyEnd(0))).toBeCloseTo(l * l, 9);
  });

  it('\\adjdemerits when the fitness class jumps by more than one from the line before', () => {
    // Decent after very loose (2 after 0) or tight after loose (3 after 1): jumps of 2.
    expect(d(0, glueEnd, { fitness: 0 }) - d(0, glueEnd)).toBeCloseTo(BREAK_PARAMS.adjacentDemerits, 6);
    expect(d(-0.8, glueEnd, { fitness: 1 }) - d(-0.8, glueEnd, { fitness: 3 })).toBeCloseTo(BREAK_PARAMS.adjacentDemerits, 6);
    // Neighbouring classes cost nothing more.
    expect(d(0, glueEnd, { fitness: 1 })).toBeCloseTo(d(0, glueEnd, { fitness: 3 }), 9);
  });

  it('\\doublehyphendemerits for a hyphenated line after another, \\finalhyphendemerits for the last line after one', () => {
    expect(d(0, penaltyEnd(0, true), { flagged: true }) - d(0, penaltyEnd(0, true))).toBeCloseTo(BREAK_PARAMS.doubleHyphenDemerits, 6);
    expect(d(0, penaltyEnd(-Infinity), { flagged: true }) - d(0, penaltyEnd(-Infinity))).toBeCloseTo(BREAK_PARAMS.finalHyphenDemerits, 6);
    // A line that is not hyphenated after a hyphenated one: nothing more.
    expect(d(0, glueEnd, { flagged: true })).toBeCloseTo(d(0, glueEnd), 9);
  });

  it('T15: a last line with fewer than two characters other than punctuation costs loneCharacterDemerits', () => {
    const last = penaltyEnd(-Infinity);
    expect(d(0, last, { letters: 1 }) - d(0, last, { letters: 2 })).toBeCloseTo(BREAK_PARAMS.loneCharacterDemerits, 0);
    expect(d(0, last, { letters: 0 }) - d(0, last, { letters: 2 })).toBeCloseTo(BREAK_PARAMS.loneCharacterDemerits, 0);
    // Only the last line: a line of one character elsewhere is not a lone character.
    expect(d(0, glueEnd, { letters: 1 })).toBeCloseTo(d(0, glueEnd, { letters: 2 }), 9);
  });

  it('T1: on the 公文 grid a line not set at its natural width costs offColumnDemerits; the last line and an exact line do not', () => {
    const grid = (r: number, end: Item) => d(r, end, {}, GRID_BREAK_PARAMS);
    expect(grid(0.3, glueEnd) - d(0.3, glueEnd)).toBeCloseTo(GRID_BREAK_PARAMS.offColumnDemerits, 6);
    expect(grid(-0.3, glueEnd) - d(-0.3, glueEnd)).toBeCloseTo(GRID_BREAK_PARAMS.offColumnDemerits, 6);
    expect(grid(0, glueEnd)).toBeCloseTo(d(0, glueEnd), 9);
    expect(grid(0.3, penaltyEnd(-Infinity))).toBeCloseTo(d(0.3, penaltyEnd(-Infinity)), 9);
    // Off the grid the cost is none.
    expect(BREAK_PARAMS.offColumnDemerits).toBe(0);
  });

  it('T1: the off-column cost outweighs any spacing within the tolerance, and gives way to a tie (T28) and a lone character (T15)', () => {
    const worst = (l + 200) ** 2 + BREAK_PARAMS.adjacentDemerits;
    expect(GRID_BREAK_PARAMS.offColumnDemerits).toBeGreaterThan(worst);
    expect(GRID_BREAK_PARAMS.offColumnDemerits).toBeLessThan(BREAK_PARAMS.retryPenalty ** 2);
    expect(GRID_BREAK_PARAMS.offColumnDemerits).toBeLessThan(BREAK_PARAMS.loneCharacterDemerits);
  });
});
