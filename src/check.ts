/**
 * `bulletin check`: every problem of an issue that one run can find, without
 * writing a PDF. The stages run as far as each can: a problem in a font, an image
 * or the colophon does not keep the text from being proofread and laid out (type
 * area, glyphs); only a file that cannot be read as an issue stops there.
 * `--fix` makes proofreading's unambiguous corrections in the YAML files.
 */
import { readFileSync } from 'node:fs';
import { writeAtomically } from './atomic.js';
import { layIssue } from './build.js';
import type { FontSet } from './fonts/index.js';
import { InputError, loadIssue, type Issue, type Problem } from './issue/index.js';
import { fixFiles, proofread, type Edit, type Finding } from './proof/index.js';

export interface CheckRecord {
  input: string;
  pages: number;
  errors: Problem[];
  warnings: Problem[];
  /** Proofreading's findings, in file order. */
  findings: Finding[];
  /** Whether the file could be read as an issue (then it was proofread). */
  loaded: boolean;
  milliseconds: number;
}

export async function checkIssue(input: string, fonts: FontSet): Promise<CheckRecord> {
  const started = performance.now();
  const problems: Problem[] = [];
  const record = (findings: Finding[], pages: number, loaded = true): CheckRecord => ({
    input,
    pages,
    loaded,
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity !== 'error'),
    findings,
    milliseconds: performance.now() - started,
  });
  let issue: Issue;
  try {
    issue = loadIssue(input, problems);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems);
    return record([], 0, false);
  }
  const findings = await proofread(issue);
  try {
    const { laid, warnings } = layIssue(input, fonts, {}, issue);
    problems.push(...warnings);
    return record(findings, laid.pages.length);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...issue.warnings, ...e.problems);
    return record(findings, 0);
  }
}

/**
 * Make the fixable findings' edits, each file written whole. Every issue named
 * (each loaded before) must still load afterwards; should one not, every file is
 * put back as it was and the problem is thrown.
 */
export function fixIssues(inputs: string[], findings: Finding[]): Edit[] {
  const before = new Map<string, string>();
  const read = (file: string) => {
    const text = readFileSync(file, 'utf8');
    before.set(file, text);
    return text;
  };
  const fixed = fixFiles(findings, read);
  for (const f of fixed) writeAtomically(f.file, f.text, 'the issue file');
  try {
    for (const input of inputs) loadIssue(input);
  } catch (e) {
    for (const f of fixed) writeAtomically(f.file, before.get(f.file)!, 'the issue file');
    throw e;
  }
  return fixed.flatMap((f) => f.applied);
}
