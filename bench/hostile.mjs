// Hostile images, made in memory (issue 15): files that claim or unpack to far more
// than they hold. For the benchmark (time and memory to refuse them) and the tests
// (that they are refused, at their place).
import { crc32, deflateSync } from 'node:zlib';

/**
 * A JPEG of a few hundred bytes whose frame header claims 7200 × 5400 pixels
 * (38.9 megapixels, just under the limit): a baseline JPEG of one grey 8 × 8
 * block, its size rewritten. A decoder that believes the header allocates the
 * whole frame, then finds the data missing.
 */
export function tinyHugeJpeg() {
  const segment = (marker, body) => {
    const out = Buffer.alloc(4 + body.length);
    out[0] = 0xff;
    out[1] = marker;
    out.writeUInt16BE(body.length + 2, 2);
    Buffer.from(body).copy(out, 4);
    return out;
  };
  // A quantisation table of ones; one Huffman table for DC (a single code: category 0)
  // and one for AC (a single code: end of block).
  const dqt = [0, ...Array(64).fill(1)];
  const sof = [8, 5400 >> 8, 5400 & 0xff, 7200 >> 8, 7200 & 0xff, 1, 1, 0x11, 0];
  const counts = (n) => [1, ...Array(15).fill(0)].map((c, i) => (i === 0 ? n : 0));
  const dhtDc = [0x00, ...counts(1), 0x00];
  const dhtAc = [0x10, ...counts(1), 0x00];
  const sos = [1, 1, 0x00, 0, 63, 0];
  const comment = Buffer.from('bulletin: hostile test image; '.repeat(12));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xfe, comment),
    segment(0xdb, dqt),
    segment(0xc0, sof),
    segment(0xc4, dhtDc),
    segment(0xc4, dhtAc),
    segment(0xda, sos),
    // One block: DC category 0 (bit 0), end of block (bit 0), padded with ones.
    Buffer.from([0x3f]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/**
 * A PNG whose image data inflates to `inflated` bytes (1.5 GB by default) from
 * about a thousandth of that, under a header of `width × height` 8-bit grey
 * pixels. The default header claims 40000 × 37500 (1.5 gigapixels, refused by
 * its size alone); with a small header the data runs on far past the image.
 */
export function pngBomb({ width = 40_000, height = 37_500, inflated = 1_500_000_000 } = {}) {
  const chunk = pngChunk;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  // Zeros deflate about 1000 : 1; made in pieces of 64 MB, joined as one stream.
  const piece = Buffer.alloc(64 * 2 ** 20);
  const parts = [];
  const stream = deflateSyncStream(piece, inflated);
  for (const part of stream) parts.push(part);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(parts)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG chunk: its length, type, data and CRC (PNG §5.3). */
export function pngChunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
  return out;
}

/** One zlib stream of `total` zero bytes, compressed piece by piece (zlib's own flush modes). */
function* deflateSyncStream(piece, total) {
  // Deflating the whole at once would need the whole in memory; raw deflate blocks of
  // zeros are independent, so a zlib header, the blocks, and an Adler-32 of zeros do.
  yield Buffer.from([0x78, 0x9c]);
  let left = total;
  let adlerB = 0;
  const MOD = 65521;
  while (left > 0) {
    const n = Math.min(left, piece.length);
    left -= n;
    const raw = deflateSync(piece.subarray(0, n), { raw: true, level: 9, finishFlush: left > 0 ? 2 : 4 });
    yield raw;
    // Adler-32 of zeros: a stays 1, b grows by a per byte.
    adlerB = (adlerB + n) % MOD;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((adlerB << 16) | 1) >>> 0, 0);
  yield adler;
}
