// The content script runs inside every console page, and its size is the page's cost (issue 20: at most
// 120 KB). React and zod stay out of it: no module it loads at run time imports either (`import type`
// costs nothing and is not followed). The built size itself is measured by the bench (contentScriptKB).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, ROOT } from '../support/imports';

const ENTRY = join(ROOT, 'entrypoints/console.content/index.ts');
const HEAVY = /^(zod|react|react-dom|dexie|chart\.js)(\/|$)/;

describe('the content script', () => {
  it('loads no zod, React, Dexie or chart.js', () => {
    const { seen, hits } = importGraph(ENTRY, HEAVY);
    expect(seen.size).toBeGreaterThan(20);
    expect(hits).toEqual([]);
  });
});
