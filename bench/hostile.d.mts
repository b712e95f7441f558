/** A JPEG of a few hundred bytes whose header claims 7200 × 5400 pixels (bench/hostile.mjs). */
export function tinyHugeJpeg(): Buffer;
/** A PNG whose image data inflates to `inflated` bytes under a `width × height` grey header (bench/hostile.mjs). */
export function pngBomb(options?: { width?: number; height?: number; inflated?: number }): Buffer;
/** A PNG chunk: its length, type, data and CRC (bench/hostile.mjs). */
export function pngChunk(type: string, data: Buffer): Buffer;
