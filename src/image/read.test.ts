/**
 * readImageFile, the one place image files are read (the loader's header, the
 * encoder's whole file), reads through read.ts: inside the folder when it
 * is given, a regular file only, to a bound (issue 12, defects 1 and 6).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readImageFile } from './read.js';

let dir: string;
let folder: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'bulletin-image-read-')));
  folder = path.join(dir, 'issues');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'photo.jpg'), 'inside: the bytes of the photo');
  writeFileSync(path.join(dir, 'secret.jpg'), 'outside');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('reads the first bytes (the header) or the whole file, with its size', () => {
  const photo = path.join(folder, 'photo.jpg');
  expect(readImageFile(photo, 6, folder)).toEqual({ bytes: Buffer.from('inside'), size: 30 });
  expect(readImageFile(photo, undefined, folder)).toEqual({ bytes: Buffer.from('inside: the bytes of the photo'), size: 30 });
});

it("refuses, header and whole alike, an image swapped for a link leading out of the issue's folder", () => {
  const photo = path.join(folder, 'photo.jpg');
  rmSync(photo);
  symlinkSync(path.join(dir, 'secret.jpg'), photo);
  expect(readImageFile(photo, 6, folder)).toBe("leads outside the issue's folder");
  expect(readImageFile(photo, undefined, folder)).toBe("leads outside the issue's folder");
});

it('refuses a named pipe at once, and says a missing file is missing', () => {
  const fifo = path.join(folder, 'pipe.jpg');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return;
  expect(readImageFile(fifo, undefined, folder)).toBe('is a named pipe (FIFO), not a file');
  expect(readImageFile(path.join(folder, 'gone.jpg'), undefined, folder)).toBe('no such file');
});
