import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATA_VERSION_KEY, readDataVersion } from './data-version';
import { LaokeDB } from './schema';
import { recordHealth } from './health';
import { ingestOrders } from './ingest';
import type { ObservedOrder } from '@/utils/crm/types';

let db: LaokeDB;
let n = 0;
beforeEach(() => {
  db = new LaokeDB(`laoke-version-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const order = (orderId: string, nick = '茶客小林'): ObservedOrder => ({
  platform: 'taobao', orderId, buyer: { id: 'B1', nick }, createdAt: 1_700_000_000_000, status: 'paid',
  amountFen: 23_800, refundFen: 0, items: [], source: 'json',
});

describe('the data version', () => {
  it('is bumped once by each write transaction, in it, and notes what changed', async () => {
    expect(await readDataVersion(db)).toEqual({ version: 0, changed: {} });
    await ingestOrders(db, [order('1'), order('2')], 1_000);
    const first = await readDataVersion(db);
    expect(first.version).toBe(1);
    expect(first.changed).toMatchObject({ orders: 1, customers: 1 });
    await db.customers.update('taobao:id:B1', { phone: '' });
    const second = await readDataVersion(db);
    expect(second).toEqual({ version: 2, changed: { ...first.changed, customers: 2 } });
  });

  it('is not moved by bookkeeping (health, the popup snapshot, task counts) nor by reads', async () => {
    await db.customers.put({ key: 'k', platform: 'taobao', nick: 'a', identity: 'strong', orderCount: 0, totalFen: 0, purchases: [], items: [], pieces: 0, maxPieces: 0, itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: 0 });
    const before = await readDataVersion(db);
    await recordHealth(db, 'taobao-sold', { ok: true, rows: 3 });
    await db.meta.put({ key: 'pulse', value: {}, updatedAt: 0 });
    await db.meta.put({ key: 'taskSummary', value: {}, updatedAt: 0 });
    await db.customers.toArray();
    expect(await readDataVersion(db)).toEqual(before);
    await db.meta.put({ key: 'sentimentModel', value: {}, updatedAt: 0 });
    expect((await readDataVersion(db)).changed['meta:sentimentModel']).toBe(before.version + 1);
  });

  it('rolls back with a transaction that fails', async () => {
    await db.events.put({ id: 'e', name: '618', date: 0, leadDays: 3 });
    const before = await readDataVersion(db);
    await expect(db.transaction('rw', db.events, async () => {
      await db.events.put({ id: 'f', name: '双11', date: 0, leadDays: 3 });
      throw new Error('no');
    })).rejects.toThrow('no');
    expect(await readDataVersion(db)).toEqual(before);
    expect(await db.events.count()).toBe(1);
  });

  it('is seen by a second connection (another extension page) at once', async () => {
    const other = new LaokeDB(db.name);
    await other.customers.put({ key: 'x', platform: 'taobao', nick: 'b', identity: 'strong', orderCount: 0, totalFen: 0, purchases: [], items: [], pieces: 0, maxPieces: 0, itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: 0 });
    expect((await readDataVersion(db)).version).toBe(1);
    other.close();
    expect((await db.meta.get(DATA_VERSION_KEY))?.value).toMatchObject({ version: 1 });
  });
});

describe('quiet writes', () => {
  it('a refresh of what no cache reads leaves the version where it was; the next real write moves it', async () => {
    const { quietly } = await import('./data-version');
    await db.events.put({ id: 'e', name: '618', date: 0, leadDays: 3 });
    const before = await readDataVersion(db);
    await quietly(db, [db.events], () => db.events.put({ id: 'e', name: '618', date: 0, leadDays: 3 }));
    expect(await readDataVersion(db)).toEqual(before);
    await db.events.put({ id: 'e', name: '双11', date: 0, leadDays: 3 });
    expect((await readDataVersion(db)).version).toBe(before.version + 1);
  });
});
