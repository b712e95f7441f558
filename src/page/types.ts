/**
 * Pages: what the writer draws. Positions are in points from the page's top-left
 * corner, y growing downwards; the writer turns them into PDF space.
 */
import type { PlacedGlyph } from '../paragraph/index.js';
import type { SourceText } from '../issue/index.js';
import type { Cmyk } from '../style/index.js';

/**
 * What a run of text is, for the PDF's structure (the tags of a tagged PDF) and for
 * checks of the pages: the role, the block it belongs to, and its line in it.
 */
export interface RunTag {
  role: 'H1' | 'H2' | 'H3' | 'P' | 'Note' | 'Caption' | 'TOC' | 'Masthead' | 'Colophon' | 'Artifact';
  /** The block: `s1` for a section, `s1a2` for an article's title, `p12` for paragraph 12. */
  block?: string;
  /** Line of the block (from 0) and how many it has. */
  line?: number;
  lines?: number;
}

/** Glyphs on one baseline; `x` of each glyph is from the page's left edge. */
export interface TextRun {
  type: 'text';
  glyphs: PlacedGlyph[];
  /** The baseline. */
  y: number;
  color: Cmyk;
  tag?: RunTag;
}

/** A rule: its centre line runs from x to x + length at height y (down from y, if vertical). */
export interface Rule {
  type: 'rule';
  x: number;
  y: number;
  length: number;
  vertical?: boolean;
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
  /** The block it belongs to, for the structure tree (a Figure). */
  block?: string;
  file: string;
  /** The path as the issue writes it, and where: what a problem with the file names. */
  named?: SourceText;
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

/** A link to a destination: the area that takes the click, x, y its top-left corner. */
export interface Link {
  type: 'link';
  x: number;
  y: number;
  width: number;
  height: number;
  /** A destination's name (`Destination.name`). */
  dest: string;
}

export type PageItem = TextRun | Rule | Destination | Picture | Frame | Link;

export interface Page {
  /** The printed page number (T20): null on the masthead and contents pages. */
  folio: number | null;
  items: PageItem[];
  /** What the slug line calls this page or sheet side, when not its place in the file. */
  slug?: string;
}

/** An entry of the PDF's outline (bookmarks): a title, where it goes, its children. */
export interface OutlineEntry {
  title: string;
  dest: string;
  children: OutlineEntry[];
}

/** A node of the structure tree: a PDF standard structure type, an id, children. */
export interface StructNode {
  role: 'Document' | 'Div' | 'Sect' | 'Art' | 'TOC' | 'TOCI' | 'Caption' | 'H1' | 'H2' | 'H3' | 'P' | 'Note' | 'Figure';
  /** Leaves are named by the blocks of their text runs (RunTag.block). */
  id: string;
  children: StructNode[];
  /** A figure's alternative text. */
  alt?: string;
}

export interface Pages {
  /** The trim: the finished page (or sheet) size. */
  width: number;
  height: number;
  /** Bleed around the trim, points (0 without). */
  bleed: number;
  /** Room beyond the bleed for crop marks and the slug line, points (0 without marks). */
  slug: number;
  pages: Page[];
  outline: OutlineEntry[];
  structure: StructNode;
}
