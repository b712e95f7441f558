/** Images: their size from their headers, their pixels from a checked decoder. */
export { imageSize, type ImageSize } from './size.js';
export { decodeImage, checkImage, MAX_PIXELS, type Rgba } from './decode.js';
