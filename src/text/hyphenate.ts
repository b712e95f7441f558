/**
 * Hyphenation points of Latin words (T14: only inside Latin words, only when the
 * line cannot be set otherwise), from the `hyphen` package's en-US patterns.
 * The patterns are loaded on the first word that needs them: most issues have none.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Hyphenate = (text: string, options?: { hyphenChar?: string }) => string;
let hyphenate: Hyphenate | undefined;

/** TeX's \lefthyphenmin and \righthyphenmin for English. */
export const LEFT_MIN = 2;
export const RIGHT_MIN = 3;

const cache = new Map<string, number[]>();

/** Forget the points worked out so far (for `npm run mutate`, as forgetClasses). */
export function forgetHyphenation(): void {
  cache.clear();
}

/**
 * Where a word may be hyphenated: offsets into the word (UTF-16), each with at
 * least LEFT_MIN letters before and RIGHT_MIN after. Only words of ASCII letters
 * are hyphenated; anything else (digits, capitals-only acronyms) gets none.
 */
export function hyphenationPoints(word: string): number[] {
  if (word.length < LEFT_MIN + RIGHT_MIN || !/^[A-Za-z]+$/.test(word) || /^[A-Z]+$/.test(word)) return [];
  let points = cache.get(word);
  if (!points) {
    hyphenate ??= (require('hyphen/en-us/index.js') as { hyphenateSync: Hyphenate }).hyphenateSync;
    const marked = hyphenate(word, { hyphenChar: '|' });
    points = [];
    let at = 0;
    for (const part of marked.split('|').slice(0, -1)) {
      at += part.length;
      if (at >= LEFT_MIN && word.length - at >= RIGHT_MIN) points.push(at);
    }
    cache.set(word, points);
  }
  return points;
}
