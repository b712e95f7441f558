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
  /** Total demerits of the breaks chosen. */
  demerits: number;
  /** Every feasible line the breaker weighed, when `params.trace` asks for it. */
  trace: TraceEntry[];
}

export function setParagraph(text: string, params: SetParams, fonts: FontSet): SetParagraph {
  const { cells, missing } = cellsOf(text, fonts, params.face, params.size);
  if (cells.length === 0) return { lines: [], missing, demerits: 0, trace: [] };
  const items = itemsOf(cells, { size: params.size, indent: params.indent, hyphen: glyphOf(fonts, params.face, params.size, '-') });
  const result = totalFit(items, params.shape, undefined, params.trace ?? false);
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
  return { lines, missing, demerits: result.demerits, trace: result.trace };
}

