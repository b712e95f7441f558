/** fonts: the faces of each role (vendored, named by file or family), glyph lookups and the fallback chain. */
export { Face, FontSet, FONT_DIR, FONT_FILES, FONT_ROLES, type Resolved } from './fonts.js';
export type { FontRole, GlyphMetrics } from './fonts.js';
export { searchOf, type FontSearch } from './catalog.js';
export type { FaceKey } from './stacks.js';
