/**
 * T23: the colophon (版记) at the foot of the last page, between rules the width of
 * the type area (outer 0.35 mm, inner 0.25 mm), the last rule on the bottom edge of
 * the type area. Rows are one body pitch high; the text is 4号, one character in
 * from both edges (GB/T 9704 §10).
 */
import type { ColophonDoc, ColophonField, DocText } from '../document/index.js';
import { concatTexts } from '../issue/index.js';
import { uniform, type PlacedGlyph } from '../paragraph/index.js';
import { setNatural, setText, type Context } from './context.js';
import { shiftGlyphs } from './move.js';
import type { PageItem } from './types.js';

export interface ColophonBlock {
  /** Rows, each one body pitch high. */
  rows: number;
  /** Content with y from the colophon's top (its top rule), x from the area's left. */
  items: PageItem[];
}

export function colophonBlock(doc: ColophonDoc, ctx: Context): ColophonBlock {
  const { style } = ctx;
  const c = style.colophon;
  const em = c.size;
  const pitch = style.body.pitch;
  const width = style.area.width;
  const inner = width - 2 * em;
  const rows: PlacedGlyph[][] = [];
  const natural = (text: DocText) => {
    const line = setNatural(ctx, text, c.font, em);
    return { glyphs: line?.glyphs ?? [], width: line?.natural ?? 0 };
  };

  let split = 0;
  if (doc.distribution) {
    // The recipients wrap with their continuation aligned after the colon.
    const label = natural({ text: doc.distribution.label });
    const lines = setText(ctx, doc.distribution.text, {
      face: c.font,
      size: em,
      align: 'justify',
      shape: uniform(inner - label.width, em + label.width),
    });
    lines.forEach((line, i) => rows.push([...(i === 0 ? shiftGlyphs(label.glyphs, em) : []), ...line.glyphs]));
    split = rows.length;
  }
  const pairs: (ColophonField | DocText)[][] = [...doc.rows];
  // The notice prints here unless the masthead carries it (T22).
  const notice = style.notice === 'colophon' ? doc.notice : undefined;
  const last = [notice, doc.copies].filter((t): t is DocText => t !== undefined);
  if (last.length > 0) pairs.push(last);
  for (const pair of pairs) {
    const parts = pair.map((f) => ('label' in f ? joined(f) : f)).map(natural);
    const [left, right] = parts;
    if (left && right && left.width + right.width + 2 * em <= inner) {
      rows.push([...shiftGlyphs(left.glyphs, em), ...shiftGlyphs(right.glyphs, width - em - right.width)]);
    } else {
      for (const p of parts) rows.push(shiftGlyphs(p.glyphs, em));
    }
  }

  const items: PageItem[] = [];
  const rule = (y: number, thickness: number): PageItem => ({ type: 'rule', x: 0, y, length: width, thickness, color: style.colors.text });
  items.push(rule(0, c.outerRule));
  rows.forEach((glyphs, i) => {
    const baseline = i * pitch + (pitch - em) / 2 + style.ascent * em;
    items.push({ type: 'text', glyphs, y: baseline, color: style.colors.text, tag: { role: 'Colophon', block: 'colophon', line: i, lines: rows.length } });
  });
  if (split > 0 && split < rows.length) items.push(rule(split * pitch, c.innerRule));
  items.push(rule(rows.length * pitch, c.outerRule));
  return { rows: rows.length, items };
}

function joined(field: ColophonField): DocText {
  return field.text.source ? concatTexts([field.label, { text: field.text.text, source: field.text.source }]) : { text: field.label + field.text.text };
}
