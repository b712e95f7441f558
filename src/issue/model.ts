import type { Problem } from './problem.js';

/**
 * The validated issue: what `load` returns and `compose` reads. Plain data only.
 * Every piece of text keeps where it came from, so a later stage that finds a
 * problem (a character no font has, a line that cannot be set) can name the file,
 * line and column.
 */

/**
 * Where a text's characters stand in the source file. The character at index `i`
 * stands at the anchor with the largest `at` not above `i`, `i - at` columns further
 * on the same line. Exact for block literals and one-line scalars, the scalar's start
 * for other forms.
 */
export interface TextSource {
  file: string;
  /** The path in the issue: `sections[0].articles[1].body`. */
  path: string;
  anchors: Anchor[];
}

export interface Anchor {
  /** Index into the text (UTF-16 code units). */
  at: number;
  /** The path in the issue, where it differs from the text's (a joined list: `colophon.distribution[1]`). */
  path?: string;
  /** 1-based. */
  line: number;
  col: number;
  /**
   * The text after the anchor does not follow the source column by column (a
   * double-quoted scalar with escapes): every character is placed at the anchor.
   */
  fixed?: true;
}

/** A piece of text and where it came from. */
export interface SourceText {
  text: string;
  source: TextSource;
}

export interface Paragraph extends SourceText {
  kind: 'paragraph';
}

export interface Subheading extends SourceText {
  kind: 'heading';
}

export interface Note extends SourceText {
  kind: 'note';
}

export interface Image {
  kind: 'image';
  /** Absolute path of the image file, checked to lie inside the issue's tree. */
  file: string;
  /** Its size in pixels, as decoded by the loader. */
  pixels: { width: number; height: number };
  caption?: SourceText;
  source: TextSource;
}

export type Block = Paragraph | Subheading | Note | Image;

export interface Article {
  /** The title as printed, one entry per line when the source breaks it. */
  title: SourceText[];
  /** The wording in the contents: `toc` when given, else the title's lines joined. */
  toc: SourceText;
  body: Block[];
  path: string;
}

export interface Section {
  title: SourceText;
  articles: Article[];
  path: string;
}

export interface Colophon {
  notice?: SourceText;
  distribution?: SourceText[];
  supervisor?: SourceText;
  publisher?: SourceText;
  phone?: SourceText;
  email?: SourceText;
  copies?: number;
}

export interface PrintDate {
  year: number;
  month: number;
  day: number;
}

/** Style keys as given (publication's, overridden key by key by the issue's). */
export interface StyleSpec {
  preset?: 'default' | 'gongwen';
  size?: number;
  chars?: number;
  lines?: number;
  margins?: { top?: number; left?: number };
  titleSize?: number;
  sectionsOnNewPage?: boolean;
  notice?: 'masthead' | 'colophon';
  mastheadColor?: number[];
  /** Font files by role, resolved to absolute paths inside the issue's folder. */
  fonts?: { serif?: string; serifBold?: string; sansBold?: string };
  /** Where each key was given, for messages about the style: `margins.top` → place. */
  sources?: Record<string, { file: string; line: number; col: number; path: string }>;
}

export interface Issue {
  /** The issue file as the user named it. */
  file: string;
  /** The real path of its folder: every file the issue names is read from inside it. */
  folder: string;
  /** What loading changed with a warning: stray characters removed. */
  warnings: Problem[];
  /** The publication file, when the issue names one. */
  publicationFile?: string;
  name: SourceText;
  editor: SourceText;
  number: number;
  period: SourceText;
  printed: PrintDate;
  sections: Section[];
  colophon: Colophon;
  style: StyleSpec;
}
