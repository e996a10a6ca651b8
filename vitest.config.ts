import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Unit tests: pure logic, adapters on fixtures (DOM through happy-dom), the Dexie layer on fake-indexeddb.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['utils/**/*.test.ts', 'tests/unit/**/*.test.ts'],
  },
});
