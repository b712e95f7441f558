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
  /** 1-based; columns count characters (code points), as an editor does: an emoji is one. */
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
  /** The path as the issue writes it, and where: what messages about the image name. */
  named: SourceText;
  /** Its size in pixels as shown (Exif orientation applied), from its header. */
  pixels: { width: number; height: number };
  caption?: SourceText;
  /** The printed width as given: millimetres, or a fraction of the measure when at most 1. */
  width?: number;
  source: TextSource;
}

/** Two or three images side by side, each with its own caption or none, and one for the row. */
export interface ImageRow {
  kind: 'images';
  images: Omit<Image, 'kind' | 'width'>[];
  caption?: SourceText;
  /** The row's printed width as given: millimetres, or a fraction of the measure when at most 1. */
  width?: number;
  source: TextSource;
}

export type Block = Paragraph | Subheading | Note | Image | ImageRow;

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
  /** Where the colophon is given (the issue's, else the publication's): for what it lacks. */
  at?: { file: string; line: number; col: number; path: string };
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
  digitSpacing?: 'quarter' | 'none';
  hanging?: boolean;
  /** Pixels per inch of images at their printed size. */
  imagePpi?: number;
  /** The fonts named for each role (and the fallback list), each a list tried in order. */
  fonts?: Partial<Record<FontKey, FontEntry[]>>;
  /** Where each key was given, for messages about the style: `margins.top` → place. */
  sources?: Record<string, { file: string; line: number; col: number; path: string }>;
}

/** The proofreading settings (publication's, overridden key by key by the issue's). */
export interface ProofSpec {
  /** The checks set to false: `proof: { spaces: false }`. */
  off: string[];
  /** Words every check leaves as written (names meant to be traditional). */
  allow: string[];
}

/** The keys of `style.fonts`: a role each, and the list for characters no role's face has. */
export type FontKey = 'serif' | 'serifBold' | 'sansBold' | 'kai' | 'song' | 'fallback';

/** A font as a style names it: a file inside the issue's folder, or a name to look up. */
export interface FontEntry {
  /** The font file (absolute), when the entry names a file. */
  file?: string;
  /** The family, full or PostScript name (仿宋_GB2312, AR PL UKai CN), when it names none. */
  family?: string;
  /** The folder of the file that names it: a name is looked for there first. */
  folder: string;
  /** Where it is named, for messages about it. */
  at: { file: string; line: number; col: number; path: string };
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
  proof?: ProofSpec;
}
