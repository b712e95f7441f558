/**
 * set: a paragraph's text → lines of placed glyphs. prepare (cells) → items →
 * breaks (total fit) → justify, each a step of its own so each can be tested and
 * traced.
 */
import type { FontSet } from '../fonts/index.js';
import { cellsOf, glyphOf } from './cells.js';
import { itemsOf } from './items.js';
import { setLine } from './justify.js';
import { breaksByLines, passLimits, startAfter, totalFit, type TraceEntry } from './linebreak.js';
import { BREAK_PARAMS, GRID_BREAK_PARAMS } from './params.js';
import { lineBox, type Item, type LineShape, type MissingGlyph, type SetLine, type SetParams } from './types.js';

export interface SetParagraph {
  lines: SetLine[];
  missing: MissingGlyph[];
  /** Words wider than the measure that had to be broken anywhere (offsets in the text). */
  brokenWords: number[];
  /** Total demerits of the breaks chosen. */
  demerits: number;
  /** Every feasible line the breaker weighed, when `params.trace` asks for it. */
  trace: TraceEntry[];
  /**
   * T24: the paragraph set one line shorter and one line longer, where the
   * breaker's tolerance allows, with what each costs more than `lines` (demerits).
   * Worked out when asked: most pages are full without them.
   */
  alternatives(): Alternative[];
  /** The numbers of lines `alternatives` may have, by the paragraph's totals alone: found without searching. */
  possibleCounts(): number[];
}

/** The paragraph in another number of lines. */
export interface Alternative {
  /** How many lines. */
  count: number;
  /** The lines, set when asked for: only the alternative a page takes is set. */
  lines: () => SetLine[];
  /** Demerits more than the paragraph's own breaks, ≥ 0. */
  cost: number;
}

/**
 * Whether the items could be set in `n` lines within a pass's tolerance, by their
 * totals alone: squeezed as far as they go they fit n lines, and spread as far as
 * the tolerance lets them they reach past n − 1. Necessary, not sufficient.
 */
function possible(items: readonly Item[], shape: LineShape, n: number, pass: number): boolean {
  let natural = 0;
  let shrink = 0;
  let stretch = 0;
  for (const it of items) {
    if (it.type === 'penalty') continue;
    natural += it.width;
    if (it.type === 'glue' && it.stretch < 1e5) {
      shrink += it.shrink;
      stretch += it.stretch;
    }
  }
  const room = (k: number) => shape.first.width + (k - 1) * shape.rest.width;
  // TeX's badness 100·r³ within the tolerance: r at most its cube root.
  const ratio = Math.cbrt(passLimits(pass).tolerance / 100);
  return natural - shrink <= room(n) + 1e-6 && natural + ratio * stretch >= room(n - 1) - 1e-6;
}

export function setParagraph(text: string, params: SetParams, fonts: FontSet): SetParagraph {
  const { cells, missing } = cellsOf(text, fonts, params.face, params.size, params.placeholder);
  if (cells.length === 0) return { lines: [], missing, brokenWords: [], demerits: 0, trace: [], alternatives: () => [], possibleCounts: () => [] };
  const options = {
    size: params.size,
    indent: params.indent,
    hyphen: glyphOf(fonts, params.face, params.size, '-'),
    digitSpacing: params.digitSpacing ?? 'quarter',
    ...(params.breaksOnlyAfter ? { breaksOnlyAfter: params.breaksOnlyAfter } : {}),
    ...(params.hanging ? { hanging: true } : {}),
    ...(params.wholeCells ? { wholeCells: true } : {}),
    ...(params.openingBlank === false ? { openingBlank: false } : {}),
  } as const;
  const breaking = params.wholeCells ? GRID_BREAK_PARAMS : BREAK_PARAMS;
  let items = itemsOf(cells, options);
  let result = totalFit(items, params.shape, breaking, params.trace ?? false);
  const brokenWords: number[] = [];
  // The last resort: a token wider than the measure breaks between any two of its
  // characters rather than run past the edge (only such a token changes the items).
  const narrowest = Math.min(params.shape.first.width, params.shape.rest.width);
  if (result.ratios.some((r) => r < -1) && cells.some((c) => c.cls === 'alnum' && c.width > narrowest)) {
    items = itemsOf(cells, { ...options, breakWiderThan: narrowest });
    result = totalFit(items, params.shape, breaking, params.trace ?? false);
    for (const c of cells) if (c.cls === 'alnum' && c.width > narrowest) brokenWords.push(c.range[0]);
  }
  const space = glyphOf(fonts, params.face, params.size, ' ');
  const linesOf = (breaks: number[]) => {
    let from = startAfter(items, -1);
    return breaks.map((b, i) => {
      const { x, width } = lineBox(params.shape, i);
      const line = setLine({ items, from, to: b, x, width, last: i === breaks.length - 1, align: params.align, size: params.size, space });
      from = startAfter(items, b);
      return line;
    });
  };
  const lines = linesOf(result.breaks);
  // Within the tolerance of the second pass (T13's gaps), or of the pass that set
  // the paragraph; never past the measure (the last pass); not for a paragraph of
  // many pages (params.ts).
  const varied = result.pass < 4 && lines.length >= 2 && lines.length <= BREAK_PARAMS.mostLinesVaried;
  const pass = Math.max(2, result.pass);
  // What could be had at all, from the paragraph's totals: a line fewer only if its
  // material squeezed fits one line fewer, a line more only if spread to the
  // tolerance it fills one line more than it has (a cheap test; the search below
  // tells for sure).
  let counts: number[] | undefined;
  const possibleCounts = () => (counts ??= varied ? [lines.length - 1, lines.length + 1].filter((n) => possible(items, params.shape, n, pass)) : []);
  let found: Alternative[] | undefined;
  const alternatives = (): Alternative[] => {
    if (found) return found;
    found = [];
    if (possibleCounts().length === 0) return found;
    const byLines = breaksByLines(items, params.shape, pass, breaking);
    for (const n of possibleCounts()) {
      const other = byLines.get(n);
      // T15: never a lone last character for the sake of a page.
      if (!other || other.demerits >= BREAK_PARAMS.loneCharacterDemerits) continue;
      found.push({ count: n, lines: () => linesOf(other.breaks), cost: Math.max(0, other.demerits - result.demerits) });
    }
    return found;
  };
  return { lines, missing, brokenWords, demerits: result.demerits, trace: result.trace, possibleCounts, alternatives };
}

