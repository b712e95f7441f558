/**
 * Long input set in time linear in its length: a word or number wider than the
 * measure, broken as the README's long-word rule says ("broken where it must be"),
 * and a title too long to balance, filled line by line. (How long they take is
 * measured by the benchmark; here, that what they set is right.)
 */
import { expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { setParagraph } from './set.js';
import { setTitle } from './title.js';
import { uniform, type SetLine } from './types.js';

const fonts = new FontSet();
const EM = 16;
const text = (line: SetLine) => line.glyphs.map((g) => g.text).join('');
/** Where a line's ink ends, points from its left. */
const inkEnd = (line: SetLine) => Math.max(...line.glyphs.map((g) => g.x + g.advance));

it('a run of 20 000 digits is broken where it must be: no line past the measure, hardly more lines than the digits fill, every digit kept in order', () => {
  const digits = '1234567890'.repeat(2000);
  const set = setParagraph(digits, { face: 'serif', size: EM, indent: 2 * EM, align: 'justify', shape: uniform(25 * EM) }, fonts);
  expect(set.brokenWords).toEqual([0]);
  expect(set.lines.map(text).join('')).toBe(digits);
  for (const line of set.lines) expect(inkEnd(line)).toBeLessThanOrEqual(25 * EM + 0.01);
  // Digits are never spread (T13: Latin and digits are not letter-spaced): a line holds as many as fit.
  const perLine = Math.floor((25 * EM) / (fonts.resolve('serif', '0')!.glyph.advance * EM));
  expect(set.lines.length).toBeLessThanOrEqual(Math.ceil(digits.length / perLine) + 1);
});

it('a title of 4 160 characters, too long to balance, is filled line by line: each line within the measure, the text whole', () => {
  const title = '市领导督导我区疫情防控工作'.repeat(320);
  const width = 18 * 22;
  const { lines } = setTitle(title, { face: 'serif-bold', size: 22, width }, fonts);
  expect(lines.map(text).join('')).toBe(title);
  for (const line of lines) expect(inkEnd(line) - Math.min(...line.glyphs.map((g) => g.x))).toBeLessThanOrEqual(width + 0.01);
  // 18 characters of 22 pt to a line, each line filled but the last: not balanced.
  expect(lines.slice(0, -1).map((l) => text(l).length)).toEqual(new Array(Math.floor(title.length / 18)).fill(18));
  expect(text(lines.at(-1)!)).toHaveLength(title.length % 18);
});

it('a paragraph of more than 100 lines (several pages) is offered no other number of lines for a short page (T24); one of 52 or of exactly 100 is offered a line fewer and a line more', () => {
  // Weighing every number of lines grows with the square of a paragraph's length:
  // past a few pages, the page builder takes the paragraph as it is set.
  const sentence = '2月12日，市政府副秘书长李兵到我区督导了疫情防控工作，区委常委、常务副区长张鹏陪同。';
  const set = (times: number) => setParagraph(sentence.repeat(times), { face: 'serif', size: EM, indent: 2 * EM, align: 'justify', shape: uniform(25 * EM) }, fonts);
  const shorter = set(30);
  expect(shorter.lines).toHaveLength(52);
  expect(shorter.alternatives().map((a) => [a.count, a.lines().length])).toEqual([
    [51, 51],
    [53, 53],
  ]);
  // Exactly params.mostLinesVaried (100) lines: both still to be searched for
  // (the search itself, as long again, is left out here).
  const hundred = setParagraph(`${sentence.repeat(58)}${sentence.slice(0, 20)}。`, { face: 'serif', size: EM, indent: 2 * EM, align: 'justify', shape: uniform(25 * EM) }, fonts);
  expect(hundred.lines).toHaveLength(100);
  expect(hundred.possibleCounts()).toEqual([99, 101]);
  const longer = set(60);
  expect(longer.lines.length).toBeGreaterThan(100);
  expect(longer.alternatives()).toEqual([]);
});
