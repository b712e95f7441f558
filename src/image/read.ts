/**
 * The one place image files are read, by the loader (their first bytes) and by the
 * encoder (the whole file): a reader confined to the folder can take its
 * place without either knowing.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

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
 * it cannot be read. A file over MAX_IMAGE_BYTES is refused before anything is read.
 */
export function readImageFile(file: string, limit = MAX_IMAGE_BYTES): ImageFile | string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return 'not a file';
    if (stat.size > MAX_IMAGE_BYTES) return `the file is ${megabytes(stat.size)}; an image file of at most ${megabytes(MAX_IMAGE_BYTES)} is taken`;
    const bytes = Buffer.alloc(Math.min(limit, stat.size));
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return { bytes: bytes.subarray(0, got), size: stat.size };
  } catch (e) {
    return `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function megabytes(n: number): string {
  return `${(n / 2 ** 20).toFixed(n < 10 * 2 ** 20 ? 1 : 0)} MB`;
}
