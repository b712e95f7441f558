/**
 * Images read as RGBA, synchronously and checked: the loader reads every image so
 * that a damaged file, or one too large to hold, is an error at its place in the
 * issue (and `bulletin check` finds it), never a crash while the PDF is written;
 * the writer then takes the same pixels from a small cache instead of decoding
 * the file again. PNG is decoded here (inflate, then the scanline filters of
 * PNG §9); JPEG by jpeg-js, its size read first from its frame header.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { MAX_INPUT_BYTES, Unreadable, readChecked } from '../read.js';

const require = createRequire(import.meta.url);

/** The largest image taken: 40 megapixels (an 8000 × 5000 photo), 160 MB of RGBA. */
export const MAX_PIXELS = 40_000_000;

export interface Rgba {
  width: number;
  height: number;
  /** 4 bytes a pixel. */
  rgba: Uint8Array;
}

/** Decoded images by file, as long as the file is unchanged; at most CACHE_BYTES of pixels, the oldest dropped first. */
const cache = new Map<string, { stamp: string; pixels: Rgba }>();
const CACHE_BYTES = 320_000_000;

/** The pixels of an image file (inside `folder`, the issue's, when given), or the reason they cannot be had. */
export function readImage(given: string, folder?: string): Rgba | string {
  // Keyed by the absolute path: the loader and the writer name the file differently.
  const file = path.resolve(given);
  let stamp: string;
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    stamp = `${stat.size}:${stat.mtimeMs}`;
    const hit = cache.get(file);
    if (hit?.stamp === stamp) return hit.pixels;
    bytes = readChecked(file, MAX_INPUT_BYTES, folder);
  } catch (e) {
    if (e instanceof Unreadable) return e.message;
    return `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  const pixels = decodeImage(bytes);
  if (typeof pixels === 'string') return pixels;
  cache.delete(file);
  cache.set(file, { stamp, pixels });
  let held = 0;
  for (const { pixels: p } of cache.values()) held += p.rgba.length;
  for (const [key, { pixels: p }] of cache) {
    if (held <= CACHE_BYTES || key === file) break;
    cache.delete(key);
    held -= p.rgba.length;
  }
  return pixels;
}

/** The image's pixels, or the reason they cannot be had. */
export function decodeImage(bytes: Uint8Array): Rgba | string {
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50) return decodePng(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return decodeJpeg(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return 'not a PNG or JPEG file';
  } catch (e) {
    return `a damaged image (${(e as Error).message})`;
  }
}

function tooLarge(width: number, height: number): string | null {
  return width * height > MAX_PIXELS ? `the image is ${width} × ${height} pixels; at most ${MAX_PIXELS / 1e6} megapixels are taken` : null;
}

/** A JPEG's size from its start-of-frame marker (every SOFn but DHT, JPG and DAC), or why it has none. */
function jpegSize(b: Buffer): { width: number; height: number } | string {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return 'a damaged JPEG file';
    const marker = b[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = b.readUInt16BE(i + 5);
      const width = b.readUInt16BE(i + 7);
      return width > 0 && height > 0 ? { width, height } : 'a JPEG file without pixels';
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  return 'a damaged JPEG file';
}

function decodeJpeg(bytes: Buffer): Rgba | string {
  const size = jpegSize(bytes);
  if (typeof size === 'string') return size;
  const large = tooLarge(size.width, size.height);
  if (large) return large;
  const jpeg = require('jpeg-js') as typeof import('jpeg-js');
  const { width, height, data } = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_PIXELS / 1e6,
    maxMemoryUsageInMB: 1024,
  });
  return { width, height, rgba: data };
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function decodePng(b: Buffer): Rgba | string {
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let type = 0;
  let interlace = 0;
  let palette: Buffer | undefined;
  let alpha: Buffer | undefined;
  const data: Buffer[] = [];
  while (pos + 8 <= b.length) {
    const length = b.readUInt32BE(pos);
    const kind = b.toString('latin1', pos + 4, pos + 8);
    const body = b.subarray(pos + 8, pos + 8 + length);
    if (body.length < length) return 'a PNG file cut short';
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8]!;
      type = body[9]!;
      interlace = body[12]!;
    } else if (kind === 'PLTE') palette = body;
    else if (kind === 'tRNS') alpha = body;
    else if (kind === 'IDAT') data.push(body);
    else if (kind === 'IEND') break;
    pos += 12 + length;
  }
  const large = tooLarge(width, height);
  if (large) return large;
  const channels = CHANNELS[type];
  if (!width || !height || channels === undefined) return 'a PNG file without a valid header';
  if (interlace) return 'an interlaced PNG; save it without interlacing';
  if (![1, 2, 4, 8, 16].includes(depth)) return `a PNG of ${depth}-bit samples`;
  const stride = Math.ceil((width * channels * depth) / 8);
  const bpp = Math.max(1, (channels * depth) / 8);
  const raw = inflateSync(Buffer.concat(data));
  if (raw.length < height * (stride + 1)) return 'a PNG file whose image data is cut short';
  const rgba = new Uint8Array(width * height * 4);
  let previous: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    // Unfiltered in place: raw is this decoder's own buffer.
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    unfilter(line, previous, filter, Math.ceil(bpp));
    for (let x = 0; x < width; x++) pixel(line, x, channels, depth, type, palette, alpha, rgba, (y * width + x) * 4);
    previous = line;
  }
  return { width, height, rgba };
}

/** PNG §9.2: undo a scanline's filter in place. */
function unfilter(line: Uint8Array, above: Uint8Array, filter: number, bpp: number): void {
  for (let i = 0; i < line.length; i++) {
    const a = i >= bpp ? line[i - bpp]! : 0;
    const b = above[i]!;
    const c = i >= bpp ? above[i - bpp]! : 0;
    let add = 0;
    if (filter === 1) add = a;
    else if (filter === 2) add = b;
    else if (filter === 3) add = (a + b) >> 1;
    else if (filter === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    } else if (filter !== 0) throw new Error(`unknown filter ${filter}`);
    line[i] = (line[i]! + add) & 0xff;
  }
}

/** One pixel of a scanline as RGBA. */
function pixel(
  line: Uint8Array,
  x: number,
  channels: number,
  depth: number,
  type: number,
  palette: Buffer | undefined,
  alpha: Buffer | undefined,
  out: Uint8Array,
  o: number,
): void {
  const sample = (k: number): number => {
    if (depth === 8) return line[x * channels + k]!;
    if (depth === 16) return line[(x * channels + k) * 2]!;
    const bit = (x * channels + k) * depth;
    const v = (line[bit >> 3]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    return type === 3 ? v : Math.round((v * 255) / ((1 << depth) - 1));
  };
  if (type === 3) {
    const i = sample(0);
    out[o] = palette?.[i * 3] ?? 0;
    out[o + 1] = palette?.[i * 3 + 1] ?? 0;
    out[o + 2] = palette?.[i * 3 + 2] ?? 0;
    out[o + 3] = alpha?.[i] ?? 255;
    return;
  }
  const grey = type === 0 || type === 4;
  out[o] = sample(0);
  out[o + 1] = grey ? out[o]! : sample(1);
  out[o + 2] = grey ? out[o]! : sample(2);
  out[o + 3] = type === 4 ? sample(1) : type === 6 ? sample(3) : 255;
}
