// 关联 over team sync (issue 23): a link one agent makes between a Taobao buyer and their Pinduoduo record
// reaches the other agent's card; 取消关联 there undoes it here; 删除此客户 of either record takes the link
// with it on every machine. Two agents' databases (fake-indexeddb), each with its local PouchDB, syncing
// through a CouchDB-protocol server on 127.0.0.1, as tests/unit/sync-engine.test.ts sets them up.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { freshDbs } from '../support/db';
import { tr } from '../support/crm';
import { httpPouch, memoryPouch, startCouchServer, type CouchServer } from '../support/couch-server';
import { ingestOrders } from '@/utils/db/ingest';
import { linkCustomers, linkView, unlinkCustomers } from '@/utils/db/links';
import { deleteCustomer } from '@/utils/db/privacy';
import { setSyncLogging } from '@/utils/db/sync-outbox';
import { joinShop } from '@/utils/sync/connect';
import { SyncEngine } from '@/utils/sync/engine';
import type { Pouch, PouchDoc } from '@/utils/sync/pouch';
import { docId, type SyncKeys } from '@/utils/sync/crypto';
import type { LaokeDB } from '@/utils/db/schema';
import type { ObservedOrder } from '@/utils/crm/types';

const Local = memoryPouch() as new (name: string) => Pouch;
const Remote = httpPouch() as new (url: string) => Pouch;
const freshDb = freshDbs('laoke-sync-links');
const PASS = '茶叶店的团队口令2026';
const T0 = Date.UTC(2026, 11, 7, 4);
const HOUR = 3_600_000;
/** A seller's clicks are milliseconds apart at least (the outbox stamps writes with the clock; the replay check compares them). */
const tick = () => new Promise((r) => setTimeout(r, 5));
const DAY = 24 * HOUR;

let server: CouchServer;
let serial = 0;
beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(async () => server.stop());
afterEach(() => setSyncLogging(false));
beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => tr(key as never, ...(subs ?? []))) as never);
});

const TB_ORDER = '3000000000000002001';
const PDD_ORDER = '261207-123456789012345';
const TB = 'taobao:id:WANG01';
const PDD = 'pdd:probable:王**|王*|浙江省 杭州市 西湖区';

const item = (fen: number) => [{ itemId: 'i1', title: '白牡丹 100g', sku: '100g', quantity: 1, unitFen: fen, refunded: false }];
const taobaoOrder: ObservedOrder = {
  platform: 'taobao', orderId: TB_ORDER, buyer: { id: 'WANG01', nick: 'wang_tea' }, createdAt: T0 - 10 * DAY, paidAt: T0 - 10 * DAY + 60_000,
  status: 'completed', amountFen: 12_800, refundFen: 0, items: item(12_800), region: '浙江省 杭州市 西湖区', source: 'json',
};
const pddOrder: ObservedOrder = {
  platform: 'pdd', orderId: PDD_ORDER, buyer: { nick: '王**', receiver: '王*' }, createdAt: T0 - 3 * DAY, paidAt: T0 - 3 * DAY + 60_000,
  status: 'completed', amountFen: 3_990, refundFen: 0, items: item(3_990), region: '浙江省 杭州市 西湖区', source: 'json',
};

interface Agent { db: LaokeDB; engine: SyncEngine; keys: SyncKeys }

async function agent(shop: string, name: string, clock: () => number): Promise<Agent> {
  const remote = new Remote(shop);
  const joined = await joinShop(remote, PASS, 1_000);
  if (!joined.ok) throw new Error(joined.why);
  const db = freshDb();
  await db.open();
  const engine = new SyncEngine({ db, local: new Local(`${name}${serial}${Math.random()}`), remote, keys: joined.keys, agent: name, origin: `${name}-machine`, now: clock });
  return { db, engine, keys: joined.keys };
}

// The server's side, as raw CouchDB HTTP (as tests/unit/sync-redteam.test.ts attacks it).
async function getDoc(shop: string, id: string, query = ''): Promise<PouchDoc> {
  return (await (await fetch(`${shop}/${id}${query}`)).json()) as PouchDoc;
}
async function putDoc(shop: string, doc: PouchDoc): Promise<void> {
  const r = await fetch(`${shop}/${doc._id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });
  expect(r.status, await r.clone().text()).toBe(201);
}
async function leafRev(shop: string, id: string): Promise<string> {
  const r = (await (await fetch(`${shop}/_all_docs?keys=${encodeURIComponent(JSON.stringify([id]))}`)).json()) as { rows: { value?: { rev: string } }[] };
  return r.rows[0]!.value!.rev;
}
/** Every revision body the server still holds of a document, oldest first. */
async function oldBodies(shop: string, id: string): Promise<PouchDoc[]> {
  const leaf = (await getDoc(shop, id, `?rev=${await leafRev(shop, id)}&revs=true`)) as PouchDoc & { _revisions: { start: number; ids: string[] } };
  const { start, ids } = leaf._revisions;
  const docs = await Promise.all(ids.map((h, i) => `${start - i}-${h}`).reverse().map((rev) => getDoc(shop, id, `?rev=${rev}`)));
  return docs.filter((d) => d._id === id);
}

describe('关联 over team sync', () => {
  it('A links, B sees it; B undoes it, A sees it undone; a deletion on B takes A\'s link with the buyer', async () => {
    setSyncLogging(true);
    const shop = `${server.url}/links${++serial}`;
    expect((await fetch(shop, { method: 'PUT' })).status).toBe(201);
    let now = T0;
    const clock = () => now;
    const a = await agent(shop, '小王', clock);
    const b = await agent(shop, '小李', clock);
    // A reads the Taobao order, B the Pinduoduo one: after a round each knows both buyers.
    await ingestOrders(a.db, [taobaoOrder], now);
    await ingestOrders(b.db, [pddOrder], now);
    await a.engine.cycle();
    await b.engine.cycle();
    await a.engine.cycle();
    expect(await a.db.customers.get(PDD)).toBeDefined();
    expect(await b.db.customers.get(TB)).toBeDefined();

    // 小王 links the two records.
    now += HOUR;
    await linkCustomers(a.db, TB, PDD, now);
    await a.engine.cycle();
    await b.engine.cycle();
    const onB = await linkView(b.db, PDD);
    expect(onB.platforms).toEqual(['taobao', 'pdd']);
    expect(onB.linked).toEqual([expect.objectContaining({ key: TB, orderCount: 1, totalFen: 12_800, linkedAt: now })]);
    // Each record kept its own figures on both machines: nothing merged.
    for (const ag of [a, b]) {
      expect(await ag.db.customers.get(TB)).toMatchObject({ orderCount: 1, totalFen: 12_800 });
      expect(await ag.db.customers.get(PDD)).toMatchObject({ orderCount: 1, totalFen: 3_990 });
    }
    // The server holds no key of either record in plain text.
    const stored = await (await fetch(`${shop}/_all_docs?include_docs=true`)).text();
    for (const secret of ['WANG01', '王**', 'taobao:id', 'pdd:probable', '西湖区']) {
      expect(stored.includes(secret) || stored.includes(JSON.stringify(secret).slice(1, -1)), secret).toBe(false);
    }

    // 小李 undoes it with one click: gone on A after the next cycles.
    now += HOUR;
    await tick();
    await unlinkCustomers(b.db, PDD, TB);
    await b.engine.cycle();
    await a.engine.cycle();
    expect(await a.db.links.count()).toBe(0);
    expect((await linkView(a.db, TB)).platforms).toEqual(['taobao']);

    // 小王 links them again; 小李 deletes the Pinduoduo buyer (删除此客户): the link goes on A too.
    now += HOUR;
    await tick();
    await linkCustomers(a.db, TB, PDD, now);
    await a.engine.cycle();
    await b.engine.cycle();
    expect(await b.db.links.count()).toBe(1);
    await tick();
    now += HOUR;
    await deleteCustomer(b.db, PDD);
    expect(await b.db.links.count()).toBe(0);
    await b.engine.cycle();
    await a.engine.cycle();
    expect(await a.db.customers.get(PDD)).toBeUndefined();
    expect(await a.db.links.count()).toBe(0);
    // And it stays gone after more rounds (no machine sends it back).
    await a.engine.cycle();
    await b.engine.cycle();
    expect(await a.db.links.count()).toBe(0);
    expect(await b.db.links.count()).toBe(0);
    expect(await a.db.customers.get(TB)).toMatchObject({ orderCount: 1 });
  });

  it('a link synced for a buyer already deleted on this machine (the tombstone is older) is not applied', async () => {
    setSyncLogging(true);
    const shop = `${server.url}/links${++serial}`;
    expect((await fetch(shop, { method: 'PUT' })).status).toBe(201);
    let now = T0;
    const clock = () => now;
    const a = await agent(shop, '小王', clock);
    const b = await agent(shop, '小李', clock);
    await ingestOrders(a.db, [taobaoOrder, pddOrder], now);
    await a.engine.cycle();
    await b.engine.cycle();
    // B deletes the Pinduoduo buyer and syncs; A, offline before it saw the deletion, linked them earlier.
    now += HOUR;
    await linkCustomers(a.db, TB, PDD, now - 30 * 60_000);
    await deleteCustomer(b.db, PDD);
    await b.engine.cycle();
    await a.engine.cycle();
    await b.engine.cycle();
    for (const ag of [a, b]) {
      expect(await ag.db.customers.get(PDD)).toBeUndefined();
      expect(await ag.db.links.count()).toBe(0);
    }
  });

  it('red team: the server (no passphrase) writes the link\'s old body again after 取消关联: the link does not come back', async () => {
    setSyncLogging(true);
    const shop = `${server.url}/links${++serial}`;
    expect((await fetch(shop, { method: 'PUT' })).status).toBe(201);
    let now = T0;
    const clock = () => now;
    const a = await agent(shop, '小王', clock);
    const b = await agent(shop, '小李', clock);
    await ingestOrders(a.db, [taobaoOrder, pddOrder], now);
    await a.engine.cycle();
    await b.engine.cycle();
    now += HOUR;
    await linkCustomers(a.db, TB, PDD, now);
    await a.engine.cycle();
    await b.engine.cycle();
    now += HOUR;
    await tick();
    await unlinkCustomers(a.db, TB, PDD);
    await a.engine.cycle();
    await b.engine.cycle();
    expect(await b.db.links.count()).toBe(0);
    // The server puts the sealed body of the live link back as the newest revision (it opens: same id).
    const id = await docId(a.keys, 'links', JSON.stringify([PDD, TB]));
    const live = (await oldBodies(shop, id)).filter((d) => !d._deleted && d.s);
    expect(live.length).toBeGreaterThan(0);
    await putDoc(shop, { _id: id, _rev: await leafRev(shop, id), s: live[live.length - 1]!.s });
    for (const ag of [b, a, b]) await ag.engine.cycle();
    for (const ag of [a, b]) expect(await ag.db.links.count()).toBe(0);
  });

  it('B deletes the buyer before it has pulled A\'s link to them: the link does not stay on B naming the buyer deleted', async () => {
    setSyncLogging(true);
    const shop = `${server.url}/links${++serial}`;
    expect((await fetch(shop, { method: 'PUT' })).status).toBe(201);
    let now = T0;
    const clock = () => now;
    const a = await agent(shop, '小王', clock);
    const b = await agent(shop, '小李', clock);
    await ingestOrders(a.db, [taobaoOrder, pddOrder], now);
    await a.engine.cycle();
    await b.engine.cycle();
    // A links and syncs; B, not synced since, deletes the Pinduoduo buyer, then syncs (pull first, then push).
    now += HOUR;
    await linkCustomers(a.db, TB, PDD, now);
    await a.engine.cycle();
    await tick();
    await deleteCustomer(b.db, PDD);
    await b.engine.cycle();
    await a.engine.cycle();
    await b.engine.cycle();
    for (const ag of [a, b]) {
      expect(await ag.db.customers.get(PDD)).toBeUndefined();
      expect(await ag.db.orders.get(['pdd', PDD_ORDER])).toBeUndefined();
      expect(await ag.db.links.count()).toBe(0);
    }
  });
});
