/**
 * The house style (T1): the presets' geometry, the overrides, and the message for
 * a type area that does not fit the paper, at the place the style gives it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, formatProblem, loadIssue } from '../issue/index.js';
import { MM, resolveStyle } from './style.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Issue 91 with a style block of its own, in a folder of its own. */
function issueWithStyle(style: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-style-'));
  writeFileSync(path.join(dir, 'publication.yaml'), readFileSync(path.join(root, 'issues', 'publication.yaml')));
  const file = path.join(dir, 'issue.yaml');
  writeFileSync(file, `${readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8')}style:\n${style}\n`);
  return file;
}

function lineOf(file: string, text: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('T1: the type area', () => {
  it('default: A4, 25 characters of 16 pt, 22 lines filling 225 mm from 37 mm, centred', () => {
    const s = resolveStyle({});
    expect(s.area.width).toBe(400);
    expect(s.area.height / MM).toBeCloseTo(225, 6);
    expect(s.body.pitch * 21 + 16).toBeCloseTo(225 * MM, 6);
    expect(s.area.top / MM).toBeCloseTo(37, 6);
    expect(s.area.left).toBeCloseTo((210 * MM - 400) / 2, 6);
  });

  it('gongwen (GB/T 9704): 28 characters of 15.75 pt, pitch 1.875 em, 28 mm from the left', () => {
    const s = resolveStyle({ preset: 'gongwen' });
    expect(s.area.width).toBeCloseTo(28 * 15.75, 6);
    expect(s.area.width / MM).toBeCloseTo(155.6, 1);
    expect(s.body.pitch).toBeCloseTo(15.75 * 1.875, 6);
    expect(s.area.left / MM).toBeCloseTo(28, 6);
    expect(s.body.lines).toBe(22);
  });

  it('takes overrides of size, characters, lines and margins', () => {
    const s = resolveStyle({ size: 14, chars: 30, lines: 24, margins: { top: 30, left: 25 } });
    expect(s.area.width).toBe(420);
    expect(s.body.lines).toBe(24);
    expect(s.body.pitch * 23 + 14).toBeCloseTo(225 * MM, 6);
    expect(s.area.top / MM).toBeCloseTo(30, 6);
    expect(s.area.left / MM).toBeCloseTo(25, 6);
  });

  it('refuses a type area wider than the paper, at the key that made it so', () => {
    const file = issueWithStyle('  preset: default\n  chars: 40');
    const issue = loadIssue(file);
    let problems: string[] = [];
    try {
      resolveStyle(issue.style);
    } catch (e) {
      problems = (e as InputError).problems.map(formatProblem);
    }
    expect(problems).toEqual([
      `${file}:${lineOf(file, 'chars: 40')}:10: style.chars: the type area (40 characters of 16 pt, 225.8 mm wide) ` +
        'leaves -7.9 mm at the side of a 210.0 mm page; at least 10.0 mm is needed',
    ]);
  });

  it('refuses a type area that with its folio runs off the foot of the page', () => {
    const file = issueWithStyle('  preset: default\n  margins:\n    top: 70');
    const issue = loadIssue(file);
    expect(() => resolveStyle(issue.style)).toThrowError(
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lineOf(file, 'top: 70')}:10: style\\.margins\\.top: the type area \\(22 lines, 225\\.0 mm high, 70\\.0 mm from the top\\) with its folio leaves`),
    );
  });
});
