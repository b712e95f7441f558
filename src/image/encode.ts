/**
 * Images for the page, once a build and one at a time: each file is read, its
 * header checked again, then decoded, resampled and encoded by sharp (libvips),
 * and only the encoded bytes are kept for the writer. What the print shop gets:
 *
 * - no more pixels than `ppi` at the largest size the image prints (300 by
 *   default, `style.imagePpi`), never more than the file has: resampled down with
 *   Lanczos 3, never up; a JPEG decoded at a fraction of its size where that
 *   suffices (libvips's shrink-on-load), so a 12-megapixel photo never lies
 *   decoded whole in memory;
 * - photos as JPEG (DCTDecode), quality JPEG_QUALITY; a CMYK JPEG that needs no
 *   resampling nor turning is passed through as it is, byte for byte;
 * - line art and screenshots (a palette PNG, or a PNG of at most 256 colours, or
 *   one whose pixels mostly repeat their left neighbour) lossless, as deflated
 *   CMYK samples (FlateDecode);
 * - everything in CMYK (T21): RGB and grey converted once (cmyk.ts), CMYK kept as
 *   it is; transparency composited on white paper; the Exif orientation of a JPEG
 *   applied.
 *
 * The decoder is bounded: at most MAX_PIXELS (read from the header before any
 * decoding), and any warning of the decoder (data cut short, image data beyond
 * the image) refuses the file, at its place in the issue.
 */
import { deflateSync } from 'node:zlib';
import { problemAt, InputError, type SourceText } from '../issue/index.js';
import { toCmyk } from './cmyk.js';
import { MAX_PIXELS, readHeader, type ImageHeader } from './header.js';
import { imageKey } from './key.js';
import { readImageFile } from './read.js';

/** JPEG quality of re-encoded photos: no visible loss in a printed halftone. */
export const JPEG_QUALITY = 85;

/** An image ready for the PDF. */
export interface EncodedImage {
  /** Pixels stored. */
  width: number;
  height: number;
  /** DCTDecode: `data` is a JPEG file; FlateDecode: `data` is 8-bit CMYK samples, four a pixel, deflated (RFC 1950). */
  filter: 'DCTDecode' | 'FlateDecode';
  data: Uint8Array;
  /** The ink is stored inverted (a CMYK JPEG with Adobe's APP14 marker): the writer sets Decode [1 0 1 0 1 0 1 0]. */
  inverted: boolean;
  /** Passed through as it was, re-encoded as a photo, or kept lossless as line art. */
  kind: 'passed' | 'photo' | 'line-art';
}

/** Where an image prints: its file, its size on the page (points), and the text that named it. */
export interface ImageUse {
  file: string;
  width: number;
  height: number;
  named: SourceText;
}

/**
 * Each image once for each width it prints at (imageKey), one decoded at a time:
 * what the writer places, by key. `folder`: the (a real path), which each
 * file must still be inside when it is read (read.ts).
 */
export async function encodeImages(uses: readonly ImageUse[], ppi: number, folder?: string): Promise<Map<string, EncodedImage>> {
  const out = new Map<string, EncodedImage>();
  for (const use of uses) {
    const key = imageKey(use.file, use.width);
    if (out.has(key)) continue;
    const encoded = await encodeImage(use, ppi, folder).catch((e: unknown) => {
      if (e instanceof InputError || !(e instanceof Error)) throw e;
      return refused(use, `a damaged image (${e.message.replace(/\s+/g, ' ').trim()})`);
    });
    out.set(key, encoded);
  }
  return out;
}

function refused(use: ImageUse, message: string): never {
  throw new InputError([problemAt('error', use.named.source, 0, `${use.named.text}: ${message}`, 'open the image and save it again as PNG or JPEG (at most 40 megapixels)')]);
}

/** One image for one size, from the bytes of one read of its file: sharp opens no file. */
export async function encodeImage(use: ImageUse, ppi: number, folder?: string): Promise<EncodedImage> {
  const file = readImageFile(use.file, undefined, folder);
  if (typeof file === 'string') return refused(use, file);
  const header = readHeader(file.bytes, file.size);
  if (typeof header === 'string') return refused(use, header);
  const { shown } = header;
  // Never more than `ppi` at the printed width: floor, so that it is at most that.
  const wanted = Math.floor((use.width / 72) * ppi);
  const width = Math.max(1, Math.min(shown.width, wanted));
  const height = width === shown.width ? shown.height : Math.max(1, Math.round((shown.height * width) / shown.width));
  if (width === shown.width && passes(header)) {
    return { width, height, filter: 'DCTDecode', data: file.bytes, inverted: header.jpeg?.adobe !== undefined, kind: 'passed' };
  }
  const pixels = await decode(file.bytes, header, width, height);
  const lineArt = header.format === 'png' && isLineArt(pixels.data, pixels.channels, header);
  const cmyk = pixels.channels === 4 ? pixels.data : toCmyk(pixels.data);
  if (lineArt) return { width, height, filter: 'FlateDecode', data: deflateSync(cmyk), inverted: false, kind: 'line-art' };
  return { width, height, ...(await jpegOf(cmyk, width, height)), kind: 'photo' };
}

/** A JPEG PDF can take as it is: CMYK already, Huffman-coded, upright. */
function passes(header: ImageHeader): boolean {
  return header.jpeg?.components === 4 && !header.jpeg.arithmetic && header.orientation === 1;
}

type Sharp = typeof import('sharp').default;

/** sharp, loaded on first use: a build without images, and `check`, never load libvips. */
async function sharpOf(): Promise<Sharp> {
  const { default: sharp } = await import('sharp');
  // No cache of decoded images or operations between builds: each image is used once.
  sharp.cache(false);
  return sharp;
}

/**
 * The pixels at `width × height`, oriented, over white: 8-bit RGB (three bytes a
 * pixel), or CMYK (four) when the file is CMYK.
 */
async function decode(bytes: Uint8Array, header: ImageHeader, width: number, height: number): Promise<{ data: Uint8Array; channels: 3 | 4 }> {
  const sharp = await sharpOf();
  const cmyk = header.jpeg?.components === 4;
  // failOn 'warning': a file the decoder has to guess at (cut short, data past the
  // image, a damaged block) is refused rather than printed with grey patches.
  let pipeline = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'warning', sequentialRead: true });
  // Only the orientation the header reader saw: the layout sized the image by it.
  if (header.format === 'jpeg') pipeline = pipeline.autoOrient();
  pipeline = cmyk ? pipeline.pipelineColourspace('cmyk') : pipeline.flatten({ background: '#ffffff' });
  if (width !== header.shown.width || height !== header.shown.height) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
  const { data, info } = await pipeline.toColourspace(cmyk ? 'cmyk' : 'srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const channels = cmyk ? 4 : 3;
  if (info.channels !== channels || info.width !== width || info.height !== height) {
    throw new Error(`internal: decoded ${info.width} × ${info.height} × ${info.channels}, expected ${width} × ${height} × ${channels}`);
  }
  return { data, channels };
}

/**
 * Line art and screenshots, kept lossless: a palette PNG, or one of at most 256
 * colours, or one where most pixels repeat their left neighbour exactly (flat
 * areas, sharp edges). A photo saved as PNG has sensor noise: almost none do.
 */
export function isLineArt(data: Uint8Array, channels: number, header: ImageHeader): boolean {
  if (header.png?.colourType === 3) return true;
  const pixels = data.length / channels;
  const colours = new Set<number>();
  let repeats = 0;
  for (let p = 0; p < pixels; p++) {
    const i = p * channels;
    let key = 0;
    for (let c = 0; c < channels; c++) key = key * 256 + data[i + c]!;
    if (colours.size <= 256) colours.add(key);
    if (p > 0 && data[i] === data[i - channels] && data[i + 1] === data[i + 1 - channels] && data[i + 2] === data[i + 2 - channels]) repeats++;
  }
  return colours.size <= 256 || repeats >= pixels / 2;
}

/**
 * CMYK samples as a JPEG: sharp takes them as three bands and a fourth joined to
 * them, named CMYK by the output colour space (sharp's joinChannel), and libvips
 * writes them, as Photoshop does, inverted under an Adobe marker.
 */
async function jpegOf(cmyk: Uint8Array, width: number, height: number): Promise<Pick<EncodedImage, 'filter' | 'data' | 'inverted'>> {
  const sharp = await sharpOf();
  const pixels = width * height;
  const cmy = Buffer.allocUnsafe(pixels * 3);
  const k = Buffer.allocUnsafe(pixels);
  for (let p = 0; p < pixels; p++) {
    cmy[p * 3] = cmyk[p * 4]!;
    cmy[p * 3 + 1] = cmyk[p * 4 + 1]!;
    cmy[p * 3 + 2] = cmyk[p * 4 + 2]!;
    k[p] = cmyk[p * 4 + 3]!;
  }
  const data = await sharp(cmy, { raw: { width, height, channels: 3 } })
    .joinChannel(k, { raw: { width, height, channels: 1 } })
    .toColourspace('cmyk')
    .jpeg({ quality: JPEG_QUALITY, optimiseCoding: true })
    .toBuffer();
  const header = readHeader(data, data.length);
  if (typeof header === 'string' || header.jpeg?.components !== 4) throw new Error('internal: the encoder did not write a CMYK JPEG');
  return { filter: 'DCTDecode', data, inverted: header.jpeg.adobe !== undefined };
}
