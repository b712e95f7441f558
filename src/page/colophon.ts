/**
 * T23: the colophon (版记) at the foot of the last page, between rules the width of
 * the type area (outer 0.35 mm, inner 0.25 mm), the last rule on the bottom edge of
 * the type area. Rows are one body pitch high; the text is 4号, one character in
 * from both edges (GB/T 9704 §10).
 */
import type { ColophonDoc, ColophonField, DocText } from '../document/index.js';
import { concatTexts } from '../issue/index.js';
import { uniform, type PlacedGlyph } from '../paragraph/index.js';
import { setText, type Context } from './context.js';
import { shiftGlyphs } from './move.js';
import type { PageItem } from './types.js';

export interface ColophonBlock {
  /** Rows, each one body pitch high. */
  rows: number;
  /** Content with y from the colophon's top (its top rule), x from the area's left. */
  items: PageItem[];
}

/**
 * T26: where a list of recipients may break, in turn: after the comma that joins
 * two recipients; after a pause mark inside one too (`主任、副主任`), when a line
 * cannot be set otherwise; anywhere, when one recipient is longer than a line.
 */
const RECIPIENT_BREAKS: (ReadonlySet<string> | undefined)[] = [new Set('，'), new Set([...'，、']), undefined];

export function colophonBlock(doc: ColophonDoc, ctx: Context): ColophonBlock {
  const { style } = ctx;
  const c = style.colophon;
  const em = c.size;
  const pitch = style.body.pitch;
  const width = style.area.width;
  const inner = width - 2 * em;
  const rows: PlacedGlyph[][] = [];
  // T23: a row's opening bracket aligns its ink with the rows above (`（共印 130 份）`).
  const natural = (text: DocText) => {
    const line = setText(ctx, text, { face: c.font, size: em, align: 'left', shape: uniform(1e6), openingBlank: false })[0];
    return { glyphs: line?.glyphs ?? [], width: line?.natural ?? 0 };
  };
  // Rows one character in, continuation rows aligned after the label's colon (T23).
  const afterLabel = (label: string) => {
    const at = natural({ text: `${label}中` }).glyphs.at(-1)?.x ?? 0;
    return { first: { x: em, width: inner }, rest: { x: em + at, width: inner - at } };
  };

  let split = 0;
  if (doc.distribution) {
    // The label and the recipients are one text, so the label's colon is as wide as
    // the other rows' (T23); continuation lines align after the colon; a line breaks
    // only between recipients (T26), unless one is longer than a line.
    const text = joined(doc.distribution);
    const options = { face: c.font, size: em, align: 'left', shape: afterLabel(doc.distribution.label) } as const;
    for (const only of RECIPIENT_BREAKS) {
      const lines = setText(ctx, text, { ...options, ...(only ? { breaksOnlyAfter: only } : {}) });
      if (only && lines.some((l) => l.ratio < -1)) continue;
      for (const line of lines) rows.push(line.glyphs);
      break;
    }
    split = rows.length;
  }
  const pairs: (ColophonField | DocText)[][] = [...doc.rows];
  // The notice prints here unless the masthead carries it (T22).
  const notice = style.notice === 'colophon' ? doc.notice : undefined;
  const last = [notice, doc.copies].filter((t): t is DocText => t !== undefined);
  if (last.length > 0) pairs.push(last);
  for (const pair of pairs) {
    const texts = pair.map((f) => ('label' in f ? joined(f) : f));
    const parts = texts.map(natural);
    const [left, right] = parts;
    if (left && right && left.width + right.width + 2 * em <= inner) {
      rows.push([...shiftGlyphs(left.glyphs, em), ...shiftGlyphs(right.glyphs, width - em - right.width)]);
      continue;
    }
    parts.forEach((p, k) => {
      if (p.width <= inner + 1e-6) {
        rows.push(shiftGlyphs(p.glyphs, em));
        return;
      }
      // T26: a name longer than a row breaks (anywhere, as one recipient longer than a
      // line does), its continuation lines aligned after its label's colon.
      const field = pair[k]!;
      const shape = afterLabel('label' in field ? field.label : '');
      for (const line of setText(ctx, texts[k]!, { face: c.font, size: em, align: 'left', shape, openingBlank: false })) rows.push(line.glyphs);
    });
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
