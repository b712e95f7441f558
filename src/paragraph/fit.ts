/**
 * How a line is brought to its measure: one plan, made from the line's totals, that
 * the breaker weighs (linebreak.ts) and the justifier carries out (justify.ts), so
 * the two never disagree.
 *
 * T27 (whole punctuation steps): a compressible mark is set full (1 em) or half
 * (½ em) wide. A line that is too long first loses whole half-em blanks (T13: the
 * punctuation blanks shrink first); what that leaves over is taken from the
 * Han–Latin gaps and word spaces, or, when they cannot take it, one more blank goes
 * and the line is spread back by the inter-character gaps. A mark squeezed to an
 * in-between width is the last resort (`inBetween`), and then every mark of the
 * line is squeezed by the same amount.
 */

/** What the gaps of a line can give, points. */
export interface LineTotals {
  /** Removable punctuation blanks (T9–T11) in the line, and their total width. */
  punctCount: number;
  punctShrink: number;
  /** Shrink of the other gaps: Han–Latin gaps and word spaces (T13, T14). */
  otherShrink: number;
  /** Stretch of every gap. */
  stretch: number;
}

export interface Fit {
  /**
   * The adjustment ratio the breaker's badness is taken from: > 0 spread, < 0
   * squeezed (the fraction of all shrink used), below −1 overfull.
   */
  ratio: number;
  /** Punctuation blanks removed whole. */
  steps: number;
  /** Width taken from the Han–Latin gaps and word spaces, points. */
  shrink: number;
  /** Width added by spreading, points. */
  stretch: number;
  /** Every punctuation blank squeezed by this much (an in-between width, the last resort), points. */
  inBetween: number;
}

/** Below this, a difference of widths is rounding (points). */
const EPS = 1e-6;

/**
 * The adjustment ratio of a line whose material is `excess` points short of its
 * measure (negative: too long), from its totals: the breaker's measure of it, in
 * the breaker's inner loop (no object made). fitOf's plan has this ratio.
 */
export function fitRatio(excess: number, punctCount: number, punctShrink: number, otherShrink: number, stretch: number): number {
  if (excess >= -EPS) return excess <= EPS ? 0 : stretch > 0 ? excess / stretch : Infinity;
  const need = -excess;
  const all = punctShrink + otherShrink;
  const squeezed = all > 0 ? -need / all : -Infinity;
  const step = punctCount > 0 ? punctShrink / punctCount : 0;
  const whole = step > 0 ? Math.min(punctCount, Math.floor(need / step + EPS)) : 0;
  const left = Math.max(0, need - whole * step);
  if (left <= otherShrink + EPS || whole >= punctCount) return squeezed;
  const back = (whole + 1) * step - need;
  const spread = back <= EPS ? 0 : stretch > 0 ? back / stretch : Infinity;
  return spread !== Infinity && spread > -squeezed ? spread : squeezed;
}

/** The plan for a line whose material is `excess` points short of its measure (negative: too long). */
export function fitOf(excess: number, t: LineTotals): Fit {
  const ratio = fitRatio(excess, t.punctCount, t.punctShrink, t.otherShrink, t.stretch);
  if (excess >= -EPS) return { ratio, steps: 0, shrink: 0, stretch: Math.max(0, excess), inBetween: 0 };
  const need = -excess;
  const step = t.punctCount > 0 ? t.punctShrink / t.punctCount : 0;
  // Whole blanks that fit in what is needed, and what they leave over.
  const whole = step > 0 ? Math.min(t.punctCount, Math.floor(need / step + EPS)) : 0;
  const left = Math.max(0, need - whole * step);
  // T13: punctuation first, in whole blanks; what they leave over from the other gaps.
  if (left <= t.otherShrink + EPS) return { ratio, steps: whole, shrink: left, stretch: 0, inBetween: 0 };
  // Else one blank more, and the line spread back by what it gave too much. The
  // line is as squeezed as before, or as spread as the spreading makes it.
  if (whole < t.punctCount) {
    const back = (whole + 1) * step - need;
    if (back <= EPS || t.stretch > 0) return { ratio, steps: whole + 1, shrink: 0, stretch: Math.max(0, back), inBetween: 0 };
  }
  // The last resort: every mark squeezed alike, then the other gaps; overfull past that.
  const fromMarks = Math.min(need, t.punctShrink);
  return {
    ratio,
    steps: 0,
    shrink: Math.min(t.otherShrink, need - fromMarks),
    stretch: 0,
    inBetween: t.punctCount > 0 ? fromMarks / t.punctCount : 0,
  };
}
