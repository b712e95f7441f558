/**
 * Images in DeviceCMYK (T21: no RGB or gray anywhere in the file). PNG and JPEG are
 * decoded (src/image/decode.ts), composited over white paper where transparent, and
 * converted to CMYK by the naive complement with grey component replacement, then
 * embedded as Flate-compressed 8-bit CMYK. A print shop converting with an ICC
 * profile would do better; the office's bulletins carry photos of meetings, where
 * this is enough, and nothing else in the file depends on it.
 */
import type { Rgba } from '../image/index.js';

export interface Pixels {
  width: number;
  height: number;
  /** 4 bytes a pixel: C, M, Y, K, 0–255. */
  cmyk: Uint8Array;
}

/** An image pdfkit can place: pdfkit calls embed() once, then draws obj by label. */
export class CmykImage {
  readonly width: number;
  readonly height: number;
  readonly label: string;
  readonly orientation = 1;
  obj: unknown = null;
  private readonly pixels: Pixels;

  constructor(pixels: Pixels, label: string) {
    this.pixels = pixels;
    this.width = pixels.width;
    this.height = pixels.height;
    this.label = label;
  }

  embed(doc: { ref(data: Record<string, unknown>): { end(data: Uint8Array): void } }): void {
    const ref = doc.ref({
      Type: 'XObject',
      Subtype: 'Image',
      Width: this.width,
      Height: this.height,
      BitsPerComponent: 8,
      ColorSpace: 'DeviceCMYK',
    });
    // pdfkit compresses the stream (FlateDecode) when the document compresses.
    ref.end(this.pixels.cmyk);
    this.obj = ref;
  }
}

/** An image file's pixels in CMYK: those the build read and checked (build.ts). */
export function cmykOf(file: string, decoded: Rgba | undefined): Pixels {
  if (!decoded) throw new Error(`internal: the pixels of ${file} were not read`);
  return { width: decoded.width, height: decoded.height, cmyk: toCmyk(decoded.rgba) };
}

/** RGBA over white paper → CMYK, K from the darkest channel (grey component replacement). */
export function toCmyk(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 4) {
    const a = rgba[i + 3]! / 255;
    const r = (rgba[i]! * a + 255 * (1 - a)) / 255;
    const g = (rgba[i + 1]! * a + 255 * (1 - a)) / 255;
    const b = (rgba[i + 2]! * a + 255 * (1 - a)) / 255;
    const k = 1 - Math.max(r, g, b);
    const d = 1 - k;
    out[o] = d > 0 ? Math.round(((1 - r - k) / d) * 255) : 0;
    out[o + 1] = d > 0 ? Math.round(((1 - g - k) / d) * 255) : 0;
    out[o + 2] = d > 0 ? Math.round(((1 - b - k) / d) * 255) : 0;
    out[o + 3] = Math.round(k * 255);
  }
  return out;
}
