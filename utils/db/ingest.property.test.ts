import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeCustomer } from '@/utils/crm/ingest';
import type { ObservedOrder, Order, OrderStatus } from '@/utils/crm/types';
import { LaokeDB } from './schema';
import { ingestOrders, lookupOrderFacts } from './ingest';
import { withValue } from './customer-value';

// Whatever order pages arrive in — repeats, status changes, a buyer shown by nick, by id or masked,
// JSON or DOM — the stored figures equal a recomputation from the stored orders.

const STATUSES: OrderStatus[] = ['unpaid', 'paid', 'shipped', 'completed', 'closed', 'refunded', 'partially_refunded'];
const BUYERS: ObservedOrder['buyer'][] = [
  { id: 'AAFbuyer0001', nick: '茶客小林' },
  { nick: '茶客小林' },
  { nick: '茶**林' },
  { id: 'AAFbuyer0002', nick: 'sunny爱喝茶' },
  { nick: 'sunny爱喝茶' },
  { nick: 't**1' },
  { nick: '' },
  // Pinduoduo-style: masked nick and receiver (probable with a region), or a full display name.
  { nick: '阿***', receiver: '张**' },
  { nick: '阿***', receiver: '李**' },
  { nick: '小明', receiver: '张**' },
];
const REGIONS = [undefined, '广东省 深圳市 南山区', '浙江省 杭州市 西湖区'];

const observation = fc.record({
  n: fc.integer({ min: 0, max: 11 }),
  buyer: fc.constantFrom(...BUYERS),
  status: fc.constantFrom(...STATUSES),
  amountFen: fc.integer({ min: 0, max: 50_000 }),
  refundPart: fc.integer({ min: 0, max: 100 }),
  day: fc.integer({ min: 0, max: 30 }),
  source: fc.constantFrom('json' as const, 'dom' as const),
  region: fc.constantFrom(...REGIONS),
}).map((r): ObservedOrder => ({
  ...(r.region ? { region: r.region } : {}),
  // Receivers and regions come from Pinduoduo lists: those orders are Pinduoduo's.
  platform: r.buyer.receiver ? 'pdd' : 'taobao',
  orderId: `41029384756102900${String(r.n).padStart(2, '0')}`,
  buyer: r.buyer,
  createdAt: Date.UTC(2025, 4, 1) + r.day * 86_400_000 + r.n * 1000,
  status: r.status,
  amountFen: r.amountFen,
  refundFen: r.status === 'partially_refunded' ? Math.floor((r.amountFen * r.refundPart) / 100) : 0,
  items: [{ itemId: '1', title: '白茶', sku: '', quantity: 1, unitFen: r.amountFen, refunded: r.status === 'refunded' }],
  source: r.source,
}));

let n = 0;
describe('ingest keeps every figure equal to a recomputation from the stored orders', () => {
  it('under any sequence of pages', async () => {
    const pages = fc.array(fc.array(observation, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 });
    // Pages a minute to two hours apart: inside and outside the ten minutes "last seen" is kept to.
    const gaps = fc.array(fc.integer({ min: 60_000, max: 7_200_000 }), { minLength: 6, maxLength: 6 });
    await fc.assert(fc.asyncProperty(pages, gaps, async (pages, gaps) => {
      const db = new LaokeDB(`laoke-prop-${++n}`);
      try {
        let now = Date.UTC(2025, 5, 1);
        let last: Awaited<ReturnType<typeof ingestOrders>> | undefined;
        for (const [i, page] of pages.entries()) last = await ingestOrders(db, page, (now += gaps[i]!));
        // What the last ingest answered is what a lookup answers now.
        // (Facts come in the order each order first appears on the page.)
        const seenOrder = [...new Map(pages.at(-1)!.map((o) => [`${o.platform}:${o.orderId}`, o.platform])).values()];
        for (const platform of ['taobao', 'pdd'] as const) {
          const mine = last!.facts.filter((_, i) => seenOrder[i] === platform);
          // (The background adds each buyer's risk flags and tier to the ingest's answer, as the lookup does.)
          expect(await lookupOrderFacts(db, platform, mine.map((f) => f.orderId))).toEqual(await withValue(db, mine));
        }
        const orders = await db.orders.toArray();
        const customers = await db.customers.toArray();
        const byKey = new Map<string, Order[]>();
        for (const o of orders) byKey.set(o.customerKey, [...(byKey.get(o.customerKey) ?? []), o]);
        // Every order has its buyer, and every buyer has orders.
        expect(customers.map((c) => c.key).sort()).toEqual([...byKey.keys()].sort());
        for (const c of customers) {
          const theirs = byKey.get(c.key)!;
          const { updatedAt: _a, ...want } = summarizeCustomer(theirs, c, 0)!;
          const { updatedAt: _b, ...got } = c;
          expect(got).toEqual(want);
          // A masked buyer is never merged.
          if (c.identity === 'weak') expect(theirs).toHaveLength(1);
        }
        // Every order was observed; none is lost or invented.
        expect(orders.map((o) => `${o.platform}:${o.orderId}`).sort()).toEqual([...new Set(pages.flat().map((o) => `${o.platform}:${o.orderId}`))].sort());
        // An order read with a buyer id sits under that id (orders joined by full nick may carry none).
        for (const o of orders) if (o.buyerId && o.customerKey.startsWith('taobao:id:')) expect(o.customerKey).toBe(`taobao:id:${o.buyerId}`);
      } finally {
        await db.delete();
      }
    }), { numRuns: 150 });
  }, 120_000);
});
