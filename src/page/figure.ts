/**
 * A figure on the grid: one image, or two or three side by side at one height, a
 * gutter of one em between them, centred on the measure; each image's caption
 * centred under it, the figure's caption under them all, captions in 4号 with
 * their baselines on grid lines. T1: the images' height is rounded to a whole
 * number of grid lines — from the top of the first line's em box to the bottom of
 * the last one's — so the captions and the text after the figure stay on the grid.
 */
import type { DocText, FlowBlock } from '../document/index.js';
import { problemAt, type Problem, type SourceText } from '../issue/index.js';
import { uniform, type SetLine } from '../paragraph/index.js';
import { MM } from '../style/index.js';
import type { Band } from './bands.js';
import { runs } from './bands.js';
import { setText, type Context } from './context.js';
import { figureImageId } from './structure.js';
import type { PageItem } from './types.js';
import { shiftGlyphs } from './move.js';

type Figure = FlowBlock & { kind: 'figure' };

/** Under this effective resolution an image prints visibly blurred: a warning names it. */
export const LOW_PPI = 150;

/** The geometry of a figure: the images' height and widths, and the row's width, points. */
export interface FigureSize {
  /** Grid lines the images take. */
  lines: number;
  height: number;
  widths: number[];
  row: number;
}

/**
 * The width the figure asks for, points: `width` in mm, or as a fraction of the
 * measure when at most 1; the measure when not given, and at most the measure.
 */
export function askedWidth(width: number | undefined, measure: number): number {
  if (width === undefined) return measure;
  return Math.min(measure, width <= 1 ? width * measure : width * MM);
}

/**
 * The images' height for a row `asked` wide: the nearest whole number of grid
 * lines, fewer when the row would then be wider than the measure or taller than
 * `tallest`; at least one line.
 */
export function figureSize(
  aspects: readonly number[],
  asked: number,
  grid: { pitch: number; size: number; measure: number; gutter: number; tallest: number },
): FigureSize {
  const { pitch, size, measure, gutter, tallest } = grid;
  const gutters = gutter * (aspects.length - 1);
  const sum = aspects.reduce((a, b) => a + b, 0);
  const heightOf = (lines: number) => (lines - 1) * pitch + size;
  const natural = Math.max(1, (asked - gutters) / sum);
  let lines = Math.max(1, Math.round((natural - size) / pitch) + 1);
  while (lines > 1 && (heightOf(lines) * sum + gutters > measure + 1e-6 || heightOf(lines) > tallest + 1e-6)) lines--;
  const height = heightOf(lines);
  const widths = aspects.map((a) => a * height);
  return { lines, height, widths, row: widths.reduce((a, b) => a + b, 0) + gutters };
}

/** The figure as one band: its images, their captions and its own, a whole number of grid lines. */
export function figureBand(block: Figure, ctx: Context): Band {
  const { style } = ctx;
  const { pitch, size } = style.body;
  const measure = style.area.width;
  const aspects = block.images.map((i) => i.pixels.width / i.pixels.height);
  const asked = askedWidth(block.width, measure);
  if (block.width !== undefined && asked < (block.width <= 1 ? block.width * measure : block.width * MM) - 1e-6) {
    ctx.warnings.push(tooWide(block, measure));
  }
  // Without a width, an image no taller than half the type area; with one, as tall as a page allows.
  const tallest = block.width === undefined ? style.area.height / 2 : style.area.height;
  let fit = figureSize(aspects, asked, { pitch, size, measure, gutter: size, tallest });
  let captions = captionsOf(block, fit, ctx);
  // Captions and images together never more than a page.
  while (fit.lines > 1 && fit.lines + captions.lines > style.body.lines) {
    fit = figureSize(aspects, asked, { pitch, size, measure, gutter: size, tallest: fit.height - pitch });
    captions = captionsOf(block, fit, ctx);
  }
  const items: PageItem[] = [];
  let x = (measure - fit.row) / 2;
  block.images.forEach((image, k) => {
    const width = fit.widths[k]!;
    items.push({ type: 'image', file: image.file, named: image.named, x, y: 0, width, height: fit.height, block: figureImageId(block, k) });
    const ppi = Math.floor(image.pixels.width / (width / 72));
    if (ppi < LOW_PPI) ctx.warnings.push(lowResolution(image.named, ppi));
    x += width + size;
  });
  items.push(...captions.items);
  return { kind: 'image', lines: fit.lines + captions.lines, items, keep: false };
}

/**
 * The captions, set to their images' widths and the row's, centred; their
 * baselines on the grid lines after the images'.
 */
function captionsOf(block: Figure, fit: FigureSize, ctx: Context): { lines: number; items: PageItem[] } {
  const { style } = ctx;
  const { pitch, size } = style.body;
  const captionSize = style.colophon.size;
  const set = (text: DocText, width: number) => setText(ctx, text, { face: style.body.font, size: captionSize, align: 'center', shape: uniform(width) });
  const place = (lines: SetLine[], x: number, line: number, id: string): PageItem[] =>
    runs(lines.map((l) => ({ ...l, glyphs: shiftGlyphs(l.glyphs, x) })), line * pitch + style.ascent * size, pitch, style, { role: 'Caption', block: `${id}.caption` });
  const items: PageItem[] = [];
  let own = 0;
  let x = (style.area.width - fit.row) / 2;
  block.images.forEach((image, k) => {
    const width = fit.widths[k]!;
    if (image.caption) {
      const lines = set(image.caption, width);
      items.push(...place(lines, x, fit.lines, figureImageId(block, k)));
      own = Math.max(own, lines.length);
    }
    x += width + size;
  });
  let shared = 0;
  if (block.caption) {
    const lines = set(block.caption, fit.row);
    items.push(...place(lines, (style.area.width - fit.row) / 2, fit.lines + own, block.id));
    shared = lines.length;
  }
  return { lines: own + shared, items };
}

function lowResolution(named: SourceText, ppi: number): Problem {
  return problemAt(
    'warning',
    named.source,
    0,
    `${named.text} prints at ${ppi} ppi, under ${LOW_PPI}: it will look blurred`,
    'use a larger original, or print it smaller (width: 0.5)',
  );
}

function tooWide(block: Figure, measure: number): Problem {
  const named = block.images[0]!.named;
  const given = block.width! <= 1 ? `${block.width}` : `${block.width} mm`;
  return problemAt(
    'warning',
    named.source,
    0,
    `width ${given} is wider than the measure (${(measure / MM).toFixed(1)} mm); the figure is set to the measure`,
    'give a width of at most the measure, or leave width out',
  );
}
