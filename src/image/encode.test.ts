/**
 * Images encoded for the page (issue 15, items 1, 2 and 4): resampled down to the
 * house resolution at their printed size and never up; photos as CMYK JPEG, a CMYK
 * JPEG that needs nothing passed through byte for byte; line art lossless; RGB
 * converted by ISO 32000-1 §10.3.5 (T21); transparency over white paper;
 * interlaced and 16-bit PNGs, palettes with tRNS, progressive and CMYK JPEGs,
 * the Exif orientation; a PNG whose data runs on past its image refused at its
 * place. The same input gives the same bytes. Files are made here (test helpers,
 * bench/photo.mjs); what the encoder wrote is read back with sharp and zlib.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { photo } from '../../bench/photo.mjs';
import { pngBomb } from '../../bench/hostile.mjs';
import { jpegOf, withOrientation } from '../../test/helpers/jpeg.js';
import { pngOf } from '../../test/helpers/png.js';
import { InputError } from '../issue/index.js';
import { toCmyk } from './cmyk.js';
import { encodeImage, encodeImages, type EncodedImage, type ImageUse } from './encode.js';
import { readHeader } from './header.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-encode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An image file written here, and its use at `width` points. */
function use(name: string, bytes: Uint8Array, width: number): ImageUse {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return { file, width, height: width, named: { text: name, source: { file: 'issue.yaml', path: 'sections[0].articles[0].body[1].image', anchors: [{ at: 0, line: 12, col: 20 }] } } };
}

/** The CMYK samples the PDF will hold, 0–255 ink. */
async function inkOf(image: EncodedImage): Promise<Uint8Array> {
  if (image.filter === 'FlateDecode') return inflateSync(image.data);
  const { data } = await sharp(image.data).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  return data;
}

const at = (ink: Uint8Array, width: number, x: number, y: number) => [...ink.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
const near = (got: number[], want: number[], by = 6) => got.every((v, i) => Math.abs(v - want[i]!) <= by);

describe('toCmyk (ISO 32000-1 §10.3.5, full black generation and under-colour removal)', () => {
  it('greys in black alone, white as paper, primaries as their inks', () => {
    const px = (r: number, g: number, b: number) => [...toCmyk(Uint8Array.from([r, g, b]))];
    expect(px(0, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(px(255, 255, 255)).toEqual([0, 0, 0, 0]);
    expect(px(128, 128, 128)).toEqual([0, 0, 0, 127]);
    expect(px(255, 0, 0)).toEqual([0, 255, 255, 0]);
    expect(px(0, 0, 255)).toEqual([255, 255, 0, 0]);
    // k = min(c, m, y), taken out of each: dark red (128, 0, 0) is half black, half red.
    expect(px(128, 0, 0)).toEqual([0, 128, 128, 127]);
  });

  it('never more than 200% ink, and one of C, M, Y always empty', () => {
    const rgb = Uint8Array.from({ length: 3 * 4096 }, (_, i) => (i * 2654435761) >>> 24);
    const ink = toCmyk(rgb);
    for (let p = 0; p < 4096; p++) {
      const [c, m, y, k] = at(ink, 1, p, 0) as [number, number, number, number];
      expect(c + m + y + k).toBeLessThanOrEqual(2 * 255);
      expect(Math.min(c, m, y)).toBe(0);
    }
  });
});

describe('encodeImage', () => {
  it('a camera photo: resampled to 300 ppi at its printed width, a CMYK JPEG, the same bytes every time', async () => {
    const raw = photo(1600, 1200, 3);
    const file = await sharp(raw, { raw: { width: 1600, height: 1200, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    // 60 mm wide: 60 / 25.4 × 300 = 708.7, so 708 pixels, never above 300 ppi.
    const u = use('photo.jpg', file, (60 * 72) / 25.4);
    const a = await encodeImage(u, 300);
    expect(a).toMatchObject({ kind: 'photo', filter: 'DCTDecode', width: 708, height: 531, inverted: true });
    expect(readHeader(a.data, a.data.length)).toMatchObject({ format: 'jpeg', width: 708, height: 531, jpeg: { components: 4 } });
    const b = await encodeImage(u, 300);
    expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
    // A lower house resolution, fewer pixels.
    expect(await encodeImage(u, 150)).toMatchObject({ width: 354 });
  });

  it('never upsampled: a small image keeps its pixels', async () => {
    const file = jpegOf(64, 48, (x) => [x * 4, 100, 100]);
    expect(await encodeImage(use('small.jpg', file, 400), 300)).toMatchObject({ kind: 'photo', width: 64, height: 48 });
  });

  it('RGB converted once: red prints in magenta and yellow, grey in black alone', async () => {
    const file = jpegOf(32, 16, (x) => (x < 16 ? [255, 0, 0] : [128, 128, 128]), 100);
    const image = await encodeImage(use('rg.jpg', file, 400), 300);
    const ink = await inkOf(image);
    expect(near(at(ink, 32, 4, 8), [0, 255, 255, 0])).toBe(true);
    expect(near(at(ink, 32, 28, 8), [0, 0, 0, 127])).toBe(true);
  });

  it('a CMYK JPEG that needs no resampling is passed through byte for byte, its Adobe inversion noted', async () => {
    const cmy = Buffer.alloc(32 * 32 * 3);
    const k = Buffer.alloc(32 * 32, 40);
    for (let p = 0; p < 32 * 32; p++) cmy[p * 3] = 200;
    const file = await sharp(cmy, { raw: { width: 32, height: 32, channels: 3 } }).joinChannel(k, { raw: { width: 32, height: 32, channels: 1 } }).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    const passed = await encodeImage(use('cmyk.jpg', file, 400), 300);
    expect(passed).toMatchObject({ kind: 'passed', filter: 'DCTDecode', width: 32, height: 32, inverted: true });
    expect(Buffer.from(passed.data).equals(file)).toBe(true);
    // Printed 2 mm wide it has too many pixels: resampled, its inks kept (not turned into RGB and back).
    const resampled = await encodeImage(use('cmyk-small.jpg', file, (2 * 72) / 25.4), 300);
    expect(resampled).toMatchObject({ kind: 'photo', width: 23 });
    expect(near(at(await inkOf(resampled), 23, 11, 11), [200, 0, 0, 40])).toBe(true);
  });

  it('a progressive JPEG is read like a baseline one', async () => {
    const file = await sharp(photo(256, 192, 5), { raw: { width: 256, height: 192, channels: 3 } }).jpeg({ quality: 90, progressive: true }).toBuffer();
    expect(readHeader(file, file.length)).toMatchObject({ jpeg: { progressive: true } });
    expect(await encodeImage(use('progressive.jpg', file, 400), 300)).toMatchObject({ kind: 'photo', width: 256, height: 192 });
  });

  it('Exif orientation 6 honoured: stored 40 × 20, black left, shown 20 × 40, black on top', async () => {
    const file = withOrientation(jpegOf(40, 20, (x) => (x < 20 ? [0, 0, 0] : [255, 255, 255]), 100), 6);
    const image = await encodeImage(use('turned.jpg', file, 400), 300);
    expect(image).toMatchObject({ width: 20, height: 40 });
    const ink = await inkOf(image);
    // Orientation 6: the stored image turned a quarter clockwise; its left edge becomes the top.
    expect(at(ink, 20, 10, 5)[3]).toBeGreaterThan(240);
    expect(at(ink, 20, 10, 34)[3]).toBeLessThan(15);
  });

  it('line art stays lossless: a palette PNG with a transparent entry, the transparent pixels paper', async () => {
    const file = pngOf({ width: 8, height: 4, colourType: 3, depth: 2, palette: [[255, 0, 0], [0, 0, 0], [0, 0, 255]], trns: [0], pixel: (x) => [x % 3] });
    const image = await encodeImage(use('palette.png', file, 400), 300);
    expect(image).toMatchObject({ kind: 'line-art', filter: 'FlateDecode', width: 8, height: 4, inverted: false });
    expect(at(await inkOf(image), 8, 0, 0)).toEqual([0, 0, 0, 0]); // entry 0: transparent red, so paper
    expect(at(await inkOf(image), 8, 1, 0)).toEqual([0, 0, 0, 255]);
    expect(at(await inkOf(image), 8, 2, 0)).toEqual([255, 255, 0, 0]);
  });

  it('an RGB PNG with a tRNS colour key: the key colour prints as paper, not solid', async () => {
    const file = pngOf({ width: 4, height: 2, colourType: 2, depth: 8, trns: [0, 0, 0, 255, 0, 0], pixel: (x) => (x < 2 ? [0, 255, 0] : [0, 0, 255]) });
    const image = await encodeImage(use('key.png', file, 400), 300);
    expect(at(await inkOf(image), 4, 0, 0)).toEqual([0, 0, 0, 0]);
    expect(at(await inkOf(image), 4, 3, 0)).toEqual([255, 255, 0, 0]);
  });

  it('an interlaced PNG gives the same pixels as the same image not interlaced; 16-bit samples read', async () => {
    const spec = { width: 13, height: 11, colourType: 2 as const, depth: 8 as const, pixel: (x: number, y: number) => [x * 19, y * 23, (x * y) % 256] };
    const plain = await encodeImage(use('plain.png', pngOf(spec), 400), 300);
    const interlaced = await encodeImage(use('interlaced.png', pngOf({ ...spec, interlaced: true }), 400), 300);
    expect(Buffer.from(await inkOf(interlaced)).equals(Buffer.from(await inkOf(plain)))).toBe(true);
    const deep = await encodeImage(use('deep.png', pngOf({ ...spec, depth: 16, pixel: (x, y) => spec.pixel(x, y).map((v) => v * 257) }), 400), 300);
    expect(Buffer.from(await inkOf(deep)).equals(Buffer.from(await inkOf(plain)))).toBe(true);
  });

  it('grey and alpha over white: half-transparent black prints as 50% black', async () => {
    const file = pngOf({ width: 2, height: 2, colourType: 4, depth: 8, pixel: () => [0, 128] });
    const image = await encodeImage(use('alpha.png', file, 400), 300);
    expect(near(at(await inkOf(image), 2, 0, 0), [0, 0, 0, 128], 2)).toBe(true);
  });

  it('a photo saved as PNG goes as JPEG; a screenshot of flat areas as lossless', async () => {
    const noisy = await sharp(photo(200, 150, 9), { raw: { width: 200, height: 150, channels: 3 } }).png().toBuffer();
    expect(await encodeImage(use('photo.png', noisy, 400), 300)).toMatchObject({ kind: 'photo', filter: 'DCTDecode' });
    // A window with a title bar, text-like strokes and a gradient: thousands of colours, mostly flat.
    const screen = pngOf({
      width: 300,
      height: 200,
      colourType: 2,
      depth: 8,
      pixel: (x, y) => (y < 20 ? [Math.floor(x / 3), 60, 160 + y] : (x * 7 + y * 3) % 97 < 3 ? [20, 20, 20] : [250, 250 - (y % 60), 250 - (y % 120)]),
    });
    const header = readHeader(screen, screen.length);
    expect(typeof header !== 'string' && header.png?.colourType).toBe(2);
    expect(await encodeImage(use('screen.png', screen, 400), 300)).toMatchObject({ kind: 'line-art', filter: 'FlateDecode' });
  });
});

describe('encodeImages', () => {
  it('once for each width an image prints at', async () => {
    const file = jpegOf(400, 300, () => [90, 90, 90]);
    const a = use('twice.jpg', file, 72);
    const images = await encodeImages([a, { ...a }, { ...a, width: 36 }], 300);
    expect([...images.values()].map((i) => i.width).sort()).toEqual([150, 300]);
  });

  it('a PNG whose data runs on past its image is refused at its place, not decoded on and on', async () => {
    const bomb = pngBomb({ width: 1000, height: 1000, inflated: 200_000_000 });
    const u = use('bomb.png', bomb, 400);
    const refused = await encodeImages([u], 300).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'issue.yaml', line: 12, col: 20, message: expect.stringMatching(/^bomb\.png: a damaged image \(/) }),
    ]);
  });

  it('a JPEG cut short is refused at its place', async () => {
    const file = jpegOf(200, 150, (x, y) => [x, y, 100]);
    const u = use('cut.jpg', file.subarray(0, file.length - 300), 400);
    await expect(encodeImages([u], 300)).rejects.toThrow(/^issue\.yaml:12:20: sections\[0\]\.articles\[0\]\.body\[1\]\.image: cut\.jpg: a damaged image/);
  });
});
