/**
 * Pages: what the writer draws. Positions are in points from the page's top-left
 * corner, y growing downwards; the writer turns them into PDF space.
 */
import type { PlacedGlyph } from '../paragraph/index.js';
import type { Cmyk } from '../style/index.js';

/** Glyphs on one baseline; `x` of each glyph is from the page's left edge. */
export interface TextRun {
  type: 'text';
  glyphs: PlacedGlyph[];
  /** The baseline. */
  y: number;
  color: Cmyk;
}

/** A horizontal rule: its centre line runs from x to x + length at height y. */
export interface Rule {
  type: 'rule';
  x: number;
  y: number;
  length: number;
  thickness: number;
  color: Cmyk;
}

/** A named place on the page: where an outline entry or a contents link goes. */
export interface Destination {
  type: 'dest';
  name: string;
  /** The top of what it marks. */
  y: number;
}

/** An image file drawn in a box: x, y its top-left corner. */
export interface Picture {
  type: 'image';
  file: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A rectangle's outline (the debug overlay): x, y its top-left corner. */
export interface Frame {
  type: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  thickness: number;
  color: Cmyk;
}

export type PageItem = TextRun | Rule | Destination | Picture | Frame;

export interface Page {
  /** The printed page number (T20): null on the masthead and contents pages. */
  folio: number | null;
  items: PageItem[];
}

export interface Pages {
  width: number;
  height: number;
  pages: Page[];
}
