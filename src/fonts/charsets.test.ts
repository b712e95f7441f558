/**
 * The two character lists `bulletin fonts` counts a font's coverage against: their
 * published sizes and their ends.
 */
import { describe, expect, it } from 'vitest';
import { gb2312, tongyong } from './charsets.js';

const chars = (codePoints: readonly number[]) => codePoints.map((cp) => String.fromCodePoint(cp));

describe('the character lists', () => {
  it("GB 2312's 6,763 Han characters: 3,755 of level 1 from 啊, 3,008 of level 2 to 齄", () => {
    const gb = chars(gb2312().codePoints);
    expect(gb).toHaveLength(6763);
    expect(new Set(gb).size).toBe(6763);
    expect(gb[0]).toBe('啊');
    // Level 1 ends at 0xD7F9 (座), level 2 starts at 0xD8A1 (亍).
    expect(gb[3754]).toBe('座');
    expect(gb[3755]).toBe('亍');
    expect(gb.at(-1)).toBe('齄');
    for (const c of '堃喆珺強') expect(gb).not.toContain(c);
  });

  it('通用规范汉字表: 8,105 characters, 一 first, names such as 堃 喆 珺 in it', () => {
    const ty = chars(tongyong().codePoints);
    expect(ty).toHaveLength(8105);
    expect(new Set(ty).size).toBe(8105);
    expect(ty[0]).toBe('一');
    for (const c of '堃喆珺') expect(ty).toContain(c);
    expect(ty.every((c) => /\p{Script=Han}/u.test(c))).toBe(true);
  });
});
