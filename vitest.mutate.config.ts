/**
 * The tests `npm run mutate` (stryker.config.mjs) runs against each mutant: the
 * rule tests that call the engine in-process, with the suite's settings.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['src/text/**/*.test.ts', 'src/paragraph/**/*.test.ts', 'src/page/**/*.test.ts'],
  },
});
