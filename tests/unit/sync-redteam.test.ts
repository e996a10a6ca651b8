// Team sync (issue 21) attacked below the browser: the shop's server (or the network) without the
// passphrase, and another agent with it writing malformed documents. Each test is an attack written as
// what the adversary really sends (CouchDB HTTP against the test server, or documents sealed with the
// shop's keys), and what must hold afterwards on the seller's machines.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDbs } from '../support/db';
import { httpPouch, memoryPouch, startCouchServer, type CouchServer } from '../support/couch-server';
import { ingestOrders } from '@/utils/db/ingest';
import { saveCustomerNotes } from '@/utils/db/customers';
import { deleteCustomer } from '@/utils/db/privacy';
import { setSyncLogging } from '@/utils/db/sync-outbox';
import { customerSchema } from '@/utils/db/records';
import { joinShop } from '@/utils/sync/connect';
import { docId, KEY_CHECK_ID, openBody, openKeyCheck, sealBody, type KeyCheck, type SyncKeys } from '@/utils/sync/crypto';
import { SyncEngine, type SyncBody } from '@/utils/sync/engine';
import type { Pouch, PouchDoc } from '@/utils/sync/pouch';
import type { LaokeDB } from '@/utils/db/schema';
import type { ObservedOrder } from '@/utils/crm/types';

const Local = memoryPouch() as new (name: string) => Pouch;
const Remote = httpPouch() as new (url: string) => Pouch;
const freshDb = freshDbs('laoke-sync-redteam');
const ROUNDS = 1_000;
const PASS = '茶叶店的团队口令2026';
const T0 = Date.UTC(2026, 11, 1, 4);
const HOUR = 3_600_000;
const X = 'taobao:id:X';

let server: CouchServer;
let serial = 0;
beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(async () => server.stop());
afterEach(() => setSyncLogging(false));

function observed(orderId: string, buyerId: string, nick: string, createdAt: number): ObservedOrder {
  return {
    platform: 'taobao', orderId, buyer: { id: buyerId, nick }, createdAt, paidAt: createdAt + 60_000, status: 'completed',
    amountFen: 12_800, refundFen: 0, items: [{ itemId: 'i1', title: '白牡丹 100g', sku: '100g', quantity: 1, unitFen: 12_800, refunded: false }],
    region: '福建省 福州市 鼓楼区', source: 'json',
  };
}

interface Agent { db: LaokeDB; engine: SyncEngine; keys: SyncKeys }

async function newShop(): Promise<string> {
  const url = `${server.url}/red${++serial}`;
  expect((await fetch(url, { method: 'PUT' })).status).toBe(201);
  return url;
}

async function agent(shop: string, name: string, clock: () => number): Promise<Agent> {
  const remote = new Remote(shop);
  const joined = await joinShop(remote, PASS, ROUNDS);
  if (!joined.ok) throw new Error(joined.why);
  const db = freshDb();
  await db.open();
  const engine = new SyncEngine({ db, local: new Local(`${name}${serial}${Math.random()}`), remote, keys: joined.keys, agent: name, origin: `${name}-machine`, now: clock });
  return { db, engine, keys: joined.keys };
}

// ---- The server's side, as raw CouchDB HTTP ----
async function getDoc(shop: string, id: string, query = ''): Promise<PouchDoc & { _revs_info?: { rev: string; status: string }[] }> {
  return (await (await fetch(`${shop}/${id}${query}`)).json()) as PouchDoc;
}
async function putDoc(shop: string, doc: PouchDoc): Promise<void> {
  const r = await fetch(`${shop}/${doc._id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });
  expect(r.status, await r.clone().text()).toBe(201);
}
/** Every revision body the server still holds of a document, oldest first. */
async function oldBodies(shop: string, id: string): Promise<PouchDoc[]> {
  const leaf = (await getDoc(shop, id, `?rev=${await leafRev(shop, id)}&revs=true`)) as PouchDoc & { _revisions: { start: number; ids: string[] } };
  const { start, ids } = leaf._revisions;
  const revs = ids.map((h, i) => `${start - i}-${h}`).reverse();
  const docs = await Promise.all(revs.map((rev) => getDoc(shop, id, `?rev=${rev}`)));
  return docs.filter((d) => d._id === id);
}
/** The current leaf revision of a document, deleted or not. */
async function leafRev(shop: string, id: string): Promise<string> {
  const r = (await (await fetch(`${shop}/_all_docs?keys=${encodeURIComponent(JSON.stringify([id]))}`)).json()) as { rows: { value?: { rev: string } }[] };
  return r.rows[0]!.value!.rev;
}
async function sealAs(keys: SyncKeys, kind: string, key: string, v: unknown, at: number): Promise<PouchDoc> {
  const _id = await docId(keys, kind, key);
  const body: SyncBody = { k: kind, key, v, o: 'evil-machine', a: '坏人', at };
  return { _id, s: await sealBody(keys, _id, body) };
}

async function twoAgentsWithX(shop: string, clock: () => number): Promise<[Agent, Agent]> {
  const a = await agent(shop, '小王', clock);
  const b = await agent(shop, '小李', clock);
  await ingestOrders(a.db, [observed('1001', 'X', 'tea_lover', T0 - 30 * 24 * HOUR), observed('1002', 'X', 'tea_lover', T0 - 10 * 24 * HOUR)], clock());
  await a.engine.cycle();
  await b.engine.cycle();
  return [a, b];
}

describe('the shop\'s server, without the passphrase', () => {
  it('replaying an old revision of a buyer\'s seller fields does not roll back 黑名单 or the note', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: '老客，好说话', tags: [], phone: '' }, now);
    await a.engine.cycle();
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: '恶意差评，别再发货', tags: ['黑名单'], phone: '' }, now);
    await a.engine.cycle();
    await b.engine.cycle();
    expect(await b.db.customers.get(X)).toMatchObject({ tags: ['黑名单'] });

    // The server writes the first revision's sealed body again as a new revision (it opens: same id).
    const id = await docId(a.keys, 'seller', X);
    const bodies = await oldBodies(shop, id);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    await putDoc(shop, { _id: id, _rev: await leafRev(shop, id), s: bodies[0]!.s });

    for (const ag of [b, a, b]) await ag.engine.cycle();
    for (const ag of [a, b]) expect(await ag.db.customers.get(X)).toMatchObject({ notes: '恶意差评，别再发货', tags: ['黑名单'] });
  });

  it('erasing a tombstone and replaying the deleted buyer\'s orders does not bring the buyer back (删除此客户)', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    now += HOUR;
    await deleteCustomer(b.db, X);
    await b.engine.cycle();
    await a.engine.cycle();
    expect(await a.db.customers.get(X)).toBeUndefined();

    // The tombstone overwritten with a body that does not open; each order's last live body written again.
    const tomb = await docId(a.keys, 'tomb', X);
    const other = await docId(a.keys, 'orders', JSON.stringify(['taobao', '1001']));
    await putDoc(shop, { _id: tomb, _rev: await leafRev(shop, tomb), s: (await oldBodies(shop, other))[0]!.s });
    for (const orderId of ['1001', '1002']) {
      const id = await docId(a.keys, 'orders', JSON.stringify(['taobao', orderId]));
      const live = (await oldBodies(shop, id)).find((d) => d.s && !d._deleted)!;
      await putDoc(shop, { _id: id, _rev: await leafRev(shop, id), s: live.s });
    }
    for (const ag of [a, b, a]) await ag.engine.cycle();
    for (const ag of [a, b]) {
      expect(await ag.db.customers.get(X)).toBeUndefined();
      expect(await ag.db.orders.where('customerKey').equals(X).count()).toBe(0);
    }
  });

  it('a conflicting revision that does not open, made the winner, does not delete the shop\'s real version', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a] = await twoAgentsWithX(shop, () => now);
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: '要发票', tags: ['VIP'], phone: '' }, now);
    await a.engine.cycle();
    const id = await docId(a.keys, 'seller', X);
    // A deeper branch wins CouchDB's pick: garbage with a crafted _conflicts-making revision.
    const garbage = { iv: 'AAAAAAAAAAAAAAAA', data: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
    const r = await fetch(`${shop}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ new_edits: false, docs: [{ _id: id, _rev: '9-ffffffffffffffffffffffffffffffff', s: garbage, _conflicts: ['1-0'] }] }) });
    expect(r.status).toBe(201);
    await a.engine.cycle();
    await a.engine.cycle();
    expect(await a.db.customers.get(X)).toMatchObject({ notes: '要发票', tags: ['VIP'] });
    // A machine joining now still gets the note: A did not delete it from the server.
    const c = await agent(shop, '小张', () => now);
    await c.engine.cycle();
    expect(await c.db.customers.get(X)).toMatchObject({ notes: '要发票', tags: ['VIP'] });
  });

  it('a body moved under another id, a key check with iterations lowered or salt changed: nothing opens, nothing applies (held)', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: '真的备注', tags: [], phone: '' }, now);
    await a.engine.cycle();
    const seller = await docId(a.keys, 'seller', X);
    const order = await docId(a.keys, 'orders', JSON.stringify(['taobao', '1001']));
    const sellerDoc = await getDoc(shop, seller);
    await putDoc(shop, { _id: order, _rev: await leafRev(shop, order), s: sellerDoc.s });
    const report = await b.engine.cycle();
    expect(report.unreadable).toBeGreaterThan(0);
    expect(await b.db.orders.get(['taobao', '1001'])).toBeDefined();

    const check = (await getDoc(shop, KEY_CHECK_ID)) as unknown as KeyCheck;
    expect(await openKeyCheck(PASS, check)).not.toBe('wrong');
    expect(await openKeyCheck(PASS, { ...check, iterations: 1 })).toBe('wrong');
    expect(await openKeyCheck(PASS, { ...check, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' })).toBe('wrong');
    // Written before the first agent came, by someone without the passphrase: refused, not adopted.
    const fresh = await newShop();
    const { _rev: _r, ...planted } = check as unknown as PouchDoc;
    await putDoc(fresh, { ...planted, _id: KEY_CHECK_ID, iterations: 1 } as unknown as PouchDoc);
    expect(await joinShop(new Remote(fresh), PASS)).toEqual({ ok: false, why: 'wrong' });
  });
});

describe('another agent with the passphrase, writing malformed documents', () => {
  it('seller fields of the wrong types, a null field, a huge note: the engine goes on and the customer stays valid', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: '正常备注', tags: ['VIP'], phone: '13800000000' }, now);
    await a.engine.cycle();
    await b.engine.cycle();
    const id = await docId(a.keys, 'seller', X);
    const st = (v: unknown) => ({ v, at: now + HOUR, agent: '坏人' });
    const evil = await sealAs(a.keys, 'seller', X, {
      tags: st('黑名单'), notes: st({ html: '<img onerror=1>' }), phone: st(13_800_000_000), phoneSavedAt: st('tomorrow'),
      __proto__x: st(1), junk: null,
    }, now + HOUR);
    await putDoc(shop, { ...evil, _id: id, _rev: await leafRev(shop, id) });
    await expect(b.engine.cycle()).resolves.toBeTruthy();
    let x = await b.db.customers.get(X);
    expect(customerSchema.safeParse(x).success, JSON.stringify(x)).toBe(true);
    expect(x).toMatchObject({ notes: '正常备注', tags: ['VIP'], phone: '13800000000' });

    // A null where a stamped field belongs, and a note of 5 MB: refused, and the next good write applies.
    now += 2 * HOUR;
    const worse = await sealAs(a.keys, 'seller', X, { tags: null, notes: st('长'.repeat(5_000_000)) }, now);
    await putDoc(shop, { ...worse, _id: id, _rev: await leafRev(shop, id) });
    await expect(b.engine.cycle()).resolves.toBeTruthy();
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: '后来的备注', tags: ['VIP'], phone: '13800000000' }, now);
    await a.engine.cycle();
    await expect(b.engine.cycle()).resolves.toBeTruthy();
    x = await b.db.customers.get(X);
    expect(customerSchema.safeParse(x).success).toBe(true);
    expect(x).toMatchObject({ notes: '后来的备注', tags: ['VIP'] });
  }, 60_000);

  it('a setting of this machine only (retention: forget after 1 month) is not taken from the server', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    const now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    const doc = await sealAs(a.keys, 'meta', JSON.stringify('retention'), { key: 'retention', value: { forgetAfterMonths: 1, clearPhoneAfterMonths: 1 }, updatedAt: now }, now);
    await putDoc(shop, doc);
    await b.engine.cycle();
    expect(await b.db.meta.get('retention')).toBeUndefined();
  });
});

describe('privacy', () => {
  it('after 删除此客户 no document on the server opens to the buyer\'s note, phone or nick', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: '住址：鼓楼区某小区', tags: ['VIP'], phone: '13911112222' }, now);
    await a.engine.cycle();
    await b.engine.cycle();
    now += HOUR;
    await deleteCustomer(b.db, X);
    await b.engine.cycle();
    await a.engine.cycle();
    // Every leaf the server holds (live and deleted), opened with the shop's keys.
    const feed = (await (await fetch(`${shop}/_changes?include_docs=true`)).json()) as { results: { id: string; doc: PouchDoc }[] };
    const opened: string[] = [];
    for (const { id, doc } of feed.results) {
      if (id === KEY_CHECK_ID || !doc.s) continue;
      const o = await openBody(a.keys, id, doc.s);
      if (o.ok) opened.push(JSON.stringify((o.body as SyncBody).v));
    }
    const text = opened.join('\n');
    for (const secret of ['鼓楼区某小区', '13911112222', 'tea_lover']) expect(text.includes(secret), secret).toBe(false);
  });
});

describe('an agent\'s own edit waiting in the queue', () => {
  it('is not overwritten by an earlier write of the same field pulled first (the later edit wins everywhere)', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: 'A 在 10 点写的', tags: [], phone: '' }, now);
    await a.engine.cycle();
    // B, offline, writes the same field later; its cycle pulls A's earlier write before sending its own.
    now += HOUR;
    await saveCustomerNotes(b.db, X, { notes: 'B 在 11 点写的', tags: [], phone: '' }, now);
    await b.engine.cycle();
    await a.engine.cycle();
    await b.engine.cycle();
    for (const ag of [a, b]) expect((await ag.db.customers.get(X))!.notes).toBe('B 在 11 点写的');
  });
});

describe('the shop\'s server replaying records', () => {
  it('an order\'s old reading (paid, before its refund) written again does not undo the refund (held: readings merge by when they were seen)', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    now += HOUR;
    await ingestOrders(a.db, [{ ...observed('1002', 'X', 'tea_lover', T0 - 10 * 24 * HOUR), status: 'refunded', refundFen: 12_800 }], now);
    await a.engine.cycle();
    await b.engine.cycle();
    expect((await b.db.orders.get(['taobao', '1002']))!.status).toBe('refunded');
    const id = await docId(a.keys, 'orders', JSON.stringify(['taobao', '1002']));
    await putDoc(shop, { _id: id, _rev: await leafRev(shop, id), s: (await oldBodies(shop, id))[0]!.s });
    for (const ag of [b, a]) {
      await ag.engine.cycle();
      expect((await ag.db.orders.get(['taobao', '1002']))!.status).toBe('refunded');
      expect((await ag.db.customers.get(X))!.orderCount).toBe(1);
    }
  });

  it('a planned event renamed, then deleted: its old bodies written again neither roll the name back nor bring it back', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    await a.db.events.put({ id: 'ev-618', name: '618 大促', date: Date.UTC(2027, 5, 18), leadDays: 14 });
    await a.engine.cycle();
    now += HOUR;
    await a.db.events.put({ id: 'ev-618', name: '618 大促（改到 6 月 1 日）', date: Date.UTC(2027, 5, 1), leadDays: 14 });
    await a.engine.cycle();
    await b.engine.cycle();
    const id = await docId(a.keys, 'events', JSON.stringify('ev-618'));
    await putDoc(shop, { _id: id, _rev: await leafRev(shop, id), s: (await oldBodies(shop, id))[0]!.s });
    for (const ag of [b, a]) await ag.engine.cycle();
    for (const ag of [a, b]) expect((await ag.db.events.get('ev-618'))!.name).toBe('618 大促（改到 6 月 1 日）');

    now += HOUR;
    await a.db.events.delete('ev-618');
    await a.engine.cycle();
    await b.engine.cycle();
    expect(await b.db.events.get('ev-618')).toBeUndefined();
    const live = (await oldBodies(shop, id)).filter((d) => !d._deleted && d.s);
    await putDoc(shop, { _id: id, _rev: await leafRev(shop, id), s: live[live.length - 1]!.s });
    for (const ag of [b, a]) await ag.engine.cycle();
    for (const ag of [a, b]) expect(await ag.db.events.get('ev-618')).toBeUndefined();
  });

  it('a _design document with a validate function the server adds is inert: the engine goes on (held)', async () => {
    setSyncLogging(true);
    const shop = await newShop();
    let now = T0;
    const [a, b] = await twoAgentsWithX(shop, () => now);
    await putDoc(shop, { _id: '_design/evil', validate_doc_update: 'function () { throw({ forbidden: "no" }); }', views: { all: { map: 'function (d) { emit(d._id); }' } } } as unknown as PouchDoc);
    now += HOUR;
    await saveCustomerNotes(a.db, X, { notes: '设计文档之后', tags: [], phone: '' }, now);
    await a.engine.cycle();
    await b.engine.cycle();
    expect((await b.db.customers.get(X))!.notes).toBe('设计文档之后');
  });
});

describe('the shop\'s server answering forever', () => {
  it('a _changes feed that never ends (always one more change, of a revision already here) ends the cycle with an error instead of running it forever', async () => {
    const { createServer } = await import('node:http');
    let changes = 0;
    const fake = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const json = (code: number, body: unknown) => res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname === '/shop' || url.pathname === '/shop/') return json(200, { db_name: 'shop', doc_count: 1, update_seq: '999999999' });
      if (url.pathname.startsWith('/shop/_local/')) return json(404, { error: 'not_found', reason: 'missing' });
      if (url.pathname === '/shop/_changes') {
        changes++;
        const seq = Number(url.searchParams.get('since') ?? 0) + 1;
        return json(200, { results: [{ seq, id: 'loop', changes: [{ rev: '1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }] }], last_seq: seq });
      }
      if (url.pathname === '/shop/_revs_diff') return json(200, {});
      if (url.pathname === '/shop/_bulk_get') {
        return json(200, { results: [{ id: 'loop', docs: [{ ok: { _id: 'loop', _rev: '1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', _revisions: { start: 1, ids: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'] } } }] }] });
      }
      if (url.pathname === '/') return json(200, { couchdb: 'Welcome', version: '3.3.3' });
      return json(404, { error: 'not_found', reason: 'missing' });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (fake.address() as { port: number }).port;
      const remote = new Remote(`http://127.0.0.1:${port}/shop`);
      const db = freshDb();
      await db.open();
      const keys = (await joinShop(new Remote(await newShop()), PASS, ROUNDS)) as { ok: true; keys: SyncKeys };
      const engine = new SyncEngine({ db, local: new Local(`loop${Math.random()}`), remote, keys: keys.keys, agent: '小王', origin: 'loop-machine', replicationMs: 1_500 });
      const outcome = await Promise.race([
        engine.cycle().then(() => 'finished', (e: unknown) => `error: ${String(e)}`),
        new Promise<string>((r) => setTimeout(() => r('still running'), 8_000)),
      ]);
      expect(outcome).toMatch(/^error/);
      expect(changes).toBeGreaterThan(3);
      // The cancelled replication stops asking: no more changes requested after a moment.
      await new Promise((r) => setTimeout(r, 1_000));
      const after = changes;
      await new Promise((r) => setTimeout(r, 1_000));
      expect(changes).toBe(after);
    } finally {
      fake.closeAllConnections();
      await new Promise<void>((r) => fake.close(() => r()));
    }
  }, 20_000);
});
