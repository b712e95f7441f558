/**
 * The office's own fonts (issue 14): fonts named by family, found in the issue's
 * folder, --font-path, the bundled fonts and the system's; faces of collections;
 * a stack per role whose characters come from the role's own faces before any
 * other, with a warning per character where another face stands in; GB/T 9704's
 * faces for the gongwen preset; `bulletin fonts`; the build record; and the same
 * bytes whatever else is installed.
 *
 * Fonts whose names the tests control are copies of the bundled ones with their
 * name tables replaced (helpers/fonts.ts). The Debian fonts .ci/run installs
 * (fonts-arphic-gkai00mp, fonts-arphic-ukai, fonts-lxgw-wenkai) are used where the
 * issue names them (a GB 2312 face, a collection, a family of three weights); without them those tests are skipped, but where
 * BULLETIN_REQUIRE_TOOLS is set (.ci/run) they fail.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renamedFont } from './helpers/fonts.js';
import { has } from './helpers/pdf.js';
import { readGlyphs } from './helpers/stext.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
const NOTO_REGULAR = path.join(root, 'fonts', 'NotoSerifSC-Regular.ttf');
const NOTO_SANS_BOLD = path.join(root, 'fonts', 'NotoSansSC-Bold.ttf');
const LATIN = path.join(root, 'node_modules', 'pdfjs-dist', 'standard_fonts', 'LiberationSans-Regular.ttf');
const GKAI = '/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf';
const UKAI = '/usr/share/fonts/truetype/arphic/ukai.ttc';
const LXGW = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';

let dir: string;
/** Fonts of the tests' own: 仿宋_GB2312 and 楷体_GB2312 (copies of Noto Serif SC Regular). */
let extra: string;
let empty: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-fonts-'));
  extra = path.join(dir, 'extra-fonts');
  empty = path.join(dir, 'no-fonts');
  mkdirSync(extra);
  mkdirSync(empty);
  renamedFont(NOTO_REGULAR, path.join(extra, 'simfang.ttf'), { family: 'FangSong_GB2312', zh: '仿宋_GB2312', postscript: 'FangSong_GB2312' });
  renamedFont(NOTO_REGULAR, path.join(extra, 'simkai.ttf'), { family: 'KaiTi_GB2312', zh: '楷体_GB2312', postscript: 'KaiTi_GB2312' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  rmSync(path.join(dir, 'issues'), { recursive: true, force: true });
  rmSync(path.join(dir, 'output'), { recursive: true, force: true });
  cpSync(path.join(root, 'issues'), path.join(dir, 'issues'), { recursive: true });
  // The default preset names no installed font of its own: each test says what it
  // names (issue 91's publication declares gongwen, whose faces the gongwen tests
  // below ask for by turning it back on).
  edit(PUBLICATION, 'preset: gongwen', 'preset: default');
});

const ISSUE = 'issues/issue-91.yaml';
const PUBLICATION = 'issues/publication.yaml';

function read(file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

function write(file: string, text: string): void {
  writeFileSync(path.join(dir, file), text);
}

function edit(file: string, from: string, to: string): void {
  const text = read(file);
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  write(file, text.replace(from, to));
}

/** The issue with `fonts` as its style's fonts (YAML flow mapping). */
function withFonts(fonts: string): void {
  write(ISSUE, `${read(ISSUE)}style:\n  fonts: ${fonts}\n`);
}

/**
 * Run the command in the test's folder. `system`: the folders that count as the
 * system's fonts; 'machine' for this machine's own (fontconfig's list).
 */
function run(args: string[], { system = [empty], env = {} }: { system?: string[] | 'machine'; env?: Record<string, string> } = {}) {
  const base: Record<string, string | undefined> = { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache'), BULLETIN_FONT_PATHS: '' };
  if (system === 'machine') delete base.BULLETIN_SYSTEM_FONTS;
  else base.BULLETIN_SYSTEM_FONTS = system.join(path.delimiter);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...base, ...env } });
  // Without the source line and caret under each message (test/diagnostic.test.ts)
  // and the count of proofreading's findings and notes (test/proofcli.test.ts).
  const lines = r.stderr.split('\n').filter((l) => l !== '' && !/^ +\d* \| /.test(l) && !/: (warning: proofreading found|note: \d+ notes? on its fonts;) /.test(l));
  return { status: r.status, out: r.stdout, err: r.stderr, lines };
}

function build(args: string[] = [], options?: Parameters<typeof run>[1]) {
  return run(['build', ISSUE, '-o', 'output/issue-91.pdf', ...args], options);
}

function pdf(): Buffer {
  return readFileSync(path.join(dir, 'output', 'issue-91.pdf'));
}

/** `file:line:col` of the first `needle` in a file, counted as an editor counts (columns in characters). */
function at(file: string, needle: string): string {
  const text = read(file);
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} is not in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return `${file}:${before.length}:${[...before.at(-1)!].length + 1}`;
}

/** The fonts pdffonts lists in the PDF, without their subset tags. */
function embedded(): string[] {
  const r = spawnSync('pdffonts', [path.join(dir, 'output', 'issue-91.pdf')], { encoding: 'utf8' });
  return r.stdout.split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

/** A font .ci/run installs: present, or the test is skipped (a failure where the tools are required). */
function installed(file: string): boolean {
  if (existsSync(file)) return true;
  if (process.env.BULLETIN_REQUIRE_TOOLS === '1') throw new Error(`${file} is required here and not installed (.ci/run installs it)`);
  return false;
}

/** Names in a paragraph of issue 91: 堃, 喆 and 珺 are outside GB 2312 (common in names, 通用规范汉字表 has them). */
const NAMES = '区领导李新军、张喆、王珺、赵堃参加活动';

describe('fonts by family name: the Debian fonts', () => {
  it('serif: AR PL KaitiM GB embeds that face; a name character it lacks comes from the next face of the same weight, warned about at its place; no body character is set bold', (ctx) => {
    if (!installed(GKAI) || !has('pdffonts') || !has('mutool')) return ctx.skip();
    edit(ISSUE, '区领导李新军参加活动', NAMES);
    edit(ISSUE, '李兵详细询问了', '李兵、赵堃详细询问了');
    withFonts('{ serif: AR PL KaitiM GB }');
    const r = build([], { system: 'machine' });
    expect(r.status, r.err).toBe(0);
    expect(embedded()).toContain('GBZenKai-Medium');
    // One warning a character: its first place, and the face that drew it.
    for (const c of ['喆', '珺', '堃']) {
      const again = c === '堃' ? ' (and at 1 more place)' : '';
      const warning = `${at(ISSUE, c)}: warning: sections[0].articles[0].body: "${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase()}) is not in AR PL KaitiM GB; drawn from Noto Serif SC Regular${again}`;
      expect(r.lines.filter((l) => l.includes(`"${c}"`))).toEqual([warning]);
    }
    const glyphs = readGlyphs(path.join(dir, 'output', 'issue-91.pdf')).flatMap((l) => l.glyphs);
    expect(glyphs.filter((g) => '喆珺堃'.includes(g.c)).map((g) => g.font)).toEqual(Array(4).fill('NotoSerifSC-Regular'));
    // The body (16 pt) and the contents and colophon (14 pt) are the serif's: never bold.
    const serifText = glyphs.filter((g) => (g.size === 16 || g.size === 14) && g.font !== 'NotoSansSC-Bold');
    expect(serifText.length).toBeGreaterThan(5000);
    for (const g of serifText) expect(g.font, `${g.c} is set in ${g.font}`).not.toMatch(/Bold/);
    expect(serifText.filter((g) => g.font === 'GBZenKai-Medium').length).toBeGreaterThan(5000);
  });

  it('a face of a collection (ukai.ttc) works by family name', (ctx) => {
    if (!installed(UKAI) || !has('pdffonts')) return ctx.skip();
    withFonts('{ serif: AR PL UKai CN }');
    const r = build([], { system: 'machine' });
    expect(r.status, r.err).toBe(0);
    expect(embedded()).toContain('UKaiCN');
  });

  it('of a family, each role takes the face of its weight (LXGW WenKai: Light, Regular, Bold)', (ctx) => {
    if (!installed(LXGW) || !has('pdffonts')) return ctx.skip();
    withFonts('{ serif: LXGW WenKai, serifBold: 霞鹜文楷 }');
    const r = build([], { system: 'machine' });
    expect(r.status, r.err).toBe(0);
    expect(embedded()).toEqual(expect.arrayContaining(['LXGWWenKai-Regular', 'LXGWWenKai-Bold']));
    expect(embedded()).not.toContain('LXGWWenKai-Light');
  });

  it('a family is found by its Chinese name too, typed with half-width letters (文鼎ＰＬ简中楷)', (ctx) => {
    if (!installed(GKAI) || !has('pdffonts')) return ctx.skip();
    withFonts('{ serif: 文鼎PL简中楷 }');
    const r = build([], { system: 'machine' });
    expect(r.status, r.err).toBe(0);
    expect(embedded()).toContain('GBZenKai-Medium');
  });

  it('fonts.fallback draws a rare character no role has (𠀾, U+2003E), with a warning naming it', (ctx) => {
    if (!installed(UKAI)) return ctx.skip();
    edit(ISSUE, '区领导李新军参加活动', '区领导李𠀾参加活动');
    withFonts('{ fallback: [AR PL UKai CN] }');
    const r = build([], { system: 'machine' });
    expect(r.status, r.err).toBe(0);
    expect(r.lines).toContain(`${at(ISSUE, '𠀾')}: warning: sections[0].articles[0].body: "𠀾" (U+2003E) is not in Noto Serif SC Regular; drawn from AR PL UKai CN`);
  });

  it('bulletin fonts lists them, with their style, weight and coverage of GB 2312 and 通用规范汉字表', (ctx) => {
    if (!installed(GKAI) || !installed(UKAI)) return ctx.skip();
    const r = run(['fonts', '--json'], { system: 'machine' });
    expect(r.status, r.err).toBe(0);
    const { faces } = JSON.parse(r.out) as { faces: { family: string; names: string[]; style: string; weight: number; file: string; index: number; source: string; gb2312: number; tongyong: number }[] };
    const gkai = faces.find((f) => f.family === 'AR PL KaitiM GB')!;
    // A GB 2312 font: all of GB 2312, and of 通用规范汉字表 what GB 2312 shares with it.
    expect(gkai).toMatchObject({ file: GKAI, index: 0, source: 'system', style: 'Regular', weight: 400, gb2312: 6763, tongyong: shared() });
    expect(gkai.names).toContain('文鼎ＰＬ简中楷');
    expect(faces.filter((f) => f.file === UKAI).map((f) => [f.family, f.index])).toEqual([['AR PL UKai CN', 0], ['AR PL UKai HK', 1], ['AR PL UKai TW', 2], ['AR PL UKai TW MBE', 3]]);
    expect(faces.filter((f) => f.source === 'bundled').map((f) => [f.family, f.style, f.gb2312, f.tongyong])).toEqual([
      ['Noto Serif SC', 'Regular', 6763, 8105],
      ['Noto Serif SC', 'Bold', 6763, 8105],
      ['Noto Sans SC', 'Bold', 6763, 8105],
    ]);
    const text = run(['fonts'], { system: 'machine' });
    expect(text.out.split('\n')).toContain(`AR PL KaitiM GB (文鼎ＰＬ简中楷): Regular, 400; GB 2312 6763/6763 (100.0%), 通用规范汉字表 ${shared()}/8105 (${((100 * shared()) / 8105).toFixed(1)}%); system: ${GKAI}`);
  });

  it('bulletin fonts --issue names the characters of the issue each role\'s own fonts lack', (ctx) => {
    if (!installed(GKAI)) return ctx.skip();
    edit(ISSUE, '区领导李新军参加活动', NAMES);
    withFonts('{ serif: AR PL KaitiM GB }');
    const r = run(['fonts', '--issue', ISSUE, '--json'], { system: 'machine' });
    expect(r.status, r.err).toBe(0);
    const { roles } = JSON.parse(r.out) as { roles: { key: string; faces: string[]; lacks: { char: string; from?: string }[] }[] };
    const serif = roles.find((x) => x.key === 'style.fonts.serif')!;
    expect(serif.faces).toEqual(['AR PL KaitiM GB']);
    // 強 is in issue 91's own text (sections[1]); the others are the names added.
    expect(serif.lacks.map((l) => l.char).sort()).toEqual(['喆', '堃', '強', '珺'].sort());
    expect(serif.lacks.every((l) => l.from === 'Noto Serif SC Regular')).toBe(true);
  });
});

/** How many of 通用规范汉字表's characters GB 2312 has, from the two lists (not from the program). */
function shared(): number {
  const gb = new Set<string>();
  const decoder = new TextDecoder('gbk');
  for (let row = 0xb0; row <= 0xf7; row++) for (let cell = 0xa1; cell <= 0xfe; cell++) gb.add(decoder.decode(Uint8Array.of(row, cell)));
  return readFileSync(path.join(root, 'fonts', 'tongyong-guifan-2013.txt'), 'utf8').split('\n').filter((c) => c !== '' && gb.has(c)).length;
}

describe('the system\'s list of fonts, kept between builds', () => {
  it.runIf(has('fc-list'))('fontconfig\'s list is kept while its folders are unchanged, and read again when a font is added to one', () => {
    const home = path.join(dir, 'home');
    mkdirSync(home, { recursive: true });
    const env = { HOME: home, XDG_CACHE_HOME: path.join(dir, 'list-cache'), XDG_DATA_HOME: path.join(home, '.local', 'share') };
    const families = () => {
      const r = run(['fonts', '--json'], { system: 'machine', env });
      expect(r.status, r.err).toBe(0);
      return (JSON.parse(r.out) as { faces: { family: string; source: string }[] }).faces.filter((f) => f.source === 'system').map((f) => f.family);
    };
    expect(families()).not.toContain('FangSong_GB2312');
    expect(existsSync(path.join(dir, 'list-cache', 'bulletin', 'fc-list-v1.json'))).toBe(true);
    // A font installed in the user's font folder (fontconfig lists ~/.fonts).
    mkdirSync(path.join(home, '.fonts'));
    cpSync(path.join(extra, 'simfang.ttf'), path.join(home, '.fonts', 'simfang.ttf'));
    expect(families()).toContain('FangSong_GB2312');
  });
});

describe('fonts whose names the tests control', () => {
  /** The publication in the gongwen preset, and an article with a level-2 heading and a note. */
  function gongwen(): void {
    edit(PUBLICATION, 'preset: default', 'preset: gongwen');
    edit(
      ISSUE,
      '\ncolophon:',
      '\n  - title: 编者的话\n    articles:\n      - title: 关于本期\n        body:\n          - 本期稿件由各单位报送。\n          - heading: 稿件要求\n          - note: 编者按：本期内容截至二月底。\ncolophon:',
    );
  }

  /** The fonts a text is set in wherever it stands in the given size (a title, not its contents entry). */
  function fontsOf(text: string, size: number): Set<string> {
    const lines = readGlyphs(path.join(dir, 'output', 'issue-91.pdf')).filter((l) => l.text.includes(text));
    return new Set(lines.flatMap((l) => l.glyphs.filter((g) => text.includes(g.c) && Math.abs(g.size - size) < 0.01).map((g) => g.font)));
  }

  const ways: [string, string[], Parameters<typeof run>[1]][] = [
    ['--font-path', ['--font-path', 'extra-fonts'], {}],
    ['BULLETIN_FONT_PATHS', [], { env: { BULLETIN_FONT_PATHS: 'extra-fonts' } }],
    ['the system folders', [], { system: ['extra-fonts'] }],
  ];
  for (const [how, args, options] of ways) {
    it(`the gongwen preset sets the body in an installed 仿宋 and level-2 headings and notes in 楷体 (found by ${how}); each role without its face says which stands in`, (ctx) => {
      if (!has('mutool')) return ctx.skip();
      gongwen();
      const r = build([...args], { system: [empty], ...options });
      expect(r.status, r.err).toBe(0);
      // GB/T 9704: body, level-2 headings and level-1 headings in 3号, titles in 2号.
      expect(fontsOf('本期稿件由各单位报送', 15.75)).toEqual(new Set(['FangSong_GB2312']));
      expect(fontsOf('稿件要求', 15.75)).toEqual(new Set(['KaiTi_GB2312']));
      expect(fontsOf('编者按', 15.75)).toEqual(new Set(['KaiTi_GB2312']));
      // No 小标宋 or 黑体 here: the bundled faces stand in, said once each, at the preset.
      expect(fontsOf('市领导督导我区疫情防控工作', 22)).toEqual(new Set(['NotoSerifSC-Bold']));
      expect(fontsOf('本月关注', 15.75)).toEqual(new Set(['NotoSansSC-Bold']));
      // A build counts them (notes are for check); check lists them at the preset's key.
      expect(r.err).toMatch(/, and 3 notes on its fonts; bulletin check /);
      const checked = run(['check', ISSUE, ...args], { system: [empty], ...options });
      const notes = checked.lines.filter((l) => l.includes('font is installed'));
      expect(notes).toEqual([
        expect.stringMatching(new RegExp(`^${at(PUBLICATION, 'gongwen')}: note: style.preset: no 小标宋 font is installed \\(looked for 方正小标宋简体.*\\): Noto Serif SC Bold stands in for titles$`)),
        expect.stringMatching(new RegExp(`^${at(PUBLICATION, 'gongwen')}: note: style.preset: no 黑体 font is installed \\(looked for 黑体, SimHei.*\\): Noto Sans SC Bold stands in for level-1 headings$`)),
        expect.stringMatching(new RegExp(`^${at(PUBLICATION, 'gongwen')}: note: style.preset: no 宋体 font is installed \\(looked for 宋体, SimSun.*\\): Noto Serif SC Regular stands in for folios$`)),
      ]);
    });
  }

  it('the gongwen preset with none of its faces installed: one note a role, the bundled faces stand in', () => {
    gongwen();
    const r = build();
    expect(r.status, r.err).toBe(0);
    expect(r.err).toMatch(/, and 5 notes on its fonts; bulletin check /);
    const checked = run(['check', ISSUE]);
    expect(checked.lines.filter((l) => l.includes('font is installed')).map((l) => /: note: .*no (\S+) font/.exec(l)![1])).toEqual(['仿宋', '小标宋', '黑体', '楷体', '宋体']);
  });

  it('a Latin-only face as serif is an error at its key, named by file or by family', () => {
    mkdirSync(path.join(dir, 'issues', 'fonts'));
    cpSync(LATIN, path.join(dir, 'issues', 'fonts', 'Latin.ttf'));
    withFonts('{ serif: fonts/Latin.ttf, kai: Liberation Sans }');
    const r = build();
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      `${at(ISSUE, 'fonts/Latin.ttf')}: style.fonts.serif: Liberation Sans (Latin.ttf) has no Han characters: it cannot set Chinese text`,
      expect.stringMatching(/^ {2}hint: /),
      `${at(ISSUE, 'Liberation Sans')}: style.fonts.kai: Liberation Sans (Latin.ttf) has no Han characters: it cannot set Chinese text`,
      expect.stringMatching(/^ {2}hint: /),
    ]);
    expect(existsSync(path.join(dir, 'output', 'issue-91.pdf'))).toBe(false);
  });

  it('a name found nowhere is an error at its key, with the nearest name; in a list, the next name is tried', () => {
    withFonts('{ serif: FangSong_GB2313 }');
    const refused = build(['--font-path', 'extra-fonts']);
    expect(refused.status).toBe(1);
    expect(refused.lines[0]).toBe(`${at(ISSUE, 'FangSong_GB2313')}: style.fonts.serif: no font named "FangSong_GB2313" is found`);
    expect(refused.lines[1]).toMatch(/^ {2}hint: did you mean "FangSong_GB2312"\?/);
    edit(ISSUE, '{ serif: FangSong_GB2313 }', '{ serif: [仿宋, 仿宋_GB2312] }');
    const r = build(['--font-path', 'extra-fonts']);
    expect(r.status, r.err).toBe(0);
    expect(r.lines).toEqual([]);
  });

  it('a build that names only bundled fonts gives the same bytes whatever else is installed', () => {
    // Installed: the tests' 仿宋 and 楷体, and a face that calls itself Noto Serif SC
    // (Noto Sans SC Bold renamed): a bundled name never reaches the system's fonts.
    const populated = path.join(dir, 'populated');
    cpSync(extra, populated, { recursive: true });
    renamedFont(NOTO_SANS_BOLD, path.join(populated, 'impostor.ttf'), { family: 'Noto Serif SC', postscript: 'NotoSerifSC-Regular' });
    const hashes = (): string[] =>
      [[empty], [populated]].map((system) => {
        const r = build(['--force'], { system });
        expect(r.status, r.err).toBe(0);
        return hash(pdf());
      });
    const plain = hashes();
    expect(plain[1]).toBe(plain[0]);
    withFonts('{ serif: Noto Serif SC, serifBold: [Noto Serif SC Bold], sansBold: Noto Sans SC }');
    expect(hashes()).toEqual(plain);
    // The gongwen preset (issue 91's house style) with every role named as a bundled font.
    edit(PUBLICATION, 'preset: default', 'preset: gongwen');
    write(ISSUE, read(ISSUE).replace(/style:\n {2}fonts: .*\n$/, 'style:\n  fonts: { serif: Noto Serif SC, serifBold: Noto Serif SC Bold, sansBold: Noto Sans SC Bold, kai: Noto Serif SC, song: Noto Serif SC }\n'));
    const gongwen = hashes();
    expect(gongwen[1]).toBe(gongwen[0]);
  });

  it('the build record holds the fonts used: a changed font, or a preset face installed since, builds again', () => {
    withFonts('{ serif: 仿宋_GB2312 }');
    const fonts = ['--font-path', 'extra-fonts'];
    expect(build(fonts).status).toBe(0);
    expect(build(fonts).out).toContain('(up to date)');
    // The same name, other bytes (and another time): built again.
    const file = path.join(extra, 'simfang.ttf');
    const saved = readFileSync(file);
    renamedFont(NOTO_SANS_BOLD, file, { family: 'FangSong_GB2312', zh: '仿宋_GB2312', postscript: 'FangSong_GB2312' });
    try {
      const again = build(fonts);
      expect(again.out).toContain('(19 pages)');
      expect(build(fonts).out).toContain('(up to date)');
    } finally {
      writeFileSync(file, saved);
    }
    // The gongwen preset finds 仿宋 once it is installed (a folder that was empty).
    write(ISSUE, read(ISSUE).replace(/style:\n {2}fonts: .*\n$/, ''));
    gongwen();
    const fresh = path.join(dir, 'later');
    mkdirSync(fresh);
    expect(build(['--font-path', 'later']).out).toContain('pages)');
    expect(build(['--font-path', 'later']).out).toContain('(up to date)');
    cpSync(path.join(extra, 'simfang.ttf'), path.join(fresh, 'simfang.ttf'));
    expect(build(['--font-path', 'later']).out).toContain('pages)');
  });

  it('the catalog is kept: a font whose size and time are as recorded is not read again', () => {
    const folder = path.join(dir, 'kept');
    mkdirSync(folder);
    const file = path.join(folder, 'font.ttf');
    // Whole seconds: the time set again below is then exactly the time recorded.
    const then = new Date('2020-03-16T00:00:00Z');
    renamedFont(NOTO_REGULAR, file, { family: 'Kept One', postscript: 'KeptOne' });
    utimesSync(file, then, then);
    const families = () => (JSON.parse(run(['fonts', '--json', '--font-path', 'kept']).out) as { faces: { family: string; source: string }[] }).faces.filter((f) => f.source === 'font-path').map((f) => f.family);
    expect(families()).toEqual(['Kept One']);
    // Other names, the same size and time: the record stands.
    const size = statSync(file).size;
    renamedFont(NOTO_REGULAR, file, { family: 'Kept Two', postscript: 'KeptTwo' });
    utimesSync(file, then, then);
    expect(statSync(file).size).toBe(size);
    expect(families()).toEqual(['Kept One']);
    // Touched: read again.
    utimesSync(file, then, new Date(then.getTime() + 2000));
    expect(families()).toEqual(['Kept Two']);
  });
});

function hash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
