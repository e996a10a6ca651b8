import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '../../tests/support/db';
import { MAX_TAGS, summarizeCustomer } from '@/utils/crm/ingest';
import type { Customer, Order, Review } from '@/utils/crm/types';
import { exportBackup, importBackup } from './backup';
import { MERGE_RULES } from './backup-merge';
import { readConflicts } from './health';
import { RECORD_SCHEMAS } from './records';
import { LaokeDB } from './schema';
import { DIGEST_STORES } from './digest';
import { SYNC_STORES } from './sync-outbox';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 4);
const freshDb = freshDbs('laoke-backup-merge-test');

function order(orderId: string, customerKey: string, lastSeenAt: number, extra: Partial<Order> = {}): Order {
  const id = customerKey.startsWith('taobao:id:') ? { buyerId: customerKey.slice('taobao:id:'.length) } : {};
  return {
    platform: 'taobao', orderId, customerKey, identity: 'strong', nick: customerKey.split(':').at(-1)!, ...id, createdAt: T0, paidAt: T0 + 60_000,
    status: 'completed', amountFen: 12_800, refundFen: 0,
    items: [{ itemId: `i${orderId}`, title: `白牡丹 ${orderId}`, sku: '100g', quantity: 1, unitFen: 12_800, refunded: false }],
    source: 'json', firstSeenAt: T0, lastSeenAt, ...extra,
  };
}

function customerOf(o: Order | Order[], seller: Partial<Pick<Customer, 'tags' | 'notes' | 'phone' | 'phoneSavedAt' | 'updatedAt'>>): Customer {
  return { ...summarizeCustomer([o].flat(), undefined, T0 + 10 * DAY)!, tags: [], notes: '', ...seller };
}

function review(reviewId: string, orderId: string, customerKey: string, extra: Partial<Review> = {}): Review {
  return {
    platform: 'taobao', reviewId, orderId, customerKey, itemId: `i${orderId}`, itemTitle: `白牡丹 ${orderId}`, nick: '小***',
    rating: 5, text: '茶很香，回购了', mediaCount: 0, createdAt: T0 + 5 * DAY, firstSeenAt: T0 + 5 * DAY, lastSeenAt: T0 + 6 * DAY, ...extra,
  };
}

/** The backup `other` merged into `db` at `now`; the import must succeed. */
async function merge(db: LaokeDB, other: LaokeDB | string, now = T0 + 40 * DAY): Promise<void> {
  const text = typeof other === 'string' ? other : await exportBackup(other);
  expect(await importBackup(db, text, { mode: 'merge', now })).toMatchObject({ ok: true, rejectedCount: 0 });
}

/**
 * Here 小七 is known by nick; the backup (another computer) read the same order later, under the buyer
 * id it proved, and that buyer's record already carries what the seller typed about 小七 there.
 */
async function foldInto(hereNotes: string, provenNotes: string): Promise<Customer | undefined> {
  const other = freshDb();
  const proven = order('6001', 'taobao:id:b7', T0 + 3 * DAY, { nick: '小七' });
  await other.orders.put(proven);
  await other.customers.put(customerOf(proven, { tags: [], notes: provenNotes }));
  const db = freshDb();
  const byNick = order('6001', 'taobao:nick:小七', T0 + DAY);
  await db.orders.put(byNick);
  await db.customers.put(customerOf(byNick, { tags: ['熟客'], notes: hereNotes }));
  expect((await importBackup(db, await exportBackup(other), { mode: 'merge', now: T0 + 40 * DAY })).ok).toBe(true);
  expect(await db.customers.get('taobao:nick:小七')).toBeUndefined();
  return db.customers.get('taobao:id:b7');
}

describe('backup merge', () => {
  it('every store of the schema has a record schema and a merge rule', () => {
    // The digests are derived copies of orders and customers, and the sync stores this machine's queue and keys: never backed up.
    const stores = new LaokeDB('laoke-backup-merge-unopened').tables.map((t) => t.name).filter((n) => !DIGEST_STORES.includes(n) && !SYNC_STORES.includes(n)).sort();
    expect([...RECORD_SCHEMAS.keys()].sort()).toEqual(stores);
    expect([...MERGE_RULES.keys()].sort()).toEqual(stores);
  });

  // Behaviour that changed when the fold became ingest's foldSellerFields (it joined the two notes
  // with a line break whatever they were).
  it('a buyer folded into the proven one: notes it already carries are not repeated', async () => {
    expect(await foldInto('小七要红茶', '已确认身份\n小七要红茶')).toMatchObject({ notes: '已确认身份\n小七要红茶', tags: ['熟客'] });
  });

  it('a buyer folded into the proven one: blank notes add nothing', async () => {
    expect(await foldInto('  ', '已确认身份')).toMatchObject({ notes: '已确认身份', tags: ['熟客'] });
    expect(await foldInto('小七要红茶', '  ')).toMatchObject({ notes: '小七要红茶' });
  });

  it('a buyer folded into the proven one: different notes are both kept, the proven buyer\'s first', async () => {
    expect(await foldInto('小七要红茶', '已确认身份')).toMatchObject({ notes: '已确认身份\n小七要红茶' });
  });
});

// The merge meets two stored copies of an order as ingest meets a stored order and a page's reading
// (utils/crm/ingest.ts mergeOrder): the earlier reading is the one stored, the later one the reading.
describe('backup merge: orders by ingest\'s rules', () => {
  it('a DOM reading in the backup, read later, does not replace the JSON order here (nor its buyer)', async () => {
    // Here: 小林's ¥128.00 order, read from the page's JSON. The backup read the same order number
    // five days later from a DOM row: another nick, 已退款 (refunded). A DOM row is easy to forge.
    const db = freshDb();
    const json = order('7001', 'taobao:id:lin', T0 + DAY, { nick: '茶客小林' });
    await db.orders.put(json);
    await db.customers.put(customerOf(json, { notes: '老客，送小样' }));
    const other = freshDb();
    const dom = order('7001', 'taobao:nick:别人', T0 + 5 * DAY, { status: 'refunded', refundFen: 12_800, source: 'dom' });
    await other.orders.put(dom);
    await other.customers.put(customerOf(dom, {}));

    await merge(db, other);
    // The order stays as the JSON read it, under 小林; only "seen again" is taken.
    expect(await db.orders.get(['taobao', '7001'])).toEqual({ ...json, lastSeenAt: T0 + 5 * DAY });
    expect(await db.customers.get('taobao:id:lin')).toMatchObject({ orderCount: 1, totalFen: 12_800, notes: '老客，送小样' });
    // The nick the DOM row named has no order and nothing the seller typed: no record.
    expect(await db.customers.get('taobao:nick:别人')).toBeUndefined();
  });

  it('a weaker identity in the backup, read later, does not take the order from the buyer proven here', async () => {
    // Here the order is 小林's by buyer id; the backup only saw a masked nick (茶**林), later.
    const db = freshDb();
    const proven = order('7002', 'taobao:id:lin', T0 + DAY, { nick: '茶客小林' });
    await db.orders.put(proven);
    await db.customers.put(customerOf(proven, {}));
    const other = freshDb();
    await other.orders.put(order('7002', 'taobao:order:7002', T0 + 5 * DAY, { identity: 'weak', nick: '茶**林', status: 'shipped' }));

    await merge(db, other);
    // The later reading's status is taken (as ingest takes it), the buyer and the full nick are not.
    expect(await db.orders.get(['taobao', '7002'])).toMatchObject({
      customerKey: 'taobao:id:lin', identity: 'strong', buyerId: 'lin', nick: '茶客小林', status: 'shipped', lastSeenAt: T0 + 5 * DAY,
    });
    expect(await db.customers.get('taobao:id:lin')).toMatchObject({ orderCount: 1 });
    expect(await db.customers.get('taobao:order:7002')).toBeUndefined();
  });

  it('an order under another buyer id in the backup is a conflict: it stays with the buyer here, and is logged', async () => {
    // Here 阿花 (buyer id hua) bought order 7003 for ¥128.00. The backup, read later, says the same
    // order number is buyer id zz's, refunded. One of the two is wrong; the buyer here stays.
    const db = freshDb();
    const hua = order('7003', 'taobao:id:hua', T0 + DAY, { nick: '阿花' });
    await db.orders.put(hua);
    await db.customers.put(customerOf(hua, { tags: ['VIP'] }));
    const other = freshDb();
    const zz = order('7003', 'taobao:id:zz', T0 + 5 * DAY, { nick: '别人', status: 'refunded', refundFen: 12_800 });
    await other.orders.put(zz);
    await other.customers.put(customerOf(zz, { notes: '另一台电脑记的' }));
    await other.reviews.put(review('r73', '7003', 'taobao:id:zz'));

    const NOW = T0 + 40 * DAY;
    await merge(db, other, NOW);
    expect(await db.orders.get(['taobao', '7003'])).toEqual(hua);
    expect(await db.customers.get('taobao:id:hua')).toMatchObject({ orderCount: 1, totalFen: 12_800, tags: ['VIP'] });
    // zz keeps what the seller wrote about them, without the order.
    expect(await db.customers.get('taobao:id:zz')).toMatchObject({ orderCount: 0, purchases: [], notes: '另一台电脑记的' });
    // The order's review follows the order's buyer.
    expect((await db.reviews.get(['taobao', 'r73']))!.customerKey).toBe('taobao:id:hua');
    expect(await readConflicts(db)).toEqual({
      total: 1, recent: [{ platform: 'taobao', orderId: '7003', storedKey: 'taobao:id:hua', seenKey: 'taobao:id:zz', at: NOW }],
    });
  });

  it('a JSON reading in the backup replaces a DOM-only order here, though read earlier, and the notes follow it', async () => {
    // Here 小七's order was only ever read from a DOM row (已发货 shipped), five days in. The backup
    // read it from the page's JSON on day two: buyer id b7, nick 小七, 交易成功 (completed).
    const db = freshDb();
    const dom = order('7004', 'taobao:nick:小七', T0 + 5 * DAY, { status: 'shipped', source: 'dom' });
    await db.orders.put(dom);
    await db.customers.put(customerOf(dom, { tags: ['熟客'], notes: '小七要红茶', phone: '13800001111', phoneSavedAt: T0 + DAY }));
    const other = freshDb();
    const json = order('7004', 'taobao:id:b7', T0 + 2 * DAY, { nick: '小七' });
    await other.orders.put(json);
    await other.customers.put(customerOf(json, {}));

    await merge(db, other);
    expect(await db.orders.get(['taobao', '7004'])).toEqual({ ...json, lastSeenAt: T0 + 5 * DAY });
    // What the seller typed about 小七 is on b7 now; the nick's record, all of it carried, goes.
    expect(await db.customers.get('taobao:id:b7')).toMatchObject({
      orderCount: 1, tags: ['熟客'], notes: '小七要红茶', phone: '13800001111', phoneSavedAt: T0 + DAY,
    });
    expect(await db.customers.get('taobao:nick:小七')).toBeUndefined();
  });

  it('an order moved to the proven buyer takes the notes along, though the buyer it left keeps other orders', async () => {
    // Here 小七 (by nick) has two orders; the backup proved the first to be buyer id b7's.
    const db = freshDb();
    const mine = [order('7005', 'taobao:nick:小七', T0 + DAY), order('7006', 'taobao:nick:小七', T0 + DAY, { createdAt: T0 + 3 * DAY })];
    await db.orders.bulkPut(mine);
    await db.customers.put(customerOf(mine, { notes: '小七要红茶' }));
    const other = freshDb();
    const proven = order('7005', 'taobao:id:b7', T0 + 4 * DAY, { nick: '小七' });
    await other.orders.put(proven);
    await other.customers.put(customerOf(proven, {}));

    await merge(db, other);
    expect(await db.customers.get('taobao:id:b7')).toMatchObject({ purchases: ['7005'], notes: '小七要红茶' });
    expect(await db.customers.get('taobao:nick:小七')).toMatchObject({ purchases: ['7006'], notes: '小七要红茶' });
  });
});

describe('backup merge: a review\'s handled time, by ingest\'s rule (mergeReview)', () => {
  it('a 追评 (follow-up review) read later in the backup is not answered by the draft copied here', async () => {
    // Here the seller copied a reply draft for r1 on day 8. The backup read r1 on day 20, with the
    // buyer's 追评 written after it: the draft did not answer that.
    const db = freshDb();
    await db.reviews.put(review('r1', '8001', 'taobao:id:b1', { lastSeenAt: T0 + 8 * DAY, handledAt: T0 + 8 * DAY }));
    const other = freshDb();
    await other.reviews.put(review('r1', '8001', 'taobao:id:b1', { lastSeenAt: T0 + 20 * DAY, appendText: '用了一周，壶盖漏水', appendDays: 12 }));

    await merge(db, other);
    const r1 = (await db.reviews.get(['taobao', 'r1']))!;
    expect(r1).toMatchObject({ appendText: '用了一周，壶盖漏水', lastSeenAt: T0 + 20 * DAY });
    expect(r1.handledAt).toBeUndefined();
  });

  it('without a new 追评 the handled time is kept, whichever side copied the draft', async () => {
    const db = freshDb();
    await db.reviews.bulkPut([
      review('r2', '8002', 'taobao:id:b1', { lastSeenAt: T0 + 8 * DAY, handledAt: T0 + 8 * DAY }),
      review('r3', '8003', 'taobao:id:b1', { lastSeenAt: T0 + 20 * DAY, appendText: '回购了' }),
    ]);
    const other = freshDb();
    await other.reviews.bulkPut([
      review('r2', '8002', 'taobao:id:b1', { lastSeenAt: T0 + 20 * DAY }),
      // The backup's older reading of r3 was handled there, with the same 追评.
      review('r3', '8003', 'taobao:id:b1', { lastSeenAt: T0 + 9 * DAY, appendText: '回购了', handledAt: T0 + 9 * DAY }),
    ]);

    await merge(db, other);
    expect(await db.reviews.get(['taobao', 'r2'])).toMatchObject({ lastSeenAt: T0 + 20 * DAY, handledAt: T0 + 8 * DAY });
    expect(await db.reviews.get(['taobao', 'r3'])).toMatchObject({ lastSeenAt: T0 + 20 * DAY, handledAt: T0 + 9 * DAY });
  });
});

describe('backup merge: the seller\'s correction of a review\'s complaints, by ingest\'s rule (mergeReview)', () => {
  it('kept from the older copy while the text is the one corrected; dropped with a new 追评; the later correction wins', async () => {
    const db = freshDb();
    await db.reviews.bulkPut([
      review('c1', '8101', 'taobao:id:b1', { lastSeenAt: T0 + 8 * DAY, aspectCorrection: { complaints: ['mismatch'], at: T0 + 8 * DAY } }),
      review('c2', '8102', 'taobao:id:b1', { lastSeenAt: T0 + 8 * DAY, aspectCorrection: { complaints: ['mismatch'], at: T0 + 8 * DAY } }),
      review('c3', '8103', 'taobao:id:b1', { lastSeenAt: T0 + 8 * DAY, aspectCorrection: { complaints: ['mismatch'], at: T0 + 8 * DAY } }),
    ]);
    const other = freshDb();
    await other.reviews.bulkPut([
      // Read later there, the same text: the correction here stays.
      review('c1', '8101', 'taobao:id:b1', { lastSeenAt: T0 + 20 * DAY }),
      // Read later there with a 追评: read afresh.
      review('c2', '8102', 'taobao:id:b1', { lastSeenAt: T0 + 20 * DAY, appendText: '用了一周，壶盖漏水', appendDays: 12 }),
      // Corrected again there, later: that one.
      review('c3', '8103', 'taobao:id:b1', { lastSeenAt: T0 + 20 * DAY, aspectCorrection: { complaints: ['quality'], at: T0 + 19 * DAY } }),
    ]);
    await merge(db, other);
    expect((await db.reviews.get(['taobao', 'c1']))!.aspectCorrection).toEqual({ complaints: ['mismatch'], at: T0 + 8 * DAY });
    expect((await db.reviews.get(['taobao', 'c2']))!.aspectCorrection).toBeUndefined();
    expect((await db.reviews.get(['taobao', 'c3']))!.aspectCorrection).toEqual({ complaints: ['quality'], at: T0 + 19 * DAY });
  });
});

describe('backup merge: a buyer left behind goes only when all the seller typed goes along', () => {
  it(`tags past the ${MAX_TAGS}-tag limit keep the buyer they are on`, async () => {
    // The backup's b7 already has 20 tags; here 小七 (the same order, by nick) has the tag 熟客.
    const twenty = Array.from({ length: MAX_TAGS }, (_, i) => `标签${i + 1}`);
    const other = freshDb();
    const proven = order('6001', 'taobao:id:b7', T0 + 3 * DAY, { nick: '小七' });
    await other.orders.put(proven);
    await other.customers.put(customerOf(proven, { tags: twenty, notes: '已确认身份' }));
    const db = freshDb();
    const byNick = order('6001', 'taobao:nick:小七', T0 + DAY);
    await db.orders.put(byNick);
    await db.customers.put(customerOf(byNick, { tags: ['熟客'], notes: '小七要红茶' }));

    await merge(db, other);
    // b7 has the order and 小七's notes; 熟客 does not fit, so 小七's record stays, with no purchases.
    expect(await db.customers.get('taobao:id:b7')).toMatchObject({ orderCount: 1, tags: twenty, notes: '已确认身份\n小七要红茶' });
    expect(await db.customers.get('taobao:nick:小七')).toMatchObject({ orderCount: 0, purchases: [], tags: ['熟客'], notes: '小七要红茶' });
  });
});

describe('backup merge of an earlier schema: customers as the upgrade leaves them', () => {
  it('a phone typed before phones were dated is dated from the record\'s last change (the v5 upgrade\'s rule)', async () => {
    // A v4 backup: b9's phone was typed when Laoke kept no date for it; the record last changed on day 10.
    const other = freshDb();
    const o = order('9001', 'taobao:id:b9', T0 + 2 * DAY);
    await other.orders.put(o);
    await other.customers.put(customerOf(o, { phone: '13700009999', updatedAt: T0 + 10 * DAY }));
    const doc = JSON.parse(await exportBackup(other));
    doc.schemaVersion = 4;
    for (const c of doc.stores.customers) {
      delete c.purchaseDays;
      delete c.firstDayFen;
    }
    // Here b9 is known, without a phone.
    const db = freshDb();
    await db.orders.put(o);
    await db.customers.put(customerOf(o, { notes: '要发顺丰' }));

    await merge(db, JSON.stringify(doc), T0 + 60 * DAY);
    // Retention counts the phone's age from day 10, not from today's merge (which moved updatedAt).
    expect(await db.customers.get('taobao:id:b9')).toMatchObject({
      phone: '13700009999', phoneSavedAt: T0 + 10 * DAY, notes: '要发顺丰', purchaseDays: 1, updatedAt: T0 + 60 * DAY,
    });
  });
});
