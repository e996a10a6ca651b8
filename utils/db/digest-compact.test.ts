// The background compaction (utils/db/digest-compact.ts: the log folded on the columns, in slices) against
// reading everything: after it, the digests read from their bases alone are the records, row for row
// and in order, and are what readShopDigest folded before it; with writes landing between its slices
// (pages ingested, orders and customers deleted, the pages' own compactions), nothing is lost and no
// base is written over one changed since it was read.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AudienceCustomer, Customer, ObservedOrder, Order } from '@/utils/crm/types';
import { parsePddOrdersJson } from '@/utils/sites/pdd-orders';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import { generateShop, type Shop } from '../../tests/shop/generate';
import { recentOrderListPage } from '../../tests/shop/pdd';
import { soldPage } from '../../tests/shop/taobao';
import { readCustomerRows, readShopDigest, type CustomerDigest, type OrderDigest } from './digest';
import { compactInBackground } from './digest-compact';
import { ingestOrders } from './ingest';
import { deleteCustomer } from './privacy';
import { LaokeDB } from './schema';

const NAME = 'laoke-digest-compact-test';
const END = Date.UTC(2026, 5, 20, 4);
let db: LaokeDB;
beforeEach(() => {
  db = new LaokeDB(NAME);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

function pages(shop: Shop): ObservedOrder[][] {
  const out: ObservedOrder[][] = [];
  for (let p = 1; (p - 1) * 50 < shop.orders.length; p++) {
    const r = parseSoldJson(soldPage(shop, p, 50));
    if (!r.ok) throw new Error(r.reason);
    out.push(r.orders);
    const d = parsePddOrdersJson(recentOrderListPage(shop, p, 50));
    if (d.ok && d.orders.length) out.push(d.orders);
  }
  return out;
}

const orderFields = (o: Order): OrderDigest => {
  const r: OrderDigest = {
    platform: o.platform, orderId: o.orderId, customerKey: o.customerKey, identity: o.identity, nick: o.nick, createdAt: o.createdAt,
    status: o.status, amountFen: o.amountFen, refundFen: o.refundFen,
    items: o.items.map((it) => ({ itemId: it.itemId, title: it.title, sku: it.sku, quantity: it.quantity, unitFen: it.unitFen, refunded: it.refunded })),
  };
  if (o.region !== undefined) r.region = o.region;
  if (o.discount) r.discount = { shopFen: o.discount.shopFen, platformFen: o.discount.platformFen };
  return r;
};
const customerFields = (c: Customer): CustomerDigest => {
  const r: CustomerDigest = { key: c.key, platform: c.platform, identity: c.identity, nick: c.nick, orderCount: c.orderCount };
  if (c.firstPurchaseAt !== undefined) r.firstPurchaseAt = c.firstPurchaseAt;
  if (c.lastPurchaseAt !== undefined) r.lastPurchaseAt = c.lastPurchaseAt;
  return r;
};
const FIELDS = ['key', 'platform', 'nick', 'identity', 'orderCount', 'totalFen', 'firstPurchaseAt', 'lastPurchaseAt', 'items', 'pieces',
  'maxPieces', 'itemIds', 'itemsBought', 'region', 'refundOpen', 'tags'] as const satisfies readonly (keyof AudienceCustomer)[];
const audienceFields = (c: Customer): AudienceCustomer => Object.fromEntries(FIELDS.map((k) => [k, c[k]])) as unknown as AudienceCustomer;

/** The digests, read from bases and log, are the records (every field the analytics and the builder read). */
async function expectDigestsAreRecords(): Promise<void> {
  const [orders, customers] = await Promise.all([db.orders.toArray(), db.customers.toArray()]);
  const digest = await readShopDigest(db);
  expect(digest.orders).toEqual(orders.map(orderFields));
  expect(digest.customers).toEqual(customers.map(customerFields));
  expect((await readCustomerRows(db)).customers).toEqual(customers.map(audienceFields));
}

describe('the background compaction', () => {
  it('folds what readShopDigest folds: the bases alone then read the same rows, and the log is gone', async () => {
    const shop = generateShop({ seed: 11, customers: 300, orders: 1_200, months: 10, end: END });
    const read = pages(shop);
    // A pause that yields a real turn: the slices are exercised with a small budget.
    let pauses = 0;
    const pause = () => new Promise<void>((r) => {
      pauses++;
      setTimeout(r, 0);
    });
    for (const [from, to] of [[0, 8], [8, 30], [30, read.length]] as const) {
      for (const page of read.slice(from, to)) await ingestOrders(db, page, END);
      // A deletion (which folds the log into the bases itself), then bulk writes, as a restore makes them
      // (a log entry of many rows).
      if (from === 8) {
        const someone = (await db.customers.toArray()).find((c) => c.orderCount >= 2)!;
        await deleteCustomer(db, someone.key);
        const some = (await db.orders.limit(40).toArray()).map((o) => ({ ...o, status: 'refunded' as const, refundFen: o.amountFen }));
        await db.orders.bulkPut(some);
        await db.customers.bulkPut((await db.customers.limit(30).toArray()).map((c) => ({ ...c, tags: [...(c.tags ?? []), '老朋友'] })));
      }
      const before = await readShopDigest(db);
      expect([from, before.folded > 0]).toEqual([from, true]);
      const r = await compactInBackground(db, pause, 0.05);
      expect(r.rebuild).toEqual([]);
      expect(await db.digestLog.count()).toBe(0);
      const after = await readShopDigest(db);
      expect(after.folded).toBe(0);
      expect(after.orders).toEqual(before.orders);
      expect(after.customers).toEqual(before.customers);
      await expectDigestsAreRecords();
    }
    expect(pauses).toBeGreaterThan(20);
    // Nothing to fold: nothing written.
    expect(await compactInBackground(db, pause)).toEqual({ folded: {}, rebuild: [] });
  }, 60_000);

  it('with writes between its slices: whatever it writes, the digests stay the records', async () => {
    const shop = generateShop({ seed: 12, customers: 120, orders: 400, months: 6, end: END });
    const read = pages(shop);
    type Write = { kind: 'page'; page: number } | { kind: 'deleteCustomer'; pick: number } | { kind: 'touch'; pick: number } | { kind: 'compactShop' } | { kind: 'compactCustomers' } | { kind: 'clear' } | { kind: 'rangeDelete' };
    const write: fc.Arbitrary<Write> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('page' as const), page: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteCustomer' as const), pick: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('touch' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'compactShop' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'compactCustomers' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
      // A delete by key range: logged as "rebuild the orders from their records", which the pages do.
      { weight: 1, arbitrary: fc.constant({ kind: 'rangeDelete' as const }) },
    );
    let n = 0;
    let interleaved = 0;
    let leftToPages = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ before: fc.array(write, { maxLength: 4 }), during: fc.array(fc.tuple(fc.nat({ max: 40 }), write), { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
      async (rounds) => {
        db.close();
        await Dexie.delete(NAME);
        db = new LaokeDB(`${NAME}-${++n}`);
        const apply = async (w: Write) => {
          if (w.kind === 'page') await ingestOrders(db, read[w.page % read.length]!, END);
          else if (w.kind === 'compactShop') await (await readShopDigest(db)).compact();
          else if (w.kind === 'compactCustomers') await (await readCustomerRows(db)).compact();
          else if (w.kind === 'clear') await db.orders.where('createdAt').below(END - 90 * 86_400_000).delete();
          else if (w.kind === 'rangeDelete') await db.orders.where(':id').between(['pdd', ''], ['pdd', '\uffff']).delete();
          else {
            const orders = await db.orders.toArray();
            if (orders.length === 0) return;
            const o = orders[w.pick % orders.length]!;
            if (w.kind === 'touch') await db.orders.put({ ...o, status: o.status === 'completed' ? 'closed' : 'completed' });
            else await deleteCustomer(db, o.customerKey);
          }
        };
        try {
          for (const page of read.slice(0, 6)) await ingestOrders(db, page, END);
          for (const round of rounds) {
            for (const w of round.before) await apply(w);
            // The writes land at chosen pauses of the compaction (the seller's pages, a deletion, a page's compaction).
            let pause = 0;
            const due = [...round.during];
            const r = await compactInBackground(db, async () => {
              pause++;
              for (const [at, w] of due.filter(([at]) => at === pause)) {
                interleaved++;
                await apply(w);
              }
              await new Promise((r) => setTimeout(r, 0));
            }, 0.02);
            leftToPages += r.rebuild.length;
            await expectDigestsAreRecords();
          }
          // Once the writes stop, one more compaction leaves the bases holding everything.
          const r = await compactInBackground(db, () => Promise.resolve());
          const again = await readShopDigest(db);
          if (r.rebuild.length === 0) expect(again.folded).toBe(0);
          await expectDigestsAreRecords();
        } finally {
          db.close();
          await Dexie.delete(`${NAME}-${n}`);
        }
      },
    ), { numRuns: 25 });
    expect(interleaved).toBeGreaterThan(10);
    expect(leftToPages).toBeGreaterThan(2);
  }, 240_000);
});
