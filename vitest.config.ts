import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // End-to-end tests build whole issues and read them back.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
