import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '../../tests/support/db';
import type { ObservedOrder } from '@/utils/crm/types';
import { ingestOrders } from './ingest';
import { customerCard } from './customers';
import { deleteCustomer } from './privacy';
import { segmentContext } from '@/utils/crm/segments';
import { exportCareSection, loadCareData, recordCare, saveCareScripts, careScripts } from './order-care';

const freshDb = freshDbs('laoke-order-care');
const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);

const seen = (id: string, o: Partial<ObservedOrder> = {}): ObservedOrder => ({
  platform: 'taobao', orderId: id, buyer: { id: `b${id}`, nick: `买家${id}` }, createdAt: NOW - 20 * MIN, status: 'unpaid',
  amountFen: 23_800, refundFen: 0, items: [{ itemId: 'i1', title: '正山小种红茶', sku: '', quantity: 1, unitFen: 23_800, refunded: false }],
  source: 'json', ...o,
});

describe('order care over the database', () => {
  it('a reminder is recorded per copy; the 4th in 24 hours is refused and nothing is written', async () => {
    const db = freshDb();
    await ingestOrders(db, [seen('1001')], NOW);
    for (const at of [NOW, NOW + HOUR, NOW + 2 * HOUR]) {
      expect(await recordCare(db, 'taobao', '1001', { kind: 'remind', via: 'copy', group: 'remind_pay', text: '亲，记得付款' }, at)).toEqual({ recorded: true });
    }
    expect(await recordCare(db, 'taobao', '1001', { kind: 'remind', via: 'copy', group: 'remind_pay', text: '亲' }, NOW + 3 * HOUR))
      .toEqual({ recorded: false, check: { ok: false, reason: 'limit', nextAt: NOW + 24 * HOUR } });
    expect(await db.careActions.count()).toBe(3);
    const { board, lastUsed } = await loadCareData(db, NOW + 3 * HOUR);
    expect(board.unpaid[0]).toMatchObject({ remindersToday: 3, dueNow: false });
    expect(lastUsed.remind_pay).toEqual(['亲，记得付款', '亲，记得付款', '亲，记得付款']);
  });

  it('exporting the unpaid list records a campaign and a reminder per order; the order seen paid later is 挽回', async () => {
    const db = freshDb();
    await ingestOrders(db, [seen('1001'), seen('1002', { amountFen: 5_000 })], NOW);
    const out = await exportCareSection(db, 'unpaid', { campaign: '订单关怀 · 待催付', ruleText: '待催付订单' }, NOW);
    expect(out.files).toHaveLength(1);
    expect(out.files[0]!.text).toBe('1001\r\n1002\r\n');
    expect(out.skipped).toBe(0);
    const [campaign] = await db.campaigns.toArray();
    expect(campaign).toMatchObject({ name: '订单关怀 · 待催付', channel: 'orders', members: ['taobao:id:b1001', 'taobao:id:b1002'], holdout: [] });
    expect((await db.careActions.toArray()).filter((a) => a.kind === 'remind' && a.via === 'export')).toHaveLength(2);
    // 3 hours later the seller reads the list again: 1001 was paid.
    await ingestOrders(db, [seen('1001', { status: 'paid' }), seen('1002')], NOW + 3 * HOUR);
    const { board } = await loadCareData(db, NOW + 3 * HOUR);
    expect(board.recovery).toMatchObject({ reminded: 2, recovered: 1, recoveredFen: 23_800 });
    expect(board.unshipped.map((u) => u.order.orderId)).toEqual(['1001']);
  });

  it('a refund outcome with compensation is on the buyer\'s card history', async () => {
    const db = freshDb();
    await ingestOrders(db, [seen('1003', { status: 'shipped', refundOpen: true })], NOW);
    await recordCare(db, 'taobao', '1003', { kind: 'refund', via: 'outcome', outcome: 'compensated', compensationFen: 1_000, problem: 'damage' }, NOW);
    expect((await customerCard(db, 'taobao:id:b1003', segmentContext([], NOW)))!.care).toMatchObject([{ kind: 'refund', outcome: 'compensated', compensationFen: 1_000, problem: 'damage' }]);
    expect((await loadCareData(db, NOW)).board.refunds[0]).toMatchObject({ problem: 'damage', problemBasis: 'seller' });
  });

  it('挽回 counts every reminded order, the ones closed unpaid too', async () => {
    const db = freshDb();
    await ingestOrders(db, [seen('2001'), seen('2002'), seen('2003')], NOW);
    for (const id of ['2001', '2002', '2003']) await recordCare(db, 'taobao', id, { kind: 'remind', via: 'copy', group: 'remind_pay', text: '亲' }, NOW + MIN);
    await ingestOrders(db, [seen('2001', { status: 'paid' }), seen('2002', { status: 'closed' }), seen('2003', { status: 'closed' })], NOW + 2 * HOUR);
    expect((await loadCareData(db, NOW + 2 * HOUR)).board.recovery).toMatchObject({ reminded: 3, recovered: 1, recoveredFen: 23_800 });
  });

  it('two exports at once never pass 3 reminders in 24 hours; the campaign\'s rule holds the list and a count, not the order numbers', async () => {
    const db = freshDb();
    await ingestOrders(db, [seen('3001')], NOW);
    for (const at of [NOW - 2 * HOUR, NOW - HOUR]) await recordCare(db, 'taobao', '3001', { kind: 'remind', via: 'copy', group: 'remind_pay', text: '亲' }, at);
    const names = { campaign: 'c', ruleText: 'r' };
    const [a, b] = await Promise.all([exportCareSection(db, 'unpaid', names, NOW), exportCareSection(db, 'unpaid', names, NOW)]);
    expect([a.files.length, b.files.length].sort()).toEqual([0, 1]);
    expect((await db.careActions.toArray()).filter((x) => x.kind === 'remind')).toHaveLength(3);
    expect((await db.campaigns.toArray()).map((c) => c.rule)).toEqual([{ care: 'unpaid', orders: 1 }]);
  });

  it('deleting a buyer takes the care log of their orders, logged under the key the order moved from', async () => {
    const db = freshDb();
    // Read first by full nick only, then with the buyer id: the order moves to the id's key.
    await ingestOrders(db, [seen('4001', { buyer: { nick: 'tea_lover' }, status: 'shipped', refundOpen: true })], NOW);
    await recordCare(db, 'taobao', '4001', { kind: 'refund', via: 'copy', group: 'retain_other', text: 'tea_lover您好' }, NOW);
    await ingestOrders(db, [seen('4001', { buyer: { id: 'b4001', nick: 'tea_lover' }, status: 'shipped', refundOpen: true })], NOW + MIN);
    const key = (await db.orders.get(['taobao', '4001']))!.customerKey;
    expect(key).toBe('taobao:id:b4001');
    expect((await db.careActions.toArray())[0]!.customerKey).not.toBe(key);
    await recordCare(db, 'taobao', '4001', { kind: 'refund', via: 'outcome', outcome: 'kept' }, NOW + 2 * MIN);
    expect((await customerCard(db, key, segmentContext([], NOW)))!.care.map((a) => a.outcome)).toEqual(['kept']);
    expect((await deleteCustomer(db, key)).careActions).toBe(2);
    expect(await db.careActions.count()).toBe(0);
  });

  it('the seller\'s scripts are saved per group', async () => {
    const db = freshDb();
    await saveCareScripts(db, 'invoice', ['  发票三个工作日内开好 ', '', '电子发票会发到订单里'], NOW);
    expect((await careScripts(db)).invoice).toEqual(['发票三个工作日内开好', '电子发票会发到订单里']);
  });
});
