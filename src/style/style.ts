/**
 * The resolved house style: every size and position the later stages need, in
 * points, computed once from the preset and the overrides of the issue, and
 * checked: a type area that does not fit the paper is an error.
 */
import type { FontRole } from '../fonts/index.js';
import { InputError, type Problem, type StyleSpec } from '../issue/index.js';

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
  /** Section headings (level 1). */
  heading: { font: FontRole; size: number };
  /** Headings inside an article (level 2), set like a paragraph's first line. */
  subheading: { font: FontRole; size: number };
  /** An editor's note, in the body's size and grid. */
  note: { font: FontRole };
  contents: { font: FontRole; size: number; pitch: number; headingSize: number };
  folio: { font: FontRole; size: number; below: number };
  colophon: { font: FontRole; size: number; outerRule: number; innerRule: number };
  masthead: { font: FontRole; nameSize: number; rule: number; noticeSize: number };
  colors: { text: Cmyk; masthead: Cmyk };
  /** Start every section on a new page. */
  sectionsOnNewPage: boolean;
  /** Where the circulation notice prints (T22). */
  notice: 'masthead' | 'colophon';
  /** T30: ¼ em between Han and numbers in digits, or none. */
  digitSpacing: 'quarter' | 'none';
  /** T16: `，。、` ending a line hang in the margin. */
  hanging: boolean;
  /**
   * Characters stand in columns (the 公文 grid, GB/T 9704 §5.2.2: 28 characters a
   * line): every mark inside a line keeps its whole cell, alone or beside another
   * (not squeezed by T11 or T13's punctuation-first shrinking: each character keeps
   * its column), a mark starting or ending a line keeps its whole cell (items.ts),
   * the breaker spreads as few lines as it can where T4, T5 or T15 push a character
   * over (params.ts, offColumnDemerits), and the page builder fills pages by moving
   * headings before it resets paragraphs.
   */
  columns: boolean;
  /** Images: pixels per inch at their printed size; larger images are resampled to it. */
  images: { ppi: number };
}

/**
 * Chinese type sizes (字号) in points, by their names. 三号 is taken as 15.75 pt, so
 * that 28 characters fill GB/T 9704's 156 mm measure (tables give 15.75–16 pt).
 */
export const HAO = { 二号: 22, 三号: 15.75, 四号: 14 } as const;

/** The em box of the CJK faces: 880/1000 above the baseline (the ideographic em box). */
const EM_ASCENT = 0.88;

const A4 = { width: 210 * MM, height: 297 * MM };

/** The least white around the type area and its folio, for a printer's grip. */
const MIN_MARGIN = 10 * MM;

export function resolveStyle(spec: StyleSpec): Style {
  const preset = spec.preset ?? 'default';
  const gongwen = preset === 'gongwen';
  // T1 presets. default, from the printed issue 91: 16 pt, 25 × 22, 22 lines filling
  // 225 mm. gongwen, GB/T 9704-2012 §5.2.2: 3号 (15.75 pt), 28 × 22, pitch 1.875 em.
  const size = spec.size ?? (gongwen ? HAO.三号 : 16);
  const chars = spec.chars ?? (gongwen ? 28 : 25);
  const lines = spec.lines ?? 22;
  // The height runs from the top of the first line's em box to the bottom of the
  // last one's: (lines − 1) pitches and one em. The default preset keeps 225 mm
  // whatever the size and lines; gongwen keeps its pitch of 1.875 em.
  const pitch = gongwen ? 1.875 * size : (225 * MM - size) / (lines - 1);
  const width = size * chars;
  const height = pitch * (lines - 1) + size;
  const left = spec.margins?.left !== undefined ? spec.margins.left * MM : gongwen ? 28 * MM : (A4.width - width) / 2;
  const top = (spec.margins?.top ?? 37) * MM;
  const titleSize = spec.titleSize ?? HAO.二号;
  const style: Style = {
    preset,
    page: A4,
    body: { font: 'serif', size, chars, lines, pitch },
    area: { left, top, width, height },
    ascent: EM_ASCENT,
    // 2号 (22 pt) bold for titles (GB/T 9704 §7.3.3 sets titles in 2号 小标宋).
    title: { font: 'serif-bold', size: titleSize },
    // GB/T 9704 §7.3.3: level-1 headings in 3号 黑体, level-2 in 3号 楷体 (their
    // faces: src/fonts/stacks.ts, GONGWEN_FACES).
    heading: { font: 'sans-bold', size: gongwen ? HAO.三号 : size * 1.125 },
    subheading: { font: gongwen ? 'kai' : 'sans-bold', size: gongwen ? HAO.三号 : size },
    note: { font: 'kai' },
    // 4号 (14 pt), four contents lines to three body lines.
    contents: { font: 'serif', size: 14, pitch: (pitch * 3) / 4, headingSize: 22 },
    // T20: 4号 digits, 7 mm below the type area; GB/T 9704 §7.5 in 宋体.
    folio: { font: gongwen ? 'song' : 'serif', size: HAO.四号, below: 7 * MM },
    // T23: 4号, rules 0.35 mm outside and 0.25 mm inside.
    colophon: { font: 'serif', size: 14, outerRule: 0.35 * MM, innerRule: 0.25 * MM },
    masthead: { font: 'serif-bold', nameSize: 60, rule: 0.75 * MM, noticeSize: 14 },
    // T21: text K100; the masthead red M100 Y100 (GB/T 9704 says only 红色), unless
    // the house style sets its own.
    colors: { text: [0, 0, 0, 100], masthead: cmykOf(spec.mastheadColor) ?? [0, 100, 100, 0] },
    sectionsOnNewPage: spec.sectionsOnNewPage ?? false,
    notice: spec.notice ?? 'masthead',
    // T30: 公文 set dates and counts tight (2月12日).
    digitSpacing: spec.digitSpacing ?? (gongwen ? 'none' : 'quarter'),
    // T16: a 公文 holds 28 characters a line (GB/T 9704 §5.2.2), which a line
    // ending in a mark keeps only by hanging it, as Word's and WPS's 公文 do.
    hanging: spec.hanging ?? gongwen,
    columns: gongwen,
    // 300 ppi: what print shops ask of photos for a 150–175 lpi screen (twice the screen ruling).
    images: { ppi: spec.imagePpi ?? 300 },
  };
  const problems = fitProblems(style, spec);
  if (problems.length > 0) throw new InputError(problems);
  return style;
}

function cmykOf(values: number[] | undefined): Cmyk | undefined {
  const [c, m, y, k] = values ?? [];
  return c === undefined || m === undefined || y === undefined || k === undefined ? undefined : [c, m, y, k];
}

/**
 * A type area, with its folio below it, that leaves the paper or its margin; lines
 * that would overlap; titles that cannot be set: each at the key that made it so.
 */
function fitProblems(style: Style, spec: StyleSpec): Problem[] {
  const { area, page, folio } = style;
  const mm = (pt: number) => `${(pt / MM).toFixed(1)} mm`;
  // The first of the keys that made it so, where the issue or its publication gives it
  // (one of them always is: the presets fit).
  const where = (...keys: string[]) => {
    for (const k of keys) {
      const s = spec.sources?.[k];
      if (s) return s;
    }
    return Object.values(spec.sources ?? {})[0] ?? { file: '', line: 0, col: 0, path: 'style' };
  };
  const problem = (keys: string[], message: string, hint = 'make the type area smaller (size, chars, lines) or move it (margins)'): Problem => ({
    severity: 'error',
    ...where(...keys),
    message,
    hint,
  });
  const out: Problem[] = [];
  const right = page.width - area.left - area.width;
  if (area.left < MIN_MARGIN || right < MIN_MARGIN) {
    out.push(
      problem(
        ['chars', 'size', 'margins.left', 'preset'],
        `the type area (${style.body.chars} characters of ${style.body.size} pt, ${mm(area.width)} wide) ` +
          `leaves ${mm(Math.min(area.left, right))} at the side of a ${mm(page.width)} page; at least ${mm(MIN_MARGIN)} is needed`,
      ),
    );
  }
  const bottom = page.height - (area.top + area.height + folio.below + folio.size);
  if (area.top < MIN_MARGIN || bottom < MIN_MARGIN) {
    out.push(
      problem(
        ['lines', 'size', 'margins.top', 'preset'],
        `the type area (${style.body.lines} lines, ${mm(area.height)} high, ${mm(area.top)} from the top) ` +
          `with its folio leaves ${mm(Math.min(area.top, bottom))} of a ${mm(page.height)} page; at least ${mm(MIN_MARGIN)} is needed`,
      ),
    );
  }
  const { size, pitch, lines } = style.body;
  if (pitch < size - 1e-9) {
    // T1: lines on a pitch below the body size overlap. The default preset's
    // pitch is what makes `lines` fill 225 mm.
    const most = Math.floor((style.area.height - size) / size + 1e-9) + 1;
    out.push(
      problem(
        ['lines', 'size', 'preset'],
        `${lines} lines of ${size} pt on a pitch of ${pitch.toFixed(2)} pt would overlap: the pitch must be at least the body size`,
        `at most ${most} lines of ${size} pt fit the type area's ${mm(style.area.height)}: set lines: ${most} or fewer`,
      ),
    );
  }
  if (style.title.size > area.width / 4) {
    out.push(
      problem(
        ['titleSize', 'chars', 'size', 'preset'],
        `titles of ${style.title.size} pt fit fewer than 4 characters on a line of ${mm(area.width)}`,
        `make the titles smaller (titleSize: ${Math.floor(area.width / 4)} or less) or the type area wider (chars, size)`,
      ),
    );
  }
  return out;
}

/** The baseline of grid line `i` (0-based) of the body, from the page top. */
export function baselineOf(style: Style, i: number): number {
  return style.area.top + i * style.body.pitch + style.ascent * style.body.size;
}
