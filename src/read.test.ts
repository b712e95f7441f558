import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Unreadable, openChecked, readChecked } from './read.js';

let dir: string;
let folder: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'bulletin-read-')));
  folder = path.join(dir, 'issues');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'photo.png'), 'inside');
  writeFileSync(path.join(dir, 'secret.png'), 'outside');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (f: () => unknown): { code: string; message: string } => {
  try {
    f();
  } catch (e) {
    if (e instanceof Unreadable) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('read, not refused');
};

it('reads a regular file inside the folder, and through a link that stays inside', () => {
  expect(readChecked(path.join(folder, 'photo.png'), 100, folder).toString()).toBe('inside');
  symlinkSync('photo.png', path.join(folder, 'link.png'));
  expect(readChecked(path.join(folder, 'link.png'), 100, folder).toString()).toBe('inside');
});

it('refuses a file swapped for a link leading outside the folder, or a folder swapped so', () => {
  const photo = path.join(folder, 'photo.png');
  rmSync(photo);
  symlinkSync(path.join(dir, 'secret.png'), photo);
  expect(refusal(() => readChecked(photo, 100, folder))).toEqual({ code: 'EOUTSIDE', message: "leads outside the issue's folder" });
  // Without a folder (a file named on the command line), the same file is read.
  expect(readChecked(photo, 100).toString()).toBe('outside');
  mkdirSync(path.join(dir, 'elsewhere'));
  writeFileSync(path.join(dir, 'elsewhere', 'photo.png'), 'outside');
  mkdirSync(path.join(folder, 'img'));
  renameSync(path.join(folder, 'img'), path.join(dir, 'gone'));
  symlinkSync(path.join(dir, 'elsewhere'), path.join(folder, 'img'));
  expect(refusal(() => readChecked(path.join(folder, 'img', 'photo.png'), 100, folder)).code).toBe('EOUTSIDE');
});

it('refuses a named pipe at once, without waiting for a writer, and a device, and a folder', () => {
  const fifo = path.join(folder, 'pipe.yaml');
  if (spawnSync('mkfifo', [fifo]).status === 0) {
    expect(refusal(() => readChecked(fifo, 100, folder))).toEqual({ code: 'ENOTFILE', message: 'is a named pipe (FIFO), not a file' });
  }
  if (process.platform !== 'win32') expect(refusal(() => readChecked('/dev/zero', 100))).toEqual({ code: 'ENOTFILE', message: 'is a device, not a file' });
  expect(refusal(() => openChecked(folder))).toEqual({ code: 'ENOTFILE', message: 'is a folder, not a file' });
  expect(refusal(() => openChecked(path.join(folder, 'none.png'))).code).toBe('ENOENT');
});

it('reads no more than the bound', () => {
  writeFileSync(path.join(folder, 'big.png'), Buffer.alloc(101));
  expect(refusal(() => readChecked(path.join(folder, 'big.png'), 100, folder))).toEqual({ code: 'ETOOLARGE', message: 'the file is 101 bytes; the limit is 100' });
  expect(readChecked(path.join(folder, 'big.png'), 101, folder)).toHaveLength(101);
});

it('reads to the end whatever the size says (a file of /proc is 0 bytes to stat), and stops past the bound', () => {
  if (process.platform !== 'linux') return;
  const status = readChecked('/proc/self/status', 1 << 20).toString();
  expect(status).toMatch(/^Name:/);
  expect(status).toMatch(/\nPid:/);
  expect(refusal(() => readChecked('/proc/self/status', 10))).toEqual({ code: 'ETOOLARGE', message: 'the file is more than 10 bytes; the limit is 10' });
});
