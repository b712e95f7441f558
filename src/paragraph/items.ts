/**
 * Cells → items (box / glue / penalty). Each gap between two cells becomes at most
 * one glue, which is also the place to break there: a break discards it, which
 * sets a line-end mark half width (T9) and lets an opening mark at a line start
 * lose its left half (T10). Forbidden breaks (T4, T5, T6) put an infinite penalty
 * before the glue.
 */
import { NO_LINE_END, NO_LINE_START, NOT_FOR_JUSTIFYING, isCompressible, isWide } from '../text/index.js';
import type { Cell, Glue, Item, Penalty, Range } from './types.js';

/** The engine's parameters, in em; each says where it comes from. */
export const SPACING = {
  /** T14: between Han and Latin or digits, ¼ em, shrinking to ⅛ em, growing to ⅓ em. */
  hanLatin: { width: 1 / 4, shrink: 1 / 8, stretch: 1 / 12 },
  /** T13: a word space, ⅓ em (TeX's interword space), shrinking to ¼ em, growing to ½ em. */
  word: { width: 1 / 3, shrink: 1 / 12, stretch: 1 / 6 },
  /**
   * T13: what a gap between two Han characters may grow by before the line counts
   * as loose. Kept under 0.1 em: larger gaps make PDF text extraction insert spaces.
   */
  interStretch: 0.08,
} as const;

export function itemsOf(cells: Cell[], size: number, indent: number): Item[] {
  const items: Item[] = [];
  if (indent > 0) {
    // T2: the indent is material, never discarded or stretched.
    items.push({
      type: 'box',
      width: indent,
      range: [0, 0],
      cell: { cls: 'han', text: '', range: [0, 0], width: indent, leftBlank: 0, rightBlank: 0, spaceBefore: '', glyphs: [] },
    });
  }
  cells.forEach((cell, i) => {
    const before = cells[i - 1];
    if (before) items.push(...junction(before, cell, size));
    // T10 allows an opening mark to lose its left half at a paragraph's start too;
    // mainland practice keeps it there, so the first cell keeps its whole width.
    const whole = before ? cell : keepLeftBlank(cell);
    items.push({ type: 'box', width: whole.width, cell: whole, range: cell.range });
  });
  // The paragraph's end: the last line is ragged (T13), and must end here.
  const end = cells.at(-1)?.range[1] ?? 0;
  items.push(penalty(Infinity, [end, end]));
  items.push(glue('gap', 0, 1e6, 0, '', [end, end]));
  items.push(penalty(-Infinity, [end, end]));
  return items;
}

/** The items between two adjacent cells. */
export function junction(a: Cell, b: Cell, size: number): Item[] {
  const range: Range = [a.range[1], b.range[0]];
  const lastOfA = [...a.text].at(-1) ?? '';
  const firstOfB = [...b.text][0] ?? '';
  // T6: never inside `……`; symbols (`+`, `@`…) stay with their neighbours.
  if (lastOfA === '…' && firstOfB === '…') return [];
  if (b.spaceBefore === '' && (a.cls === 'symbol' || b.cls === 'symbol')) return [];
  const forbidden = NO_LINE_END.has(lastOfA) || NO_LINE_START.has(firstOfB);
  const out: Item[] = forbidden ? [penalty(Infinity, range)] : [];
  out.push(gapBetween(a, b, size, range));
  return out;
}

function gapBetween(a: Cell, b: Cell, size: number, range: Range): Glue {
  const typed = b.spaceBefore;
  const hanLatin =
    (a.cls === 'han' && b.cls === 'alnum') || (a.cls === 'alnum' && b.cls === 'han');
  if (hanLatin) {
    // T14: ¼ em between Han and Latin; a typed space there is this gap, not another.
    const s = SPACING.hanLatin;
    return glue('hanlatin', s.width * size, s.stretch * size, (s.width - s.shrink) * size, typed, range);
  }
  const blank = a.rightBlank + b.leftBlank;
  if (isCompressible(a.cls) && isCompressible(b.cls)) {
    // T11: two adjacent marks take 1.5 em: the blank between them loses half an em
    // (never both blanks: glyphs must start 0.5 em apart for text extraction).
    const kept = Math.max(0, blank - size / 2);
    return glue('gap', kept + spaceWidth(typed, size), stretchOf(a, b, size), 0, typed, range);
  }
  if (typed !== '') {
    // A typed space between words (or between Han characters: kept as a word space).
    const s = SPACING.word;
    return glue('space', blank + s.width * size, s.stretch * size, (s.width - s.shrink) * size, typed, range);
  }
  if (blank > 0) {
    // T9–T11, T12: a punctuation blank shrinks first, except after `。？！`.
    const keep = a.rightBlank > 0 && NOT_FOR_JUSTIFYING.has([...a.text].at(-1) ?? '');
    return glue(keep ? 'gap' : 'punct', blank, stretchOf(a, b, size), keep ? 0 : blank, '', range);
  }
  return glue('gap', 0, stretchOf(a, b, size), 0, '', range);
}

function keepLeftBlank(cell: Cell): Cell {
  if (cell.leftBlank === 0) return cell;
  return {
    ...cell,
    width: cell.width + cell.leftBlank,
    leftBlank: 0,
    glyphs: cell.glyphs.map((g) => ({ ...g, x: g.x + cell.leftBlank })),
  };
}

function spaceWidth(typed: string, size: number): number {
  return typed === '' ? 0 : SPACING.word.width * size;
}

/** T13: gaps between full-width cells may grow; Latin letters are never letter-spaced. */
function stretchOf(a: Cell, b: Cell, size: number): number {
  return isWide(a.cls) || isWide(b.cls) ? SPACING.interStretch * size : 0;
}

function glue(kind: Glue['kind'], width: number, stretch: number, shrink: number, text: string, range: Range): Glue {
  return { type: 'glue', kind, width, stretch, shrink, text, range };
}

function penalty(cost: number, range: Range): Penalty {
  return { type: 'penalty', width: 0, cost, flagged: false, range };
}
