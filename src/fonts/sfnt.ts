/**
 * The table directories of a font file (OpenType §5: the font's, or each face's
 * of a collection), read into a buffer of the file's size without the tables
 * themselves, so that only the tables needed are read from disk.
 */
import { readSync } from 'node:fs';

export interface TableRecord {
  offset: number;
  length: number;
}

/**
 * Where each face's table directory starts (one for a font, one per face of a
 * collection, `ttcf`), read into `bytes` with the collection's header. `bytes` is
 * as long as the file.
 */
export function directories(fd: number, bytes: Buffer): number[] {
  const size = bytes.length;
  if (size < 12) return [0];
  readSync(fd, bytes, 0, 12, 0);
  let starts = [0];
  if (bytes.toString('latin1', 0, 4) === 'ttcf') {
    const count = Math.min(bytes.readUInt32BE(8), Math.floor((size - 12) / 4));
    readSync(fd, bytes, 12, 4 * count, 12);
    starts = Array.from({ length: count }, (_, i) => bytes.readUInt32BE(12 + 4 * i)).filter((at) => at + 12 <= size);
  }
  for (const at of starts) {
    readSync(fd, bytes, at, 12, at);
    const length = Math.max(0, Math.min(16 * bytes.readUInt16BE(at + 4), size - at - 12));
    readSync(fd, bytes, at + 12, length, at + 12);
  }
  return starts;
}

/** The tables of the face whose directory starts at `at`; undefined when the directory or a table runs past the end. */
export function tablesAt(bytes: Buffer, at: number): Map<string, TableRecord> | undefined {
  if (at + 12 > bytes.length) return undefined;
  const count = bytes.readUInt16BE(at + 4);
  if (at + 12 + 16 * count > bytes.length) return undefined;
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < count; i++) {
    const t = at + 12 + 16 * i;
    const record = { offset: bytes.readUInt32BE(t + 8), length: bytes.readUInt32BE(t + 12) };
    if (record.offset + record.length > bytes.length) return undefined;
    tables.set(bytes.toString('latin1', t, t + 4), record);
  }
  return tables;
}

/** Read the table `t` of the file into its place in `bytes`. */
export function readTable(fd: number, bytes: Buffer, t: TableRecord): void {
  readSync(fd, bytes, t.offset, t.length, t.offset);
}
