// Issue 8: the MV3 service worker can be stopped at any moment, and a disk can be full. An ingest is one
// transaction: interrupted halfway (the worker killed, a write failing on the quota) it leaves the
// database as before, never between; a later ingest of the same page then completes it.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '@/tests/fixtures';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import type { ObservedOrder } from '@/utils/crm/types';
import { ingestOrders } from './ingest';
import { isQuotaError } from './quota';
import { LaokeDB } from './schema';

const NAME = 'laoke-atomicity-test';
afterEach(async () => {
  vi.restoreAllMocks();
  await Dexie.delete(NAME);
});

function page(): ObservedOrder[] {
  const r = parseSoldJson(JSON.parse(fixture('taobao-sold-page1.json')));
  if (!r.ok) throw new Error('fixture');
  return r.orders;
}

async function snapshot(db: LaokeDB) {
  return { orders: await db.orders.toArray(), customers: await db.customers.toArray() };
}

/** Makes writes to one store fail inside the transaction, after the other stores were written. */
function failWritesTo(db: LaokeDB, store: string, error: () => Error) {
  const proto = Object.getPrototypeOf(db.table(store)) as Record<string, (...a: unknown[]) => unknown>;
  for (const method of ['put', 'bulkPut', 'add', 'bulkAdd', 'update']) {
    const original = proto[method]!;
    vi.spyOn(proto, method as never).mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === store) return Promise.reject(error());
      return original.apply(this, args);
    } as never);
  }
}

describe('an interrupted ingest', () => {
  it('a write failing halfway (the worker stopped) leaves the database exactly as before; the next look completes it', async () => {
    const db = new LaokeDB(NAME);
    const orders = page();
    await ingestOrders(db, orders.slice(0, 3));
    const before = await snapshot(db);
    // Orders are written before their customers: fail the customers' writes, after the orders' went in.
    failWritesTo(db, 'customers', () => new Error('worker stopped'));
    await expect(ingestOrders(db, orders)).rejects.toThrow();
    vi.restoreAllMocks();
    expect(await snapshot(db)).toEqual(before);
    await ingestOrders(db, orders);
    expect(await db.orders.count()).toBe(orders.length);
    db.close();
  });

  it('the quota running out fails the whole page with QuotaExceededError and loses nothing stored', async () => {
    const db = new LaokeDB(NAME);
    const orders = page();
    await ingestOrders(db, orders.slice(0, 2));
    const before = await snapshot(db);
    failWritesTo(db, 'customers', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const err = await ingestOrders(db, orders).then(() => null, (e: unknown) => e);
    expect(err).not.toBeNull();
    expect(isQuotaError(err)).toBe(true);
    vi.restoreAllMocks();
    expect(await snapshot(db)).toEqual(before);
    db.close();
  });
});
