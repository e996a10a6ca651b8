// Team sync (issue 21) end to end below the browser: two agents' databases (fake-indexeddb), each with
// its local PouchDB (memory), syncing through a CouchDB-protocol server on 127.0.0.1. Worked examples a
// seller can follow: A reads page 1 and B page 2 of the same shop; A's note and 黑名单 tag reach B's
// card; B deletes a buyer and the buyer is gone on A; two agents editing different fields of one buyer
// at once both keep; A keeps working while the server is down and the two converge when it is back.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDbs } from '../support/db';
import { httpPouch, memoryPouch, startCouchServer, type CouchServer } from '../support/couch-server';
import { ingestOrders } from '@/utils/db/ingest';
import { saveCustomerNotes } from '@/utils/db/customers';
import { deleteCustomer } from '@/utils/db/privacy';
import { setSyncLogging } from '@/utils/db/sync-outbox';
import { joinShop } from '@/utils/sync/connect';
import { SyncEngine } from '@/utils/sync/engine';
import type { Pouch } from '@/utils/sync/pouch';
import type { LaokeDB } from '@/utils/db/schema';
import type { ObservedOrder } from '@/utils/crm/types';

const Local = memoryPouch() as new (name: string) => Pouch;
const Remote = httpPouch() as new (url: string) => Pouch;
const freshDb = freshDbs('laoke-sync-engine');
const ROUNDS = 1_000;
const PASS = '茶叶店的团队口令2026';
const T0 = Date.UTC(2026, 11, 1, 4);
const HOUR = 3_600_000;

let server: CouchServer;
let serial = 0;
beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(async () => server.stop());
afterEach(() => setSyncLogging(false));

/** Order numbers as the consoles show them (Taobao's have 19 digits): a short one could occur by chance in ciphertext or a revision id. */
const tb = (n: string) => `300${n.padStart(16, '0')}`;

function observed(orderId: string, buyerId: string, nick: string, createdAt: number, amountFen = 12_800): ObservedOrder {
  return {
    platform: 'taobao', orderId, buyer: { id: buyerId, nick }, createdAt, paidAt: createdAt + 60_000, status: 'completed',
    amountFen, refundFen: 0, items: [{ itemId: 'i1', title: '白牡丹 100g', sku: '100g', quantity: 1, unitFen: amountFen, refunded: false }],
    region: '福建省 福州市 鼓楼区', source: 'json',
  };
}

interface Agent {
  db: LaokeDB;
  engine: SyncEngine;
  local: Pouch;
}

async function newShop(): Promise<string> {
  const url = `${server.url}/shop${++serial}`;
  expect((await fetch(url, { method: 'PUT' })).status).toBe(201);
  return url;
}

async function agent(shop: string, name: string, clock: () => number): Promise<Agent> {
  const remote = new Remote(shop);
  const joined = await joinShop(remote, PASS, ROUNDS);
  if (!joined.ok) throw new Error(joined.why);
  const db = freshDb();
  await db.open();
  const local = new Local(`${name}${serial}${Math.random()}`);
  const engine = new SyncEngine({ db, local, remote, keys: joined.keys, agent: name, origin: `${name}-machine`, now: clock });
  return { db, engine, local };
}

describe('team sync between two agents', () => {
  it('A reads page 1, B page 2: both count every order of a buyer once; A\'s note and 黑名单 reach B; B\'s deletion reaches A', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const clock = () => now;
    const a = await agent(shop, '小王', clock);
    const b = await agent(shop, '小李', clock);

    // Page 1 on A: buyer X's orders 1 and 2, buyer Y's order 3. Page 2 on B: X's order 4 and order 2 again.
    await ingestOrders(a.db, [observed(tb('1001'), 'X', 'tea_lover', T0 - 30 * 24 * HOUR), observed(tb('1002'), 'X', 'tea_lover', T0 - 10 * 24 * HOUR), observed(tb('1003'), 'Y', 'green_fan', T0 - 5 * 24 * HOUR)], now);
    await ingestOrders(b.db, [observed(tb('1004'), 'X', 'tea_lover', T0 - 2 * 24 * HOUR), observed(tb('1002'), 'X', 'tea_lover', T0 - 10 * 24 * HOUR)], now);
    await saveCustomerNotes(a.db, 'taobao:id:X', { notes: '过敏体质，别推荐香型款', tags: ['黑名单'], phone: '' }, now);

    now += HOUR;
    const ra = await a.engine.cycle();
    expect(ra.pushed).toBeGreaterThan(0);
    expect(await a.engine.pending()).toBe(0);
    await b.engine.cycle();
    await a.engine.cycle();

    for (const ag of [a, b]) {
      const x = await ag.db.customers.get('taobao:id:X');
      // Orders 1001, 1002 (read on both machines: once) and 1004: three purchases, ¥384.
      expect(x).toMatchObject({ orderCount: 3, totalFen: 3 * 12_800, notes: '过敏体质，别推荐香型款', tags: ['黑名单'] });
      expect(x!.purchases).toEqual([tb('1001'), tb('1002'), tb('1004')]);
      expect(await ag.db.orders.count()).toBe(4);
    }

    // B deletes Y (删除此客户): gone on A after the next cycles.
    now += HOUR;
    await deleteCustomer(b.db, 'taobao:id:Y');
    await b.engine.cycle();
    await a.engine.cycle();
    expect(await a.db.customers.get('taobao:id:Y')).toBeUndefined();
    expect(await a.db.orders.get(['taobao', tb('1003')])).toBeUndefined();
    // And it stays gone when A syncs again (the order's document is deleted too, the tombstone kept).
    await a.engine.cycle();
    await b.engine.cycle();
    expect(await a.db.orders.get(['taobao', tb('1003')])).toBeUndefined();
    expect(await b.db.orders.get(['taobao', tb('1003')])).toBeUndefined();

    // What the server stores: no nick, buyer id, order number or note in plain text.
    const stored = await (await fetch(`${shop}/_all_docs?include_docs=true`)).text();
    for (const secret of ['tea_lover', 'green_fan', tb('1001'), tb('1004'), '过敏', '黑名单', '白牡丹', 'taobao:id', '小王']) {
      expect(stored.includes(secret) || stored.includes(JSON.stringify(secret).slice(1, -1)), secret).toBe(false);
    }
    // Bounds the server's holdings: one document per order, buyer's fields, tombstone, and the key check.
    const { total_rows } = (await (await fetch(`${shop}/_all_docs`)).json()) as { total_rows: number };
    expect(total_rows).toBeLessThanOrEqual(4 + 1 + 1 + 1);
  });

  it('two agents editing different fields of one buyer at once: both edits hold, on both machines (per-field last writer wins)', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const clock = () => now;
    const a = await agent(shop, '小王', clock);
    const b = await agent(shop, '小李', clock);
    await ingestOrders(a.db, [observed('2001', 'Z', 'oolong', T0 - 3 * 24 * HOUR)], now);
    await a.engine.cycle();
    await b.engine.cycle();
    expect(await b.db.customers.get('taobao:id:Z')).toBeDefined();

    // Offline from each other: A writes the note at 10:00, B the tags at 10:05 (B still has no note).
    now = T0 + HOUR;
    await saveCustomerNotes(a.db, 'taobao:id:Z', { notes: '要发票', tags: [], phone: '' }, now);
    now = T0 + HOUR + 5 * 60_000;
    await saveCustomerNotes(b.db, 'taobao:id:Z', { notes: '', tags: ['VIP'], phone: '' }, now);
    await a.engine.cycle();
    await b.engine.cycle();
    await a.engine.cycle();
    await b.engine.cycle();
    for (const ag of [a, b]) expect(await ag.db.customers.get('taobao:id:Z')).toMatchObject({ notes: '要发票', tags: ['VIP'] });

    // The same field on both, B later: B's wins everywhere.
    now = T0 + 2 * HOUR;
    await saveCustomerNotes(a.db, 'taobao:id:Z', { notes: '要发票，抬头公司', tags: ['VIP'], phone: '' }, now);
    now += 60_000;
    await saveCustomerNotes(b.db, 'taobao:id:Z', { notes: '不要发票了', tags: ['VIP'], phone: '' }, now);
    await b.engine.cycle();
    await a.engine.cycle();
    await b.engine.cycle();
    for (const ag of [a, b]) expect((await ag.db.customers.get('taobao:id:Z'))!.notes).toBe('不要发票了');
  });

  it('A works while the server is down; its changes wait in the queue and reach B when it is back', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const clock = () => now;
    const a = await agent(shop, '小王', clock);
    const b = await agent(shop, '小李', clock);
    await server.pause();
    try {
      await ingestOrders(a.db, [observed('3001', 'W', 'puer', T0 - HOUR)], now);
      await saveCustomerNotes(a.db, 'taobao:id:W', { notes: '周末不在家', tags: [], phone: '' }, now);
      await expect(a.engine.cycle()).rejects.toBeTruthy();
      // The badge and the card work from Dexie as ever.
      expect(await a.db.customers.get('taobao:id:W')).toMatchObject({ orderCount: 1, notes: '周末不在家' });
    } finally {
      await server.resume();
    }
    now += HOUR;
    await a.engine.cycle();
    expect(await a.engine.pending()).toBe(0);
    await b.engine.cycle();
    expect(await b.db.customers.get('taobao:id:W')).toMatchObject({ orderCount: 1, notes: '周末不在家' });
  });

  it('a wrong passphrase is refused and reads nothing', async () => {
    const shop = await newShop();
    const remote = new Remote(shop);
    expect(await joinShop(remote, PASS, ROUNDS)).toMatchObject({ ok: true, created: true });
    expect(await joinShop(remote, '别的口令也很长的', ROUNDS)).toEqual({ ok: false, why: 'wrong' });
    expect(await joinShop(remote, PASS, ROUNDS)).toMatchObject({ ok: true, created: false });
  });

  it('nothing is queued while sync is off', async () => {
    const db = freshDb();
    await ingestOrders(db, [observed('4001', 'V', 'tieguanyin', T0)], T0);
    await saveCustomerNotes(db, 'taobao:id:V', { notes: 'x', tags: [], phone: '' }, T0);
    expect(await db.syncOutbox.count()).toBe(0);
  });
});

describe('team sync: records deleted, and a machine joining late', () => {
  it('a planned event deleted on A is deleted on B; a machine set up later gets everything once, with no conflict', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const clock = () => now;
    const a = await agent(shop, '小王', clock);
    const b = await agent(shop, '小李', clock);
    await a.db.events.put({ id: 'ev-618', name: '618 大促', date: Date.UTC(2027, 5, 18), leadDays: 14 });
    await ingestOrders(a.db, [observed('5001', 'U', 'jasmine', T0 - HOUR)], now);
    await a.engine.cycle();
    await b.engine.cycle();
    expect(await b.db.events.get('ev-618')).toMatchObject({ name: '618 大促' });

    now += HOUR;
    await a.db.events.delete('ev-618');
    await a.engine.cycle();
    const report = await b.engine.cycle();
    expect(report.applied).toBeGreaterThan(0);
    expect(await b.db.events.get('ev-618')).toBeUndefined();

    // C joins with data of its own (the same order read on its page): pulls first, then sends; no conflict.
    const c = await agent(shop, '小张', clock);
    await ingestOrders(c.db, [observed('5001', 'U', 'jasmine', T0 - HOUR)], now);
    await c.engine.enqueueAll();
    const first = await c.engine.cycle();
    expect(first.conflicts).toBe(0);
    expect(await c.db.customers.get('taobao:id:U')).toMatchObject({ orderCount: 1 });
    expect(await c.db.events.get('ev-618')).toBeUndefined();
    await a.engine.cycle();
    expect((await a.engine.cycle()).conflicts).toBe(0);
  });
});
