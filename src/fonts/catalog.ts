/**
 * The catalog of fonts a style may name by family: the faces in the issue's
 * folder, in the folders of `--font-path` (and BULLETIN_FONT_PATHS), the vendored
 * ones, and the system's (fontconfig's list where it is installed, else the
 * operating system's font folders), looked up in that order.
 *
 * What a face is called comes from its own name table (family, typographic
 * family, full and PostScript names, in every language it has: 仿宋_GB2312 and
 * FangSong alike), and every face of a collection is one entry. Reading that
 * means opening the font, so what was read is kept in a cache file keyed by each
 * file's path, size and time (`fonts-v1.json` in the user's cache folder): a
 * build lists the folders and stats their files, and opens only what is new.
 */
import { closeSync, existsSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { writeAtomically } from '../atomic.js';
import { sha256 } from '../hash.js';
import { gb2312, tongyong } from './charsets.js';
import { BUNDLED, FONT_DIR, FONT_FILE } from './files.js';
import { directories, readTable, tablesAt } from './sfnt.js';
import { MAX_INPUT_BYTES, inside, openChecked, readChecked } from '../read.js';

/** Where fonts named by family are looked for, besides the issue's folder and the vendored fonts. */
export interface FontSearch {
  /** `--font-path` folders, then BULLETIN_FONT_PATHS's, in order. */
  paths: string[];
  /**
   * The folders that count as the system's: BULLETIN_SYSTEM_FONTS when it is set
   * (empty: none), else undefined, the platform's own (fontconfig's list on Linux
   * where it is installed).
   */
  system?: string[];
}

/** The search of a command: its `--font-path` folders and the environment's. */
export function searchOf(fontPaths: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): FontSearch {
  const split = (list: string | undefined) => (list ?? '').split(path.delimiter).filter((p) => p !== '');
  const system = env.BULLETIN_SYSTEM_FONTS;
  return {
    paths: [...fontPaths, ...split(env.BULLETIN_FONT_PATHS)].map((p) => path.resolve(p)),
    ...(system === undefined ? {} : { system: split(system).map((p) => path.resolve(p)) }),
  };
}

/** One face of a font file, as its tables describe it. */
export interface FaceInfo {
  file: string;
  /** Its place in a collection; 0 for a font file of one face. */
  index: number;
  /** Typographic family names (name ID 16) and family names (ID 1), every language. */
  families: string[];
  /** Full names (ID 4), every language; the first names the face in messages. */
  full: string[];
  postscript: string;
  /** Subfamily: Regular, Bold, Book… */
  style: string;
  /** OS/2 usWeightClass: 400 regular, 700 bold. */
  weight: number;
  italic: boolean;
  /** Whether it has any character of the Han script. */
  han: boolean;
  /**
   * How many characters of GB 2312 and of 通用规范汉字表 it has; -1 where not
   * counted (the vendored faces as files.ts records them: counted when listed).
   */
  coverage: { gb2312: number; tongyong: number };
}

/** Where a face was found. */
export type FontSource = 'issue' | 'font-path' | 'bundled' | 'system';

export interface Found {
  face: FaceInfo;
  source: FontSource;
}

/** Folder depths walked: an issue's folder shallowly (fonts/ beside the issue), font folders deeply. */
const ISSUE_DEPTH = 2;
const FOLDER_DEPTH = 8;
/** Entries looked at in one folder tree at most: a folder of an issue may be a large one. */
const MAX_ENTRIES = 20_000;

/**
 * One look at the fonts: each tier is listed once, when first needed. Made for a
 * command (a FontSet keeps one), so that a font installed since is seen by the
 * next; `refresh` lists again what has changed since (`--watch`).
 */
export class Catalog {
  private readonly listed = new Map<string, FaceInfo[]>();
  /** For each listing, every folder walked and file read, with its time then (-1: not there). */
  private readonly looked = new Map<string, Map<string, number>>();
  /** What `find` answered, while no listing it looked in is forgotten. */
  private readonly found = new Map<string, Found | undefined>();
  /** Each face's names as compared (normalName), made once. */
  private readonly names = new WeakMap<FaceInfo, Names>();

  constructor(
    readonly search: FontSearch,
    private readonly cache: FontCache = FontCache.shared(),
  ) {}

  /**
   * The face a family, full or PostScript name stands for, looked up in the
   * folder of the file that names it, the font paths, the vendored fonts and the
   * system's, in this order; the first tier that has it answers. Of a family's
   * faces, the upright one of the weight nearest `weight`.
   */
  find(name: string, weight: number, folder: string | undefined): Found | undefined {
    // Asked again at every build a catalog serves (a preset asks for 25 names among all the system's faces).
    const key = `${name}\u0000${weight}\u0000${folder ?? ''}`;
    if (this.found.has(key)) return this.found.get(key);
    let found: Found | undefined;
    for (const [source, faces] of this.tiers(folder)) {
      const face = pick(faces(), name, weight, (f) => this.namesOf(f));
      if (face) {
        found = { face, source };
        break;
      }
    }
    this.found.set(key, found);
    return found;
  }

  /** The tiers in the order they are looked in, each listed on first use. */
  tiers(folder: string | undefined): [FontSource, () => FaceInfo[]][] {
    const tiers: [FontSource, () => FaceInfo[]][] = [];
    // An issue's folder is the issue's own: what is read there is read from inside it (read.ts).
    if (folder !== undefined) tiers.push(['issue', () => this.list(`issue:${folder}`, (walked) => fontFiles([folder], ISSUE_DEPTH, true, walked), realOf(folder))]);
    tiers.push(['font-path', () => this.list('paths', (walked) => fontFiles(this.search.paths, FOLDER_DEPTH, false, walked))]);
    tiers.push(['bundled', () => BUNDLED_FACES]);
    tiers.push(['system', () => this.list('system', (walked) => systemFiles(this.search, walked))]);
    return tiers;
  }

  /** Every face the catalog has, by tier: for `bulletin fonts`, which tells the vendored faces' coverage too. */
  all(folder: string | undefined): Found[] {
    return this.tiers(folder).flatMap(([source, faces]) =>
      (source === 'bundled' ? this.list('bundled', () => BUNDLED.map((b) => `${FONT_DIR}${b.file}`)) : faces()).map((face) => ({ face, source })),
    );
  }

  /** Keep what was read for the next build. */
  save(): void {
    this.cache.save();
  }

  /**
   * Forget each listing a folder or font file of which has changed since (a font
   * added, removed, replaced or written over), to be listed again when next
   * needed: a look at their times, not a new listing of the rest.
   */
  refresh(): void {
    for (const [key, looked] of this.looked) {
      if (![...looked].some(([file, time]) => timeOf(file) !== time)) continue;
      this.listed.delete(key);
      this.looked.delete(key);
      // An issue's folder changed (an editor saving there): only the answers looked up from it.
      const folder = key.startsWith('issue:') ? `\u0000${key.slice('issue:'.length)}` : undefined;
      for (const k of this.found.keys()) if (folder === undefined || k.endsWith(folder)) this.found.delete(k);
    }
  }

  private namesOf(face: FaceInfo): Names {
    let names = this.names.get(face);
    if (!names) {
      names = { exact: new Set([...face.full, face.postscript].map(normalName)), families: new Set(face.families.map(normalName)) };
      this.names.set(face, names);
    }
    return names;
  }

  /** The faces of `files`, each read from inside `within` when it is given. */
  private list(key: string, files: (walked: (folder: string) => void) => string[], within?: string): FaceInfo[] {
    let faces = this.listed.get(key);
    if (!faces) {
      faces = [];
      const looked = new Map<string, number>();
      this.looked.set(key, looked);
      for (const file of files((folder) => looked.set(folder, timeOf(folder)))) {
        try {
          const stat = statSync(file);
          looked.set(file, stat.mtimeMs);
          faces.push(...this.cache.faces(file, stat, within));
        } catch {
          // Not a font fontkit can read, or gone since it was listed: not in the catalog.
        }
      }
      this.listed.set(key, faces);
    }
    return faces;
  }
}

/** The vendored faces, from their name tables as recorded in files.ts: naming them opens no other font. */
const BUNDLED_FACES: FaceInfo[] = BUNDLED.map((b) => ({
  file: `${FONT_DIR}${b.file}`,
  index: 0,
  families: [b.family],
  full: [b.full],
  postscript: b.postscript,
  style: b.style,
  weight: b.weight,
  italic: false,
  han: true,
  coverage: { gb2312: -1, tongyong: -1 },
}));

/** Names compared as a person types them: full-width letters as ASCII (ＰＬ), any case, no spaces. */
export function normalName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** A face's full and PostScript names, and its families, as `pick` compares them. */
interface Names {
  exact: Set<string>;
  families: Set<string>;
}

/** The face `name` stands for among `faces`: a full or PostScript name exactly, a family by weight. */
function pick(faces: FaceInfo[], name: string, weight: number, names: (f: FaceInfo) => Names): FaceInfo | undefined {
  const wanted = normalName(name);
  const exact = faces.find((f) => names(f).exact.has(wanted));
  if (exact) return exact;
  let best: FaceInfo | undefined;
  let cost = Infinity;
  for (const f of faces) {
    if (!names(f).families.has(wanted)) continue;
    const c = (f.italic ? 10_000 : 0) + Math.abs(f.weight - weight);
    if (c < cost) [best, cost] = [f, c];
  }
  return best;
}

/** A file's or folder's modification time; -1 when it is not there. */
function timeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** A folder's real path; undefined when it is not there. */
function realOf(folder: string): string | undefined {
  try {
    return realpathSync(folder);
  } catch {
    return undefined;
  }
}

/**
 * The font files in folder trees, sorted (the same fonts are found in the same
 * order on every run). `confined`: a link is followed only where it leads to a file
 * or folder inside the tree's folder (an issue's folder: nothing outside it is read).
 * `walked` hears of every folder looked into.
 */
export function fontFiles(folders: readonly string[], depth: number, confined = false, walked?: (folder: string) => void): string[] {
  const found = new Set<string>();
  let seen = 0;
  let root: string | undefined;
  const walk = (dir: string, left: number) => {
    walked?.(dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      let kind: 'file' | 'dir' | undefined = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : undefined;
      if (e.isSymbolicLink()) {
        try {
          if (confined && (root === undefined || !inside(root, realpathSync(full)))) continue;
          const s = statSync(full);
          kind = s.isFile() ? 'file' : s.isDirectory() ? 'dir' : undefined;
        } catch {
          kind = undefined;
        }
      }
      if (kind === 'file' && FONT_FILE.test(e.name)) found.add(full);
      else if (kind === 'dir' && left > 0) walk(full, left - 1);
    }
  };
  for (const folder of folders) {
    root = realOf(folder);
    walk(folder, depth);
  }
  return [...found].sort();
}

/**
 * The system's font files: the folders BULLETIN_SYSTEM_FONTS names, fontconfig's
 * list, or the platform's folders. `walked` hears of the folders they are in (of
 * fontconfig's, each file's folder and the one above it: where a font installed
 * later goes).
 */
function systemFiles(search: FontSearch, walked: (folder: string) => void): string[] {
  if (search.system) return fontFiles(search.system, FOLDER_DEPTH, false, walked);
  if (process.platform !== 'win32' && process.platform !== 'darwin') {
    const listed = fontconfigFiles();
    if (listed) {
      for (const folder of new Set(listed.flatMap((f) => [path.dirname(f), path.dirname(path.dirname(f))]))) walked(folder);
      return listed;
    }
  }
  return fontFiles(platformFolders(), FOLDER_DEPTH, false, walked);
}

/**
 * `fc-list`'s files (fontconfig's configured folders, the user's included), or
 * undefined when it is not installed. Its list is kept in the cache folder with the
 * times of the folders it came from (three levels up from each font, the usual
 * font folders and fontconfig's own configuration): while none has changed, a
 * font was neither added nor removed there, and no process is started.
 */
function fontconfigFiles(): string[] | undefined {
  const cache = path.join(cacheFolder(), FC_LIST_CACHE);
  try {
    const kept = JSON.parse(readFileSync(cache, 'utf8')) as { folders: Record<string, number>; files: string[] };
    if (Object.entries(kept.folders).every(([folder, time]) => timeOf(folder) === time)) return kept.files;
  } catch {
    // No list kept, or not one this version reads: ask fontconfig.
  }
  // Loaded here, not with the module: a build that names no installed font never starts a process.
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const run = spawnSync('fc-list', ['--format', '%{file}\\n'], { encoding: 'utf8', timeout: 10_000, maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) return undefined;
  const files = [...new Set(run.stdout.split('\n').filter((f) => FONT_FILE.test(f)))].sort();
  const folders = new Set([...platformFolders(), ...FONTCONFIG_FOLDERS.map((f) => f.replace(/^~/, os.homedir()))]);
  for (const file of files) {
    for (let up = path.dirname(file), level = 0; level < 3 && up !== path.dirname(up); up = path.dirname(up), level++) folders.add(up);
  }
  try {
    writeAtomically(cache, JSON.stringify({ folders: Object.fromEntries([...folders].sort().map((f) => [f, timeOf(f)])), files }), 'the font cache');
  } catch {
    // Only a cache: the next build asks fontconfig again.
  }
  return files;
}

/** The list of fc-list kept between builds (fontconfigFiles). */
const FC_LIST_CACHE = 'fc-list-v1.json';

/** fontconfig's configuration: a change there may change the folders it lists. */
const FONTCONFIG_FOLDERS = ['/etc/fonts', '/etc/fonts/conf.d', '~/.config/fontconfig', '~/.config/fontconfig/conf.d'];

/** The operating system's font folders and the user's own. */
function platformFolders(): string[] {
  const home = os.homedir();
  if (process.platform === 'win32') {
    const windows = process.env.WINDIR ?? 'C:\\Windows';
    const local = process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local');
    return [path.join(windows, 'Fonts'), path.join(local, 'Microsoft', 'Windows', 'Fonts')];
  }
  if (process.platform === 'darwin') return ['/System/Library/Fonts', '/Library/Fonts', path.join(home, 'Library', 'Fonts')];
  const data = process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share');
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(data, 'fonts'), path.join(home, '.fonts')];
}

/** The cache folder: $XDG_CACHE_HOME/bulletin, or the platform's. */
function cacheFolder(): string {
  const home = os.homedir();
  if (process.env.XDG_CACHE_HOME) return path.join(process.env.XDG_CACHE_HOME, 'bulletin');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'bulletin');
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'bulletin', 'cache');
  return path.join(home, '.cache', 'bulletin');
}

interface CachedFile {
  size: number;
  mtimeMs: number;
  faces: Omit<FaceInfo, 'file'>[];
  /** Why it is not a usable font, when it is not (it is not read again while unchanged). */
  error?: string;
  /** The file's SHA-256, once a build record has needed it. */
  sha256?: string;
}

/** The file of the cache: bump the version when FaceInfo changes. */
const CACHE_NAME = 'fonts-v1.json';

/**
 * What was read from each font file, by path, valid while its size and time are
 * unchanged. Read once a process; written back (whole, by rename) when it grew.
 * A cache that cannot be read or written only costs time.
 */
export class FontCache {
  private files: Record<string, CachedFile> | undefined;
  private changed = false;

  constructor(readonly file: string) {}

  /** The process's cache, in the cache folder of the moment (XDG_CACHE_HOME). */
  static shared(): FontCache {
    const file = path.join(cacheFolder(), CACHE_NAME);
    if (shared?.file !== file) shared = new FontCache(file);
    return shared;
  }

  /** The faces of a font file (read from inside `folder`, when given); throws when it is not a usable font. */
  faces(file: string, stat: { size: number; mtimeMs: number }, folder?: string): FaceInfo[] {
    const entry = this.entry(file, stat, folder);
    if (entry.error !== undefined) throw new Error(entry.error);
    return entry.faces.map((f) => ({ file, ...f }));
  }

  /** The file's SHA-256 (read from inside `folder`, when given): read and hashed once while its size and time are unchanged. */
  hash(file: string, folder?: string): string {
    const stat = statSync(file);
    const files = this.read();
    const known = files[file];
    if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs && known.sha256) return known.sha256;
    const hash = sha256(readChecked(file, MAX_INPUT_BYTES, folder));
    if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) {
      known.sha256 = hash;
      this.changed = true;
    }
    return hash;
  }

  /** Write the cache back if it grew, without the files gone since. */
  save(): void {
    if (!this.changed || !this.files) return;
    try {
      for (const file of Object.keys(this.files)) if (!existsSync(file)) delete this.files[file];
      // Whole, by rename: a batch's worker threads may save at once.
      writeAtomically(this.file, JSON.stringify({ version: 1, files: this.files }), 'the font cache');
      this.changed = false;
    } catch {
      // Only a cache: the next build reads the fonts again.
    }
  }

  private entry(file: string, stat: { size: number; mtimeMs: number }, folder: string | undefined): CachedFile {
    const files = this.read();
    const known = files[file];
    if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known;
    let entry: CachedFile;
    try {
      entry = { size: stat.size, mtimeMs: stat.mtimeMs, faces: readFaces(file, folder) };
    } catch (e) {
      entry = { size: stat.size, mtimeMs: stat.mtimeMs, faces: [], error: (e as Error).message };
    }
    files[file] = entry;
    this.changed = true;
    return entry;
  }

  private read(): Record<string, CachedFile> {
    if (!this.files) {
      try {
        const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { version?: number; files?: Record<string, CachedFile> };
        this.files = parsed.version === 1 && parsed.files ? parsed.files : {};
      } catch {
        this.files = {};
      }
    }
    return this.files;
  }
}

let shared: FontCache | undefined;

/** The tables a face's names, weight and characters are read from. */
const NAME_TABLES = ['name', 'OS/2', 'cmap', 'head', 'hhea', 'maxp', 'post'];

/**
 * The faces of a font file: its name, OS/2 and cmap tables read (not its
 * outlines), each face of a collection. Throws when fontkit cannot read it, or
 * when it is not a regular file (inside `folder`, when given: read.ts).
 */
function readFaces(file: string, folder?: string): Omit<FaceInfo, 'file'>[] {
  const { fd, size } = openChecked(file, folder);
  let created: fontkit.Font | fontkit.FontCollection;
  try {
    if (size > MAX_INPUT_BYTES) throw new Error(`the file is ${size} bytes; the limit is ${MAX_INPUT_BYTES}`);
    const bytes = Buffer.alloc(size);
    const starts = directories(fd, bytes);
    const faces = starts.map((at) => tablesAt(bytes, at));
    // Not a font's directory as it should be: fontkit reads the whole and says what is wrong.
    if (faces.some((t) => !t)) readSync(fd, bytes, 0, bytes.length, 0);
    for (const tables of faces) {
      for (const tag of NAME_TABLES) {
        const t = tables?.get(tag.padEnd(4));
        if (t) readTable(fd, bytes, t);
      }
    }
    created = fontkit.create(bytes);
  } finally {
    closeSync(fd);
  }
  const fonts = 'fonts' in created ? created.fonts : [created];
  return fonts.map((font, index) => infoOf(font, index));
}

/** Every language's value of a name record, without repeats. */
function allOf(record: Record<string, string> | undefined): string[] {
  return [...new Set(Object.values(record ?? {}).filter((n) => n.trim() !== ''))];
}

function infoOf(font: fontkit.Font, index: number): Omit<FaceInfo, 'file'> {
  const f = font as unknown as {
    name: { records: Record<string, Record<string, string> | undefined> };
    'OS/2'?: { usWeightClass?: number; fsSelection?: { italic?: boolean; oblique?: boolean } };
    _cmapProcessor: { lookup(cp: number): number };
  };
  const records = f.name.records;
  const lookup = (cp: number) => f._cmapProcessor.lookup(cp) !== 0;
  const os2 = f['OS/2'];
  const count = (set: readonly number[]) => set.reduce((n, cp) => n + (lookup(cp) ? 1 : 0), 0);
  const style = allOf(records.preferredSubfamily)[0] ?? allOf(records.fontSubfamily)[0] ?? 'Regular';
  // Most of a system's fonts have no Han character: their coverage is not counted.
  const han = hasHan(font);
  return {
    index,
    families: [...new Set([...allOf(records.preferredFamily), ...allOf(records.fontFamily)])],
    full: allOf(records.fullName),
    postscript: allOf(records.postscriptName)[0] ?? '',
    style,
    weight: os2?.usWeightClass ?? (/bold/i.test(style) ? 700 : 400),
    italic: Boolean(os2?.fsSelection?.italic || os2?.fsSelection?.oblique),
    han,
    coverage: han ? { gb2312: count(charsets().gb2312), tongyong: count(charsets().tongyong) } : { gb2312: 0, tongyong: 0 },
  };
}

const HAN = /\p{Script=Han}/u;

/**
 * Whether a font has any character of the Han script: a common one looked up
 * first, then every character its cmap lists (the main Han blocks where fontkit
 * cannot list them).
 */
export function hasHan(font: fontkit.Font): boolean {
  const cmap = (font as unknown as { _cmapProcessor: { lookup(cp: number): number; getCharacterSet(): number[] } })._cmapProcessor;
  const has = (cp: number) => cmap.lookup(cp) !== 0;
  if ([0x4e00, 0x4e2d, 0x7684].some(has)) return true;
  let set: number[];
  try {
    set = cmap.getCharacterSet();
  } catch {
    set = [];
    for (let cp = 0x3400; cp <= 0x9fff; cp++) set.push(cp);
  }
  return set.some((cp) => HAN.test(String.fromCodePoint(cp)) && has(cp));
}

let lists: { gb2312: readonly number[]; tongyong: readonly number[] } | undefined;

/** The two character lists, made once a process and only when a font is read for the catalog. */
function charsets(): { gb2312: readonly number[]; tongyong: readonly number[] } {
  lists ??= { gb2312: gb2312().codePoints, tongyong: tongyong().codePoints };
  return lists;
}
