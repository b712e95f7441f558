/**
 * paginate: bands → body pages on the baseline grid (T1). Lines move, the pitch
 * never changes (T17); headings keep with what follows (T18); pages are full (T24)
 * and the colophon shares the last page with the text (T25).
 *
 * The page breaks are chosen for the whole issue at once, as the paragraph engine
 * chooses line breaks for a whole paragraph: a dynamic program over the bands, its
 * state the grid line reached on the current page. A page that ends short costs
 * more than any change of a paragraph, so the breaks that fill every page win; when
 * none do with the paragraphs as set, each paragraph is offered one line longer
 * and one line shorter (TeX's \looseness, within the breaker's tolerance) and each
 * heading a blank line more above it, and the cheapest set of changes that fills
 * the pages is taken: T24's remedies, in its order by their costs (PAGE_COSTS).
 * A figure that does not fit at a page foot heads the next page while the lines
 * after it fill this one (float.ts).
 */
import type { Style } from '../style/index.js';
import type { Band } from './bands.js';
import { floatPast } from './float.js';
import { moveItems } from './move.js';
import { GRID_BREAK_PARAMS } from '../paragraph/params.js';
import type { Page } from './types.js';

export interface Placement {
  pages: Page[];
  /** The grid line below the last band on the last page. */
  used: number;
}

/**
 * What the choices cost. A short page costs more than any set of paragraph changes
 * could (T24: a page ends short only when nothing else can be done), and a page
 * holding the colophon alone more than a short page (T25: the last resort).
 */
export const PAGE_COSTS = {
  /** A page that ends before its last grid line while the text goes on (T24). */
  shortPage: 1e12,
  /**
   * Times the square of the grid lines it leaves empty, when the text goes on
   * after the gap (a paragraph, an image): two pages a line short are better than
   * one five lines short in the middle of an article.
   */
  shortLine: 1e11,
  /**
   * The same, when the page ends where an article or section ends (a heading
   * follows): less than a paragraph change costs, so no paragraph is reset only
   * to shorten such a gap.
   */
  shortLineAtHeading: 1e3,
  /** The colophon on a page of its own (T25). */
  colophonAlone: 1e13,
  /** Every page: of two ways to fill the pages, the one with fewer pages. */
  page: 1e9,
  /** A paragraph set in another number of lines than its best (T24), besides its demerits. */
  change: 1e4,
  /** A heading moved down a grid line: a blank line more before it (T24's second remedy). */
  headingMove: 1e5,
  /**
   * The least a paragraph set a line longer or shorter costs where characters stand
   * in columns (the 公文 grid, GB/T 9704 §5.2.2: 28 characters a line): at least one
   * of its lines is spread off the columns. The breaker counts every such line in
   * the paragraph's demerits (params.ts, offColumnDemerits), so the change that
   * takes fewest lines off is chosen; a heading moved down a line takes none, so
   * there the heading moves first.
   */
  offColumns: GRID_BREAK_PARAMS.offColumnDemerits,
} as const;

/** A paragraph in some number of lines, or any other band as it is. */
interface Variant {
  /** Grid lines it takes. */
  lines: number;
  /** What it costs; for a variant not yet searched for, the least it can cost. */
  cost: number;
  /** Its bands, made when it is placed. */
  bands: () => Band[];
  /**
   * A paragraph's other number of lines known possible by its totals but not yet
   * searched for: the search, which gives the variant as it is, or undefined when
   * the paragraph cannot be set so.
   */
  search?: () => Variant | undefined;
}

/** What the page builder places: a paragraph with its variants, or one band. */
interface Element {
  kind: 'space' | 'keep' | 'block' | 'paragraph';
  /** The variants: a paragraph's own lines first. */
  variants: Variant[];
  /** The other variants, when asked for (T24): a paragraph's other line counts, a heading's lower place. */
  more?: () => Variant[];
  breakBefore: boolean;
  /** A figure (an image band): it may float to the next page's head (float.ts). */
  figure?: boolean;
}

/** How an element was placed: its variant, and its lines on each page it is on. */
interface Step {
  /** The state it came from. */
  from: number;
  /**
   * A page break before the element; the element placed; or a figure floated: the
   * lines after it (`chunks[0]`) set on this page, then the figure heading the next
   * with the rest of a paragraph split by it under it and on the pages after
   * (`chunks[1…]` lines on each).
   */
  kind: 'break' | 'place' | 'float';
  variant: number;
  /** Lines on the current page, then on each next one (a paragraph split over pages). */
  chunks: number[];
  /** For a float: the first element after what it placed. */
  next?: number;
}

/**
 * Place bands on pages of `style.body.lines` grid lines. `tail` is what must stand
 * at the foot of the last page after the text, in grid lines (the colophon with the
 * line that parts it from the text), 0 for nothing.
 */
export function paginate(bands: Band[], style: Style, firstFolio: number, tail = 0): Placement {
  const capacity = style.body.lines;
  const elements = elementsOf(bands, style.columns ? PAGE_COSTS.offColumns : 0);
  let plan = bestPlan(elements, capacity, tail);
  if (plan.cost >= PAGE_COSTS.shortPage) {
    // T24: something is short. Every paragraph is offered one line longer and
    // shorter, every heading a line lower: T24 speaks of the page and the one before,
    // but a change further back may be what fills it, and the plan weighs them all.
    for (const e of elements) if (e.more) e.variants.push(...e.more());
    const loose = searched(elements, capacity, tail);
    if (loose.cost < plan.cost) plan = loose;
  }
  return place(elements, plan.steps, style, firstFolio);
}

/**
 * The best plan with the paragraphs' other numbers of lines searched for only
 * where a plan takes them: planned with what each could cost at least, the ones a
 * plan chose are searched for (set as they would be, or found impossible) and the
 * plan made again, until it takes none unsearched. The plan is as good as with
 * every paragraph searched (a search only raises a cost), at a few searches.
 */
function searched(elements: Element[], capacity: number, tail: number): { cost: number; steps: Step[] } {
  for (;;) {
    const plan = bestPlan(elements, capacity, tail);
    let e = 0;
    let open = 0;
    for (const s of plan.steps) {
      if (s.kind === 'break') continue;
      const el = elements[e]!;
      const v = el.variants[s.variant]!;
      if (v.search) {
        open++;
        el.variants[s.variant] = v.search() ?? { lines: v.lines, cost: Infinity, bands: () => [] };
      }
      e = s.kind === 'float' ? s.next! : e + 1;
    }
    if (open === 0) return plan;
  }
}

function elementsOf(bands: Band[], offColumns: number): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < bands.length; ) {
    const band = bands[i]!;
    if (band.paragraph) {
      const { count } = band.paragraph;
      const own = bands.slice(i, i + count);
      const { alternatives, possibleCounts } = band.paragraph;
      // What a paragraph in n lines costs: the change and its demerits (on a grid
      // they count its lines off the columns); before the search, the least it can.
      const least = PAGE_COSTS.change + offColumns;
      const searchFor = (n: number) => (): Variant | undefined => {
        const found = alternatives?.().find((a) => a.count === n);
        return found && { lines: n, cost: PAGE_COSTS.change + Math.max(offColumns, found.cost), bands: once(found.bands) };
      };
      out.push({
        kind: 'paragraph',
        variants: [{ lines: count, cost: 0, bands: () => own }],
        ...(possibleCounts ? { more: () => possibleCounts().map((n) => ({ lines: n, cost: least, bands: () => [], search: searchFor(n) })) } : {}),
        breakBefore: false,
      });
      i += count;
      continue;
    }
    const kind = band.kind === 'space' ? 'space' : band.keep ? 'keep' : 'block';
    out.push({
      kind,
      ...(band.kind === 'image' ? { figure: true } : {}),
      variants: [{ lines: band.lines, cost: 0, bands: () => [band] }],
      // T24: a heading may move down a line, a blank line more before it.
      ...(kind === 'space' ? { more: () => [{ lines: 2 * band.lines, cost: PAGE_COSTS.headingMove, bands: () => [band, band] }] } : {}),
      breakBefore: band.breakBefore ?? false,
    });
    i++;
  }
  return out;
}

/** A function that computes its value once. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * The cheapest placement of all elements. States are (element, grid line reached
 * on the current page, pinned): pinned when a heading stands just above, so that
 * what follows must start on this page with two lines of it (T18).
 */
function bestPlan(elements: Element[], capacity: number, tail: number): { cost: number; steps: Step[] } {
  const lines = capacity + 1;
  const index = (e: number, r: number, pinned: boolean) => (e * lines + r) * 2 + (pinned ? 1 : 0);
  const size = (elements.length + 1) * lines * 2;
  const cost = new Float64Array(size).fill(Infinity);
  const step: (Step | undefined)[] = new Array(size);
  // A step is made only when it is the best way yet to its state: most are not.
  const relax = (to: number, c: number, from: number, kind: Step['kind'], variant: number, chunks: () => number[], next?: number) => {
    if (c < cost[to]!) {
      cost[to] = c;
      step[to] = { from, kind, variant, chunks: chunks(), ...(next === undefined ? {} : { next }) };
    }
  };
  const none = () => [];
  const short = (rows: number, atHeading: boolean) =>
    PAGE_COSTS.shortPage + (atHeading ? PAGE_COSTS.shortLineAtHeading : PAGE_COSTS.shortLine) * rows * rows;
  cost[index(0, 0, false)] = PAGE_COSTS.page;

  for (let e = 0; e < elements.length; e++) {
    const el = elements[e]!;
    // Lines reached from the bottom up: a page break leads to line 0 of the same element.
    for (let r = capacity - 1; r >= 0; r--) {
      for (const pinned of [true, false]) {
        const from = index(e, r, pinned);
        const c = cost[from]!;
        if (c === Infinity) continue;
        if (r > 0 && !pinned) {
          // End the page here: short unless the element starts a new page (a section).
          const atHeading = el.kind === 'keep' || el.kind === 'space';
          relax(index(e, 0, false), c + PAGE_COSTS.page + (el.breakBefore ? 0 : short(capacity - r, atHeading)), from, 'break', 0, none);
        }
        if (el.breakBefore && r > 0) continue;
        el.variants.forEach((v, variant) => {
          placements(el, v, r, pinned, capacity, (end, endPinned, extra, pagesOn, here) => {
            if (end === capacity && endPinned) return;
            const to = end === capacity ? index(e + 1, 0, false) : index(e + 1, end, endPinned);
            const pages = pagesOn + (end === capacity ? 1 : 0);
            relax(to, c + v.cost + extra + pages * PAGE_COSTS.page, from, 'place', variant, () => (el.kind === 'paragraph' ? chunksOf(v.lines, here, capacity) : [here]));
          });
        });
        const f = el.figure && r > 0 && !pinned ? floatOf(elements, e, r, capacity) : undefined;
        if (f) {
          const to = f.end === capacity ? index(f.next, 0, false) : index(f.next, f.end, false);
          const pages = Math.max(1, f.rest.length) + (f.end === capacity ? 1 : 0);
          const cost = f.cost + (f.moved < capacity - r ? short(capacity - r - f.moved, false) : 0);
          relax(to, c + cost + pages * PAGE_COSTS.page, from, 'float', 0, () => [f.moved, ...f.rest], f.next);
        }
      }
    }
  }

  // The end: the colophon at the foot of the last page, a grid line clear of the text.
  let best = -1;
  let least = Infinity;
  for (let r = 0; r < lines; r++) {
    for (const pinned of [false, true]) {
      const at = index(elements.length, r, pinned);
      if (cost[at] === Infinity) continue;
      const alone = tail > 0 && (r === 0 || r + tail > capacity);
      const total = cost[at]! + (alone ? PAGE_COSTS.colophonAlone + PAGE_COSTS.page : 0);
      if (total < least) {
        least = total;
        best = at;
      }
    }
  }
  const steps: Step[] = [];
  for (let at = best; at !== index(0, 0, false); at = step[at]!.from) steps.unshift(step[at]!);
  return { cost: least, steps };
}

/**
 * A figure at element `e` that does not fit from grid line `r`, floated (float.ts):
 * how many lines of the paragraphs after it move up to this page, the lines of a
 * paragraph it splits that go under it on the next page and on after (two at least
 * on each, T17), what that costs, where it ends and the element after. Undefined
 * when nothing moves up.
 */
function floatOf(
  elements: Element[],
  e: number,
  r: number,
  capacity: number,
): { moved: number; rest: number[]; cost: number; end: number; next: number } | undefined {
  const figure = elements[e]!.variants[0]!.bands()[0]!;
  const room = capacity - r;
  if (figure.lines <= room) return undefined;
  const after: Band[] = [];
  for (let k = e + 1; elements[k]?.kind === 'paragraph'; k++) after.push(...elements[k]!.variants[0]!.bands());
  const moved = floatPast([figure, ...after], 0, room);
  if (moved === 0) return undefined;
  // The element the moved lines end in, and how many of its lines are left.
  let k = e + 1;
  let left = moved;
  while (left > 0 && left >= elements[k]!.variants[0]!.lines) left -= elements[k++]!.variants[0]!.lines;
  let rest = left === 0 ? 0 : elements[k]!.variants[0]!.lines - left;
  const next = left === 0 ? k : k + 1;
  if (figure.lines + rest <= capacity) return { moved, rest: rest > 0 ? [rest] : [], cost: 0, end: figure.lines + rest, next };
  // The split paragraph goes on past the figure's page: two lines at least on each.
  const chunks: number[] = [];
  let cost = 0;
  let below = capacity - figure.lines;
  while (rest > below) {
    const take = linesOnPage(rest, below);
    cost += shortBy(below - take);
    chunks.push(take);
    rest -= take;
    below = capacity;
  }
  chunks.push(rest);
  return { moved, rest: chunks, cost, end: rest, next };
}

/**
 * The ways to place an element's variant from grid line `r`, each told to `visit`:
 * where it ends, pinned or not (a heading above what follows), what it costs, how
 * many pages it moves on, and its lines on this page.
 */
type Visit = (end: number, pinned: boolean, cost: number, pages: number, here: number) => void;

function placements(el: Element, v: Variant, r: number, pinned: boolean, capacity: number, visit: Visit): void {
  const room = capacity - r;
  const lines = v.lines;
  switch (el.kind) {
    case 'space':
      // A space never stands at the top of a page, nor on its last line.
      if (r === 0 || r + lines >= capacity) visit(r, pinned, 0, 0, 0);
      else visit(r + lines, false, 0, 0, lines);
      return;
    case 'keep':
      // T18: a heading never ends a page (what it keeps with is checked when placed).
      if (r === 0 || lines < room) visit(Math.min(capacity, r + lines), lines < capacity, 0, 0, lines);
      return;
    case 'block':
      if (r === 0 || lines <= room) visit(Math.min(capacity, r + lines), false, 0, 0, lines);
      return;
    case 'paragraph':
      paragraphPlacements(lines, r, pinned, capacity, visit);
  }
}

/**
 * A paragraph of `n` lines from grid line `r`: whole on this page, or split with
 * two lines at least on each side (T17: no orphan, no widow), two lines at least
 * (or all of one of three) under a heading (T18).
 */
function paragraphPlacements(n: number, r: number, pinned: boolean, capacity: number, visit: Visit): void {
  const room = capacity - r;
  const need = pinned ? (n <= 3 ? n : 2) : 1;
  if (room < need) return;
  if (n <= room) {
    visit(r + n, false, 0, 0, n);
    return;
  }
  for (let here = Math.min(room, n - 2); here >= Math.max(2, need); here--) {
    let cost = shortBy(room - here);
    let rest = n - here;
    let pages = 1;
    // Whole pages of it, each leaving two lines at least for the next (T17).
    while (rest > capacity) {
      const take = linesOnPage(rest, capacity);
      cost += shortBy(capacity - take);
      rest -= take;
      pages++;
    }
    visit(rest, false, cost, pages, here);
  }
}

/**
 * T17: of the `rest` lines of a paragraph that runs on past a page with `room`
 * lines for it, how many go there: as many as fit, leaving two for the next page;
 * none when fewer than two would (under a figure of all but a line of the page,
 * say): never a line alone.
 */
function linesOnPage(rest: number, room: number): number {
  const take = Math.min(room, rest - 2);
  return take < 2 ? 0 : take;
}

/** What a page that ends `rows` grid lines short in the middle of a paragraph costs (nothing for none). */
function shortBy(rows: number): number {
  return rows > 0 ? PAGE_COSTS.shortPage + PAGE_COSTS.shortLine * rows ** 2 : 0;
}

/** A paragraph of `n` lines split with `here` on the first page: its lines on each page, as paragraphPlacements takes them. */
function chunksOf(n: number, here: number, capacity: number): number[] {
  const chunks = [here];
  let rest = n - here;
  while (rest > capacity) {
    const take = linesOnPage(rest, capacity);
    chunks.push(take);
    rest -= take;
  }
  if (rest > 0) chunks.push(rest);
  return chunks;
}

/** The bands on pages, as the plan says. */
function place(elements: Element[], steps: Step[], style: Style, firstFolio: number): Placement {
  const capacity = style.body.lines;
  const pages: Page[] = [];
  let page: Page = { folio: firstFolio, items: [] };
  let line = 0;
  const newPage = () => {
    pages.push(page);
    page = { folio: (page.folio ?? 0) + 1, items: [] };
    line = 0;
  };
  const put = (band: Band) => {
    if (line >= capacity) newPage();
    page.items.push(...moveItems(band.items, style.area.left, style.area.top + line * style.body.pitch));
    line += band.lines;
  };
  let e = 0;
  for (const s of steps) {
    if (s.kind === 'break') {
      newPage();
      continue;
    }
    if (s.kind === 'float') {
      // The lines after the figure on this page, the figure heading the next, the rest of a split paragraph under it.
      const figure = elements[e]!.variants[0]!.bands()[0]!;
      const after = elements.slice(e + 1, s.next).flatMap((el) => el.variants[0]!.bands());
      let k = s.chunks[0]!;
      after.slice(0, k).forEach(put);
      newPage();
      put(figure);
      s.chunks.slice(1).forEach((chunk, i) => {
        if (i > 0) newPage();
        after.slice(k, (k += chunk)).forEach(put);
      });
      e = s.next!;
      continue;
    }
    const bands = elements[e++]!.variants[s.variant]!.bands();
    if (s.chunks[0] === 0) continue;
    let k = 0;
    s.chunks.forEach((chunk, i) => {
      if (i > 0) newPage();
      for (let placed = 0; placed < chunk; k++) {
        put(bands[k]!);
        placed += bands[k]!.lines;
      }
    });
  }
  pages.push(page);
  return { pages, used: line };
}
