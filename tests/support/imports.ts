// The modules a file loads at run time, followed through the repository (imports and re-exports, but
// not `import type`): for the tests that keep heavy or extension-only modules out of a bundle.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export function resolveSpecifier(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The specifiers a module loads at run time: every import and re-export but `import type` / `export type`. */
export function runtimeImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(import|export)(\s+type\b)?[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    if (m[2]) continue;
    out.push(m[3] ?? m[4] ?? m[5]!);
  }
  return out;
}

/** Every module `entry` loads at run time (repository files), and each bare or aliased specifier matching `bad`, with its importer. */
export function importGraph(entry: string, bad: RegExp): { seen: Set<string>; hits: string[] } {
  const seen = new Set<string>();
  const hits: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      const target = resolveSpecifier(file, spec);
      if (bad.test(spec) || (target && bad.test(relative(ROOT, target)))) hits.push(`${relative(ROOT, file)} → ${spec}`);
      if (target) visit(target);
    }
  };
  visit(entry);
  return { seen, hits };
}
