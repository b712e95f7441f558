/**
 * Image headers read without decoding (issue 15, item 2): the size and kind of a
 * JPEG (T.81 §B.2.2) and a PNG (§11.2.2), the Exif orientation (CIPA DC-008), and
 * what is refused before any decoding — over 40 megapixels, a file far too short
 * for the pixels it claims, kinds PDF and the decoder do not take, damage in the
 * header. Files are made here, from the specifications.
 */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngBomb, tinyHugeJpeg } from '../../bench/hostile.mjs';
import { jpegOf, withOrientation } from '../../test/helpers/jpeg.js';
import { png, pngOf } from '../../test/helpers/png.js';
import { MAX_PIXELS, readHeader } from './header.js';

const header = (b: Buffer) => readHeader(b, b.length);

describe('readHeader: JPEG', () => {
  it('the size from the frame header, baseline, three components, upright', () => {
    expect(header(jpegOf(40, 30, () => [200, 30, 30]))).toMatchObject({
      format: 'jpeg',
      width: 40,
      height: 30,
      orientation: 1,
      shown: { width: 40, height: 30 },
      jpeg: { components: 3, progressive: false, arithmetic: false },
    });
  });

  it('Exif orientation 5–8 turns the image a quarter: width and height as shown swap', () => {
    const file = jpegOf(40, 30, () => [0, 0, 0]);
    for (const o of [1, 2, 3, 4]) expect(header(withOrientation(file, o))).toMatchObject({ orientation: o, shown: { width: 40, height: 30 } });
    for (const o of [5, 6, 7, 8]) expect(header(withOrientation(file, o))).toMatchObject({ orientation: o, shown: { width: 30, height: 40 } });
    // A value outside 1–8 says nothing.
    expect(header(withOrientation(file, 9))).toMatchObject({ orientation: 1 });
  });

  it('a progressive frame (SOF2) and an arithmetic-coded one (SOF9) are told apart', () => {
    const sof = (marker: number) => {
      const b = Buffer.from(jpegOf(16, 16, () => [0, 0, 0]));
      const at = b.indexOf(Buffer.from([0xff, 0xc0]));
      b[at + 1] = marker;
      return b;
    };
    expect(header(sof(0xc2))).toMatchObject({ jpeg: { progressive: true, arithmetic: false } });
    expect(header(sof(0xc9))).toMatchObject({ jpeg: { progressive: false, arithmetic: true } });
    expect(header(sof(0xc3))).toMatch(/^a lossless JPEG/);
    expect(header(sof(0xc5))).toMatch(/^a hierarchical JPEG/);
  });

  it('refuses a few hundred bytes that claim 7200 × 5400 pixels, before decoding anything', () => {
    const file = tinyHugeJpeg();
    expect(file.length).toBeLessThan(1000);
    expect(7200 * 5400).toBeLessThan(MAX_PIXELS);
    expect(header(file)).toBe(`the file is ${file.length} bytes, too few for the 7200 × 5400 pixels its header claims: it is damaged or forged`);
  });

  it('refuses more than 40 megapixels by the header alone', () => {
    const b = Buffer.from(jpegOf(16, 16, () => [0, 0, 0]));
    const at = b.indexOf(Buffer.from([0xff, 0xc0]));
    b.writeUInt16BE(6000, at + 5);
    b.writeUInt16BE(8000, at + 7);
    expect(readHeader(b, 100_000_000)).toBe('the image is 8000 × 6000 pixels; at most 40 megapixels are taken');
  });

  it('refuses a JPEG of 12-bit samples, and one cut short in its header', () => {
    const b = Buffer.from(jpegOf(16, 16, () => [0, 0, 0]));
    const at = b.indexOf(Buffer.from([0xff, 0xc0]));
    const twelve = Buffer.from(b);
    twelve[at + 4] = 12;
    expect(header(twelve)).toMatch(/^a JPEG of 12-bit samples/);
    expect(header(b.subarray(0, at + 6))).toBe('a damaged image: its header is cut short');
  });

  it('not an image at all', () => {
    expect(header(Buffer.from('plain text, not a picture'))).toBe('not a PNG or JPEG file');
  });
});

describe('readHeader: PNG', () => {
  it('size, depth, colour type, interlacing, palette and transparency', () => {
    expect(header(png(4, 3))).toMatchObject({ format: 'png', width: 4, height: 3, shown: { width: 4, height: 3 }, png: { depth: 8, colourType: 2, interlaced: false, transparency: false } });
    const palette = pngOf({ width: 5, height: 5, colourType: 3, depth: 4, interlaced: true, palette: [[255, 0, 0], [0, 0, 255], [0, 0, 0]], trns: [0], pixel: (x) => [x % 3] });
    expect(header(palette)).toMatchObject({ png: { depth: 4, colourType: 3, interlaced: true, paletteSize: 3, transparency: true } });
    const deep = pngOf({ width: 3, height: 2, colourType: 6, depth: 16, pixel: () => [65535, 0, 0, 32768] });
    expect(header(deep)).toMatchObject({ png: { depth: 16, colourType: 6 } });
  });

  it('refuses a header claiming 40000 × 37500 pixels (1.5 GB of data) at once', () => {
    const bomb = pngBomb({ inflated: 1_000_000 });
    expect(header(bomb)).toBe('the image is 40000 × 37500 pixels; at most 40 megapixels are taken');
  });

  it('refuses a file too short to inflate to the pixels its header claims', () => {
    const small = Buffer.from(png(4, 3));
    small.writeUInt32BE(6000, 16);
    small.writeUInt32BE(6000, 20);
    // The checksum mended, so that the size is what is refused.
    small.writeUInt32BE(crc32(small.subarray(12, 29)) >>> 0, 29);
    expect(header(small)).toBe(`the file is ${small.length} bytes, too few for the 6000 × 6000 pixels its header claims: it is damaged or forged`);
  });

  it('refuses a damaged header chunk, image data that is not zlib, a palette image without its palette', () => {
    const good = png(4, 3);
    const crc = Buffer.from(good);
    crc[17] = crc[17]! ^ 1;
    expect(header(crc)).toBe('a damaged PNG file: its header chunk fails its checksum');
    const zlib = Buffer.from(good);
    zlib.fill(0x55, 41, 43);
    expect(header(zlib)).toBe('a damaged PNG file: its image data does not start as compressed data');
    const text = Buffer.from(good);
    text[4] = 0x0a; // CR LF turned into LF LF by a text transfer
    expect(header(text)).toMatch(/^a damaged PNG file: its signature/);
    expect(header(pngOf({ width: 2, height: 2, colourType: 3, depth: 8, pixel: () => [0] }))).toBe('a damaged PNG file: a palette image without its palette');
  });

  it('refuses a colour type and depth that PNG does not allow', () => {
    const b = Buffer.from(png(4, 3));
    b[24] = 4; // 4-bit RGB
    b.writeUInt32BE(crc32(b.subarray(12, 29)) >>> 0, 29);
    expect(header(b)).toBe('a PNG of colour type 2 with 4-bit samples, which PNG does not allow');
  });
});
