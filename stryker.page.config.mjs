/**
 * Mutation testing of the page rules (`npm run mutate:page`), as stryker.config.mjs
 * does for the paragraph engine: the page builder (T17, T18, T24, T25), the
 * colophon (T23, T26), the folio and the colophon's place (T20, T23, T25), the
 * masthead (T22), the bands of titles and headings (T1, T18, T19) and floating
 * figures (T17), against the page tests (vitest.mutate-page.config.ts).
 */
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutate-page.config.ts' },
  mutate: [
    'src/page/paginate.ts',
    'src/page/colophon.ts',
    'src/page/bands.ts',
    'src/page/float.ts',
    // layout.ts: placeColophon and folio; front.ts: the masthead.
    'src/page/layout.ts:100-169',
    'src/page/front.ts:16-49',
  ],
  htmlReporter: { fileName: 'reports/mutation-page/index.html' },
  jsonReporter: { fileName: 'reports/mutation-page/mutation.json' },
};
