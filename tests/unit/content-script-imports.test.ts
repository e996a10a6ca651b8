// The content script runs inside every console page, and its size is the page's cost (issue 20: at most
// 120 KB). React and zod stay out of it: no module it loads at run time imports either (`import type`
// costs nothing and is not followed). The built size itself is measured by the bench (contentScriptKB).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const ENTRY = join(ROOT, 'entrypoints/console.content/index.ts');
const HEAVY = /^(zod|react|react-dom|dexie|chart\.js)(\/|$)/;

function resolveSpecifier(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The specifiers a module loads at run time: every import and re-export but `import type` / `export type`. */
function runtimeImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(import|export)(\s+type\b)?[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    if (m[2]) continue;
    out.push(m[3] ?? m[4] ?? m[5]!);
  }
  return out;
}

describe('the content script', () => {
  it('loads no zod, React, Dexie or chart.js', () => {
    const seen = new Set<string>();
    const heavy: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of runtimeImports(file)) {
        if (HEAVY.test(spec)) heavy.push(`${relative(ROOT, file)} → ${spec}`);
        const target = resolveSpecifier(file, spec);
        if (target) visit(target);
      }
    };
    visit(ENTRY);
    expect(seen.size).toBeGreaterThan(20);
    expect(heavy).toEqual([]);
  });
});
