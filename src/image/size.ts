/**
 * The pixel size of a PNG or JPEG file, read from its header: enough to lay the
 * image out without decoding it (the PDF writer embeds the file as it is).
 */
export interface ImageSize {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

/** The size of an image, or a reason it cannot be used. */
export function imageSize(bytes: Uint8Array): ImageSize | string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    const width = b.readUInt32BE(16);
    const height = b.readUInt32BE(20);
    return width > 0 && height > 0 ? { format: 'png', width, height } : 'a PNG file without pixels';
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b);
  return 'not a PNG or JPEG file';
}

function jpegSize(b: Buffer): ImageSize | string {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return 'a damaged JPEG file';
    const marker = b[i + 1]!;
    const length = b.readUInt16BE(i + 2);
    // Start-of-frame markers carry the size (all SOFn but DHT, JPG and DAC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = b.readUInt16BE(i + 5);
      const width = b.readUInt16BE(i + 7);
      return width > 0 && height > 0 ? { format: 'jpeg', width, height } : 'a JPEG file without pixels';
    }
    i += 2 + length;
  }
  return 'a damaged JPEG file';
}
