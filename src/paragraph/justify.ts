/**
 * justify: the items of one line → placed glyphs. Adjusts the gaps in the order of
 * T13 (clreq §3.8): to shrink, punctuation blanks first, then Han–Latin gaps, then
 * word spaces; to expand, word spaces, then Han–Latin gaps, then every gap evenly.
 */
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
  // The paragraph's finishing glue (a fill) is not a gap between characters.
  const gaps = glues.filter((g) => g.stretch < 1e5);
  const justify = spec.align === 'justify' && (!spec.last || natural > spec.width);
  const { widths, ratio } = justify
    ? adjust(gaps, spec.width - natural, spec.size)
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
 * The width of each gap so the line fills its measure, and the adjustment ratio:
 * the fraction of the tiers' shrink (negative) or stretch (positive) used. A ratio
 * below −1 is an overfull line; the gaps then stay at their minimum.
 */
export function adjust(gaps: Glue[], excess: number, size: number): { widths: Map<Glue, number>; ratio: number } {
  const widths = new Map<Glue, number>(gaps.map((g) => [g, g.width]));
  if (excess < 0) {
    const total = gaps.reduce((s, g) => s + g.shrink, 0);
    let need = -excess;
    for (const kind of ['punct', 'hanlatin', 'space'] as const) {
      const tier = gaps.filter((g) => g.kind === kind && g.shrink > 0);
      const available = tier.reduce((s, g) => s + g.shrink, 0);
      if (available <= 0) continue;
      const take = Math.min(need, available);
      for (const g of tier) widths.set(g, g.width - (take * g.shrink) / available);
      need -= take;
      if (need <= 0) break;
    }
    const ratio = total > 0 ? excess / total : -Infinity;
    return { widths, ratio: need > 1e-6 ? Math.min(ratio, -1 - need / size) : ratio };
  }
  if (excess > 0) {
    const total = gaps.reduce((s, g) => s + g.stretch, 0);
    let left = excess;
    for (const kind of ['space', 'hanlatin'] as const) {
      const tier = gaps.filter((g) => g.kind === kind);
      const available = tier.reduce((s, g) => s + g.stretch, 0);
      if (available <= 0) continue;
      const give = Math.min(left, available);
      for (const g of tier) widths.set(g, g.width + (give * g.stretch) / available);
      left -= give;
    }
    if (left > 1e-9) {
      // T13: "then all inter-character gaps evenly": the gaps between full-width
      // characters; word spaces and Han–Latin gaps stay at their maximum (½ em,
      // ⅓ em) unless a line has no other gap to take the rest.
      const between = gaps.filter((g) => g.stretch > 0 && (g.kind === 'gap' || g.kind === 'punct'));
      const open = between.length > 0 ? between : gaps.filter((g) => g.stretch > 0);
      const share = open.length > 0 ? left / open.length : 0;
      for (const g of open) widths.set(g, widths.get(g)! + share);
    }
    return { widths, ratio: total > 0 ? excess / total : excess > 1e-6 ? Infinity : 0 };
  }
  return { widths, ratio: 0 };
}
