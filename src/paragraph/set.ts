/**
 * set: a paragraph's text → lines of placed glyphs. prepare (cells) → items →
 * breaks → justify, each a step of its own so each can be tested and traced.
 */
import type { FontSet } from '../fonts/index.js';
import { firstFit, lineStartAfter } from './breaks.js';
import { cellsOf } from './cells.js';
import { itemsOf } from './items.js';
import { setLine } from './justify.js';
import type { MissingGlyph, PlacedGlyph, SetLine, SetParams } from './types.js';

export interface SetParagraph {
  lines: SetLine[];
  missing: MissingGlyph[];
}

export function setParagraph(text: string, params: SetParams, fonts: FontSet): SetParagraph {
  const { cells, missing } = cellsOf(text, fonts, params.face, params.size);
  if (cells.length === 0) return { lines: [], missing };
  const items = itemsOf(cells, params.size, params.indent);
  const breaks = firstFit(items, params.shape, params.size);
  const space = spaceGlyph(fonts, params);
  let from = lineStartAfter(items, -1);
  const lines = breaks.map((b, i) => {
    const { x, width } = params.shape(i);
    const line = setLine({
      items,
      from,
      to: b,
      x,
      width,
      last: i === breaks.length - 1,
      align: params.align,
      size: params.size,
      space,
    });
    from = lineStartAfter(items, b);
    return line;
  });
  return { lines, missing };
}

function spaceGlyph(fonts: FontSet, params: SetParams): (size: number) => PlacedGlyph | null {
  const found = fonts.resolve(params.face, ' ');
  return (size) =>
    found && { face: found.face.role, size, id: found.glyph.id, text: ' ', x: 0, advance: found.glyph.advance * size };
}
