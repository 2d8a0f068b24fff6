import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (.output/) in real headless Chromium and Firefox.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
