/**
 * The font set: which role's file draws a text, and the glyph there.
 */
import { describe, expect, it } from 'vitest';
import { ROOT } from '../paths.js';
import { BUNDLED } from './files.js';
import { FONT_DIR, FONT_FILES, FontSet } from './fonts.js';

describe('FontSet.resolve', () => {
  const key = (file: string) => `${FONT_DIR}${file}#0`;

  it('answers with the face of the role asked for, even when another set opened its file for another role', () => {
    // A batch shares opened faces between issues: here one issue sets its serif
    // text in the file the default set uses for sans-bold.
    const shared = new FontSet();
    const borrowed = shared.withFiles({ serif: `${FONT_DIR}${FONT_FILES['sans-bold']}` });
    expect(borrowed.resolve('serif', '中')?.face).toBe(key(FONT_FILES['sans-bold']));
    expect(borrowed.resolve('serif', '中')?.standIn).toBeUndefined();
    expect(shared.resolve('sans-bold', '中')?.face).toBe(key(FONT_FILES['sans-bold']));
    expect(shared.resolve('serif', '中')?.face).toBe(key(FONT_FILES.serif));
  });

  it('answers null when no face has a character', () => {
    const set = new FontSet().withFiles({ serif: `${FONT_DIR}${FONT_FILES['sans-bold']}` });
    expect(set.resolve('serif-bold', '中')?.face).toBe(key(FONT_FILES['serif-bold']));
    expect(set.resolve('serif', '\u{10FFFD}')).toBeNull();
  });
});

describe('the chain a role tries', () => {
  const [regular, serifBold, sansBold] = ['Noto Serif SC Regular', 'Noto Serif SC Bold', 'Noto Sans SC Bold'];

  it('is the role and weight first: its own face, the other roles of its weight, then the other weight', () => {
    const set = new FontSet();
    expect(set.tried('serif')).toEqual([regular, serifBold, sansBold]);
    expect(set.tried('kai')).toEqual([regular, serifBold, sansBold]);
    expect(set.tried('serif-bold')).toEqual([serifBold, sansBold, regular]);
    expect(set.tried('sans-bold')).toEqual([sansBold, serifBold, regular]);
  });

  it("puts a role's own faces before its bundled one, which stands in for them", () => {
    const latin = `${ROOT}/node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf`;
    const set = new FontSet().withFiles({ serif: latin });
    expect(set.tried('serif')).toEqual(['LiberationSans-Regular.ttf', regular, serifBold, sansBold]);
    expect(set.own('serif')).toEqual(['LiberationSans-Regular.ttf']);
    // A Latin letter from the role's own face; a Han character from the stand-in, named.
    expect(set.resolve('serif', 'A')?.standIn).toBeUndefined();
    expect(set.resolve('serif', '中')?.standIn).toBe(regular);
    // A role with no face of its own draws from its bundled face without a word.
    expect(set.resolve('serif-bold', '中')?.standIn).toBeUndefined();
  });
});

describe('the bundled faces', () => {
  it('are recorded as their name tables have them (a style may name them by family without a look at other fonts)', async () => {
    const { readFileSync } = await import('node:fs');
    const fontkit = await import('fontkit');
    for (const b of BUNDLED) {
      const font = fontkit.create(readFileSync(`${FONT_DIR}${b.file}`)) as import('fontkit').Font;
      const records = (font as unknown as { name: { records: Record<string, { en: string }> } }).name.records;
      expect([records.fontFamily!.en, records.fullName!.en, font.postscriptName, records.fontSubfamily!.en]).toEqual([b.family, b.full, b.postscript, b.style]);
      expect((font as unknown as { 'OS/2': { usWeightClass: number } })['OS/2'].usWeightClass).toBe(b.weight);
    }
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
      const issues = path.join(dir, 'issues');
      const file = path.join(issues, 'serif.ttf');
      const at = { file: path.join(issues, 'issue.yaml'), line: 3, col: 11, path: 'style.fonts.serif' };
      const style = { fonts: { serif: [{ file, folder: issues, at }] } };
      expect(() => new FontSet().forStyle(style, issues)).toThrow("leads outside the issue's folder");
      // The vendored fonts, named by no issue, are read where they are.
      const named = new FontSet().withFiles({ serif: file }, issues);
      expect(() => named.resolve('serif', '中')).toThrow("leads outside the issue's folder");
      expect(named.resolve('serif-bold', '中')?.face).toBe(`${FONT_DIR}${FONT_FILES['serif-bold']}#0`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the fonts in an issue's folder", () => {
  it('are looked up by family without following a link that leads out of the folder', async () => {
    const { copyFileSync, mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { Catalog, FontCache, fontFiles } = await import('./catalog.js');
    const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'bulletin-font-')));
    try {
      const issues = path.join(dir, 'issues');
      mkdirSync(path.join(issues, 'fonts'), { recursive: true });
      mkdirSync(path.join(dir, 'outside'));
      copyFileSync(`${FONT_DIR}${FONT_FILES.serif}`, path.join(dir, 'outside', 'serif.ttf'));
      symlinkSync(path.join(dir, 'outside', 'serif.ttf'), path.join(issues, 'fonts', 'serif.ttf'));
      const catalog = () => new Catalog({ paths: [], system: [] }, new FontCache(path.join(dir, 'fonts.json')));
      // The link is not listed as the issue's (nor its target opened to read its names) …
      expect(fontFiles([issues], 2, true)).toEqual([]);
      // … so the vendored face of that family answers.
      expect(catalog().find('Noto Serif SC', 400, issues)).toMatchObject({ source: 'bundled', face: { file: `${FONT_DIR}${FONT_FILES.serif}` } });
      // A link that stays inside, to a copy in the folder, is the issue's own.
      copyFileSync(`${FONT_DIR}${FONT_FILES.serif}`, path.join(issues, 'copy.ttf'));
      rmSync(path.join(issues, 'fonts', 'serif.ttf'));
      symlinkSync(path.join(issues, 'copy.ttf'), path.join(issues, 'fonts', 'serif.ttf'));
      expect(fontFiles([issues], 2, true)).toEqual([path.join(issues, 'copy.ttf'), path.join(issues, 'fonts', 'serif.ttf')]);
      expect(catalog().find('Noto Serif SC', 400, issues)?.source).toBe('issue');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
