// One definition of a purchase (utils/crm/purchase.ts): the badge, the customer card, the analytics and
// the repurchase cycles must count the same orders, whatever the statuses, gifts and item refunds.
// Orders go through the real ingest into IndexedDB; each view is then read the way the product reads it.
//
// A worked example a seller can check: 茶客 bought tea (¥100) with a ¥0 sample on 1 May, and on 20 May
// tea + sample again, then the tea was refunded (部分退款: the sample was kept, nothing was paid for).
// One purchase, ¥100, everywhere — not two on the badge and one in the analytics.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newVsReturning, windowStats, type BuyerFacts } from '@/utils/crm/analytics';
import { itemCycles, MIN_CYCLE_SAMPLES, replenishmentDue, type ItemCycle } from '@/utils/crm/cycles';
import { isPurchase, netFen } from '@/utils/crm/purchase';
import { DAY_MS, parseShanghaiTime } from '@/utils/crm/time';
import type { ObservedOrder, OrderStatus } from '@/utils/crm/types';
import { customerCard } from './customers';
import { ingestOrders, lookupOrderFacts } from './ingest';
import { LaokeDB } from './schema';
import { segmentContext } from '@/utils/crm/segments';

const STATUSES: OrderStatus[] = ['unpaid', 'paid', 'shipped', 'completed', 'closed', 'refunded', 'partially_refunded'];
const GIFT = 'gift-sample';
const T0 = parseShanghaiTime('2025-01-01 10:00:00')!;
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER };

let db: LaokeDB;
let n = 0;
beforeEach(() => {
  db = new LaokeDB(`laoke-agree-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

/** One order: a paid item (maybe refunded) and a ¥0 gift that is never refunded. */
const orderArb = fc.record({
  buyer: fc.integer({ min: 0, max: 5 }),
  status: fc.constantFrom(...STATUSES),
  unitFen: fc.integer({ min: 1, max: 50_000 }),
  quantity: fc.integer({ min: 1, max: 3 }),
  paidRefunded: fc.boolean(),
  withGift: fc.boolean(),
  partialRefundFen: fc.integer({ min: 0, max: 100 }),
});

type Spec = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: Spec[]): ObservedOrder[] {
  return specs.map((s, i) => {
    const amountFen = s.unitFen * s.quantity;
    // The paid item refunded: all of it back; otherwise sometimes a small partial refund.
    const refundFen = s.paidRefunded ? amountFen : Math.min(amountFen, s.partialRefundFen);
    // Buyers 0–3 have ids, 4 a full nick (probable), 5 a masked nick (weak: one customer per order).
    const buyer = s.buyer <= 3 ? { id: `B${s.buyer}`, nick: `买家${s.buyer}` } : s.buyer === 4 ? { nick: '茶客小林' } : { nick: 't**1' };
    return {
      platform: 'taobao',
      orderId: `41000000000000${String(i).padStart(5, '0')}`,
      buyer,
      // Two days apart, so no two purchases are one split order.
      createdAt: T0 + i * 2 * DAY_MS,
      status: s.status,
      amountFen,
      refundFen,
      items: [
        { itemId: 'tea', title: '明前龙井', sku: '', quantity: s.quantity, unitFen: s.unitFen, refunded: s.paidRefunded },
        ...(s.withGift ? [{ itemId: GIFT, title: '试饮装', sku: '', quantity: 1, unitFen: 0, refunded: false }] : []),
      ],
      source: 'json',
    } satisfies ObservedOrder;
  });
}

async function views(observed: ObservedOrder[]) {
  const now = T0 + 400 * DAY_MS;
  await ingestOrders(db, observed, now);
  const orders = await db.orders.toArray();
  const customers = await db.customers.toArray();
  const facts = await lookupOrderFacts(db, 'taobao', observed.map((o) => o.orderId));
  const basis = segmentContext(customers, now);
  const cards = new Map<string, { orderCount: number; totalFen: number }>();
  for (const c of customers) {
    const card = await customerCard(db, c.key, basis);
    if (card) cards.set(c.key, { orderCount: card.customer.orderCount, totalFen: card.customer.totalFen });
  }
  return { orders, customers, facts, cards, now };
}

describe('every view counts the same purchases', () => {
  it('the worked example: a refunded purchase whose ¥0 gift was kept is no purchase anywhere', async () => {
    const specs = [
      { buyer: 0, status: 'completed' as const, unitFen: 10_000, quantity: 1, paidRefunded: false, withGift: true, partialRefundFen: 0 },
      { buyer: 0, status: 'partially_refunded' as const, unitFen: 10_000, quantity: 1, paidRefunded: true, withGift: true, partialRefundFen: 0 },
    ];
    const { orders, facts, cards } = await views(build(specs));
    expect(facts.map((f) => f.valid)).toEqual([true, false]);
    expect(facts[0]).toMatchObject({ ordinal: 1, orderCount: 1, totalFen: 10_000 });
    expect(cards.get('taobao:id:B0')).toEqual({ orderCount: 1, totalFen: 10_000 });
    expect(windowStats(orders, new Map(), ALL_TIME)).toMatchObject({ orders: 1, buyers: 1, salesFen: 10_000 });
    const gift: ItemCycle = { itemId: GIFT, title: '试饮装', medianDays: 30, samples: 0, source: 'default' };
    const due = replenishmentDue(orders, new Map([[GIFT, gift]]), new Map(), T0, 10_000, 10_000);
    expect(due.map((r) => r.lastAt)).toEqual([T0]);
  });

  it('badge, card, analytics and cycles agree on generated orders (gifts and partial refunds included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderArb, { minLength: 1, maxLength: 24 }), async (specs) => {
        await db.delete();
        db = new LaokeDB(`laoke-agree-${++n}`);
        const observed = build(specs);
        const { orders, customers, facts, cards, now } = await views(observed);
        const byKey = new Map(customers.map((c) => [c.key, c]));
        const orderById = new Map(orders.map((o) => [o.orderId, o]));

        // The badge: an order is valid exactly when it is a purchase; ordinals run 1…orderCount per buyer.
        const badgeCount = new Map<string, number>();
        const ordinals = new Map<string, number[]>();
        for (const f of facts) {
          const o = orderById.get(f.orderId)!;
          expect(f.valid).toBe(isPurchase(o));
          if (!f.valid) continue;
          badgeCount.set(o.customerKey, (badgeCount.get(o.customerKey) ?? 0) + 1);
          ordinals.set(o.customerKey, [...(ordinals.get(o.customerKey) ?? []), f.ordinal!]);
          expect(f.orderCount).toBe(byKey.get(o.customerKey)!.orderCount);
          expect(f.totalFen).toBe(byKey.get(o.customerKey)!.totalFen);
        }
        for (const list of ordinals.values()) expect([...list].sort((a, b) => a - b)).toEqual(list.map((_, i) => i + 1));

        // The card: the same count and spend as the badge, for every customer.
        for (const c of customers) {
          const card = cards.get(c.key)!;
          expect(card.orderCount).toBe(badgeCount.get(c.key) ?? 0);
          const spend = orders.filter((o) => o.customerKey === c.key && isPurchase(o)).reduce((s, o) => s + netFen(o), 0);
          expect(card.totalFen).toBe(spend);
        }

        // The analytics: all time, the same purchases, buyers and money as the records.
        const buyers = new Map<string, BuyerFacts>(customers.map((c) => [c.key, c]));
        const stats = windowStats(orders, buyers, ALL_TIME);
        const totalOrders = customers.reduce((s, c) => s + c.orderCount, 0);
        expect(stats.orders).toBe(totalOrders);
        expect(stats.salesFen).toBe(customers.reduce((s, c) => s + c.totalFen, 0));
        expect(stats.buyers).toBe(customers.filter((c) => c.orderCount > 0).length);
        expect(newVsReturning(orders, buyers, ALL_TIME).total.orders).toBe(totalOrders);

        // The cycles: the gift's last purchase per known buyer is the record's last purchase among the
        // orders that carried it, and its gaps number the purchases less one per buyer.
        const gift: ItemCycle = { itemId: GIFT, title: '试饮装', medianDays: 30, samples: 0, source: 'default' };
        const due = replenishmentDue(orders, new Map([[GIFT, gift]]), new Map(), now, 100_000, 100_000);
        const giftPurchases = new Map<string, number[]>();
        for (const o of orders) {
          if (o.identity === 'weak' || !isPurchase(o) || !o.items.some((it) => it.itemId === GIFT)) continue;
          giftPurchases.set(o.customerKey, [...(giftPurchases.get(o.customerKey) ?? []), o.createdAt]);
        }
        expect(new Map(due.map((r) => [r.customerKey, r.lastAt]))).toEqual(new Map([...giftPurchases].map(([k, t]) => [k, Math.max(...t)])));
        for (const r of due) expect(byKey.get(r.customerKey)!.purchases).toContain(orders.find((o) => o.createdAt === r.lastAt)!.orderId);
        const gaps = [...giftPurchases.values()].reduce((s, t) => s + t.length - 1, 0);
        const cycle = itemCycles(orders).get(GIFT);
        if (gaps >= MIN_CYCLE_SAMPLES) expect(cycle).toMatchObject({ source: 'item', samples: gaps });
        if (gaps === 0) expect(cycle).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
