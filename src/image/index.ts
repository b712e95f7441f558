/** Images: their pixels, read once a build and checked (decode.ts). */
export { decodeImage, readImage, type Rgba } from './decode.js';
