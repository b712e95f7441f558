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

describe('Face, read without its outlines', () => {
  it("gives fontkit each vendored font's loca as fontkit decodes it from the whole file", async () => {
    const { readFileSync } = await import('node:fs');
    const fontkit = await import('fontkit');
    const { Face } = await import('./fonts.js');
    for (const name of Object.values(FONT_FILES)) {
      const file = `${FONT_DIR}${name}`;
      const whole = fontkit.create(readFileSync(file)) as unknown as { loca: { version: number; offsets: ArrayLike<number> } };
      const sparse = new Face(file).font as unknown as { loca: { version: number; offsets: ArrayLike<number> } };
      expect(sparse.loca.version).toBe(whole.loca.version);
      expect(sparse.loca.offsets.length).toBe(whole.loca.offsets.length);
      expect(Array.from(sparse.loca.offsets)).toEqual(Array.from(whole.loca.offsets));
    }
  });
});

describe('a font file the issue names', () => {
  it("is read from inside the issue's folder: one swapped for a link leading out is refused when it is opened", async () => {
    const { mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'bulletin-font-')));
    try {
      mkdirSync(path.join(dir, 'issues'));
      symlinkSync(`${FONT_DIR}${FONT_FILES.serif}`, path.join(dir, 'issues', 'serif.ttf'));
      const named = new FontSet().withFiles({ serif: path.join(dir, 'issues', 'serif.ttf') }, path.join(dir, 'issues'));
      expect(() => named.face('serif')).toThrow("leads outside the issue's folder");
      // The vendored fonts, named by no issue, are read where they are.
      expect(named.face('serif-bold').file).toBe(`${FONT_DIR}${FONT_FILES['serif-bold']}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
