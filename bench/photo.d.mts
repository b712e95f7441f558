/** A camera-like photo made from a seed: interleaved 8-bit RGB, width × height × 3 bytes (bench/photo.mjs). */
export function photo(width: number, height: number, seed?: number): Uint8Array;
