/**
 * set: a paragraph's text → lines of placed glyphs. prepare (cells) → items →
 * breaks (total fit) → justify, each a step of its own so each can be tested and
 * traced.
 */
import type { FontSet } from '../fonts/index.js';
import { cellsOf, glyphOf } from './cells.js';
import { itemsOf } from './items.js';
import { setLine } from './justify.js';
import { startAfter, totalFit, type TraceEntry } from './linebreak.js';
import { lineBox, type MissingGlyph, type SetLine, type SetParams } from './types.js';

export interface SetParagraph {
  lines: SetLine[];
  missing: MissingGlyph[];
  /** Words wider than the measure that had to be broken anywhere (offsets in the text). */
  brokenWords: number[];
  /** Total demerits of the breaks chosen. */
  demerits: number;
  /** Every feasible line the breaker weighed, when `params.trace` asks for it. */
  trace: TraceEntry[];
}

export function setParagraph(text: string, params: SetParams, fonts: FontSet): SetParagraph {
  const { cells, missing } = cellsOf(text, fonts, params.face, params.size, params.placeholder);
  if (cells.length === 0) return { lines: [], missing, brokenWords: [], demerits: 0, trace: [] };
  const options = { size: params.size, indent: params.indent, hyphen: glyphOf(fonts, params.face, params.size, '-') };
  let items = itemsOf(cells, options);
  let result = totalFit(items, params.shape, undefined, params.trace ?? false);
  const brokenWords: number[] = [];
  // The last resort: a token wider than the measure breaks between any two of its
  // characters rather than run past the edge (only such a token changes the items).
  const narrowest = Math.min(params.shape.first.width, params.shape.rest.width);
  if (result.ratios.some((r) => r < -1) && cells.some((c) => c.cls === 'alnum' && c.width > narrowest)) {
    items = itemsOf(cells, { ...options, breakWiderThan: narrowest });
    result = totalFit(items, params.shape, undefined, params.trace ?? false);
    for (const c of cells) if (c.cls === 'alnum' && c.width > narrowest) brokenWords.push(c.range[0]);
  }
  const space = glyphOf(fonts, params.face, params.size, ' ');
  let from = startAfter(items, -1);
  const lines = result.breaks.map((b, i) => {
    const { x, width } = lineBox(params.shape, i);
    const line = setLine({
      items,
      from,
      to: b,
      x,
      width,
      last: i === result.breaks.length - 1,
      align: params.align,
      size: params.size,
      space,
    });
    from = startAfter(items, b);
    return line;
  });
  return { lines, missing, brokenWords, demerits: result.demerits, trace: result.trace };
}

