// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fixture, setHtml } from '@/tests/fixtures';
import { LaokeDB } from '@/utils/db/schema';
import type { AudienceRule } from '@/utils/crm/audience';
import { ingestOrders } from '@/utils/db/ingest';
import { parsePddOrdersDom, parsePddOrdersJson, pddAfterSalesOpen, pddOrderBlocks, pddOrders, pddStatus } from './pdd-orders';

const page1 = () => JSON.parse(fixture('pdd-orders-page1.json')) as { result: { pageItems: Record<string, unknown>[] } };

describe('Pinduoduo orders: page and endpoint', () => {
  it.each([
    ['https://mms.pinduoduo.com/orders/list', true],
    ['https://mms.pinduoduo.com/orders/list?page=2', true],
    ['https://mms.pinduoduo.com/goods/evaluation/index', false],
  ])('%s → %s', (url, yes) => expect(pddOrders.matchesPage(new URL(url))).toBe(yes));
  it('taps recentOrderList', () => {
    expect(pddOrders.matchesEndpoint('https://mms.pinduoduo.com/mangkhut/mms/recentOrderList')).toBe(true);
    expect(pddOrders.matchesEndpoint('https://mms.pinduoduo.com/mangkhut/mms/orderDetail')).toBe(false);
  });
});

describe('Pinduoduo recentOrderList JSON', () => {
  it('reads fen, unix seconds, masked buyer and receiver, and the region', () => {
    const r = parsePddOrdersJson(page1());
    if (!r.ok) throw new Error(r.reason);
    expect(r.orders).toHaveLength(4);
    expect(r.orders[0]).toMatchObject({
      platform: 'pdd', orderId: '250520-372910458812345', status: 'paid', amountFen: 3580, refundFen: 0,
      createdAt: 1747746849000, buyer: { nick: '阿***', receiver: '张**' }, region: '广东省 深圳市 南山区',
      // ¥39.80 of goods, the shop's ¥4 coupon: ¥35.80 paid.
      discount: { shopFen: 400, platformFen: 0 },
      items: [{ itemId: '412345678901', title: '桂花乌龙 冷泡茶 三角包 20包', sku: '桂花乌龙', quantity: 2, unitFen: 1990, refunded: false }],
    });
    expect(r.orders[1]!.items[0]!.quantity).toBe(1);
    expect(r.orders[2]).toMatchObject({ status: 'refunded', refundFen: 2900 });
  });

  it.each([
    ['待发货', 'paid'], ['已发货，待签收', 'shipped'], ['已签收', 'completed'],
    ['未发货，退款成功', 'refunded'], ['已发货，退款成功', 'refunded'], ['已取消', 'closed'],
  ] as const)('%s → %s', (text, status) => expect(pddStatus(text, undefined)).toBe(status));

  it('rate limiting (54001) is "no data", never "no orders"', () => {
    const r = parsePddOrdersJson({ success: false, error_code: 54001, errorMsg: '操作太过频繁' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/54001/);
  });

  it('changed keys and bad order numbers are not understood', () => {
    expect(parsePddOrdersJson({ success: true, result: { list: [] } })).toEqual({ ok: false, reason: 'result.pageItems missing' });
    const bad = page1();
    bad.result.pageItems[1]!.order_sn = '372910458800001';
    expect(parsePddOrdersJson(bad).ok).toBe(false);
  });
});

describe('Pinduoduo: a status not met before', () => {
  it('reads that order as unknown and the other orders as ever, and tells the new value once', () => {
    const page = page1();
    const known = parsePddOrdersJson(page1());
    if (!known.ok) throw new Error(known.reason);
    page.result.pageItems[0]!.order_status_str = '待买家确认收货款项';
    page.result.pageItems[0]!.order_status = 77;
    page.result.pageItems[2]!.order_status_str = '待买家确认收货款项';
    page.result.pageItems[2]!.order_status = 77;
    const r = parsePddOrdersJson(page);
    if (!r.ok) throw new Error(r.reason);
    expect(r.unknown).toEqual(['待买家确认收货款项']);
    const changed = new Set([page.result.pageItems[0]!.order_sn, page.result.pageItems[2]!.order_sn]);
    for (const o of r.orders) expect(o.status).toBe(changed.has(o.orderId) ? 'unknown' : known.orders.find((k) => k.orderId === o.orderId)!.status);
    expect(known.unknown).toBeUndefined();
  });

  it('an unknown order is no purchase; a later reading that knows the status counts it, and an unknown one never undoes a known status', async () => {
    const db = new LaokeDB(`pdd-unknown-${Math.random()}`);
    const page = page1();
    const first = parsePddOrdersJson(page);
    if (!first.ok) throw new Error(first.reason);
    const paid = first.orders.find((o) => o.status === 'paid' || o.status === 'completed' || o.status === 'shipped')!;
    const unknown = { ...paid, status: 'unknown' as const };
    await ingestOrders(db, [unknown], 1_000);
    expect((await db.customers.toArray()).reduce((n, c) => n + c.orderCount, 0)).toBe(0);
    await ingestOrders(db, [paid], 2_000);
    expect((await db.orders.get(['pdd', paid.orderId]))!.status).toBe(paid.status);
    await ingestOrders(db, [unknown], 3_000);
    expect((await db.orders.get(['pdd', paid.orderId]))!.status).toBe(paid.status);
    expect((await db.customers.toArray()).reduce((n, c) => n + c.orderCount, 0)).toBe(1);
    db.close();
  });
});

describe('可能是回头客: the probable identity of masked Pinduoduo buyers', () => {
  it('same masked nick, masked receiver and district: one probable buyer; another district: another', async () => {
    const r = parsePddOrdersJson(page1());
    if (!r.ok) throw new Error(r.reason);
    const db = new LaokeDB('laoke-pdd-test');
    try {
      const { facts } = await ingestOrders(db, r.orders, 1);
      const byId = new Map(facts.map((f) => [f.orderId, f]));
      // 阿***/张**/南山区: 待发货 ¥35.80 and 已签收 ¥89.00 count, the refunded ¥29.00 does not.
      expect(byId.get('250520-372910458812345')).toMatchObject({ identity: 'probable', orderCount: 2, totalFen: 12480, ordinal: 2 });
      expect(byId.get('250512-372910458800001')).toMatchObject({ identity: 'probable', orderCount: 2, ordinal: 1 });
      expect(byId.get('250511-372910458800002')).toMatchObject({ identity: 'probable', valid: false, orderCount: 2 });
      // 福田区 is someone else, as far as Laoke can tell.
      expect(byId.get('250510-372910458800003')).toMatchObject({ identity: 'probable', orderCount: 1 });
    } finally {
      await db.delete();
    }
  });
});

describe('Pinduoduo order DOM', () => {
  it('reads every order when the page puts all groups in one table body; badges go into cells', () => {
    const html = fixture('pdd-orders-page1.html').replace(/<\/tbody>\s*<tbody[^>]*>/g, '');
    setHtml(document.body, html);
    expect(document.querySelectorAll('#mf-mms-orders-container tbody')).toHaveLength(1);
    const r = parsePddOrdersDom(document);
    expect(r.ok && r.orders.map((o) => o.orderId)).toEqual(['250520-372910458812345', '250512-372910458800001', '250511-372910458800002', '250510-372910458800003']);
    const blocks = pddOrderBlocks(document);
    expect(blocks).toHaveLength(4);
    expect(blocks.every((b) => b.anchor.tagName === 'TD')).toBe(true);
  });


  it('reads the rendered list; without a region its masked buyers stay weak', () => {
    setHtml(document.body, fixture('pdd-orders-page1.html'));
    const r = parsePddOrdersDom(document);
    if (!r.ok) throw new Error(r.reason);
    const json = parsePddOrdersJson(page1());
    if (!json.ok) throw new Error(json.reason);
    expect(r.orders.map((o) => [o.orderId, o.status, o.amountFen, o.createdAt, o.buyer.nick, o.buyer.receiver, o.region]))
      .toEqual(json.orders.map((o) => [o.orderId, o.status, o.amountFen, o.createdAt, o.buyer.nick, o.buyer.receiver, undefined]));
    expect(r.orders[0]!.items[0]).toMatchObject({ itemId: '412345678901', quantity: 2, unitFen: 1990, title: '桂花乌龙 冷泡茶 三角包 20包' });
  });
});

describe('Pinduoduo after-sales (after_sales_status)', () => {
  it('a refund, return or exchange under way marks the order; done, cancelled or unknown codes do not; no value loses the page', () => {
    expect([0, 2, 4, 5, 7, 9, 10, 11, 16, 27, 33, 99].filter(pddAfterSalesOpen)).toEqual([2, 4, 5, 7, 27, 33]);
    expect(pddAfterSalesOpen('4')).toBe(true);
    expect([null, undefined, '', 'x', {}, -4, 4.5].some(pddAfterSalesOpen)).toBe(false);
    const body = page1();
    // 阿*** of 深圳 南山 asked for a refund on the first order (4: 商家同意退款，退款中); the second order's
    // value is of a kind never seen.
    body.result.pageItems[0]!.after_sales_status = 4;
    body.result.pageItems[1]!.after_sales_status = { code: 4 };
    const r = parsePddOrdersJson(body);
    if (!r.ok) throw new Error(r.reason);
    expect(r.orders.map((o) => o.refundOpen === true)).toEqual([true, false, false, false]);
  });

  it('keeps that buyer out of an audience that leaves out refunds under way, as on Taobao', async () => {
    const { audienceMembers, loadAudienceData } = await import('@/utils/db/audiences');
    const db = new LaokeDB('laoke-pdd-after-sales');
    const body = page1();
    body.result.pageItems[0]!.after_sales_status = 4;
    const r = parsePddOrdersJson(body);
    if (!r.ok) throw new Error(r.reason);
    await ingestOrders(db, r.orders, 1_747_900_000_000);
    const data = await loadAudienceData(db, 1_747_900_000_000);
    const refunding = data.customers.filter((c) => c.refundOpen).map((c) => c.key);
    expect(refunding).toHaveLength(1);
    const all: AudienceRule = { kind: 'and', rules: [] };
    const kept = audienceMembers(data, all, { openRefund: true }, 1_747_900_000_000);
    expect(kept.removed.refund).toBe(1);
    expect(kept.members.map((c) => c.key)).not.toContain(refunding[0]);
    expect(audienceMembers(data, all, {}, 1_747_900_000_000).members.map((c) => c.key)).toContain(refunding[0]);
    await db.delete();
  });
});

describe('Pinduoduo: every field the list gives', () => {
  it('成交时间 (confirm_time) is when it was paid, 发货时间 (shipping_time) when shipped (0: not yet), the buyer\'s 留言 kept as text', () => {
    const body = page1();
    body.result.pageItems[0]!.buyer_memo = '  请用顺丰，<b>谢谢</b>  ';
    const r = parsePddOrdersJson(body);
    if (!r.ok) throw new Error(r.reason);
    const raw = body.result.pageItems;
    expect(r.orders[0]).toMatchObject({ paidAt: (raw[0]!.confirm_time as number) * 1000, buyerMemo: '请用顺丰，<b>谢谢</b>' });
    // The refunded order was never shipped (shipping_time 0); the signed one was.
    const refunded = r.orders.find((o) => o.orderId === '250511-372910458800002')!;
    expect(refunded.shippedAt).toBeUndefined();
    expect(r.orders.find((o) => o.orderId === '250510-372910458800003')!.shippedAt).toBe(1746921600_000);
    expect(r.orders.filter((o) => o.buyerMemo !== undefined)).toHaveLength(1);
  });
  it('确认收货时间 (receive_time) when a row carries it; a time before the step it follows is not taken', () => {
    const body = page1();
    const row = body.result.pageItems.find((x) => x.order_sn === '250510-372910458800003')!;
    const shipped = row.shipping_time as number;
    row.receive_time = shipped + 2 * 86_400;
    let r = parsePddOrdersJson(body);
    if (!r.ok) throw new Error(r.reason);
    expect(r.orders.find((o) => o.orderId === '250510-372910458800003')).toMatchObject({ shippedAt: shipped * 1000, receivedAt: (shipped + 2 * 86_400) * 1000 });
    // Shipped in 2000, received before it was shipped: neither is a time of this order.
    row.shipping_time = 946_700_000;
    row.receive_time = (row.created_at as number) - 60;
    r = parsePddOrdersJson(body);
    if (!r.ok) throw new Error(r.reason);
    const o = r.orders.find((x) => x.orderId === '250510-372910458800003')!;
    expect(o.shippedAt).toBeUndefined();
    expect(o.receivedAt).toBeUndefined();
  });
});
