/**
 * fonts: open each font once, answer glyph ids and advances, and walk the fallback
 * chain. Only this module and the PDF writer touch fontkit.
 */
import { closeSync, readSync, statSync, type Stats } from 'node:fs';
import { endianness } from 'node:os';
import * as fontkit from 'fontkit';
import path from 'node:path';
import type { StyleSpec } from '../issue/model.js';
import { InputError, fileProblem, shown, type Problem } from '../issue/problem.js';
import { Catalog, hasHan, searchOf, type FontSearch } from './catalog.js';
import { FONT_DIR, FONT_ROLES, ROLE_WEIGHT, type FontRole } from './files.js';
import { lockEntry } from './lock.js';
import { directories, readTable, tablesAt } from './sfnt.js';
import { bundledFace, resolveStacks, type FaceKey, type StackFace, type Stacks } from './stacks.js';
import { MAX_INPUT_BYTES, Unreadable, openChecked } from '../read.js';

export { FONT_DIR, FONT_FILES, FONT_ROLES, type FontRole } from './files.js';

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
  private readonly hmtx: { offset: number; count: number };
  /** The file as it was opened (device, inode, size, time): `changed` compares the file now with it. */
  private readonly opened: string;

  /**
   * `shaped`: glyphs already known for the texts that need shaping (the font's
   * record, fonts/lock.ts); `index`: the face's place in a collection (.ttc, .otc);
   * `folder`: the (a real path), for a file the issue names or one found in
   * its folder, which must be inside it when it is opened.
   */
  constructor(file: string, shaped?: Record<string, GlyphMetrics | null>, index = 0, folder?: string) {
    this.file = file;
    for (const [text, glyph] of Object.entries(shaped ?? {})) this.cache.set(text, glyph);
    let opened: fontkit.Font;
    try {
      const read = readFont(file, index, folder);
      this.bytes = read.bytes;
      this.sparse = read.sparse;
      this.opened = identity(read.stat);
      const created = fontkit.create(read.bytes);
      opened = 'fonts' in created ? created.fonts[index]! : created;
      this.hmtx = check(opened, read.bytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError([
        fileProblem(
          file,
          code === 'ENOENT' ? 'font file not found' : e instanceof Unreadable ? e.message : `not a usable font file (${(e as Error).message})`,
          file.startsWith(FONT_DIR) ? 'restore the file from the repository (fonts/)' : 'name a TrueType or OpenType font file, or a collection of them (.ttc, .otc)',
        ),
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

  /**
   * Whether the file at the face's path is no longer the one opened: replaced,
   * written over, or gone. Its outlines are read from the file opened, so a face
   * whose file changed must be opened again to set what the file now is.
   */
  changed(): boolean {
    try {
      return identity(statSync(this.file)) !== this.opened;
    } catch {
      return true;
    }
  }

  /** Let the file go: nothing is read from it any more (an outline not read yet cannot be). */
  close(): void {
    this.sparse?.close();
  }

  /** Read the outline of glyph `id` into the buffer, if it is not there yet. */
  private ensure(id: number): void {
    this.sparse?.ensure(id);
  }

  /** The outline of glyph `id` as the font has it (glyf), or undefined when the font is not read sparsely. */
  outline(id: number): Buffer | undefined {
    return this.sparse?.outline(id);
  }

  /** The top of glyph `id`'s ink above the baseline, in em (its outline's yMax). */
  top(id: number): number {
    return this.font.getGlyph(id).bbox.maxY / this.unitsPerEm;
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

/** A file's identity for `Face.changed`: its device and inode (a file renamed over it), size and time (one written over). */
function identity(stat: Stats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}

/** Texts whose glyph comes from shaping (fwid), not from the cmap alone. */
export const SHAPED = ['——', '—', '⸺'];

const LITTLE_ENDIAN = endianness() === 'LE';

/** A font file read but for its outlines, which are read glyph by glyph. */
class Sparse {
  private readonly done: Uint8Array;
  private closed = false;

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
    if (this.closed) throw new Error(`a font let go was asked for glyph ${id}`);
    this.done[id] = 1;
    const [from, to] = this.range(id);
    if (to > from) readSync(this.fd, this.bytes, from, to - from, from);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
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
 * anything else (CFF outlines) whole. In a collection (ttcf), the face at `index`:
 * the collection's header, every face's table directory and that face's tables.
 * Opened once (read.ts: a regular file, inside `folder` when given), and read from
 * that descriptor only.
 */
function readFont(file: string, index = 0, folder?: string): { bytes: Buffer; sparse?: Sparse; stat: Stats } {
  const { fd, size, stat } = openChecked(file, folder);
  let keep = false;
  try {
    if (size > MAX_INPUT_BYTES) throw new Unreadable(`the file is ${size} bytes; the limit is ${MAX_INPUT_BYTES}`, 'ETOOLARGE');
    // Zero-filled: the pages of a large buffer are not touched until read into.
    const bytes = Buffer.alloc(size);
    const whole = (): { bytes: Buffer; stat: Stats } => {
      readSync(fd, bytes, 0, size, 0);
      return { bytes, stat };
    };
    const faces = directories(fd, bytes);
    const at = faces[index];
    if (at === undefined) throw new Error(faces.length > 1 ? `the collection has ${faces.length} faces, not ${index + 1}` : 'not a font');
    const tables = tablesAt(bytes, at);
    const version = at + 4 <= size ? bytes.readUInt32BE(at) : 0;
    if (!tables || (version !== 0x00010000 && version !== 0x74727565)) return whole();
    const glyf = tables.get('glyf');
    const loca = tables.get('loca');
    const headTable = tables.get('head');
    if (!glyf || !loca || !headTable) return whole();
    for (const [tag, t] of tables) if (tag !== 'glyf') readTable(fd, bytes, t);
    const long = bytes.readInt16BE(headTable.offset + 50) === 1;
    const count = Math.floor(loca.length / (long ? 4 : 2)) - 1;
    keep = true;
    return { bytes, sparse: new Sparse(bytes, fd, glyf.offset, { offset: loca.offset, long, count }), stat };
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

/** A face of a chain: a stand-in draws what the role's own faces lack, with a warning. */
interface Link {
  face: StackFace;
  standIn: boolean;
}

/** What a FontSet shares with the sets made from it (`forStyle`, `withFiles`). */
interface Shared {
  /** Opened faces by key. */
  opened: Map<FaceKey, Face>;
  /** The fonts that can be named, each tier listed once for the set's life (or until `refresh` finds it changed). */
  catalog?: Catalog;
  /** How many times a face was opened again because its file changed: part of `identity`. */
  reopened: number;
}

/**
 * The faces of one build, opened on first use; one FontSet serves any number of
 * documents in a process. A set knows where fonts named by family are looked for
 * (`search`) and, once made for a style (`forStyle`), each role's stack. The
 * fonts that can be named are listed once for the set (a command's builds see the
 * same fonts); `refresh` looks again (`--watch`, before each rebuild).
 */
export class FontSet {
  private readonly shared: Shared;
  private readonly chains = new Map<FontRole, Link[]>();

  constructor(
    readonly search: FontSearch = searchOf(),
    private readonly stacks: Stacks = { roles: {}, fallback: [] },
    shared?: Shared,
  ) {
    this.shared = shared ?? { opened: new Map(), reopened: 0 };
  }

  /**
   * Look again at the fonts that can be named where a folder or file listed has
   * changed since (a font installed, removed or replaced): a long-lived set (the
   * one `--watch` keeps) then resolves names as a new command would. A face whose
   * file changed is opened again by `forStyle` in any case.
   */
  refresh(): void {
    this.shared.catalog?.refresh();
  }

  /**
   * What the paragraphs set in this set depend on of it: the faces of each role
   * and how often a face was opened again (a font replaced changes it). Set text
   * kept from an earlier build is reused only under the same identity (page/memo.ts).
   */
  get identity(): string {
    const keys = (faces: StackFace[] | undefined) => (faces ?? []).map((f) => f.key).join(',');
    return `${this.shared.reopened}|${FONT_ROLES.map((r) => keys(this.stacks.roles[r])).join('|')}|${keys(this.stacks.fallback)}`;
  }

  private catalog(): Catalog {
    return (this.shared.catalog ??= new Catalog(this.search));
  }

  /**
   * The set for a style: each role's stack resolved (files checked, names looked
   * up) and each of its faces opened now, so that a font that cannot be used is
   * reported at the key that names it. `notes` say which vendored face stands in
   * for a preset's face that is not installed. `folder`: the (a real
   * path): a font file the style names, or one found in the folder by
   * family, is read from inside it (read.ts).
   */
  forStyle(spec: StyleSpec, folder?: string): { fonts: FontSet; notes: Problem[] } {
    const { stacks, notes } = resolveStacks(spec, this.catalog(), folder);
    const problems: Problem[] = [];
    const at = (face: StackFace) => face.at ?? { file: face.file, line: 0, col: 0, path: '' };
    // Each face opened, named as its name table names it, and refused without a Han character.
    const checked = (face: StackFace): StackFace[] => {
      let opened: Face;
      try {
        this.forgetChanged(face.key);
        opened = this.face(face.key, face.folder);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        problems.push(...e.problems.map((p) => ({ ...p, ...at(face), message: `${p.message}: ${shown(face.file)}` })));
        return [];
      }
      const name = opened.font.fullName || face.name;
      if (hasHan(opened.font)) return [{ ...face, name }];
      problems.push({
        severity: 'error',
        ...at(face),
        message: `${name} (${path.basename(face.file)}) has no Han characters: it cannot set Chinese text`,
        hint: 'name a Chinese font here; bulletin fonts lists the fonts found with their coverage',
      });
      return [];
    };
    const roles = Object.fromEntries(Object.entries(stacks.roles).map(([role, faces]) => [role, faces.flatMap(checked)]));
    const fallback = stacks.fallback.flatMap(checked);
    if (problems.length > 0) throw new InputError(problems);
    return { fonts: new FontSet(this.search, { roles, fallback }, this.shared), notes };
  }

  /** The same set with some roles set in one font file each (read from inside `folder`, when given). */
  withFiles(files: Partial<Record<FontRole, string>>, folder?: string): FontSet {
    const roles = { ...this.stacks.roles };
    for (const [role, file] of Object.entries(files)) {
      roles[role as FontRole] = [{ key: `${file}#0`, file, index: 0, name: path.basename(file), ...(folder === undefined ? {} : { folder }) }];
    }
    return new FontSet(this.search, { ...this.stacks, roles }, this.shared);
  }

  /** Where the style names the face in `file` (the key of its role, or the preset's), if it names one. */
  placeOf(file: string): StackFace['at'] {
    return [...Object.values(this.stacks.roles).flat(), ...this.stacks.fallback].find((f) => f.file === file && f.at)?.at;
  }

  /**
   * The font files a style's stacks resolve to, but the vendored ones: what a
   * build depends on besides those. Throws as `forStyle` does; opens no face.
   */
  filesFor(spec: StyleSpec): string[] {
    const { stacks } = resolveStacks(spec, this.catalog());
    const faces = [...Object.values(stacks.roles).flat(), ...stacks.fallback];
    return [...new Set(faces.map((f) => f.file))].filter((f) => !f.startsWith(FONT_DIR));
  }

  /**
   * The face of a key, opened on first use (`folder`: the one its file must be
   * inside, for a face of the issue's own; read.ts). Opened once, by descriptor:
   * what the file becomes afterwards is never read.
   */
  face(key: FaceKey, folder?: string): Face {
    let face = this.shared.opened.get(key);
    if (!face) {
      const at = key.lastIndexOf('#');
      const file = key.slice(0, at);
      face = new Face(file, lockEntry(file)?.shaped, Number(key.slice(at + 1)), folder);
      this.shared.opened.set(key, face);
    }
    return face;
  }

  /**
   * A face opened by an earlier build whose file has changed since (replaced while
   * `--watch` ran, or between two issues of a batch) is let go, to be opened again:
   * a build sets and embeds the font as its file now is, which is what its record
   * says it was built from (batch/state.ts).
   */
  private forgetChanged(key: FaceKey): void {
    const face = this.shared.opened.get(key);
    if (!face?.changed()) return;
    face.close();
    this.shared.opened.delete(key);
    this.shared.reopened++;
  }

  /**
   * The face that draws `text` in `role`, and its glyph there: the role's own
   * faces, then its vendored face, then the fallback list, then the faces of the
   * roles of the same weight, then of the others. A face past the role's own
   * (past the vendored one when the role has none of its own) is a stand-in. Null
   * when no face has it.
   */
  resolve(role: FontRole, text: string): Resolved | null {
    let known = this.resolved.get(role);
    if (!known) this.resolved.set(role, (known = new Map()));
    let found = known.get(text);
    if (found === undefined) {
      found = null;
      for (const link of this.chain(role)) {
        const glyph = this.face(link.face.key, link.face.folder).glyph(text);
        if (glyph) {
          found = { face: link.face.key, glyph, ...(link.standIn ? { standIn: link.face.name } : {}) };
          break;
        }
      }
      known.set(text, found);
    }
    return found;
  }

  /** The names of the faces tried for a role, in order. */
  tried(role: FontRole): string[] {
    return this.chain(role).map((l) => l.face.name);
  }

  /** The names of a role's own faces: the faces a character is taken from without a word. */
  own(role: FontRole): string[] {
    return this.chain(role).filter((l) => !l.standIn).map((l) => l.face.name);
  }

  private chain(role: FontRole): Link[] {
    let chain = this.chains.get(role);
    if (!chain) {
      const stackOf = (r: FontRole) => [...(this.stacks.roles[r] ?? []), bundledFace(r)];
      const own = this.stacks.roles[role] ?? [];
      const others = FONT_ROLES.filter((r) => r !== role);
      // A character is taken from a face of the same role and weight before any other.
      const links: Link[] = [
        ...own.map((face) => ({ face, standIn: false })),
        { face: bundledFace(role), standIn: own.length > 0 },
        ...this.stacks.fallback.map((face) => ({ face, standIn: true })),
        ...others.filter((r) => ROLE_WEIGHT[r] === ROLE_WEIGHT[role]).flatMap((r) => stackOf(r).map((face) => ({ face, standIn: true }))),
        ...others.filter((r) => ROLE_WEIGHT[r] !== ROLE_WEIGHT[role]).flatMap((r) => stackOf(r).map((face) => ({ face, standIn: true }))),
      ];
      chain = links.filter((l, i) => links.findIndex((m) => m.face.key === l.face.key) === i);
      this.chains.set(role, chain);
    }
    return chain;
  }

  /** What resolve has answered, by role and text: a paragraph asks for the same few hundred again and again. */
  private readonly resolved = new Map<FontRole, Map<string, Resolved | null>>();
}

/** The face that draws a text (its key), its glyph there, and the face's name when it stands in for the role's own. */
export type Resolved = { readonly face: FaceKey; readonly glyph: GlyphMetrics; readonly standIn?: string };
