// The digests (columnar copies of orders and customers, utils/db/digest.ts) against the records
// themselves on a generated shop read page by page as the extension reads it, through status changes,
// refunds, a deleted customer, a cleared store, compaction and the upgrade: the same rows in the same
// order, so every analytics figure, on every range, is the one computed from the records.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buyingHours, cohorts, discountUse, itemPaths, itemStats, newVsReturning, regionBreakdown, windowStats, type BuyerFacts,
} from '@/utils/crm/analytics';
import { itemCycles, replenishmentDue, restockForecast } from '@/utils/crm/cycles';
import { DAY_MS, lastDays, type DateRange } from '@/utils/crm/time';
import type { Customer, ObservedOrder, Order } from '@/utils/crm/types';
import { parsePddOrdersJson } from '@/utils/sites/pdd-orders';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import { generateShop, type Shop } from '../../tests/shop/generate';
import { recentOrderListPage } from '../../tests/shop/pdd';
import { soldPage } from '../../tests/shop/taobao';
import { encodeOrders, decodeOrders, readShopDigest, type CustomerDigest, type OrderDigest } from './digest';
import { ingestOrders } from './ingest';
import { deleteCustomer } from './privacy';
import { LaokeDB, STORES_V7 } from './schema';

const NAME = 'laoke-digest-test';
let db: LaokeDB;
beforeEach(() => {
  db = new LaokeDB(NAME);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

const END = Date.UTC(2026, 5, 20, 4);

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

/** Every figure of the analytics page (and the popup's window figures) from one set of rows. */
function figures(orders: Order[], customers: CustomerDigest[], ranges: DateRange[], now: number) {
  const buyers = new Map<string, BuyerFacts>(customers.map((c) => [c.key, { identity: c.identity, firstPurchaseAt: c.firstPurchaseAt }]));
  const nicks = new Map(customers.map((c) => [c.key, c.nick]));
  const cycles = itemCycles(orders, new Map());
  const due = replenishmentDue(orders, cycles, nicks, now, 14, 3);
  return {
    customers: customers.length,
    ranges: ranges.map((r) => ({
      nvr: newVsReturning(orders, buyers, r), regions: regionBreakdown(orders, r), hours: buyingHours(orders, r),
      items: itemStats(orders, r), discounts: discountUse(orders, r), window: windowStats(orders, buyers, r),
    })),
    paths: itemPaths(orders, 20), cohorts: cohorts(orders, now), cycles: [...cycles.values()], due, restock: restockForecast(due),
  };
}

async function expectDigestIsRecords(now = END): Promise<void> {
  const [orders, customers] = await Promise.all([db.orders.toArray(), db.customers.toArray()]);
  const digest = await readShopDigest(db);
  expect(digest.orders).toEqual(orders.map(orderFields));
  expect(digest.customers).toEqual(customers.map(customerFields));
  const ranges = [lastDays(now, 1), lastDays(now, 7), lastDays(now, 30), { from: now - 60 * DAY_MS, to: now - 30 * DAY_MS }, { from: 0, to: now + DAY_MS }];
  expect(figures(digest.orders as Order[], digest.customers, ranges, now)).toEqual(figures(orders, customers.map(customerFields), ranges, now));
  await digest.compact();
  // Compacted: the base alone gives the same rows, and the log it folded is gone.
  expect(await db.digestLog.count()).toBe(0);
  const again = await readShopDigest(db);
  expect(again.folded).toBe(0);
  expect(again.orders).toEqual(digest.orders);
  expect(again.customers).toEqual(digest.customers);
}

describe('digests', () => {
  it('round-trips orders, absent fields kept absent', () => {
    const o: OrderDigest = {
      platform: 'pdd', orderId: '1', customerKey: 'k', identity: 'probable', nick: '阿***', createdAt: 1.5, status: 'paid', amountFen: 100, refundFen: 0,
      items: [{ itemId: '', title: '杯\u0000子', sku: '', quantity: 2, unitFen: 50, refunded: true }], discount: { shopFen: 0, platformFen: 3 },
    };
    const p: OrderDigest = { ...o, orderId: '2', items: [], discount: undefined, region: '' };
    delete p.discount;
    expect(decodeOrders(encodeOrders([o, p]))).toEqual([o, p]);
    expect('region' in decodeOrders(encodeOrders([o]))[0]!).toBe(false);
  });

  it('equal the records through reading, status changes, refunds, a deletion and compaction', async () => {
    const shop = generateShop({ seed: 5, customers: 150, orders: 500, months: 8, end: END });
    const read = pages(shop);
    for (const page of read.slice(0, 10)) await ingestOrders(db, page, END);
    await expectDigestIsRecords();
    for (const page of read.slice(10)) await ingestOrders(db, page, END);
    // The same pages again: nothing new, nothing changed.
    for (const page of read.slice(0, 4)) await ingestOrders(db, page, END);
    await expectDigestIsRecords();
    // Later statuses: refunded, an item refunded, closed; a new region.
    const later = read.flat().slice(0, 120).map((o, i): ObservedOrder => (
      i % 3 === 0 ? { ...o, status: 'refunded' }
        : i % 3 === 1 ? { ...o, status: 'partially_refunded', items: o.items.map((it, k) => (k === 0 ? { ...it, refunded: true } : it)), refundFen: Math.floor(o.amountFen / 3) }
          : { ...o, status: 'closed', region: '四川省 成都市 武侯区' }));
    await ingestOrders(db, later, END + DAY_MS);
    const someone = (await db.customers.toArray()).find((c) => c.orderCount >= 2)!;
    await deleteCustomer(db, someone.key);
    await expectDigestIsRecords(END + DAY_MS);
  }, 30_000);

  it('a cleared store and a store written in bulk outside ingest are followed too', async () => {
    const shop = generateShop({ seed: 9, customers: 80, orders: 250, months: 4, end: END });
    for (const page of pages(shop)) await ingestOrders(db, page, END);
    await expectDigestIsRecords();
    const orders = await db.orders.toArray();
    await db.orders.clear();
    await db.orders.bulkPut(orders.slice(0, 100));
    await db.orders.where('createdAt').above(END - 30 * DAY_MS).modify((o) => {
      o.status = 'refunded';
    });
    await expectDigestIsRecords();
  }, 30_000);

  it('a database upgraded from v8 is rebuilt from its records once', async () => {
    const shop = generateShop({ seed: 3, customers: 50, orders: 150, months: 3, end: END });
    // The records as v8 stored them (written by this version's ingest, then the digest stores dropped).
    for (const page of pages(shop)) await ingestOrders(db, page, END);
    const orders = await db.orders.toArray();
    const customers = await db.customers.toArray();
    db.close();
    await Dexie.delete(NAME);
    const v8 = new Dexie(NAME);
    v8.version(8).stores(STORES_V7);
    await v8.table('orders').bulkPut(orders);
    await v8.table('customers').bulkPut(customers);
    v8.close();
    db = new LaokeDB(NAME);
    const first = await readShopDigest(db);
    expect(first.rebuilt).toBe(true);
    expect(first.orders).toEqual(orders.map(orderFields));
    await first.compact();
    const second = await readShopDigest(db);
    expect(second.rebuilt).toBe(false);
    expect(second.orders).toEqual(first.orders);
    await expectDigestIsRecords();
  });
});
