#!/usr/bin/env node
// Which image library: the measurement behind the choice of sharp (bench/RESULTS.md,
// "Image libraries"). Each candidate does what a build does with a camera photo — a
// 4000 × 3000 JPEG of 1.6 MB, made by bench/photo.mjs — to put it on a page 155.6 mm
// wide at 300 ppi (1838 pixels across): decode, resample, encode as JPEG; and, for
// the PNG path, decodes the same photo saved as a 12-megapixel PNG. Every case runs
// twice in a process of its own; the table gives the second run's time, the larger
// peak resident memory, the output's size, and whether the two outputs are the same
// bytes. The candidates other than sharp and jpeg-js are not dependencies: install
// them for the run with `npm install --no-save @jsquash/jpeg@1.6.0
// @jsquash/resize@2.1.1 pngjs@7.0.0`; a missing one is reported and skipped.
//
//   node bench/image-libraries.mjs            prints a Markdown table
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { photo } from './photo.mjs';

const require = createRequire(import.meta.url);
const WIDTH = 1838;
const QUALITY = 85;

/** The cases, run in a child process: `node image-libraries.mjs case <name> <input> <output>`. */
const cases = {
  // libvips: shrink-on-load (the JPEG decoded at 1/2 scale), Lanczos 3, mozjpeg.
  async 'sharp, RGB JPEG'(input) {
    const sharp = require('sharp');
    return sharp(input).resize(WIDTH).jpeg({ quality: QUALITY }).toBuffer();
  },
  // What bulletin does (src/image/encode.ts): RGB out of libvips, to CMYK by ISO 32000-1
  // §10.3.5 here, back into libvips as C, M, Y and a joined K, out as a CMYK JPEG.
  async 'sharp, CMYK JPEG as bulletin makes it'(input) {
    const sharp = require('sharp');
    const { data, info } = await sharp(input).resize(WIDTH).raw().toBuffer({ resolveWithObject: true });
    const n = info.width * info.height;
    const cmy = Buffer.alloc(n * 3);
    const k = Buffer.alloc(n);
    for (let p = 0; p < n; p++) {
      const [c, m, y] = [255 - data[p * 3], 255 - data[p * 3 + 1], 255 - data[p * 3 + 2]];
      k[p] = Math.min(c, m, y);
      [cmy[p * 3], cmy[p * 3 + 1], cmy[p * 3 + 2]] = [c - k[p], m - k[p], y - k[p]];
    }
    const raw = (channels) => ({ raw: { width: info.width, height: info.height, channels } });
    return sharp(cmy, raw(3)).joinChannel(k, raw(1)).toColourspace('cmyk').jpeg({ quality: QUALITY, optimiseCoding: true }).toBuffer();
  },
  // libvips's own CMYK conversion, through its built-in ICC profile (lcms, in floating point).
  async 'sharp, CMYK JPEG by libvips ICC'(input) {
    const sharp = require('sharp');
    return sharp(input).resize(WIDTH).toColourspace('cmyk').jpeg({ quality: QUALITY }).toBuffer();
  },
  // Pure JavaScript: every pixel decoded, an area-average resample written here, RGB only.
  async 'jpeg-js, RGB JPEG'(input) {
    const jpeg = require('jpeg-js');
    const { width, height, data } = jpeg.decode(input, { useTArray: true, maxMemoryUsageInMB: 1024 });
    const small = areaAverage(data, width, height, WIDTH);
    return Buffer.from(jpeg.encode(small, QUALITY).data);
  },
  // mozjpeg and squoosh's resampler compiled to WebAssembly, RGB only.
  async '@jsquash/jpeg + resize, RGB JPEG'(input) {
    globalThis.ImageData ??= class {
      constructor(data, width, height) {
        Object.assign(this, { data, width, height, colorSpace: 'srgb' });
      }
    };
    const wasm = (p) => WebAssembly.compile(readFileSync(require.resolve(p)));
    const dec = await import('@jsquash/jpeg/decode.js');
    const enc = await import('@jsquash/jpeg/encode.js');
    const resize = await import('@jsquash/resize');
    await dec.init(await wasm('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'));
    await enc.init(await wasm('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm'));
    await resize.initResize(readFileSync(require.resolve('@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm')));
    const image = await dec.default(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength));
    const height = Math.round((image.height * WIDTH) / image.width);
    const small = await resize.default(image, { width: WIDTH, height, method: 'lanczos3' });
    return Buffer.from(await enc.default(small, { quality: QUALITY }));
  },
  async 'sharp, PNG decode'(_, png) {
    const sharp = require('sharp');
    return sharp(png).raw().toBuffer();
  },
  async 'pngjs, PNG decode'(_, png) {
    const { PNG } = require('pngjs');
    return PNG.sync.read(png).data;
  },
};

/** Mean of the source pixels under each target pixel (RGBA in, RGBA out). */
function areaAverage(data, width, height, target) {
  const scale = width / target;
  const th = Math.round(height / scale);
  const out = Buffer.alloc(target * th * 4);
  for (let y = 0; y < th; y++) {
    const y0 = Math.floor(y * scale);
    const y1 = Math.min(height, Math.floor((y + 1) * scale));
    for (let x = 0; x < target; x++) {
      const x0 = Math.floor(x * scale);
      const x1 = Math.min(width, Math.floor((x + 1) * scale));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * width + xx) * 4;
          r += data[i];
          g += data[i + 1];
          b += data[i + 2];
        }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * target + x) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { data: out, width: target, height: th };
}

if (process.argv[2] === 'case') {
  const [, , , name, input, png, output] = process.argv;
  const jpg = readFileSync(input);
  const pngBytes = readFileSync(png);
  await cases[name](jpg, pngBytes); // warm: the library loaded, its code compiled
  const start = performance.now();
  const out = await cases[name](jpg, pngBytes);
  const ms = performance.now() - start;
  writeFileSync(output, out);
  console.log(JSON.stringify({ ms }));
} else {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bulletin-imagelib-'));
  const sharp = require('sharp');
  const raw = photo(4000, 3000, 7);
  const input = path.join(work, 'photo.jpg');
  const png = path.join(work, 'photo.png');
  const rawOptions = { raw: { width: 4000, height: 3000, channels: 3 } };
  writeFileSync(input, await sharp(raw, rawOptions).jpeg({ quality: 87 }).toBuffer());
  writeFileSync(png, await sharp(raw, rawOptions).png().toBuffer());
  const me = fileURLToPath(import.meta.url);
  const kib = (file) => (readFileSync(file).length / 1024).toFixed(0);
  console.log(`input: ${kib(input)} KiB JPEG and ${kib(png)} KiB PNG, 4000 × 3000; output ${WIDTH} px wide, quality ${QUALITY}\n`);
  console.log('| case | output | time | peak memory | same bytes twice |\n| --- | ---: | ---: | ---: | --- |');
  for (const name of Object.keys(cases)) {
    const runs = [0, 1].map((k) => {
      const out = path.join(work, `out-${k}`);
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, me, 'case', name, input, png, out], { encoding: 'utf8' });
      if (r.status !== 0) return { error: r.stderr.split('\n').find((l) => /Error|Cannot/.test(l)) ?? `exit ${r.status}` };
      const { ms } = JSON.parse(r.stdout);
      const bytes = readFileSync(out);
      return { ms, mib: Number(r.stderr.trim().split('\n').at(-1)) / 1024, bytes: bytes.length, hash: createHash('sha256').update(bytes).digest('hex') };
    });
    if (runs[0].error) {
      console.log(`| ${name} | not run: ${runs[0].error.trim()} | | | |`);
      continue;
    }
    const [a, b] = runs;
    const size = name.includes('decode') ? `${(a.bytes / 2 ** 20).toFixed(1)} MiB pixels` : `${(a.bytes / 1024).toFixed(0)} KiB`;
    console.log(`| ${name} | ${size} | ${b.ms.toFixed(0)} ms | ${Math.max(a.mib, b.mib).toFixed(0)} MiB | ${a.hash === b.hash ? 'yes' : 'no'} |`);
  }
  rmSync(work, { recursive: true, force: true });
}
