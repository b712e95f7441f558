/**
 * End to end: the `bulletin` command builds issue 91, and independent readers
 * (pdf.js, poppler, qpdf) find what a printer and a reader need: the pages, the
 * contents' numbers where the titles stand, all the text in order with nothing
 * stray, fonts embedded and subset with Unicode maps, a clean file, and the same
 * bytes on every build.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIssue, type Issue } from '../src/issue/index.js';
import { resolveStyle } from '../src/style/index.js';
import { has, readPdf, squash, type PdfPage } from './helpers/pdf.js';
import { HANGING, INK_LEFT, INK_RIGHT, T4_NO_START, T5_NO_END } from './helpers/rules.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
let dir: string;
let pdfFile: string;
let pages: PdfPage[];
let issue: Issue;

/** `— 12 —` at the foot of a page. */
const FOLIO = /—\s*(\d+)\s*—$/u;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-e2e-'));
  pdfFile = path.join(dir, 'issue-91.pdf');
  execFileSync(process.execPath, [bin, 'build', 'issues/issue-91.yaml', '-o', pdfFile], { cwd: root });
  pages = await readPdf(pdfFile);
  issue = loadIssue(path.join(root, 'issues/issue-91.yaml'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folioOf(page: PdfPage): number | null {
  const m = FOLIO.exec(squashFolio(page));
  return m ? Number(m[1]) : null;
}

/** The folio is the last text on the page, below the type area. */
function squashFolio(page: PdfPage): string {
  const below = page.runs.filter((r) => r.y > page.height - 100);
  return below.map((r) => r.str).join('').trim();
}

/** A page's text without its folio, whitespace removed. */
function bodyText(page: PdfPage): string {
  return squash(page.runs.filter((r) => r.y <= page.height - 100).map((r) => r.str).join(''));
}

describe('bulletin build issues/issue-91.yaml', () => {
  it('numbers the article pages from 1 after an unnumbered front page', () => {
    expect(folioOf(pages[0]!)).toBeNull();
    const folios = pages.slice(1).map(folioOf);
    expect(folios).toEqual(folios.map((_, i) => i + 1));
    expect(pages.length).toBe(1 + folios.length);
  });

  it.runIf(has('pdftoppm'))('sets each folio\'s dashes with their upper edge 7 mm below the type area, on the outer side (T20)', () => {
    const style = resolveStyle(issue.style);
    const mm = 72 / 25.4;
    const dpi = 1200;
    const px = (pt: number) => Math.round((pt / 72) * dpi);
    // Page 2 (folio 1) is a verso: its folio's first dash starts one character in from the left.
    for (const [page, dashLeft] of [
      [2, style.area.left + 14],
      [3, style.area.left + style.area.width - 14 - 14],
    ] as const) {
      const top = style.area.top + style.area.height;
      const strip = { x: px(dashLeft + 3), y: px(top), w: px(8), h: px(15 * mm) };
      const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-x', String(strip.x), '-y', String(strip.y), '-W', String(strip.w), '-H', String(strip.h), pdfFile]);
      const ink = firstDarkRow(pgm);
      expect(ink, `page ${page}`).toBeGreaterThanOrEqual(0);
      const below = ((strip.y + ink) / dpi) * 72 - top;
      expect(below / mm, `page ${page}`).toBeCloseTo(7, 1);
    }
  });

  it('sets the masthead on the front page, the circulation notice top left (T22)', () => {
    const front = bodyText(pages[0]!);
    const notice = squash(issue.colophon.notice!.text);
    expect(front.startsWith(`${notice}${issue.name.text}2020年2月（总第91期）${issue.editor.text}2020年3月16日印`)).toBe(true);
    const first = pages[0]!.runs[0]!;
    expect(first.str.replace(/\s/g, '')).toBe(notice);
    expect(first.x).toBeCloseTo(resolveStyle(issue.style).area.left, 1);
  });

  it('gives every contents entry the number of the page where its title stands', () => {
    const front = bodyText(pages[0]!);
    const articles = issue.sections.flatMap((s) => s.articles);
    let checked = 0;
    for (const article of articles) {
      const toc = squash(article.toc.text);
      const m = new RegExp(`${escape(toc)}…+(\\d+)`, 'u').exec(front);
      expect(m, `contents entry ${article.toc.text}`).not.toBeNull();
      const title = squash(article.title.map((t) => t.text).join(''));
      const page = pages.slice(1).find((p) => bodyText(p).includes(title));
      expect(page, `title ${title} on a page`).toBeDefined();
      expect(Number(m![1]), article.toc.text).toBe(folioOf(page!));
      checked++;
    }
    expect(checked).toBe(12);
  });

  it('extracts all the text in order, with nothing stray between', () => {
    const expected: string[] = [];
    for (const section of issue.sections) {
      expected.push(section.title.text);
      for (const article of section.articles) {
        expected.push(article.title.map((t) => t.text).join(''));
        for (const block of article.body) if (block.kind === 'paragraph') expected.push(block.text);
      }
    }
    const body = pages.slice(1).map(bodyText).join('');
    const colophonAt = body.indexOf('发放范围：');
    expect(colophonAt).toBeGreaterThan(0);
    expect(body.slice(0, colophonAt)).toBe(squash(expected.join('')));
  });

  it('sets the colophon at the end, its text as in the issue', () => {
    const c = issue.colophon;
    const last = bodyText(pages.at(-1)!);
    const tail = last.slice(last.indexOf('发放范围：'));
    expect(tail).toBe(
      squash(
        `发放范围：${(c.distribution ?? []).map((d) => d.text).join('，')}。` +
          `主管：${c.supervisor?.text}编辑出版：${c.publisher?.text}` +
          `电话：${c.phone?.text}邮箱：${c.email?.text}` +
          `（共印 ${c.copies} 份）`,
      ),
    );
  });

  it('sets body lines that never start with a T4 mark nor end with a T5 mark, flush both sides but at a paragraph end (T4, T5, T13)', () => {
    const style = resolveStyle(issue.style);
    const left = style.area.left;
    const right = left + style.area.width;
    const size = style.body.size;
    // Where each paragraph ends in the squashed body text.
    const ends = new Set<number>();
    let at = 0;
    const body = issue.sections.flatMap((s) => s.articles.flatMap((a) => a.body));
    const paragraphs = body.flatMap((b) => (b.kind === 'paragraph' ? [squash(b.text)] : []));
    const all = paragraphs.join('');
    for (const p of paragraphs) ends.add((at += p.length));
    let seen = 0;
    let ragged = 0;
    let lines = 0;
    for (const page of pages.slice(1)) {
      for (const line of bodyLines(page, size)) {
        const text = squash(line.text);
        if (!all.startsWith(text, seen)) continue; // a heading, a title or the colophon
        seen += text.length;
        lines++;
        expect(T4_NO_START.has([...text][0]!), `line starts with a T4 mark: ${text}`).toBe(false);
        expect(T5_NO_END.has([...text].at(-1)!), `line ends with a T5 mark: ${text}`).toBe(false);
        // An opening mark at a line start loses its left half (T10): its glyph starts
        // half an em left of the measure, its ink on it; on the 公文 grid it keeps its
        // whole cell, the glyph on the measure (T1).
        const start = line.start + (INK_RIGHT.has([...text][0]!) && !style.columns ? size / 2 : 0);
        const indent = Math.abs(start - left) < 0.05 || Math.abs(line.start - left - 2 * size) < 0.05;
        expect(indent, `line starts at the measure or the indent: ${text}`).toBe(true);
        // A full-width mark's advance runs half an em past its ink at a line end (T9);
        // with hanging punctuation (T16) a `，。、` stands whole past the measure.
        const lastChar = [...text].at(-1)!;
        const hangs = style.hanging && HANGING.has(lastChar) && Math.abs(line.end - size - right) < 0.05;
        // On the 公文 grid a mark in the line's last cell keeps the cell: the line ends on it.
        const whole = style.columns && INK_LEFT.has(lastChar) && Math.abs(line.end - right) < 0.05;
        const ink = line.end - (hangs ? size : whole ? 0 : INK_LEFT.has(lastChar) ? size / 2 : 0);
        if (Math.abs(ink - right) > 0.05) {
          expect(ends.has(seen), `a line short of the measure ends a paragraph: ${text}`).toBe(true);
          expect(ink).toBeLessThan(right);
          ragged++;
        }
      }
    }
    expect(seen, 'every paragraph line was found').toBe(all.length);
    expect(ragged).toBeLessThanOrEqual(paragraphs.length);
    expect(lines).toBeGreaterThan(250);
  });

  it('writes the same bytes on every build', () => {
    const again = path.join(dir, 'again.pdf');
    execFileSync(process.execPath, [bin, 'build', 'issues/issue-91.yaml', '-o', again], { cwd: root });
    expect(readFileSync(again).equals(readFileSync(pdfFile))).toBe(true);
  });

  it.runIf(has('pdffonts'))('embeds and subsets every font, with a Unicode map (poppler)', () => {
    const out = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(out.length).toBeGreaterThanOrEqual(3);
    for (const line of out) {
      const cols = line.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID
      const [emb, sub, uni] = cols.slice(-5, -2);
      expect([line, emb, sub, uni]).toEqual([line, 'yes', 'yes', 'yes']);
      expect(cols[0]).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it.runIf(has('qpdf'))('passes qpdf --check', () => {
    const out = execFileSync('qpdf', ['--check', pdfFile], { encoding: 'utf8' });
    expect(out).toContain('No syntax or stream encoding errors found');
  });
});

/** Text lines of a page in the type area, by baseline, left to right. */
function bodyLines(page: PdfPage, size: number): { text: string; start: number; end: number }[] {
  const byY = new Map<number, PdfPage['runs']>();
  for (const r of page.runs) {
    if (r.y > page.height - 100 || Math.abs(r.fontSize - size) > 0.01) continue;
    const y = Math.round(r.y * 100) / 100;
    byY.set(y, [...(byY.get(y) ?? []), r]);
  }
  return [...byY.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, runs]) => {
      const sorted = runs.sort((a, b) => a.x - b.x);
      return {
        text: sorted.map((r) => r.str).join(''),
        start: sorted[0]!.x,
        end: Math.max(...sorted.map((r) => r.x + r.width)),
      };
    });
}

/** The first row of a binary PGM (P5) with a pixel darker than mid-grey, or −1. */
function firstDarkRow(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 64))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = pgm.subarray(header[0].length);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) if (data[row * width + col]! < 128) return row;
  }
  return -1;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.each(['default', 'gongwen'] as const)('issue 91 in the %s preset', (preset) => {
  let file: string;
  let book: PdfPage[];
  let folder: string;
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), `bulletin-${preset}-`));
    cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(folder, 'publication.yaml'));
    const yaml = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
    writeFileSync(path.join(folder, 'issue-91.yaml'), `${yaml}style:\n  preset: ${preset}\n`);
    file = path.join(folder, 'issue-91.pdf');
    execFileSync(process.execPath, [bin, 'build', path.join(folder, 'issue-91.yaml'), '-o', file], { cwd: root });
    book = await readPdf(file);
  });

  it('gives every contents entry, sections too, a link to where its title stands', async () => {
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    const links = (await (await pdf.getPage(1)).getAnnotations()).filter((a) => a.subtype === 'Link');
    expect(links).toHaveLength(issue.sections.length + issue.sections.flatMap((s) => s.articles).length);
    for (const link of links) {
      const dest = (await pdf.getDestination(link.dest as string))!;
      const page = book[await pdf.getPageIndex(dest[0] as never)]!;
      // The destination's page has the section heading or the title it names.
      const names = [...issue.sections.map((s) => s.title.text), ...issue.sections.flatMap((s) => s.articles.map((a) => squash(a.title.map((t) => t.text).join(''))))];
      expect(names.some((n) => bodyText(page).includes(n))).toBe(true);
    }
    await pdf.destroy();
  });

  it('has an outline of sections and their articles that open the pages the titles stand on', async () => {
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    const outline = (await pdf.getOutline())!;
    expect(outline.map((o) => o.title)).toEqual(issue.sections.map((s) => s.title.text));
    for (const [s, section] of issue.sections.entries()) {
      expect(outline[s]!.items.map((o) => o.title)).toEqual(section.articles.map((a) => a.toc.text));
      for (const [a, article] of section.articles.entries()) {
        const dest = (await pdf.getDestination(outline[s]!.items[a]!.dest as string))!;
        const page = book[await pdf.getPageIndex(dest[0] as never)]!;
        const title = squash(article.title.map((t) => t.text).join(''));
        expect(bodyText(page), article.toc.text).toContain(title);
        // The destination is the top of the title's band: just above the title.
        const run = page.runs.find((r) => squash(title).startsWith(squash(r.str)) && r.str.trim() !== '')!;
        expect(page.height - (dest[3] as number)).toBeLessThan(run.y);
        expect(run.y - (page.height - (dest[3] as number))).toBeLessThan(80);
      }
    }
    await pdf.destroy();
  });

  it('numbers the contents with the folios of the pages where the titles stand', () => {
    const front = bodyText(book[0]!);
    for (const article of issue.sections.flatMap((s) => s.articles)) {
      const m = new RegExp(`${escape(squash(article.toc.text))}…+(\\d+)`, 'u').exec(front);
      expect(m, article.toc.text).not.toBeNull();
      const title = squash(article.title.map((t) => t.text).join(''));
      const page = book.slice(1).find((p) => bodyText(p).includes(title));
      expect(Number(m![1]), article.toc.text).toBe(folioOf(page!));
    }
  });

  it.runIf(has('mutool'))('sets the colophon on the last page, its last rule on the bottom edge of the type area (T23)', () => {
    const style = resolveStyle({ preset });
    const trace = execFileSync('mutool', ['draw', '-F', 'trace', '-o', '-', file, String(book.length)], { encoding: 'utf8' });
    const rules = [...trace.matchAll(/<moveto x="([\d.]+)" y="([\d.]+)"\/>\s*<lineto x="([\d.]+)" y="([\d.]+)"\/>/g)].map((m) => m.slice(1).map(Number));
    const horizontal = rules.filter(([, y1, , y2]) => Math.abs(y1! - y2!) < 1e-3);
    const lowest = Math.max(...horizontal.map(([, y]) => y!));
    expect(lowest).toBeCloseTo(style.area.top + style.area.height, 2);
    const ruleWidth = horizontal.find(([, y]) => y === lowest)!;
    expect(ruleWidth[2]! - ruleWidth[0]!).toBeCloseTo(style.area.width, 2);
    expect(bodyText(book.at(-1)!)).toContain('发放范围：');
  });
});

