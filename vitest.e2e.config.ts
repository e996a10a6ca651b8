import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end: headless Chromium with the built extension (.output/chrome-mv3), one browser at a time.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
