// @vitest-environment happy-dom
// Robustness of every adapter: mutated console payloads and pages never make the adapter throw or produce an invalid
// record; anything it cannot read comes back as "not understood" with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture, setHtml } from '@/tests/fixtures';
import { observedOrderSchema, observedReviewSchema } from '@/utils/crm/validate';
import type { ParseResult } from './types';
import { parsePddOrdersDom, parsePddOrdersJson, pddOrderBlocks } from './pdd-orders';
import { parseReviewsJson } from './qianniu-reviews';
import { parsePddReviewsJson } from './pdd-reviews';
import { legacyOrderBlocks, parseLegacyDom } from './taobao-sold-legacy';
import { parseSoldDom, parseSoldJson, soldOrderBlocks } from './taobao-sold';
import { douyinOrderBlocks, parseDouyinOrdersJson } from './douyin-orders';
import { jdOrderBlocks, parseJdOrdersJson } from './jd-orders';
import { douyinReviewRows, parseDouyinReviewsJson } from './douyin-reviews';
import { parseDouyinAfterSaleJson } from './douyin-aftersale';

const page1 = JSON.parse(fixture('taobao-sold-page1.json')) as unknown;
const pdd1 = JSON.parse(fixture('pdd-orders-page1.json')) as unknown;
const reviews1 = JSON.parse(fixture('qianniu-reviews-page1.json')) as unknown;
const pddReviews1 = JSON.parse(fixture('pdd-reviews-page1.json')) as unknown;
const html = fixture('taobao-sold-page1.html');
const douyin1 = JSON.parse(fixture('douyin-orders-page1.json')) as unknown;
const jd1 = JSON.parse(fixture('jd-orders-page1.json')) as unknown;
const douyinReviews1 = JSON.parse(fixture('douyin-reviews-page1.json')) as unknown;
const douyinAfterSale1 = JSON.parse(fixture('douyin-aftersale-page1.json')) as unknown;

type Json = unknown;
/** Every path to a value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => paths((value as Record<string | number, Json>)[k], [...prefix, k]))];
}
const allPaths = paths(page1).filter((p) => p.length > 0);
const pddPaths = paths(pdd1).filter((p) => p.length > 0);
const reviewPaths = paths(reviews1).filter((p) => p.length > 0);
const pddReviewPaths = paths(pddReviews1).filter((p) => p.length > 0);
const douyinPaths = paths(douyin1).filter((p) => p.length > 0);
const jdPaths = paths(jd1).filter((p) => p.length > 0);
const douyinReviewPaths = paths(douyinReviews1).filter((p) => p.length > 0);
const douyinAfterSalePaths = paths(douyinAfterSale1).filter((p) => p.length > 0);

const nasty = fc.oneof(
  fc.anything(),
  fc.constantFrom('', ' ', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'NaN', '-1', '1e309',
    '9007199254740993', '２３８．００', 'x'.repeat(100_000), '2025-02-30 10:00:00', '退款成功', '交易关闭'),
  fc.integer(), fc.double(), fc.constant(null), fc.constant([]), fc.constant({}),
);

type Mutation = { path: (string | number)[]; kind: 'delete' | 'replace' | 'rename'; value: unknown };
const mutationOf = (within: (string | number)[][]) => fc.record({
  path: fc.constantFrom(...within),
  kind: fc.constantFrom('delete', 'replace', 'rename'),
  value: nasty,
}) as fc.Arbitrary<Mutation>;
const mutation = mutationOf(allPaths);

function mutateAll(doc: Json, ms: Mutation[]): Json {
  for (const m of ms) {
    try {
      doc = mutate(doc, m);
    } catch {
      // the path no longer exists after an earlier mutation
    }
  }
  return doc;
}

function mutate(doc: Json, m: Mutation): Json {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const k of m.path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1]!;
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.kind === 'rename' && !Array.isArray(parent)) {
    parent[`${String(last)}_v2`] = parent[last];
    delete parent[last];
  } else parent[last] = m.value;
  return copy;
}

function checkResult(r: ParseResult) {
  if (r.ok) {
    for (const o of r.orders) expect(observedOrderSchema.safeParse(o).success).toBe(true);
  } else {
    expect(r.reason.length).toBeGreaterThan(0);
  }
}

describe('Taobao sold JSON under mutation', () => {
  it('never throws and never yields an invalid order (1–3 mutations)', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
      const doc = mutateAll(page1, ms);
      const r = parseSoldJson(doc);
      checkResult(r);
      // Understood means every row: a page is written whole or not at all.
      if (r.ok) expect(r.orders.length).toBe((doc as { mainOrders: unknown[] }).mainOrders.length);
    }), { numRuns: 600 });
  }, 60_000);

  it('survives any JSON value at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => checkResult(parseSoldJson(v))), { numRuns: 300 });
  });

  it('huge and empty lists', () => {
    const one = (page1 as { mainOrders: unknown[] }).mainOrders[0];
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...(one as object), id: String(4102938475610000000n + BigInt(i)) }));
    const r = parseSoldJson({ mainOrders: many });
    expect(r.ok && r.orders.length).toBe(5000);
    expect(parseSoldJson({ mainOrders: [] })).toEqual({ ok: true, orders: [] });
  });
});

const edits = fc.array(fc.record({
  selector: fc.constantFrom('td', 'tr', 'th', 'span', 'a', 'strong', 'div', 'tbody', 'table', '[class]'),
  index: fc.nat(60),
  kind: fc.constantFrom('remove', 'text', 'html'),
  value: fc.oneof(fc.string(), fc.constantFrom('订单号：abc', '订单编号：250101-1', '创建时间：2025-13-45 99:99', '￥-1', '¥1e9', '<b>交易成功</b>', '0', '已签收')),
}), { minLength: 1, maxLength: 4 });

type Blocks = (root: ParentNode) => { orderId: string }[];
const domCases: [string, string, (root: ParentNode) => ParseResult, Blocks][] = [
  ['Taobao sold (new 千牛)', 'taobao-sold-page1.html', parseSoldDom, soldOrderBlocks],
  ['Taobao sold (hand-written)', 'taobao-sold-qn-handwritten.html', parseSoldDom, soldOrderBlocks],
  ['Taobao sold (legacy)', 'taobao-sold-legacy-page1.html', parseLegacyDom, legacyOrderBlocks],
  ['Pinduoduo orders', 'pdd-orders-page1.html', parsePddOrdersDom, pddOrderBlocks],
];

describe.each(domCases)('%s DOM under mutation', (_name, file, parse, blocks) => {
  const page = fixture(file);
  it('never throws and never yields an invalid order', () => {
    fc.assert(fc.property(edits, (es) => {
      setHtml(document.body, page);
      for (const e of es) {
        const els = document.querySelectorAll(e.selector);
        const el = els[e.index % Math.max(1, els.length)];
        if (!el) continue;
        if (e.kind === 'remove') el.remove();
        else if (e.kind === 'text') el.textContent = e.value;
        else setHtml(el, e.value);
      }
      const r = parse(document);
      checkResult(r);
      // Understood means every order block on screen was read.
      if (r.ok) expect(r.orders.map((o) => o.orderId).sort()).toEqual(blocks(document).map((b) => b.orderId).sort());
    }), { numRuns: 120 });
  }, 60_000);
});

describe('Pinduoduo recentOrderList JSON under mutation', () => {
  it('never throws and never yields an invalid order (1–3 mutations)', () => {
    fc.assert(fc.property(fc.array(mutationOf(pddPaths), { minLength: 1, maxLength: 3 }), (ms) => {
      const doc = mutateAll(pdd1, ms);
      const r = parsePddOrdersJson(doc);
      checkResult(r);
      // Understood means every order_sn of the page came through.
      if (r.ok) {
        const rows = (doc as { result: { pageItems: { order_sn: string }[] } }).result.pageItems;
        expect(r.orders.length).toBe(new Set(rows.map((x) => x.order_sn)).size);
      }
    }), { numRuns: 600 });
  }, 60_000);

  it('survives any JSON value at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => checkResult(parsePddOrdersJson(v))), { numRuns: 300 });
  });
});

describe('千牛 reviews JSON under mutation', () => {
  it('never throws and never yields an invalid review; understood means every row', () => {
    fc.assert(fc.property(fc.array(mutationOf(reviewPaths), { minLength: 1, maxLength: 3 }), (ms) => {
      const doc = mutateAll(reviews1, ms);
      const r = parseReviewsJson(doc);
      if (r.ok) {
        for (const x of r.reviews) expect(observedReviewSchema.safeParse(x).success).toBe(true);
        expect(r.reviews.length).toBe((doc as { data: { data: { dataSource: unknown[] } } }).data.data.dataSource.length);
      } else expect(r.reason.length).toBeGreaterThan(0);
    }), { numRuns: 600 });
  }, 60_000);

  it('survives any JSON value at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const r = parseReviewsJson(v);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });
});

describe('Pinduoduo reviews JSON under mutation', () => {
  it('never throws and never yields an invalid review; understood means every row', () => {
    fc.assert(fc.property(fc.array(mutationOf(pddReviewPaths), { minLength: 1, maxLength: 3 }), (ms) => {
      const doc = mutateAll(pddReviews1, ms);
      const r = parsePddReviewsJson(doc);
      if (r.ok) {
        for (const x of r.reviews) expect(observedReviewSchema.safeParse(x).success).toBe(true);
        expect(r.reviews.length).toBe((doc as { result: { data: unknown[] } }).result.data.length);
      } else expect(r.reason.length).toBeGreaterThan(0);
    }), { numRuns: 600 });
  }, 60_000);
});

describe('抖店 searchlist JSON under mutation', () => {
  /** The rows where the adapter looks for them: data, data.data or data.list. */
  const rowsOf = (doc: unknown): unknown[] => {
    const data = (doc as { data?: unknown }).data as { data?: unknown; list?: unknown } | unknown[];
    return Array.isArray(data) ? data : Array.isArray(data?.data) ? data.data : (data?.list as unknown[]);
  };
  it('never throws and never yields an invalid order; understood means every row (1–3 mutations)', () => {
    fc.assert(fc.property(fc.array(mutationOf(douyinPaths), { minLength: 1, maxLength: 3 }), (ms) => {
      const doc = mutateAll(douyin1, ms);
      const r = parseDouyinOrdersJson(doc);
      checkResult(r);
      if (r.ok) expect(r.orders.length).toBe(rowsOf(doc).length);
    }), { numRuns: 600 });
  }, 60_000);

  it('survives any JSON value at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => checkResult(parseDouyinOrdersJson(v))), { numRuns: 300 });
  });
});

describe('JD queryOrderPage JSON under mutation', () => {
  it('never throws and never yields an invalid order; understood means every row (1–3 mutations)', () => {
    fc.assert(fc.property(fc.array(mutationOf(jdPaths), { minLength: 1, maxLength: 3 }), (ms) => {
      const doc = mutateAll(jd1, ms);
      const r = parseJdOrdersJson(doc);
      checkResult(r);
      if (r.ok) {
        expect(r.orders.length).toBe((doc as { data: { results: unknown[] } }).data.results.length);
        // Money is whole fen, whatever came in.
        for (const o of r.orders) for (const it of o.items) expect(Number.isInteger(it.unitFen)).toBe(true);
      }
    }), { numRuns: 600 });
  }, 60_000);

  it('survives any JSON value at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => checkResult(parseJdOrdersJson(v))), { numRuns: 300 });
  });
});

describe('抖店 commentList JSON under mutation', () => {
  it('never throws and never yields an invalid review; understood means every row', () => {
    fc.assert(fc.property(fc.array(mutationOf(douyinReviewPaths), { minLength: 1, maxLength: 3 }), (ms) => {
      const doc = mutateAll(douyinReviews1, ms);
      const r = parseDouyinReviewsJson(doc);
      if (r.ok) {
        for (const x of r.reviews) expect(observedReviewSchema.safeParse(x).success).toBe(true);
        const data = (doc as { data: unknown[] | { list: unknown[] } }).data;
        expect(r.reviews.length).toBe((Array.isArray(data) ? data : data.list).length);
      } else expect(r.reason.length).toBeGreaterThan(0);
    }), { numRuns: 600 });
  }, 60_000);

  it('survives any JSON value at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const r = parseDouyinReviewsJson(v);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });
});

describe('抖店 after_sale/pc/list JSON under mutation', () => {
  it('never throws; every case names a digit order id and a known state; understood means every row read or told', () => {
    fc.assert(fc.property(fc.array(mutationOf(douyinAfterSalePaths), { minLength: 1, maxLength: 3 }), (ms) => {
      const doc = mutateAll(douyinAfterSale1, ms);
      const r = parseDouyinAfterSaleJson(doc);
      if (r.ok) {
        for (const c of r.cases) {
          expect(c.orderId).toMatch(/^\d{16,20}$/);
          expect(['open', 'refunded', 'closed']).toContain(c.state);
          if (c.refundFen !== undefined) expect(Number.isSafeInteger(c.refundFen)).toBe(true);
        }
        expect(r.cases.length).toBeLessThanOrEqual((doc as { data: { items: unknown[] } }).data.items.length);
      } else expect(r.reason.length).toBeGreaterThan(0);
    }), { numRuns: 600 });
  }, 60_000);

  it('survives any JSON value at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const r = parseDouyinAfterSaleJson(v);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });
});

describe('抖店 and JD blocks by labelled order number, on mutated pages', () => {
  const page = `<div class="list">
    <div class="card"><div class="head"><span>订单号：6928374651029384756</span><span>下单时间：2025-05-20 21:14</span></div><div>桂花乌龙 ¥35.80</div></div>
    <div class="card"><div class="head"><span>订单编号 6928374651029384757</span></div><p>订单号：301234567890</p></div>
    <table><tbody><tr><td>订单号：301234567891 SKU：680000047514</td></tr><tr><td>商品</td></tr></tbody></table>
  </div>`;
  it('never throw; every block names a number its anchor shows, one block per order', () => {
    fc.assert(fc.property(edits, (es) => {
      setHtml(document.body, page);
      for (const e of es) {
        const els = document.querySelectorAll(e.selector);
        const el = els[e.index % Math.max(1, els.length)];
        if (!el) continue;
        if (e.kind === 'remove') el.remove();
        else if (e.kind === 'text') el.textContent = e.value;
        else setHtml(el, e.value);
      }
      for (const blocks of [douyinOrderBlocks(document), jdOrderBlocks(document)]) {
        for (const b of blocks) expect(b.anchor.textContent ?? '').toContain(b.orderId);
        // One badge per order.
        expect(new Set(blocks.map((b) => b.orderId)).size).toBe(blocks.length);
      }
      for (const r of douyinReviewRows(document)) expect(r.anchor.textContent ?? '').toContain(r.orderId);
    }), { numRuns: 200 });
  }, 60_000);
});
