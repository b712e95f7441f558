/**
 * The bundle defers start-up work of its dependencies to first use, and inflates
 * the Unicode tables natively (src/deferred.ts). What it changes must work the
 * same: a probe that looks up the Unicode properties of every code point of the
 * BMP, shapes Arabic, Devanagari and Javanese (fontkit's shaper tables), opens a
 * WOFF2 font (brotli), sets text with pdfkit (linebreak) and encrypts a PDF (AES)
 * gives the same answers bundled with the plugin as run from node_modules. And an
 * update of a dependency that moves what an edit replaces stops the bundling.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferred } from '../src/deferred.js';

const root = path.resolve(import.meta.dirname, '..');
const probe = path.join(root, 'test', 'fixtures', 'deferred', 'probe.mjs');
let dir: string;

/** WOFF2 table tags in the order of the format's known-tag index. */
const KNOWN = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep'];

function base128(n: number): Buffer {
  const bytes = [n & 0x7f];
  for (let v = n >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80);
  return Buffer.from(bytes);
}

/** A WOFF2 of a TrueType font, its tables untransformed (glyf and loca: transform 3, the null one). */
function woff2Of(ttf: Buffer): Buffer {
  const count = ttf.readUInt16BE(4);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 12 + 16 * i;
    const tag = ttf.toString('latin1', at, at + 4);
    return { tag, data: ttf.subarray(ttf.readUInt32BE(at + 8), ttf.readUInt32BE(at + 8) + ttf.readUInt32BE(at + 12)) };
  });
  const entries = tables.map(({ tag, data }) => {
    const known = KNOWN.indexOf(tag);
    const nullTransform = tag === 'glyf' || tag === 'loca' ? 3 << 6 : 0;
    const flags = Buffer.from([(known >= 0 ? known : 0x3f) | nullTransform]);
    return Buffer.concat([flags, known >= 0 ? Buffer.alloc(0) : Buffer.from(tag, 'latin1'), base128(data.length)]);
  });
  const compressed = brotliCompressSync(Buffer.concat(tables.map((t) => t.data)), { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  const directory = Buffer.concat(entries);
  const header = Buffer.alloc(48);
  header.write('wOF2', 0, 'latin1');
  header.writeUInt32BE(ttf.readUInt32BE(0), 4);
  const length = 48 + directory.length + compressed.length;
  header.writeUInt32BE(length + ((4 - (length % 4)) % 4), 8);
  header.writeUInt16BE(count, 12);
  header.writeUInt32BE(12 + 16 * count + tables.reduce((s, t) => s + ((t.data.length + 3) & ~3), 0), 16);
  header.writeUInt32BE(compressed.length, 20);
  header.writeUInt16BE(1, 24);
  const file = Buffer.concat([header, directory, compressed]);
  return Buffer.concat([file, Buffer.alloc((4 - (file.length % 4)) % 4)]);
}

function node(args: string[]): string {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-deferred-'));
  // A small TrueType font: two glyphs of the vendored sans, as fontkit subsets them.
  const font = fontkit.openSync(path.join(root, 'fonts', 'NotoSansSC-Bold.ttf')) as fontkit.Font;
  const subset = font.createSubset();
  for (const ch of '中文') subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!));
  const ttf = Buffer.from(subset.encode());
  writeFileSync(path.join(dir, 'small.ttf'), ttf);
  writeFileSync(path.join(dir, 'small.woff2'), woff2Of(ttf));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deferred start-up work in the bundle', () => {
  it('works the same on first use as eagerly made: shaping, WOFF2, pdfkit text, encryption', async () => {
    const { rolldown } = await import('rolldown');
    const bundled = path.join(dir, 'probe.cjs');
    const bundle = await rolldown({ input: probe, platform: 'node', logLevel: 'silent', plugins: [deferred()] });
    try {
      await bundle.write({ file: bundled, format: 'cjs', codeSplitting: false });
    } finally {
      await bundle.close();
    }
    const source = readFileSync(bundled, 'utf8');
    // The four tables are made lazily, and brotli's dictionary is required on use.
    expect(source.match(/\$bulletinLazyTrie(\$\d+)?\(\(\) => new/g)).toHaveLength(4);
    expect(source).toContain('=> require_decompress()(...args)');
    expect(source).toMatch(/require\(["']zlib["']\)\.inflateRawSync\(source\)/);

    const args = [path.join(root, 'fonts', 'NotoSansSC-Bold.ttf'), path.join(dir, 'small.woff2')];
    const eager = JSON.parse(node([probe, ...args])) as Record<string, unknown>;
    const lazy = JSON.parse(node([bundled, ...args])) as Record<string, unknown>;
    expect(lazy).toEqual(eager);
    // And the probe did use what was deferred.
    expect(Object.values(eager.shaped as Record<string, { script: string }>).map((s) => s.script)).toEqual(['arab', ['dev2', 'deva'], 'java']);
    const woff2 = eager.woff2 as { numGlyphs: number; glyphs: [number, string, string][] };
    expect(woff2.numGlyphs).toBe(3);
    for (const [advance, fromWoff2, fromTtf] of woff2.glyphs) {
      expect(advance).toBeGreaterThan(0);
      expect(fromWoff2).toBe(fromTtf);
      expect(fromWoff2.length).toBeGreaterThan(20);
    }
    expect(eager.encrypted).toEqual({ pdf: '%PDF-', encrypt: true });
  });

  it('stops the bundling when a dependency no longer has what an edit replaces', () => {
    const plugin = deferred();
    const fontkitModule = path.join(root, 'node_modules', 'fontkit', 'dist', 'module.mjs');
    const code = readFileSync(fontkitModule, 'utf8');
    expect(plugin.transform(code, fontkitModule)).toContain('$bulletinLazyTrie');
    const moved = code.replace('import $52ZIf$brotlidecompressjs from "brotli/decompress.js";', 'import $52ZIf$brotlidecompressjs from "brotli";');
    expect(() => plugin.transform(moved, fontkitModule)).toThrow(
      /expected 1 × import \$52ZIf\$brotlidecompressjs.* in fontkit\/dist\/module\.mjs \(to defer brotli, for WOFF2 fonts only\), found 0/,
    );
    expect(plugin.transform('export const x = 1;', path.join(root, 'src', 'x.ts'))).toBeNull();
  });
});
