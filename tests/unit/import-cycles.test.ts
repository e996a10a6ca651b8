// No import cycle in entrypoints/, utils/, components/ (issue 15): a module graph with cycles has no
// order in which its modules can be understood, tested or initialised one at a time. Every import
// counts, `import type` included: a cycle of types is a cycle of ideas.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const DIRS = ['entrypoints', 'utils', 'components'];
const SOURCE = /\.(ts|tsx)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return walk(path);
    return SOURCE.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file an import specifier names, when it is one of ours (the `@/` alias or a relative path). */
function resolveSpecifier(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    const target = resolveSpecifier(file, spec);
    if (target && DIRS.some((d) => target.startsWith(join(ROOT, d) + '/'))) out.push(target);
  }
  return out;
}

/** The cycles a depth-first walk meets, each as the files around it, ending where it began. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') found.push([...stack.slice(stack.indexOf(g)), g].map((p) => (p.startsWith(ROOT) ? relative(ROOT, p) : p)));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found;
}

describe('the module graph', () => {
  const files = DIRS.flatMap((d) => walk(join(ROOT, d)));

  it('is read from every source file, with the alias and relative imports resolved', () => {
    expect(files.length).toBeGreaterThan(100);
    const background = join(ROOT, 'entrypoints/background/index.ts');
    expect(importsOf(background).map((p) => relative(ROOT, p))).toContain('utils/messaging.ts');
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    // As audiences.ts and tasks.ts once were: each imported the other; and a longer loop through a third.
    expect(cycles(new Map([['audiences', ['tasks']], ['tasks', ['audiences', 'schema']], ['schema', []]]))).toEqual([['audiences', 'tasks', 'audiences']]);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('has no cycle in entrypoints/, utils/ and components/', () => {
    expect(cycles(new Map(files.map((f) => [f, importsOf(f)])))).toEqual([]);
  });
});
