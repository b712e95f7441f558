/**
 * Figures on the grid (issue 15, item 3): the width in mm or as a fraction of the
 * measure, centred; two or three images side by side at one height with a 1 em
 * gutter; T1: the images' height a whole number of grid lines (from the first
 * line's em box top to the last one's bottom), so captions and the text after
 * them sit on the grid; a warning naming the file and its resolution under 150 ppi.
 */
import { describe, expect, it } from 'vitest';
import type { FlowBlock } from '../document/index.js';
import { FontSet } from '../fonts/index.js';
import type { SourceText } from '../issue/index.js';
import { MM, resolveStyle } from '../style/index.js';
import { contextOf } from './context.js';
import { askedWidth, figureBand, figureSize } from './figure.js';
import type { Picture, TextRun } from './types.js';

const fonts = new FontSet();
const style = resolveStyle({ preset: 'gongwen' });
const { pitch, size } = style.body;
const measure = style.area.width;
const grid = { pitch, size, measure, gutter: size, tallest: style.area.height };

const named = (name: string): SourceText => ({ text: name, source: { file: 'issue.yaml', path: 'sections[0].articles[0].body[1].image', anchors: [{ at: 0, line: 12, col: 20 }] } });
const text = (t: string): SourceText => ({ text: t, source: { file: 'issue.yaml', path: 'caption', anchors: [] } });
/** Whole grid lines from an em box's top: (n − 1) pitches and one em. */
const onGrid = (height: number) => Number.isInteger(Math.round(((height - size) / pitch) * 1e6) / 1e6);

describe('askedWidth', () => {
  it('mm above 1, a fraction of the measure at most 1, the measure when not given or wider', () => {
    expect(askedWidth(undefined, measure)).toBe(measure);
    expect(askedWidth(0.6, measure)).toBeCloseTo(0.6 * measure, 9);
    expect(askedWidth(1, measure)).toBe(measure);
    expect(askedWidth(80, measure)).toBeCloseTo(80 * MM, 9);
    expect(askedWidth(400, measure)).toBe(measure);
  });
});

describe('figureSize: T1, the images a whole number of grid lines tall', () => {
  it('the nearest whole number of lines to the natural height', () => {
    // 80 mm wide at 4 : 3 is 60 mm tall, 5.5 pitches past the first em: 7 lines, the nearer.
    const fit = figureSize([4 / 3], 80 * MM, grid);
    expect(onGrid(fit.height)).toBe(true);
    expect(fit.lines).toBe(Math.round((60 * MM - size) / pitch) + 1);
    expect(fit.height).toBe((fit.lines - 1) * pitch + size);
    expect(Math.abs(fit.height - 60 * MM)).toBeLessThanOrEqual(pitch / 2);
    expect(fit.widths[0]).toBeCloseTo((fit.height * 4) / 3, 9);
  });

  it('fewer lines when the nearest would be wider than the measure or taller than allowed', () => {
    const full = figureSize([4 / 3], measure, grid);
    expect(full.row).toBeLessThanOrEqual(measure + 1e-9);
    expect(onGrid(full.height)).toBe(true);
    const short = figureSize([4 / 3], measure, { ...grid, tallest: 50 * MM });
    expect(short.height).toBeLessThanOrEqual(50 * MM);
    expect(onGrid(short.height)).toBe(true);
  });

  it('a pair at one height, one em apart, no wider than the measure', () => {
    const fit = figureSize([4 / 3, 3 / 4], measure, grid);
    expect(fit.widths[0]! / fit.widths[1]!).toBeCloseTo(16 / 9, 9);
    expect(fit.row).toBeCloseTo(fit.widths[0]! + fit.widths[1]! + size, 9);
    expect(fit.row).toBeLessThanOrEqual(measure + 1e-9);
    expect(onGrid(fit.height)).toBe(true);
  });

  it('at least one line, however narrow', () => {
    expect(figureSize([1], 1, grid)).toMatchObject({ lines: 1, height: size });
  });
});

describe('figureBand', () => {
  const figure = (images: { name: string; width: number; height: number; caption?: string }[], extra: Partial<FlowBlock & { kind: 'figure' }> = {}): FlowBlock & { kind: 'figure' } => ({
    kind: 'figure',
    id: 's1a1b2',
    images: images.map((i) => ({ file: `/issue/${i.name}`, named: named(i.name), pixels: { width: i.width, height: i.height }, ...(i.caption ? { caption: text(i.caption) } : {}) })),
    ...extra,
  });

  it('a pair, centred, each caption under its image and one under both, baselines on grid lines', () => {
    const ctx = contextOf(style, fonts);
    const band = figureBand(figure([{ name: 'a.jpg', width: 4000, height: 3000, caption: '听取汇报' }, { name: 'b.jpg', width: 4000, height: 3000, caption: '实地检查' }], { caption: text('图为督导现场') }), ctx);
    const pictures = band.items.filter((i): i is Picture => i.type === 'image');
    expect(pictures).toHaveLength(2);
    const [a, b] = pictures as [Picture, Picture];
    expect(a.height).toBe(b.height);
    expect(onGrid(a.height)).toBe(true);
    expect(b.x - (a.x + a.width)).toBeCloseTo(size, 9);
    // Centred: as much room left of the pair as right of it.
    expect(a.x).toBeCloseTo(measure - (b.x + b.width), 6);
    const lines = Math.round((a.height - size) / pitch) + 1;
    const captions = band.items.filter((i): i is TextRun => i.type === 'text');
    const baselines = [...new Set(captions.map((c) => Math.round(c.y * 1000) / 1000))];
    // Both own captions on the first line under the images, the shared one on the next.
    expect(baselines).toEqual([lines * pitch + style.ascent * size, (lines + 1) * pitch + style.ascent * size].map((y) => Math.round(y * 1000) / 1000));
    for (const c of captions.filter((c) => c.tag?.block === 's1a1b2.1.caption')) {
      expect(c.glyphs[0]!.x).toBeGreaterThanOrEqual(a.x);
      expect(c.glyphs.at(-1)!.x).toBeLessThanOrEqual(a.x + a.width);
    }
    expect(band.lines).toBe(lines + 2);
    expect(ctx.warnings).toEqual([]);
  });

  it('a width as a fraction of the measure, centred', () => {
    const band = figureBand(figure([{ name: 'a.jpg', width: 3000, height: 2000 }], { width: 0.5 }), contextOf(style, fonts));
    const [p] = band.items.filter((i): i is Picture => i.type === 'image');
    expect(Math.abs(p!.width - measure / 2)).toBeLessThanOrEqual((pitch * 3) / 2 / 2 + 1e-9);
    expect(p!.x).toBeCloseTo((measure - p!.width) / 2, 9);
  });

  it('warns of an image under 150 ppi, naming the file and its resolution, at its key', () => {
    const ctx = contextOf(style, fonts);
    const [p] = figureBand(figure([{ name: '会议.png', width: 600, height: 450 }]), ctx).items.filter((i): i is Picture => i.type === 'image');
    const ppi = Math.floor(600 / (p!.width / 72));
    expect(ppi).toBeLessThan(150);
    expect(ctx.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'issue.yaml', line: 12, col: 20, message: `会议.png prints at ${ppi} ppi, under 150: it will look blurred` }),
    ]);
  });

  it('a width wider than the measure is set to the measure, with a warning', () => {
    const ctx = contextOf(style, fonts);
    figureBand(figure([{ name: 'a.jpg', width: 6000, height: 2000 }], { width: 300 }), ctx);
    expect(ctx.warnings.map((w) => w.message)).toEqual([`width 300 mm is wider than the measure (${(measure / MM).toFixed(1)} mm); the figure is set to the measure`]);
  });
});
