/**
 * fonts: open each font once, answer glyph ids and advances, and walk the fallback
 * chain. Only this module and the PDF writer touch fontkit.
 */
import { closeSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import * as fontkit from 'fontkit';
import { InputError, fileProblem } from '../issue/problem.js';
import { FONT_DIR, FONT_FILES, type FontRole } from './files.js';
import { lockEntry } from './lock.js';
import { MAX_INPUT_BYTES, Unreadable, openChecked } from '../read.js';

export { FONT_DIR, FONT_FILES, type FontRole } from './files.js';

/** A glyph to draw: its id in the font and its advance in em. */
export interface GlyphMetrics {
  id: number;
  /** Advance width in em (font units / unitsPerEm). */
  advance: number;
}

/**
 * One font file. A CJK font is 10–15 MB, nearly all of it outlines (glyf), and a
 * bulletin draws a thousand of its 65 000 glyphs: the file is held in a buffer of
 * its size, but only its tables other than glyf are read when it is opened; a
 * glyph's outline is read when the glyph is first drawn or shaped (`ensure`).
 * fontkit works on the buffer unchanged, so what it writes is the same. Advances
 * and left bearings come from hmtx directly: fontkit decodes a glyph's outline to
 * answer its advance. Lookups are cached per code point.
 */
export class Face {
  readonly file: string;
  /** The fontkit font, for shaping the dashes and for the PDF writer only. */
  readonly font: fontkit.Font;
  private readonly unitsPerEm: number;
  private readonly cache = new Map<string, GlyphMetrics | null>();
  private readonly bytes: Buffer;
  private readonly sparse: Sparse | undefined;
  private readonly hmtx: { offset: number; count: number } = { offset: 0, count: 0 };

  /**
   * `shaped`: glyphs already known for the texts that need shaping (the font's
   * record, fonts/lock.ts). `folder`: the issue's, for a font file the issue names.
   */
  constructor(file: string, shaped?: Record<string, GlyphMetrics | null>, folder?: string) {
    this.file = file;
    for (const [text, glyph] of Object.entries(shaped ?? {})) this.cache.set(text, glyph);
    let opened: fontkit.Font | fontkit.FontCollection;
    try {
      const read = readFont(file, folder);
      this.bytes = read.bytes;
      this.sparse = read.sparse;
      opened = fontkit.create(read.bytes);
      if ('glyphForCodePoint' in opened) this.hmtx = check(opened, read.bytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError([
        fileProblem(
          file,
          code === 'ENOENT' ? 'font file not found' : e instanceof Unreadable ? (e as Error).message : `not a usable font file (${(e as Error).message})`,
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
    this.unitsPerEm = opened.unitsPerEm;
    if (this.sparse) {
      // loca as fontkit decodes it (offsets in bytes), without decoding 65 000
      // numbers one by one: pdfkit asks for glyph 0's advance, fontkit decodes
      // its outline for that, and finds it through loca.
      (opened as unknown as { _tables: Record<string, unknown> })._tables.loca = this.sparse.locaTable();
      // Every way fontkit reaches an outline goes through getGlyph.
      const font = opened as unknown as { getGlyph(id: number, cps?: number[]): unknown };
      const getGlyph = font.getGlyph.bind(font);
      font.getGlyph = (id, cps) => {
        this.ensure(id);
        return getGlyph(id, cps);
      };
    }
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

  /** Read the outline of glyph `id` into the buffer, if it is not there yet. */
  private ensure(id: number): void {
    this.sparse?.ensure(id);
  }

  /** The outline of glyph `id` as the font has it (glyf), or undefined when the font is not read sparsely. */
  outline(id: number): Buffer | undefined {
    return this.sparse?.outline(id);
  }

  /** Advance and left side bearing of glyph `id`, in font units (hmtx). */
  horizontal(id: number): { advance: number; bearing: number } {
    const bytes = this.bytes;
    const { offset, count } = this.hmtx;
    const metric = offset + 4 * Math.min(id, count - 1);
    const bearing = id < count ? metric + 2 : offset + 4 * count + 2 * (id - count);
    return { advance: bytes.readUInt16BE(metric), bearing: bytes.readInt16BE(bearing) };
  }

  private lookup(text: string): GlyphMetrics | null {
    const cps = [...text].map((c) => c.codePointAt(0)!);
    if (cps.length === 1 && this.idOf(cps[0]!) === 0) return null;
    if (SHAPED.includes(text)) {
      // `fwid` gives the full-width dash, and joins a pair into one 2-em glyph.
      const run = this.font.layout(text, ['fwid']);
      const g = run.glyphs.length === 1 ? run.glyphs[0] : undefined;
      if (g && g.id !== 0) return this.metrics(g.id);
      if (cps.length > 1) return null;
    }
    if (cps.length !== 1) return null;
    if (text === '·') {
      // The interpunct of a CJK font's Latin part is narrow (0.327 em in Noto Serif
      // SC); Chinese sets it in a full em (clreq §3.1.2), which is the glyph of ・.
      const narrow = this.idOf(0xb7);
      const wide = this.idOf(0x30fb);
      if (this.horizontal(narrow).advance < this.unitsPerEm && wide !== 0) return this.metrics(wide);
    }
    return this.metrics(this.idOf(cps[0]!));
  }

  /** The glyph id of a code point by the font's cmap, 0 when it has none. */
  private idOf(cp: number): number {
    return (this.font as unknown as { _cmapProcessor: { lookup(cp: number): number } })._cmapProcessor.lookup(cp);
  }

  private metrics(id: number): GlyphMetrics {
    return { id, advance: this.horizontal(id).advance / this.unitsPerEm };
  }
}

/** Texts whose glyph comes from shaping (fwid), not from the cmap alone. */
export const SHAPED = ['——', '—', '⸺'];

const LITTLE_ENDIAN = endianness() === 'LE';

/** A font file read but for its outlines, which are read glyph by glyph. */
class Sparse {
  private readonly done: Uint8Array;

  constructor(
    readonly bytes: Buffer,
    private readonly fd: number,
    private readonly glyf: number,
    private readonly loca: { offset: number; long: boolean; count: number },
  ) {
    this.done = new Uint8Array(loca.count);
  }

  ensure(id: number): void {
    if (id >= this.loca.count || this.done[id]) return;
    this.done[id] = 1;
    const [from, to] = this.range(id);
    if (to > from) readSync(this.fd, this.bytes, from, to - from, from);
  }

  /** loca as fontkit's decoder gives it: the format, and the offset of each outline in bytes. */
  locaTable(): { version: number; offsets: Uint32Array; _processed: true } {
    const { offset, long, count } = this.loca;
    const offsets = new Uint32Array(count + 1);
    if (long && LITTLE_ENDIAN) {
      // The table's big-endian words, byte-swapped in place (native, where a loop
      // over 65 000 entries takes milliseconds in a cold process).
      const words = Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength);
      this.bytes.copy(words, 0, offset, offset + words.length);
      words.swap32();
    } else {
      for (let i = 0; i <= count; i++) offsets[i] = this.at(i);
    }
    return { version: long ? 1 : 0, offsets, _processed: true };
  }

  outline(id: number): Buffer {
    this.ensure(id);
    const [from, to] = this.range(id);
    return this.bytes.subarray(from, Math.max(from, to));
  }

  /** Where glyph `id`'s outline is in the file (loca). */
  private range(id: number): [number, number] {
    return [this.glyf + this.at(id), Math.min(this.glyf + this.at(id + 1), this.bytes.length)];
  }

  /** Offset of outline `i` in glyf. */
  private at(i: number): number {
    const { offset, long } = this.loca;
    return long ? this.bytes.readUInt32BE(offset + 4 * i) : 2 * this.bytes.readUInt16BE(offset + 2 * i);
  }
}

/**
 * The font's bytes: a TrueType font without its outlines (read later, see Sparse);
 * anything else (CFF outlines, a collection) whole. Opened once (read.ts: a regular
 * file, inside `folder` when given), and read from that descriptor only.
 */
function readFont(file: string, folder?: string): { bytes: Buffer; sparse?: Sparse } {
  const { fd, size } = openChecked(file, folder);
  let keep = false;
  try {
    if (size > MAX_INPUT_BYTES) throw new Unreadable(`the file is ${size} bytes; the limit is ${MAX_INPUT_BYTES}`, 'ETOOLARGE');
    const head = Buffer.alloc(Math.min(size, 12));
    readSync(fd, head, 0, head.length, 0);
    const numTables = head.length === 12 ? head.readUInt16BE(4) : 0;
    const truetype = head.length === 12 && (head.readUInt32BE(0) === 0x00010000 || head.readUInt32BE(0) === 0x74727565);
    // Zero-filled: the pages of a large buffer are not touched until read into.
    const bytes = Buffer.alloc(size);
    const whole = (): { bytes: Buffer } => {
      readSync(fd, bytes, 0, size, 0);
      return { bytes };
    };
    if (!truetype || 12 + 16 * numTables > size) return whole();
    readSync(fd, bytes, 0, 12 + 16 * numTables, 0);
    const tables = new Map<string, { offset: number; length: number }>();
    for (let i = 0; i < numTables; i++) {
      const at = 12 + 16 * i;
      tables.set(bytes.toString('latin1', at, at + 4), { offset: bytes.readUInt32BE(at + 8), length: bytes.readUInt32BE(at + 12) });
    }
    const glyf = tables.get('glyf');
    const loca = tables.get('loca');
    const headTable = tables.get('head');
    const fits = [...tables.values()].every((t) => t.offset + t.length <= size);
    if (!glyf || !loca || !headTable || !fits) return whole();
    for (const [tag, t] of tables) if (tag !== 'glyf') readSync(fd, bytes, t.offset, t.length, t.offset);
    const long = bytes.readInt16BE(headTable.offset + 50) === 1;
    const count = Math.floor(loca.length / (long ? 4 : 2)) - 1;
    keep = true;
    return { bytes, sparse: new Sparse(bytes, fd, glyf.offset, { offset: loca.offset, long, count }) };
  } finally {
    // The file stays open while its outlines may still be read.
    if (!keep) closeSync(fd);
  }
}

/**
 * fontkit reads a font's tables only when it first needs them: a file cut short
 * would fail in the middle of a build. Its table directory and the tables every
 * lookup needs are checked when it is opened instead. Returns where hmtx is.
 */
function check(font: fontkit.Font, bytes: Buffer): { offset: number; count: number } {
  const tables = (font as unknown as { directory: { tables: Record<string, { offset: number; length: number }> } }).directory.tables;
  for (const [tag, t] of Object.entries(tables)) {
    if (t.offset + t.length > bytes.length) throw new Error(`the file is cut short: its ${tag.trim()} table ends past its end`);
  }
  for (const tag of ['cmap', 'hmtx', 'head', 'hhea', 'maxp']) {
    if (!tables[tag]) throw new Error(`it has no ${tag} table`);
  }
  const count = bytes.readUInt16BE(tables.hhea!.offset + 34);
  const numGlyphs = bytes.readUInt16BE(tables.maxp!.offset + 4);
  if (count === 0 || 4 * count + 2 * Math.max(0, numGlyphs - count) > tables.hmtx!.length) {
    throw new Error('its hmtx table is shorter than its glyphs need');
  }
  // A lookup through the cmap, which fontkit decodes on first use.
  void (font as unknown as { _cmapProcessor: { lookup(cp: number): number } })._cmapProcessor.lookup(0x4e00);
  return { offset: tables.hmtx!.offset, count };
}

/**
 * The faces of one build, opened on first use; one FontSet serves any number of
 * documents in a process.
 */
export class FontSet {
  /** Opened faces by file, shared with the sets made by `withFiles`. */
  private readonly opened: Map<string, Face>;
  private readonly files: Record<FontRole, string>;
  /** The folder, for the roles set in files the issue names. */
  private readonly folders: Partial<Record<FontRole, string>>;

  constructor(files?: Record<FontRole, string>, opened?: Map<string, Face>, folders: Partial<Record<FontRole, string>> = {}) {
    this.files = files ?? {
      serif: `${FONT_DIR}${FONT_FILES.serif}`,
      'serif-bold': `${FONT_DIR}${FONT_FILES['serif-bold']}`,
      'sans-bold': `${FONT_DIR}${FONT_FILES['sans-bold']}`,
    };
    this.opened = opened ?? new Map();
    this.folders = folders;
  }

  /** The same set with some roles set in other font files (a style's `fonts`), read from inside `folder`. */
  withFiles(files: Partial<Record<FontRole, string>>, folder?: string): FontSet {
    const folders = folder === undefined ? {} : Object.fromEntries(Object.keys(files).map((role) => [role, folder]));
    return new FontSet({ ...this.files, ...files }, this.opened, { ...this.folders, ...folders });
  }

  face(role: FontRole): Face {
    const file = this.files[role];
    let face = this.opened.get(file);
    if (!face) {
      const entry = lockEntry(file);
      face = new Face(file, entry?.shaped, this.folders[role]);
      this.opened.set(file, face);
    }
    return face;
  }

  /**
   * The face that draws `text` in `role`: the role's own face, then the others in
   * the fallback chain. Null when no face has it.
   */
  resolve(role: FontRole, text: string): Resolved | null {
    // The role is the chain's, not the face's: one file may serve several roles,
    // in this set or in another sharing its opened faces.
    let known = this.resolved.get(role);
    if (!known) this.resolved.set(role, (known = new Map()));
    let found = known.get(text);
    if (found === undefined) {
      found = null;
      for (const r of fallbackChain(role)) {
        const face = this.face(r);
        const glyph = face.glyph(text);
        if (glyph) {
          found = { role: r, glyph };
          break;
        }
      }
      known.set(text, found);
    }
    return found;
  }

  /** What resolve has answered, by role and text: a paragraph asks for the same few hundred again and again. */
  private readonly resolved = new Map<FontRole, Map<string, Resolved | null>>();
}

/** The role whose file draws a text, and its glyph there. */
type Resolved = { readonly role: FontRole; readonly glyph: GlyphMetrics };

const CHAINS: Record<FontRole, FontRole[]> = {
  serif: ['serif', 'serif-bold', 'sans-bold'],
  'serif-bold': ['serif-bold', 'serif', 'sans-bold'],
  'sans-bold': ['sans-bold', 'serif', 'serif-bold'],
};

/** The order faces are tried in for a role: its own, then the others. */
export function fallbackChain(role: FontRole): FontRole[] {
  return CHAINS[role];
}
