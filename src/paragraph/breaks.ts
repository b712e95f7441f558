/**
 * The first-fit breaker: each line takes as much as fits with every gap squeezed
 * to its minimum, as word processors do. Not used to set paragraphs; it is the
 * baseline the total-fit breaker (linebreak.ts) is measured against.
 */
import { breakable, ratioOf, startAfter, sumsOf } from './linebreak.js';
import { lineBox, type Item, type LineShape } from './types.js';

export function firstFit(items: readonly Item[], shape: LineShape): number[] {
  const sums = sumsOf(items);
  const breaks: number[] = [];
  let start = startAfter(items, -1);
  while (start < items.length) {
    const { width } = lineBox(shape, breaks.length);
    let fit = -1;
    for (let j = start; j < items.length; j++) {
      if (!breakable(items, j, 4)) continue;
      if (ratioOf(items, sums, start, j, width) < -1) break;
      fit = j;
      const it = items[j]!;
      if (it.type === 'penalty' && it.cost === -Infinity) break;
    }
    // Nothing fits: an unbreakable run wider than the line overflows it.
    if (fit < 0) for (let j = start; j < items.length && fit < 0; j++) if (breakable(items, j, 4)) fit = j;
    breaks.push(fit);
    start = startAfter(items, fit);
  }
  return breaks;
}
