import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObservedOrder, OrderStatus } from '@/utils/crm/types';
import { readCustomerRows, readShopDigest } from './digest';
import { compactInBackground } from './digest-compact';
import { ingestOrders } from './ingest';
import { popupPulse, pulseReadWhole, pulseUpdated, savePulseSnapshot } from './popup-figures';
import { deleteCustomer } from './privacy';
import { LaokeDB, type ReviewRecord } from './schema';

// The popup's figures updated from the kept state and the digest log (what was written since) are the
// figures read whole, exactly: on random shops with new orders, status changes and refunds, orders
// read again with another time or buyer, buyers merged and deleted, orders deleted, reviews, the
// analytics page compacting the log (and the service worker's background compaction), and the clock
// moving across China days.

const DAY = 86_400_000;
const STATUSES: OrderStatus[] = ['unpaid', 'paid', 'shipped', 'completed', 'completed', 'closed', 'refunded', 'partially_refunded'];
const BUYERS: ObservedOrder['buyer'][] = [
  { id: 'AAFbuyer0001', nick: '茶客小林' },
  { nick: '茶客小林' },
  { nick: '茶**林' },
  { id: 'AAFbuyer0002', nick: 'sunny爱喝茶' },
  { nick: 'sunny爱喝茶' },
  { id: 'AAFbuyer0004', nick: 'lucky猫' },
  { nick: 't**1' },
  { nick: '阿***', receiver: '张**' },
  { nick: '小明', receiver: '张**' },
];

const observation = fc.record({
  n: fc.integer({ min: 0, max: 14 }),
  buyer: fc.constantFrom(...BUYERS),
  status: fc.constantFrom(...STATUSES),
  amountFen: fc.integer({ min: 0, max: 50_000 }),
  refundPart: fc.integer({ min: 0, max: 100 }),
  // Hours before the page was read: today, this week, just before it, long before.
  agoHours: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 9 * 24 }), fc.integer({ min: 0, max: 60 * 24 })),
}).map((r) => (now: number): ObservedOrder => ({
  platform: r.buyer.receiver ? 'pdd' : 'taobao',
  orderId: `5102938475610${String(r.n).padStart(2, '0')}`,
  buyer: r.buyer,
  createdAt: now - r.agoHours * 3_600_000 - 1000,
  status: r.status,
  amountFen: r.amountFen,
  refundFen: r.status === 'partially_refunded' ? Math.floor((r.amountFen * r.refundPart) / 100) : 0,
  items: [{ itemId: '1', title: '白茶', sku: '', quantity: 1, unitFen: r.amountFen, refunded: false }],
  source: 'json',
}));

type Step =
  | { kind: 'page'; orders: ((now: number) => ObservedOrder)[] }
  | { kind: 'wait'; ms: number }
  | { kind: 'popup' }
  | { kind: 'touch'; pick: number; refund: boolean }
  | { kind: 'deleteOrder'; pick: number }
  | { kind: 'deleteCustomer'; pick: number }
  | { kind: 'review'; n: number; rating: number; agoDays: number }
  | { kind: 'compact' }
  | { kind: 'compactCustomers' }
  | { kind: 'compactBackground' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('page' as const), orders: fc.array(observation, { minLength: 1, maxLength: 6 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 60_000, max: 3 * DAY }) }) },
  { weight: 5, arbitrary: fc.constant({ kind: 'popup' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('touch' as const), pick: fc.nat(), refund: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteOrder' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteCustomer' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('review' as const), n: fc.integer({ min: 0, max: 14 }), rating: fc.integer({ min: 1, max: 5 }), agoDays: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compactCustomers' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compactBackground' as const }) },
);

let n = 0;
let updates = 0;
let afterCompaction = 0;
describe('the popup\'s figures updated from what changed are the figures read whole', () => {
  it('on any sequence of pages, changes, deletions, reviews, compactions and days', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 16 }), async (steps) => {
      const db = new LaokeDB(`laoke-pulse-diff-${++n}`);
      try {
        // 2026-11-22 09:00 in China.
        let now = Date.UTC(2026, 10, 22, 1);
        let compacted = false;
        for (const s of [...steps, { kind: 'popup' } as const]) {
          if (s.kind === 'page') await ingestOrders(db, s.orders.map((o) => o(now)), now);
          else if (s.kind === 'wait') now += s.ms;
          else if (s.kind === 'popup') {
            const whole = await pulseReadWhole(db, now);
            const updated = await pulseUpdated(db, now);
            if (updated) {
              updates++;
              if (compacted) afterCompaction++;
              expect(updated).toEqual(whole);
            }
            // What the popup shows: updated when it can be, else read whole; kept for the next as the popup keeps it.
            expect(await popupPulse(db, now)).toEqual(whole);
            if (!updated) expect(await savePulseSnapshot(db, now)).toEqual(whole);
          } else if (s.kind === 'compact') {
            // The analytics page folds the log into its bases; the entries after the popup's state stay
            // for it, and the digests read the same after as before.
            const digest = await readShopDigest(db);
            await digest.compact();
            const again = await readShopDigest(db);
            expect([again.orders, again.customers, again.folded]).toEqual([digest.orders, digest.customers, 0]);
            compacted = true;
          } else if (s.kind === 'compactCustomers') {
            // The audience builder folds the customers' log alone into their base.
            const rows = await readCustomerRows(db);
            await rows.compact();
            expect((await readCustomerRows(db)).customers).toEqual(rows.customers);
          } else if (s.kind === 'compactBackground') {
            // The service worker folds the log on the columns, in slices: the same rules.
            const digest = await readShopDigest(db);
            await compactInBackground(db, () => new Promise((r) => setTimeout(r, 0)), 0.05);
            const again = await readShopDigest(db);
            expect([again.orders, again.customers]).toEqual([digest.orders, digest.customers]);
            compacted = true;
          } else if (s.kind === 'review') {
            const review = {
              platform: 'taobao', reviewId: `r${s.n}`, orderId: `5102938475610${String(s.n).padStart(2, '0')}`, itemId: '1', itemTitle: '白茶', nick: 't**1',
              rating: s.rating, text: s.rating <= 2 ? '破了' : '好', mediaCount: 0, createdAt: now - s.agoDays * DAY, firstSeenAt: now, lastSeenAt: now,
            } as ReviewRecord;
            await db.reviews.put(review);
          } else {
            const orders = (await db.orders.toArray()).sort((x, y) => x.orderId.localeCompare(y.orderId) || x.platform.localeCompare(y.platform));
            if (orders.length === 0) continue;
            const o = orders[s.pick % orders.length]!;
            if (s.kind === 'touch') {
              // Another writer changes a stored order (a refund, a status): its buyer's record is left as it was.
              await db.orders.put(s.refund ? { ...o, refundFen: o.amountFen } : { ...o, status: o.status === 'completed' ? 'closed' : 'completed' });
            } else if (s.kind === 'deleteOrder') {
              await db.orders.delete([o.platform, o.orderId]);
            } else {
              await deleteCustomer(db, o.customerKey);
            }
          }
        }
      } finally {
        await db.delete();
      }
    }), { numRuns: 100 });
    // The updates were exercised, not only the reads whole.
    expect(updates).toBeGreaterThan(50);
    expect(afterCompaction).toBeGreaterThan(5);
  }, 120_000);
});

describe('a deleted buyer leaves nothing in the popup\'s state', () => {
  it('删除此客户: the state goes with the digests\' copies, and the next figures are read whole', async () => {
    const db = new LaokeDB('laoke-pulse-purge');
    try {
      const now = Date.UTC(2026, 10, 22, 1);
      const page = (id: string, buyer: string, hoursAgo: number): ObservedOrder => ({
        platform: 'taobao', orderId: id, buyer: { id: buyer, nick: buyer }, createdAt: now - hoursAgo * 3_600_000, status: 'completed',
        amountFen: 9_900, refundFen: 0, items: [{ itemId: '1', title: '白茶', sku: '', quantity: 1, unitFen: 9_900, refunded: false }], source: 'json',
      });
      await ingestOrders(db, [page('610000000001', 'AAFgone', 2), page('610000000002', 'AAFstays', 3)], now);
      await savePulseSnapshot(db, now);
      expect(JSON.stringify(await db.digests.toArray())).toContain('AAFgone');
      await deleteCustomer(db, 'taobao:id:AAFgone');
      expect(JSON.stringify(await db.digests.toArray())).not.toContain('AAFgone');
      expect(await pulseUpdated(db, now)).toBeNull();
      expect((await popupPulse(db, now)).week).toMatchObject({ orders: 1, buyers: 1 });
    } finally {
      await db.delete();
    }
  });
});

describe('after the log was compacted away whole', () => {
  it('the next figures read whole start from the last entry dropped, and the popup after them is updated, not read whole', async () => {
    const db = new LaokeDB('laoke-pulse-emptied');
    try {
      const now = Date.UTC(2026, 10, 22, 1);
      const order = (id: string, buyer: string, hoursAgo: number): ObservedOrder => ({
        platform: 'taobao', orderId: id, buyer: { id: buyer, nick: buyer }, createdAt: now - hoursAgo * 3_600_000, status: 'paid',
        amountFen: 9_900, refundFen: 0, items: [{ itemId: '1', title: '白茶', sku: '', quantity: 1, unitFen: 9_900, refunded: false }], source: 'json',
      });
      await ingestOrders(db, [order('610000000001', 'AAFa', 2), order('610000000002', 'AAFb', 30)], now);
      // No popup state yet: the compaction drops the whole log.
      await compactInBackground(db, () => Promise.resolve());
      expect(await db.digestLog.count()).toBe(0);
      expect(await savePulseSnapshot(db, now)).toEqual(await pulseReadWhole(db, now));
      await ingestOrders(db, [order('610000000003', 'AAFa', 1), { ...order('610000000002', 'AAFb', 30), status: 'refunded', refundFen: 9_900 }], now);
      const updated = await pulseUpdated(db, now);
      expect(updated).not.toBeNull();
      expect(updated).toEqual(await pulseReadWhole(db, now));
      // And through a page's compaction too.
      await (await readShopDigest(db)).compact();
      await ingestOrders(db, [order('610000000004', 'AAFc', 1)], now);
      expect(await pulseUpdated(db, now)).toEqual(await pulseReadWhole(db, now));
    } finally {
      await db.delete();
    }
  });
});
