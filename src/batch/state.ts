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
import { FONT_DIR, FONT_FILES } from '../fonts/files.js';
import { DIST } from '../paths.js';
import { fontHash, readLock } from '../fonts/lock.js';
import type { Issue } from '../issue/index.js';
import type { LayoutOptions } from '../page/index.js';
import { VERSION } from '../version.js';
import { writeAtomically } from '../atomic.js';

export const STATE_FILE = '.bulletin-state.json';

/** Per output folder: what each PDF was built from, and its own hash. */
type StateFile = Record<string, { inputs: string; pdf: string }>;

export interface Fingerprint {
  /** A hash of every input's bytes, the program and the options. */
  inputs: string;
  /** The newest modification time among the inputs, ms. */
  newest: number;
}

/** The hashes of one run: the program and the fonts are hashed once. */
export class State {
  private readonly files = new Map<string, string>();

  /** The inputs of an issue, as loaded by the caller (who builds from the same load). */
  fingerprint(input: string, issue: Issue, options: LayoutOptions): Fingerprint {
    const deps = dependenciesOf(input, issue);
    const hash = createHash('sha256');
    hash.update(this.programHash());
    hash.update(JSON.stringify({ bleed: options.bleed ?? 0, marks: !!options.marks, impose: options.impose ?? null, overlay: !!options.overlay, placeholder: options.placeholder ?? null }));
    let newest = 0;
    for (const file of [...deps, ...this.fonts]) {
      hash.update(file === input ? '' : path.basename(file));
      hash.update(this.hashOf(file));
      newest = Math.max(newest, statSync(file).mtimeMs);
    }
    return { inputs: hash.digest('hex'), newest };
  }

  /** Whether the PDF at `output` was built from exactly these inputs and is newer than them. */
  upToDate(output: string, print: Fingerprint): boolean {
    try {
      const entry = readState(path.dirname(output))[path.basename(output)];
      if (!entry || entry.inputs !== print.inputs) return false;
      if (statSync(output).mtimeMs < print.newest) return false;
      return sha256(readFileSync(output)) === entry.pdf;
    } catch {
      return false;
    }
  }

  /** Record what the PDFs just built were built from. */
  record(built: { output: string; print: Fingerprint }[]): void {
    const byFolder = new Map<string, typeof built>();
    for (const b of built) byFolder.set(path.dirname(b.output), [...(byFolder.get(path.dirname(b.output)) ?? []), b]);
    for (const [folder, list] of byFolder) {
      const state = readState(folder);
      for (const b of list) state[path.basename(b.output)] = { inputs: b.print.inputs, pdf: sha256(readFileSync(b.output)) };
      const sorted = Object.fromEntries(Object.entries(state).sort(([a], [b]) => a.localeCompare(b)));
      writeAtomically(path.join(folder, STATE_FILE), `${JSON.stringify(sorted, null, 2)}\n`, 'the build record');
    }
  }

  private hashOf(file: string): string {
    let h = this.files.get(file);
    if (!h) {
      // The vendored fonts' hashes are on record (fonts/lock.ts); anything else is read.
      h = this.fonts.has(file) ? fontHash(file, this.lock) : sha256(readFileSync(file));
      this.files.set(file, h);
    }
    return h;
  }

  private readonly lock = readLock();
  private readonly fonts = new Set(Object.values(FONT_FILES).map((f) => path.join(FONT_DIR, f)));

  private programHash(): string {
    return (program ??= hashProgram());
  }
}

/** Hashed once a process (a --watch rebuild runs the program it started with). */
let program: string | undefined;

/**
 * The program's hash, written into the bundle when it is made (src/prepare.ts):
 * the bundle is the program as dist/ was then, so it need not read dist/ again
 * at every start. Undefined when run from the modules of dist/.
 */
declare const BULLETIN_PROGRAM: string | undefined;

/** The program: its version and the bytes of its compiled code. */
export function hashProgram(): string {
  if (typeof BULLETIN_PROGRAM === 'string') return BULLETIN_PROGRAM;
  const hash = createHash('sha256').update(VERSION);
  for (const file of listFiles(DIST).filter((f) => f.endsWith('.js')).sort()) {
    hash.update(path.relative(DIST, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** The files an issue is built from, besides the program and the vendored fonts: itself, its publication file, images and fonts. */
export function dependenciesOf(input: string, issue: Issue): string[] {
  const images = issue.sections.flatMap((s) => s.articles.flatMap((a) => a.body.flatMap((b) => (b.kind === 'image' ? [b.file] : []))));
  return [input, issue.publicationFile, ...images, ...Object.values(issue.style.fonts ?? {})].filter((f): f is string => f !== undefined);
}

function readState(folder: string): StateFile {
  try {
    return JSON.parse(readFileSync(path.join(folder, STATE_FILE), 'utf8')) as StateFile;
  } catch {
    return {};
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
