import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // End-to-end tests build whole issues and read them back.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: {
      // What the suite builds must not depend on the fonts this machine has: no
      // folder counts as the system's (the gongwen preset looks there), unless a
      // test sets its own. The font cache goes to a folder of the tests' own.
      BULLETIN_SYSTEM_FONTS: '',
      BULLETIN_FONT_PATHS: '',
      XDG_CACHE_HOME: path.join(os.tmpdir(), 'bulletin-test-cache'),
    },
  },
});
