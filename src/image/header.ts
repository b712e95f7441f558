/**
 * An image's header, read without decoding a pixel: its format and size, how its
 * colour is stored, and whether the file can hold the pixels it claims. The loader
 * refuses here, at the image's key, what no build could place: a file that is not
 * PNG or JPEG, a damaged header, more than MAX_PIXELS, a file far too short for its
 * size (a few hundred bytes claiming 39 megapixels), a JPEG kind PDF and the
 * decoder do not take. Sources: ITU-T T.81 (JPEG) §B.1–B.2, Adobe Technical Note
 * 5116 (the APP14 marker), CIPA DC-008 (Exif) §4.6.4 (orientation), PNG
 * (ISO/IEC 15948) §11.2, RFC 1950–1951 (zlib, deflate).
 */
import { crc32 } from 'node:zlib';

/** The largest image taken: 40 megapixels (an 8000 × 5000 photo). */
export const MAX_PIXELS = 40_000_000;

/** What the loader reads of an image file: at most this much of its start. */
export const HEADER_BYTES = 1024 * 1024;

export interface JpegInfo {
  /** Colour components: 1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK. */
  components: number;
  progressive: boolean;
  /** Arithmetic coding (SOF9–11): a decoder reads it, PDF's DCTDecode need not. */
  arithmetic: boolean;
  /**
   * An Adobe APP14 marker: a CMYK JPEG then stores its ink inverted, as Photoshop
   * writes it (Technical Note 5116), and its `transform` says whether it is YCCK.
   */
  adobe?: { transform: number };
}

export interface PngInfo {
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  depth: number;
  /** PNG §11.2.2: 0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGB and alpha. */
  colourType: number;
  interlaced: boolean;
  /** Colours in the palette (colour type 3). */
  paletteSize?: number;
  /** A tRNS chunk: a transparent colour key, or alpha for palette entries. */
  transparency: boolean;
}

export interface ImageHeader {
  format: 'jpeg' | 'png';
  /** Pixels as stored. */
  width: number;
  height: number;
  /** Exif orientation, 1–8 (1: as stored); only JPEGs carry one here. */
  orientation: number;
  /** Pixels as shown, the orientation applied: width and height swap for 5–8. */
  shown: { width: number; height: number };
  jpeg?: JpegInfo;
  png?: PngInfo;
}

/**
 * The header of an image from its first bytes (`head`, at least HEADER_BYTES
 * of it unless the file is shorter) and its size in bytes, or why it is refused.
 */
export function readHeader(head: Uint8Array, size: number): ImageHeader | string {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  try {
    if (b[0] === 0x89 && b.toString('latin1', 1, 4) === 'PNG') return pngHeader(b, size);
    if (b[0] === 0xff && b[1] === 0xd8) return jpegHeader(b, size);
    return 'not a PNG or JPEG file';
  } catch (e) {
    // A read past the end of what was given: the header is cut short.
    if (e instanceof RangeError) return head.length < size ? 'a header larger than any camera writes' : 'a damaged image: its header is cut short';
    throw e;
  }
}

function tooLarge(width: number, height: number): string | null {
  return width * height > MAX_PIXELS ? `the image is ${width} × ${height} pixels; at most ${MAX_PIXELS / 1e6} megapixels are taken` : null;
}

function tooShort(size: number, width: number, height: number): string {
  return `the file is ${size} bytes, too few for the ${width} × ${height} pixels its header claims: it is damaged or forged`;
}

function shownOf(width: number, height: number, orientation: number) {
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

// JPEG ---------------------------------------------------------------------------

/** T.81 Table B.1: frame markers. Lossless and hierarchical frames are not taken. */
const FRAMES: Record<number, { progressive: boolean; arithmetic: boolean } | string> = {
  0xc0: { progressive: false, arithmetic: false },
  0xc1: { progressive: false, arithmetic: false },
  0xc2: { progressive: true, arithmetic: false },
  0xc3: 'a lossless JPEG',
  0xc5: 'a hierarchical JPEG',
  0xc6: 'a hierarchical JPEG',
  0xc7: 'a hierarchical JPEG',
  0xc9: { progressive: false, arithmetic: true },
  0xca: { progressive: true, arithmetic: true },
  0xcb: 'a lossless JPEG',
  0xcd: 'a hierarchical JPEG',
  0xce: 'a hierarchical JPEG',
  0xcf: 'a hierarchical JPEG',
};

function jpegHeader(b: Buffer, size: number): ImageHeader | string {
  let i = 2;
  let orientation = 1;
  let adobe: JpegInfo['adobe'];
  for (;;) {
    if (b[i] !== 0xff) return 'a damaged JPEG file: a marker was expected';
    // Fill bytes (T.81 §B.1.1.2) may precede a marker.
    while (b[i + 1] === 0xff) i++;
    const marker = b[i + 1]!;
    if (marker === 0xd9 || marker === 0xda) return 'a damaged JPEG file: no frame header before the image data';
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    const body = b.subarray(i + 4, i + 2 + length);
    if (body.length < length - 2) b.readUInt8(b.length); // cut short: a RangeError
    if (marker === 0xe1 && body.toString('latin1', 0, 6) === 'Exif\0\0') orientation = exifOrientation(body.subarray(6));
    if (marker === 0xee && body.toString('latin1', 0, 5) === 'Adobe' && body.length >= 12) adobe = { transform: body[11]! };
    const frame = FRAMES[marker];
    if (frame !== undefined) {
      if (typeof frame === 'string') return `${frame}; save it as an ordinary (baseline or progressive) JPEG`;
      return jpegFrame(body, frame, { orientation, adobe, size });
    }
    i += 2 + length;
  }
}

/** T.81 §B.2.2: the frame header's size and components, and whether the file can hold them. */
function jpegFrame(
  body: Buffer,
  frame: { progressive: boolean; arithmetic: boolean },
  seen: { orientation: number; adobe: JpegInfo['adobe']; size: number },
): ImageHeader | string {
  const precision = body[0]!;
  const height = body.readUInt16BE(1);
  const width = body.readUInt16BE(3);
  const components = body[5]!;
  if (precision !== 8) return `a JPEG of ${precision}-bit samples; save it as an ordinary 8-bit JPEG`;
  if (width === 0 || height === 0) return 'a JPEG file without a size in its frame header';
  if (![1, 3, 4].includes(components)) return `a JPEG of ${components} colour components`;
  const large = tooLarge(width, height);
  if (large) return large;
  // Every 8 × 8 block of every component is coded; with Huffman codes (at least one
  // bit each) the fullest component alone takes a bit a block.
  const sampling = Array.from({ length: components }, (_, c) => body[7 + 3 * c]!);
  const hMax = Math.max(...sampling.map((s) => s >> 4));
  const vMax = Math.max(...sampling.map((s) => s & 15));
  if (hMax === 0 || vMax === 0) return 'a damaged JPEG file: a component without sampling factors';
  const blocks = Math.max(
    ...sampling.map((s) => Math.ceil(Math.ceil((width * (s >> 4)) / hMax) / 8) * Math.ceil(Math.ceil((height * (s & 15)) / vMax) / 8)),
  );
  if (!frame.arithmetic && seen.size * 8 < blocks) return tooShort(seen.size, width, height);
  const { orientation, adobe } = seen;
  return {
    format: 'jpeg',
    width,
    height,
    orientation,
    shown: shownOf(width, height, orientation),
    jpeg: { components, ...frame, ...(adobe ? { adobe } : {}) },
  };
}

/** CIPA DC-008 §4.6.4: the Orientation tag (0x0112) of the first IFD, 1 when absent or odd. */
function exifOrientation(tiff: Buffer): number {
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  try {
    const ifd = u32(4);
    const entries = u16(ifd);
    for (let e = 0; e < entries; e++) {
      const at = ifd + 2 + 12 * e;
      if (u16(at) === 0x0112) {
        const value = u16(at + 8);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
  } catch {
    // A damaged Exif block says nothing of the orientation.
  }
  return 1;
}

// PNG ----------------------------------------------------------------------------

/** PNG §11.2.2 Table 11.1: samples per pixel and allowed depths by colour type. */
const PNG_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

/** Deflate's greatest ratio (RFC 1951: a 258-byte match in one bit, about 1032 : 1), with room. */
const MAX_INFLATE_RATIO = 1100;

function pngHeader(b: Buffer, size: number): ImageHeader | string {
  if (b.readUInt32BE(4) !== 0x0d0a1a0a) return 'a damaged PNG file: its signature is altered (sent as text?)';
  if (b.readUInt32BE(8) !== 13 || b.toString('latin1', 12, 16) !== 'IHDR') return 'a damaged PNG file: no header chunk';
  if (!crcMatches(b, 8, 13)) return 'a damaged PNG file: its header chunk fails its checksum';
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const depth = b[24]!;
  const colourType = b[25]!;
  const interlaced = b[28] === 1;
  const type = PNG_TYPES[colourType];
  if (width === 0 || height === 0 || !type) return 'a PNG file without a valid header';
  if (!type.depths.includes(depth)) return `a PNG of colour type ${colourType} with ${depth}-bit samples, which PNG does not allow`;
  if (b[26] !== 0 || b[27] !== 0 || b[28]! > 1) return 'a PNG file without a valid header';
  const large = tooLarge(width, height);
  if (large) return large;
  const raw = height * (1 + Math.ceil((width * type.channels * depth) / 8));
  if (size * MAX_INFLATE_RATIO < raw) return tooShort(size, width, height);
  const chunks = pngChunks(b, size);
  if (typeof chunks === 'string') return chunks;
  if (colourType === 3 && chunks.paletteSize === undefined) return 'a damaged PNG file: a palette image without its palette';
  return {
    format: 'png',
    width,
    height,
    orientation: 1,
    shown: { width, height },
    png: {
      depth,
      colourType,
      interlaced,
      ...(chunks.paletteSize === undefined ? {} : { paletteSize: chunks.paletteSize }),
      transparency: chunks.transparency,
    },
  };
}

/**
 * The chunks before the image data, each checked against its CRC, and the start
 * of the image data: a zlib stream of deflate without a preset dictionary (RFC 1950 §2.2).
 */
function pngChunks(b: Buffer, size: number): { paletteSize?: number; transparency: boolean } | string {
  let pos = 8;
  let paletteSize: number | undefined;
  let transparency = false;
  while (pos + 8 <= b.length) {
    const length = b.readUInt32BE(pos);
    const kind = b.toString('latin1', pos + 4, pos + 8);
    if (kind === 'IDAT') {
      if (pos + 10 > b.length) break;
      const cmf = b[pos + 8]!;
      const flg = b[pos + 9]!;
      if ((cmf & 15) !== 8 || (cmf << 8 | flg) % 31 !== 0 || flg & 0x20) return 'a damaged PNG file: its image data does not start as compressed data';
      return { ...(paletteSize === undefined ? {} : { paletteSize }), transparency };
    }
    if (kind === 'IEND') return 'a PNG file without image data';
    if (pos + 12 + length > b.length) break;
    if (!crcMatches(b, pos, length)) return `a damaged PNG file: its ${kind.replace(/[^\x21-\x7e]/g, '?')} chunk fails its checksum`;
    if (kind === 'PLTE') paletteSize = Math.floor(length / 3);
    if (kind === 'tRNS') transparency = true;
    pos += 12 + length;
  }
  return b.length < size ? 'a PNG with more than a megabyte before its image data' : 'a damaged PNG file: cut short before its image data';
}

function crcMatches(b: Buffer, pos: number, length: number): boolean {
  return (crc32(b.subarray(pos + 4, pos + 8 + length)) >>> 0) === b.readUInt32BE(pos + 8 + length);
}
