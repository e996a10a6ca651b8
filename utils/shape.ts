// Shapes for the content script: the few zod checks the site adapters use (utils/sites/), written small,
// so that zod (~100 KB) stays out of the script that runs inside every console page (issue 20). The
// background still checks every message with zod (utils/messaging-requests.ts, utils/crm/validate.ts).
//
// The same names and the same meaning as zod 4 for what is here: `safeParse` answers
// `{ success, data }` or `{ success: false, error: { issues } }`, issues in the order zod reports them
// (keys in their declared order, checks in theirs, a check skipped after a wrong type), with zod's
// paths, codes and messages; objects drop keys they do not name. utils/shape.test.ts compares the two
// on the same inputs.

export type PathItem = string | number;
export interface Issue {
  code: string;
  path: PathItem[];
  message: string;
}
export type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } };

/** An issue that stops the checks after it (a wrong type), as zod's non-continuable ones. */
type Found = Issue & { fatal: boolean };
const FAIL: unique symbol = Symbol('fail');
type Run<T> = (value: unknown, path: PathItem[], issues: Found[]) => T | typeof FAIL;

/** What zod names a received value in "expected X, received Y". */
function received(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : String(v);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
    const name = proto?.constructor?.name;
    return proto && proto !== Object.prototype && name ? name : 'object';
  }
  return typeof v;
}

const typeIssue = (expected: string, v: unknown, path: PathItem[]): Found =>
  ({ code: 'invalid_type', path, message: `Invalid input: expected ${expected}, received ${received(v)}`, fatal: true });

export class Schema<T> {
  /** @internal */
  readonly optionalKey: boolean = false;
  constructor(/** @internal */ readonly run: Run<T>) {}

  safeParse(value: unknown): SafeParse<T> {
    const issues: Found[] = [];
    const data = this.run(value, [], issues);
    if (data === FAIL || issues.length) return { success: false, error: { issues: issues.map(({ fatal: _, ...i }) => i) } };
    return { success: true, data };
  }

  optional(): Optional<T | undefined> {
    return new Optional<T | undefined>((v, path, issues) => (v === undefined ? undefined : this.run(v, path, issues)));
  }

  nullable(): Schema<T | null> {
    return new Schema<T | null>((v, path, issues) => (v === null ? null : this.run(v, path, issues)));
  }

  transform<U>(f: (value: T) => U): Schema<U> {
    return new Schema<U>((v, path, issues) => {
      const before = issues.length;
      const out = this.run(v, path, issues);
      if (out !== FAIL && issues.length === before) return f(out);
      // What failed before a transform stops there (zod: an aborted pipe), in a union too.
      for (let i = before; i < issues.length; i++) issues[i]!.fatal = true;
      return FAIL;
    });
  }
}

/** A schema whose key an object may lack. */
export class Optional<T> extends Schema<T> {
  override readonly optionalKey = true;
}

type Check<T> = (value: T, path: PathItem[]) => Found | null;

/** A type with checks after it (string, number, array): the checks run only when the type was right. */
function checked<T>(type: Run<T>, checks: readonly Check<T>[]): Run<T> {
  return (v, path, issues) => {
    const before = issues.length;
    const out = type(v, path, issues);
    if (out === FAIL) return FAIL;
    if (issues.slice(before).some((i) => i.fatal)) return FAIL;
    let ok = issues.length === before;
    for (const c of checks) {
      const issue = c(out, path);
      if (!issue) continue;
      issues.push(issue);
      ok = false;
      // A check that aborts (int) skips the ones after it.
      if (issue.fatal) break;
    }
    return ok ? out : FAIL;
  };
}

const tooSmall = (what: string, bound: string, path: PathItem[]): Found => ({ code: 'too_small', path, message: `Too small: expected ${what} to ${bound}`, fatal: false });
const tooBig = (what: string, bound: string, path: PathItem[]): Found => ({ code: 'too_big', path, message: `Too big: expected ${what} to ${bound}`, fatal: false });

export class StringSchema extends Schema<string> {
  constructor(private readonly base: Run<string>, private readonly checks: readonly Check<string>[] = []) {
    super(checked(base, checks));
  }
  private with(c: Check<string>): StringSchema {
    return new StringSchema(this.base, [...this.checks, c]);
  }
  regex(re: RegExp, message?: string): StringSchema {
    return this.with((s, path) => {
      re.lastIndex = 0;
      return re.test(s) ? null : { code: 'invalid_format', path, message: message ?? `Invalid string: must match pattern ${String(re)}`, fatal: false };
    });
  }
  min(n: number): StringSchema {
    return this.with((s, path) => (s.length >= n ? null : tooSmall('string', `have >=${n} characters`, path)));
  }
  max(n: number): StringSchema {
    return this.with((s, path) => (s.length <= n ? null : tooBig('string', `have <=${n} characters`, path)));
  }
}

export class NumberSchema extends Schema<number> {
  constructor(private readonly base: Run<number>, private readonly checks: readonly Check<number>[] = [], private readonly what = 'number') {
    super(checked(base, checks));
  }
  private with(c: Check<number>, what = this.what): NumberSchema {
    return new NumberSchema(this.base, [...this.checks, c], what);
  }
  int(): NumberSchema {
    return this.with((n, path) => {
      if (!Number.isInteger(n)) return typeIssue('int', n, path);
      if (n > Number.MAX_SAFE_INTEGER) return tooBig('int', `be <=${Number.MAX_SAFE_INTEGER}`, path);
      if (n < Number.MIN_SAFE_INTEGER) return tooSmall('int', `be >=${Number.MIN_SAFE_INTEGER}`, path);
      return null;
    }, 'number');
  }
  min(m: number): NumberSchema {
    return this.with((n, path) => (n >= m ? null : tooSmall(this.what, `be >=${m}`, path)));
  }
  max(m: number): NumberSchema {
    return this.with((n, path) => (n <= m ? null : tooBig(this.what, `be <=${m}`, path)));
  }
  positive(): NumberSchema {
    return this.with((n, path) => (n > 0 ? null : tooSmall(this.what, 'be >0', path)));
  }
  nonnegative(): NumberSchema {
    return this.min(0);
  }
}

export class ArraySchema<T> extends Schema<T[]> {
  constructor(private readonly of: Schema<T>, private readonly checks: readonly Check<T[]>[] = [], private readonly most = Infinity) {
    super(checked(arrayRun(of, most), checks));
  }
  min(n: number): ArraySchema<T> {
    return new ArraySchema(this.of, [...this.checks, (a, path) => (a.length >= n ? null : tooSmall('array', `have >=${n} items`, path))], this.most);
  }
  /** Told before any element is read (zod does the same: a huge list is not walked). */
  max(n: number): ArraySchema<T> {
    return new ArraySchema(this.of, this.checks, Math.min(this.most, n));
  }
}

function arrayRun<T>(of: Schema<T>, most: number): Run<T[]> {
  return (v, path, issues) => {
    if (!Array.isArray(v)) {
      issues.push(typeIssue('array', v, path));
      return FAIL;
    }
    if (v.length > most) {
      issues.push({ ...tooBig('array', `have <=${most} items`, path), fatal: true });
      return FAIL;
    }
    const out: T[] = [];
    let ok = true;
    for (let i = 0; i < v.length; i++) {
      const before = issues.length;
      const r = of.run(v[i], [...path, i], issues);
      if (r === FAIL || issues.length > before) ok = false;
      else out.push(r);
    }
    return ok ? out : FAIL;
  };
}

const stringRun: Run<string> = (v, path, issues) => {
  if (typeof v === 'string') return v;
  issues.push(typeIssue('string', v, path));
  return FAIL;
};
const numberRun: Run<number> = (v, path, issues) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  issues.push(typeIssue('number', v, path));
  return FAIL;
};

export const string = (): StringSchema => new StringSchema(stringRun);
export const number = (): NumberSchema => new NumberSchema(numberRun);

export const boolean = (): Schema<boolean> => new Schema((v, path, issues) => {
  if (typeof v === 'boolean') return v;
  issues.push(typeIssue('boolean', v, path));
  return FAIL;
});

/** Anything; as an object's key it must be there (zod: "expected nonoptional"), unless `.optional()`. */
export const unknown = (): Schema<unknown> => new Schema<unknown>((v) => v);

export function literal<const L extends string | number | boolean>(value: L): Schema<L> {
  return new Schema<L>((v, path, issues) => {
    // The value as given, as zod gives it: -0 === 0, and zod's literal(0) answers -0 with -0.
    if (v === value) return v as L;
    issues.push({ code: 'invalid_value', path, message: `Invalid input: expected ${JSON.stringify(value)}`, fatal: true });
    return FAIL;
  });
}

function enumOf<const E extends string>(values: readonly E[]): Schema<E> {
  const set = new Set<unknown>(values);
  return new Schema<E>((v, path, issues) => {
    if (set.has(v)) return v as E;
    issues.push({ code: 'invalid_value', path, message: `Invalid option: expected one of ${values.map((x) => JSON.stringify(x)).join('|')}`, fatal: true });
    return FAIL;
  });
}
export { enumOf as enum };

export const array = <T>(of: Schema<T>): ArraySchema<T> => new ArraySchema(of);

/**
 * The first option that takes the value. None: the issues of the one option whose type was right and
 * only a check failed, when there is exactly one such (zod does the same), else "Invalid input".
 */
export function union<const S extends readonly Schema<unknown>[]>(options: S): Schema<Infer<S[number]>> {
  return new Schema<Infer<S[number]>>((v, path, issues) => {
    const near: Found[][] = [];
    for (const o of options) {
      const found: Found[] = [];
      const r = o.run(v, path, found);
      if (r !== FAIL && found.length === 0) return r as Infer<S[number]>;
      if (found.every((i) => !i.fatal)) near.push(found);
    }
    if (near.length === 1) issues.push(...near[0]!);
    else issues.push({ code: 'invalid_union', path, message: 'Invalid input', fatal: true });
    return FAIL;
  });
}

type Flat<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<S> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S];
export type ObjectOut<S extends Record<string, Schema<unknown>>> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;
export type Infer<S> = S extends Schema<infer T> ? T : never;
export type output<S> = Infer<S>;

export function object<S extends Record<string, Schema<unknown>>>(shape: S): Schema<ObjectOut<S>> {
  const keys = Object.keys(shape);
  return new Schema<ObjectOut<S>>((v, path, issues) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      issues.push(typeIssue('object', v, path));
      return FAIL;
    }
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const k of keys) {
      const child = shape[k]!;
      const value = (v as Record<string, unknown>)[k];
      if (value === undefined && !child.optionalKey && !(k in v)) {
        // A key that must be there and is not: the child says what it expected (zod's "nonoptional" for unknown()).
        const before = issues.length;
        const r = child.run(undefined, [...path, k], issues);
        if (r !== FAIL && issues.length === before) {
          issues.push(typeIssue('nonoptional', undefined, [...path, k]));
        }
        ok = false;
        continue;
      }
      const before = issues.length;
      const r = child.run(value, [...path, k], issues);
      if (r === FAIL || issues.length > before) ok = false;
      else if (r !== undefined || k in v) out[k] = r;
    }
    return ok ? (out as ObjectOut<S>) : FAIL;
  });
}

/** A value that cannot be made a string or number (no prototype, a symbol) stays as it is, and fails the type. */
function attempt(f: (v: unknown) => unknown, v: unknown): unknown {
  try {
    return f(v);
  } catch {
    return v;
  }
}

/** zod's z.coerce: the value made a string (String(v)) or a number (Number(v)) first, then checked. */
export const coerce = {
  string: (): StringSchema => new StringSchema((v, path, issues) => stringRun(attempt(String, v), path, issues)),
  number: (): NumberSchema => new NumberSchema((v, path, issues) => numberRun(attempt(Number, v), path, issues)),
};
