/**
 * The masthead (typography.md T21, T22): issue 91's front page, laid out in both
 * presets, read back from the page items: the name in red, large and centred; the
 * period and serial under it, centred; the editing unit left and the print date
 * right on one line; a red rule the width of the type area; the circulation notice
 * top left, or with the colophon.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose } from '../document/index.js';
import { FontSet } from '../fonts/index.js';
import { loadIssue } from '../issue/index.js';
import { resolveStyle } from '../style/index.js';
import { inkLeft, inkRight } from '../../test/helpers/rules.js';
import { layout } from './layout.js';
import type { Page, Rule, TextRun } from './types.js';

const fonts = new FontSet();
const root = path.resolve(import.meta.dirname, '..', '..');
const issue91 = loadIssue(path.join(root, 'issues', 'issue-91.yaml'));
const TOL = 0.05;
/** T21: the masthead red when the house style sets none, CMYK percentages. */
const RED = [0, 100, 100, 0];
/** T21: text in black alone. */
const BLACK = [0, 0, 0, 100];

function front(preset: 'default' | 'gongwen', over: Partial<Parameters<typeof resolveStyle>[0]> = {}) {
  const style = resolveStyle({ ...issue91.style, preset, ...over });
  const laid = layout(compose(issue91), style, fonts);
  return { page: laid.pages[0]!, last: laid.pages.at(-1)!, style };
}

const runs = (page: Page) => page.items.filter((i): i is TextRun => i.type === 'text');
const textOf = (run: TextRun) => run.glyphs.map((g) => g.text).join('');
const run = (page: Page, text: string) => {
  const found = runs(page).find((r) => textOf(r) === text);
  if (!found) throw new Error(`no run ${JSON.stringify(text)} on the page: ${runs(page).map(textOf).join(' / ')}`);
  return found;
};
/** Where a run's ink starts and ends: a mark's blank half is not ink. */
const left = (r: TextRun) => inkLeft(r.glyphs[0]!);
const right = (r: TextRun) => inkRight(r.glyphs.at(-1)!);

describe.each(['default', 'gongwen'] as const)('T22: the masthead of issue 91 (%s preset)', (preset) => {
  it('T22: the name in red, large and centred on the type area', () => {
    const { page, style } = front(preset);
    const name = run(page, issue91.name.text);
    expect(name.color).toEqual(RED);
    // Large: more than twice the title size.
    for (const g of name.glyphs) expect(g.size).toBeGreaterThan(2 * style.title.size);
    const centre = style.area.left + style.area.width / 2;
    expect(Math.abs((left(name) + right(name)) / 2 - centre)).toBeLessThanOrEqual(TOL);
  });

  it('T22: under the name, the period and the serial (`2020年2月（总第91期）`), centred, in black', () => {
    const { page, style } = front(preset);
    const name = run(page, issue91.name.text);
    const period = run(page, '2020年2月（总第91期）');
    expect(period.y).toBeGreaterThan(name.y);
    expect(period.color).toEqual(BLACK);
    // Centred by its ink: the closing bracket's blank half is not.
    const centre = style.area.left + style.area.width / 2;
    expect(Math.abs((left(period) + right(period)) / 2 - centre)).toBeLessThanOrEqual(TOL);
  });

  it('T22: the editing unit on the left and the print date on the right of one line, under the period, as far from the edges', () => {
    const { page, style } = front(preset);
    const period = run(page, '2020年2月（总第91期）');
    const editor = run(page, issue91.editor.text);
    const printed = run(page, '2020年3月16日印');
    expect(editor.y).toBe(printed.y);
    expect(editor.y).toBeGreaterThan(period.y);
    const inLeft = left(editor) - style.area.left;
    const inRight = style.area.left + style.area.width - right(printed);
    expect(inLeft).toBeGreaterThanOrEqual(-TOL);
    expect(inLeft).toBeLessThanOrEqual(2 * style.body.size);
    expect(Math.abs(inLeft - inRight)).toBeLessThanOrEqual(TOL);
  });

  it('T22: a red rule the width of the type area under the editing unit, above the contents', () => {
    const { page, style } = front(preset);
    const editor = run(page, issue91.editor.text);
    const rules = page.items.filter((i): i is Rule => i.type === 'rule');
    expect(rules).toHaveLength(1);
    const rule = rules[0]!;
    expect(rule.color).toEqual(RED);
    expect(rule.vertical ?? false).toBe(false);
    expect(Math.abs(rule.x - style.area.left)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(rule.length - style.area.width)).toBeLessThanOrEqual(TOL);
    expect(rule.y).toBeGreaterThan(editor.y);
    for (const r of runs(page).filter((r) => r.tag?.role === 'TOC')) expect(r.y, textOf(r)).toBeGreaterThan(rule.y);
  });

  it('T22: the circulation notice top left, above the name, when the masthead carries it', () => {
    const { page, style } = front(preset, { notice: 'masthead' });
    const notice = runs(page)[0]!;
    expect(textOf(notice)).toBe(issue91.colophon.notice!.text);
    expect(Math.abs(left(notice) - style.area.left)).toBeLessThanOrEqual(TOL);
    expect(notice.y).toBeLessThan(run(page, issue91.name.text).y);
    expect(notice.y).toBeGreaterThan(style.area.top);
  });

  it('T22: the circulation notice with the colophon instead, when the style says so', () => {
    const { page, last } = front(preset, { notice: 'colophon' });
    expect(runs(page).some((r) => textOf(r).includes(issue91.colophon.notice!.text))).toBe(false);
    const colophon = runs(last).filter((r) => r.tag?.role === 'Colophon');
    expect(colophon.some((r) => textOf(r).includes(issue91.colophon.notice!.text))).toBe(true);
  });

  it('T22: notice, name, period, the editing unit\'s line and the rule stand one under another, none over the next', () => {
    const { page, style } = front(preset, { notice: 'masthead' });
    // A run's extent: its ink's top (ascent) to its bottom (the descent, 0.12 em of a CJK face).
    const box = (r: TextRun) => ({ top: r.y - style.ascent * r.glyphs[0]!.size, bottom: r.y + 0.12 * r.glyphs[0]!.size });
    const notice = box(runs(page)[0]!);
    const name = box(run(page, issue91.name.text));
    const period = box(run(page, '2020年2月（总第91期）'));
    const editor = box(run(page, issue91.editor.text));
    const rule = page.items.find((i): i is Rule => i.type === 'rule')!;
    expect(notice.top).toBeGreaterThanOrEqual(style.area.top - TOL);
    expect(name.top).toBeGreaterThanOrEqual(notice.bottom);
    expect(period.top).toBeGreaterThanOrEqual(name.bottom);
    expect(editor.top).toBeGreaterThanOrEqual(period.bottom);
    expect(rule.y).toBeGreaterThanOrEqual(editor.bottom);
    // And the contents under the rule.
    const toc = runs(page).filter((r) => r.tag?.role === 'TOC').map(box);
    for (const t of toc) expect(t.top).toBeGreaterThanOrEqual(rule.y);
  });

  it('T21: a house style sets its own masthead red, for the name and the rule', () => {
    const { page } = front(preset, { mastheadColor: [0, 90, 80, 5] });
    expect(run(page, issue91.name.text).color).toEqual([0, 90, 80, 5]);
    expect(page.items.find((i) => i.type === 'rule')!.color).toEqual([0, 90, 80, 5]);
  });
});
