/**
 * The paragraph engine's data: cells, items and set lines. All lengths are in
 * points; a range is [start, end) in UTF-16 code units of the paragraph's text.
 */
import type { FaceKey, FontRole } from '../fonts/index.js';
import type { CharClass } from '../text/index.js';

export type Range = readonly [start: number, end: number];

/** A glyph placed in a box, a line or a page. */
export interface PlacedGlyph {
  /** The face that draws it (src/fonts: the font file and its place in a collection). */
  face: FaceKey;
  /** Font size in points. */
  size: number;
  /** Glyph id in the font. */
  id: number;
  /** The text the glyph stands for (its ToUnicode entry): `中`, `——`, `·`. */
  text: string;
  /** Left edge of the glyph's origin: from its box's start in a box, from the line's left in a line. */
  x: number;
  /** The font's advance width, in points. */
  advance: number;
  /** Index in the paragraph's text of the first character the glyph stands for. */
  at: number;
  /** Drawn by the engine, not in the text: the hyphen of a hyphenated line. */
  inserted?: boolean;
}

/**
 * One unit of setting: an ideograph, a punctuation mark, a Latin word or number
 * (T6: never split), a 2-em dash. Full-width marks are split into their ink half
 * (the box) and their blank half (`leftBlank`/`rightBlank`, removable, T9–T11).
 */
export interface Cell {
  cls: CharClass;
  /** The characters of the cell. */
  text: string;
  range: Range;
  /** Width of the box: the whole cell less its removable blanks. */
  width: number;
  /** Removable blank before the ink (opening marks), ≥ 0. */
  leftBlank: number;
  /** Removable blank after the ink (pause, stop and closing marks), ≥ 0. */
  rightBlank: number;
  /** Typed spaces before the cell, folded into the junction (T14: a typed space is the gap). */
  spaceBefore: string;
  glyphs: PlacedGlyph[];
}

/** Material: a cell's ink, never stretched or broken. */
export interface Box {
  type: 'box';
  /** Width in points, ≥ 0. */
  width: number;
  cell: Cell;
  range: Range;
}

/**
 * How a gap justifies (T13): which tier shrinks it first and how it expands.
 * - `punct`: a removable punctuation blank (T9–T11), first to shrink.
 * - `hanlatin`: the gap between Han and Latin or digits (T14), ¼ em, second to shrink.
 * - `space`: a word space, ⅓ em, last to shrink and first to expand.
 * - `gap`: any other gap between characters (zero, or a blank T12 keeps), never shrinks.
 */
export type GlueKind = 'punct' | 'hanlatin' | 'space' | 'gap';

/** Space between cells, and a place to break (when it follows a box). */
export interface Glue {
  type: 'glue';
  kind: GlueKind;
  /** Natural width in points. */
  width: number;
  /** How far it may grow, points, ≥ 0 (a large value for the paragraph's last line). */
  stretch: number;
  /** How far it may shrink, points, 0 ≤ shrink ≤ width. */
  shrink: number;
  /** Typed spaces the gap stands for, drawn as space glyphs so they extract. */
  text: string;
  range: Range;
}

/** A place to break at a cost: +∞ forbids a break, −∞ forces one. */
export interface Penalty {
  type: 'penalty';
  /** Width added to the line when it breaks here (a hyphen), points. */
  width: number;
  /** Cost of breaking here; ±Infinity as above. */
  cost: number;
  /** A hyphenation break: two in a row cost extra (TeX's \doublehyphendemerits). */
  flagged: boolean;
  /**
   * The first pass of the breaker that may break here: 0 any; 1 inside a Latin
   * word (hyphenation, after an explicit hyphen: T14, only when the line cannot be
   * set otherwise); 2 inside an e-mail address or URL (T6, the last resort).
   */
  level: 0 | 1 | 2;
  /** What to draw at the line's end when it breaks here (the hyphen). */
  glyph?: PlacedGlyph;
  range: Range;
}

export type Item = Box | Glue | Penalty;

/** A line of a paragraph, glyphs placed, ready for a page. */
export interface SetLine {
  glyphs: PlacedGlyph[];
  /** Left edge of the line relative to the left of the measure (an indent or a hang). */
  x: number;
  /** The width the line was set to. */
  width: number;
  /** The width of its material at natural spacing. */
  natural: number;
  /**
   * Adjustment ratio (T13): >0 stretched, <0 shrunk, as a fraction of what the
   * tiers allowed; below −1 means overfull.
   */
  ratio: number;
  range: Range;
  /** The paragraph's last line (ragged, T13). */
  last: boolean;
}

/** A character none of its role's own faces has: drawn from another face, or from none. */
export interface MissingGlyph {
  index: number;
  char: string;
  /** The faces tried: the role's own when another drew it, else all. */
  tried: string[];
  /** Drawn as the placeholder instead. */
  replaced: boolean;
  /** The face that drew it instead, standing in for the role's own. */
  from?: string;
}

/** A line's place in the measure: x from the measure's left, and width. */
export interface LineBox {
  x: number;
  width: number;
}

/** The lines of a paragraph: the first, and every other (a hanging indent differs). */
export interface LineShape {
  first: LineBox;
  rest: LineBox;
}

export function lineBox(shape: LineShape, line: number): LineBox {
  return line === 0 ? shape.first : shape.rest;
}

/** Every line the same. */
export function uniform(width: number, x = 0): LineShape {
  return { first: { x, width }, rest: { x, width } };
}

export interface SetParams {
  face: FontRole;
  /** Font size in points: 1 em. */
  size: number;
  /** Widths of the lines. */
  shape: LineShape;
  /** Width of the first line's indent, points (T2: 2 em for body paragraphs). */
  indent: number;
  /** How lines but the last are aligned. */
  align: 'justify' | 'left' | 'center';
  /** Keep every break the breaker weighed, for `--trace linebreak`. */
  trace?: boolean;
  /** Draw this character where no font has one (the character still extracts as itself). */
  placeholder?: string;
  /** T30: the space between Han characters and numbers in digits (items.ts). */
  digitSpacing?: 'quarter' | 'none';
  /** T16: `，。、` may hang at a line end (items.ts). */
  hanging?: boolean;
  /** On a character grid, a mark ending a line may keep its whole cell (items.ts). */
  wholeCells?: boolean;
  /** T26: break only after these characters (items.ts). */
  breaksOnlyAfter?: ReadonlySet<string>;
  /** T10: whether an opening mark starting the text keeps its blank left half (items.ts; yes by default). */
  openingBlank?: boolean;
}
