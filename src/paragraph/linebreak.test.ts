/**
 * The parts of total fit (linebreak.ts) on small paragraphs built item by item, so
 * each line's ratio and demerits can be worked out by hand from TeX's definitions
 * (tex.web §108 badness, §817 fitness, §859 demerits, §863 the passes, §879 what a
 * break discards) and from typography.md: T7 (total fit decides the paragraph),
 * T14 (a word is hyphenated only when the line cannot be set otherwise), T15 (no
 * lone last character), T24 (the best breaks for each number of lines), T27 (a
 * punctuation blank is removed whole). tex.test.ts checks the measures of one line;
 * optimal.test.ts checks total fit against every way of breaking real text.
 */
import { describe, expect, it } from 'vitest';
import { breakable, breaksByLines, lineDemerits, passLimits, pathCost, ratioOf, startAfter, sumsOf, totalFit } from './linebreak.js';
import { BREAK_PARAMS, GRID_BREAK_PARAMS } from './params.js';
import { uniform, type Box, type Glue, type Item, type Penalty } from './types.js';

const l = BREAK_PARAMS.linePenalty;
/** TeX's badness without the cap, and the demerits of a line ending at glue (§859). */
const bad = (r: number) => 100 * Math.abs(r) ** 3;
const dem = (r: number) => (l + bad(r)) ** 2;

const box = (width: number, text = '字'): Box => ({
  type: 'box',
  width,
  range: [0, 0],
  cell: { cls: 'han', text, range: [0, 0], width, leftBlank: 0, rightBlank: 0, spaceBefore: '', glyphs: [] },
});
const glue = (kind: Glue['kind'], width: number, stretch: number, shrink: number): Glue => ({ type: 'glue', kind, width, stretch, shrink, text: '', range: [0, 0] });
const penalty = (cost: number, over: Partial<Penalty> = {}): Penalty => ({ type: 'penalty', width: 0, cost, flagged: false, level: 0, range: [0, 0], ...over });
/** The paragraph's end as items.ts makes it: no break before the fill, which the forced break ends. */
const end = (): Item[] => [penalty(Infinity), glue('gap', 0, 1e6, 0), penalty(-Infinity)];
/** `n` boxes 10 pt wide, one Han character each, with `gap()` between them. */
function row(n: number, gap: () => Glue): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) out.push(gap());
    out.push(box(10));
  }
  return out;
}

describe('the sums (T13, T27): a line measured from prefix sums', () => {
  const items: Item[] = [
    box(10, '一'),
    glue('punct', 8, 0, 8), // a removable punctuation blank
    box(10, '二'),
    glue('hanlatin', 4, 1, 2),
    box(12, 'ab'),
    glue('space', 5, 3, 1),
    box(10, '，'),
    glue('punct', 8, 0, 0), // a punctuation glue that cannot shrink: no blank to remove
    box(10, '三'),
    glue('punct', 6, 0, 6),
    penalty(50, { width: 3 }),
    box(10, '四'),
  ];
  const s = sumsOf(items);

  it('has one entry more than the items, each the total of the items before it', () => {
    for (const a of [s.width, s.stretch, s.shrink, s.marks, s.marksShrink, s.letters]) expect(a).toHaveLength(items.length + 1);
    const n = items.length;
    // A penalty's width counts only where the line breaks at it.
    expect(s.width[n]).toBe(10 + 8 + 10 + 4 + 12 + 5 + 10 + 8 + 10 + 6 + 10);
    expect(s.stretch[n]).toBe(1 + 3);
    expect(s.letters[n]).toBe(1 + 1 + 2 + 1 + 1);
  });

  it('T27: counts the punctuation blanks that can be removed, apart from the shrink of the other gaps (T13)', () => {
    const n = items.length;
    expect(s.marks[n]).toBe(2);
    expect(s.marksShrink[n]).toBe(8 + 6);
    expect(s.shrink[n]).toBe(2 + 1);
    // Prefix by prefix: the first blank is counted from item 2 on, the second from item 10.
    expect([...s.marks]).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
  });

  it('sums no items to zeros', () => {
    const none = sumsOf([]);
    expect([...none.width, ...none.marks, ...none.letters]).toEqual([0, 0, 0]);
  });
});

describe('ratioOf (T27): a blank goes whole, and the line is spread back', () => {
  //   0 一  1 blank  2 二  3 gap  4 三  5 blank  6 四  7 gap(stretch 4)  8 五  9 gap  10 六
  const items: Item[] = [
    box(10, '一'), glue('punct', 8, 0, 8), box(10, '二'), glue('gap', 0, 2, 0),
    box(10, '三'), glue('punct', 8, 0, 8), box(10, '四'), glue('gap', 0, 4, 0),
    box(10, '五'), glue('gap', 0, 2, 0), box(10, '六'), ...end(),
  ];
  const sums = sumsOf(items);

  it('a second line 4 pt too long loses its one blank (8 pt) and is spread by 4 pt over a stretch of 4: ratio 1', () => {
    // 三 blank 四 gap 五 is 38 pt; at 34 pt half the blank would do, but T27 removes it whole.
    expect(ratioOf(items, sums, 4, 9, 34)).toBeCloseTo(1, 9);
    // The first line's blank is not this line's: it counts one blank, not two or three.
    expect(ratioOf(items, sums, 0, 3, 24)).toBeCloseTo(-0.5, 9); // 一 blank 二, 28 pt at 24, no stretch: squeezed
  });
});

describe('startAfter: what a break discards (tex.web §879)', () => {
  it('drops the glue and penalties after a break, so a line starts with material (T14: no ¼ em at a line start)', () => {
    const items: Item[] = [box(10), penalty(1000), glue('hanlatin', 4, 1, 2), box(10), glue('gap', 0, 1, 0), penalty(Infinity), glue('gap', 2, 0, 0), box(10)];
    expect(startAfter(items, 1)).toBe(3);
    expect(startAfter(items, 4)).toBe(7);
    expect(startAfter([glue('gap', 0, 1, 0), box(10)], -1)).toBe(1);
  });

  it('stops at a forced break: the line after it ends there, however empty', () => {
    const items: Item[] = [box(10), glue('gap', 0, 1, 0), penalty(-Infinity)];
    expect(startAfter(items, 0)).toBe(2);
    expect(startAfter(end(), -1)).toBe(2);
  });
});

describe('the legal breaks of each pass (params.ts)', () => {
  it('glue is a break only after a box: never at the paragraph start', () => {
    const items: Item[] = [glue('gap', 0, 1, 0), box(10), glue('gap', 0, 1, 0), box(10)];
    expect(breakable(items, 0, 1)).toBe(false);
    expect(breakable(items, 2, 1)).toBe(true);
  });

  it('passes 1–2 break at level 0, pass 3 inside words too (T14), pass 4 inside addresses too (T6)', () => {
    const items: Item[] = [box(10), penalty(50, { level: 1, flagged: true }), box(10), penalty(1000, { level: 2 }), box(10)];
    expect([1, 2, 3, 4].map((p) => breakable(items, 1, p))).toEqual([false, false, true, true]);
    expect([1, 2, 3, 4].map((p) => breakable(items, 3, p))).toEqual([false, false, false, true]);
    expect([1, 2, 3, 4].map((p) => passLimits(p).level)).toEqual([0, 0, 1, 2]);
  });

  it('each pass has its own tolerance: TeX\'s \\pretolerance, \\tolerance, then any', () => {
    expect([1, 2, 3, 4].map((p) => passLimits(p).tolerance)).toEqual([100, 200, 200, 10000]);
  });
});

describe('T7: total fit takes the least demerits of the ways to the paragraph\'s end', () => {
  // Six characters with word spaces (5 pt, stretch 8, shrink 5): one squeezed line
  // or two lines, the first of four characters.
  const items = [...row(6, () => glue('space', 5, 8, 5)), ...end()];
  const squeezed = (width: number) => -(85 - width) / 25;
  const firstOfTwo = (width: number) => (width - 55) / 24;

  it('one line squeezed by 0.6 (998.56) rather than two lines (34.4² + 10²)', () => {
    const r = totalFit(items, uniform(70));
    expect(dem(squeezed(70))).toBeLessThan(dem(firstOfTwo(70)) + l * l);
    expect(r.breaks).toEqual([items.length - 1]);
    expect(r.demerits).toBeCloseTo(dem(-0.6), 6);
  });

  it('two lines (13.05² + 10²) rather than one squeezed by 0.9 (82.9²)', () => {
    const r = totalFit(items, uniform(62.5));
    expect(r.breaks).toEqual([7, items.length - 1]);
    expect(r.demerits).toBeCloseTo(dem(firstOfTwo(62.5)) + l * l, 3);
    expect(r.demerits).toBeLessThan(dem(squeezed(62.5)));
  });

  it('keeps the best way to a break in each fitness class (tex.web §836): a tight line, dearer than a loose one, is worth it before a tight line', () => {
    // At 40 pt: 一二三 ·· | 四五六 is one line squeezed by 18 over 24 (tight), then one
    // squeezed by 6 over 10 (tight). Breaking 一二三 (exact) | ·· (spread by 32 over 50,
    // loose) reaches the same break cheaper, but loose before tight costs \\adjdemerits.
    // 四五六 may not break.
    const gap = () => glue('space', 5, 0, 5);
    const items: Item[] = [
      box(10, '一'), gap(), box(10, '二'), gap(), box(10, '三'), glue('space', 10, 0, 10),
      box(2, '·'), glue('space', 4, 50, 4), box(2, '·'), glue('space', 10, 0, 10),
      box(12, '四'), penalty(Infinity), gap(), box(12, '五'), penalty(Infinity), gap(), box(12, '六'), ...end(),
    ];
    const tightFirst = dem(-18 / 24);
    const looseSecond = l * l + dem(32 / 50);
    expect(looseSecond).toBeLessThan(tightFirst);
    const r = totalFit(items, uniform(40));
    expect(r.breaks).toEqual([9, items.length - 1]);
    expect(r.demerits).toBeCloseTo(tightFirst + dem(-0.6), 6);
    expect(r.demerits).toBeLessThan(looseSecond + BREAK_PARAMS.adjacentDemerits + dem(-0.6));
  });

  it('reports an overfull line\'s own ratio (the last pass, an unbreakable run wider than the measure)', () => {
    // 一 and abcd with a space that may not break (a word joiner): one line.
    const wide: Item[] = [box(10), penalty(Infinity), glue('space', 5, 2, 5), box(40, 'abcd'), ...end()];
    const r = totalFit(wide, uniform(30));
    expect(r.pass).toBe(4);
    expect(r.breaks).toEqual([wide.length - 1]);
    // 10 + 5 + 40 = 55 pt, 25 too wide for a shrink of 5: ratio −5 (overfull).
    expect(r.ratios[0]).toBeCloseTo(-5, 9);
  });
});

describe('no empty line', () => {
  it('never breaks at both penalties of one junction (on the grid a mark may keep its whole cell, T1, or end half width, T9)', () => {
    // The indent, ，，, a number wider than what is left of the line, 。: at 64 pt only the
    // last pass sets it, with an overfull line. A break at the whole-cell penalty (5)
    // and then at the half-width one (6) would leave a line of nothing between them.
    const items: Item[] = [
      box(32, ''), box(8, '，'), penalty(Infinity), glue('gap', 8, 0, 0), box(8, '，'), penalty(0, { width: 8 }), penalty(0), glue('gap', 8, 0, 0),
      box(61, '10000aa'), penalty(Infinity), glue('gap', 0, 1.28, 0), box(8, '。'), ...end(),
    ];
    const r = totalFit(items, uniform(64), GRID_BREAK_PARAMS);
    expect(r.pass).toBe(4);
    let from = startAfter(items, -1);
    for (const b of r.breaks) {
      expect(items.slice(from, b + 1).some((it) => it.type === 'box'), `the line ending at ${b}`).toBe(true);
      from = startAfter(items, b);
    }
  });
});

describe('the passes (tex.web §863): the first that sets the paragraph, unless T15 or T28 ask for more', () => {
  it('T15: a lone last character no pass can pull down stays, with the first pass\'s breaks', () => {
    // Seven characters, three a line: a line of two would be spread by 10 pt over a
    // stretch of 1.28 (badness far past 10000), dearer than the lone character.
    const items = [...row(7, () => glue('gap', 0, 1.28, 0)), ...end()];
    const r = totalFit(items, uniform(30));
    expect(r.breaks).toEqual([5, 11, items.length - 1]);
    expect(r.demerits).toBeCloseTo(3 * l * l + BREAK_PARAMS.loneCharacterDemerits, 3);
    expect(r.pass).toBe(1);
  });

  it('T14: a paragraph the first pass sets, its last line two characters, is not hyphenated though hyphenating costs less', () => {
    // 一二三 [abc-def] 四五六七 at 50 pt, gaps stretching 10.5. Pass 1: 一二三 (spread by
    // 20 over 21) | abcdef四五 (exact) | 六七. Pass 3 could break abc-|def at 5170.
    const gap = () => glue('gap', 0, 10.5, 0);
    const items: Item[] = [
      ...row(3, gap), glue('gap', 0, 0, 0), box(15, 'abc'), penalty(50, { level: 1, flagged: true, width: 5 }), box(15, 'def'),
      gap(), ...row(4, gap), ...end(),
    ];
    const r = totalFit(items, uniform(50));
    expect(r.pass).toBe(1);
    expect(r.breaks).toEqual([5, 13, items.length - 1]);
    expect(r.demerits).toBeCloseTo(dem(20 / 21) + 2 * l * l, 3);
    // What pass 3 would have taken, by the same measure: cheaper, and not taken.
    const hyphenated = pathCost(items, [7, 13, items.length - 1], uniform(50));
    expect(hyphenated.level).toBe(1);
    expect(hyphenated.demerits).toBeLessThan(r.demerits);
  });

  it('\\finalhyphendemerits when the last full line is hyphenated (the only way here: pass 3)', () => {
    // 一二 abc-def 三 at 30 pt: 一二abc- is exactly 30; 一二 alone cannot be spread to it.
    const items: Item[] = [
      ...row(2, () => glue('gap', 0, 2, 0)), glue('gap', 0, 2, 0), box(10, 'abc'), penalty(50, { level: 1, flagged: true }), box(10, 'def'),
      glue('gap', 0, 2, 0), box(10, '三'), ...end(),
    ];
    const r = totalFit(items, uniform(30));
    expect(r.pass).toBe(3);
    expect(r.breaks).toEqual([5, items.length - 1]);
    expect(r.demerits).toBeCloseTo(l * l + 50 * 50 + l * l + BREAK_PARAMS.finalHyphenDemerits, 3);
    // The same paragraph offers no breaks in a pass that cannot set it.
    expect(breaksByLines(items, uniform(30), 1).size).toBe(0);
  });
});

describe('hyphen demerits (tex.web §859) only for hyphen breaks', () => {
  it('a line ending at a penalty that is not a hyphen (a tie, T28) after a hyphenated line: no \\doublehyphendemerits', () => {
    const tie = penalty(1000);
    expect(lineDemerits(0, tie, true, 2, 10, BREAK_PARAMS)).toBeCloseTo(lineDemerits(0, tie, false, 2, 10, BREAK_PARAMS), 9);
    expect(lineDemerits(0, tie, true, 2, 10, BREAK_PARAMS)).toBeCloseTo(l * l + 1000 * 1000, 6);
  });

  it('the last line after a tie is not after a hyphen: no \\finalhyphendemerits', () => {
    // 一 二 | 三 at 20 pt, broken at a tie between 二 and 三.
    const items: Item[] = [box(10, '一'), glue('gap', 0, 1, 0), box(10, '二'), penalty(1000), glue('gap', 0, 1, 0), box(10, '三'), ...end()];
    expect(pathCost(items, [3, items.length - 1], uniform(20)).demerits).toBeCloseTo(l * l + 1000 * 1000 + (l * l + BREAK_PARAMS.loneCharacterDemerits), 3);
  });
});

describe('pathCost: the demerits of given breaks, their worst badness and their highest level', () => {
  //   0 一  1 space  2 二  3 hyphen(level 1)  4 三  5 space  6 四  7 space  8 五
  const items: Item[] = [
    box(10, '一'), glue('space', 5, 5, 5), box(10, '二'), penalty(50, { level: 1, flagged: true }), box(10, '三'),
    glue('space', 5, 5, 5), box(10, '四'), glue('space', 5, 5, 5), box(10, '五'), ...end(),
  ];
  const last = items.length - 1;

  it('a single line: (l + b)², nothing for a hyphen before it', () => {
    // 65 pt of material at 70: the last line, at its natural width.
    const c = pathCost(items, [last], uniform(70));
    expect(c.demerits).toBeCloseTo(l * l, 6);
    expect(c.worstBadness).toBeCloseTo(0, 6);
    expect(c.level).toBe(0);
  });

  it('lines broken at glue: the sum of (l + b)², no hyphen demerits; the worst badness of them', () => {
    // 一 二三 四 at 37.5 pt: 35 pt of material, stretch 5: r = 0.5, badness 12.5.
    const c = pathCost(items, [5, last], uniform(37.5));
    expect(c.demerits).toBeCloseTo(dem(0.5) + l * l, 6);
    expect(c.worstBadness).toBeCloseTo(12.5, 9);
    expect(c.level).toBe(0);
  });

  it('the highest penalty level among the breaks, and \\finalhyphendemerits after a hyphen', () => {
    // 一 二- | 三 四 五, the first line 25 pt and the rest 40: both exact.
    const c = pathCost(items, [3, last], { first: { x: 0, width: 25 }, rest: { x: 0, width: 40 } });
    expect(c.level).toBe(1);
    expect(c.demerits).toBeCloseTo(l * l + 50 * 50 + l * l + BREAK_PARAMS.finalHyphenDemerits, 6);
  });

  it('a line squeezed to its limit has badness 100; past it, overfull, infinite', () => {
    // 一 二三 四: 35 pt with a shrink of 5.
    expect(pathCost(items, [5, last], uniform(30)).worstBadness).toBeCloseTo(100, 9);
    expect(pathCost(items, [5, last], uniform(29)).worstBadness).toBe(Infinity);
  });
});

describe('T24: breaksByLines, the best breaks for each number of lines', () => {
  it('in two lines, the cheaper way though the dearer one ends on a tight line (another fitness class, tex.web §836)', () => {
    // 一 二 · 三 四 五 at 38 pt, the dot 2 pt wide; gaps 5 pt (stretch 5, the first 30; shrink 5).
    // 一二 | ·三四五: 25 pt spread by 13 over 30, then 47 squeezed by 9 over 15 (tight, r = −0.6).
    // 一二· | 三四五: 32 pt spread by 6 over 35, then 40 squeezed by 2 over 10 (r = −0.2).
    const gap = (stretch = 5) => glue('space', 5, stretch, 5);
    const items: Item[] = [box(10, '一'), gap(30), box(10, '二'), gap(), box(2, '·'), gap(), box(10, '三'), gap(), box(10, '四'), gap(), box(10, '五'), ...end()];
    const last = items.length - 1;
    const tight = dem(13 / 30) + dem(-0.6);
    const cheaper = dem(6 / 35) + dem(-0.2);
    expect(cheaper).toBeLessThan(tight);
    const two = breaksByLines(items, uniform(38), 2).get(2)!;
    expect(two.breaks).toEqual([5, last]);
    expect(two.demerits).toBeCloseTo(cheaper, 6);
    const best = totalFit(items, uniform(38));
    expect(best.breaks).toEqual([5, last]);
  });
});
