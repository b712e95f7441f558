/**
 * Floating figures: a figure that does not fit in what is left of a page goes to
 * the head of the next page, and the text after it flows up past it to fill the
 * page, as a 简报 sets its photos (and as LaTeX floats a figure to the next page's
 * top). How far: the figure moves down by at most the rest of its page — it always
 * heads the very next page — and only the body lines that directly follow it
 * move up past it: lines of paragraphs and notes, never a heading, a title, a
 * section, a space or another figure, so text never passes into another article
 * and figures keep their order. Lines move as the page would take them (T17: no
 * paragraph's first line alone at the foot, nor its last alone at the head).
 */
import type { Band } from './bands.js';

/**
 * How many of the bands after the figure at `i` go before it, to fill the `room`
 * grid lines left on the page (0: none, the figure simply goes to the next page).
 */
export function floatPast(bands: readonly Band[], i: number, room: number): number {
  let moved = 0;
  let k = i + 1;
  while (room > 0) {
    const band = bands[k];
    if (!band?.paragraph || band.keep) break;
    const { count, index } = band.paragraph;
    const left = count - index;
    const here = linesThatFit(left, room, index);
    if (here === 0) break;
    moved += here;
    room -= here;
    k += here;
    if (here < left) break;
  }
  return moved;
}

/**
 * T17, as the page builder keeps it: of a paragraph's `left` lines, `done` of them
 * set before, how many go in `room` — all when they fit, else at most all but two
 * (never its last line alone at the next page's head), and none rather than its
 * first line alone at the foot.
 */
function linesThatFit(left: number, room: number, done: number): number {
  if (left <= room) return left;
  const here = Math.min(room, left - 2);
  return done === 0 && here < 2 ? 0 : Math.max(0, here);
}

/** The bands with the figure at `i` set after the `moved` bands that follow it. */
export function floated(bands: readonly Band[], i: number, moved: number): Band[] {
  return [...bands.slice(0, i), ...bands.slice(i + 1, i + 1 + moved), bands[i]!, ...bands.slice(i + 1 + moved)];
}
