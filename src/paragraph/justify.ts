/**
 * justify: the items of one line → placed glyphs. Adjusts the gaps in the order of
 * T13 (clreq §3.8): to shrink, punctuation blanks first, then Han–Latin gaps, then
 * word spaces; to expand, word spaces, then Han–Latin gaps, then every gap evenly.
 */
import { fitOf } from './fit.js';
import type { Glue, Item, PlacedGlyph, SetLine } from './types.js';

export interface LineSpec {
  items: readonly Item[];
  /** items[from, to) are the line's material; items[to] is the break. */
  from: number;
  to: number;
  x: number;
  width: number;
  last: boolean;
  align: 'justify' | 'left' | 'center';
  size: number;
  /** A space glyph for typed spaces, to keep them in extracted text. */
  space: PlacedGlyph | null;
}

export function setLine(spec: LineSpec): SetLine {
  const { items, from, to } = spec;
  const glues: Glue[] = [];
  let natural = 0;
  for (let k = from; k < to; k++) {
    const it = items[k]!;
    if (it.type === 'glue') glues.push(it);
    if (it.type !== 'penalty') natural += it.width;
  }
  const breakItem = items[to];
  if (breakItem?.type === 'penalty') natural += breakItem.width;
  // The paragraph's finishing glue (a fill) is not a gap between characters, nor,
  // when the line hangs its last mark (T16), the gap before that mark: the mark
  // stands against the character that ends flush with the measure.
  const hung = breakItem?.type === 'penalty' && breakItem.width < 0 ? items[to - 2] : undefined;
  const gaps = glues.filter((g) => g.stretch < 1e5 && g !== hung);
  // A line too long for its measure is squeezed whatever its alignment (a title, a label).
  const justify = (spec.align === 'justify' && !spec.last) || natural > spec.width + 1e-9;
  const { widths, ratio } = justify
    ? adjust(gaps, spec.width - natural)
    : { widths: new Map<Glue, number>(), ratio: 0 };

  const glyphs: PlacedGlyph[] = [];
  let x = spec.align === 'center' ? Math.max(0, (spec.width - natural) / 2) : 0;
  for (let k = from; k < to; k++) {
    const it = items[k]!;
    if (it.type === 'box') {
      for (const g of it.cell.glyphs) glyphs.push({ ...g, x: spec.x + x + g.x });
      x += it.width;
    } else if (it.type === 'glue') {
      if (it.text !== '' && spec.space) glyphs.push({ ...spec.space, x: spec.x + x, at: it.range[0] });
      x += it.stretch >= 1e5 ? 0 : (widths.get(it) ?? it.width);
    }
  }
  // A line broken at a hyphenation point ends with the hyphen.
  if (breakItem?.type === 'penalty' && breakItem.glyph) glyphs.push({ ...breakItem.glyph, x: spec.x + x });
  return {
    glyphs,
    x: spec.x,
    width: spec.width,
    natural,
    ratio,
    range: [items[from]?.range[0] ?? 0, items[Math.max(from, to - 1)]?.range[1] ?? 0],
    last: spec.last,
  };
}

/**
 * The width of each gap so the line fills its measure, and the adjustment ratio
 * (fit.ts, the plan the breaker weighed). To shrink (T13, T27): whole punctuation
 * blanks first, the last marks of the line first (what stands before them keeps its
 * place on the character grid), then the Han–Latin gaps, then word spaces; a blank
 * removed beyond what was needed is given back by spreading. To expand: word
 * spaces, then Han–Latin gaps, then every gap between full-width characters evenly.
 * A ratio below −1 is an overfull line; the gaps then stay at their minimum.
 */
export function adjust(gaps: Glue[], excess: number): { widths: Map<Glue, number>; ratio: number } {
  const widths = new Map<Glue, number>(gaps.map((g) => [g, g.width]));
  const marks = gaps.filter((g) => g.kind === 'punct' && g.shrink > 0);
  const other = gaps.filter((g) => !(g.kind === 'punct' && g.shrink > 0));
  const fit = fitOf(excess, {
    punctCount: marks.length,
    punctShrink: sum(marks, (g) => g.shrink),
    otherShrink: sum(other, (g) => g.shrink),
    stretch: sum(gaps, (g) => g.stretch),
  });
  if (excess > 0) {
    expand(gaps, widths, excess);
    return { widths, ratio: fit.ratio };
  }
  let need = -excess;
  if (fit.inBetween > 0) {
    // The last resort: every mark squeezed alike (T27).
    for (const g of marks) widths.set(g, g.width - Math.min(g.shrink, fit.inBetween));
    need -= sum(marks, (g) => Math.min(g.shrink, fit.inBetween));
  } else {
    for (const g of marks.slice(marks.length - fit.steps)) {
      widths.set(g, g.width - g.shrink);
      need -= g.shrink;
    }
  }
  if (need < -1e-9) expand(gaps, widths, -need);
  else if (need > 1e-9) shrinkTiers(other, widths, need);
  return { widths, ratio: fit.ratio };
}

function sum(gaps: Glue[], of: (g: Glue) => number): number {
  let total = 0;
  for (const g of gaps) total += of(g);
  return total;
}

/** T13: the Han–Latin gaps, then word spaces, give up to `need` points. */
function shrinkTiers(gaps: Glue[], widths: Map<Glue, number>, need: number): void {
  for (const kind of ['hanlatin', 'space'] as const) {
    const tier = gaps.filter((g) => g.kind === kind && g.shrink > 0);
    const available = sum(tier, (g) => g.shrink);
    if (available <= 0) continue;
    const take = Math.min(need, available);
    for (const g of tier) widths.set(g, widths.get(g)! - (take * g.shrink) / available);
    need -= take;
    if (need <= 0) break;
  }
}

/** T13: word spaces, then Han–Latin gaps, then every inter-character gap evenly, grow by `excess` points. */
function expand(gaps: Glue[], widths: Map<Glue, number>, excess: number): void {
  let left = excess;
  for (const kind of ['space', 'hanlatin'] as const) {
    const tier = gaps.filter((g) => g.kind === kind);
    const available = sum(tier, (g) => g.stretch);
    if (available <= 0) continue;
    const give = Math.min(left, available);
    for (const g of tier) widths.set(g, widths.get(g)! + (give * g.stretch) / available);
    left -= give;
  }
  if (left > 1e-9) {
    // T13: "then all inter-character gaps evenly": the gaps between full-width
    // characters; word spaces and Han–Latin gaps stay at their maximum (½ em,
    // ⅓ em) unless a line has no other gap to take the rest.
    // (A mark's blank never stretches, T27: it is there whole or not at all.)
    const between = gaps.filter((g) => g.stretch > 0 && g.kind === 'gap');
    const open = between.length > 0 ? between : gaps.filter((g) => g.stretch > 0);
    const share = open.length > 0 ? left / open.length : 0;
    for (const g of open) widths.set(g, widths.get(g)! + share);
  }
}
