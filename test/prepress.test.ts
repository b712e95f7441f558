/**
 * Print-ready output: issue 91 built with the real command in several ways (plain;
 * with 3 mm bleed; with crop marks and a slug, with and without bleed; imposed as a
 * saddle-stitched booklet; with a publication name that XML must escape; a small
 * issue with an RGB picture), each read back by readers that owe nothing to
 * bulletin or pdfkit: poppler (pdfinfo, pdffonts, pdftotext), qpdf (every object,
 * decoded, through helpers/pdfobjects.ts, and --check), MuPDF (mutool trace and
 * stext), pdf.js and Ghostscript.
 *
 * A printer needs the page boxes, colour in CMYK only, every font embedded; a
 * reader, an archive and a screen reader need the metadata (Info and XMP agreeing),
 * the language and a structure tree that gives the issue's text in reading order
 * with the furniture left out as artifacts; the binder needs the pages in
 * saddle-stitch order on A3 sheets. Each test says which of these it checks.
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadIssue, type Issue } from '../src/issue/index.js';
import { has, squash } from './helpers/pdf.js';
import { png } from './helpers/png.js';
import {
  elements,
  headerVersion,
  isNode,
  markedContent,
  nameOf,
  readObjects,
  tokenize,
  textOf,
  type Box,
  type Colour,
  type PaintEvent,
  type PdfObjects,
  type QValue,
  type StructNode,
} from './helpers/pdfobjects.js';
import { readGlyphs } from './helpers/stext.js';
import { NS, parseXml, xmpProperty, type XmlElement } from './helpers/xml.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM }; // 595.276 × 841.89 pt
const A3_LANDSCAPE = { width: 420 * MM, height: 297 * MM }; // 1190.55 × 841.89 pt
/** Boxes are checked to 0.01 pt. */
const TOL = 0.01;
const K100 = [0, 0, 0, 1];
/** T21: the masthead red, M100 Y100 unless the house style sets its own. */
const MASTHEAD_RED = [0, 1, 1, 0];
/** The publication name for the XMP escaping build. */
const AWKWARD_NAME = '史志 & <通讯>';
/** `— 12 —` */
const FOLIO = /^—(\d+)—$/u;

// ─── The builds ─────────────────────────────────────────────────────────────────

type Mode = 'plain' | 'again' | 'bleed' | 'marks' | 'bleedMarks' | 'booklet' | 'awkward' | 'picture';

interface Build {
  input: string;
  args: string[];
  file: string;
  code?: number | null;
  out?: string;
  err?: string;
}

let dir: string;
let issue: Issue;
const builds = {} as Record<Mode, Build>;

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-prepress-'));
  issue = loadIssue(path.join(root, 'issues/issue-91.yaml'));

  // A copy of issues/ whose publication name needs escaping in XML.
  const awkward = path.join(dir, 'awkward');
  cpSync(path.join(root, 'issues'), awkward, { recursive: true });
  const publication = path.join(awkward, 'publication.yaml');
  const yaml = readFileSync(publication, 'utf8');
  expect(yaml).toMatch(/^name: 上街史志$/m);
  writeFileSync(publication, yaml.replace(/^name: 上街史志$/m, `name: ${JSON.stringify(AWKWARD_NAME)}`));

  // A small issue with an 8-bit RGB PNG: the picture must reach the PDF in CMYK.
  const picture = path.join(dir, 'picture');
  mkdirSync(picture);
  cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(picture, 'publication.yaml'));
  writeFileSync(path.join(picture, 'photo.png'), png(40, 30, [40, 120, 220]));
  writeFileSync(
    path.join(picture, 'issue-92.yaml'),
    `publication: publication.yaml
issue: { number: 92, period: 2020年3月, printed: 2020-04-10 }
sections:
  - title: 本月关注
    articles:
      - title: 图片
        body:
          - 第一段文字，说明下面的图片。
          - image: photo.png
            caption: 图为防疫服务站
          - 最后一段文字。
colophon: { copies: 50 }
`,
  );

  const i91 = 'issues/issue-91.yaml';
  const spec: Record<Mode, [string, string[]]> = {
    plain: [i91, []],
    again: [i91, []],
    bleed: [i91, ['--bleed', '3']],
    marks: [i91, ['--marks']],
    bleedMarks: [i91, ['--bleed', '3', '--marks']],
    booklet: [i91, ['--impose', 'booklet']],
    awkward: [path.join(awkward, 'issue-91.yaml'), []],
    picture: [path.join(picture, 'issue-92.yaml'), []],
  };
  await Promise.all(
    (Object.keys(spec) as Mode[]).map(async (mode) => {
      const [input, args] = spec[mode];
      const file = path.join(dir, `${mode}.pdf`);
      const b: Build = { input, args, file };
      builds[mode] = b;
      Object.assign(b, await run(['build', input, '-o', file, ...args]));
    }),
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF of a build; a failed build fails the test that needs it, with its message. */
function built(mode: Mode): string {
  const b = builds[mode];
  if (b.code !== 0) {
    throw new Error(`bulletin build ${path.basename(b.input)} ${b.args.join(' ')} exited ${b.code}: ${(b.err ?? '').trim()}`);
  }
  return b.file;
}

const objectCache = new Map<Mode, PdfObjects>();
function objects(mode: Mode): PdfObjects {
  let o = objectCache.get(mode);
  if (!o) {
    o = readObjects(built(mode));
    objectCache.set(mode, o);
  }
  return o;
}

// ─── Small helpers ──────────────────────────────────────────────────────────────

const grow = (b: Box, d: number): Box => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
const near = (a: number[], b: number[], tol = TOL) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= tol);
const fmt = (b: number[]) => `[${b.map((x) => x.toFixed(3)).join(' ')}]`;
const sq = (s: string) => squash(s);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function articles() {
  return issue.sections.flatMap((s) => s.articles);
}
const titleOf = (a: Issue['sections'][number]['articles'][number]) => sq(a.title.map((t) => t.text).join(''));
const paragraphsOf = (a: Issue['sections'][number]['articles'][number]) =>
  a.body.flatMap((b) => (b.kind === 'paragraph' ? [sq(b.text)] : []));

/** Page boxes as pdfinfo prints them (to 0.01 pt), page by page. */
function pdfinfoBoxes(file: string, pages: number): Map<number, Record<string, Box>> {
  const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', String(pages), file], { encoding: 'utf8' });
  const boxes = new Map<number, Record<string, Box>>();
  for (const m of out.matchAll(/^Page\s+(\d+)\s+(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*$/gm)) {
    const n = Number(m[1]);
    const rec = boxes.get(n) ?? {};
    rec[m[2]!] = [Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
    boxes.set(n, rec);
  }
  return boxes;
}

/**
 * Every page's boxes, by qpdf (exact) and by pdfinfo (to 0.01 pt): TrimBox of the
 * given size, BleedBox the TrimBox grown by `bleed` mm, MediaBox (and CropBox, so
 * that viewers show the marks) the TrimBox grown by `media` mm. TrimBox and
 * BleedBox written on every page, not left to their defaults.
 */
function boxProblems(mode: Mode, trim: { width: number; height: number }, bleed: number, media: number): string[] {
  const pdf = objects(mode);
  const info = pdfinfoBoxes(built(mode), pdf.pages.length);
  const problems: string[] = [];
  if (info.size !== pdf.pages.length) problems.push(`pdfinfo reports ${info.size} pages' boxes of ${pdf.pages.length}`);
  for (const page of pdf.pages) {
    const t = page.trimBox;
    for (const key of ['/TrimBox', '/BleedBox']) {
      if (page.dict[key] === undefined) problems.push(`page ${page.number}: no ${key} in the page dictionary`);
    }
    if (!near([t[2] - t[0], t[3] - t[1]], [trim.width, trim.height])) {
      problems.push(`page ${page.number}: TrimBox ${fmt(t)} is ${(t[2] - t[0]).toFixed(3)} × ${(t[3] - t[1]).toFixed(3)}, not ${trim.width.toFixed(3)} × ${trim.height.toFixed(3)}`);
    }
    const expected: Record<string, Box> = {
      MediaBox: grow(t, media * MM),
      CropBox: grow(t, media * MM),
      BleedBox: grow(t, bleed * MM),
      TrimBox: t,
    };
    const mine: Record<string, Box> = { MediaBox: page.mediaBox, CropBox: page.cropBox, BleedBox: page.bleedBox, TrimBox: page.trimBox };
    for (const [key, want] of Object.entries(expected)) {
      if (!near(mine[key]!, want)) problems.push(`page ${page.number}: ${key} ${fmt(mine[key]!)} (qpdf), expected ${fmt(want)}`);
      const theirs = info.get(page.number)?.[key];
      if (!theirs || !near(theirs, want)) problems.push(`page ${page.number}: ${key} ${theirs ? fmt(theirs) : 'missing'} (pdfinfo), expected ${fmt(want)}`);
    }
  }
  return problems;
}

/** A box in the page's top-left, y-down space (MuPDF's and pdftotext's), given the CropBox. */
function topLeft(b: Box, crop: Box): Box {
  return [b[0] - crop[0], crop[3] - b[3], b[2] - crop[0], crop[3] - b[1]];
}

/** Glyphs (MuPDF stext) whose origin lies inside the TrimBox, relative to its top-left corner. */
function glyphsInTrim(mode: Mode): { c: string; x: number; y: number }[][] {
  const pdf = objects(mode);
  const lines = readGlyphs(built(mode));
  return pdf.pages.map((page) => {
    const t = topLeft(page.trimBox, page.cropBox);
    return lines
      .filter((l) => l.page === page.number)
      .flatMap((l) => l.glyphs)
      .filter((g) => g.x >= t[0] - TOL && g.x <= t[2] + TOL && g.y >= t[1] - TOL && g.y <= t[3] + TOL)
      .map((g) => ({ c: g.c, x: g.x - t[0], y: g.y - t[1] }));
  });
}

function mutoolTrace(file: string): string[] {
  const out = execFileSync('mutool', ['draw', '-F', 'trace', '-o', '-', file], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.split('<page ').slice(1);
}

/** A page's text by poppler, in content order (`-raw`), optionally a crop in points from the top-left. */
function pdftotext(file: string, page: number, crop?: Box): string {
  const args = ['-raw', '-f', String(page), '-l', String(page)];
  if (crop) {
    args.push('-x', String(Math.round(crop[0])), '-y', String(Math.round(crop[1])));
    args.push('-W', String(Math.round(crop[2] - crop[0])), '-H', String(Math.round(crop[3] - crop[1])));
  }
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

// ─── Colour ─────────────────────────────────────────────────────────────────────

const BANNED_SPACES = new Set(['DeviceRGB', 'DeviceGray', 'CalRGB', 'CalGray', 'Lab']);

/**
 * Everything in DeviceCMYK: every colour operator, every text, path, image and
 * shading painted (pages, the forms they use, annotation appearances), every
 * transparency group, annotation colours; and, as a backstop, no RGB or gray
 * colour space named anywhere in the file. Soft masks are exempt from the
 * backstop: PDF requires an /SMask image to be DeviceGray, and it is no colour.
 */
function colourProblems(pdf: PdfObjects): string[] {
  const problems: string[] = [];
  const bad = (c: Colour | undefined) => c !== undefined && c.space !== 'DeviceCMYK';
  for (const page of pdf.pages) {
    const at = `page ${page.number}`;
    for (const e of pdf.walkPage(page)) {
      const where = `${at} (${e.where})`;
      if (e.kind === 'colour' && bad(e.colour)) problems.push(`${where}: ${e.op} sets ${e.colour.space} ${e.colour.values.join(' ')}`);
      if (e.kind === 'text') {
        if ([0, 2, 4, 6].includes(e.mode) && bad(e.fill)) problems.push(`${where}: text "${e.text}" filled in ${e.fill.space}`);
        if ([1, 2, 5, 6].includes(e.mode) && bad(e.stroke)) problems.push(`${where}: text "${e.text}" stroked in ${e.stroke.space}`);
      }
      if (e.kind === 'path') {
        if (bad(e.fill)) problems.push(`${where}: ${e.op} fills in ${e.fill!.space}`);
        if (bad(e.stroke)) problems.push(`${where}: ${e.op} strokes in ${e.stroke!.space}`);
      }
      if (e.kind === 'image' && !e.mask && e.space !== 'DeviceCMYK') problems.push(`${where}: image ${e.ref ?? 'inline'} in ${e.space}`);
      if (e.kind === 'shading' && e.space !== 'DeviceCMYK') problems.push(`${where}: shading in ${e.space}`);
      if (e.kind === 'form' && e.group !== undefined && e.group !== 'DeviceCMYK') problems.push(`${where}: form ${e.ref} has a ${e.group} group`);
    }
    const group = pdf.dict(page.dict['/Group']);
    if (group?.['/CS'] !== undefined && nameOf(pdf.get(group['/CS']) as QValue) !== 'DeviceCMYK') problems.push(`${at}: page group colour space ${JSON.stringify(group['/CS'])}`);
    for (const annot of page.annots) {
      for (const key of ['/C', '/IC']) {
        const c = pdf.array(annot[key]);
        if (c && c.length !== 0 && c.length !== 4) problems.push(`${at}: ${nameOf(annot['/Subtype'])} annotation ${key} has ${c.length} components`);
      }
      const mk = pdf.dict(annot['/MK']);
      for (const key of ['/BG', '/BC']) {
        const c = pdf.array(mk?.[key]);
        if (c && c.length !== 0 && c.length !== 4) problems.push(`${at}: annotation /MK ${key} has ${c.length} components`);
      }
    }
  }
  // The backstop: no RGB or gray space named in any object.
  const masks = new Set<string>();
  for (const ref of pdf.refs()) {
    const d = pdf.dict(ref);
    if (d && typeof d['/SMask'] === 'string') masks.add(d['/SMask']);
  }
  for (const ref of pdf.refs()) {
    const found: string[] = [];
    const visit = (v: QValue | undefined, key: string) => {
      if (typeof v === 'string') {
        const n = nameOf(v);
        if (n && BANNED_SPACES.has(n) && !(masks.has(ref) && key === '/ColorSpace')) found.push(`${key} ${n}`);
      } else if (Array.isArray(v)) {
        const family = nameOf(v[0]);
        if (family === 'ICCBased' && pdf.number(pdf.dict(v[1])?.['/N']) !== 4) found.push(`${key} ICCBased with ${pdf.number(pdf.dict(v[1])?.['/N'])} components`);
        v.forEach((x) => visit(x, key));
      } else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) visit(x, k);
      }
    };
    visit(pdf.dict(ref) ?? (pdf.get(ref) as QValue), '');
    for (const f of found) problems.push(`object ${ref}: ${f}`);
  }
  return problems;
}

/** MuPDF's view: the colour space of everything it paints. */
function mutoolColourProblems(file: string): string[] {
  const problems: string[] = [];
  mutoolTrace(file).forEach((page, i) => {
    for (const m of page.matchAll(/<(\w+)\b[^>]*\bcolorspace="([^"]*)"/g)) {
      if (m[2] !== 'DeviceCMYK') problems.push(`page ${i + 1}: ${m[1]} in ${m[2]}`);
    }
  });
  return problems;
}

function isFolio(text: string): boolean {
  return FOLIO.test(sq(text));
}

/**
 * Text colours: K100 for all text but the masthead name, in M100 Y100. Returns what
 * else was found and the text drawn in red. In a build with marks, the slug (text
 * in an artifact that is not a folio) may be in any CMYK colour: registration
 * black is usual there.
 */
function textColours(pdf: PdfObjects, slugExempt: boolean): { problems: string[]; red: string } {
  const problems: string[] = [];
  let red = '';
  for (const page of pdf.pages) {
    const events = pdf.walkPage(page).filter((e): e is Extract<PaintEvent, { kind: 'text' }> => e.kind === 'text');
    for (const e of events) {
      if (e.mode === 3 || e.mode === 7 || sq(e.text) === '') continue;
      const artifact = e.marked.some((m) => m.tag === 'Artifact');
      if (slugExempt && artifact && !isFolio(e.text)) continue;
      const filled = [0, 2, 4, 6].includes(e.mode) ? e.fill : e.stroke;
      if (filled.space === 'DeviceCMYK' && near(filled.values, K100, 1e-6)) continue;
      if (filled.space === 'DeviceCMYK' && near(filled.values, MASTHEAD_RED, 1e-6)) red += e.text;
      else problems.push(`page ${page.number}: "${e.text}" in ${filled.space} ${filled.values.join(' ')}`);
    }
  }
  return { problems, red: sq(red) };
}

// ─── Structure ──────────────────────────────────────────────────────────────────

interface Structure {
  tree: StructNode;
  /** `page|owner|mcid` → the text shown in that marked-content sequence. */
  text: Map<string, string>;
  /** Every marked-content sequence with an MCID in the content, by the same key. */
  present: Set<string>;
}

const structureCache = new Map<Mode, Structure>();
function structure(mode: Mode): Structure {
  const cached = structureCache.get(mode);
  if (cached) return cached;
  const pdf = objects(mode);
  const tree = pdf.structTree();
  if (!tree) throw new Error('the catalog has no StructTreeRoot');
  const text = new Map<string, string>();
  const present = new Set<string>();
  for (const page of pdf.pages) {
    for (const e of pdf.walkPage(page, { annotations: false })) {
      if (e.kind === 'colour' || e.kind === 'form') continue;
      const frame = [...e.marked].reverse().find((m) => m.mcid !== undefined);
      if (!frame) continue;
      const key = `${page.number}|${frame.owner}|${frame.mcid}`;
      present.add(key);
      if (e.kind === 'text') text.set(key, (text.get(key) ?? '') + e.text);
    }
  }
  const s = { tree, text, present };
  structureCache.set(mode, s);
  return s;
}

const mcKey = (m: { page: number | undefined; stream: string | undefined; mcid: number }) => `${m.page}|${m.stream ?? 'page'}|${m.mcid}`;

/** The text under an element, its marked content in tree order, whitespace removed. */
function textUnder(s: Structure, node: StructNode, skip: (n: StructNode) => boolean = () => false): string {
  let out = '';
  for (const k of node.kids) {
    if (isNode(k)) {
      if (!skip(k)) out += textUnder(s, k, skip);
    } else if ('mcid' in k) out += s.text.get(mcKey(k)) ?? '';
  }
  return sq(out);
}

/** The issue's text as printed, in reading order, as a pattern over whitespace-free text. */
function readingOrder(): { masthead: string; contents: string; body: string; colophon: string; plain: { masthead: string; colophon: string } } {
  const { year, month, day } = issue.printed;
  const notice = issue.colophon.notice ? sq(issue.colophon.notice.text) : '';
  const mastheadText = sq(`${notice}${issue.name.text}${issue.period.text}（总第${issue.number}期）${issue.editor.text}${year}年${month}月${day}日印`);
  const masthead = esc(mastheadText);
  // The contents: a caption, then each section and its articles; leader dots and
  // page numbers after the articles (the dots may be artifacts).
  let contents = '(?:目录)?';
  let body = '';
  for (const section of issue.sections) {
    contents += `${esc(sq(section.title.text))}(?:…*\\d+)?`;
    body += esc(sq(section.title.text));
    for (const a of section.articles) {
      contents += `${esc(sq(a.toc.text))}…*\\d+`;
      body += esc(titleOf(a)) + paragraphsOf(a).map(esc).join('');
    }
  }
  const c = issue.colophon;
  const colophonText = sq(
    `发放范围：${(c.distribution ?? []).map((d) => d.text).join('，')}。` +
      `主管：${c.supervisor?.text}编辑出版：${c.publisher?.text}` +
      `电话：${c.phone?.text}邮箱：${c.email?.text}` +
      `（共印 ${c.copies} 份）`,
  );
  return { masthead, contents, body, colophon: esc(colophonText), plain: { masthead: mastheadText, colophon: colophonText } };
}

interface JsStructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: JsStructNode[];
}

function jsLeaves(node: JsStructNode | null | undefined): string[] {
  if (!node) return [];
  if (node.type === 'content' && node.id) return [node.id];
  return (node.children ?? []).flatMap(jsLeaves);
}

// ─── The tests ──────────────────────────────────────────────────────────────────

describe('page boxes', () => {
  it.runIf(has('qpdf') && has('pdfinfo'))('sets MediaBox = TrimBox = BleedBox = A4 on every page without options', () => {
    expect(boxProblems('plain', A4, 0, 0)).toEqual([]);
  });

  it.runIf(has('qpdf') && has('pdfinfo') && has('mutool'))(
    'grows BleedBox and MediaBox 3 mm round an A4 TrimBox with --bleed 3, every glyph where it stands without bleed',
    () => {
      expect(boxProblems('bleed', A4, 3, 3)).toEqual([]);
      // The pages are moved, not re-set: relative to the trim, every glyph is where
      // it is in the plain build.
      const plain = glyphsInTrim('plain');
      const bleed = glyphsInTrim('bleed');
      expect(bleed.length).toBe(plain.length);
      plain.forEach((glyphs, p) => {
        const other = bleed[p]!;
        expect(other.map((g) => g.c).join(''), `page ${p + 1} text`).toBe(glyphs.map((g) => g.c).join(''));
        const off = glyphs.findIndex((g, i) => !near([g.x, g.y], [other[i]!.x, other[i]!.y]));
        expect(off, `page ${p + 1}: first glyph moved relative to the trim`).toBe(-1);
      });
    },
  );

  it.runIf(has('qpdf') && has('pdfinfo'))('makes room for the marks with --marks: MediaBox = TrimBox + 10 mm, BleedBox = TrimBox = A4', () => {
    expect(boxProblems('marks', A4, 0, 10)).toEqual([]);
  });

  it.runIf(has('qpdf') && has('pdfinfo') && has('mutool'))(
    'with --bleed 3 --marks: BleedBox = TrimBox + 3 mm, MediaBox = TrimBox + 13 mm, TrimBox A4, the pages set as without',
    () => {
      expect(boxProblems('bleedMarks', A4, 3, 13)).toEqual([]);
      const plain = glyphsInTrim('plain');
      const marked = glyphsInTrim('bleedMarks');
      plain.forEach((glyphs, p) => {
        const other = marked[p]!;
        expect(other.map((g) => g.c).join(''), `page ${p + 1} text inside the trim`).toBe(glyphs.map((g) => g.c).join(''));
        const off = glyphs.findIndex((g, i) => !near([g.x, g.y], [other[i]!.x, other[i]!.y]));
        expect(off, `page ${p + 1}: first glyph moved relative to the trim`).toBe(-1);
      });
    },
  );

  it.runIf(has('qpdf') && has('mutool')).each(['bleedMarks', 'marks'] as const)(
    'draws crop marks outside the bleed at the four corners, and a slug naming the issue and the page outside the trim (MuPDF, %s build)',
    (mode) => {
      const pdf = objects(mode);
      const trace = mutoolTrace(built(mode));
      const lines = readGlyphs(built(mode));
      expect(trace.length).toBe(pdf.pages.length);
      for (const page of pdf.pages) {
        const T = topLeft(page.trimBox, page.cropBox);
        const B = topLeft(page.bleedBox, page.cropBox);
        const M = topLeft(page.mediaBox, page.cropBox);
        // Stroked segments in the page's top-left space.
        const segments: [number, number, number, number][] = [];
        for (const m of trace[page.number - 1]!.matchAll(/<stroke_path\b([^>]*)>([\s\S]*?)<\/stroke_path>/g)) {
          const [a, b, c, d, e, f] = (/transform="([^"]*)"/.exec(m[1]!)?.[1] ?? '1 0 0 1 0 0').split(' ').map(Number) as number[];
          const map = (x: number, y: number): [number, number] => [a! * x + c! * y + e!, b! * x + d! * y + f!];
          let last: [number, number] | undefined;
          for (const p of m[2]!.matchAll(/<(moveto|lineto) x="([-\d.]+)" y="([-\d.]+)"\/>/g)) {
            const pt = map(Number(p[2]), Number(p[3]));
            if (p[1] === 'lineto' && last) segments.push([last[0], last[1], pt[0], pt[1]]);
            last = pt;
          }
        }
        const within = (v: number, lo: number, hi: number) => v >= lo - TOL && v <= hi + TOL;
        const inMedia = (s: number[]) => within(s[0]!, M[0], M[2]) && within(s[2]!, M[0], M[2]) && within(s[1]!, M[1], M[3]) && within(s[3]!, M[1], M[3]);
        const long = (s: number[]) => Math.hypot(s[2]! - s[0]!, s[3]! - s[1]!) >= MM;
        const corners = [
          { name: 'top left', x: T[0], y: T[1], outX: (s: number[]) => Math.max(s[0]!, s[2]!) <= B[0] + TOL, outY: (s: number[]) => Math.max(s[1]!, s[3]!) <= B[1] + TOL },
          { name: 'top right', x: T[2], y: T[1], outX: (s: number[]) => Math.min(s[0]!, s[2]!) >= B[2] - TOL, outY: (s: number[]) => Math.max(s[1]!, s[3]!) <= B[1] + TOL },
          { name: 'bottom left', x: T[0], y: T[3], outX: (s: number[]) => Math.max(s[0]!, s[2]!) <= B[0] + TOL, outY: (s: number[]) => Math.min(s[1]!, s[3]!) >= B[3] - TOL },
          { name: 'bottom right', x: T[2], y: T[3], outX: (s: number[]) => Math.min(s[0]!, s[2]!) >= B[2] - TOL, outY: (s: number[]) => Math.min(s[1]!, s[3]!) >= B[3] - TOL },
        ];
        for (const k of corners) {
          const horizontal = segments.some((s) => near([s[1], s[3]], [k.y, k.y]) && k.outX(s) && inMedia(s) && long(s));
          const vertical = segments.some((s) => near([s[0], s[2]], [k.x, k.x]) && k.outY(s) && inMedia(s) && long(s));
          expect({ page: page.number, corner: k.name, horizontal, vertical }).toEqual({ page: page.number, corner: k.name, horizontal: true, vertical: true });
        }
        // The slug: text outside the trim, inside the media box.
        const outside = lines
          .filter((l) => l.page === page.number)
          .flatMap((l) => l.glyphs)
          .filter((g) => !(g.x >= T[0] && g.x <= T[2] && g.y >= T[1] && g.y <= T[3]));
        const slug = outside.map((g) => g.c).join('');
        expect(slug, `page ${page.number}: a slug outside the trim`).not.toBe('');
        expect(outside.every((g) => within(g.x, M[0], M[2]) && within(g.y, M[1], M[3])), `page ${page.number}: slug inside the media box`).toBe(true);
        expect(slug, `page ${page.number}: the slug names issue 91`).toMatch(/91/);
        const n = page.number;
        expect(slug, `page ${page.number}: the slug names the page`).toMatch(new RegExp(`(?<!\\d)(${n}|${n - 1})(?!\\d)`));
      }
    },
  );
});

describe('colour', () => {
  it.runIf(has('qpdf') && has('mutool')).each(['plain', 'bleedMarks', 'booklet'] as const)(
    'paints everything in DeviceCMYK, nothing in RGB or gray: operators, text, paths, forms, images, annotations (%s build)',
    (mode) => {
      const pdf = objects(mode);
      expect(colourProblems(pdf)).toEqual([]);
      // MuPDF agrees: every fill, stroke, text and image it paints is in DeviceCMYK.
      expect(mutoolColourProblems(built(mode))).toEqual([]);
    },
  );

  it.runIf(has('qpdf') && has('mutool'))('converts an RGB picture to DeviceCMYK', () => {
    const pdf = objects('picture');
    const images = pdf.pages.flatMap((p) => pdf.walkPage(p)).filter((e) => e.kind === 'image');
    expect(images.length).toBeGreaterThanOrEqual(1);
    expect(colourProblems(pdf)).toEqual([]);
    expect(mutoolColourProblems(built('picture'))).toEqual([]);
  });

  it.runIf(has('qpdf') && has('mutool')).each(['plain', 'bleedMarks', 'booklet'] as const)(
    'draws text in K100 (0 0 0 1) and the masthead name in M100 Y100 (0 1 1 0) (%s build)',
    (mode) => {
      const { problems, red } = textColours(objects(mode), mode === 'bleedMarks');
      expect(problems).toEqual([]);
      expect(red).toBe(sq(issue.name.text));
      if (mode === 'plain') {
        // MuPDF agrees: text fills are K100 but for the name, in red.
        let mutoolRed = '';
        const page = mutoolTrace(built(mode))[0]!;
        for (const m of page.matchAll(/<fill_text\b[^>]*\bcolor="([^"]*)"[^>]*>([\s\S]*?)<\/fill_text>/g)) {
          const colour = m[1]!.split(' ').map(Number);
          const text = [...m[2]!.matchAll(/unicode="([^"]*)"/g)].map((g) => g[1]).join('');
          if (near(colour, MASTHEAD_RED, 1e-6)) mutoolRed += text;
          else expect({ text, colour }).toEqual({ text, colour: K100 });
        }
        expect(sq(mutoolRed)).toBe(sq(issue.name.text));
      }
    },
  );
});

describe('fonts', () => {
  /** pdffonts' table: name, emb, sub, uni. */
  function pdffonts(file: string) {
    const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    return lines.map((line) => {
      const cols = line.trim().split(/\s+/);
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { line, name: cols[0]!, emb, sub, uni };
    });
  }
  const tagOf = (name: string) => /^([A-Z]{6})\+/.exec(name)?.[1];
  const baseOf = (name: string) => name.replace(/^[A-Z]{6}\+/, '');

  it.runIf(has('pdffonts')).each(['plain', 'bleedMarks', 'booklet', 'awkward'] as const)(
    'embeds and subsets every font with a Unicode map, each with its own subset tag (pdffonts, %s build)',
    (mode) => {
      const fonts = pdffonts(built(mode));
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const f of fonts) {
        expect([f.line, f.emb, f.sub, f.uni]).toEqual([f.line, 'yes', 'yes', 'yes']);
        expect(f.name).toMatch(/^[A-Z]{6}\+/);
      }
      const tags = fonts.map((f) => tagOf(f.name));
      expect(new Set(tags).size, `tags ${tags.join(' ')}`).toBe(tags.length);
    },
  );

  it.runIf(has('pdffonts') && has('qpdf'))(
    'derives the subset tags from the glyph set: the same in a second build and with bleed, another where the glyphs differ',
    () => {
      const names = (mode: Mode) => pdffonts(built(mode)).map((f) => f.name).sort();
      expect(names('again')).toEqual(names('plain'));
      expect(names('bleed')).toEqual(names('plain'));
      // The glyph set of each font, by its ToUnicode map (qpdf), keyed by its name.
      const glyphSets = (mode: Mode) => {
        const pdf = objects(mode);
        const out = new Map<string, string>();
        for (const ref of pdf.refs()) {
          const d = pdf.dict(ref);
          if (nameOf(d?.['/Type']) !== 'Font' || nameOf(d?.['/Subtype']) === 'CIDFontType2' || nameOf(d?.['/Subtype']) === 'CIDFontType0') continue;
          const name = nameOf(d?.['/BaseFont']);
          if (!name) continue;
          out.set(name, JSON.stringify([...new Set(pdf.toUnicode(ref).map.values())].sort()));
        }
        return out;
      };
      const plain = glyphSets('plain');
      const awkward = glyphSets('awkward');
      const byBase = (m: Map<string, string>) => new Map([...m].map(([name, set]) => [baseOf(name), { tag: tagOf(name), set }]));
      const a = byBase(plain);
      const b = byBase(awkward);
      let differing = 0;
      for (const [base, p] of a) {
        const q = b.get(base);
        if (!q) continue;
        if (p.set !== q.set) differing++;
        // Same glyphs, same tag; other glyphs, another tag.
        expect({ base, sameTag: p.tag === q.tag }).toEqual({ base, sameTag: p.set === q.set });
      }
      // The masthead's font has the new name's glyphs: the comparison is not empty.
      expect(differing).toBeGreaterThanOrEqual(1);
    },
  );
});

describe('metadata', () => {
  /** `D:20200316000000Z`, `D:20200316080000+08'00'` */
  function pdfDate(s: string | undefined) {
    const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?$/.exec(s ?? '');
    if (!m) return undefined;
    const offset = m[7] ? 0 : m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : undefined;
    return moment(m[1]!, m[2] ?? '01', m[3] ?? '01', m[4] ?? '00', m[5] ?? '00', m[6] ?? '00', offset);
  }
  /** `2020-03-16T00:00:00Z`, `2020-03-16T08:00:00+08:00`, `2020-03-16` */
  function xmpDate(s: string | undefined) {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:(Z)|([+-])(\d{2}):(\d{2}))?)?)?)?$/.exec((s ?? '').trim());
    if (!m) return undefined;
    const offset = m[7] ? 0 : m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) : undefined;
    return moment(m[1]!, m[2] ?? '01', m[3] ?? '01', m[4] ?? '00', m[5] ?? '00', m[6] ?? '00', offset);
  }
  function moment(y: string, mo: string, d: string, h: string, mi: string, s: string, offset: number | undefined) {
    const local = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
    const instant = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - (offset ?? 0) * 60_000;
    return { date: `${y}-${mo}-${d}`, local, offset, instant };
  }
  /** Two dates agree: the same instant when both have a zone, else the same local time and no zone on either. */
  function sameDate(a: ReturnType<typeof pdfDate>, b: ReturnType<typeof xmpDate>): boolean {
    if (!a || !b) return false;
    if (a.offset !== undefined && b.offset !== undefined) return a.instant === b.instant;
    return a.local === b.local && a.offset === b.offset;
  }

  function xmpOf(mode: Mode): XmlElement {
    const xmp = objects(mode).xmp();
    expect(xmp, 'the catalog has a /Metadata stream').toBeDefined();
    expect([nameOf(xmp!.dict['/Type']), nameOf(xmp!.dict['/Subtype'])]).toEqual(['Metadata', 'XML']);
    return parseXml(xmp!.text); // throws, naming the fault, when not well-formed
  }

  it.runIf(has('qpdf'))('writes Info from the issue (title, editor, version, print date), /Lang zh-CN, PDF 1.7', () => {
    const pdf = objects('plain');
    const info = pdf.info();
    expect(info.Title).toBe('上街史志 2020年2月（总第91期）');
    expect(info.Author).toBe(issue.editor.text);
    expect(info.Subject?.trim()).toBeTruthy();
    expect(info.Keywords?.trim()).toBeTruthy();
    expect(info.Creator).toBe(`bulletin ${pkg.version}`);
    for (const key of ['CreationDate', 'ModDate']) expect(pdfDate(info[key])?.date, `${key} ${info[key]}`).toBe('2020-03-16');
    expect(textOf(pdf.get(pdf.catalog['/Lang']) as QValue)).toBe('zh-CN');
    expect(headerVersion(built('plain'))).toBe('1.7');
    expect(pdf.version).toBe('1.7');
    const version = pdf.catalog['/Version'];
    expect(version === undefined || nameOf(version) === '1.7', `catalog /Version ${String(version)}`).toBe(true);
  });

  it.runIf(has('qpdf')).each(['plain', 'awkward'] as const)('writes an XMP packet that is well-formed XML and agrees with Info: title, creator, dates, tool, keywords (%s build)', (mode) => {
    const info = objects(mode).info();
    const xmp = xmpOf(mode);
    expect(xmpProperty(xmp, NS.dc, 'title')).toEqual([info.Title]);
    expect(xmpProperty(xmp, NS.dc, 'creator')).toEqual([info.Author]);
    const created = xmpProperty(xmp, NS.xmp, 'CreateDate')?.[0];
    expect(sameDate(pdfDate(info.CreationDate), xmpDate(created)), `xmp:CreateDate ${created} vs ${info.CreationDate}`).toBe(true);
    expect(xmpDate(created)?.date).toBe('2020-03-16');
    const producer = xmpProperty(xmp, NS.pdf, 'Producer');
    const tool = xmpProperty(xmp, NS.xmp, 'CreatorTool');
    expect(producer !== undefined || tool !== undefined, 'pdf:Producer or xmp:CreatorTool').toBe(true);
    if (producer) expect(producer).toEqual([info.Producer]);
    if (tool) expect(tool).toEqual([info.Creator]);
    expect(xmpProperty(xmp, NS.pdf, 'Keywords')).toEqual([info.Keywords]);
  });

  it.runIf(has('qpdf')).each(['plain', 'awkward'] as const)('carries every Info entry in XMP as PDF/A maps them (Subject → dc:description, ModDate → xmp:ModifyDate…) (%s build)', (mode) => {
    const info = objects(mode).info();
    const xmp = xmpOf(mode);
    const text: [string, string, string][] = [
      ['Title', NS.dc, 'title'],
      ['Author', NS.dc, 'creator'],
      ['Subject', NS.dc, 'description'],
      ['Keywords', NS.pdf, 'Keywords'],
      ['Creator', NS.xmp, 'CreatorTool'],
      ['Producer', NS.pdf, 'Producer'],
    ];
    for (const [key, ns, local] of text) {
      if (info[key] === undefined) continue;
      expect({ key, xmp: xmpProperty(xmp, ns, local) }).toEqual({ key, xmp: [info[key]] });
    }
    for (const [key, local] of [
      ['CreationDate', 'CreateDate'],
      ['ModDate', 'ModifyDate'],
    ] as const) {
      if (info[key] === undefined) continue;
      const value = xmpProperty(xmp, NS.xmp, local)?.[0];
      expect({ key, value, agrees: sameDate(pdfDate(info[key]), xmpDate(value)) }).toEqual({ key, value, agrees: true });
    }
  });

  it.runIf(has('qpdf'))(`escapes a title with & and < in XMP (publication name ${AWKWARD_NAME})`, async () => {
    const pdf = objects('awkward');
    const title = `${AWKWARD_NAME} 2020年2月（总第91期）`;
    expect(pdf.info().Title).toBe(title);
    const xmp = xmpOf('awkward');
    expect(xmpProperty(xmp, NS.dc, 'title')).toEqual([title]);
    // pdf.js reads the same title from the packet.
    const doc = await getDocument({ data: new Uint8Array(readFileSync(built('awkward'))), verbosity: 0 }).promise;
    const meta = await doc.getMetadata();
    expect(meta.metadata?.get('dc:title')).toBe(title);
    await doc.destroy();
  });
});

describe('structure', () => {
  it.runIf(has('qpdf'))('is tagged: MarkInfo /Marked true, a StructTreeRoot whose marked content pdf.js finds page by page', async () => {
    const pdf = objects('plain');
    const markInfo = pdf.dict(pdf.catalog['/MarkInfo']);
    expect(markInfo?.['/Marked']).toBe(true);
    const rootDict = pdf.dict(pdf.catalog['/StructTreeRoot']);
    expect(rootDict, 'a StructTreeRoot').toBeDefined();
    expect(rootDict!['/ParentTree'], 'a ParentTree').toBeDefined();
    const s = structure('plain');
    const refs = [...markedContent(s.tree)];
    // Every reference leads to marked content on its page, and every sequence with
    // an MCID is referenced exactly once.
    const keys = refs.map(mcKey);
    expect(keys.filter((k) => !s.present.has(k)), 'references to marked content that is not there').toEqual([]);
    expect(keys.length).toBe(new Set(keys).size);
    expect([...s.present].filter((k) => !keys.includes(k)), 'marked content no element references').toEqual([]);
    // pdf.js, through each page's StructParents and the ParentTree, finds the same.
    const doc = await getDocument({ data: new Uint8Array(readFileSync(built('plain'))), verbosity: 0 }).promise;
    for (const page of pdf.pages) {
      if (refs.some((r) => r.page === page.number)) expect(page.dict['/StructParents'], `page ${page.number} /StructParents`).toBeTypeOf('number');
      const js = jsLeaves((await (await doc.getPage(page.number)).getStructTree()) as JsStructNode);
      const objNum = /^(\d+)/.exec(page.ref)![1];
      const mine = refs.filter((r) => r.page === page.number && !r.stream).map((r) => `p${objNum}R_mc${r.mcid}`);
      expect(js, `page ${page.number}`).toEqual(mine);
    }
    await doc.destroy();
  });

  it.runIf(has('qpdf'))('holds the 4 sections as H1, the 12 titles as H2, the paragraphs as P, the contents as TOC with TOCI', () => {
    const s = structure('plain');
    const all = [...elements(s.tree)];
    const byRole = (role: string) => all.filter((e) => e.role === role);
    expect(byRole('H1').map((e) => textUnder(s, e))).toEqual(issue.sections.map((x) => sq(x.title.text)));
    expect(byRole('H2').map((e) => textUnder(s, e))).toEqual(articles().map(titleOf));
    const paragraphs = articles().flatMap(paragraphsOf);
    expect(byRole('P').length).toBeGreaterThanOrEqual(paragraphs.length);
    expect(byRole('TOC').length).toBeGreaterThanOrEqual(1);
    // Each contents entry is a TOCI of its own (its text without the entries of a
    // nested TOC): every article's wording once, nothing but sections and articles.
    const entries = byRole('TOCI').map((e) => textUnder(s, e, (n) => n.role === 'TOC').replace(/…*\d*$/u, ''));
    const wordings = [...issue.sections.map((x) => sq(x.title.text)), ...articles().map((a) => sq(a.toc.text))];
    expect(entries.filter((e) => !wordings.includes(e)), 'TOCI that are no contents entry').toEqual([]);
    for (const a of articles()) expect(entries.filter((e) => e === sq(a.toc.text)).length, a.toc.text).toBe(1);
    // Each article's paragraphs are the P elements after its title, a paragraph split
    // over a page break being one P or several, a P never spanning two paragraphs.
    const order = all.filter((e) => ['H1', 'H2', 'P'].includes(e.role));
    articles().forEach((a, i) => {
      const start = order.indexOf(byRole('H2')[i]!);
      const expected = paragraphsOf(a);
      const ends = new Set<number>();
      let at = 0;
      for (const p of expected) ends.add((at += p.length));
      let got = '';
      const cuts: number[] = [];
      for (const e of order.slice(start + 1)) {
        if (e.role !== 'P' || got.length >= at) break;
        got += textUnder(s, e);
        cuts.push(got.length);
      }
      expect(got, titleOf(a)).toBe(expected.join(''));
      expect(cuts.filter((c) => !ends.has(c)), `${titleOf(a)}: a P ends inside a paragraph`).toEqual([]);
    });
  });

  it.runIf(has('qpdf')).each(['plain', 'bleedMarks'] as const)(
    "gives in tree order the issue's text in reading order: masthead, contents, sections, titles, paragraphs, colophon (%s build)",
    (mode) => {
      const s = structure(mode);
      const text = textUnder(s, s.tree);
      const r = readingOrder();
      // Piece by piece first, for a readable failure; then the whole.
      expect(text).toMatch(new RegExp(`^${r.masthead}`, 'u'));
      expect(text).toMatch(new RegExp(`^${r.masthead}${r.contents}`, 'u'));
      expect(text).toMatch(new RegExp(`${r.colophon}$`, 'u'));
      expect(new RegExp(`^${r.masthead}${r.contents}${r.body}${r.colophon}$`, 'u').test(text), text).toBe(true);
      // The masthead and the colophon are elements of their own, whatever their role.
      const all = [...elements(s.tree)];
      expect(all.some((e) => textUnder(s, e) === r.plain.masthead), 'an element holding the masthead').toBe(true);
      expect(all.some((e) => textUnder(s, e) === r.plain.colophon), 'an element holding the colophon').toBe(true);
      // The contents are one TOC element, and nothing else.
      const toc = [...elements(s.tree)].filter((e) => e.role === 'TOC' && !elementsAbove(s.tree, e).some((u) => u.role === 'TOC'));
      expect(toc.length).toBe(1);
      expect(textUnder(s, toc[0]!)).toMatch(new RegExp(`^${r.contents}$`, 'u'));
    },
  );

  it.runIf(has('qpdf')).each(['plain', 'bleedMarks'] as const)(
    'leaves folios, rules and marks out of the tree as artifacts; every text is an artifact or under an element (%s build)',
    async (mode) => {
      const pdf = objects(mode);
      const problems: string[] = [];
      let folios = 0;
      for (const page of pdf.pages) {
        for (const e of pdf.walkPage(page, { annotations: false })) {
          if (e.kind !== 'text' && e.kind !== 'path') continue;
          const artifact = e.marked.some((m) => m.tag === 'Artifact');
          const tagged = e.marked.some((m) => m.mcid !== undefined);
          const what = e.kind === 'text' ? `text "${e.text}"` : `path ${e.op}`;
          if (artifact && tagged) problems.push(`page ${page.number}: ${what} both artifact and tagged`);
          if (e.kind === 'path' && !artifact) problems.push(`page ${page.number}: ${what} not an artifact`);
          if (e.kind === 'text' && !artifact && !tagged && sq(e.text) !== '') problems.push(`page ${page.number}: ${what} neither tagged nor an artifact`);
          if (e.kind === 'text' && tagged && /—\s*\d+\s*—/u.test(e.text)) problems.push(`page ${page.number}: folio "${e.text}" tagged`);
        }
      }
      expect(problems).toEqual([]);
      // pdf.js: each page's folio (`— n —`, a marked-content sequence of its own)
      // stands in an Artifact, inside no sequence with an MCID.
      const doc = await getDocument({ data: new Uint8Array(readFileSync(built(mode))), verbosity: 0 }).promise;
      for (let n = 2; n <= doc.numPages; n++) {
        const content = await (await doc.getPage(n)).getTextContent({ includeMarkedContent: true });
        const stack: { tag: string; id: string | null; serial: number }[] = [];
        const seqs = new Map<number, { text: string; stack: { tag: string; id: string | null }[] }>();
        let serial = 0;
        for (const item of content.items) {
          if ('str' in item) {
            const top = stack.at(-1);
            const key = top?.serial ?? -1;
            const seq = seqs.get(key) ?? { text: '', stack: [...stack] };
            seq.text += item.str;
            seqs.set(key, seq);
          } else if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
            const mark = item as { tag?: string; id?: string | null };
            stack.push({ tag: mark.tag ?? '', id: mark.id ?? null, serial: serial++ });
          } else if (item.type === 'endMarkedContent') stack.pop();
        }
        const folio = [...seqs.values()].filter((q) => isFolio(q.text));
        expect(folio.length, `page ${n}: one folio`).toBe(1);
        expect(folio[0]!.stack.map((m) => m.tag), `page ${n}`).toContain('Artifact');
        expect(folio[0]!.stack.filter((m) => m.id !== null), `page ${n}: folio under an element`).toEqual([]);
        folios++;
      }
      expect(folios).toBe(pdf.pages.length - 1);
      await doc.destroy();
    },
  );
});

/** The elements above a node, nearest first. */
function elementsAbove(tree: StructNode, target: StructNode): StructNode[] {
  const path: StructNode[] = [];
  const find = (n: StructNode): boolean => {
    if (n === target) return true;
    for (const k of n.kids) {
      if (isNode(k) && find(k)) {
        path.push(n);
        return true;
      }
    }
    return false;
  };
  find(tree);
  return path;
}

describe('booklet imposition', () => {
  it.runIf(has('qpdf') && has('pdfinfo'))('pads to a multiple of 4 and puts two pages on each side of A3 landscape sheets', () => {
    const a4 = objects('plain').pages.length;
    const padded = Math.ceil(a4 / 4) * 4;
    expect(objects('booklet').pages.length).toBe(padded / 2);
    expect(boxProblems('booklet', A3_LANDSCAPE, 0, 0)).toEqual([]);
  });

  it.runIf(has('qpdf') && has('pdftotext'))(
    'imposes in saddle-stitch order, the blank pages before a colophon standing alone, else at the end (pdftotext of each half)',
    () => {
      // Each half is known by its text without the folio (the imposition may number
      // the pages after the blanks anew); a blank half has no text at all.
      const unfolio = (t: string) => t.replace(/—\d+—/gu, '');
      const plain = objects('plain');
      const a4 = plain.pages.map((p) => unfolio(sq(pdftotext(built('plain'), p.number))));
      expect(new Set(a4).size, 'every A4 page has text of its own').toBe(a4.length);
      const n = Math.ceil(a4.length / 4) * 4;
      const blanks = n - a4.length;
      // Does the colophon stand alone on the last page? Then the blanks go before it.
      const alone = a4.at(-1)!.startsWith('发放范围：');
      const sequence = alone ? [...a4.slice(0, -1), ...Array<string>(blanks).fill(''), a4.at(-1)!] : [...a4, ...Array<string>(blanks).fill('')];
      const label = (text: string) => (text === '' ? 'blank' : a4.includes(text) ? `A4 page ${a4.indexOf(text) + 1}` : `unknown: ${text.slice(0, 40)}`);
      const booklet = objects('booklet');
      expect(booklet.pages.length).toBe(n / 2);
      const got: string[] = [];
      const want: string[] = [];
      for (const page of booklet.pages) {
        const t = topLeft(page.trimBox, page.cropBox);
        const half = (t[2] - t[0]) / 2;
        const leftRaw = sq(pdftotext(built('booklet'), page.number, [t[0], t[1], t[0] + half, t[3]]));
        const rightRaw = sq(pdftotext(built('booklet'), page.number, [t[0] + half, t[1], t[2], t[3]]));
        // A blank half is blank: no folio either.
        const [left, right] = [leftRaw, rightRaw].map((raw) => (unfolio(raw) === '' ? raw : unfolio(raw))) as [string, string];
        const i = Math.floor((page.number - 1) / 2);
        const front = page.number % 2 === 1;
        // Sheet i: front n−2i | 2i+1, back 2i+2 | n−2i−1 (1-based pages).
        const [l, r] = front ? [n - 2 * i, 2 * i + 1] : [2 * i + 2, n - 2 * i - 1];
        got.push(`side ${page.number}: ${label(left)} | ${label(right)}`);
        want.push(`side ${page.number}: ${label(sequence[l - 1]!)} | ${label(sequence[r - 1]!)}`);
      }
      expect(got).toEqual(want);
    },
  );
});

describe('a clean file for every reader', () => {
  it.runIf(has('qpdf')).each(['plain', 'bleed', 'marks', 'bleedMarks', 'booklet', 'awkward', 'picture'] as const)('passes qpdf --check (%s build)', (mode) => {
    const r = spawnSync('qpdf', ['--check', built(mode)], { encoding: 'utf8' });
    // qpdf's all-clear ends "…the file may still contain errors that qpdf cannot detect".
    const clear = /No syntax or stream encoding errors found; the file may still contain\s+errors that qpdf cannot detect/;
    expect(r.stdout).toMatch(clear);
    const rest = `${r.stdout.replace(clear, '')}\n${r.stderr}`.split('\n').filter((l) => /warning|error/i.test(l));
    expect({ status: r.status, problems: rest }).toEqual({ status: 0, problems: [] });
  });

  it.each(['plain', 'booklet'] as const)('loads and renders every page with pdf.js, without a warning (%s build)', async (mode) => {
    const logged: string[] = [];
    const spies = (['log', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
    );
    try {
      const doc = await getDocument({ data: new Uint8Array(readFileSync(built(mode))), verbosity: 1, isEvalSupported: false }).promise;
      const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: unknown; context: CanvasLike } } }).canvasFactory;
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 0.25 });
        const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
        await page.render({ canvasContext: context as never, viewport, canvas: canvas as never }).promise;
        // Something was painted: every page and every sheet side has text.
        const pixels = context.getImageData(0, 0, Math.ceil(viewport.width), Math.ceil(viewport.height)).data;
        let ink = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128 && pixels[i + 3]! > 0) ink++;
        expect(ink, `page ${n} has ink`).toBeGreaterThan(0);
        page.cleanup();
      }
      await doc.destroy();
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(logged).toEqual([]);
  });

  it.runIf(has('gs')).each(['plain', 'bleedMarks', 'booklet'] as const)(
    'renders every page with Ghostscript, which prints no warning or error (%s build)',
    (mode) => {
      const out = path.join(dir, `gs-${mode}`);
      mkdirSync(out, { recursive: true });
      // Not -q: it silences what Ghostscript says about a file it had to repair.
      const r = spawnSync('gs', ['-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=png16m', '-r20', `-sOutputFile=${path.join(out, 'p%03d.png')}`, built(mode)], {
        encoding: 'utf8',
      });
      const pages = objects(mode).pages.length;
      // Its banner, then "Processing pages 1 through n." and "Page k" for each page.
      const banner = [/^GPL Ghostscript /, /^Copyright \(C\) /, /^This software is supplied /, /^see the file COPYING/];
      const lines = r.stdout.split('\n').filter((l) => l.trim() !== '' && !banner.some((b) => b.test(l)));
      expect({ status: r.status, stderr: r.stderr, lines }).toEqual({
        status: 0,
        stderr: '',
        lines: [`Processing pages 1 through ${pages}.`, ...Array.from({ length: pages }, (_, i) => `Page ${i + 1}`)],
      });
      expect(readdirSync(out).filter((f) => f.endsWith('.png')).length).toBe(pages);
    },
  );
});

interface CanvasLike {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray | Uint8Array };
}

// The readers themselves, so that a fault of theirs is not taken for one of the
// PDF's, nor a reading that saw nothing for a clean file.
describe('the readers themselves', () => {
  it.runIf(has('qpdf') && has('pdftotext'))('read the text of every page of the plain build as poppler does, through ToUnicode', () => {
    const pdf = objects('plain');
    for (const page of pdf.pages) {
      const text = pdf
        .walkPage(page)
        .flatMap((e) => (e.kind === 'text' ? [e.text] : []))
        .join('');
      expect(sq(text).length, `page ${page.number}`).toBeGreaterThan(10);
      expect(sq(text), `page ${page.number}`).toBe(sq(pdftotext(built('plain'), page.number)));
    }
    expect(nameOf(pdf.catalog['/Type'])).toBe('Catalog');
  });

  it('tokenize content: strings with escapes and nesting, hex strings, dictionaries, arrays, inline images', () => {
    const stream = Buffer.concat([
      Buffer.from('q /DeviceCMYK cs 0 .8 .8 0 scn\n'),
      Buffer.from('BT /F1 12 Tf (a \\(b\\) (c (d)) \\\\ \\101\\\nz) Tj [<00 4f> -250 (x)] TJ ET\n'),
      Buffer.from('/Span << /MCID 3 /Alt (\\)) /D [1 2 <<>>] >> BDC EMC % a comment ( not a string\n'),
      Buffer.from('BI /W 2 /H 1 /CS /CMYK /BPC 8 ID '),
      Buffer.from([0x45, 0x49, 0x20, 0x51, 0x0a, 0x00, 0xff, 0x45]),
      Buffer.from(' EI Q'),
    ]);
    const ops = [...tokenize(stream)];
    expect(ops.map((o) => o.op)).toEqual(['q', 'cs', 'scn', 'BT', 'Tf', 'Tj', 'TJ', 'ET', 'BDC', 'EMC', 'BI', 'Q']);
    const tj = ops[5]!.operands[0]!;
    expect(tj.type === 'string' && Buffer.from(tj.value).toString('latin1')).toBe('a (b) (c (d)) \\ Az');
    const arr = ops[6]!.operands[0]!;
    expect(arr.type === 'array' && arr.value.map((v) => (v.type === 'string' ? Buffer.from(v.value).toString('hex') : v.type === 'number' ? v.value : '?'))).toEqual(['004f', -250, '78']);
    const props = ops[8]!.operands[1]!;
    expect(props.type === 'dict' && props.value.get('MCID')).toEqual({ type: 'number', value: 3 });
    const image = ops[10]!.inline!;
    expect(image.dict.get('CS')).toEqual({ type: 'name', value: 'CMYK' });
    expect([...image.data]).toEqual([0x45, 0x49, 0x20, 0x51, 0x0a, 0x00, 0xff, 0x45]);
  });

  it('parse well-formed XML, resolving namespaces and entities, and refuse what is not', () => {
    const ok = parseXml(
      '\uFEFF<?xpacket begin="" id="x"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><!-- c --><r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<r:Description xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:p="http://ns.adobe.com/pdf/1.3/" p:Producer="a &amp; b">' +
        '<d:title><r:Alt><r:li xml:lang="en">no</r:li><r:li xml:lang="x-default">&lt;t&gt; &#x4E0A;<![CDATA[&]]></r:li></r:Alt></d:title>' +
        '</r:Description></r:RDF></x:xmpmeta><?xpacket end="w"?>',
    );
    expect(xmpProperty(ok, NS.dc, 'title')).toEqual(['<t> 上&']);
    expect(xmpProperty(ok, NS.pdf, 'Producer')).toEqual(['a & b']);
    expect(xmpProperty(ok, NS.dc, 'creator')).toBeUndefined();
    for (const bad of ['<a>x & y</a>', '<a>x < y</a>', '<a><b></a></b>', '<a x="1" x="2"/>', '<p:a/>', '<a>&nbsp;</a>', '<a/><b/>', '<a x="<"/>', '<a>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});
