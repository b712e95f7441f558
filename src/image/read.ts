/**
 * The one place image files are read, by the loader (their first bytes) and by the
 * encoder (the whole file), through the checked reader (src/read.ts): opened once,
 * by descriptor, a regular file only, inside the folder when one is given
 * (checked on the file that was opened, so a link swapped in after the loader
 * looked is refused), and read to a bound whatever its size says.
 */
import { closeSync } from 'node:fs';
import { Unreadable, openChecked, readOpened } from '../read.js';

/** The largest image file taken: a 40-megapixel camera JPEG is some 20 MB. */
export const MAX_IMAGE_BYTES = 64 * 2 ** 20;

export interface ImageFile {
  /** The file's first bytes (all of them when it is no longer than the limit asked). */
  bytes: Buffer;
  /** The whole file's size. */
  size: number;
}

/**
 * Up to `limit` bytes from the start of an image file, with its size; or the reason
 * it cannot be read. A file over MAX_IMAGE_BYTES is refused before anything is read
 * (or when it is found larger as it is read). `folder`: the issue's, a real path,
 * which the file must be inside.
 */
export function readImageFile(file: string, limit = MAX_IMAGE_BYTES, folder?: string): ImageFile | string {
  let opened: { fd: number; size: number };
  try {
    opened = openChecked(file, folder);
  } catch (e) {
    if (e instanceof Unreadable) return e.message;
    throw e;
  }
  const { fd, size } = opened;
  try {
    if (size > MAX_IMAGE_BYTES) return tooLarge(megabytes(size));
    const bytes = readOpened(fd, size, Math.min(limit, MAX_IMAGE_BYTES + 1));
    if (bytes.length > MAX_IMAGE_BYTES) return tooLarge(`more than ${megabytes(MAX_IMAGE_BYTES)}`);
    return { bytes, size: Math.max(size, bytes.length) };
  } catch (e) {
    return `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: string): string {
  return `the file is ${size}; an image file of at most ${megabytes(MAX_IMAGE_BYTES)} is taken`;
}

function megabytes(n: number): string {
  return `${(n / 2 ** 20).toFixed(n < 10 * 2 ** 20 ? 1 : 0)} MB`;
}
