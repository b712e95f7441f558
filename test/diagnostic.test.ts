/**
 * Diagnostics that point (issue 17, as Typst and rustc show theirs): under the
 * message line, the source line and a caret under the place, then the hint. The
 * column in the message counts characters (an emoji is one); the caret is placed by
 * the cells a terminal draws, two for a Han character, a full-width mark or an emoji
 * (Unicode East Asian Width W/F), so that it stands under the character named.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Snippets, displayWidth, snippet } from '../src/issue/diagnostic.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-diagnostic-'));
  mkdirSync(path.join(dir, 'issues'));
  for (const f of ['issue-91.yaml', 'publication.yaml']) cpSync(path.join(root, 'issues', f), path.join(dir, 'issues', f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, err: r.stderr };
}

describe('the caret', () => {
  it('stands under the character named, after Chinese text and an emoji (two cells each)', () => {
    // 強 is character 7 of `要求😀，要強化`: 要 求 😀 ， 要 take 2 cells each, so 10 cells before it.
    expect(snippet('要求😀，要強化', 12, 6)).toEqual(['  12 | 要求😀，要強化', '     | ^'.replace('^', `${' '.repeat(10)}^`)]);
  });

  it('counts ASCII one cell, and marks a cut line with …', () => {
    const line = `${'甲'.repeat(40)}乙${'丙'.repeat(40)}`;
    const [source, caret] = snippet(line, 3, 41);
    // 36 cells either side: 18 Han characters before 乙, 乙 and 17 after.
    expect(source).toBe(`  3 | …${'甲'.repeat(18)}乙${'丙'.repeat(17)}…`);
    expect(caret).toBe(`    | ${' '.repeat(1 + 36)}^`);
  });

  it('does not mark cut indentation, and shows control characters as escapes', () => {
    const [source, caret] = snippet(`${' '.repeat(50)}好\t的`, 1, 53);
    expect(source).toBe('  1 | 好\\t的');
    // 好 is 2 cells, the escape \t 2.
    expect(caret).toBe(`    | ${' '.repeat(4)}^`);
  });

  it('display widths: Han, full-width marks and emoji 2; ASCII and “ ” 1; joiners 0', () => {
    expect([displayWidth('好'), displayWidth('，'), displayWidth('😀'), displayWidth('a'), displayWidth('“'), displayWidth('\u200d')]).toEqual([2, 2, 2, 1, 1, 0]);
  });

  it('a problem without a place, or in a file that cannot be read, has no snippet', () => {
    const snippets = new Snippets(() => {
      throw new Error('no such file');
    });
    expect(snippets.of({ severity: 'error', file: 'x.yaml', line: 3, col: 1, path: '', message: 'm' })).toEqual([]);
    expect(new Snippets(() => 'a\nb').of({ severity: 'error', file: 'x.yaml', line: 0, col: 0, path: '', message: 'm' })).toEqual([]);
  });
});

describe('through the command', () => {
  it('bulletin check: message, source line, caret under the key after an emoji, hint', () => {
    const file = path.join(dir, 'issues', 'issue-91.yaml');
    const text = readFileSync(file, 'utf8').replace('colophon:\n  copies: 130', 'colophon: { copies: 130, 😀: x, 备注: y }');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('colophon:')) + 1;
    const r = run(['check', 'issues/issue-91.yaml']);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    const at = lines.findIndex((l) => l.includes('unknown key "备注"'));
    // `colophon: { copies: 130, 😀: x, 备注: y }`: 备 is character 32 (33 in UTF-16 units);
    // before it 25 ASCII characters, 😀 (2 cells) and `: x, ` (5): 32 cells.
    expect(lines[at]).toMatch(new RegExp(`^issues/issue-91\\.yaml:${line}:32: colophon\\.备注: unknown key "备注"`));
    expect(lines[at + 1]).toBe(`  ${line} | colophon: { copies: 130, 😀: x, 备注: y }`);
    expect(lines[at + 2]).toBe(`  ${' '.repeat(String(line).length)} | ${' '.repeat(32)}^`);
    expect(lines[at + 3]).toMatch(/^ {2}hint: /);
  });
});
