/**
 * The line breaker's parameters: TeX's, each with its TeX name and default, and
 * why bulletin's value differs where it does (`shared/docs/typography.md`).
 */
export interface BreakParams {
  /**
   * Largest badness (100·|ratio|³) of a line in each pass. Pass 1 is TeX's
   * \pretolerance (100); pass 2 its \tolerance (200) — with the inter-character
   * stretch of items.ts (0.08 em at ratio 1), 200 keeps gaps under 0.1 em (T13);
   * pass 3 allows breaks inside Latin words (T14: only when the line cannot be set
   * otherwise); pass 4 accepts any badness and breaks inside addresses (T6).
   */
  tolerances: readonly [number, number, number, number];
  /** TeX's \linepenalty (10): a cost for every line, so fewer lines win a tie. */
  linePenalty: number;
  /** TeX's \adjdemerits (10000): a tight line next to a loose one. */
  adjacentDemerits: number;
  /** TeX's \doublehyphendemerits (10000): two hyphenated lines in a row. */
  doubleHyphenDemerits: number;
  /** TeX's \finalhyphendemerits (5000): the last full line hyphenated. */
  finalHyphenDemerits: number;
  /**
   * T15 (no TeX counterpart): a paragraph's last line with fewer than two
   * characters that are not punctuation (孤字). As much as a line spread by four
   * gaps' worth of its stretch (badness 100·4³, squared): the breaker pulls a character
   * down unless that would spread the line above wider than that.
   */
  loneCharacterDemerits: number;
  /**
   * A break at a penalty this high (T28's tie, items.ts) is worth the next pass:
   * its looser lines may keep a number with its word at a lower cost, as T15's
   * lone character is worth it (no TeX counterpart: TeX's passes stop at the
   * first that sets the paragraph).
   */
  retryPenalty: number;
  /**
   * T24: the most lines a paragraph may have to be offered a line more or fewer
   * when a page would end short (no TeX counterpart: TeX's \looseness weighs a
   * paragraph of any length). Weighing every number of lines keeps breaks active
   * for each, which grows with the square of the paragraph's length: 100 000
   * characters in one paragraph took two minutes. A longer paragraph runs over
   * several pages, filling those it is on; what a short page needs, the others give.
   */
  mostLinesVaried: number;
  /**
   * On a character grid (the 公文's, T1: each character on its column), a line
   * spread or squeezed at all, which takes its characters off their columns (no
   * TeX counterpart; 0 off the grid). More than any spacing within the tolerance
   * costs ((10 + 200)² + \adjdemerits), so the fewest lines are spread — one line
   * 2 em short rather than two lines 1 em each; far below a tie (T28) or a lone
   * character (T15), which win over the grid.
   */
  offColumnDemerits: number;
}

export const BREAK_PARAMS: BreakParams = {
  tolerances: [100, 200, 200, 10000],
  linePenalty: 10,
  adjacentDemerits: 10000,
  doubleHyphenDemerits: 10000,
  finalHyphenDemerits: 5000,
  loneCharacterDemerits: 1e8,
  retryPenalty: 1000,
  mostLinesVaried: 100,
  offColumnDemerits: 0,
};

/** The same on a character grid (set.ts: a paragraph whose marks keep whole cells). */
export const GRID_BREAK_PARAMS: BreakParams = {
  ...BREAK_PARAMS,
  // The first pass takes the second's tolerance (TeX's \pretolerance = \tolerance):
  // one line spread by 2 em, its gaps still under 0.1 em (T13), is in reach, where
  // the first pass's 100 would spread two lines by 1 em each instead.
  tolerances: [200, 200, 200, 10000],
  offColumnDemerits: 1e5,
};
