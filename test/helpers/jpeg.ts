/** Small JPEGs made in memory for the tests of images: jpeg-js for the pixels, the Exif block by hand. */
import jpeg from 'jpeg-js';

/** A baseline RGB JPEG whose pixel at x, y is `pixel(x, y)`. */
export function jpegOf(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], quality = 90): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return Buffer.from(jpeg.encode({ data, width, height }, quality).data);
}

/**
 * The JPEG with an Exif APP1 block right after its start marker, whose first IFD
 * holds only the Orientation tag (CIPA DC-008 §4.6.4, tag 0x0112, SHORT), big-endian.
 */
export function withOrientation(file: Buffer, orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1[0] = 0xff;
  app1[1] = 0xe1;
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([file.subarray(0, 2), app1, body, file.subarray(2)]);
}
