import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end in Firefox: Debian's firefox-esr with the Firefox build (.output/firefox-mv3) installed over
// WebDriver BiDi (tests/firefox/harness.ts), one browser at a time.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
