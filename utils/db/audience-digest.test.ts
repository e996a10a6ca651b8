// The audience builder's first count comes from the customers digest (utils/db/digest.ts, issue 20):
// over a shop read page by page, every audience field of every customer read back from the digest is
// the record's, and every count (presets, conditions of each kind, suppression) is the one over the
// records, before and after compaction, after a customer is deleted, and from a digest written before
// the audience fields were kept (read again from the records).
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRESETS, presetRule, type AudienceRule, type Suppression } from '@/utils/crm/audience';
import { DAY_MS } from '@/utils/crm/time';
import type { AudienceCustomer, Customer, ObservedOrder } from '@/utils/crm/types';
import { parsePddOrdersJson } from '@/utils/sites/pdd-orders';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import { generateShop, type Shop } from '../../tests/shop/generate';
import { recentOrderListPage } from '../../tests/shop/pdd';
import { soldPage } from '../../tests/shop/taobao';
import { audienceMembers, exportAudience, loadAudienceData, loadAudienceDigest, newestFirst, readsForecasts, type AudienceData } from './audiences';
import { encodeCustomers, decodeAudienceCustomers, readCustomerRows, readShopDigest, type DigestBase } from './digest';
import { MEMBER_TIERS_KEY } from './customer-value';
import { ingestOrders } from './ingest';
import { deleteCustomer } from './privacy';
import { LaokeDB } from './schema';

const NAME = 'laoke-audience-digest-test';
const END = Date.UTC(2026, 5, 20, 4);
let db: LaokeDB;
beforeEach(() => {
  db = new LaokeDB(NAME);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(NAME);
});

function pages(shop: Shop): ObservedOrder[][] {
  const out: ObservedOrder[][] = [];
  for (let p = 1; (p - 1) * 50 < shop.orders.length; p++) {
    const r = parseSoldJson(soldPage(shop, p, 50));
    if (!r.ok) throw new Error(r.reason);
    out.push(r.orders);
    const d = parsePddOrdersJson(recentOrderListPage(shop, p, 50));
    if (d.ok && d.orders.length) out.push(d.orders);
  }
  return out;
}

const FIELDS = ['key', 'platform', 'nick', 'identity', 'orderCount', 'totalFen', 'firstPurchaseAt', 'lastPurchaseAt', 'items', 'pieces',
  'maxPieces', 'itemIds', 'itemsBought', 'region', 'refundOpen', 'tags'] as const satisfies readonly (keyof AudienceCustomer)[];
const audienceFields = (c: Customer): AudienceCustomer => Object.fromEntries(FIELDS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]])) as AudienceCustomer;

/** Rules of every kind of condition, over what the shop has. */
function rules(data: AudienceData<AudienceCustomer>): AudienceRule[] {
  const withItems = data.customers.find((c) => (c.itemsBought?.length ?? 0) > 0)!;
  const item = withItems.itemsBought![0]!;
  const region = data.customers.find((c) => c.region)!.region!.split(' ')[0]!;
  return [
    ...PRESETS.filter((p) => p !== 'churn_risk' && p !== 'buy_soon').map((p) => presetRule(p, data.basis)),
    presetRule('potential', data.basis, { days: 20 }),
    { kind: 'num', field: 'spendYuan', cmp: 'gte', value: 150 },
    { kind: 'num', field: 'pieces', cmp: 'gte', value: 3 },
    { kind: 'num', field: 'daysSinceFirst', cmp: 'lte', value: 60 },
    { kind: 'region', text: region },
    { kind: 'platform', platform: 'pdd' },
    { kind: 'tag', tag: '老朋友' },
    { kind: 'item', itemIds: [item.id] },
    { kind: 'item', itemIds: [item.id], minDays: 10 },
    { kind: 'itemTitle', text: item.title.slice(0, 2) },
    { kind: 'tier', name: '银卡' },
    { kind: 'nearTier', within: 100 },
    ...['rfm:champions', 'rfm:at_risk', 'value:high', 'value:mid', 'freq:mid', 'multi_item', 'new', 'returning'].map((segment) => ({ kind: 'segment', segment }) as AudienceRule),
    { kind: 'and', rules: [{ kind: 'num', field: 'orders', cmp: 'gte', value: 2 }, { kind: 'not', rule: { kind: 'region', text: region } }] },
  ];
}

const SUPPRESSIONS: Suppression[] = [{}, { contactedWithinDays: 7, openRefund: true, badReviewWithinDays: 30 }, { openRefund: true }];

/** The digest's rows and every count over them against the records. */
async function expectDigestCountsAsRecords(now: number): Promise<AudienceData<AudienceCustomer> & { compact(): Promise<void> }> {
  const records = await db.customers.toArray();
  expect((await readCustomerRows(db)).customers).toEqual(records.map(audienceFields));
  const [quick, full] = [await loadAudienceDigest(db, now), await loadAudienceData(db, now)];
  expect(quick.basis).toEqual({ ...full.basis, forecasts: undefined });
  expect(quick.lastContactedAt).toEqual(full.lastContactedAt);
  expect(quick.lastBadReviewAt).toEqual(full.lastBadReviewAt);
  let nonEmpty = 0;
  for (const rule of rules(quick)) {
    for (const s of SUPPRESSIONS) {
      const a = audienceMembers(quick, rule, s, now);
      const b = audienceMembers(full, rule, s, now);
      expect(a.members.map((c) => c.key), JSON.stringify(rule)).toEqual(b.members.map((c) => c.key));
      expect(a.removed).toEqual(b.removed);
      expect(newestFirst(a.members, 50)).toEqual(newestFirst(b.members, 50).map(audienceFields));
      if (a.members.length > 0) nonEmpty++;
    }
  }
  expect(nonEmpty).toBeGreaterThan(20);
  return quick;
}

describe('the audience builder\'s digest', () => {
  it('counts every rule and suppression as the records do, through reading, tags, a campaign, a deletion and compaction', async () => {
    const shop = generateShop({ seed: 12, customers: 200, orders: 700, months: 9, end: END });
    const read = pages(shop);
    for (const page of read.slice(0, 12)) await ingestOrders(db, page, END);
    await expectDigestCountsAsRecords(END);
    for (const page of read.slice(12)) await ingestOrders(db, page, END + DAY_MS);
    // The seller's own writes: tags, a ladder, a campaign; a customer deleted.
    const some = (await db.customers.toArray()).filter((c) => c.orderCount >= 2).slice(0, 15);
    await db.customers.bulkPut(some.map((c, i) => ({ ...c, tags: i % 2 ? ['老朋友'] : ['老朋友', '批发'] })));
    await db.meta.put({ key: MEMBER_TIERS_KEY, updatedAt: END, value: { by: 'spend', levels: [{ name: '普通', min: 1 }, { name: '银卡', min: 20_000 }, { name: '金卡', min: 60_000 }] } });
    const now = END + 2 * DAY_MS;
    const before = await loadAudienceData(db, now);
    await exportAudience(db, audienceMembers(before, presetRule('returning', before.basis), {}, now).members.slice(0, 20), {
      name: 'x', sentAt: now - DAY_MS, rule: presetRule('returning', before.basis), ruleText: '', message: '', parts: 1, priceLi: 0, holdoutShare: 0.2, format: 'orders', fileName: 'x',
    });
    await deleteCustomer(db, some[3]!.key);
    const quick = await expectDigestCountsAsRecords(now);
    expect(quick.basis.ladder?.levels).toHaveLength(3);
    expect(audienceMembers(quick, { kind: 'tag', tag: '老朋友' }, {}, now).members).toHaveLength(14);
    // Compacted: the base alone, the customers' log gone (the orders' stays for the analytics' own base).
    await quick.compact();
    const after = await readCustomerRows(db);
    expect(after.folded).toBe(0);
    expect((await db.digestLog.toArray()).every((e) => e.table === 'orders')).toBe(true);
    await expectDigestCountsAsRecords(now);
    // The analytics' reading and compaction after it: still the records.
    const shopDigest = await readShopDigest(db);
    expect(shopDigest.customers.map((c) => c.key)).toEqual((await db.customers.toArray()).map((c) => c.key));
    await shopDigest.compact();
    expect(await db.digestLog.count()).toBe(0);
    await expectDigestCountsAsRecords(now);
  }, 60_000);

  it('an analytics compaction taken before a later customers compaction never steps the customers back', async () => {
    const shop = generateShop({ seed: 4, customers: 60, orders: 200, months: 4, end: END });
    const read = pages(shop);
    for (const page of read.slice(0, 3)) await ingestOrders(db, page, END);
    const early = await readShopDigest(db);
    for (const page of read.slice(3)) await ingestOrders(db, page, END);
    await (await readCustomerRows(db)).compact();
    await early.compact();
    await expectDigestCountsAsRecords(END);
  }, 30_000);

  it('a customers digest written before the audience fields were kept is read again from the records', async () => {
    const shop = generateShop({ seed: 8, customers: 60, orders: 200, months: 4, end: END });
    for (const page of pages(shop)) await ingestOrders(db, page, END);
    await (await readShopDigest(db)).compact();
    // The base as v9 first wrote it: the analytics' columns alone.
    const base = (await db.digests.get('customers'))!;
    const old: DigestBase = { table: 'customers', upTo: base.upTo, customers: (base.customers as ReturnType<typeof encodeCustomers>).rows };
    await db.digests.put(old);
    const first = await readCustomerRows(db);
    expect(first.rebuilt).toBe(true);
    expect((await readShopDigest(db)).rebuilt).toBe(true);
    await expectDigestCountsAsRecords(END);
    await first.compact();
    expect((await readCustomerRows(db)).rebuilt).toBe(false);
    await expectDigestCountsAsRecords(END);
  }, 30_000);

  it('round-trips the audience fields, lists empty and absent', () => {
    const c: Customer = {
      key: 'pdd:x', platform: 'pdd', nick: '阿\u0000***', identity: 'probable', orderCount: 2, totalFen: 1_999, firstPurchaseAt: 1.5, lastPurchaseAt: 2,
      purchases: ['1', '2'], items: [{ title: '杯子', quantity: 3 }], pieces: 3, maxPieces: 2, itemIds: ['', '9'], refundOpen: true, tags: [], notes: 'n', updatedAt: 0,
      itemsBought: [{ id: '9', title: '', quantity: 1, firstAt: 0, lastAt: 5 }], region: '',
    };
    const d: Customer = { ...c, key: 'pdd:y', itemsBought: undefined, region: undefined, firstPurchaseAt: undefined, lastPurchaseAt: undefined, items: [], tags: ['a', 'b'] };
    expect(decodeAudienceCustomers(encodeCustomers([c, d]))).toEqual([c, d].map(audienceFields));
    expect(decodeAudienceCustomers(encodeCustomers([d]))[0]!.itemsBought).toBeUndefined();
  });

  it('knows which rules read the forecasts', () => {
    expect(readsForecasts({ kind: 'segment', segment: 'predicted:soon' })).toBe(true);
    expect(readsForecasts({ kind: 'and', rules: [{ kind: 'num', field: 'orders', cmp: 'gte', value: 2 }, { kind: 'not', rule: { kind: 'segment', segment: 'predicted:at_risk' } }] })).toBe(true);
    expect(readsForecasts({ kind: 'segment', segment: 'rfm:champions' })).toBe(false);
    expect(readsForecasts({ kind: 'and', rules: [] })).toBe(false);
  });
});
