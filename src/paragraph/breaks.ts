/**
 * linebreak: items → break positions, line by line (best fit), never where T4–T6
 * forbid. Knuth–Plass total-fit replaces it behind the same signature.
 */
import type { Item, LineShape } from './types.js';

/** A break: the index of the glue or penalty the line ends at. */
export type Break = number;

/** Tolerance for rounding, in points. */
const EPSILON = 1e-6;

export function isLegalBreak(items: readonly Item[], j: number): boolean {
  const it = items[j];
  if (!it) return false;
  if (it.type === 'penalty') return it.cost < Infinity;
  if (it.type === 'glue') return items[j - 1]?.type === 'box';
  return false;
}

/** The first item of the line after a break: discardable glue and penalties are dropped. */
export function lineStartAfter(items: readonly Item[], b: Break): number {
  let k = b + 1;
  while (k < items.length) {
    const it = items[k]!;
    if (it.type === 'box') break;
    if (it.type === 'penalty' && it.cost === -Infinity) break;
    k++;
  }
  return k;
}

/** Width of items[from, to) at natural spacing, and how far its glue may shrink. */
export function measure(items: readonly Item[], from: number, to: number): { width: number; shrink: number } {
  let width = 0;
  let shrink = 0;
  for (let k = from; k < to; k++) {
    const it = items[k]!;
    if (it.type === 'box') width += it.width;
    else if (it.type === 'glue') {
      width += it.width;
      shrink += it.shrink;
    }
  }
  const end = items[to];
  if (end?.type === 'penalty') width += end.width;
  return { width, shrink };
}

/**
 * Best fit, line by line: of the breaks where the line can be set (its gaps
 * squeezed at most to their minimum), take the one needing the least adjustment,
 * the later one on a tie. A line of Han characters that fills the measure exactly
 * needs none; a mark that would start the next line is squeezed in when that costs
 * less than spreading the line (T7).
 */
export function firstFit(items: readonly Item[], shape: LineShape, em: number): Break[] {
  const breaks: Break[] = [];
  let start = lineStartAfter(items, -1);
  while (start < items.length) {
    const { width: limit } = shape(breaks.length);
    let best = -1;
    let bestCost = Infinity;
    for (let j = start; j < items.length; j++) {
      if (!isLegalBreak(items, j)) continue;
      const { width, shrink } = measure(items, start, j);
      if (width - shrink > limit + EPSILON) break;
      const forced = items[j]!.type === 'penalty' && (items[j] as { cost: number }).cost === -Infinity;
      const cost = forced ? 0 : Math.abs(limit - width);
      if (cost <= bestCost + EPSILON) {
        best = j;
        bestCost = cost;
      }
      if (forced) break;
    }
    // Nothing fits: an unbreakable run wider than the line; it overflows (reported
    // by the justifier as a ratio below −1).
    const b = best >= 0 ? best : nextLegal(items, start);
    breaks.push(b);
    start = lineStartAfter(items, b);
  }
  return avoidLoneLast(items, breaks, shape, em);
}

function nextLegal(items: readonly Item[], from: number): Break {
  for (let j = from; j < items.length; j++) if (isLegalBreak(items, j)) return j;
  return items.length - 1;
}

/**
 * T15: a paragraph's last line holds at least two characters that are not
 * punctuation. Pull one down by ending the line before it one break earlier, when
 * that line can still be set.
 */
function avoidLoneLast(items: readonly Item[], breaks: Break[], shape: LineShape, em: number): Break[] {
  if (breaks.length < 2) return breaks;
  const last = breaks.length - 1;
  const from = lineStartAfter(items, breaks[last - 1]!);
  if (lettersIn(items, from, breaks[last]!) >= 2) return breaks;
  const prevStart = last >= 2 ? lineStartAfter(items, breaks[last - 2]!) : lineStartAfter(items, -1);
  for (let j = breaks[last - 1]! - 1; j > prevStart; j--) {
    if (!isLegalBreak(items, j)) continue;
    const moved = lineStartAfter(items, j);
    if (lettersIn(items, moved, breaks[last]!) < 2) continue;
    const { width } = measure(items, moved, breaks[last]!);
    // The shortened line must not open gaps wider than half an em.
    const { width: above } = measure(items, prevStart, j);
    const gaps = items.slice(prevStart, j).filter((it) => it.type === 'glue' && it.stretch > 0).length;
    if (width <= shape(last).width && shape(last - 1).width - above <= (gaps * em) / 2) {
      return [...breaks.slice(0, last - 1), j, breaks[last]!];
    }
    break;
  }
  return breaks;
}

/** Characters in items[from, to) that are not punctuation. */
function lettersIn(items: readonly Item[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const it = items[k]!;
    if (it.type === 'box') n += [...it.cell.text].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  }
  return n;
}
