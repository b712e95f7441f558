/**
 * The tests `npm run mutate:page` (stryker.page.config.mjs) runs against each
 * mutant of the page rules: the tests of src/page, with the suite's settings and,
 * as vitest.mutate.config.ts, modules shared by the test files of a run.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['src/page/**/*.test.ts'],
    isolate: false,
    setupFiles: ['test/helpers/mutate-setup.ts'],
  },
});
