/**
 * Incremental builds: an issue is rebuilt unless its PDF is newer than everything
 * it depends on — the issue file, the publication file, its images, the fonts, the
 * program — and those are, byte for byte, what the PDF was built from. The first
 * catches a touched file, the second a file changed without its time moving; a
 * content hash of each is kept beside the PDFs in `.bulletin-state.json`.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FONT_DIR, FONT_FILE, FONT_FILES } from '../fonts/files.js';
import { FontCache } from '../fonts/catalog.js';
import { FontSet } from '../fonts/index.js';
import { DIST, ROOT } from '../paths.js';
import { fontHash } from '../fonts/lock.js';
import { sha256 } from '../hash.js';
import { InputError, type Issue, type Problem } from '../issue/index.js';
import type { LayoutOptions } from '../page/index.js';
import { VERSION } from '../version.js';
import { writeAtomically } from '../atomic.js';
import { MAX_INPUT_BYTES, inside, readChecked } from '../read.js';

const STATE_FILE = '.bulletin-state.json';

/** Per output folder: what each PDF was built from, and its own hash. */
type StateFile = Record<string, { inputs: string; pdf: string }>;

export interface Fingerprint {
  /** A hash of every input's bytes, the program and the options. */
  inputs: string;
  /** The newest modification time among the inputs, ms. */
  newest: number;
  /** The files the issue is built from (dependenciesOf), the vendored fonts aside. */
  files: string[];
}

/**
 * The options that change a PDF, as the fingerprint writes them (the trace does
 * not). Typed against LayoutOptions: an option added there and not here fails to
 * compile, rather than leave PDFs built with another value of it up to date.
 */
function hashedOptions(options: LayoutOptions): Record<Exclude<keyof LayoutOptions, 'trace'>, unknown> {
  return { bleed: options.bleed ?? 0, marks: !!options.marks, impose: options.impose ?? null, overlay: !!options.overlay, placeholder: options.placeholder ?? null };
}

/** The hashes of one run: each input file is hashed and timed once, each record read once. */
export class State {
  private readonly files = new Map<string, { hash: string; mtimeMs: number }>();
  private readonly records = new Map<string, StateFile>();

  /** `fonts`: where the fonts the issues name by family are looked for (the run's --font-path). */
  constructor(private readonly fonts = new FontSet()) {}

  /** The inputs of an issue, as loaded by the caller (who builds from the same load). */
  fingerprint(input: string, issue: Issue, options: LayoutOptions): Fingerprint {
    const hash = createHash('sha256');
    hash.update(hashProgram());
    hash.update(JSON.stringify(hashedOptions(options)));
    let newest = 0;
    // What lies in the issue's folder (what it names, fonts found there) is read
    // from inside it, as the build reads it; fonts found elsewhere by family, where they are.
    const named = path.resolve(path.dirname(input));
    const files = dependenciesOf(input, issue, this.fonts);
    for (const file of [...files, ...VENDORED]) {
      const own = file !== input && !VENDORED.includes(file) && inside(named, path.resolve(file));
      const known = this.fileOf(file, own ? issue.folder : undefined);
      hash.update(file === input ? '' : path.basename(file));
      hash.update(known.hash);
      newest = Math.max(newest, known.mtimeMs);
    }
    return { inputs: hash.digest('hex'), newest, files };
  }

  /** Whether the PDF at `output` was built from exactly these inputs and is newer than them. */
  upToDate(output: string, print: Fingerprint): boolean {
    try {
      const entry = this.recordOf(path.dirname(output))[path.basename(output)];
      if (!entry || entry.inputs !== print.inputs) return false;
      if (statSync(output).mtimeMs < print.newest) return false;
      return sha256(readChecked(output, MAX_INPUT_BYTES)) === entry.pdf;
    } catch {
      return false;
    }
  }

  /**
   * Record what the PDFs just built were built from (each with the hash of the
   * bytes it was written with). The record only saves work: a folder whose record
   * cannot be written is a warning on its PDFs, which are built all the same.
   */
  record(built: { output: string; print: Fingerprint; sha256: string }[]): Map<string, Problem> {
    const failed = new Map<string, Problem>();
    const byFolder = new Map<string, typeof built>();
    for (const b of built) byFolder.set(path.dirname(b.output), [...(byFolder.get(path.dirname(b.output)) ?? []), b]);
    for (const [folder, list] of byFolder) {
      const state = this.recordOf(folder);
      for (const b of list) state[path.basename(b.output)] = { inputs: b.print.inputs, pdf: b.sha256 };
      const sorted = Object.fromEntries(Object.entries(state).sort(([a], [b]) => a.localeCompare(b)));
      try {
        writeAtomically(path.join(folder, STATE_FILE), `${JSON.stringify(sorted, null, 2)}\n`, 'the build record');
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        const problem = { ...e.problems[0]!, severity: 'warning' as const, hint: 'the PDFs are built; without the record, the next build builds them again' };
        for (const b of list) failed.set(b.output, problem);
      }
    }
    return failed;
  }

  private fileOf(file: string, folder: string | undefined): { hash: string; mtimeMs: number } {
    let known = this.files.get(file);
    if (!known) {
      // The vendored fonts' hashes are on record (fonts/lock.ts), other fonts' in the
      // font cache while their size and time hold (a 15 MB font is not read at every
      // build); anything else is read.
      const hash = VENDORED.includes(file) ? fontHash(file) : FONT_FILE.test(file) ? cachedHash(file, folder) : sha256(readChecked(file, MAX_INPUT_BYTES, folder));
      known = { hash, mtimeMs: statSync(file).mtimeMs };
      this.files.set(file, known);
    }
    return known;
  }

  private recordOf(folder: string): StateFile {
    let record = this.records.get(folder);
    if (!record) {
      record = readState(folder);
      this.records.set(folder, record);
    }
    return record;
  }
}

/** A font's hash from the font cache, which keeps it for the next run. */
function cachedHash(file: string, folder: string | undefined): string {
  const cache = FontCache.shared();
  const hash = cache.hash(file, folder);
  cache.save();
  return hash;
}

const VENDORED = [...new Set(Object.values(FONT_FILES))].map((f) => path.join(FONT_DIR, f));

/** Hashed once a process (a --watch rebuild runs the program it started with). */
let program: string | undefined;

/**
 * The program's hash, written into the bundle when it is made (src/prepare.ts):
 * the bundle is the program as dist/ was then, so it need not read dist/ again
 * at every start. Undefined when run from the modules of dist/.
 */
declare const BULLETIN_PROGRAM: string | undefined;

/**
 * The program: its version, the bytes of its compiled code and the versions of
 * what it depends on (package-lock.json, where the package has one: a pdfkit or
 * fontkit of another version may write other bytes).
 */
export function hashProgram(): string {
  if (typeof BULLETIN_PROGRAM === 'string') return BULLETIN_PROGRAM;
  if (program) return program;
  const hash = createHash('sha256').update(VERSION);
  for (const file of readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).sort()) {
    hash.update(file.split(path.sep).join('/')).update(readFileSync(path.join(DIST, file)));
  }
  try {
    hash.update(readFileSync(path.join(ROOT, 'package-lock.json')));
  } catch {
    // Installed from the registry: no lock file; the version stands for it.
  }
  return (program = hash.digest('hex'));
}

/**
 * The files an issue is built from, besides the program and the vendored fonts:
 * itself, its publication file, images, and the font files its style's stacks
 * resolve to (named by path or by family, or a preset's found installed), so that
 * a font installed, removed or changed since builds the issue again. `fonts` looks
 * the names up (where BULLETIN_FONT_PATHS and --font-path point).
 */
export function dependenciesOf(input: string, issue: Issue, fonts = new FontSet()): string[] {
  const images = issue.sections.flatMap((s) => s.articles.flatMap((a) => a.body.flatMap((b) => (b.kind === 'image' ? [b.file] : b.kind === 'images' ? b.images.map((i) => i.file) : []))));
  return [input, issue.publicationFile, ...images, ...fonts.filesFor(issue.style)].filter((f): f is string => f !== undefined);
}

function readState(folder: string): StateFile {
  try {
    return JSON.parse(readChecked(path.join(folder, STATE_FILE), MAX_INPUT_BYTES).toString('utf8')) as StateFile;
  } catch {
    return {};
  }
}
