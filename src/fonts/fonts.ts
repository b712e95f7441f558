/**
 * fonts: open each font once, answer glyph ids and advances, and walk the fallback
 * chain. Only this module and the PDF writer touch fontkit.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { InputError, fileProblem } from '../issue/problem.js';

/** The faces a style can name. */
export type FontRole = 'serif' | 'serif-bold' | 'sans-bold';

/** The vendored fonts (`fonts/`, OFL). */
export const FONT_FILES: Record<FontRole, string> = {
  serif: 'NotoSerifSC-Regular.ttf',
  'serif-bold': 'NotoSerifSC-Bold.ttf',
  'sans-bold': 'NotoSansSC-Bold.ttf',
};

export const FONT_DIR = fileURLToPath(new URL('../../fonts/', import.meta.url));

/** A glyph to draw: its id in the font and its advance in em. */
export interface GlyphMetrics {
  id: number;
  /** Advance width in em (font units / unitsPerEm). */
  advance: number;
}

/**
 * One font file. Glyph lookups are cached per code point: fontkit parses its
 * tables lazily and a paragraph asks for the same few hundred characters again
 * and again.
 */
export class Face {
  readonly role: FontRole;
  readonly file: string;
  /** The fontkit font, for the PDF writer only. */
  readonly font: fontkit.Font;
  readonly familyName: string;
  private readonly unitsPerEm: number;
  private readonly cache = new Map<string, GlyphMetrics | null>();

  constructor(role: FontRole, file: string) {
    this.role = role;
    this.file = file;
    let opened: fontkit.Font | fontkit.FontCollection;
    try {
      const bytes = readFileSync(file);
      opened = fontkit.create(bytes);
      if ('glyphForCodePoint' in opened) check(opened, bytes.length);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError([
        fileProblem(
          file,
          code === 'ENOENT' ? 'font file not found' : `not a usable font file (${(e as Error).message})`,
          file.startsWith(FONT_DIR) ? 'restore the file from the repository (fonts/)' : 'name a TrueType or OpenType font file',
        ),
      ]);
    }
    if (!('glyphForCodePoint' in opened)) {
      throw new InputError([
        fileProblem(file, 'a font collection; name one font', 'extract one font of the collection (.ttc) into a .ttf or .otf file'),
      ]);
    }
    this.font = opened;
    this.familyName = opened.familyName;
    this.unitsPerEm = opened.unitsPerEm;
  }

  /**
   * The glyph for a character or a short sequence drawn as one glyph (`——`), or
   * null when the font has none. Full-width forms are chosen where Chinese text
   * wants them (T8: `——` one 2-em glyph, `—` and `·` one em).
   */
  glyph(text: string): GlyphMetrics | null {
    let found = this.cache.get(text);
    if (found === undefined) {
      found = this.lookup(text);
      this.cache.set(text, found);
    }
    return found;
  }

  private lookup(text: string): GlyphMetrics | null {
    const cps = [...text].map((c) => c.codePointAt(0)!);
    if (cps.length === 1 && !this.font.hasGlyphForCodePoint(cps[0]!)) return null;
    if (text === '——' || text === '—' || text === '⸺') {
      // `fwid` gives the full-width dash, and joins a pair into one 2-em glyph.
      const run = this.font.layout(text, ['fwid']);
      const g = run.glyphs.length === 1 ? run.glyphs[0] : undefined;
      if (g && g.id !== 0) return this.metrics(g.id, g.advanceWidth);
      if (cps.length > 1) return null;
    }
    if (cps.length !== 1) return null;
    if (text === '·') {
      // The interpunct of a CJK font's Latin part is narrow (0.327 em in Noto Serif
      // SC); Chinese sets it in a full em (clreq §3.1.2), which is the glyph of ・.
      const narrow = this.font.glyphForCodePoint(0xb7);
      if (narrow.advanceWidth < this.unitsPerEm && this.font.hasGlyphForCodePoint(0x30fb)) {
        const wide = this.font.glyphForCodePoint(0x30fb);
        return this.metrics(wide.id, wide.advanceWidth);
      }
    }
    const g = this.font.glyphForCodePoint(cps[0]!);
    return this.metrics(g.id, g.advanceWidth);
  }

  private metrics(id: number, advanceUnits: number): GlyphMetrics {
    return { id, advance: advanceUnits / this.unitsPerEm };
  }
}

/**
 * fontkit reads a font's tables only when it first needs them: a file cut short
 * would fail in the middle of a build. Its table directory and the tables every
 * lookup needs are checked when it is opened instead.
 */
function check(font: fontkit.Font, size: number): void {
  const tables = (font as unknown as { directory: { tables: Record<string, { offset: number; length: number }> } }).directory.tables;
  for (const [tag, t] of Object.entries(tables)) {
    if (t.offset + t.length > size) throw new Error(`the file is cut short: its ${tag.trim()} table ends past its end`);
  }
  for (const tag of ['cmap', 'hmtx', 'head', 'hhea', 'maxp']) {
    if (!tables[tag]) throw new Error(`it has no ${tag} table`);
  }
  const g = font.glyphForCodePoint(0x4e00);
  void g.advanceWidth;
}

/**
 * The faces of one build, opened on first use; one FontSet serves any number of
 * documents in a process.
 */
export class FontSet {
  /** Opened faces by file, shared with the sets made by `withFiles`. */
  private readonly opened: Map<string, Face>;
  private readonly files: Record<FontRole, string>;

  constructor(dir: string = FONT_DIR, files?: Record<FontRole, string>, opened?: Map<string, Face>) {
    this.files = files ?? {
      serif: `${dir}${FONT_FILES.serif}`,
      'serif-bold': `${dir}${FONT_FILES['serif-bold']}`,
      'sans-bold': `${dir}${FONT_FILES['sans-bold']}`,
    };
    this.opened = opened ?? new Map();
  }

  /** The same set with some roles set in other font files (a style's `fonts`). */
  withFiles(files: Partial<Record<FontRole, string>>): FontSet {
    return new FontSet(FONT_DIR, { ...this.files, ...files }, this.opened);
  }

  /** The file each role is set in. */
  fileOf(role: FontRole): string {
    return this.files[role];
  }

  face(role: FontRole): Face {
    const file = this.files[role];
    let face = this.opened.get(file);
    if (!face) {
      face = new Face(role, file);
      this.opened.set(file, face);
    }
    return face;
  }

  /**
   * The face that draws `text` in `role`: the role's own face, then the others in
   * the fallback chain. Null when no face has it.
   */
  resolve(role: FontRole, text: string): { face: Face; glyph: GlyphMetrics } | null {
    for (const r of fallbackChain(role)) {
      const face = this.face(r);
      const glyph = face.glyph(text);
      if (glyph) return { face, glyph };
    }
    return null;
  }
}

const CHAINS: Record<FontRole, FontRole[]> = {
  serif: ['serif', 'serif-bold', 'sans-bold'],
  'serif-bold': ['serif-bold', 'serif', 'sans-bold'],
  'sans-bold': ['sans-bold', 'serif', 'serif-bold'],
};

/** The order faces are tried in for a role: its own, then the others. */
export function fallbackChain(role: FontRole): FontRole[] {
  return CHAINS[role];
}
