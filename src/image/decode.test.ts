/**
 * An image is decoded once a build: the loader names it relative to the issue
 * file (relative to the working folder when the issue was named so), the writer
 * by its absolute path; both find the same decoded pixels.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { png } from '../../test/helpers/png.js';
import { readImage } from './decode.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readImage', () => {
  it('decodes a file once, however its path is written', () => {
    const file = path.join(dir, 'photo.png');
    writeFileSync(file, png(4, 3));
    const relative = path.relative(process.cwd(), file);
    expect(relative).not.toBe(file);
    const first = readImage(relative);
    expect(first).toMatchObject({ width: 4, height: 3 });
    expect(readImage(file)).toBe(first);
    expect(readImage(path.join(dir, '.', 'photo.png'))).toBe(first);
  });
});
