/**
 * The resolved house style: every size and position the later stages need, in
 * points, computed once from the preset and the overrides of the issue.
 */
import type { FontRole } from '../fonts/index.js';
import type { StyleSpec } from '../issue/index.js';

/** A colour as C, M, Y, K percentages (T21: everything in DeviceCMYK). */
export type Cmyk = readonly [number, number, number, number];

export const MM = 72 / 25.4;

export interface Style {
  preset: 'default' | 'gongwen';
  page: { width: number; height: number };
  /** T1: the body text and its grid. */
  body: {
    font: FontRole;
    size: number;
    /** Characters per line: the measure is chars × size. */
    chars: number;
    /** Lines per page. */
    lines: number;
    /** Distance between baselines. */
    pitch: number;
  };
  /** The type area (版心): left and top edges from the page's top-left corner. */
  area: { left: number; top: number; width: number; height: number };
  /**
   * Where a line's em box starts, from its top: the ideographic em box of Noto CJK
   * runs from 0.88 em above the baseline to 0.12 em below it.
   */
  ascent: number;
  title: { font: FontRole; size: number };
  heading: { font: FontRole; size: number };
  contents: { font: FontRole; size: number; pitch: number; headingSize: number };
  folio: { font: FontRole; size: number; below: number };
  colophon: { font: FontRole; size: number; outerRule: number; innerRule: number };
  masthead: { font: FontRole; nameSize: number; rule: number };
  colors: { text: Cmyk; masthead: Cmyk };
}

/** The em box of the CJK faces: 880/1000 above the baseline (the ideographic em box). */
const EM_ASCENT = 0.88;

const A4 = { width: 210 * MM, height: 297 * MM };

export function resolveStyle(spec: StyleSpec): Style {
  const preset = spec.preset ?? 'default';
  const body =
    preset === 'gongwen'
      ? // GB/T 9704-2012 §5.2.2: 3号 (15.75 pt), 28 characters × 22 lines, line pitch
        // 1.875 em (the pitch at which 22 lines of 3号 fill the 225 mm type area).
        { size: 15.75, chars: 28, lines: 22, pitch: 15.75 * 1.875 }
      : // T1, from the printed issue 91: 16 pt, 25 × 22, 22 lines filling 225 mm.
        { size: 16, chars: 25, lines: 22, pitch: (225 * MM - 16) / 21 };
  const width = body.size * body.chars;
  // T1: the height runs from the top of the first line's em box to the bottom of the
  // last one's: 21 pitches and one em.
  const height = body.pitch * (body.lines - 1) + body.size;
  const left = preset === 'gongwen' ? 28 * MM : (A4.width - width) / 2;
  return {
    preset,
    page: A4,
    body: { font: 'serif', ...body },
    area: { left, top: 37 * MM, width, height },
    ascent: EM_ASCENT,
    // 2号 (22 pt) bold for titles (GB/T 9704 §7.3.3 sets titles in 2号).
    title: { font: 'serif-bold', size: 22 },
    heading: { font: 'sans-bold', size: body.size * 1.125 },
    // 4号 (14 pt), four contents lines to three body lines.
    contents: { font: 'serif', size: 14, pitch: (body.pitch * 3) / 4, headingSize: 22 },
    // T20: 4号 digits, 7 mm below the type area.
    folio: { font: 'serif', size: 14, below: 7 * MM },
    // T23: 4号, rules 0.35 mm outside and 0.25 mm inside.
    colophon: { font: 'serif', size: 14, outerRule: 0.35 * MM, innerRule: 0.25 * MM },
    masthead: { font: 'serif-bold', nameSize: 60, rule: 0.75 * MM },
    // T21: text K100, masthead red M80 Y80 as GB/T 9704 uses.
    colors: { text: [0, 0, 0, 100], masthead: [0, 80, 80, 0] },
  };
}

/** The baseline of grid line `i` (0-based) of the body, from the page top. */
export function baselineOf(style: Style, i: number): number {
  return style.area.top + i * style.body.pitch + style.ascent * style.body.size;
}
