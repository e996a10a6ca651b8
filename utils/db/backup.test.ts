import 'fake-indexeddb/auto';
import { SYNC_STORES } from './sync-outbox';
import { aspectLabels, trainAspectModel } from '@/utils/crm/aspect-model';
import { saveCycles, saveMemberTiers } from './customer-value';
import { PRESET_LADDER } from '@/utils/crm/customer-value';
import { freshDbs } from '../../tests/support/db';
import type { Table } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summarizeCustomer } from '@/utils/crm/ingest';
import type { Customer, Order, Review } from '@/utils/crm/types';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  BACKUP_STORES, base64ToBytes, bytesToBase64, exportBackup, importBackup, importBackupFile, MAX_BACKUP_BYTES, META_KEYS,
  MIN_PASSPHRASE_LENGTH, PassphraseTooShortError, PBKDF2_ITERATIONS, REPLACE_CONFIRMATIONS, replaceConfirmed, type ImportReport,
} from './backup';
import { countTasks } from '@/utils/crm/tasks';
import { customersFromHistories, simulateBgNbd } from '../../tests/bench/clv-sim';
import { refreshForecasts } from './forecasts';
import { RETENTION_KEY, retentionSettings, saveRetentionSettings } from './privacy';
import { savePulseSnapshot } from './popup-figures';
import { recordConflict } from './health';
import { saveCareScripts, saveCareSettings } from './order-care';
import { LaokeDB, type TaskStateRecord } from './schema';
import { DATA_VERSION_KEY, readDataVersion } from './data-version';
import { DIGEST_STORES, readShopDigest } from './digest';

/** The stores a backup carries: all but the digests (derived copies of orders and customers). */
const backedUp = (db: LaokeDB) => db.tables.filter((t) => !DIGEST_STORES.includes(t.name) && !SYNC_STORES.includes(t.name));

const DAY = 86_400_000;
/** What the seller types to confirm a replace. */
const CONFIRM = '替换';
const T0 = Date.UTC(2026, 2, 2, 4);
/** The model's size (ngram-model.ts: 2^18 hashed weights, 7 dense, the bias): about 1 MB. */
const MODEL_WEIGHTS = (1 << 18) + 8;

/** A database of its own for each use, deleted after the test. */
const freshDb = freshDbs('laoke-backup-test');

afterEach(() => {
  vi.restoreAllMocks();
});

function order(orderId: string, customerKey: string, createdAt: number, extra: Partial<Order> = {}): Order {
  const platform = customerKey.startsWith('pdd:') ? 'pdd' : 'taobao';
  return {
    platform, orderId, customerKey, identity: 'strong', nick: customerKey.split(':').at(-1)!, createdAt, paidAt: createdAt + 60_000,
    status: 'completed', amountFen: 12_800, refundFen: 0,
    items: [{ itemId: `i${orderId}`, title: `白牡丹 ${orderId}`, sku: '100g', quantity: 1, unitFen: 12_800, refunded: false }],
    region: '广东省 深圳市 南山区', source: 'json', firstSeenAt: createdAt, lastSeenAt: createdAt + DAY, ...extra,
  };
}

function customerOf(orders: Order[], seller: Partial<Pick<Customer, 'tags' | 'notes' | 'phone'>> = {}): Customer {
  const c = summarizeCustomer(orders, undefined, T0 + 40 * DAY)!;
  return { ...c, tags: seller.tags ?? [], notes: seller.notes ?? '', ...(seller.phone ? { phone: seller.phone } : {}) };
}

function review(reviewId: string, orderId: string, customerKey: string | undefined, extra: Partial<Review> = {}): Review {
  return {
    platform: 'taobao', reviewId, orderId, itemId: `i${orderId}`, itemTitle: `白牡丹 ${orderId}`, nick: '小***',
    rating: null, text: '茶很香，回购了', mediaCount: 1, createdAt: T0 + 5 * DAY,
    firstSeenAt: T0 + 5 * DAY, lastSeenAt: T0 + 6 * DAY,
    analysis: {
      sentiment: 'pos', textSentiment: 'pos', praise: 0.93, aspects: [{ aspect: 'taste', polarity: '+' }], complaints: [],
      hidden: false, appendWorse: false, by: 'model',
    },
    ...(customerKey ? { customerKey } : {}), ...extra,
  };
}

/** A seeded model-sized weight vector with negative, tiny and large values. */
function modelWeights(): Float32Array {
  const w = new Float32Array(MODEL_WEIGHTS);
  let s = 7;
  for (let i = 0; i < w.length; i++) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    w[i] = ((s / 2 ** 32) - 0.5) * (i % 97 === 0 ? 1e6 : i % 89 === 0 ? 1e-30 : 3);
  }
  return w;
}

/** Something in every store, as the extension would have written it. */
async function fillEveryStore(db: LaokeDB): Promise<void> {
  const a = [order('3001', 'taobao:id:b1', T0), order('3002', 'taobao:id:b1', T0 + 12 * DAY, { status: 'partially_refunded', refundFen: 2_000, amountFen: 25_600 }),
    order('3003', 'taobao:id:b1', T0 + 30 * DAY, { refundOpen: true, discount: { shopFen: 500, platformFen: 300 } })];
  const b = [order('261120-000000000000001', 'pdd:order:261120-000000000000001', T0 + 3 * DAY, { identity: 'weak', nick: '阿***', buyerId: undefined, source: 'dom' })];
  delete b[0]!.buyerId;
  await db.orders.bulkPut([...a, ...b]);
  await db.customers.bulkPut([customerOf(a, { tags: ['VIP', '爱喝茶'], notes: '喜欢白茶，不要放发票', phone: '13800000000' }), customerOf(b)]);
  await db.reviews.bulkPut([review('r1', '3001', 'taobao:id:b1', { handledAt: T0 + 7 * DAY, reply: '谢谢亲', repliedAt: T0 + 7 * DAY, replied: true }),
    review('r2', '9999', undefined, { rating: 2, text: '包装破了', appendText: '客服态度还行', appendDays: 3 })]);
  await db.health.put({ pageKind: 'taobao:sold', lastSeenAt: T0, lastOk: false, lastRows: 0, lastReason: 'no table', okCount: 12, failCount: 1 });
  await db.campaigns.add({
    name: '三八节老客', sentAt: T0 + 20 * DAY, rule: { all: [{ kind: 'minOrders', n: 2 }] }, ruleText: '买过 2 次以上', channel: 'sms',
    message: '【茶铺】老客专享…', parts: 1, priceLi: 36, members: ['taobao:id:b1'], holdout: ['pdd:order:261120-000000000000001'],
  });
  await db.knowledge.put({ platform: 'taobao', itemId: 'i3001', itemTitle: '白牡丹 3001', text: '水温85度，闷泡不超过3分钟。', updatedAt: T0 });
  await db.replies.put({ platform: 'taobao', reviewId: 'r1', text: '谢谢亲', at: T0 + 7 * DAY, source: 'copied' });
  await db.meta.bulkPut([
    { key: 'sentimentModel', value: { version: 1, weights: modelWeights(), trainedOn: { pos: 4_100, neg: 380 } }, updatedAt: T0 },
    { key: 'sentimentLabelled', value: { pos: 4_100, neg: 380 }, updatedAt: T0 },
  ]);
  const states: TaskStateRecord[] = [
    { id: 'loyal_purchase:taobao:id:b1:3003', state: 'done', at: T0 + 31 * DAY },
    { id: 'holiday:taobao:id:b1:qingming@2026-04-05', state: 'snoozed', until: T0 + 33 * DAY, at: T0 + 32 * DAY },
  ];
  await db.taskStates.bulkPut(states);
  await db.events.put({ id: 'e618', name: '618 大促', date: Date.UTC(2026, 5, 18), leadDays: 7 });
  // 订单关怀: a reminder exported, and a refund kept with ¥10 compensation.
  await db.careActions.bulkAdd([
    { platform: 'taobao', orderId: '3003', customerKey: 'taobao:id:b1', kind: 'remind', at: T0 + 30 * DAY, via: 'export' },
    { platform: 'taobao', orderId: '3003', customerKey: 'taobao:id:b1', kind: 'refund', at: T0 + 31 * DAY, via: 'outcome', outcome: 'compensated', compensationFen: 1_000, problem: 'damage' },
  ]);
  // 关联: the seller linked the Taobao buyer to the Pinduoduo record (schema v11).
  await db.links.put({ a: 'pdd:order:261120-000000000000001', b: 'taobao:id:b1', at: T0 + 32 * DAY });
  await db.forecasts.put({ key: 'taobao:id:b1', pAlive: 0.82, pAliveMonthAgo: null, expected30: 0.4, expected90: 1.1, spendFen: 13_450.5, valueFen: 41_200, at: T0 });
}

/**
 * Every store's records, in key order. A Float32Array becomes a string of its type and bytes: exactly as
 * strict, and toEqual over a million-byte array element by element takes seconds.
 */
async function contents(db: LaokeDB): Promise<Record<string, unknown[]>> {
  const bytes = (v: unknown): unknown => {
    if (v instanceof Float32Array) return `Float32Array:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}`;
    if (Array.isArray(v)) return v.map(bytes);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bytes(x)]));
    return v;
  };
  const out: Record<string, unknown[]> = {};
  // The data version is this machine's count of writes (utils/db/data-version.ts): never in a backup.
  for (const t of backedUp(db)) out[t.name] = (await t.toArray()).filter((r) => t.name !== 'meta' || (r as { key: string }).key !== DATA_VERSION_KEY).map(bytes);
  return out;
}

/** The meta keys stored, sorted, but the data version. */
async function metaKeys(db: LaokeDB): Promise<string[]> {
  return (await db.meta.toCollection().primaryKeys()).filter((k) => k !== DATA_VERSION_KEY).sort();
}

/** A hand-edited backup: the plain JSON, changed by `edit`. */
async function edited(db: LaokeDB, edit: (doc: { schemaVersion: number; stores: Record<string, any[]> }) => void): Promise<string> {
  const doc = JSON.parse(await exportBackup(db));
  edit(doc);
  return JSON.stringify(doc);
}

describe('backup and restore', () => {
  it('every store of the schema has a check and a merge rule', () => {
    expect(backedUp(new LaokeDB('laoke-backup-unopened')).map((t) => t.name).sort()).toEqual([...BACKUP_STORES].sort());
  });

  it('base64 needs no Buffer and survives a megabyte', () => {
    const bytes = new Uint8Array(1 << 20).map((_, i) => (i * 7919) & 0xff);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(bytesToBase64(bytes))!).equals(Buffer.from(bytes))).toBe(true);
    expect(base64ToBytes('not base64!')).toBeNull();
  });

  it('round trip: replace into an empty database gives every store back, the model included', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    // The fixture must keep up with the schema: a new store needs a record here.
    for (const t of backedUp(source)) expect(await t.count(), t.name).toBeGreaterThan(0);

    const text = await exportBackup(source, { now: T0 + 50 * DAY });
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'laoke-backup', version: 1, schemaVersion: source.verno, exportedAt: T0 + 50 * DAY });
    expect(Object.keys(doc.stores).sort()).toEqual(backedUp(source).map((t) => t.name).sort());
    expect(doc.counts).toMatchObject({ orders: 4, customers: 2, reviews: 2, meta: 2, campaigns: 1 });
    const model = doc.stores.meta.find((m: { key: string }) => m.key === 'sentimentModel');
    expect(Object.keys(model.value.weights)).toEqual(['$f32']);

    const target = freshDb();
    const report = await importBackup(target, text, { mode: 'replace', confirmation: CONFIRM });
    expect(report).toMatchObject({ ok: true, rejected: [], rejectedCount: 0 });
    expect(report.accepted).toMatchObject({ orders: 4, customers: 2, reviews: 2, meta: 2, campaigns: 1, taskStates: 2, events: 1, forecasts: 1 });
    const before = await contents(source);
    const after = await contents(target);
    expect(after).toEqual(before);
    // The digests follow the restored records (they are never in the file).
    expect((await readShopDigest(target)).orders.map((o) => o.orderId)).toEqual((await target.orders.toArray()).map((o) => o.orderId));
    const weights = (await target.meta.get('sentimentModel'))!.value as { weights: unknown };
    expect(weights.weights).toBeInstanceOf(Float32Array);
    expect(Buffer.from((weights.weights as Float32Array).buffer).equals(Buffer.from(modelWeights().buffer))).toBe(true);
  });

  it('round trip with a passphrase: sealed with AES-GCM, nothing readable in the file', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    const text = await exportBackup(source, { passphrase: '老客 备份 2026' });
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['format', 'version', 'encrypted']);
    expect(doc.encrypted).toMatchObject({ cipher: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations: 600_000 });
    expect(base64ToBytes(doc.encrypted.salt)).toHaveLength(16);
    expect(base64ToBytes(doc.encrypted.iv)).toHaveLength(12);
    expect(text).not.toContain('13800000000');
    expect(text).not.toContain('喜欢白茶');

    const target = freshDb();
    const report = await importBackup(target, text, { mode: 'replace', confirmation: CONFIRM, passphrase: '老客 备份 2026' });
    expect(report.ok).toBe(true);
    expect(await contents(target)).toEqual(await contents(source));
  });

  it('a wrong or missing passphrase imports nothing', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    const text = await exportBackup(source, { passphrase: 'right one' });
    const target = freshDb();
    await target.orders.put(order('7001', 'taobao:id:z9', T0));
    await target.customers.put(customerOf([order('7001', 'taobao:id:z9', T0)], { notes: '别丢' }));
    const before = await contents(target);

    const wrong = await importBackup(target, text, { mode: 'replace', confirmation: CONFIRM, passphrase: 'wrong one' });
    expect(wrong).toMatchObject({ ok: false, error: 'wrong-passphrase', rejectedCount: 0 });
    expect(wrong.message).toBeTruthy();
    expect(Object.values(wrong.accepted).every((n) => n === 0)).toBe(true);
    const missing = await importBackup(target, text, { mode: 'merge' });
    expect(missing).toMatchObject({ ok: false, error: 'needs-passphrase' });
    expect(await contents(target)).toEqual(before);
  });

  it('bad records are listed with store, index and reason; the rest is imported', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    const text = await edited(source, ({ stores }) => {
      stores.orders![1].amountFen = 'NaN';
      delete stores.customers![1].key;
      stores.reviews![1].text = 'x'.repeat(1_000_000);
      stores.health![0].lastOk = 'yes';
      stores.orders![3].customerKey = 'pdd:order:forged';
      stores.taskStates![0].until = null;
      stores.spies = [{ key: 'a' }, { key: 'b' }];
    });
    const target = freshDb();
    // Replacing takes a backup whole: refused, every rejection listed, nothing written.
    const refused = await importBackup(target, text, { mode: 'replace', confirmation: CONFIRM });
    expect(refused).toMatchObject({ ok: false, error: 'incomplete', rejectedCount: 8 });
    expect(refused.rejected).toHaveLength(7);
    expect(await target.orders.count()).toBe(0);
    // Merging takes the valid records.
    const report = await importBackup(target, text, { mode: 'merge' });
    expect(report.ok).toBe(true);
    const byStore = Object.fromEntries(report.rejected.map((r) => [`${r.store}#${r.index}`, r.reason]));
    expect(byStore['orders#1']).toMatch(/^amountFen: .*number/);
    expect(byStore['customers#1']).toMatch(/^key: /);
    expect(byStore['reviews#1']).toMatch(/^text: .*10000/);
    expect(byStore['health#0']).toMatch(/^lastOk: .*boolean/);
    expect(byStore['orders#3']).toMatch(/^customerKey: .*platform/);
    expect(byStore['taskStates#0']).toMatch(/^until: /);
    expect(byStore['spies#-1']).toBe('unknown store');
    expect(report.rejected).toHaveLength(7);
    expect(report.rejectedCount).toBe(8);
    expect(report.accepted).toMatchObject({ orders: 2, customers: 1, reviews: 1, health: 0, taskStates: 1, events: 1 });

    expect((await target.orders.toArray()).map((o) => o.orderId)).toEqual(['261120-000000000000001', '3002']);
    expect(await target.reviews.count()).toBe(1);
    expect(await target.health.count()).toBe(0);
    // The buyer whose record was refused is rebuilt from the orders that were taken (without the
    // seller's notes, which were in the record): every order has its buyer.
    expect(await target.customers.get('taobao:id:b1')).toMatchObject({ notes: '', tags: [], orderCount: 1, purchases: ['3002'] });
    expect(await target.customers.count()).toBe(2);
  });

  it('at most 200 rejections are listed, all are counted', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    const text = await edited(source, ({ stores }) => {
      stores.events = Array.from({ length: 250 }, (_, i) => ({ id: `e${i}`, name: 'x', date: 'tomorrow', leadDays: 1 }));
    });
    const report = await importBackup(freshDb(), text, { mode: 'replace', confirmation: CONFIRM });
    expect(report).toMatchObject({ ok: false, error: 'incomplete' });
    expect(report.rejected).toHaveLength(200);
    expect(report.rejected[199]).toMatchObject({ store: 'events', index: 199 });
    expect(report.rejectedCount).toBe(250);
  });

  it('a backup of an earlier schema is upgraded as the database would be: customers recomputed, old forecasts dropped', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    // As schema v4 wrote it: customers without purchase days or first-day spend.
    const v4 = await edited(source, (doc) => {
      doc.schemaVersion = 4;
      for (const c of doc.stores.customers!) {
        delete c.purchaseDays;
        delete c.firstDayFen;
      }
      doc.stores.meta!.push({ key: 'forecastModel', value: { status: 'ok', customers: 1 }, updatedAt: T0 });
    });
    expect(v4).toContain('forecastModel');
    const target = freshDb();
    expect(await importBackup(target, v4, { mode: 'replace', confirmation: CONFIRM, now: T0 + 60 * DAY })).toMatchObject({ ok: true });
    const b1 = (await target.customers.get('taobao:id:b1'))!;
    const before = (await source.customers.get('taobao:id:b1'))!;
    // Three orders on three days; the seller's notes, tags and the record's time as they were.
    expect(b1).toMatchObject({ purchaseDays: 3, firstDayFen: before.firstDayFen, notes: before.notes, tags: before.tags, updatedAt: before.updatedAt });
    // b1's phone was typed before phones were dated (v4): the v5 upgrade dates it from the record's last change.
    expect(before.phoneSavedAt).toBeUndefined();
    expect(b1).toMatchObject({ phone: before.phone, phoneSavedAt: before.updatedAt });
    expect(await target.forecasts.count()).toBe(0);
    expect(await target.meta.get('forecastModel')).toBeUndefined();
    expect(await target.meta.get('sentimentModel')).toBeDefined();
    expect(await target.orders.count()).toBe(await source.orders.count());
  });

  it('a backup of a newer schema, and anything that is not a backup, is refused', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    const newer = await edited(source, (doc) => {
      doc.schemaVersion = source.verno + 1;
    });
    const target = freshDb();
    await target.events.put({ id: 'mine', name: '双11', date: Date.UTC(2026, 10, 11), leadDays: 5 });
    const before = await contents(target);
    expect(await importBackup(target, newer, { mode: 'replace', confirmation: CONFIRM })).toMatchObject({ ok: false, error: 'newer-version' });
    for (const text of ['', 'hello', '[1,2]', '{}', '{"format":"laoke-backup","version":1}', '{"format":"other","version":1,"schemaVersion":1,"stores":{}}',
      '{"format":"laoke-backup","version":1,"schemaVersion":1,"stores":[]}', '{"format":"laoke-backup","version":1,"encrypted":{"cipher":"rot13"}}']) {
      expect(await importBackup(target, text, { mode: 'replace', confirmation: CONFIRM, passphrase: 'x' }), text).toMatchObject({ ok: false, error: 'not-a-backup' });
    }
    expect(await contents(target)).toEqual(before);
  });

  it('merge: the union of orders, buyers recomputed, the seller\'s notes kept from both sides', async () => {
    const NOW = T0 + 60 * DAY;
    // The backup (another computer): b1's first order read again later, now refunded in part; an order
    // of b1 this database never saw; b2 with a tag and notes; a buyer with no orders at all.
    const other = freshDb();
    const theirs = [
      order('3001', 'taobao:id:b1', T0, { status: 'partially_refunded', refundFen: 3_000, lastSeenAt: T0 + 20 * DAY }),
      order('3002', 'taobao:id:b1', T0 + 12 * DAY),
      order('4001', 'taobao:id:b2', T0 + 2 * DAY, { lastSeenAt: T0 + 2 * DAY }),
    ];
    await other.orders.bulkPut(theirs);
    await other.customers.bulkPut([
      customerOf(theirs.slice(0, 2), { tags: ['VIP', '批发'], notes: '另一台电脑的备注', phone: '13900000000' }),
      customerOf(theirs.slice(2), { tags: ['新客'], notes: '要发顺丰' }),
      { ...customerOf([order('5001', 'taobao:nick:孤儿', T0)]), notes: '只有备注' },
    ]);
    await other.reviews.put(review('r1', '3001', 'taobao:id:b1', { lastSeenAt: T0 + 20 * DAY, text: '追评：喝完了再来' }));
    await other.campaigns.bulkAdd([
      { name: '三八节老客', sentAt: T0 + 20 * DAY, rule: null, ruleText: '', channel: 'csv', message: '', parts: 0, priceLi: 0, members: [], holdout: [] },
      { name: '清明', sentAt: T0 + 30 * DAY, rule: null, ruleText: '', channel: 'csv', message: '', parts: 0, priceLi: 0, members: [], holdout: [] },
    ]);
    await other.meta.put({ key: 'sentimentLabelled', value: { pos: 1, neg: 1 }, updatedAt: T0 });
    const text = await exportBackup(other);

    // This database: b1 with the first order as read before, and an order only here; b2 with an order
    // this database has read more recently than the backup; b2 has no notes here.
    const db = freshDb();
    const mine = [
      order('3001', 'taobao:id:b1', T0, { lastSeenAt: T0 + 5 * DAY }),
      order('3003', 'taobao:id:b1', T0 + 30 * DAY),
      order('4001', 'taobao:id:b2', T0 + 2 * DAY, { status: 'refunded', refundFen: 12_800, lastSeenAt: T0 + 9 * DAY }),
    ];
    await db.orders.bulkPut(mine);
    await db.customers.bulkPut([
      customerOf(mine.slice(0, 2), { tags: ['VIP', '爱喝茶'], notes: '这台电脑的备注' }),
      customerOf(mine.slice(2), { tags: [] }),
    ]);
    await db.reviews.put(review('r1', '3001', 'taobao:id:b1', { lastSeenAt: T0 + 8 * DAY, handledAt: T0 + 8 * DAY }));
    await db.campaigns.add({ name: '三八节老客', sentAt: T0 + 20 * DAY, rule: { all: [] }, ruleText: '全部', channel: 'sms', message: 'hi', parts: 1, priceLi: 36, members: ['taobao:id:b1'], holdout: [] });
    await db.meta.put({ key: 'sentimentLabelled', value: { pos: 99, neg: 9 }, updatedAt: T0 });

    const report = await importBackup(db, text, { mode: 'merge', now: NOW });
    expect(report).toMatchObject({ ok: true, rejectedCount: 0 });
    expect(report.accepted).toMatchObject({ orders: 3, customers: 3, reviews: 1, campaigns: 2, meta: 0, forecasts: 0 });

    const orders = await db.orders.toArray();
    expect(orders.map((o) => o.orderId)).toEqual(['3001', '3002', '3003', '4001']);
    expect(orders.find((o) => o.orderId === '3001')).toMatchObject({ status: 'partially_refunded', refundFen: 3_000 });
    expect(orders.find((o) => o.orderId === '4001')).toMatchObject({ status: 'refunded' });

    const b1 = (await db.customers.get('taobao:id:b1'))!;
    expect(b1).toMatchObject({
      orderCount: 3, totalFen: 3 * 12_800 - 3_000, purchases: ['3001', '3002', '3003'],
      tags: ['VIP', '爱喝茶', '批发'], notes: '这台电脑的备注', phone: '13900000000', updatedAt: NOW,
    });
    // b2's only order is refunded here (read later than the backup's): no valid purchase; notes from the backup.
    expect(await db.customers.get('taobao:id:b2')).toMatchObject({ orderCount: 0, totalFen: 0, tags: ['新客'], notes: '要发顺丰' });
    expect(await db.customers.get('taobao:nick:孤儿')).toMatchObject({ notes: '只有备注' });
    // The later reading of the review wins, and keeps that the seller answered it here.
    expect(await db.reviews.get(['taobao', 'r1'])).toMatchObject({ text: '追评：喝完了再来', handledAt: T0 + 8 * DAY });
    // The same campaign (time and name) is not added twice; the other one gets an id of its own here.
    expect((await db.campaigns.toArray()).map((c) => [c.id, c.name, c.channel])).toEqual([[1, '三八节老客', 'sms'], [2, '清明', 'csv']]);
    // Derived data is not merged.
    expect((await db.meta.get('sentimentLabelled'))!.value).toEqual({ pos: 99, neg: 9 });

    // Merging the same backup again changes nothing.
    const again = await contents(db);
    expect((await importBackup(db, text, { mode: 'merge', now: NOW + DAY })).ok).toBe(true);
    expect(await contents(db)).toEqual(again);
  });

  it('merge: an order the backup puts under a proven buyer moves there, with the notes of the buyer left behind', async () => {
    const other = freshDb();
    // The backup read the order with 小七's buyer id (ingest's rule: an order kept under a full nick
    // moves to the buyer id read with that same nick; under another nick it would be a conflict).
    const proven = order('6001', 'taobao:id:b7', T0, { lastSeenAt: T0 + 3 * DAY, nick: '小七', buyerId: 'b7' });
    await other.orders.put(proven);
    await other.customers.put(customerOf([proven], { notes: '已确认身份' }));
    await other.reviews.put(review('r7', '6001', 'taobao:id:b7'));
    const db = freshDb();
    const byNick = order('6001', 'taobao:nick:小七', T0, { lastSeenAt: T0 + DAY });
    await db.orders.put(byNick);
    await db.customers.put(customerOf([byNick], { notes: '小七要红茶', tags: ['熟客'] }));
    await db.reviews.put(review('r7', '6001', 'taobao:nick:小七', { lastSeenAt: T0 + 10 * DAY }));

    expect((await importBackup(db, await exportBackup(other), { mode: 'merge', now: T0 + 40 * DAY })).ok).toBe(true);
    expect(await db.customers.get('taobao:nick:小七')).toBeUndefined();
    expect(await db.customers.get('taobao:id:b7')).toMatchObject({ orderCount: 1, notes: '已确认身份\n小七要红茶', tags: ['熟客'] });
    expect((await db.reviews.get(['taobao', 'r7']))!.customerKey).toBe('taobao:id:b7');
  });

  it('merge of a whole shop: buyers recomputed from one pass over the orders', async () => {
    const other = freshDb();
    const db = freshDb();
    const theirs: Order[] = [];
    const mine: Order[] = [];
    for (let i = 0; i < 1_200; i++) {
      const key = `taobao:id:m${i}`;
      theirs.push(order(`8${i}`, key, T0 + i * 60_000));
      if (i % 3 === 0) mine.push(order(`9${i}`, key, T0 + DAY + i * 60_000));
    }
    await other.orders.bulkPut(theirs);
    await other.customers.bulkPut(theirs.map((o) => customerOf([o], { notes: `备注${o.orderId}` })));
    await db.orders.bulkPut(mine);
    await db.customers.bulkPut(mine.map((o) => customerOf([o])));

    const report = await importBackup(db, await exportBackup(other), { mode: 'merge', now: T0 + 40 * DAY });
    expect(report.accepted).toMatchObject({ orders: 1_200, customers: 1_200 });
    expect(await db.orders.count()).toBe(1_600);
    expect(await db.customers.count()).toBe(1_200);
    expect(await db.customers.get('taobao:id:m3')).toMatchObject({ orderCount: 2, purchases: ['83', '93'], notes: '备注83' });
    expect(await db.customers.get('taobao:id:m4')).toMatchObject({ orderCount: 1, purchases: ['84'], notes: '备注84' });
  });

  it('a write that fails leaves the database exactly as it was', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    const text = await exportBackup(source);
    const target = freshDb();
    await target.orders.put(order('7001', 'taobao:id:z9', T0));
    await target.customers.put(customerOf([order('7001', 'taobao:id:z9', T0)], { notes: '别丢' }));
    await target.events.put({ id: 'mine', name: '双11', date: Date.UTC(2026, 10, 11), leadDays: 5 });
    await target.meta.put({ key: 'pulse', value: { day: 1 }, updatedAt: T0 });
    const before = await contents(target);

    // The disk fills up while orders are written: after the other stores were cleared (replace) or
    // written (merge) in the same transaction. On the prototype: Dexie keeps more than one Table object
    // per store (db.orders is not db.tables' orders).
    const proto = target.Table.prototype as Table;
    const bulkPut = proto.bulkPut;
    const spy = vi.spyOn(proto, 'bulkPut').mockImplementation(function (this: Table, ...args: Parameters<Table['bulkPut']>) {
      if (this.name === 'orders') return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) as never;
      return bulkPut.apply(this, args);
    });
    for (const mode of ['replace', 'merge'] as const) {
      const report: ImportReport = await importBackup(target, text, mode === 'replace' ? { mode, confirmation: CONFIRM } : { mode });
      expect(report, mode).toMatchObject({ ok: false, error: 'write-failed' });
      expect(report.message).toMatch(/no room/);
      expect(Object.values(report.accepted).every((n) => n === 0)).toBe(true);
      expect(report.beforeReplace).toBeUndefined();
      expect(await contents(target), mode).toEqual(before);
    }
    expect((spy.mock.contexts as Table[]).filter((t) => t.name === 'orders')).toHaveLength(2);
  });

  it('a replace needs the typed confirmation: without it nothing is read and nothing changes', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    const text = await exportBackup(source);
    const target = freshDb();
    await target.orders.put(order('7001', 'taobao:id:z9', T0));
    await target.customers.put(customerOf([order('7001', 'taobao:id:z9', T0)], { notes: '别丢' }));
    const before = await contents(target);
    for (const confirmation of ['', '替', '替换吗', 'yes', 'REPLAC', undefined]) {
      const report = await importBackup(target, text, { mode: 'replace', confirmation } as never);
      expect(report, String(confirmation)).toMatchObject({ ok: false, error: 'not-confirmed', rejectedCount: 0 });
      expect(report.beforeReplace).toBeUndefined();
    }
    // Nothing of a file is read for a replace nobody confirmed.
    const file = { size: text.length, text: vi.fn(async () => text) };
    expect(await importBackupFile(target, file, { mode: 'replace', confirmation: '' })).toMatchObject({ ok: false, error: 'not-confirmed' });
    expect(file.text).not.toHaveBeenCalled();
    expect(await contents(target)).toEqual(before);

    // The word either locale shows is the word it takes; spaces around it, full-width letters and case do not matter.
    for (const locale of ['zh_CN', 'en']) {
      const messages = JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;
      expect(replaceConfirmed(messages.privacyReplaceConfirmWord!.message), locale).toBe(true);
    }
    expect(REPLACE_CONFIRMATIONS).toContain(CONFIRM);
    for (const typed of [' 替换 ', 'REPLACE', 'Replace', 'ｒｅｐｌａｃｅ']) expect(replaceConfirmed(typed), typed).toBe(true);
    expect((await importBackupFile(target, file, { mode: 'replace', confirmation: ' 替换 ' })).ok).toBe(true);
    expect(file.text).toHaveBeenCalledOnce();
    expect(await target.orders.count()).toBe(4);
  });

  it('the backup taken before a replace restores the previous data exactly', async () => {
    // Here: a full database with the seller's retention rules; the backup: another shop.
    const here = freshDb();
    await fillEveryStore(here);
    await saveRetentionSettings(here, { forgetAfterMonths: 24, clearPhoneAfterMonths: null }, T0);
    await here.meta.put({ key: 'retentionRunAt', value: T0 + DAY, updatedAt: T0 + DAY });
    const before = await contents(here);
    const other = freshDb();
    const theirs = [order('5001', 'taobao:id:x1', T0 + 9 * DAY)];
    await other.orders.bulkPut(theirs);
    await other.customers.put(customerOf(theirs, { notes: '别的店' }));

    const report = await importBackup(here, await exportBackup(other), { mode: 'replace', confirmation: CONFIRM });
    expect(report.ok).toBe(true);
    expect((await here.orders.toArray()).map((o) => o.orderId)).toEqual(['5001']);
    const saved = report.beforeReplace!;
    expect(saved.counts).toMatchObject({ orders: 4, customers: 2, reviews: 2, meta: 4, forecasts: 1 });
    // It is a backup like any other: the same document exportBackup writes.
    const doc = JSON.parse(saved.text);
    expect(doc).toMatchObject({ format: 'laoke-backup', version: 1, schemaVersion: here.verno, exportedAt: saved.exportedAt, counts: saved.counts });

    const back = await importBackup(here, saved.text, { mode: 'replace', confirmation: CONFIRM });
    expect(back).toMatchObject({ ok: true, rejectedCount: 0 });
    expect(await contents(here)).toEqual(before);
    // That restore in turn hands back the other shop.
    expect(JSON.parse(back.beforeReplace!.text).stores.orders.map((o: Order) => o.orderId)).toEqual(['5001']);
  });

  it('a file over 512 MB is refused before it is read', async () => {
    const target = freshDb();
    const huge = { size: MAX_BACKUP_BYTES + 1, text: vi.fn(async () => '') };
    for (const opts of [{ mode: 'merge' as const }, { mode: 'replace' as const, confirmation: CONFIRM }]) {
      const report = await importBackupFile(target, huge, opts);
      expect(report).toMatchObject({ ok: false, error: 'too-large', rejectedCount: 0 });
      expect(report.message).toMatch(/512 MB/);
    }
    expect(huge.text).not.toHaveBeenCalled();
    expect(MAX_BACKUP_BYTES).toBe(512 * 1024 * 1024);
    // A file at the limit is read.
    const source = freshDb();
    await fillEveryStore(source);
    const text = await exportBackup(source);
    const atLimit = { size: MAX_BACKUP_BYTES, text: vi.fn(async () => text) };
    expect((await importBackupFile(target, atLimit, { mode: 'merge' })).ok).toBe(true);
    expect(atLimit.text).toHaveBeenCalledOnce();
  });

  it('new sealed backups use 600,000 PBKDF2 rounds; an older file, sealed with fewer and a short passphrase, still opens', async () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    const source = freshDb();
    await fillEveryStore(source);
    // What the dashboard calls: no iteration count given.
    const text = await exportBackup(source, { passphrase: '12345678' });
    expect(JSON.parse(text).encrypted.iterations).toBe(600_000);

    // A file as the previous version sealed it (310,000 rounds, no passphrase minimum), sealed here with
    // WebCrypto directly: the format, not this module's code, is what must keep opening.
    const legacy = await legacySeal(await exportBackup(source), '茶', 310_000);
    expect(JSON.parse(legacy).encrypted.iterations).toBe(310_000);
    const target = freshDb();
    expect(await importBackup(target, legacy, { mode: 'merge', passphrase: '茶叶' })).toMatchObject({ ok: false, error: 'wrong-passphrase' });
    expect(await importBackup(target, legacy, { mode: 'replace', confirmation: CONFIRM, passphrase: '茶' })).toMatchObject({ ok: true, rejectedCount: 0 });
    expect(await contents(target)).toEqual(await contents(source));
  });

  it('a passphrase of 7 characters is refused; 8 are enough, in letters or 汉字', async () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(8);
    const source = freshDb();
    await fillEveryStore(source);
    for (const short of ['1234567', '老客备份二零二', ' abcdef']) {
      await expect(exportBackup(source, { passphrase: short, iterations: 1_000 }), short).rejects.toBeInstanceOf(PassphraseTooShortError);
    }
    for (const ok of ['12345678', '老客备份二零二六']) {
      const text = await exportBackup(source, { passphrase: ok, iterations: 1_000 });
      expect(JSON.parse(text).encrypted.iterations).toBe(1_000);
      expect((await importBackup(freshDb(), text, { mode: 'merge', passphrase: ok })).ok, ok).toBe(true);
    }
  });

  it('meta: every key Laoke writes has a check; an unknown or malformed one is refused and listed', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    const text = await edited(source, ({ stores }) => {
      stores.meta!.push(
        { key: 'spy', value: { url: 'https://example.com' }, updatedAt: T0 },
        { key: RETENTION_KEY, value: { forgetAfterMonths: 'soon', clearPhoneAfterMonths: null }, updatedAt: T0 },
        { key: 'sentimentLabelled', value: { pos: -1, neg: 3 }, updatedAt: T0 },
        { key: 'retentionRunAt', value: 'yesterday', updatedAt: T0 },
      );
    });
    const target = freshDb();
    const refused = await importBackup(target, text, { mode: 'replace', confirmation: CONFIRM });
    expect(refused).toMatchObject({ ok: false, error: 'incomplete', rejectedCount: 4 });
    expect(await target.orders.count()).toBe(0);
    const reasons = Object.fromEntries(refused.rejected.map((r) => [`${r.store}#${r.index}`, r.reason]));
    expect(reasons['meta#2']).toBe('key: not a setting Laoke keeps ("spy")');
    expect(reasons['meta#3']).toMatch(/^value: retention: forgetAfterMonths: /);
    expect(reasons['meta#4']).toMatch(/^value: sentimentLabelled: pos: /);
    expect(reasons['meta#5']).toMatch(/^value: retentionRunAt: /);
    // A merge reports them too, and takes no meta at all.
    const merged = await importBackup(target, text, { mode: 'merge' });
    expect(merged).toMatchObject({ ok: true, rejectedCount: 4, backupRetention: null });
    expect(merged.accepted.meta).toBe(0);
    expect(await metaKeys(target)).toEqual([]);
  });

  it('meta: the keys checked are the keys the code writes', () => {
    // Every `meta.put({ key: '…'` and every *_KEY constant in a file that writes meta, in utils/ and entrypoints/.
    const written = new Set<string>();
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
      const path = join(dir, f);
      return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [path] : [];
    });
    for (const file of [...walk('utils'), ...walk('entrypoints')]) {
      const src = readFileSync(file, 'utf8');
      if (!/meta\.(put|bulkPut|add|update)\(/.test(src)) continue;
      for (const m of src.matchAll(/meta\.(?:put|add)\(\{\s*key:\s*'([^']+)'/g)) written.add(m[1]!);
      for (const m of src.matchAll(/\b[A-Z_]+_KEY\s*=\s*'([^']+)'/g)) written.add(m[1]!);
    }
    expect(written.size).toBeGreaterThanOrEqual(6);
    expect([...written].filter((k) => !META_KEYS.includes(k))).toEqual([]);
    expect([...META_KEYS].sort()).toEqual(['aspectModel', 'careScripts', 'careSettings', 'forecastModel', 'identityConflicts', 'itemCycles', 'memberTiers', 'pulse', 'retention', 'retentionRunAt', 'sentimentLabelled', 'sentimentModel', 'taskSummary']);
  });

  it('meta: every value as Laoke writes it passes its check (a fitted forecast model, the popup\'s caches, retention)', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    await source.forecasts.clear();
    await source.customers.bulkPut(customersFromHistories(simulateBgNbd({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, 400, 100, 500, 9), T0));
    expect(await refreshForecasts(source, T0)).toMatchObject({ status: 'ok' });
    // The simulated buyers (fractional times) only served the fit: the model stays, the store's records are the fixture's.
    await Promise.all([source.customers.clear(), source.forecasts.clear()]);
    await fillEveryStore(source);
    await savePulseSnapshot(source, T0);
    // As background/tasks.ts writes it: byKind is countTasks' result, `total` included.
    const counts = countTasks([]);
    await source.meta.put({ key: 'taskSummary', value: { total: counts.total, byKind: counts, at: T0 }, updatedAt: T0 });
    await saveRetentionSettings(source, { forgetAfterMonths: 12, clearPhoneAfterMonths: 6 }, T0);
    await source.meta.put({ key: 'retentionRunAt', value: T0, updatedAt: T0 });
    await recordConflict(source, 'taobao', '3712345678901234567', 'taobao:id:a', 'taobao:id:b', T0);
    await saveCareSettings(source, { autoCloseHours: { taobao: 48, pdd: 12, douyin: 2, jd: 36 }, shipPromiseHours: 24, stalledDays: 4 }, T0);
    await saveCareScripts(source, 'invoice', ['发票三个工作日内开好'], T0);
    await saveMemberTiers(source, PRESET_LADDER, T0);
    await saveCycles(source, new Map([['milk', { itemId: 'milk', title: '奶粉 900g', medianDays: 12.5, samples: 6, source: 'item', unitSize: '400g' }]]), T0);
    // The shop's aspect model as db/reviews.ts writes it (trained on two reviews read by the rules).
    const examples = ['快递太慢了，等了五天', '质量很好'].flatMap((text) => aspectLabels({ text }) ?? []);
    await source.meta.put({ key: 'aspectModel', value: trainAspectModel(examples), updatedAt: T0 });
    expect(await metaKeys(source)).toEqual([...META_KEYS].sort());

    const target = freshDb();
    const file = await exportBackup(source);
    expect(JSON.parse(file).stores.meta.map((m: { key: string }) => m.key)).not.toContain(DATA_VERSION_KEY);
    const versionBefore = (await readDataVersion(target)).version;
    const report = await importBackup(target, file, { mode: 'replace', confirmation: CONFIRM });
    expect(report).toMatchObject({ ok: true, rejected: [], rejectedCount: 0 });
    // A restore is a write like any other: every cache keyed on the version computes again.
    expect((await readDataVersion(target)).version).toBeGreaterThan(versionBefore);
    expect(await metaKeys(target)).toEqual(META_KEYS.filter((k) => k !== RETENTION_KEY && k !== 'retentionRunAt').sort());
    // The model comes back without the customers version its fit read (this machine's count): fitted again here.
    const fitted = (await source.meta.get('forecastModel'))!;
    const { customersVersion, ...model } = fitted.value as { customersVersion?: number };
    expect(customersVersion).toBeGreaterThan(0);
    expect(await target.meta.get('forecastModel')).toEqual({ ...fitted, value: model });
    // The popup's snapshot comes back without the data version it was computed at (that number counts
    // the other machine's writes): the first popup here computes its figures again.
    const { version, ...snapshot } = (await source.meta.get('pulse'))!.value as { version?: number };
    expect(version).toBeGreaterThan(0);
    expect(await target.meta.get('pulse')).toEqual({ ...(await source.meta.get('pulse')), value: snapshot });
  });

  it('retention settings in a backup are reported, never applied: the ones here stay', async () => {
    const source = freshDb();
    await fillEveryStore(source);
    await saveRetentionSettings(source, { forgetAfterMonths: 3, clearPhoneAfterMonths: 6 }, T0);
    await source.meta.put({ key: 'retentionRunAt', value: T0 + DAY, updatedAt: T0 + DAY });
    const text = await exportBackup(source);

    // Replace into a database that keeps phones 12 months and has never run the check.
    const here = freshDb();
    await saveRetentionSettings(here, { forgetAfterMonths: null, clearPhoneAfterMonths: 12 }, T0);
    const replaced = await importBackup(here, text, { mode: 'replace', confirmation: CONFIRM });
    expect(replaced).toMatchObject({ ok: true, rejectedCount: 0, backupRetention: { forgetAfterMonths: 3, clearPhoneAfterMonths: 6 } });
    expect(await retentionSettings(here)).toEqual({ forgetAfterMonths: null, clearPhoneAfterMonths: 12 });
    expect(await here.meta.get('retentionRunAt')).toBeUndefined();
    expect(await here.orders.count()).toBe(4);
    // The rest of meta is the backup's.
    expect(await here.meta.get('sentimentLabelled')).toMatchObject({ value: { pos: 4_100, neg: 380 } });

    // Into an empty database, replace or merge: still off.
    for (const opts of [{ mode: 'replace' as const, confirmation: CONFIRM }, { mode: 'merge' as const }]) {
      const empty = freshDb();
      const report = await importBackup(empty, text, opts);
      expect(report, opts.mode).toMatchObject({ ok: true, backupRetention: { forgetAfterMonths: 3, clearPhoneAfterMonths: 6 } });
      expect(await empty.meta.get(RETENTION_KEY), opts.mode).toBeUndefined();
      expect(await empty.meta.get('retentionRunAt'), opts.mode).toBeUndefined();
    }
    // A backup without them reports none.
    expect((await importBackup(freshDb(), await exportBackup(freshDb()), { mode: 'merge' })).backupRetention).toBeNull();
  });
});

/** A sealed backup as the format defines it (AES-256-GCM, PBKDF2-SHA-256 over the NFC passphrase), sealed without backup-crypto.ts. */
async function legacySeal(plain: string, passphrase: string, iterations: number): Promise<string> {
  const { subtle } = globalThis.crypto;
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const raw = await subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  const key = await subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const data = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain)));
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
  return JSON.stringify({
    format: 'laoke-backup', version: 1,
    encrypted: { cipher: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations, salt: b64(salt), iv: b64(iv), data: b64(data) },
  });
}
