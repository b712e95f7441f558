/** Images: their size from their headers. */
export { imageSize, type ImageSize } from './size.js';
