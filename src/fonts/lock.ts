/**
 * `npm install` (prepare) records each vendored font in dist/fonts.lock.json: its
 * SHA-256 with its size and time, so that deciding whether an issue is up to date
 * need not read 40 MB of fonts on every build, and the glyphs its `fwid` feature
 * gives the dashes, so that a build need not decode the font's GSUB and GPOS
 * tables to set them. A font whose size or time differs from the record is read
 * afresh.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../hash.js';
import { DIST } from '../paths.js';
import { FONT_DIR } from './files.js';

export const LOCK_FILE = path.join(DIST, 'fonts.lock.json');

export interface LockEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
  /** The glyph each shaped text (the dashes) is drawn with, null where the font has none. */
  shaped?: Record<string, { id: number; advance: number } | null>;
}

/** Keyed by the file's name in fonts/ (a record stays valid when the package moves). */
export type Lock = Record<string, LockEntry>;

/** The SHA-256 of a font file: from the record when the file is as recorded. */
export function fontHash(file: string): string {
  return lockEntry(file)?.sha256 ?? sha256(readFileSync(file));
}

/** The record of a font file, if it is a vendored one and as recorded. */
export function lockEntry(file: string): LockEntry | undefined {
  if (path.dirname(file) + path.sep !== FONT_DIR) return undefined;
  const entry = readLock()[path.basename(file)];
  if (!entry) return undefined;
  try {
    const stat = statSync(file);
    return entry.size === stat.size && entry.mtimeMs === stat.mtimeMs ? entry : undefined;
  } catch {
    return undefined;
  }
}

let cached: Lock | undefined;

/** The record, read once a process. */
export function readLock(): Lock {
  if (!cached) {
    try {
      cached = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Lock;
    } catch {
      cached = {};
    }
  }
  return cached;
}
