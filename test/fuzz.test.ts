/**
 * Fuzzing: whatever an editor's tools produce, bulletin answers with a PDF or a
 * clean error — never a crash, a hang or a stack trace. Seeded fast-check
 * properties (the same samples every run):
 * (a) random YAML documents (records, lists, text from every plane with lone
 *     surrogates, numbers, booleans, nulls; issue-shaped or not) and mutations of
 *     issues/issue-91.yaml (lines deleted, duplicated, swapped, re-indented; YAML
 *     punctuation, random characters and bytes inserted) given to `loadIssue`: an
 *     Issue, or an InputError whose every problem has a file, a place that exists
 *     (or 0:0 for the whole file) and a one-line message;
 * (b) random text (all planes, combining marks, bidi controls, lone surrogates,
 *     emoji sequences, private use, spaces, runs of punctuation, long tokens) set by
 *     the paragraph engine at 4 to 40 em: never a throw, and every character no font
 *     can draw is reported in `missing`;
 * (c) random issues of the right shape with random text built in-process: a PDF
 *     that qpdf finds clean, or an InputError;
 * (d) the worst of them through the command: exit 0 or 1, no stack trace.
 * A watchdog thread turns a hang into a failure (it kills this test process and
 * prints the sample) instead of a stalled suite.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../src/build.js';
import { FONT_DIR, FontSet } from '../src/fonts/index.js';
import { InputError, loadIssue, type Problem } from '../src/issue/index.js';
import { setParagraph, uniform } from '../src/paragraph/index.js';
import { has } from './helpers/pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
const SEED = 20200316;
const ISSUE_91 = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
/** A sample that runs this long is a hang: the watchdog stops the process. */
const HANG_MS = 30_000;

const fonts = new FontSet();
let dir: string;

// ---------------------------------------------------------------- the watchdog

/** [0] samples finished, [1] 1 while a sample runs; from byte 8, the running sample as UTF-8. */
const shared = new SharedArrayBuffer(8 + 256 * 1024);
const beat = new Int32Array(shared, 0, 2);
const note = new Uint8Array(shared, 8);
let watchdog: Worker;

/**
 * A synchronous hang cannot be timed out from its own thread: a watchdog thread
 * sees no sample finish for HANG_MS, prints the sample and kills this process, so
 * the file fails instead of stalling the suite.
 */
function startWatchdog(): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const { writeSync } = require('node:fs');
    const beat = new Int32Array(workerData, 0, 2);
    const note = new Uint8Array(workerData, 8);
    let seen = -1;
    let since = Date.now();
    setInterval(() => {
      const done = Atomics.load(beat, 0);
      if (done !== seen || Atomics.load(beat, 1) === 0) {
        seen = done;
        since = Date.now();
        return;
      }
      if (Date.now() - since < ${HANG_MS}) return;
      const end = note.indexOf(0);
      const sample = Buffer.from(note.subarray(0, end < 0 ? note.length : end)).toString('utf8');
      writeSync(2, '\\nfuzz.test.ts: a sample ran for ${HANG_MS / 1000} s: a hang. The sample:\\n' + sample + '\\n');
      process.kill(process.pid, 'SIGKILL');
    }, 250);
  `;
  const w = new Worker(code, { eval: true, workerData: shared });
  w.unref();
  return w;
}

function running(sample: unknown): void {
  const bytes = Buffer.from(describeSample(sample), 'utf8').subarray(0, note.length - 1);
  note.fill(0);
  note.set(bytes);
  Atomics.store(beat, 1, 1);
}

function finished(): void {
  Atomics.store(beat, 1, 0);
  Atomics.add(beat, 0, 1);
}

function describeSample(sample: unknown): string {
  try {
    return JSON.stringify(sample, (_, v: unknown) => (v instanceof Uint8Array ? `<bytes ${Buffer.from(v).toString('hex')}>` : v));
  } catch {
    return String(sample);
  }
}

/** Run one sample under the watchdog; a sample that takes over `slowMs` fails too. */
function guarded<T>(sample: unknown, slowMs: number, fn: () => T): T {
  running(sample);
  const started = performance.now();
  try {
    return fn();
  } finally {
    finished();
    const ms = performance.now() - started;
    if (ms > slowMs) throw new Error(`a sample took ${Math.round(ms)} ms (limit ${slowMs}): ${describeSample(sample).slice(0, 2000)}`);
  }
}

async function guardedAsync<T>(sample: unknown, slowMs: number, fn: () => Promise<T>): Promise<T> {
  running(sample);
  const started = performance.now();
  try {
    return await fn();
  } finally {
    finished();
    const ms = performance.now() - started;
    if (ms > slowMs) throw new Error(`a sample took ${Math.round(ms)} ms (limit ${slowMs}): ${describeSample(sample).slice(0, 2000)}`);
  }
}

beforeAll(() => {
  watchdog = startWatchdog();
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-fuzz-'));
  cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
});
afterAll(async () => {
  await watchdog.terminate();
  rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- text

const cp = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
/** Any code point of any plane, lone surrogate halves included. */
const unit = fc.oneof({ arbitrary: anyCodePoint, weight: 8 }, { arbitrary: loneSurrogate, weight: 1 });
const anyString = (maxLength: number) => fc.string({ unit, maxLength });

const HAN = [...'疫情防控工作区委书记宋洁耿勇军察看社区服务站人员物资保障检测卡点企业复工产会议精神落实要求群众生活'];
const PUNCT = [...'，。、；：？！“”‘’（）《》〈〉【】「」『』——……·・～', ...'.,;:!?()[]{}-/\'"@#%&*+=<>_|~`'];
const SPACES = [' ', '  ', '\u3000', '\t', '\u00a0', '\u2002', '\u2009', '\u200a', '\u200b', '\u2060', '\u202f', '\u205f', '\u1680'];
const BIDI = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', '❤️', '☺︎', '1️⃣', '🏳️‍🌈', '🧑🏻‍💻'];

/** Text pieces an editor's clipboard carries, from the ordinary to the worst. */
const piece = fc.oneof(
  { arbitrary: fc.array(fc.constantFrom(...HAN), { minLength: 1, maxLength: 12 }).map((a) => a.join('')), weight: 6 },
  { arbitrary: fc.array(fc.constantFrom(...PUNCT), { minLength: 1, maxLength: 6 }).map((a) => a.join('')), weight: 3 },
  { arbitrary: fc.stringMatching(/^[A-Za-z]{1,14}$/), weight: 2 },
  { arbitrary: fc.integer({ min: -99999, max: 9999999 }).map(String), weight: 1 },
  { arbitrary: fc.constantFrom(...SPACES), weight: 2 },
  { arbitrary: fc.constantFrom(...BIDI), weight: 1 },
  { arbitrary: fc.constantFrom(...EMOJI), weight: 1 },
  { arbitrary: fc.tuple(cp(0x41, 0x7a), fc.array(cp(0x300, 0x36f), { minLength: 1, maxLength: 8 })).map(([b, m]) => b + m.join('')), weight: 1 },
  { arbitrary: fc.array(cp(0x300, 0x36f), { minLength: 1, maxLength: 4 }).map((m) => m.join('')), weight: 1 },
  { arbitrary: cp(0xe000, 0xf8ff), weight: 1 },
  { arbitrary: cp(0xf0000, 0x10fffd), weight: 1 },
  { arbitrary: cp(0x20000, 0x3134a), weight: 1 },
  { arbitrary: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\u00ad', '\ufeff', '\ufffe', '\uffff', '\u{1fffe}', '\ufe0f', '\u200d', '\u200c', '\u2028', '\u2029'), weight: 1 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: anyString(12), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom('x', '9', 'https://example.com/'), fc.integer({ min: 30, max: 160 })).map(([c, n]) => c + 'x'.repeat(n)), weight: 1 },
);
const text = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
/** Text that starts with ideographs, so it is not empty once stray characters are removed. */
const someText = fc.tuple(fc.array(fc.constantFrom(...HAN), { minLength: 1, maxLength: 6 }), text).map(([h, t]) => h.join('') + t);

// ---------------------------------------------------------------- (a) the loader

const KEYS = [
  'publication', 'issue', 'number', 'period', 'printed', 'sections', 'title', 'articles', 'body', 'toc', 'heading', 'note',
  'image', 'caption', 'colophon', 'notice', 'distribution', 'supervisor', 'publisher', 'phone', 'email', 'copies', 'style',
  'preset', 'size', 'chars', 'lines', 'margins', 'top', 'left', 'titleSize', 'sectionsOnNewPage', 'mastheadColor', 'fonts',
  'serif', 'serifBold', 'sansBold', 'name', 'editor', '<<', '?', '-', '',
];
const WORDS = [
  'publication.yaml', 'issue.yaml', '../publication.yaml', '/etc/hosts', '.', '..', 'fonts/x.ttf', 'photo.png', '91', '2020-03-16',
  '2020-02-30', '2020年2月', 'default', 'gongwen', 'masthead', 'colophon', '', ' ', '\u3000', 'true', 'null', '~', '0x1F', '1e400',
  '-0', '.nan', '&a', '*a', '!!binary', '— 1 —', '本月关注',
];
const key = fc.oneof({ arbitrary: fc.constantFrom(...KEYS), weight: 4 }, { arbitrary: anyString(10), weight: 1 });
const leaf = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 3 },
  { arbitrary: anyString(24), weight: 3 },
  { arbitrary: text, weight: 2 },
  { arbitrary: fc.integer({ min: -1000, max: 100000 }), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('record')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  record: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
})) as { value: fc.Arbitrary<unknown> };

/** Anything, or a value of the right kind: the shape of an issue with random leaves. */
const or = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: arb, weight: 4 }, { arbitrary: value, weight: 1 });
const blockShaped = fc.oneof(
  text,
  fc.record({ heading: or(text) }),
  fc.record({ note: or(text) }),
  fc.record({ image: or(fc.constantFrom('photo.png', 'publication.yaml', '../x.png', 'nothing.png')), caption: or(text) }, { requiredKeys: ['image'] }),
);
const articleShaped = fc.record(
  { title: or(text), toc: or(text), body: or(fc.oneof(text, fc.array(blockShaped, { maxLength: 4 }))) },
  { requiredKeys: ['title', 'body'] },
);
const sectionShaped = fc.record({ title: or(text), articles: or(fc.array(articleShaped, { maxLength: 3 })) });
const issueShaped = fc.record(
  {
    publication: or(fc.constant('publication.yaml')),
    issue: or(fc.record({ number: or(fc.integer({ min: 1, max: 999 })), period: or(text), printed: or(fc.constant('2020-03-16')) }, { requiredKeys: [] })),
    sections: or(fc.array(sectionShaped, { minLength: 1, maxLength: 3 })),
    colophon: or(fc.record({ copies: or(fc.integer({ min: 1, max: 9999 })), phone: or(text), distribution: or(fc.array(text, { maxLength: 3 })) }, { requiredKeys: [] })),
    style: or(fc.record({ preset: or(fc.constantFrom('default', 'gongwen')), size: or(fc.double({ min: 1, max: 80, noNaN: true })), chars: or(fc.integer({ min: 1, max: 80 })), lines: or(fc.integer({ min: 1, max: 80 })) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

/** A document written as YAML by the yaml package, or as JSON (lone surrogates then come as \u escapes). */
const yamlDocument = fc
  .tuple(fc.oneof(issueShaped, value), fc.constantFrom('yaml', 'json', 'flow'))
  .map(([doc, how]) => {
    if (how === 'json') return JSON.stringify(doc, null, 2) ?? 'null';
    try {
      return stringify(doc, how === 'flow' ? { collectionStyle: 'flow' } : {});
    } catch {
      return JSON.stringify(doc) ?? 'null';
    }
  });

/** What a hurried edit does to a line-based file. */
type Mutation =
  | { op: 'delete' | 'duplicate' | 'tab'; at: number }
  | { op: 'swap'; at: number; to: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'insert'; at: number; col: number; text: string }
  | { op: 'bytes'; at: number; bytes: Uint8Array }
  | { op: 'truncate'; at: number }
  | { op: 'crlf' | 'bom' | 'yaml11' };

const YAML_BITS = [
  ':', ': ', '：', '- ', '#', ' #', '&a ', '*a', '*b', '!!str ', '!!binary ', '!!map ', '!!seq ', '!foo ', '|', '|-', '>', '|2', '{', '}', '[', ']', ',',
  '"', "'", '“', '”', '%YAML 1.1\n---\n', '---\n', '...\n', '? ', '<<: *a', '\t', '\r', '\r\n', '\n', '\u2028', '\u0085', '\ufeff', '\\', '\\u', '@', '`',
];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'tab' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), col: fc.nat(), text: fc.oneof(fc.constantFrom(...YAML_BITS), anyString(6), piece) }),
  fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constantFrom('crlf' as const, 'bom' as const, 'yaml11' as const) }),
);

function mutate(src: string, mutations: Mutation[]): Buffer {
  let lines = src.split('\n');
  const bytes: { at: number; bytes: Uint8Array }[] = [];
  let cut: number | undefined;
  let crlf = false;
  let bom = false;
  for (const m of mutations) {
    const i = 'at' in m ? m.at % Math.max(lines.length, 1) : 0;
    switch (m.op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'swap': {
        const j = m.to % Math.max(lines.length, 1);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 'indent':
        lines[i] = m.by >= 0 ? ' '.repeat(m.by) + (lines[i] ?? '') : (lines[i] ?? '').replace(new RegExp(`^ {0,${-m.by}}`), '');
        break;
      case 'tab':
        lines[i] = (lines[i] ?? '').replace(/^ {1,2}/, '\t');
        break;
      case 'insert': {
        const line = lines[i] ?? '';
        const col = m.col % (line.length + 1);
        lines[i] = line.slice(0, col) + m.text + line.slice(col);
        break;
      }
      case 'bytes':
        bytes.push(m);
        break;
      case 'truncate':
        cut = m.at;
        break;
      case 'crlf':
        crlf = true;
        break;
      case 'bom':
        bom = true;
        break;
      case 'yaml11':
        lines = ['%YAML 1.1', '---', ...lines];
        break;
    }
  }
  let out = Buffer.from((bom ? '\ufeff' : '') + lines.join(crlf ? '\r\n' : '\n'), 'utf8');
  for (const b of bytes) {
    const at = b.at % (out.length + 1);
    out = Buffer.concat([out.subarray(0, at), b.bytes, out.subarray(at)]);
  }
  if (cut !== undefined) out = out.subarray(0, cut % (out.length + 1));
  return out;
}

/**
 * A problem as the contract has it: a file; a line and column that exist in it
 * (or 0:0 for the whole file); a message on one line.
 */
function checkProblem(p: Problem, texts: Map<string, string>): void {
  const where = JSON.stringify(p);
  expect(['error', 'warning'], where).toContain(p.severity);
  expect(typeof p.file === 'string' && p.file.length > 0, where).toBe(true);
  expect(Number.isInteger(p.line) && Number.isInteger(p.col), where).toBe(true);
  expect((p.line > 0 && p.col > 0) || (p.line === 0 && p.col === 0), `${where}: a place, or 0:0 for the whole file`).toBe(true);
  expect(typeof p.message === 'string' && p.message.trim().length > 0, where).toBe(true);
  expect(p.message, `${where}: one line per problem`).not.toMatch(/[\n\r]/);
  expect(typeof p.path, where).toBe('string');
  const src = texts.get(p.file);
  if (src !== undefined && p.line > 0) {
    const lines = src.split('\n');
    expect(p.line, `${where}: the file has ${lines.length} lines`).toBeLessThanOrEqual(lines.length);
    expect(p.col, `${where}: line ${p.line} has ${lines[p.line - 1]!.length} characters`).toBeLessThanOrEqual(lines[p.line - 1]!.length + 1);
  }
}

/** The files a load may name, as the loader reads them (UTF-8, BOM skipped). */
function textsOf(...files: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const f of files) {
    try {
      texts.set(f, new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(f)).replace(/^\ufeff/, ''));
    } catch {
      // Not UTF-8: its problems are of the whole file.
    }
  }
  return texts;
}

/** Load `bytes` as an issue file: an Issue, or an InputError whose problems keep the contract. */
function loadChecked(bytes: Uint8Array | string, sample: unknown): void {
  const file = path.join(dir, 'issue.yaml');
  writeFileSync(file, bytes);
  const texts = textsOf(file, path.join(dir, 'publication.yaml'));
  let outcome: unknown;
  try {
    outcome = guarded(sample, 5000, () => loadIssue(file));
  } catch (e) {
    if (!(e instanceof InputError)) {
      throw new Error(`loadIssue threw ${(e as Error)?.name}: ${(e as Error)?.message}\nfor ${describeSample(sample).slice(0, 3000)}`, { cause: e });
    }
    expect(e.problems.length).toBeGreaterThan(0);
    expect(e.problems.some((p) => p.severity === 'error')).toBe(true);
    for (const p of e.problems) checkProblem(p, texts);
    return;
  }
  const issue = outcome as { sections: unknown[]; warnings: Problem[] };
  expect(Array.isArray(issue.sections)).toBe(true);
  for (const p of issue.warnings) checkProblem(p, texts);
}

describe('(a) the loader, given random YAML', () => {
  it('random documents, issue-shaped or not: an Issue or a clean InputError', () => {
    fc.assert(
      fc.property(yamlDocument, (doc) => loadChecked(doc, doc)),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('issue 91 mutated as a hurried edit would: an Issue or a clean InputError', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => loadChecked(mutate(ISSUE_91, mutations), mutations)),
      { seed: SEED, numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------- (b) the engine

/** Drawn as nothing: joiners and variation selectors (as the engine has it). */
const INVISIBLE = /^[\u200c\u200d\ufe00-\ufe0f\u{e0100}-\u{e01ef}]$/u;

/**
 * A space the engine sets as a gap, not a glyph: a typed space or tab, a
 * zero-width space, a word joiner. The ideographic space is a full-width
 * character, drawn.
 */
const GAP = /^(?!\u3000)[\p{Zs}\t\u200b\u2060]$/u;

/**
 * The vendored faces in the order a role tries them: its own, then the other
 * role's of the same weight, then the other weight's (a character is taken from a
 * face of the same role and weight before any other).
 */
const VENDORED = { regular: 'Noto Serif SC Regular', serifBold: 'Noto Serif SC Bold', sansBold: 'Noto Sans SC Bold' };
const CHAINS: Record<'serif' | 'serif-bold' | 'sans-bold', string[]> = {
  serif: [VENDORED.regular, VENDORED.serifBold, VENDORED.sansBold],
  'serif-bold': [VENDORED.serifBold, VENDORED.sansBold, VENDORED.regular],
  'sans-bold': [VENDORED.sansBold, VENDORED.serifBold, VENDORED.regular],
};
const FILES: Record<string, string> = {
  [VENDORED.regular]: 'NotoSerifSC-Regular.ttf',
  [VENDORED.serifBold]: 'NotoSerifSC-Bold.ttf',
  [VENDORED.sansBold]: 'NotoSansSC-Bold.ttf',
};

/**
 * The characters of `text` its role's face lacks, with their offsets and the face
 * of the chain that has them (none: no face has it): by fontkit, not by the engine.
 */
function lacking(text: string, face: keyof typeof CHAINS): { index: number; char: string; from?: string }[] {
  const out: { index: number; char: string; from?: string }[] = [];
  const has = (name: string, code: number) => fonts.face(`${FONT_DIR}${FILES[name]}#0`).font.hasGlyphForCodePoint(code);
  let index = 0;
  for (const ch of text) {
    if (!GAP.test(ch) && !INVISIBLE.test(ch)) {
      const code = ch.codePointAt(0)!;
      const from = CHAINS[face].find((name) => has(name, code));
      if (from !== CHAINS[face][0]) out.push({ index, char: ch, ...(from ? { from } : {}) });
    }
    index += ch.length;
  }
  return out;
}

describe('(b) the paragraph engine, given random Unicode', () => {
  it('never throws, and reports every character no font can draw', () => {
    const params = fc.record({
      face: fc.constantFrom<keyof typeof CHAINS>('serif', 'serif-bold', 'sans-bold'),
      size: fc.constantFrom(10.5, 16, 22),
      ems: fc.integer({ min: 4, max: 40 }),
      indent: fc.constantFrom(0, 2),
      align: fc.constantFrom('justify' as const, 'left' as const, 'center' as const),
      placeholder: fc.option(fc.constantFrom('〓', '□'), { nil: undefined }),
    });
    fc.assert(
      fc.property(text, params, (t, p) => {
        const sample = { text: t, ...p };
        const set = guarded(sample, 5000, () => {
          try {
            return setParagraph(
              t,
              { face: p.face, size: p.size, indent: p.indent * p.size, align: p.align, shape: uniform(p.ems * p.size), ...(p.placeholder ? { placeholder: p.placeholder } : {}) },
              fonts,
            );
          } catch (e) {
            throw new Error(`setParagraph threw ${(e as Error)?.message} for ${describeSample(sample)}`, { cause: e });
          }
        });
        expect(set.missing.map((m) => ({ index: m.index, char: m.char, ...(m.from ? { from: m.from } : {}) }))).toEqual(lacking(t, p.face));
        for (const m of set.missing) {
          // Drawn by a stand-in: its role's own face was tried; drawn by none: every face.
          expect(m.tried).toEqual(m.from ? [CHAINS[p.face][0]] : CHAINS[p.face]);
          expect(m.replaced).toBe(!m.from && p.placeholder !== undefined);
        }
        for (const line of set.lines) {
          expect(line.range[0]).toBeGreaterThanOrEqual(0);
          expect(line.range[1]).toBeLessThanOrEqual(t.length);
          for (const g of line.glyphs) expect(Number.isFinite(g.x) && Number.isFinite(g.advance), JSON.stringify(sample)).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------- (c), (d) whole issues

/** An issue of the right shape whose texts are random, as YAML (or JSON, escapes and all). */
const randomIssue = fc
  .record({
    number: fc.integer({ min: 1, max: 999 }),
    period: someText,
    sections: fc.array(
      fc.record({
        title: someText,
        articles: fc.array(fc.record({ title: someText, body: fc.oneof(someText, fc.array(someText, { minLength: 1, maxLength: 4 })) }), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    distribution: fc.array(someText, { maxLength: 3 }),
    style: fc.option(fc.record({ preset: fc.constantFrom('default', 'gongwen'), chars: fc.integer({ min: 8, max: 40 }), lines: fc.integer({ min: 8, max: 40 }) }, { requiredKeys: [] }), { nil: undefined }),
    json: fc.boolean(),
  })
  .map(({ number, period, sections, distribution, style, json }) => {
    const doc = {
      publication: 'publication.yaml',
      issue: { number, period, printed: '2020-03-16' },
      sections,
      colophon: { copies: 130, ...(distribution.length > 0 ? { distribution } : {}) },
      ...(style ? { style } : {}),
    };
    return json ? JSON.stringify(doc, null, 1) : stringify(doc);
  });

function qpdfClean(pdf: Buffer): boolean {
  if (!has('qpdf')) return true;
  const f = path.join(dir, 'check.pdf');
  writeFileSync(f, pdf);
  return spawnSync('qpdf', ['--check', f]).status === 0;
}

describe('(c) random issues built in-process', () => {
  it('give a PDF qpdf finds clean, or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(randomIssue, fc.boolean(), async (yamlText, placeholder) => {
        const file = path.join(dir, 'issue.yaml');
        writeFileSync(file, yamlText);
        const texts = textsOf(file, path.join(dir, 'publication.yaml'));
        let pdf: Buffer;
        try {
          ({ pdf } = await guardedAsync(yamlText, 20_000, () => buildPdf(file, fonts, placeholder ? { placeholder: '〓' } : {})));
        } catch (e) {
          if (!(e instanceof InputError)) throw new Error(`buildPdf threw ${(e as Error)?.message} for\n${yamlText}`, { cause: e });
          for (const p of e.problems) checkProblem(p, texts);
          return;
        }
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(qpdfClean(pdf), yamlText).toBe(true);
      }),
      // A build takes a while: no shrinking past the first failure, so the file stays quick.
      { seed: SEED, numRuns: 25, endOnFailure: true },
    );
  });
});

describe('(d) the worst of them through the command', () => {
  it('exit 0 with a PDF, or 1 with located messages; never a stack trace', () => {
    const worst = fc.sample(
      randomIssue.filter((y) => /[\ud800-\udfff]|\\ud[89ab]|[\u202a-\u202e\u2066-\u2069]/u.test(y)),
      { seed: SEED, numRuns: 5 },
    );
    worst.forEach((yamlText, i) => {
      const name = `worst-${i}.yaml`;
      writeFileSync(path.join(dir, name), yamlText);
      for (const args of [['build', name, '-o', `worst-${i}.pdf`], ['build', name, '-o', `worst-${i}-p.pdf`, '--placeholder', '〓'], ['check', name]]) {
        const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
        const what = `bulletin ${args.join(' ')}\n${yamlText}\n${r.stderr}`;
        expect(r.signal, what).toBeNull();
        expect([0, 1], what).toContain(r.status);
        expect(r.stderr + r.stdout, what).not.toMatch(/^\s+at /m);
        expect(r.stderr, what).not.toContain('internal error');
        for (const l of r.stderr.split('\n').filter((x) => x !== '')) {
          // A message, its source line and caret (`  12 | …`, `     | ^`), or its hint.
          expect(l, what).toMatch(/^(\S[^]*?: [^]+| +\d* \| [^]*|  hint: [^]+)$/);
        }
        if (args[0] === 'build' && r.status === 0) {
          const pdf = readFileSync(path.join(dir, args[3]!));
          expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
          expect(qpdfClean(pdf), what).toBe(true);
        }
      }
    });
  });
});
