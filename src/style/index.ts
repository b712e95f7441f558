/** The resolved house style (T1, T19–T23): presets and the geometry of the page. */
export { resolveStyle, baselineOf, MM, type Style, type Cmyk } from './style.js';
