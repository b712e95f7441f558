/** A small PNG made in memory, for tests that need an image file. */
import { deflateSync } from 'node:zlib';
import { pngChunk } from '../../bench/hostile.mjs';

/** An 8-bit RGB PNG of the given size, filled with one colour. */
export function png(width: number, height: number, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface PngSpec {
  width: number;
  height: number;
  /** PNG §11.2.2: 0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGB and alpha. */
  colourType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  /** Adam7 interlacing (PNG §8.2). */
  interlaced?: boolean;
  /** RGB triples, for colour type 3. */
  palette?: [number, number, number][];
  /** The tRNS chunk's bytes as PNG §11.3.2.1 lays them out. */
  trns?: number[];
  /** The samples of the pixel at x, y, each within the depth. */
  pixel: (x: number, y: number) => number[];
}

/** Adam7's passes: first column and row, then the step between them (PNG §8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** A PNG of any colour type and depth, interlaced or not, written here from the specification. */
export function pngOf(spec: PngSpec): Buffer {
  const { width, height, colourType, depth } = spec;
  const row = (xs: number[], y: number): Buffer => {
    const samples = xs.flatMap((x) => spec.pixel(x, y));
    const bytes: number[] = [0]; // filter type 0: None
    if (depth === 16) for (const s of samples) bytes.push(s >> 8, s & 0xff);
    else if (depth === 8) bytes.push(...samples);
    else {
      let acc = 0;
      let bits = 0;
      for (const s of samples) {
        acc = (acc << depth) | s;
        bits += depth;
        if (bits === 8) {
          bytes.push(acc);
          acc = 0;
          bits = 0;
        }
      }
      if (bits > 0) bytes.push(acc << (8 - bits));
    }
    return Buffer.from(bytes);
  };
  const range = (from: number, to: number, step: number) => Array.from({ length: Math.max(0, Math.ceil((to - from) / step)) }, (_, i) => from + i * step);
  const rows: Buffer[] = [];
  const passes = spec.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  for (const [x0, y0, dx, dy] of passes) {
    const xs = range(x0, width, dx);
    if (xs.length === 0) continue;
    for (const y of range(y0, height, dy)) rows.push(row(xs, y));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colourType;
  ihdr[12] = spec.interlaced ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...(spec.palette ? [pngChunk('PLTE', Buffer.from(spec.palette.flat()))] : []),
    ...(spec.trns ? [pngChunk('tRNS', Buffer.from(spec.trns))] : []),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
