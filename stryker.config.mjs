/**
 * Mutation testing of the typographic rules (`npm run mutate`; not part of `npm
 * test` or CI): Stryker changes the code of src/text and src/paragraph one small
 * edit at a time and runs the tests that reached the edit; a mutant no test
 * notices is a rule no test guards. The score and the survivors explained are in
 * bench/RESULTS.md; the page rules have a run of their own (stryker.page.config.mjs,
 * `npm run mutate:page`).
 *
 * Only the rule tests of the engine run (vitest.mutate.config.ts): not the golden
 * dumps, which notice any change to the output without saying which rule broke,
 * nor the tests that build through the command (they run dist/, not the mutated
 * source), nor the page tests. Run with the dumps, every mutant waits half a
 * second more and the run takes three hours; which survivors the dumps notice is
 * found afterwards, survivor by survivor (bench/mutants-again.mjs).
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  // Each mutant runs only the tests that reached its code in the first run.
  coverageAnalysis: 'perTest',
  mutate: ['src/text/**/*.ts', 'src/paragraph/**/*.ts', '!src/**/*.test.ts', '!src/**/index.ts'],
  concurrency: 2,
  // A mutant that loops for ever is stopped at its timeout: a factor of the time
  // its tests took in the first run, plus a margin for loading the test files
  // (several seconds on a busy machine; it is not in the tests' times). The first
  // run counts coverage and is several times slower than a mutant's, so half of it
  // is ample; Stryker's default, one and a half times and 5 s, spent most of a run
  // waiting on such loops.
  timeoutFactor: 0.5,
  timeoutMS: 10000,
  reporters: ['progress', 'clear-text', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  // Stryker would rewrite tsconfig.json for the sandbox with TypeScript's JavaScript
  // API, which TypeScript 7 does not have; the file refers to nothing outside the
  // project, so there is nothing to rewrite.
  tsconfigFile: '',
  ignorePatterns: ['dist', 'output', 'reports', 'bench/out'],
};
