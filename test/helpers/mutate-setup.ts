/**
 * Set-up of the tests `npm run mutate` runs (vitest.mutate.config.ts): the engine's
 * caches are emptied before each test, so that every test runs the code it depends
 * on. Otherwise a character classified by an earlier test is taken from the cache,
 * Stryker credits classOf to that earlier test alone, and a mutant of it is run
 * only against that test: mutants the suite kills were reported as survivors.
 */
import { beforeEach } from 'vitest';
import { forgetClasses } from '../../src/text/classes.js';
import { forgetHyphenation } from '../../src/text/hyphenate.js';

beforeEach(() => {
  forgetClasses();
  forgetHyphenation();
});
