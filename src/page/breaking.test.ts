/**
 * The page builder over many hand-made sequences of bands (fast-check, seeded): a
 * page of 10 grid lines, paragraphs of 1 to 35 lines (longer than a page: split
 * over several), figures of 2 to 9 lines that float (float.ts), headings kept with
 * what follows. What must hold, from the rules alone:
 * - every band placed once, the text in its order (a figure may come after lines
 *   that flowed up past it, T17's float);
 * - no page holds more than its grid lines;
 * - T17: a paragraph split over pages leaves two lines at least on each;
 * - T18: a heading never ends a page;
 * - T24: pages full where a paragraph split by T17 allows it (paragraphs of 21, 30
 *   and 31 lines by themselves).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Style } from '../style/index.js';
import type { Band } from './bands.js';
import { paginate } from './paginate.js';

const CAPACITY = 10;
const RUNS = { seed: 20200316, numRuns: 300, endOnFailure: true };

type Spec = { kind: 'p'; n: number } | { kind: 'f'; n: number } | { kind: 'h' };

function bandsOf(specs: Spec[]): Band[] {
  const out: Band[] = [];
  specs.forEach((s, id) => {
    if (s.kind === 'p') {
      for (let index = 0; index < s.n; index++) {
        out.push({ kind: 'line', lines: 1, keep: false, paragraph: { id, index, count: s.n }, items: [{ type: 'dest', name: `p${id}.${index}`, y: 0 }] });
      }
    } else if (s.kind === 'f') out.push({ kind: 'image', lines: s.n, keep: false, items: [{ type: 'dest', name: `f${id}`, y: 0 }] });
    else out.push({ kind: 'line', lines: 1, keep: true, items: [{ type: 'dest', name: `h${id}`, y: 0 }] });
  });
  return out;
}

/** The names on each page, and the grid lines each page uses. */
function pagesOf(specs: Spec[]): { names: string[][]; used: number[] } {
  const style = { body: { lines: CAPACITY, pitch: 20 }, area: { left: 0, top: 0 } } as unknown as Style;
  const bands = bandsOf(specs);
  const lines = new Map(bands.map((b) => [(b.items[0] as { name: string }).name, b.lines]));
  const names = paginate(bands, style, 1).pages.map((p) => p.items.flatMap((i) => (i.type === 'dest' ? [i.name] : [])));
  return { names, used: names.map((page) => page.reduce((n, name) => n + lines.get(name)!, 0)) };
}

const paragraphs = fc.array(fc.integer({ min: 1, max: 35 }).map((n): Spec => ({ kind: 'p', n })), { minLength: 1, maxLength: 8 });
const mixed = fc.array(
  fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 35 }).map((n): Spec => ({ kind: 'p', n })), weight: 6 },
    { arbitrary: fc.integer({ min: 2, max: 9 }).map((n): Spec => ({ kind: 'f', n })), weight: 2 },
    { arbitrary: fc.constant<Spec>({ kind: 'h' }), weight: 1 },
  ),
  { minLength: 1, maxLength: 10 },
);

function checkCommon(specs: Spec[], names: string[][], used: number[]): void {
  const all = names.flat();
  const expected = bandsOf(specs).map((b) => (b.items[0] as { name: string }).name);
  // Every band once; the text (all but figures) in its order.
  expect([...all].sort()).toEqual([...expected].sort());
  const text = (xs: string[]) => xs.filter((x) => !x.startsWith('f'));
  expect(text(all)).toEqual(text(expected));
  for (const u of used) expect(u).toBeLessThanOrEqual(CAPACITY);
  names.forEach((page, i) => {
    // T17: the lines of each paragraph on this page, when it is split across its edges.
    const counts = new Map<string, number>();
    for (const x of page) if (x.startsWith('p')) counts.set(x.split('.')[0]!, (counts.get(x.split('.')[0]!) ?? 0) + 1);
    for (const [id, count] of counts) {
      const n = (specs[Number(id.slice(1))] as { n: number }).n;
      if (count < n && n >= 2) expect(count, `page ${i + 1}: ${id} (${n} lines) split leaving ${count}`).toBeGreaterThanOrEqual(2);
    }
    // T18: a heading never ends a page (but the last).
    if (i < names.length - 1) expect(page.at(-1)!.startsWith('h'), `page ${i + 1} ends with a heading`).toBe(false);
  });
}

describe('the page builder on paragraphs longer than a page, figures and headings', () => {
  it('T17: paragraphs longer than a page are never split leaving one line, and every line is placed once, in order', () => {
    fc.assert(
      fc.property(paragraphs, (specs) => {
        const { names, used } = pagesOf(specs);
        checkCommon(specs, names, used);
      }),
      RUNS,
    );
  });

  it('T24: one paragraph of 21 lines is 10 + 9 + 2 or 9 + 10 + 2: one page a line short, never a last line alone', () => {
    const { used } = pagesOf([{ kind: 'p', n: 21 }]);
    expect([[10, 9, 2], [9, 10, 2]]).toContainEqual(used);
  });

  it('T24: one paragraph of 30 lines fills three pages; of 31, one page gives a line to the last', () => {
    expect(pagesOf([{ kind: 'p', n: 30 }]).used).toEqual([10, 10, 10]);
    const { used } = pagesOf([{ kind: 'p', n: 31 }]);
    expect(used.at(-1)).toBe(2);
    expect(used.reduce((a, b) => a + b)).toBe(31);
  });

  it('T17, T18 with figures and headings: every band once, the text in order, no split leaving one line, no heading at a page foot', () => {
    fc.assert(
      fc.property(mixed, (specs) => {
        const { names, used } = pagesOf(specs);
        checkCommon(specs, names, used);
      }),
      RUNS,
    );
  });

  it('a figure that fits where it stands is not floated; one that does not fit at a page top is set there anyway', () => {
    // 4 lines, a figure of 6: it fits, nothing moves past it.
    expect(pagesOf([{ kind: 'p', n: 4 }, { kind: 'f', n: 6 }, { kind: 'p', n: 5 }]).names[0]).toEqual(['p0.0', 'p0.1', 'p0.2', 'p0.3', 'f1']);
    // A figure taller than a page still heads one and takes it (it cannot go anywhere else).
    const { names } = pagesOf([{ kind: 'f', n: 12 }, { kind: 'p', n: 5 }]);
    expect(names[0]).toEqual(['f0']);
  });

  it('T17: under a figure of all but one line of a page, no line of the paragraph it split stands alone', () => {
    // The paragraph after the 9-line figure runs on past its page: one line would
    // fit under the figure, a line alone in the middle of a paragraph; none goes.
    const { names } = pagesOf([{ kind: 'p', n: 34 }, { kind: 'f', n: 9 }, { kind: 'p', n: 35 }]);
    const page = names.find((p) => p.includes('f1'))!;
    expect(page).toEqual(['f1']);
  });

  it('a figure that does not fit heads the next page and a long paragraph after it flows up and on over the pages after', () => {
    // 7 lines, then a figure of 6: 3 lines of room. The 25 lines after it: 3 move
    // up, the figure heads page 2 with 4 under it, and the rest runs on.
    const { names, used } = pagesOf([{ kind: 'p', n: 7 }, { kind: 'f', n: 6 }, { kind: 'p', n: 25 }]);
    expect(names[0]).toEqual([...Array.from({ length: 7 }, (_, i) => `p0.${i}`), 'p2.0', 'p2.1', 'p2.2']);
    expect(names[1]![0]).toBe('f1');
    // Every page full but the last: 10 (7 + 3 moved up), 10 (the figure and 4), 10, 8.
    expect(used).toEqual([10, 10, 10, 8]);
    expect(names[1]).toEqual(['f1', 'p2.3', 'p2.4', 'p2.5', 'p2.6']);
  });
});
