/**
 * Pagination over synthetic issues (fast-check, seeded): random numbers of sections
 * and articles, paragraphs of 1 to 3,000 characters, titles of 4 to 60, both
 * presets, sections run on or starting new pages (and then each does). On every
 * issue: no paragraph's
 * first line alone at a page foot nor its last alone at a page head (T17); no
 * heading without two lines of what follows under it (T18); every body line on the
 * grid (T1); no ink outside the type area; every contents number the folio of the
 * page its title stands on; the colophon on the last page, its last rule on the
 * bottom edge of the type area (T23).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose } from '../document/index.js';
import { FontSet } from '../fonts/index.js';
import type { Article, Issue, SourceText } from '../issue/index.js';
import { resolveStyle, type Style } from '../style/index.js';
import { HANGING, INK_LEFT, INK_RIGHT } from '../../test/helpers/rules.js';
import { destinations, layout } from './layout.js';
import type { Page, Pages, TextRun } from './types.js';

const fonts = new FontSet();
// A failure is reported as found: shrinking issues of this size takes minutes.
const RUNS = { seed: 4, numRuns: 40, endOnFailure: true };

const POOL = [...'疫情防控工作区委书记宋洁耿勇军察看社区服务站人员物资保障检测卡点企业复工产会议精神落实要求群众生活市政府副秘书长督导'];

function text(t: string, path = 'synthetic'): SourceText {
  return { text: t, source: { file: 'synthetic.yaml', path, anchors: [] } };
}

/** Han text of n characters with a pause or stop mark every 6 to 20 of them. */
const hanText = (n: number) =>
  fc.tuple(fc.array(fc.constantFrom(...POOL), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 6, max: 20 }), { minLength: 1, maxLength: 1 + Math.floor(n / 6) })).map(([chars, gaps]) => {
    let out = '';
    let next = gaps[0]!;
    let g = 0;
    chars.forEach((c, i) => {
      out += c;
      if (i + 1 === next && i + 1 < n) {
        out += i % 3 === 0 ? '。' : '，';
        next += gaps[++g % gaps.length]!;
      }
    });
    return `${out}。`;
  });

// Mostly short paragraphs, so headings fall at every height of the page; now and
// then one of up to 3,000 characters, longer than a page.
const paragraphLength = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 120 }), weight: 20 },
  { arbitrary: fc.integer({ min: 120, max: 600 }), weight: 6 },
  { arbitrary: fc.integer({ min: 600, max: 3000 }), weight: 1 },
);
const paragraph = paragraphLength.chain(hanText);
const title = fc.integer({ min: 4, max: 60 }).chain((n) => fc.array(fc.constantFrom(...POOL), { minLength: n, maxLength: n }).map((a) => a.join('')));
const article = fc.tuple(title, fc.array(paragraph, { minLength: 1, maxLength: 3 }));
const section = fc.tuple(title.map((t) => t.slice(0, 6)), fc.array(article, { minLength: 1, maxLength: 6 }));
const issue = fc.record({
  sections: fc.array(section, { minLength: 1, maxLength: 4 }),
  preset: fc.constantFrom('default' as const, 'gongwen' as const),
  sectionsOnNewPage: fc.boolean(),
});

function issueOf(spec: { sections: [string, [string, string[]][]][]; preset: 'default' | 'gongwen'; sectionsOnNewPage: boolean }): Issue {
  return {
    file: 'synthetic.yaml',
    folder: '.',
    warnings: [],
    name: text('上街史志'),
    editor: text('上街区地方史志办公室编'),
    number: 1,
    period: text('2020年1月'),
    printed: { year: 2020, month: 1, day: 31 },
    sections: spec.sections.map(([t, articles], s) => ({
      title: text(t),
      path: `sections[${s}]`,
      articles: articles.map(([at, paras], a): Article => ({
        title: [text(at)],
        toc: text(at),
        body: paras.map((p) => ({ kind: 'paragraph', ...text(p) })),
        path: `sections[${s}].articles[${a}]`,
      })),
    })),
    colophon: {
      notice: text('内部资料 注意保存'),
      distribution: ['区委书记', '区长', '区委常委'].map((d) => text(d)),
      supervisor: text('上街区人民政府办公室'),
      publisher: text('上街区地方史志办公室'),
      phone: text('68933000'),
      email: text('sjqdfzbg@126.com'),
      copies: 130,
    },
    style: { preset: spec.preset, sectionsOnNewPage: spec.sectionsOnNewPage },
  };
}

const runsOf = (page: Page) => page.items.filter((i): i is TextRun => i.type === 'text');

describe('pagination of synthetic issues', () => {
  it('keeps T1, T17, T18, T23, the type area and the contents numbers on every page', () => {
    fc.assert(
      fc.property(issue, (spec) => {
        const source = issueOf(spec);
        const style = resolveStyle(source.style);
        const pages = layout(compose(source), style, fonts);
        const body = pages.pages.filter((p) => p.folio !== null);
        checkParagraphs(body);
        checkHeadings(body, style);
        checkGridAndArea(body, style);
        checkContents(pages);
        checkColophon(body, style);
        if (spec.sectionsOnNewPage) checkSectionsStartPages(body);
      }),
      RUNS,
    );
  });
});

/** T17: a paragraph split over pages leaves at least two lines on each side. */
function checkParagraphs(pages: Page[]): void {
  const segments = new Map<string, { page: number; count: number; lines: number }[]>();
  pages.forEach((page, p) => {
    for (const run of runsOf(page)) {
      if (run.tag?.role !== 'P') continue;
      const list = segments.get(run.tag.block!) ?? [];
      const last = list.at(-1);
      if (last && last.page === p) last.count++;
      else list.push({ page: p, count: 1, lines: run.tag.lines! });
      segments.set(run.tag.block!, list);
    }
  });
  for (const [block, list] of segments) {
    if (list.length < 2) continue;
    expect(list[0]!.count, `${block}: first line alone at a page foot`).toBeGreaterThanOrEqual(2);
    expect(list.at(-1)!.count, `${block}: last line alone at a page head`).toBeGreaterThanOrEqual(2);
  }
}

/** T18: under a heading, on its page, two lines of the paragraph that follows (all of one of three). */
function checkHeadings(pages: Page[], style: Style): void {
  for (const page of pages) {
    const runs = runsOf(page).filter((r) => r.tag && r.tag.role !== 'Artifact' && r.tag.role !== 'Colophon');
    runs.forEach((run, i) => {
      if (run.tag?.role !== 'H1' && run.tag?.role !== 'H2') return;
      const rest = runs.slice(i + 1);
      const next = rest.find((r) => r.tag?.role === 'P');
      expect(next, `heading ${runText(run)} ends its page`).toBeDefined();
      const count = rest.filter((r) => r.tag?.block === next!.tag!.block).length;
      const total = next!.tag!.lines!;
      expect(count, `under ${runText(run)}`).toBeGreaterThanOrEqual(total <= 3 ? total : 2);
    });
  }
  void style;
}

/** T1: every body line on the baseline grid; no ink outside the type area. */
function checkGridAndArea(pages: Page[], style: Style): void {
  const { area, body, ascent } = style;
  for (const page of pages) {
    for (const run of runsOf(page)) {
      if (run.tag?.role === 'Artifact') continue;
      if (run.tag?.role === 'P') {
        const i = (run.y - area.top - ascent * body.size) / body.pitch;
        expect(Math.abs(i - Math.round(i)), `line off the grid at ${run.y}`).toBeLessThan(1e-6);
        expect(Math.round(i)).toBeGreaterThanOrEqual(0);
        expect(Math.round(i)).toBeLessThan(body.lines);
      }
      expect(run.y).toBeGreaterThan(area.top);
      expect(run.y).toBeLessThanOrEqual(area.top + area.height + 1e-6);
      run.glyphs.forEach((g, k) => {
        const inkLeft = g.x + (INK_RIGHT.has(g.text) ? g.advance / 2 : 0);
        const inkRight = g.x + g.advance - (INK_LEFT.has(g.text) ? g.advance / 2 : 0);
        expect(inkLeft, g.text).toBeGreaterThanOrEqual(area.left - 0.05);
        // T16: a `，。、` ending a body line may hang just past the measure, where the style allows.
        const hangs = style.hanging && run.tag?.role !== 'Colophon' && k === run.glyphs.length - 1 && HANGING.has(g.text) && Math.abs(g.x - area.left - area.width) < 0.05;
        expect(inkRight, g.text).toBeLessThanOrEqual(area.left + area.width + 0.05 + (hangs ? g.advance / 2 : 0));
      });
    }
  }
}

/** Every contents entry ends with the folio of the page its title stands on. */
function checkContents(pages: Pages): void {
  const folios = destinations(pages.pages);
  const front = pages.pages.filter((p) => p.folio === null);
  const entries = new Map<string, string>();
  for (const page of front) {
    for (const run of runsOf(page)) {
      if (run.tag?.role === 'TOC' && run.tag.block) entries.set(run.tag.block, runText(run));
    }
  }
  let articles = 0;
  for (const [block, t] of entries) {
    const number = /(\d+)$/.exec(t);
    if (!number) continue;
    articles++;
    expect(Number(number[1]), t).toBe(folios.get(block.slice('toc-'.length)));
  }
  expect(articles).toBeGreaterThan(0);
}

/** T23: the colophon on the last page, its last rule on the bottom edge of the type area. */
function checkColophon(pages: Page[], style: Style): void {
  const last = pages.at(-1)!;
  expect(runsOf(last).some((r) => r.tag?.role === 'Colophon')).toBe(true);
  const rules = last.items.filter((i) => i.type === 'rule');
  const lowest = Math.max(...rules.map((r) => (r.type === 'rule' ? r.y : 0)));
  expect(lowest).toBeCloseTo(style.area.top + style.area.height, 6);
  for (const page of pages.slice(0, -1)) expect(runsOf(page).some((r) => r.tag?.role === 'Colophon')).toBe(false);
}

/** With sectionsOnNewPage, every section heading is the first thing on its page. */
function checkSectionsStartPages(pages: Page[]): void {
  for (const page of pages) {
    const runs = runsOf(page).filter((r) => r.tag?.role !== 'Artifact');
    runs.forEach((run, i) => {
      if (run.tag?.role === 'H1') expect(i, `section ${runText(run)} starts its page`).toBe(0);
    });
  }
}

function runText(run: TextRun): string {
  return run.glyphs.map((g) => g.text).join('');
}
