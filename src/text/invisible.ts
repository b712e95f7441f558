/**
 * Characters that draw nothing of their own, in one place for the loader, the
 * importer and the paragraph engine (regular-expression class sources, for /u).
 */

/** A zero-width space: a place to break (T6 allows one where none would be). */
export const ZERO_WIDTH_SPACE = '\u200b';
/** A word joiner: a place not to break. */
export const WORD_JOINER = '\u2060';
/**
 * Joiners (ZWNJ, ZWJ) and variation selectors: they stay with the character before
 * them and choose its form; the font's default glyph stands.
 */
export const JOINERS = '\\u200c\\u200d\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}';

/**
 * What means nothing in print and is removed with a warning (the loader, the
 * importer): C0 and C1 controls but tab and line feed, DEL, soft hyphens (Latin
 * words are hyphenated by the engine), direction controls (Chinese runs left to
 * right), line and paragraph separators, byte-order marks, lone surrogate halves
 * (under /u a class matches a surrogate only when it is not one of a pair) and
 * the non-characters U+FFFE and U+FFFF.
 */
export const STRAY =
  '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff\\ufeff\\ufffe\\uffff';

/** `U+4E00`: how a message names a character. */
export function codePointName(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
