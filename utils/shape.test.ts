// @vitest-environment happy-dom
// utils/shape.ts against zod: the content script's checks (the adapters' shapes, and the last check of
// what they read, utils/crm/observed.ts) must answer as the background's zod schemas do: the same
// success, the same first issue (path, code and message), the same data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixture } from '@/tests/fixtures';
import { observedOrderShape, observedReviewShape } from '@/utils/crm/observed';
import { observedOrderSchema, observedReviewSchema } from '@/utils/crm/validate';
import * as s from './shape';
import { parsePddOrdersJson } from './sites/pdd-orders';
import { parsePddReviewsJson } from './sites/pdd-reviews';
import { parseReviewsJson } from './sites/qianniu-reviews';
import { parseSoldJson } from './sites/taobao-sold';

type Parser = { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[]; code: string; message: string }[] } } };

function same(zod: Parser, mini: Parser, value: unknown): void {
  const a = zod.safeParse(value);
  const b = mini.safeParse(value);
  const first = (r: ReturnType<Parser['safeParse']>) => r.success ? { data: r.data } : (({ path, code, message }) => ({ path, code, message }))(r.error!.issues[0]!);
  expect({ success: b.success, ...first(b) }, JSON.stringify(value)?.slice(0, 200)).toEqual({ success: a.success, ...first(a) });
}

const values: unknown[] = [
  undefined, null, true, false, 0, -0, -1, 1, 1.5, 5, 6, 1e20, -1e20, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2,
  '', 'a', 'abc', 'abcd', '12', '0', '1', '-3', ' 7', '1e3', 'x'.repeat(50), [], [1], [1, 2], [1, 'x', 'y'], ['a'], {}, { a: 1 }, { a: 'x' },
  { a: 'x', b: 2, c: 3 }, { a: 'x', b: { c: 'y' } }, { a: undefined }, { b: 1 }, new Date(0), Object.create(null) as unknown,
];

const pairs: [string, Parser, Parser][] = [
  ['string', z.string(), s.string()],
  ['string regex', z.string().regex(/^\d+$/), s.string().regex(/^\d+$/)],
  ['string regex message', z.string().regex(/^\d+$/, 'not digits'), s.string().regex(/^\d+$/, 'not digits')],
  ['string max regex', z.string().max(3).regex(/^a/), s.string().max(3).regex(/^a/)],
  ['string min', z.string().min(1).max(30), s.string().min(1).max(30)],
  ['number', z.number(), s.number()],
  ['int', z.number().int(), s.number().int()],
  ['int positive', z.number().int().positive(), s.number().int().positive()],
  ['int min max', z.number().int().min(1).max(5), s.number().int().min(1).max(5)],
  ['nonnegative', z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), s.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)],
  ['boolean', z.boolean(), s.boolean()],
  ['literal', z.literal(0), s.literal(0)],
  ['literal union', z.union([z.literal(0), z.literal(1)]), s.union([s.literal(0), s.literal(1)])],
  ['enum', z.enum(['a', 'abc']), s.enum(['a', 'abc'])],
  ['union transform', z.union([z.string().regex(/^\d{1,25}$/), z.number().int().nonnegative()]).transform(String),
    s.union([s.string().regex(/^\d{1,25}$/), s.number().int().nonnegative()]).transform(String)],
  ['union number or digits', z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]),
    s.union([s.number().int().positive(), s.string().regex(/^\d+$/).transform(Number)])],
  ['union string number', z.union([z.string(), z.number()]), s.union([s.string(), s.number()])],
  ['coerce string', z.coerce.string(), s.coerce.string()],
  ['coerce number', z.coerce.number(), s.coerce.number()],
  ['coerce int', z.coerce.number().int().min(0), s.coerce.number().int().min(0)],
  ['nullable optional', z.string().nullable().optional(), s.string().nullable().optional()],
  ['nullable', z.number().int().nullable(), s.number().int().nullable()],
  ['array', z.array(z.number()), s.array(s.number())],
  ['array min', z.array(z.unknown()).min(1), s.array(s.unknown()).min(1)],
  ['array max', z.array(z.number()).max(1), s.array(s.number()).max(1)],
  ['object', z.object({ a: z.string(), b: z.number().optional() }), s.object({ a: s.string(), b: s.number().optional() })],
  ['object nested', z.object({ a: z.string().optional(), b: z.object({ c: z.string() }).optional() }), s.object({ a: s.string().optional(), b: s.object({ c: s.string() }).optional() })],
  ['object unknown', z.object({ a: z.unknown() }), s.object({ a: s.unknown() })],
  ['object unknown optional', z.object({ a: z.unknown().optional() }), s.object({ a: s.unknown().optional() })],
];

describe('utils/shape answers as zod', () => {
  for (const [name, zod, mini] of pairs) {
    it(name, () => {
      const differ: string[] = [];
      for (const v of values) {
        try {
          same(zod, mini, v);
        } catch (err) {
          differ.push(String(err).slice(0, 400));
        }
      }
      expect(differ).toEqual([]);
    });
  }

  it('on anything', () => {
    fc.assert(fc.property(fc.anything(), (v) => {
      for (const [, zod, mini] of pairs) same(zod, mini, v);
    }), { numRuns: 300 });
  });
});

// What the adapters read, then mutated: the content script's last check says what the background's does.
const orders = [
  parseSoldJson(JSON.parse(fixture('taobao-sold-page1.json'))),
  parsePddOrdersJson(JSON.parse(fixture('pdd-orders-page1.json'))),
].flatMap((r) => (r.ok ? r.orders : []));
const reviews = [
  parseReviewsJson(JSON.parse(fixture('qianniu-reviews-page1.json'))),
  parsePddReviewsJson(JSON.parse(fixture('pdd-reviews-page1.json'))),
].flatMap((r) => (r.ok ? r.reviews : []));

const nasty = fc.oneof(
  fc.anything(), fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined), fc.constant(''), fc.constant('x'.repeat(6000)),
  fc.constantFrom(-1, 0, 1, 5, 6, 200, 1e6 + 1, 1_000_000_000_001, Date.UTC(1999, 0, 1), Date.UTC(2101, 0, 1), 'taobao', 'pdd', 'json', 'dom', 'paid', '123-456', '12345'),
);

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function mutated(doc: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('the last check of what the adapters read answers as the background', () => {
  it('has fixtures to start from', () => {
    expect(orders.length).toBeGreaterThanOrEqual(10);
    expect(reviews.length).toBeGreaterThan(3);
  });

  for (const [what, docs, zod, mini] of [['orders', orders, observedOrderSchema, observedOrderShape], ['reviews', reviews, observedReviewSchema, observedReviewShape]] as const) {
    it(`${what}, as read and mutated`, () => {
      for (const d of docs) same(zod, mini, d);
      const extra = { region: 'x', paidAt: 1_700_000_000_000, discount: { shopFen: 1, platformFen: 2 }, sellerFlag: 3, appendDays: 2, logisticsScore: 4 };
      const withExtras = docs.map((d) => ({ ...d, ...extra }));
      fc.assert(fc.property(fc.integer({ min: 0, max: withExtras.length - 1 }), fc.nat(), nasty, fc.boolean(), (i, p, value, remove) => {
        const doc = withExtras[i]!;
        const all = paths(doc).filter((x) => x.length > 0);
        const path = all[p % all.length]!;
        same(zod, mini, mutated(doc, path, value, remove));
      }), { numRuns: 2000 });
    });
  }
});
