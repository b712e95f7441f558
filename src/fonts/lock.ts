/**
 * `npm install` (prepare) records the SHA-256 of each vendored font with its size
 * and time in dist/fonts.lock.json, so that deciding whether an issue is up to date
 * need not read 40 MB of fonts on every build. A font whose size or time differs
 * from the record is hashed again.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FONT_DIR, FONT_FILES } from './fonts.js';

export const LOCK_FILE = fileURLToPath(new URL('../fonts.lock.json', import.meta.url));

type Lock = Record<string, { size: number; mtimeMs: number; sha256: string }>;

/** The SHA-256 of a font file: from the record when the file is as recorded. */
export function fontHash(file: string, lock: Lock = readLock()): string {
  const stat = statSync(file);
  const entry = lock[file];
  if (entry && entry.size === stat.size && entry.mtimeMs === stat.mtimeMs) return entry.sha256;
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function readLock(): Lock {
  try {
    return JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Lock;
  } catch {
    return {};
  }
}

/** Write the record of the vendored fonts (run by `npm install`). */
export function writeLock(): void {
  const lock: Lock = {};
  for (const name of Object.values(FONT_FILES)) {
    const file = `${FONT_DIR}${name}`;
    const stat = statSync(file);
    lock[file] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: fontHash(file, {}) };
  }
  writeFileSync(LOCK_FILE, `${JSON.stringify(lock, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeLock();
