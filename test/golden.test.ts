/**
 * Golden dumps: issue 91 set in both presets, page by page and line by line
 * (page, baseline, left edge, size, text, and what the rules did to a line's
 * spacing: src/page/dump.ts), compared with test/golden/*.expected. A change to the
 * engine that moves a line or changes its spacing shows here as a diff to read.
 * To accept one, run `BULLETIN_BLESS=dump npx vitest run test/golden.test.ts` and
 * read the diff before committing it. Blessing the dumps is a step of its own: the
 * PDF hashes (test/bytes.test.ts) are blessed with `BULLETIN_BLESS=hashes`, after
 * the dumps have shown what moved.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose } from '../src/document/index.js';
import { FontSet } from '../src/fonts/index.js';
import { loadIssue } from '../src/issue/index.js';
import { dumpPages, layout } from '../src/page/index.js';
import { resolveStyle } from '../src/style/index.js';
import { blessing } from './helpers/bless.js';

const root = path.resolve(import.meta.dirname, '..');
const fonts = new FontSet();

const bless = blessing('dump');

function golden(name: string, actual: string): void {
  const file = path.join(root, 'test', 'golden', `${name}.expected`);
  if (bless || !existsSync(file)) {
    writeFileSync(file, actual);
    if (!bless) throw new Error(`${name}.expected was missing; written now, read it and commit it`);
    return;
  }
  expect(actual, `${name}.expected differs: read the diff; bless with BULLETIN_BLESS=dump`).toBe(readFileSync(file, 'utf8'));
}

describe('golden dumps of issue 91', () => {
  for (const preset of ['default', 'gongwen'] as const) {
    it(`sets every line of issue 91 as before (${preset} preset)`, () => {
      const issue = loadIssue(path.join(root, 'issues', 'issue-91.yaml'));
      const pages = layout(compose(issue), resolveStyle({ ...issue.style, preset }), fonts);
      golden(`issue-91.${preset}`, dumpPages(pages));
    });
  }
});
