/**
 * The font set: which role's file draws a text, and the glyph there.
 */
import { describe, expect, it } from 'vitest';
import { FONT_DIR, FONT_FILES, FontSet } from './fonts.js';

describe('FontSet.resolve', () => {
  it('names the role that drew a glyph, even when another set opened its file under another role', () => {
    // A batch shares opened faces between issues: here one issue sets its serif
    // text in the file the default set uses for sans-bold.
    const shared = new FontSet();
    const borrowed = shared.withFiles({ serif: `${FONT_DIR}${FONT_FILES['sans-bold']}` });
    expect(borrowed.resolve('serif', '中')?.role).toBe('serif');
    // The writer picks the font by this role: it must be the one this set drew it in.
    expect(shared.resolve('sans-bold', '中')?.role).toBe('sans-bold');
    expect(shared.resolve('serif', '中')?.role).toBe('serif');
  });

  it('answers in the role asked for when its file has the glyph, and null when no file has it', () => {
    const set = new FontSet().withFiles({ serif: `${FONT_DIR}${FONT_FILES['sans-bold']}` });
    expect(set.resolve('serif-bold', '中')?.role).toBe('serif-bold');
    expect(set.resolve('serif', '\u{10FFFD}')).toBeNull();
  });
});
