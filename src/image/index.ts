/**
 * Images: the header read and checked when the issue is loaded (header.ts); the
 * pixels decoded, resampled and encoded for the page once a build (encode.ts),
 * which loads sharp only when an issue has images.
 */
export { readHeader, MAX_PIXELS, HEADER_BYTES, type ImageHeader } from './header.js';
export { readImageFile } from './read.js';
export { imageKey } from './key.js';
export type { EncodedImage, ImageUse } from './encode.js';
