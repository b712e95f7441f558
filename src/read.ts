/**
 * Files read as the issue names them: opened once, by file descriptor; a regular
 * file only (a named pipe would hang the read, a device never end it); inside the
 * issue's folder when one is given, checked on the file that was opened, not on
 * the name before it (a file swapped for a link to another folder between the
 * loader's check and a worker's read is refused); and read to a bound, whatever
 * its size says.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * The most read of any file an issue names: a CJK font is 10–30 MB, a collection
 * of them up to 200 MB; a 40-megapixel PNG stored without compression, 160 MB.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** Why a file was not read, in words for a message: "is a named pipe (FIFO), not a file". */
export class Unreadable extends Error {
  constructor(
    message: string,
    /** What was wrong: the errno code of the failing call, or the rule the file broke. */
    readonly code: string,
  ) {
    super(message);
    this.name = 'Unreadable';
  }
}

/** A file open for reading: its descriptor (the caller closes it), its size then, and the rest of what fstat said. */
export interface Opened {
  fd: number;
  size: number;
  stat: Stats;
}

/**
 * Open `file` for reading: a regular file, and, when `folder` (a real path) is
 * given, one whose real path is inside it. Not blocking: a named pipe opens at
 * once, and is refused.
 */
export function openChecked(file: string, folder?: string): Opened {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    // A socket cannot be opened at all.
    throw new Unreadable(code === 'ENOENT' ? 'no such file' : code === 'ENXIO' ? 'is a socket, not a file' : `cannot read the file (${code})`, code);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Unreadable(`is ${kindOf(stat)}, not a file`, 'ENOTFILE');
    if (folder !== undefined && !stillInside(file, folder, stat)) {
      throw new Unreadable("leads outside the issue's folder", 'EOUTSIDE');
    }
    return { fd, size: stat.size, stat };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * The bytes of `file`, checked as openChecked checks it, read to at most `limit`
 * bytes: a file that grows past it while read is refused as one that was larger.
 */
export function readChecked(file: string, limit: number, folder?: string): Buffer {
  const { fd, size } = openChecked(file, folder);
  try {
    if (size > limit) throw new Unreadable(`the file is ${size} bytes; the limit is ${limit}`, 'ETOOLARGE');
    const bytes = readOpened(fd, size, limit + 1);
    if (bytes.length > limit) throw new Unreadable(`the file is more than ${limit} bytes; the limit is ${limit}`, 'ETOOLARGE');
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * At most `most` bytes of a file just opened (`size`: its size then), from its
 * start: read to the end, whatever the size said (a file of /proc says 0; one
 * being written grows), and never past `most`.
 */
export function readOpened(fd: number, size: number, most: number): Buffer {
  let bytes = Buffer.allocUnsafe(Math.min(most, Math.max(size + 1, 65536)));
  let got = 0;
  for (;;) {
    if (got === bytes.length) {
      if (got >= most) break;
      const larger = Buffer.allocUnsafe(Math.min(most, 2 * got));
      bytes.copy(larger, 0, 0, got);
      bytes = larger;
    }
    const n = readSync(fd, bytes, got, bytes.length - got, null);
    if (n === 0) break;
    got += n;
  }
  return bytes.subarray(0, got);
}

/**
 * Whether the file open as `opened` is the one at a real path inside `folder`:
 * the name's real path now is inside, and is the same file (device and inode)
 * as the one opened. A link swapped in before the open resolves outside; one
 * swapped back after it resolves to another file.
 */
function stillInside(file: string, folder: string, opened: Stats): boolean {
  let real: string;
  let now: Stats;
  try {
    real = realpathSync(file);
    now = statSync(real);
  } catch {
    return false;
  }
  return inside(folder, real) && now.dev === opened.dev && now.ino === opened.ino;
}

/** Whether `file` is `folder` or under it, by their names as given (real paths, for links). */
export function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** What a file that is not a regular one is, for a message. */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'something other than a file';
}
