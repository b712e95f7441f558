/**
 * The paragraph engine checked on the PDF, from glyph positions read back with
 * MuPDF: issue 91 and a synthetic issue of mixed Latin, digits, addresses, nested
 * quotes and runs of punctuation. Every body line: no T4 mark at its start nor T5
 * mark at its end; flush with both edges to ±0.05 pt unless it ends a paragraph
 * (T13); adjacent marks in 1.5 em (T11); Han–Latin gaps between ⅛ and ⅓ em (T14);
 * no paragraph ending in a lone character (T15); the text extracts unchanged.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIssue } from '../src/issue/index.js';
import { resolveStyle } from '../src/style/index.js';
import { has } from './helpers/pdf.js';
import { HANGING, INK_LEFT, INK_RIGHT, MARKS, T4_NO_START, T5_NO_END, isHan, isLatinOrDigit } from './helpers/rules.js';
import { readGlyphs, type TextLine } from './helpers/stext.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
const TOL = 0.05;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-typeset-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const issues = [
  ['issue 91', 'issues/issue-91.yaml'],
  ['mixed Latin, digits, addresses and punctuation', 'test/fixtures/mixed/issue.yaml'],
] as const;

/** Text without whitespace or the soft hyphens of hyphenated lines (PDF 1.7 §14.8.2.2.3). */
const squash = (s: string) => s.replace(/[\s\u00ad]+/gu, '');

describe.runIf(has('mutool'))('the engine on the PDF (MuPDF glyph positions)', () => {
  for (const [name, file] of issues) {
    describe(name, () => {
      let lines: BodyLine[];
      let paragraphs: string[];
      // Each issue in its own house style (issue 91's publication declares gongwen).
      const style = resolveStyle(loadIssue(path.join(root, file)).style);
      const em = style.body.size;
      const left = style.area.left;
      const right = left + style.area.width;

      beforeAll(() => {
        const pdf = path.join(dir, `${path.basename(path.dirname(file))}-${path.basename(file, '.yaml')}.pdf`);
        execFileSync(process.execPath, [bin, 'build', file, '-o', pdf], { cwd: root });
        const issue = loadIssue(path.join(root, file));
        paragraphs = issue.sections.flatMap((s) => s.articles.flatMap((a) => a.body.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []))));
        lines = bodyLines(readGlyphs(pdf), em, paragraphs);
      });

      it('finds every paragraph line on the pages, the text unchanged', () => {
        expect(lines.map((l) => l.text).join('')).toBe(squash(paragraphs.join('')));
      });

      it('starts no line with a T4 mark and ends none with a T5 mark', () => {
        const bad = lines.filter((l) => T4_NO_START.has(l.text[0]!) || T5_NO_END.has(l.text.at(-1)!));
        expect(bad.map((l) => l.text)).toEqual([]);
      });

      it('sets every line but a paragraph\'s last flush with both edges to ±0.05 pt (T13)', () => {
        const off = lines
          .filter((l) => !l.last)
          // A first line starts at the indent, an opening mark there keeping its
          // whole cell (items.ts); any other line's ink starts at the measure (T10),
          // or on a character grid its first cell does, a mark keeping it whole (T1).
          .map((l) => ({ text: l.text, left: (l.first ? l.glyphs[0]!.x - 2 * em : style.columns ? l.glyphs[0]!.x : inkStart(l)) - left, right: inkEnd(l, style.hanging ? right : undefined, style.columns ? right : undefined) - right }))
          .filter((d) => Math.abs(d.left) > TOL || Math.abs(d.right) > TOL);
        expect(off).toEqual([]);
        // And a paragraph's last line is ragged but never past the measure.
        for (const l of lines.filter((x) => x.last)) expect(inkEnd(l)).toBeLessThanOrEqual(right + TOL);
      });

      it('sets adjacent marks in 1.5 em (T11), or in their whole cells on a character grid', () => {
        let pairs = 0;
        for (const l of lines) {
          l.glyphs.forEach((g, i) => {
            const next = l.glyphs[i + 1];
            if (!next || !MARKS.has(g.c) || !MARKS.has(next.c)) return;
            pairs++;
            // Their cells together: from the first's start to the end of the second's.
            // On the 公文 grid (T1) each keeps its column: two whole cells.
            expect(next.x + em - g.x, `${g.c}${next.c} in ${l.text}`).toBeCloseTo((style.columns ? 2 : 1.5) * em, 1);
          });
        }
        if (name === 'issue 91') expect(pairs).toBeGreaterThan(10);
      });

      it('keeps the gaps between Han and Latin or digits between ⅛ and ⅓ em (T14), digits tight with digitSpacing none (T30)', () => {
        let gaps = 0;
        for (const l of lines) {
          l.glyphs.forEach((g, i) => {
            const next = l.glyphs[i + 1];
            if (!next) return;
            const latin = isHan(g.c) && isLatinOrDigit(next.c) ? next.c : isLatinOrDigit(g.c) && isHan(next.c) ? g.c : null;
            if (latin === null) return;
            gaps++;
            const gap = next.x - (g.x + g.advance);
            const digit = /\d/.test(latin);
            if (digit && style.digitSpacing === 'none') {
              // T30: set tight; the line's inter-character spreading (under 0.1 em, T13) only.
              expect(gap, `${g.c}|${next.c} in ${l.text}`).toBeGreaterThanOrEqual(-TOL);
              expect(gap, `${g.c}|${next.c} in ${l.text}`).toBeLessThanOrEqual(em / 10 + TOL);
              return;
            }
            expect(gap, `${g.c}|${next.c} in ${l.text}`).toBeGreaterThanOrEqual(em / 8 - TOL);
            expect(gap, `${g.c}|${next.c} in ${l.text}`).toBeLessThanOrEqual(em / 3 + TOL);
          });
        }
        expect(gaps).toBeGreaterThan(5);
      });

      it('sets every compressible mark 1 em or ½ em wide, none in between (T27)', () => {
        // A mark's cell runs to the next glyph: ½ em or 1 em, spreading going to other gaps.
        let marks = 0;
        const between: string[] = [];
        for (const l of lines) {
          l.glyphs.forEach((g, i) => {
            const next = l.glyphs[i + 1];
            if (!next || !MARKS.has(g.c) || MARKS.has(next.c) || INK_RIGHT.has(g.c)) return;
            marks++;
            const cell = next.x - g.x;
            if (Math.abs(cell - em / 2) > TOL && Math.abs(cell - em) > TOL) between.push(`${g.c} ${(cell / em).toFixed(3)} em in ${l.text}`);
          });
        }
        expect(between).toEqual([]);
        if (name === 'issue 91') expect(marks).toBeGreaterThan(300);
      });

      it('keeps a number with the measure word or date unit after it across line ends (T28)', () => {
        const words = new Set([...'名日份个时月年人次项家户件条元万']);
        const split = lines.flatMap((l, i) => {
          const next = lines[i + 1];
          return next && /\d$/.test(l.text) && words.has([...next.text][0]!) ? [`${l.text}／${next.text}`] : [];
        });
        expect(split).toEqual([]);
      });

      it('ends no paragraph with a lone character (T15)', () => {
        const lone = lines.filter((l) => l.last && [...l.text].filter((c) => /[\p{L}\p{N}]/u.test(c)).length < 2);
        expect(lone.map((l) => l.text)).toEqual([]);
      });
    });
  }
});

interface BodyLine extends TextLine {
  /** The text without spaces. */
  text: string;
  /** The first line of its paragraph (indented) / the last (ragged). */
  first: boolean;
  last: boolean;
}

/** The lines of body size that make up the paragraphs, in order, marked first and last. */
function bodyLines(all: TextLine[], em: number, paragraphs: string[]): BodyLine[] {
  const text = squash(paragraphs.join(''));
  const starts = new Set<number>();
  const ends = new Set<number>();
  let at = 0;
  for (const p of paragraphs) {
    starts.add(at);
    ends.add((at += squash(p).length));
  }
  const out: BodyLine[] = [];
  let seen = 0;
  for (const line of all) {
    const glyphs = line.glyphs.filter((g) => g.c.trim() !== '' && Math.abs(g.size - em) < 0.01);
    const t = squash(glyphs.map((g) => g.c).join(''));
    if (t === '' || !text.startsWith(t, seen)) continue;
    out.push({ ...line, glyphs, text: t, first: starts.has(seen), last: ends.has(seen + t.length) });
    seen += t.length;
  }
  return out;
}

/** Where a line's ink starts: an opening mark's ink is its glyph's right half (T10). */
function inkStart(l: BodyLine): number {
  const g = l.glyphs[0]!;
  return INK_RIGHT.has(g.c) ? g.x + g.advance / 2 : g.x;
}

/**
 * Where a line's ink ends: a full-width mark ending a line is half width (T9).
 * With hanging punctuation (T16), a `，。、` standing past the measure hangs: the
 * line ends where the character before it does.
 */
function inkEnd(l: BodyLine, hangingFrom?: number, cellsTo?: number): number {
  const g = l.glyphs.at(-1)!;
  if (hangingFrom !== undefined && HANGING.has(g.c) && Math.abs(g.x - hangingFrom) <= TOL && l.glyphs.length > 1) {
    const before = l.glyphs.at(-2)!;
    return before.x + before.advance;
  }
  // On the 公文 grid a mark in the line's last cell keeps its cell: the line ends with the cell.
  if (cellsTo !== undefined && INK_LEFT.has(g.c) && Math.abs(g.x + g.advance - cellsTo) <= TOL) return cellsTo;
  return INK_LEFT.has(g.c) ? g.x + g.advance / 2 : g.x + g.advance;
}
