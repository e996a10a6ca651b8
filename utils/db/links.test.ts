import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { freshDbs } from '@/tests/support/db';
import { tr } from '@/tests/support/crm';
import { summarizeCustomer } from '@/utils/crm/ingest';
import type { Customer, ObservedOrder, Order } from '@/utils/crm/types';
import { ingestOrders, lookupOrderFacts } from './ingest';
import { livePulse } from './popup-figures';
import { segmentContext } from '@/utils/crm/segments';
import { exportBackup, importBackup } from './backup';
import { customerCard } from './customers';
import { linkCandidates, linkCustomers, linkView, unlinkCustomers } from './links';
import { applyRetention, deleteCustomer } from './privacy';
import { saveCustomerNotes } from './customers';
import type { LaokeDB } from './schema';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 4);
const freshDb = freshDbs('laoke-links-test');

beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => tr(key as never, ...(subs ?? []))) as never);
});

// 王女士 on Taobao (buyer id), the same woman on Pinduoduo (masked nick + receiver + district), and a
// Taobao buyer who is someone else.
const TB = 'taobao:id:2200001';
const PDD = 'pdd:probable:王**|王*|浙江省 杭州市 西湖区';
const TB2 = 'taobao:nick:茶客小林';
const PDD_ORDER = '261207-123456789012345';

function order(orderId: string, customerKey: string, createdAt: number, fen: number): Order {
  const platform = customerKey.startsWith('pdd:') ? 'pdd' : 'taobao';
  const nick = platform === 'pdd' ? '王**' : customerKey === TB ? '王女士的店' : '茶客小林';
  return {
    platform, orderId, customerKey, identity: platform === 'pdd' ? 'probable' : 'strong', nick, createdAt,
    status: 'completed', amountFen: fen, refundFen: 0,
    items: [{ itemId: `i${orderId}`, title: `白牡丹 ${orderId}`, sku: '100g', quantity: 1, unitFen: fen, refunded: false }],
    source: 'json', firstSeenAt: createdAt, lastSeenAt: createdAt,
  };
}

async function shop(db: LaokeDB): Promise<void> {
  const orders = [
    order('3001', TB, NOW - 40 * DAY, 12_800), order('3002', TB, NOW - 10 * DAY, 6_400),
    order(PDD_ORDER, PDD, NOW - 20 * DAY, 3_990),
    order('4001', TB2, NOW - 5 * DAY, 25_600),
  ];
  await db.orders.bulkPut(orders);
  const byKey = new Map<string, Order[]>();
  for (const o of orders) byKey.set(o.customerKey, [...(byKey.get(o.customerKey) ?? []), o]);
  await db.customers.bulkPut([...byKey.values()].map((list): Customer => summarizeCustomer(list, undefined, NOW)!));
}

describe('关联 in the database', () => {
  it('links a Taobao buyer to their Pinduoduo record: both cards name both platforms, each with its own figures', async () => {
    const db = freshDb();
    await shop(db);
    const view = await linkCustomers(db, TB, PDD, NOW);
    expect(view.platforms).toEqual(['taobao', 'pdd']);
    expect(view.linked).toEqual([expect.objectContaining({ key: PDD, platform: 'pdd', stored: true, nick: '王**', orderCount: 1, totalFen: 3_990, hops: 1, via: TB, linkedAt: NOW })]);
    expect(await db.links.toArray()).toEqual([{ a: PDD, b: TB, at: NOW }]);
    // From the other side the same link, and Taobao's own figures.
    const back = await linkView(db, PDD);
    expect(back.platforms).toEqual(['taobao', 'pdd']);
    expect(back.linked).toEqual([expect.objectContaining({ key: TB, orderCount: 2, totalFen: 19_200 })]);
    // Nothing merged: each record's figures as before, and the card carries the section.
    expect(await db.customers.get(TB)).toMatchObject({ orderCount: 2, totalFen: 19_200 });
    expect(await db.customers.get(PDD)).toMatchObject({ orderCount: 1, totalFen: 3_990 });
    const card = await customerCard(db, TB, segmentContext(await db.customers.toArray(), NOW));
    expect(card!.links.platforms).toEqual(['taobao', 'pdd']);
    expect(card!.orders).toHaveLength(2);
  });

  it('取消关联 removes that one link; the records stay as they were', async () => {
    const db = freshDb();
    await shop(db);
    await linkCustomers(db, TB, PDD, NOW);
    await linkCustomers(db, PDD, TB2, NOW + 1);
    // TB2 is two links from TB, through the PDD record.
    expect((await linkView(db, TB)).linked.map((r) => [r.key, r.hops, r.viaNick])).toEqual([[PDD, 1, '王女士的店'], [TB2, 2, '王**']]);
    const after = await unlinkCustomers(db, TB, PDD);
    expect(after).toMatchObject({ platforms: ['taobao'], linked: [] });
    expect(await db.links.toArray()).toEqual([{ a: PDD, b: TB2, at: NOW + 1 }]);
    expect(await db.customers.count()).toBe(3);
  });

  it('refuses a link to itself, twice, to a record that is not stored, with the reason in words', async () => {
    const db = freshDb();
    await shop(db);
    await expect(linkCustomers(db, TB, TB, NOW)).rejects.toThrow('不能把一条记录关联到它自己');
    await linkCustomers(db, TB, PDD, NOW);
    await expect(linkCustomers(db, PDD, TB, NOW)).rejects.toThrow('已经关联');
    await expect(linkCustomers(db, TB, 'pdd:probable:nobody', NOW)).rejects.toThrow('已不在数据库里');
    expect(await db.links.count()).toBe(1);
  });

  it('finds records to link by an order number on the other platform or the start of a nick, never this group', async () => {
    const db = freshDb();
    await shop(db);
    expect((await linkCandidates(db, TB, PDD_ORDER)).map((c) => [c.key, c.orderId])).toEqual([[PDD, PDD_ORDER]]);
    // From the Taobao record, itself left out; from another Taobao buyer's, the other platform first.
    expect((await linkCandidates(db, TB, '王')).map((c) => c.key)).toEqual([PDD]);
    expect((await linkCandidates(db, TB2, '王')).map((c) => c.key)).toEqual([PDD, TB]);
    expect(await linkCandidates(db, TB, '李')).toEqual([]);
    // Once linked, the group's records are not offered again.
    await linkCustomers(db, TB, PDD, NOW);
    expect(await linkCandidates(db, TB, '王')).toEqual([]);
    expect(await linkCandidates(db, TB, PDD_ORDER)).toEqual([]);
  });

  it('suggests the record with the same phone typed, never links it by itself', async () => {
    const db = freshDb();
    await shop(db);
    await saveCustomerNotes(db, TB, { tags: [], notes: '', phone: '138 0013 8000' }, NOW);
    await saveCustomerNotes(db, PDD, { tags: [], notes: '', phone: '+86 13800138000' }, NOW);
    await saveCustomerNotes(db, TB2, { tags: [], notes: '', phone: '13900000000' }, NOW);
    const view = await linkView(db, TB);
    expect(view.samePhone.map((c) => c.key)).toEqual([PDD]);
    expect(view.linked).toEqual([]);
    expect(await db.links.count()).toBe(0);
    await linkCustomers(db, TB, PDD, NOW);
    expect((await linkView(db, TB)).samePhone).toEqual([]);
  });

  it('删除此客户 removes their links (个人信息保护法); the other record stays, unlinked', async () => {
    const db = freshDb();
    await shop(db);
    await linkCustomers(db, TB, PDD, NOW);
    await linkCustomers(db, TB, TB2, NOW);
    const report = await deleteCustomer(db, PDD);
    expect(report).toMatchObject({ customers: 1, orders: 1, links: 1 });
    expect(await db.links.toArray()).toEqual([{ a: TB, b: TB2, at: NOW }]);
    expect((await linkView(db, TB)).platforms).toEqual(['taobao']);
    await deleteCustomer(db, TB);
    expect(await db.links.count()).toBe(0);
  });

  it('retention that forgets a buyer forgets their links', async () => {
    const db = freshDb();
    await shop(db);
    await linkCustomers(db, TB, PDD, NOW);
    // The PDD buyer last bought 20 days ago; forgetting after 1 month 30 days later removes them.
    const result = await applyRetention(db, NOW + 15 * DAY, { forgetAfterMonths: 1, clearPhoneAfterMonths: null });
    expect(result.forgotten).toBeGreaterThan(0);
    expect(await db.customers.get(PDD)).toBeUndefined();
    expect(await db.links.count()).toBe(0);
  });

  it('a backup carries the links: replaced and merged back, a damaged link refused', async () => {
    const db = freshDb();
    await shop(db);
    await linkCustomers(db, TB, PDD, NOW);
    const text = await exportBackup(db, { now: NOW });
    expect(JSON.parse(text).stores.links).toEqual([{ a: PDD, b: TB, at: NOW }]);
    await unlinkCustomers(db, TB, PDD);

    const restored = freshDb();
    const report = await importBackup(restored, text, { mode: 'replace', confirmation: '替换' });
    expect(report.ok).toBe(true);
    expect(report.accepted.links).toBe(1);
    expect((await linkView(restored, TB)).platforms).toEqual(['taobao', 'pdd']);

    // Merged into the database where it was undone: the link comes back (a merge adds what is absent).
    const merged = await importBackup(db, text, { mode: 'merge' });
    expect(merged.ok).toBe(true);
    expect(await db.links.toArray()).toEqual([{ a: PDD, b: TB, at: NOW }]);

    // A hand-edited file: a link of a record to itself, or in the wrong order, is refused and listed.
    const doc = JSON.parse(text);
    doc.stores.links = [{ a: TB, b: TB, at: NOW }, { a: TB, b: PDD, at: NOW }, { a: PDD, b: TB2, at: NOW }];
    const edited = await importBackup(freshDb(), JSON.stringify(doc), { mode: 'merge' });
    expect(edited.rejected.filter((r) => r.store === 'links').map((r) => r.index)).toEqual([0, 1]);
    expect(edited.accepted.links).toBe(1);
  });

  it('a record proven to be another buyer (nick only, then its buyer id) takes its link along', async () => {
    const db = freshDb();
    await shop(db);
    // 千牛 showed a full nick without an id first (a Taobao nick is unique: a strong record by nick).
    const seen = (orderId: string, id?: string): ObservedOrder => ({
      platform: 'taobao', orderId, buyer: { nick: 'tea_wang', ...(id ? { id } : {}) }, createdAt: NOW - 2 * DAY, paidAt: NOW - 2 * DAY + 60_000,
      status: 'completed', amountFen: 8_800, refundFen: 0, items: [{ itemId: 'i9', title: '白牡丹', sku: '', quantity: 1, unitFen: 8_800, refunded: false }], source: 'json',
    });
    await ingestOrders(db, [seen('5001')], NOW);
    expect(await db.customers.get('taobao:nick:tea_wang')).toBeDefined();
    await linkCustomers(db, 'taobao:nick:tea_wang', PDD, NOW);
    // Later the page shows her buyer id with the same nick: the nick record goes into taobao:id:W9.
    await ingestOrders(db, [seen('5002', 'W9')], NOW + DAY);
    expect(await db.customers.get('taobao:nick:tea_wang')).toBeUndefined();
    expect(await db.customers.get('taobao:id:W9')).toMatchObject({ orderCount: 2 });
    expect(await db.links.toArray()).toEqual([{ a: PDD, b: 'taobao:id:W9', at: NOW }]);
    expect((await linkView(db, PDD)).linked.map((r) => [r.key, r.stored, r.orderCount])).toEqual([['taobao:id:W9', true, 2]]);
  });

  it('a link to a record no longer stored shows as such, with 取消关联', async () => {
    const db = freshDb();
    await shop(db);
    await linkCustomers(db, TB, PDD, NOW);
    // As a link from another machine may arrive before the record does.
    await db.customers.delete(PDD);
    const view = await linkView(db, TB);
    expect(view.platforms).toEqual(['taobao']);
    expect(view.linked).toEqual([expect.objectContaining({ key: PDD, platform: 'pdd', stored: false, hops: 1 })]);
    expect((await unlinkCustomers(db, TB, PDD)).linked).toEqual([]);
  });

  it('counts stay per record: the badges\' facts and the pulse are the same before and after a link', async () => {
    const db = freshDb();
    await shop(db);
    const facts = async () => [...(await lookupOrderFacts(db, 'taobao', ['3001', '3002', '4001'])), ...(await lookupOrderFacts(db, 'pdd', [PDD_ORDER]))];
    const before = { facts: await facts(), pulse: await livePulse(db, NOW) };
    await linkCustomers(db, TB, PDD, NOW);
    await linkCustomers(db, PDD, TB2, NOW);
    expect(await facts()).toEqual(before.facts);
    expect(await livePulse(db, NOW)).toEqual(before.pulse);
    // Three buyers in the week's figures still (one person to the seller, three records to the counts).
    expect(before.facts.map((f) => f.orderCount)).toEqual([2, 2, 1, 1]);
  });

  it('a backup made before links existed (schema v10): a merge keeps the links here, a replace restores the snapshot without them', async () => {
    const db = freshDb();
    await shop(db);
    const doc = JSON.parse(await exportBackup(db, { now: NOW }));
    doc.schemaVersion = 10;
    delete doc.stores.links;
    const old = JSON.stringify(doc);
    await linkCustomers(db, TB, PDD, NOW);
    expect((await importBackup(db, old, { mode: 'merge' })).ok).toBe(true);
    expect(await db.links.count()).toBe(1);
    const replaced = await importBackup(db, old, { mode: 'replace', confirmation: '替换' });
    expect(replaced.ok).toBe(true);
    expect(await db.links.count()).toBe(0);
    // What was replaced, handed back for download, has the link.
    expect(JSON.parse(replaced.beforeReplace!.text).stores.links).toEqual([{ a: PDD, b: TB, at: NOW }]);
  });
});
