/**
 * paginate: bands → body pages on the baseline grid (T1). Lines move, the pitch
 * never changes (T17); headings keep with what follows (T18).
 */
import type { Style } from '../style/index.js';
import type { Band } from './bands.js';
import { floatPast, floated } from './float.js';
import { moveItems } from './move.js';
import type { Page } from './types.js';

export interface Placement {
  pages: Page[];
  /** The grid line below the last band on the last page. */
  used: number;
}

/**
 * Place bands on pages of `style.body.lines` grid lines. A page break drops the
 * spaces at the top of a page; a paragraph that would leave its first line alone at
 * the foot of a page, or its last line alone at the head of the next (T17), gives
 * up a line to avoid it; a heading goes to the next page unless two lines of what
 * follows fit under it (T18); a figure that does not fit heads the next page, the
 * text after it filling this one (float.ts).
 */
export function paginate(bands: Band[], style: Style, firstFolio: number): Placement {
  const capacity = style.body.lines;
  const pages: Page[] = [];
  let page: Page = { folio: firstFolio, items: [] };
  let line = 0;
  const newPage = () => {
    pages.push(page);
    page = { folio: (page.folio ?? 0) + 1, items: [] };
    line = 0;
  };
  const place = (band: Band) => {
    page.items.push(...moveItems(band.items, style.area.left, style.area.top + line * style.body.pitch));
    line += band.lines;
  };

  let order = bands;
  let i = 0;
  while (i < order.length) {
    const band = order[i]!;
    if (band.kind === 'space') {
      if (line > 0 && line + 1 < capacity) place(band);
      i++;
      continue;
    }
    if (band.breakBefore && line > 0) newPage();
    if (band.keep) {
      const need = keptLines(order, i, capacity);
      if (line > 0 && line + need > capacity) newPage();
      place(band);
      i++;
      continue;
    }
    if (band.paragraph) {
      const { count, index } = band.paragraph;
      const left = count - index;
      const here = linesHere(left, capacity - line, index, capacity);
      if (here === 0) {
        newPage();
        continue;
      }
      for (let k = 0; k < here; k++) place(order[i + k]!);
      i += here;
      if (here < left) newPage();
      continue;
    }
    if (line + band.lines > capacity) {
      // A figure that does not fit lets the text after it fill the page (float.ts).
      const moved = band.kind === 'image' && line > 0 ? floatPast(order, i, capacity - line) : 0;
      if (moved > 0) {
        order = floated(order, i, moved);
        continue;
      }
      newPage();
    }
    place(band);
    i++;
  }
  pages.push(page);
  return { pages, used: line };
}

/**
 * How many of a paragraph's remaining `left` lines go in the `room` left on this
 * page, given that `done` of its lines are already set on earlier pages.
 */
export function linesHere(left: number, room: number, done: number, capacity: number): number {
  if (left <= room) return left;
  let here = room;
  // T17 widow: never its last line alone at the head of the next page.
  if (left - here === 1) here -= 1;
  // T17 orphan: never its first line alone at the foot of a page.
  if (done === 0 && here === 1) here = 0;
  // A paragraph longer than a page must still move on.
  if (here <= 0 && room === capacity) here = Math.max(1, Math.min(left - 2, room));
  return Math.max(0, here);
}

/** Grid lines a run of kept bands needs with what it keeps with: two lines of text (T18). */
function keptLines(bands: Band[], i: number, capacity: number): number {
  let need = 0;
  let k = i;
  while (k < bands.length && (bands[k]!.keep || bands[k]!.kind === 'space')) {
    need += bands[k]!.lines;
    k++;
  }
  const next = bands[k];
  // Two lines of a paragraph, or all of one of three lines: two of three would
  // leave the third alone at the head of the next page (T17).
  if (next?.paragraph) need += next.paragraph.count <= 3 ? next.paragraph.count : 2;
  else if (next) need += next.lines;
  return Math.min(need, capacity);
}
