// Reads in short requests (utils/db/chunked.ts) give what the one-request reads give: the same records
// in the same order, for a compound primary key, a plain one, any chunk size.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import { generateShop } from '../../tests/shop/generate';
import { soldPage } from '../../tests/shop/taobao';
import { readConsistently, tableInChunks } from './chunked';
import { ingestOrders } from './ingest';
import { LaokeDB } from './schema';

const NAME = 'laoke-chunked-test';
const END = Date.UTC(2026, 5, 20, 4);
let db: LaokeDB;
beforeEach(() => {
  db = new LaokeDB(NAME);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

describe('reads in chunks', () => {
  it('are the reads in one request', async () => {
    const shop = generateShop({ seed: 4, customers: 120, orders: 400, months: 4, end: END });
    for (let p = 1; (p - 1) * 50 < shop.orders.length; p++) {
      const r = parseSoldJson(soldPage(shop, p, 50));
      if (!r.ok) throw new Error(r.reason);
      await ingestOrders(db, r.orders, END);
    }
    const orders = await db.orders.toArray();
    const customers = await db.customers.toArray();
    expect(orders.length).toBeGreaterThan(300);
    for (const size of [1, 7, 50, 399, 400, 401, 2_000]) {
      expect(await db.transaction('r', db.orders, () => tableInChunks(db.orders, size))).toEqual(orders);
      expect(await tableInChunks(db.customers, size)).toEqual(customers);
    }
    expect(await tableInChunks(db.forecasts, 3)).toEqual([]);
  }, 30_000);
});

describe('a read in pieces of one moment', () => {
  it('is read again when a write came between its pieces, and gives the data of one moment', async () => {
    const shop = generateShop({ seed: 6, customers: 60, orders: 200, months: 3, end: END });
    const pages: ReturnType<typeof parseSoldJson>[] = [];
    for (let p = 1; (p - 1) * 50 < shop.orders.length; p++) pages.push(parseSoldJson(soldPage(shop, p, 50)));
    const ok = pages.flatMap((r) => (r.ok ? [r.orders] : []));
    await ingestOrders(db, ok[0]!, END);
    let pauses = 0;
    let reads = 0;
    const result = await readConsistently(db, ['orders'], () => {
      reads++;
      return tableInChunks(db.orders, 7, async () => {
        // Writes land between the pieces of the first two reads.
        if (++pauses === 2 && reads <= 2) await ingestOrders(db, ok[reads]!, END);
        if (pauses === 2) pauses = -100;
      }).finally(() => {
        pauses = 0;
      });
    }, () => db.orders.toArray());
    expect(reads).toBe(3);
    expect(result).toEqual(await db.orders.toArray());
    // Writes between every piece: read in one transaction at last.
    let n = 0;
    let whole = 0;
    const last = await readConsistently(db, ['orders'], () => tableInChunks(db.orders, 7, async () => {
      const o = (await db.orders.limit(1).toArray())[0]!;
      await db.orders.put({ ...o, amountFen: o.amountFen + ++n });
    }), () => {
      whole++;
      return db.transaction('r', db.orders, () => tableInChunks(db.orders));
    });
    expect(whole).toBe(1);
    expect(last).toEqual(await db.orders.toArray());
  }, 30_000);
});
