import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '@/utils/crm/types';
import { analyseMissing } from './reviews';
import { LaokeDB, STORES_V1 } from './schema';

const NAME = 'laoke-migration-test';
const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 5, 2);

function order(orderId: string, createdAt: number, quantity: number, extra: Partial<Order> = {}): Order {
  return {
    platform: 'taobao', orderId, customerKey: 'taobao:id:b1', identity: 'strong', nick: '小美', buyerId: 'b1',
    createdAt, status: 'completed', amountFen: 10_000 * quantity, refundFen: 0,
    items: [{ itemId: `i${orderId}`, title: `商品${orderId}`, sku: '', quantity, unitFen: 10_000, refunded: false }],
    region: '广东省 深圳市 南山区', source: 'json', firstSeenAt: createdAt, lastSeenAt: createdAt, ...extra,
  };
}

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('schema migrations', () => {
  it('v1 → v5 keeps every record and the seller\'s notes, fills the new customer figures and reads the reviews', async () => {
    // The database as version 1 wrote it: no pieces, items, region, gap or campaigns.
    const v1 = new Dexie(NAME);
    v1.version(1).stores(STORES_V1);
    const orders = [order('1', t0, 1), order('2', t0 + 10 * day, 3), order('3', t0 + 30 * day, 1, { refundOpen: true })];
    await v1.table('orders').bulkPut(orders);
    await v1.table('customers').put({
      key: 'taobao:id:b1', platform: 'taobao', nick: '小美', buyerId: 'b1', identity: 'strong', orderCount: 3,
      totalFen: 50_000, firstPurchaseAt: t0, lastPurchaseAt: t0 + 30 * day, purchases: ['1', '2', '3'],
      items: [], tags: ['VIP'], notes: '喜欢黑色', updatedAt: t0,
    });
    // A customer left without orders (should not happen) is kept, with the new figures empty.
    await v1.table('customers').put({
      key: 'taobao:nick:孤儿', platform: 'taobao', nick: '孤儿', identity: 'strong', orderCount: 0, totalFen: 0, purchases: [],
      items: [], tags: [], notes: '留着', updatedAt: t0,
    });
    await v1.table('reviews').put({ platform: 'taobao', reviewId: 'r1', orderId: '1', text: '很好' });
    v1.close();

    const db = new LaokeDB(NAME);
    await db.open();
    expect(db.verno).toBe(11);
    expect(await db.orders.count()).toBe(3);
    expect(await db.reviews.count()).toBe(1);
    // v3: a review stored before review care gets the lexicon's reading (from the background, at start).
    expect((await db.reviews.get(['taobao', 'r1']))!.analysis).toBeUndefined();
    expect(await analyseMissing(db, null)).toBe(1);
    expect((await db.reviews.get(['taobao', 'r1']))!.analysis).toMatchObject({ sentiment: 'pos', textSentiment: 'pos', complaints: [], hidden: false, by: 'lexicon' });
    expect(await db.reviews.where('createdAt').above(0).count()).toBe(0);
    expect(await db.replies.count()).toBe(0);
    // v4: callback task states and planned events start empty.
    expect(await db.taskStates.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    const c = (await db.customers.get('taobao:id:b1'))!;
    expect(c).toMatchObject({
      orderCount: 3, totalFen: 50_000, tags: ['VIP'], notes: '喜欢黑色', updatedAt: t0,
      pieces: 5, maxPieces: 3, itemIds: ['i1', 'i2', 'i3'], region: '广东省 深圳市 南山区',
      usualGapDays: 15, refundOpen: true,
      // v5: purchase days and the first day's spend, which the lifetime models count.
      purchaseDays: 3, firstDayFen: 10_000,
    });
    expect(await db.forecasts.count()).toBe(0);
    expect(await db.customers.get('taobao:nick:孤儿')).toMatchObject({ notes: '留着', pieces: 0, maxPieces: 0, itemIds: [], refundOpen: false });
    // The new index answers: orders created after day 5.
    expect(await db.orders.where('createdAt').above(t0 + 5 * day).count()).toBe(2);
    expect(await db.campaigns.count()).toBe(0);
    db.close();
  });
});
