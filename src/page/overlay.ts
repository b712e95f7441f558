/**
 * `--debug-overlay`: the baseline grid, each line's box, and its adjustment ratio
 * in the margin, drawn over the page (as SILE's `-d frames,hboxes` does) so a
 * reader can see what the breaker decided and why.
 */
import type { SetLine } from '../paragraph/index.js';
import { baselineOf, type Cmyk, type Style } from '../style/index.js';
import { setNatural, type Context } from './context.js';
import { shiftGlyphs } from './move.js';
import type { PageItem } from './types.js';

const CYAN: Cmyk = [100, 0, 0, 0];
const MAGENTA: Cmyk = [0, 100, 0, 0];
const LABEL_SIZE = 6;

/** A line's box and ratio, relative to its band (y from the top of its em box). */
export function overlayOf(line: SetLine, ctx: Context): PageItem[] {
  const { style } = ctx;
  const size = style.body.size;
  // Overfull (below −1) in magenta, anything else in cyan.
  const color = line.ratio < -1 ? MAGENTA : CYAN;
  const label = setNatural(ctx, { text: line.last ? 'last' : line.ratio.toFixed(3) }, style.body.font, LABEL_SIZE);
  const items: PageItem[] = [{ type: 'rect', x: line.x, y: 0, width: line.width, height: size, thickness: 0.25, color }];
  if (label) {
    items.push({ type: 'text', glyphs: shiftGlyphs(label.glyphs, style.area.width + 4), y: style.ascent * size, color, tag: { role: 'Artifact' } });
  }
  return items;
}

/** The type area and the baseline of every grid line (T1), for a body page. */
export function gridOf(style: Style): PageItem[] {
  const { area, body } = style;
  const items: PageItem[] = [
    { type: 'rect', x: area.left, y: area.top, width: area.width, height: area.height, thickness: 0.25, color: CYAN },
  ];
  for (let i = 0; i < body.lines; i++) {
    const y = baselineOf(style, i);
    items.push({ type: 'rule', x: area.left, y, length: area.width, thickness: 0.1, color: CYAN });
  }
  return items;
}
