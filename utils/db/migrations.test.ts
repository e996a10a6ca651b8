// Issue 8: every released schema version upgrades to the current one with every record kept; an upgrade
// that fails stops, says so, and leaves the database at its old version with its data.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '@/utils/crm/types';
import { LaokeDB, STORES_V1, STORES_V10, STORES_V2, STORES_V3, STORES_V4, STORES_V5, STORES_V7 } from './schema';
import { readDataVersion } from './data-version';

const NAME = 'laoke-migrations-test';
const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 5, 2);
afterEach(() => Dexie.delete(NAME));

function order(orderId: string, key: string, createdAt: number, fen: number): Order {
  return {
    platform: 'taobao', orderId, customerKey: key, identity: 'strong', nick: key.slice(-2), createdAt, status: 'completed',
    amountFen: fen, refundFen: 0, items: [{ itemId: `i${orderId}`, title: `商品${orderId}`, sku: '', quantity: 1, unitFen: fen, refunded: false }],
    source: 'json', firstSeenAt: createdAt, lastSeenAt: createdAt,
  };
}

/** A database as version `v` wrote it: its stores, and a record in each (customers in that version's shape). */
async function released(v: 1 | 2 | 3 | 4 | 5): Promise<Record<string, number>> {
  const stores = [STORES_V1, STORES_V2, STORES_V3, STORES_V4, STORES_V5][v - 1]!;
  const old = new Dexie(NAME);
  old.version(v).stores(stores);
  const orders = [order('1', 'taobao:id:a', t0, 10_000), order('2', 'taobao:id:a', t0 + 20 * day, 5_000), order('3', 'taobao:id:b', t0 + day, 7_000)];
  await old.table('orders').bulkPut(orders);
  for (const [key, list] of [['taobao:id:a', orders.slice(0, 2)], ['taobao:id:b', orders.slice(2)]] as const) {
    await old.table('customers').put({
      key, platform: 'taobao', nick: key.slice(-1), identity: 'strong', orderCount: list.length, totalFen: list.reduce((s, o) => s + o.amountFen, 0),
      firstPurchaseAt: list[0]!.createdAt, lastPurchaseAt: list.at(-1)!.createdAt, purchases: list.map((o) => o.orderId), items: [],
      tags: ['老客'], notes: `备注${key}`, phone: '13800000000', updatedAt: t0,
      ...(v >= 2 ? { pieces: list.length, maxPieces: 1, itemIds: [], refundOpen: false } : {}),
    });
  }
  await old.table('reviews').put({ platform: 'taobao', reviewId: 'r1', orderId: '1', customerKey: 'taobao:id:a', text: '很好', createdAt: t0 + 2 * day });
  await old.table('health').put({ pageKind: 'taobao-sold', lastSeenAt: t0, lastOk: true, lastRows: 3, okCount: 1, failCount: 0 });
  if (v >= 2) await old.table('campaigns').add({ name: '回购', sentAt: t0 + 5 * day, members: ['taobao:id:a'], holdout: ['taobao:id:b'], channel: 'orders', rule: { kind: 'and', rules: [] }, ruleText: '所有', message: '', parts: 1, priceLi: 0 });
  if (v >= 3) {
    await old.table('knowledge').put({ platform: 'taobao', itemId: 'i1', itemTitle: '商品1', text: '冷泡 4 小时', updatedAt: t0 });
    await old.table('replies').put({ platform: 'taobao', reviewId: 'r1', text: '谢谢亲', at: t0 + 3 * day, source: 'copied' });
    await old.table('meta').put({ key: 'sentimentLabelled', value: { pos: 1, neg: 0 }, updatedAt: t0 });
  }
  if (v >= 4) {
    await old.table('taskStates').put({ id: 'thanks:taobao:id:a:2', state: 'done', at: t0 + 21 * day });
    await old.table('events').put({ id: 'e1', name: '618', day: 20_600, leadDays: 3 });
  }
  const counts = Object.fromEntries(await Promise.all(old.tables.map(async (t) => [t.name, await t.count()] as const)));
  old.close();
  return counts;
}

describe('migrations from every released version', () => {
  it.each([1, 2, 3, 4, 5] as const)('v%i → v8 keeps every record; customers are recomputed with the seller\'s notes', async (v) => {
    const before = await released(v);
    const db = new LaokeDB(NAME);
    await db.open();
    expect(db.verno).toBe(11);
    // The upgrade changed the figures: every cache computes again.
    expect((await readDataVersion(db)).changed.customers).toBeGreaterThan(0);
    // meta also holds the data version now.
    for (const [store, n] of Object.entries(before)) expect(await db.table(store).count(), store).toBe(n + (store === 'meta' ? 1 : 0));
    const a = (await db.customers.get('taobao:id:a'))!;
    expect(a).toMatchObject({ orderCount: 2, totalFen: 15_000, tags: ['老客'], notes: '备注taobao:id:a', phone: '13800000000', phoneSavedAt: t0, purchaseDays: 2, firstDayFen: 10_000, usualGapDays: 20 });
    // v8: the items bought, first bought first, each with its first and last purchase.
    expect(a.itemsBought).toEqual([
      { id: 'i1', title: '商品1', quantity: 1, firstAt: t0, lastAt: t0 },
      { id: 'i2', title: '商品2', quantity: 1, firstAt: t0 + 20 * day, lastAt: t0 + 20 * day },
    ]);
    expect((await db.reviews.get(['taobao', 'r1']))!.text).toBe('很好');
    if (v >= 2) expect((await db.campaigns.toArray())[0]).toMatchObject({ members: ['taobao:id:a'], holdout: ['taobao:id:b'] });
    if (v >= 3) expect(await db.knowledge.get(['taobao', 'i1'])).toMatchObject({ text: '冷泡 4 小时' });
    if (v >= 4) expect(await db.taskStates.get('thanks:taobao:id:a:2')).toMatchObject({ state: 'done' });
    db.close();
  });

  it('v5 → v6: an order refunded to ¥0 but for a kept ¥0 gift stops counting as a purchase (one purchase rule)', async () => {
    const old = new Dexie(NAME);
    old.version(5).stores(STORES_V5);
    const paid = order('1', 'taobao:id:a', t0, 10_000);
    const giftKept: Order = {
      ...order('2', 'taobao:id:a', t0 + 20 * day, 10_000), status: 'partially_refunded', refundFen: 10_000,
      items: [{ itemId: 'tea', title: '明前龙井', sku: '', quantity: 1, unitFen: 10_000, refunded: true }, { itemId: 'gift', title: '试饮装', sku: '', quantity: 1, unitFen: 0, refunded: false }],
    };
    await old.table('orders').bulkPut([paid, giftKept]);
    // As v5 counted it: two purchases (the status alone decided).
    await old.table('customers').put({
      key: 'taobao:id:a', platform: 'taobao', nick: 'a', identity: 'strong', orderCount: 2, totalFen: 10_000, purchases: ['1', '2'],
      firstPurchaseAt: t0, lastPurchaseAt: t0 + 20 * day, items: [], pieces: 2, maxPieces: 1, itemIds: [], refundOpen: false,
      tags: [], notes: '爱喝绿茶', updatedAt: t0,
    });
    old.close();
    const db = new LaokeDB(NAME);
    await db.open();
    expect(await db.customers.get('taobao:id:a')).toMatchObject({ orderCount: 1, totalFen: 10_000, purchases: ['1'], lastPurchaseAt: t0, notes: '爱喝绿茶' });
    db.close();
  });

  it('v6 → v8: every record kept, the care log (订单关怀) empty', async () => {
    const old = new Dexie(NAME);
    old.version(6).stores(STORES_V5);
    await old.table('orders').bulkPut([order('1', 'taobao:id:a', t0, 10_000)]);
    old.close();
    const db = new LaokeDB(NAME);
    await db.open();
    expect(db.verno).toBe(11);
    expect(await db.orders.count()).toBe(1);
    expect(await db.careActions.count()).toBe(0);
    db.close();
  });

  it('v7 → v8: each customer gains the items they bought (the cross-sell conditions), notes kept', async () => {
    const old = new Dexie(NAME);
    old.version(7).stores(STORES_V7);
    const two = { ...order('2', 'taobao:id:a', t0 + 30 * day, 8_000), items: [{ itemId: 'i1', title: '商品1 新版', sku: '', quantity: 2, unitFen: 4_000, refunded: false }] };
    await old.table('orders').bulkPut([order('1', 'taobao:id:a', t0, 10_000), two]);
    await old.table('customers').put({
      key: 'taobao:id:a', platform: 'taobao', nick: 'a', identity: 'strong', orderCount: 2, totalFen: 18_000, purchases: ['1', '2'],
      firstPurchaseAt: t0, lastPurchaseAt: t0 + 30 * day, items: [], pieces: 3, maxPieces: 2, itemIds: ['i1'], refundOpen: false,
      tags: ['黑名单'], notes: '慎发', updatedAt: t0,
    });
    old.close();
    const db = new LaokeDB(NAME);
    await db.open();
    expect(await db.customers.get('taobao:id:a')).toMatchObject({
      tags: ['黑名单'], notes: '慎发', itemsBought: [{ id: 'i1', title: '商品1 新版', quantity: 3, firstAt: t0, lastAt: t0 + 30 * day }],
    });
    db.close();
  });

  it('v10 → v11 (关联): every record kept, no link yet, customers found by the phone the seller typed', async () => {
    const old = new Dexie(NAME);
    old.version(10).stores(STORES_V10);
    await old.table('orders').bulkPut([order('1', 'taobao:id:a', t0, 10_000), order('2', 'taobao:id:b', t0, 5_000)]);
    const base = {
      platform: 'taobao', identity: 'strong', orderCount: 1, purchases: [], items: [], pieces: 1, maxPieces: 1, itemIds: [], refundOpen: false, tags: [], updatedAt: t0,
    };
    await old.table('customers').bulkPut([
      { ...base, key: 'taobao:id:a', nick: 'a', totalFen: 10_000, notes: '老客', phone: '13800138000', phoneSavedAt: t0 },
      { ...base, key: 'taobao:id:b', nick: 'b', totalFen: 5_000, notes: '' },
    ]);
    await old.table('syncOutbox').add({ s: 'orders', k: '["taobao","1"]', at: t0 });
    old.close();
    const db = new LaokeDB(NAME);
    await db.open();
    expect(db.verno).toBe(11);
    expect(await db.orders.count()).toBe(2);
    expect(await db.customers.get('taobao:id:a')).toMatchObject({ notes: '老客', phone: '13800138000', totalFen: 10_000 });
    expect(await db.syncOutbox.count()).toBe(1);
    expect(await db.links.count()).toBe(0);
    // The new indexes answer: the one customer with a phone, and links by either record.
    expect(await db.customers.where('phone').above('').primaryKeys()).toEqual(['taobao:id:a']);
    expect(await db.links.where('a').equals('taobao:id:a').count()).toBe(0);
    db.close();
  });

  it('an upgrade that fails stops and says so; the database stays at its version with its data', async () => {
    await released(4);
    // An order the upgrade cannot read (items is not a list): recomputing its customer throws.
    const old = new Dexie(NAME);
    old.version(4).stores(STORES_V4);
    await old.table('orders').put({ ...order('9', 'taobao:id:a', t0 + 30 * day, 1_000), items: null });
    old.close();

    const db = new LaokeDB(NAME);
    await expect(db.open()).rejects.toThrow();
    db.close();
    const again = new Dexie(NAME);
    await again.open();
    expect(again.verno).toBe(4);
    expect(await again.table('orders').count()).toBe(4);
    expect((await again.table('customers').get('taobao:id:a')).notes).toBe('备注taobao:id:a');
    expect(again.tables.map((t) => t.name)).not.toContain('forecasts');
    again.close();
  });
});
