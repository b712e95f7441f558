/**
 * Images as PDF image XObjects in DeviceCMYK (T21), from the bytes src/image/encode.ts
 * made: a JPEG file as it is (DCTDecode), or deflated CMYK samples (FlateDecode). An Adobe CMYK JPEG stores its ink
 * inverted; its Decode array turns it back (PDF 1.7 §8.9.5.2).
 */
import type { EncodedImage } from '../image/index.js';

/** An image pdfkit can place: pdfkit calls embed() once, then draws obj by label. */
export class CmykImage {
  readonly width: number;
  readonly height: number;
  readonly label: string;
  readonly orientation = 1;
  obj: unknown = null;
  private readonly image: EncodedImage;

  constructor(image: EncodedImage, label: string) {
    this.image = image;
    this.width = image.width;
    this.height = image.height;
    this.label = label;
  }

  embed(doc: { ref(data: Record<string, unknown>): { end(data: Uint8Array): void } }): void {
    const { filter, inverted, data } = this.image;
    const ref = doc.ref({
      Type: 'XObject',
      Subtype: 'Image',
      Width: this.width,
      Height: this.height,
      BitsPerComponent: 8,
      ColorSpace: 'DeviceCMYK',
      // Encoded already: pdfkit leaves a stream with a filter alone.
      Filter: filter,
      ...(inverted ? { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
    });
    ref.end(data);
    this.obj = ref;
  }
}
