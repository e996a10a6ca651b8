import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeCustomer } from '@/utils/crm/ingest';
import type { ObservedOrder, Order, OrderStatus } from '@/utils/crm/types';
import { LaokeDB } from './schema';
import { ingestOrders } from './ingest';

// Whatever order pages arrive in — repeats, status changes, a buyer shown by nick, by id or masked,
// JSON or DOM — the stored figures equal a recomputation from the stored orders.

const STATUSES: OrderStatus[] = ['unpaid', 'paid', 'shipped', 'completed', 'closed', 'refunded', 'partially_refunded'];
const BUYERS = [
  { id: 'AAFbuyer0001', nick: '茶客小林' },
  { nick: '茶客小林' },
  { nick: '茶**林' },
  { id: 'AAFbuyer0002', nick: 'sunny爱喝茶' },
  { nick: 'sunny爱喝茶' },
  { nick: 't**1' },
  { nick: '' },
];

const observation = fc.record({
  n: fc.integer({ min: 0, max: 11 }),
  buyer: fc.constantFrom(...BUYERS),
  status: fc.constantFrom(...STATUSES),
  amountFen: fc.integer({ min: 0, max: 50_000 }),
  refundPart: fc.integer({ min: 0, max: 100 }),
  day: fc.integer({ min: 0, max: 30 }),
  source: fc.constantFrom('json' as const, 'dom' as const),
}).map((r): ObservedOrder => ({
  platform: 'taobao',
  orderId: `41029384756102900${String(r.n).padStart(2, '0')}`,
  buyer: r.buyer.id ? { id: r.buyer.id, nick: r.buyer.nick } : { nick: r.buyer.nick },
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
    await fc.assert(fc.asyncProperty(fc.array(fc.array(observation, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }), async (pages) => {
      const db = new LaokeDB(`laoke-prop-${++n}`);
      try {
        let now = Date.UTC(2025, 5, 1);
        for (const page of pages) await ingestOrders(db, page, (now += 3_600_000));
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
        expect(orders.map((o) => o.orderId).sort()).toEqual([...new Set(pages.flat().map((o) => o.orderId))].sort());
      } finally {
        await db.delete();
      }
    }), { numRuns: 150 });
  }, 120_000);
});
