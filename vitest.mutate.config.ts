/**
 * The tests `npm run mutate` (stryker.config.mjs) runs against each mutant of the
 * paragraph engine: the rule tests of src/text and src/paragraph, with the suite's
 * settings. Not the page tests: they lay whole issues out, so they reach every
 * line of the engine and would run, slowly, for every mutant (the page rules have
 * their own run, stryker.page.config.mjs). The test files of a run share their
 * modules (isolate: false): each mutant's run loads the engine and its fonts once,
 * not once a file; every run starts afresh.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['src/text/**/*.test.ts', 'src/paragraph/**/*.test.ts'],
    isolate: false,
    // The engine's caches emptied before each test (see the file).
    setupFiles: ['test/helpers/mutate-setup.ts'],
  },
});
