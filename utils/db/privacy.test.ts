import 'fake-indexeddb/auto';
import { freshDbs } from '../../tests/support/db';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import { fixture } from '@/tests/fixtures';
import { summarizeCustomer } from '@/utils/crm/ingest';
import type { Campaign, Customer, Order, Review } from '@/utils/crm/types';
import { exportBackup, importBackup } from './backup';
import { saveCustomerNotes } from './customers';
import { ingestOrders } from './ingest';
import {
  applyRetention, deleteCustomer, MONTH_MS, RETENTION_BATCH, RETENTION_KEY, retentionSettings, saveRetentionSettings,
  type RetentionSettings,
} from './privacy';
import { LaokeDB, type TaskStateRecord } from './schema';
import { DATA_VERSION_KEY, readDataVersion } from './data-version';
import { readShopDigest } from './digest';

const DAY = 86_400_000;
/** 2026-06-01 12:00 in China. */
const NOW = Date.UTC(2026, 5, 1, 4);

/** A database of its own for each use, deleted after the test. */
const freshDb = freshDbs('laoke-privacy-test');

afterEach(() => {
  vi.restoreAllMocks();
});

function order(orderId: string, customerKey: string, createdAt: number, extra: Partial<Order> = {}): Order {
  const platform = customerKey.startsWith('pdd:') ? 'pdd' : 'taobao';
  return {
    platform, orderId, customerKey, identity: 'strong', nick: customerKey.split(':').at(-1)!, createdAt,
    status: 'completed', amountFen: 12_800, refundFen: 0,
    items: [{ itemId: `i${orderId}`, title: `白牡丹 ${orderId}`, sku: '100g', quantity: 1, unitFen: 12_800, refunded: false }],
    source: 'json', firstSeenAt: createdAt, lastSeenAt: createdAt, ...extra,
  };
}

/** The customer ingest would write for these orders at `updatedAt`, with what the seller typed. */
function customerOf(orders: Order[], updatedAt: number, seller: Partial<Customer> = {}): Customer {
  return { ...summarizeCustomer(orders, undefined, updatedAt)!, ...seller };
}

function review(reviewId: string, orderId: string, customerKey: string | undefined): Review {
  return {
    platform: 'taobao', reviewId, orderId, itemId: `i${orderId}`, itemTitle: `白牡丹 ${orderId}`, nick: '小***',
    rating: null, text: '茶很香', mediaCount: 0, createdAt: NOW - 20 * DAY, firstSeenAt: NOW - 20 * DAY, lastSeenAt: NOW - 20 * DAY,
    ...(customerKey ? { customerKey } : {}),
  };
}

function campaign(name: string, members: string[], holdout: string[]): Campaign {
  return { name, sentAt: NOW - 60 * DAY, rule: {}, ruleText: '买过 1 次以上', channel: 'sms', message: '老客专享', parts: 1, priceLi: 36, members, holdout };
}

/** Every store's records, but the data version (utils/db/data-version.ts), which every write moves. */
async function contents(db: LaokeDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = (await t.toArray()).filter((r) => t.name !== 'meta' || (r as { key: string }).key !== DATA_VERSION_KEY);
  return out;
}

describe('deleteCustomer', () => {
  const A = 'taobao:id:b1';
  /** Shares A's key as a prefix without the colon: a careless prefix match would take its task. */
  const B = 'taobao:id:b10';
  const C = 'pdd:order:261120-000000000000001';

  /**
   * 小林 (A): orders 3001 and 3002, review r1 on 3001 with the shop's reply, review r3 on 3002 read before
   * its order (no customerKey yet), a forecast, two task states, a member of 三八节 and held out of 618.
   * B and C: an order, a review (B's with a reply), a forecast, a task state each, in both campaigns.
   */
  async function shop(db: LaokeDB) {
    const a = [order('3001', A, NOW - 40 * DAY), order('3002', A, NOW - 10 * DAY)];
    const b = [order('4001', B, NOW - 30 * DAY)];
    const c = [order('261120-000000000000001', C, NOW - 5 * DAY, { identity: 'weak' })];
    await db.orders.bulkPut([...a, ...b, ...c]);
    await db.customers.bulkPut([
      customerOf(a, NOW - DAY, { tags: ['VIP'], notes: '喜欢白茶', phone: '13800000000', phoneSavedAt: NOW - 9 * DAY }),
      customerOf(b, NOW - DAY), customerOf(c, NOW - DAY),
    ]);
    await db.reviews.bulkPut([review('r1', '3001', A), review('r3', '3002', undefined), review('r2', '4001', B)]);
    await db.replies.bulkPut([
      { platform: 'taobao', reviewId: 'r1', text: '谢谢亲', at: NOW - 19 * DAY, source: 'copied' },
      { platform: 'taobao', reviewId: 'r2', text: '欢迎再来', at: NOW - 19 * DAY, source: 'seen' },
    ]);
    await db.forecasts.bulkPut([A, B, C].map((key) => ({ key, pAlive: 0.8, at: NOW })) as never[]);
    await db.taskStates.bulkPut(<TaskStateRecord[]>[
      { id: `loyal_purchase:${A}:3002`, state: 'done', at: NOW - 9 * DAY },
      { id: `holiday:${A}:duanwu@2026-06-19`, state: 'snoozed', until: NOW + DAY, at: NOW - DAY },
      { id: `loyal_purchase:${B}:4001`, state: 'dismissed', at: NOW - 29 * DAY },
      { id: `multi_item_first:${C}:261120-000000000000001`, state: 'done', at: NOW - 4 * DAY },
    ]);
    await db.campaigns.bulkAdd([campaign('三八节', [A, B], [C]), campaign('618', [B, C], [A])]);
    // 订单关怀: A's refund kept with ¥10 compensation and a reminder; B's call logged.
    await db.careActions.bulkAdd([
      { platform: 'taobao', orderId: '3002', customerKey: A, kind: 'refund', at: NOW - 9 * DAY, via: 'outcome', outcome: 'compensated', compensationFen: 1_000 },
      { platform: 'taobao', orderId: '3002', customerKey: A, kind: 'remind', at: NOW - 10 * DAY, via: 'copy', text: '[remind_pay]亲，记得付款' },
      { platform: 'taobao', orderId: '4001', customerKey: B, kind: 'call', at: NOW - 20 * DAY, via: 'outcome', outcome: 'called' },
    ]);
    await db.events.put({ id: 'e618', name: '618 大促', date: Date.UTC(2026, 5, 18), leadDays: 7 });
    await db.meta.put({ key: RETENTION_KEY, value: { forgetAfterMonths: 24, clearPhoneAfterMonths: null }, updatedAt: NOW });
  }

  it('removes the customer, 2 orders, 2 reviews, a reply, a forecast, 2 task states and 2 campaign memberships; nothing of B or C', async () => {
    const db = freshDb();
    await shop(db);
    const before = await contents(db);

    const version = (await readDataVersion(db)).version;
    const report = await deleteCustomer(db, A);

    expect((await readDataVersion(db)).version).toBe(version + 1);
    expect(report).toEqual({ customers: 1, orders: 2, reviews: 2, replies: 1, forecasts: 1, taskStates: 2, campaigns: 2, careActions: 2, links: 0 });
    const after = await contents(db);
    const notA = (store: string, pred: (r: any) => boolean) => before[store]!.filter((r) => !pred(r));
    expect(after.customers).toEqual(notA('customers', (c) => c.key === A));
    expect(after.orders).toEqual(notA('orders', (o) => o.customerKey === A));
    expect(after.reviews).toEqual(notA('reviews', (r) => r.reviewId === 'r1' || r.reviewId === 'r3'));
    expect(after.replies).toEqual(notA('replies', (r) => r.reviewId === 'r1'));
    expect(after.forecasts).toEqual(notA('forecasts', (f) => f.key === A));
    expect((after.taskStates as { id: string }[]).map((t) => t.id)).toEqual([`loyal_purchase:${B}:4001`, `multi_item_first:${C}:261120-000000000000001`]);
    // The campaigns keep everything else they recorded.
    expect(after.campaigns).toEqual([
      { ...(before.campaigns![0] as Campaign), members: [B], holdout: [C] },
      { ...(before.campaigns![1] as Campaign), members: [B, C], holdout: [] },
    ]);
    expect(after.events).toEqual(before.events);
    expect(after.meta).toEqual(before.meta);
  });

  it('a second call, or an unknown key, removes nothing', async () => {
    const db = freshDb();
    await shop(db);
    await deleteCustomer(db, A);
    const before = await contents(db);
    const none = { customers: 0, orders: 0, reviews: 0, replies: 0, forecasts: 0, taskStates: 0, campaigns: 0, careActions: 0, links: 0 };
    expect(await deleteCustomer(db, A)).toEqual(none);
    expect(await deleteCustomer(db, 'taobao:id:nobody')).toEqual(none);
    expect(await contents(db)).toEqual(before);
  });

  it('is one transaction: a failing write leaves everything in place', async () => {
    const db = freshDb();
    await shop(db);
    const before = await contents(db);
    vi.spyOn(db.replies, 'bulkDelete').mockRejectedValue(new Error('disk full'));
    await expect(deleteCustomer(db, A)).rejects.toThrow('disk full');
    expect(await contents(db)).toEqual(before);
  });

  it('a key holding a colon: each task goes to the longest customer key that fits its id', async () => {
    const db = freshDb();
    const short = 'taobao:nick:茶客';
    const long = 'taobao:nick:茶客:小林';
    await db.customers.bulkPut([customerOf([order('1', short, NOW)], NOW), customerOf([order('2', long, NOW)], NOW)]);
    await db.taskStates.bulkPut([
      { id: `event:${short}:e618`, state: 'done', at: NOW },
      { id: `event:${long}:e618`, state: 'done', at: NOW },
    ]);
    expect((await deleteCustomer(db, short)).taskStates).toBe(1);
    expect(await db.taskStates.toCollection().primaryKeys()).toEqual([`event:${long}:e618`]);
  });
});

describe('retention settings', () => {
  it('are both off until saved, and read back as saved', async () => {
    const db = freshDb();
    expect(await retentionSettings(db)).toEqual({ forgetAfterMonths: null, clearPhoneAfterMonths: null });
    expect(await saveRetentionSettings(db, { forgetAfterMonths: 24, clearPhoneAfterMonths: 6 }, NOW)).toEqual({ forgetAfterMonths: 24, clearPhoneAfterMonths: 6 });
    expect(await retentionSettings(db)).toEqual({ forgetAfterMonths: 24, clearPhoneAfterMonths: 6 });
    expect(await db.meta.get(RETENTION_KEY)).toEqual({ key: RETENTION_KEY, value: { forgetAfterMonths: 24, clearPhoneAfterMonths: 6 }, updatedAt: NOW });
  });

  it('accept whole months 1 to 120 or null; reject 0, 121, 1.5 and "x" without saving', async () => {
    const db = freshDb();
    for (const n of [1, 120, null]) {
      await expect(saveRetentionSettings(db, { forgetAfterMonths: n, clearPhoneAfterMonths: null })).resolves.toEqual({ forgetAfterMonths: n, clearPhoneAfterMonths: null });
    }
    await saveRetentionSettings(db, { forgetAfterMonths: 12, clearPhoneAfterMonths: 6 });
    for (const bad of [0, 121, 1.5, 'x', -1, Number.NaN, Infinity, undefined]) {
      await expect(saveRetentionSettings(db, { forgetAfterMonths: 12, clearPhoneAfterMonths: bad } as unknown as RetentionSettings)).rejects.toThrow();
      await expect(saveRetentionSettings(db, { forgetAfterMonths: bad, clearPhoneAfterMonths: 6 } as unknown as RetentionSettings)).rejects.toThrow();
    }
    expect(await retentionSettings(db)).toEqual({ forgetAfterMonths: 12, clearPhoneAfterMonths: 6 });
  });

  it('a malformed value (a hand-edited backup) reads as off, field by field', async () => {
    const db = freshDb();
    for (const [value, expected] of [
      ['x', { forgetAfterMonths: null, clearPhoneAfterMonths: null }],
      [null, { forgetAfterMonths: null, clearPhoneAfterMonths: null }],
      [{ forgetAfterMonths: 0, clearPhoneAfterMonths: 6 }, { forgetAfterMonths: null, clearPhoneAfterMonths: 6 }],
      [{ forgetAfterMonths: 24, clearPhoneAfterMonths: '6' }, { forgetAfterMonths: 24, clearPhoneAfterMonths: null }],
    ] as const) {
      await db.meta.put({ key: RETENTION_KEY, value, updatedAt: NOW });
      expect(await retentionSettings(db)).toEqual(expected);
    }
  });
});

describe('applyRetention', () => {
  it('12 months (360 days, cut-off 2025-06-06): forgets the buyer of 2025-05-07 (13 months), keeps the one of 2025-07-06 (11 months)', async () => {
    const db = freshDb();
    const o11 = [order('11', 'taobao:id:eleven', NOW - 11 * MONTH_MS)];
    const o13 = [order('13', 'taobao:id:thirteen', NOW - 13 * MONTH_MS)];
    // Exactly 12 months is not more than 12: kept.
    const o12 = [order('12', 'taobao:id:twelve', NOW - 12 * MONTH_MS)];
    // No valid purchase (refunded): counted from updatedAt, 400 days ago.
    const refunded = [order('99', 'taobao:id:refunded', NOW - 500 * DAY, { status: 'refunded', refundFen: 12_800 })];
    await db.orders.bulkPut([...o11, ...o13, ...o12, ...refunded]);
    await db.customers.bulkPut([customerOf(o11, NOW - DAY), customerOf(o13, NOW - DAY), customerOf(o12, NOW - DAY), customerOf(refunded, NOW - 400 * DAY)]);
    await db.forecasts.bulkPut([{ key: 'taobao:id:thirteen', pAlive: 0.1 }, { key: 'taobao:id:eleven', pAlive: 0.3 }] as never[]);
    await db.campaigns.add(campaign('双11', ['taobao:id:thirteen', 'taobao:id:eleven'], []));

    expect(await applyRetention(db, NOW, { forgetAfterMonths: 12, clearPhoneAfterMonths: null })).toEqual({ forgotten: 2, phonesCleared: 0 });

    expect(await db.customers.toCollection().primaryKeys()).toEqual(['taobao:id:eleven', 'taobao:id:twelve']);
    expect((await db.orders.toArray()).map((o) => o.orderId).sort()).toEqual(['11', '12']);
    expect(await db.forecasts.toCollection().primaryKeys()).toEqual(['taobao:id:eleven']);
    expect((await db.campaigns.toArray())[0]!.members).toEqual(['taobao:id:eleven']);
  });

  it('a dry run counts what would go and writes nothing', async () => {
    const db = freshDb();
    const o13 = [order('13', 'taobao:id:thirteen', NOW - 13 * MONTH_MS)];
    await db.orders.bulkPut(o13);
    await db.customers.put({ ...customerOf(o13, NOW - DAY), phone: '13800000000', phoneSavedAt: NOW - 400 * DAY });
    const settings = { forgetAfterMonths: 12, clearPhoneAfterMonths: 6 };
    expect(await applyRetention(db, NOW, settings, { dryRun: true })).toEqual({ forgotten: 1, phonesCleared: 0 });
    expect(await db.customers.count()).toBe(1);
    expect(await db.orders.count()).toBe(1);
  });

  it('months count back from when order pages were last read: a seller away 2 months does not lose a buyer who ordered meanwhile', async () => {
    const db = freshDb();
    // Order pages last read 2 months ago; the buyer's last known purchase 11 months before that (13 before now).
    await db.health.put({ pageKind: 'taobao.sold', lastSeenAt: NOW - 2 * MONTH_MS, lastOk: true, lastRows: 20, okCount: 1, failCount: 0 });
    // A review page read today does not count: it shows no orders.
    await db.health.put({ pageKind: 'taobao.reviews', lastSeenAt: NOW, lastOk: true, lastRows: 20, okCount: 1, failCount: 0 });
    const o = [order('13', 'taobao:id:thirteen', NOW - 13 * MONTH_MS)];
    await db.orders.bulkPut(o);
    await db.customers.put(customerOf(o, NOW - DAY));
    expect(await applyRetention(db, NOW, { forgetAfterMonths: 12, clearPhoneAfterMonths: null })).toEqual({ forgotten: 0, phonesCleared: 0 });
    // Two more months without reading pages change nothing; reading one (now) does.
    await db.health.put({ pageKind: 'taobao.sold', lastSeenAt: NOW, lastOk: true, lastRows: 20, okCount: 2, failCount: 0 });
    expect(await applyRetention(db, NOW, { forgetAfterMonths: 12, clearPhoneAfterMonths: null })).toEqual({ forgotten: 1, phonesCleared: 0 });
  });

  it('uses the saved settings when none are given', async () => {
    const db = freshDb();
    const o13 = [order('13', 'taobao:id:thirteen', NOW - 13 * MONTH_MS)];
    await db.orders.bulkPut(o13);
    await db.customers.put(customerOf(o13, NOW - DAY));
    expect(await applyRetention(db, NOW)).toEqual({ forgotten: 0, phonesCleared: 0 });
    await saveRetentionSettings(db, { forgetAfterMonths: 12, clearPhoneAfterMonths: null });
    expect(await applyRetention(db, NOW)).toEqual({ forgotten: 1, phonesCleared: 0 });
  });

  it('6 months (180 days, cut-off 2025-12-03): clears phones typed before it, by phoneSavedAt, else by updatedAt', async () => {
    const db = freshDb();
    const k = (n: string) => `taobao:id:${n}`;
    const orders = ['typedOld', 'typedRecent', 'legacyOld', 'legacyRecent', 'noPhone'].map((n, i) => order(`${i}`, k(n), NOW - 20 * DAY));
    await db.orders.bulkPut(orders);
    await db.customers.bulkPut([
      // Typed 2025-11-13 (200 days): cleared, though the buyer came back yesterday (updatedAt).
      customerOf([orders[0]!], NOW - DAY, { phone: '13800000001', phoneSavedAt: NOW - 200 * DAY, notes: '老客' }),
      // Typed 2026-02-21 (100 days): kept, though the record is older (updatedAt 2025-08-05).
      customerOf([orders[1]!], NOW - 300 * DAY, { phone: '13800000002', phoneSavedAt: NOW - 100 * DAY }),
      // Saved before phoneSavedAt existed: counted from updatedAt, 200 days → cleared; 30 days → kept.
      customerOf([orders[2]!], NOW - 200 * DAY, { phone: '13800000003' }),
      customerOf([orders[3]!], NOW - 30 * DAY, { phone: '13800000004' }),
      customerOf([orders[4]!], NOW - 400 * DAY),
    ]);
    const before = await db.customers.toArray();

    expect(await applyRetention(db, NOW, { forgetAfterMonths: null, clearPhoneAfterMonths: 6 })).toEqual({ forgotten: 0, phonesCleared: 2 });

    const after = await db.customers.toArray();
    const cleared = (c: Customer) => {
      const { phone: _p, phoneSavedAt: _s, ...rest } = c;
      return rest;
    };
    const was = new Map(before.map((c) => [c.key, c]));
    expect(after).toEqual([
      cleared(was.get(k('legacyOld'))!), was.get(k('legacyRecent')), was.get(k('noPhone')),
      cleared(was.get(k('typedOld'))!), was.get(k('typedRecent')),
    ]);
    expect(after.find((c) => c.key === k('typedOld'))).toMatchObject({ notes: '老客', updatedAt: NOW - DAY });
    expect(await db.orders.count()).toBe(5);
  });

  it('with both settings off changes nothing, however old the data', async () => {
    const db = freshDb();
    const old = [order('1', 'taobao:id:old', NOW - 2000 * DAY)];
    await db.orders.bulkPut(old);
    await db.customers.put(customerOf(old, NOW - 2000 * DAY, { phone: '13800000000', phoneSavedAt: NOW - 2000 * DAY }));
    await db.meta.put({ key: 'pulse', value: { day: 0 }, updatedAt: NOW });
    const before = await contents(db);
    expect(await applyRetention(db, NOW, { forgetAfterMonths: null, clearPhoneAfterMonths: null })).toEqual({ forgotten: 0, phonesCleared: 0 });
    expect(await applyRetention(db, NOW)).toEqual({ forgotten: 0, phonesCleared: 0 });
    expect(await contents(db)).toEqual(before);
  });

  it(`works through the shop ${RETENTION_BATCH} customers per transaction; a failing batch is undone whole, earlier ones stay`, async () => {
    const db = freshDb();
    const n = 2 * RETENTION_BATCH + 50;
    const key = (i: number) => `taobao:id:${String(i).padStart(5, '0')}`;
    // Every tenth customer bought 13 months ago, the rest 1 month ago; every customer has one order.
    const orders = Array.from({ length: n }, (_, i) => order(`${i}`, key(i), NOW - (i % 10 === 0 ? 13 : 1) * MONTH_MS));
    await db.orders.bulkPut(orders);
    await db.customers.bulkPut(orders.map((o) => customerOf([o], NOW - DAY, { phone: '13800000000', phoneSavedAt: NOW - 7 * MONTH_MS })));
    const settings = { forgetAfterMonths: 12, clearPhoneAfterMonths: 6 };

    // The second batch fails at its order deletion: the first is done, the second and third untouched.
    const real = db.orders.bulkDelete.bind(db.orders);
    let calls = 0;
    vi.spyOn(db.orders, 'bulkDelete').mockImplementation(((keys: Parameters<typeof real>[0]) => (++calls === 2 ? Promise.reject(new Error('crash')) : real(keys))) as never);
    await expect(applyRetention(db, NOW, settings)).rejects.toThrow('crash');
    const forgottenInFirst = RETENTION_BATCH / 10;
    expect(await db.customers.count()).toBe(n - forgottenInFirst);
    expect(await db.orders.count()).toBe(n - forgottenInFirst);
    expect(await db.customers.where('key').above(key(RETENTION_BATCH - 1)).filter((c) => c.phone === undefined).count()).toBe(0);
    vi.restoreAllMocks();

    const transaction = vi.spyOn(db, 'transaction');
    const forgottenTotal = Math.ceil(n / 10);
    expect(await applyRetention(db, NOW, settings)).toEqual({ forgotten: forgottenTotal - forgottenInFirst, phonesCleared: n - forgottenTotal - (RETENTION_BATCH - forgottenInFirst) });
    // The 1,950 customers left: a batch of 1,000, then one of 950 (shorter: the last).
    expect(transaction).toHaveBeenCalledTimes(2);
    expect(await db.customers.count()).toBe(n - forgottenTotal);
    expect(await db.orders.count()).toBe(n - forgottenTotal);
    expect(await db.customers.filter((c) => c.phone !== undefined || c.phoneSavedAt !== undefined).count()).toBe(0);
  }, 60_000);
});

describe('phoneSavedAt', () => {
  async function withCustomer(db: LaokeDB, seller: Partial<Customer> = {}): Promise<Customer> {
    const c = customerOf([order('1', 'taobao:id:b1', NOW - 50 * DAY)], NOW - 40 * DAY, { tags: [], notes: '', ...seller });
    await db.customers.put(c);
    return c;
  }

  it('saveCustomerNotes sets it when the phone is typed, keeps it when the phone is saved unchanged, moves it when changed, removes it when cleared', async () => {
    const db = freshDb();
    await withCustomer(db);
    const k = 'taobao:id:b1';
    expect(await saveCustomerNotes(db, k, { tags: [], notes: '', phone: '' }, NOW - 30 * DAY)).not.toHaveProperty('phoneSavedAt');
    expect(await saveCustomerNotes(db, k, { tags: [], notes: '', phone: ' 13800000000 ' }, NOW - 20 * DAY)).toMatchObject({ phone: '13800000000', phoneSavedAt: NOW - 20 * DAY });
    // Notes edited ten days later, the phone field as it was (spaces and all): the phone's date stays.
    expect(await saveCustomerNotes(db, k, { tags: ['VIP'], notes: '要发票', phone: '13800000000 ' }, NOW - 10 * DAY)).toMatchObject({ phone: '13800000000', phoneSavedAt: NOW - 20 * DAY, notes: '要发票' });
    expect(await saveCustomerNotes(db, k, { tags: ['VIP'], notes: '要发票', phone: '13900000000' }, NOW - 5 * DAY)).toMatchObject({ phone: '13900000000', phoneSavedAt: NOW - 5 * DAY });
    const cleared = await saveCustomerNotes(db, k, { tags: ['VIP'], notes: '要发票', phone: '  ' }, NOW);
    expect(cleared).not.toHaveProperty('phone');
    expect(cleared).not.toHaveProperty('phoneSavedAt');
    expect(await db.customers.get(k)).toEqual(cleared);
  });

  it('a phone saved before the field existed stays undated when saved unchanged (retention then counts from updatedAt)', async () => {
    const db = freshDb();
    await withCustomer(db, { phone: '13800000000' });
    const saved = await saveCustomerNotes(db, 'taobao:id:b1', { tags: [], notes: '新备注', phone: '13800000000' }, NOW);
    expect(saved).toMatchObject({ phone: '13800000000', notes: '新备注' });
    expect(saved).not.toHaveProperty('phoneSavedAt');
  });

  it('survives a recompute from the orders (the buyer orders again)', () => {
    const orders = [order('1', 'taobao:id:b1', NOW - 50 * DAY)];
    const previous = customerOf(orders, NOW - 40 * DAY, { phone: '13800000000', phoneSavedAt: NOW - 30 * DAY });
    const next = summarizeCustomer([...orders, order('2', 'taobao:id:b1', NOW - DAY)], previous, NOW);
    expect(next).toMatchObject({ orderCount: 2, phone: '13800000000', phoneSavedAt: NOW - 30 * DAY, updatedAt: NOW });
  });

  it('goes with the phone when a nick-only record joins the buyer-id record at ingest', async () => {
    const db = freshDb();
    const r = parseSoldJson(JSON.parse(fixture('taobao-sold-page1.json')));
    if (!r.ok) throw new Error(r.reason);
    const [withId, second, third] = [r.orders[0]!, r.orders[1]!, r.orders[2]!];
    await ingestOrders(db, [{ ...third, buyer: { id: 'AAFx1y2z3ExampleBuyer01', nick: '旧昵称' } }], 500);
    await ingestOrders(db, [{ ...second, buyer: { nick: '茶客小林' }, source: 'dom' }], 1_000);
    await db.customers.update('taobao:nick:茶客小林', { phone: '13800001111', phoneSavedAt: 800 });
    await ingestOrders(db, [withId], 2_000);
    expect(await db.customers.get('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ phone: '13800001111', phoneSavedAt: 800, updatedAt: 2_000 });
  });

  it('is kept by a backup, restored or merged', async () => {
    const source = freshDb();
    const orders = [order('1', 'taobao:id:b1', NOW - 50 * DAY)];
    await source.orders.bulkPut(orders);
    await source.customers.put(customerOf(orders, NOW - 40 * DAY, { phone: '13800000000', phoneSavedAt: NOW - 30 * DAY }));
    const text = await exportBackup(source, { now: NOW });

    const restored = freshDb();
    expect((await importBackup(restored, text, { mode: 'replace', confirmation: '替换', now: NOW })).ok).toBe(true);
    expect(await restored.customers.get('taobao:id:b1')).toMatchObject({ phone: '13800000000', phoneSavedAt: NOW - 30 * DAY });

    // Here the buyer has no phone: the backup's phone comes with its date.
    const merged = freshDb();
    await merged.orders.bulkPut(orders);
    await merged.customers.put(customerOf(orders, NOW - 40 * DAY, { notes: '这里的备注' }));
    expect((await importBackup(merged, text, { mode: 'merge', now: NOW })).ok).toBe(true);
    expect(await merged.customers.get('taobao:id:b1')).toMatchObject({ phone: '13800000000', phoneSavedAt: NOW - 30 * DAY, notes: '这里的备注' });
  });
});

describe('no copy stays in the analytics digests (digest.ts)', () => {
  const LIN = 'taobao:id:小林';
  const WANG = 'taobao:id:老王';

  /** Every string the digests and their log hold (the columns' dictionaries, the deleted keys). */
  async function digestText(db: LaokeDB): Promise<string> {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) Object.values(v).forEach(walk);
    };
    walk(await db.digests.toArray());
    walk(await db.digestLog.toArray());
    return out.join('\n');
  }

  /** 小林 in the compacted base (an order) and in the log after it (a second order, read since). */
  async function shopWithDigest(db: LaokeDB) {
    const lin1 = order('5001', LIN, NOW - 400 * DAY, { region: '浙江省 杭州市 西湖区' });
    const wang = order('6001', WANG, NOW - 5 * DAY);
    await db.orders.bulkPut([lin1, wang]);
    await db.customers.bulkPut([customerOf([lin1], NOW - 400 * DAY), customerOf([wang], NOW - 5 * DAY)]);
    await (await readShopDigest(db)).compact();
    const lin2 = order('5002', LIN, NOW - 390 * DAY);
    await db.orders.put(lin2);
    await db.customers.put(customerOf([lin1, lin2], NOW - 390 * DAY));
    expect(await digestText(db)).toContain('小林');
  }

  it('删除此客户: their nick, key and region are gone from the digests and the log at once; the digest reads as the records', async () => {
    const db = freshDb();
    await shopWithDigest(db);
    await deleteCustomer(db, LIN);
    const text = await digestText(db);
    expect(text).not.toContain('小林');
    expect(text).not.toContain('西湖区');
    expect(text).toContain('老王');
    const digest = await readShopDigest(db);
    expect(digest.orders.map((o) => o.orderId)).toEqual((await db.orders.toArray()).map((o) => o.orderId));
    expect(digest.customers.map((c) => c.key)).toEqual([WANG]);
  });

  it('retention: a forgotten buyer is gone from the digests too', async () => {
    const db = freshDb();
    await shopWithDigest(db);
    const { forgotten } = await applyRetention(db, NOW, { forgetAfterMonths: 12, clearPhoneAfterMonths: null });
    expect(forgotten).toBe(1);
    expect(await digestText(db)).not.toContain('小林');
    expect((await readShopDigest(db)).customers.map((c) => c.key)).toEqual([WANG]);
  });

  it('an analytics reader that read before the deletion does not write the deleted buyer back when it compacts', async () => {
    const db = freshDb();
    await shopWithDigest(db);
    const stale = await readShopDigest(db);
    await deleteCustomer(db, LIN);
    await stale.compact();
    expect(await digestText(db)).not.toContain('小林');
    expect((await readShopDigest(db)).customers.map((c) => c.key)).toEqual([WANG]);
  });

  it('a base still to be rebuilt (never compacted) keeps no log of theirs either', async () => {
    const db = freshDb();
    const lin = order('5001', LIN, NOW - 400 * DAY);
    await db.orders.put(lin);
    await db.customers.put(customerOf([lin], NOW - 400 * DAY));
    await db.digests.bulkPut([{ table: 'orders', upTo: 0, rebuild: true }, { table: 'customers', upTo: 0, rebuild: true }]);
    const stale = await readShopDigest(db);
    await deleteCustomer(db, LIN);
    expect(await digestText(db)).not.toContain('小林');
    await stale.compact();
    expect(await digestText(db)).not.toContain('小林');
    expect((await readShopDigest(db)).orders).toEqual([]);
  });
});
