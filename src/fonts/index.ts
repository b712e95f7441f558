/** fonts: the vendored faces, glyph lookups and the fallback chain. */
export { Face, FontSet, FONT_DIR, FONT_FILES, fallbackChain } from './fonts.js';
export type { FontRole, GlyphMetrics } from './fonts.js';
