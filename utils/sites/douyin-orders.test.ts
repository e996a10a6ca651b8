// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LaokeDB } from '@/utils/db/schema';
import { ingestOrders } from '@/utils/db/ingest';
import { fixture, setHtml } from '@/tests/fixtures';
import { diagnosisText } from './diagnosis';
import { douyinAfterSale, douyinOrderBlocks, douyinOrders, douyinStatus, parseDouyinOrdersDom, parseDouyinOrdersJson } from './douyin-orders';

const page1 = () => JSON.parse(fixture('douyin-orders-page1.json')) as { data: Record<string, unknown>[] };

describe('抖店 orders: page and endpoint', () => {
  it.each([
    ['https://fxg.jinritemai.com/ffa/morder/order/list', true],
    ['https://fxg.jinritemai.com/ffa/morder/order/list?page=2', true],
    ['https://fxg.jinritemai.com/ffa/maftersale/comment', false],
    ['https://fxg.jinritemai.com.evil.test/ffa/morder/order/list', false],
  ])('%s → %s', (url, yes) => expect(douyinOrders.matchesPage(new URL(url))).toBe(yes));

  it('taps /api/order/searchlist and nothing like it', () => {
    expect(douyinOrders.matchesEndpoint('https://fxg.jinritemai.com/api/order/searchlist?page=0&pageSize=20&a_bogus=x')).toBe(true);
    expect(douyinOrders.matchesEndpoint('https://fxg.jinritemai.com/api/order/searchlist')).toBe(true);
    expect(douyinOrders.matchesEndpoint('https://fxg.jinritemai.com/api/order/searchlistX')).toBe(false);
    expect(douyinOrders.matchesEndpoint('https://fxg.jinritemai.com/api/order/orderDetail')).toBe(false);
    expect(douyinOrders.matchesEndpoint('http://fxg.jinritemai.com/api/order/searchlist')).toBe(false);
  });
});

describe('抖店 searchlist JSON', () => {
  it('reads seconds as ms, fen as fen, the opaque user_id, the masked receiver and the region', () => {
    const r = parseDouyinOrdersJson(page1());
    if (!r.ok) throw new Error(r.reason);
    expect(r.orders).toHaveLength(4);
    expect(r.orders[0]).toEqual({
      platform: 'douyin', orderId: '6928374651029384756', status: 'paid', amountFen: 3580, refundFen: 0,
      createdAt: 1747746849000, paidAt: 1747746900000,
      buyer: { id: 'MS4wLjABAAAAx9k2LqT0pQ', nick: '爱喝茶的小林', receiver: '张**' }, region: '广东省 深圳市 南山区',
      buyerMemo: '请尽快发货',
      items: [{ itemId: '3601234567890123456', title: '桂花乌龙 冷泡茶 三角包 20包', sku: '口味：桂花乌龙', quantity: 2, unitFen: 1990, refunded: false }],
      source: 'json',
    });
    // 0 for a time not yet reached is no time.
    expect(r.orders[0]).not.toHaveProperty('shippedAt');
    expect(r.orders[1]).toMatchObject({ shippedAt: 1747746900000, items: [{ quantity: 1 }, { quantity: 1 }] });
    expect(r.orders[3]).toMatchObject({ receivedAt: 1747833300000 });
  });

  it('items\' after-sale text: 退款中 is a refund under way, 退款成功 a refund; all refunded is refunded, some partially', () => {
    const r = parseDouyinOrdersJson(page1());
    if (!r.ok) throw new Error(r.reason);
    // 退款中 on one item: a refund asked for is not a refund made.
    expect(r.orders[1]).toMatchObject({ status: 'shipped', refundOpen: true, refundFen: 0 });
    expect(r.orders[0]).not.toHaveProperty('refundOpen');
    // 已关闭 with its only item 退款成功: the money went back.
    expect(r.orders[2]).toMatchObject({ status: 'refunded', refundFen: 2900, items: [{ refunded: true }] });
    // 已完成, one of two items 退款成功: ¥88 of ¥158 of goods back.
    expect(r.orders[3]).toMatchObject({ status: 'partially_refunded', refundFen: 8800, items: [{ refunded: true }, { refunded: false }] });
    expect(r.orders[3]).not.toHaveProperty('refundOpen');
  });

  it.each([
    ['待支付', 'unpaid'], ['待发货', 'paid'], ['备货中', 'paid'], ['部分发货', 'shipped'], ['已发货', 'shipped'],
    ['已完成', 'completed'], ['已关闭', 'closed'], ['已取消', 'closed'],
  ] as const)('status text %s → %s', (text, status) => expect(douyinStatus(text, undefined)).toBe(status));

  it('the text wins over the code; the code only when the text is absent', () => {
    expect(douyinStatus('已完成', 2)).toBe('completed');
    expect(douyinStatus(undefined, 105)).toBe('paid');
    expect(douyinStatus(undefined, 999)).toBeNull();
  });

  it.each([['退款中', 'open'], ['退货退款中', 'open'], ['退款成功', 'refunded'], ['-', null], ['', null]] as const)(
    'after_sale_text %s → %s', (text, want) => expect(douyinAfterSale(text)).toBe(want));

  it('accepts data.data and data.list as well as data', () => {
    const rows = page1().data;
    for (const body of [{ code: 0, data: { data: rows } }, { code: 0, data: { list: rows, total: 4 } }]) {
      const r = parseDouyinOrdersJson(body);
      expect(r.ok && r.orders.map((o) => o.orderId)).toEqual(rows.map((row) => row.shop_order_id));
    }
  });

  it('a new status text: that order is unknown (no purchase), the others read, the value told', () => {
    const body = page1();
    (body.data[0]!.order_status_info as { order_status_text: string }).order_status_text = '待拼团';
    delete body.data[0]!.order_status;
    const r = parseDouyinOrdersJson(body);
    if (!r.ok) throw new Error(r.reason);
    expect(r.orders[0]!.status).toBe('unknown');
    expect(r.orders[1]!.status).toBe('shipped');
    expect(r.unknown).toEqual(['待拼团']);
  });

  it('a refusal is "no data", never "no orders"', () => {
    const r = parseDouyinOrdersJson({ st: 10008, code: 10008, msg: '登录已失效', data: null });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/refused \(code 10008/);
  });

  it('a changed shape → not understood, with a diagnosis that names the keys and no value', () => {
    const renamed = { code: 0, data: { orders: page1().data } };
    const r = parseDouyinOrdersJson(renamed);
    expect(r).toEqual({ ok: false, reason: 'data (order list) missing' });
    const d = JSON.parse(diagnosisText({ pageKind: 'douyin.orders', version: '1', reason: (r as { reason: string }).reason, body: renamed, path: '/ffa/morder/order/list' }));
    expect(d).toMatchObject({ laokeDiagnosis: 1, pageKind: 'douyin.orders', reason: 'data (order list) missing' });
    expect(Object.keys(d.shape.data)).toEqual(['orders']);
    const text = JSON.stringify(d);
    for (const value of ['6928374651029384756', '爱喝茶的小林', '张**', 'MS4wLjABAAAAx9k2LqT0pQ', '广东省']) expect(text).not.toContain(value);
  });

  it.each([
    ['a number for the 19-digit order id (digits lost)', (b: { data: Record<string, unknown>[] }) => { b.data[1]!.shop_order_id = 6928374651029384757; }, /data\[1\]\.shop_order_id/],
    ['yuan instead of fen', (b: { data: Record<string, unknown>[] }) => { b.data[0]!.pay_amount = 35.8; }, /data\[0\]\.pay_amount/],
    ['ms instead of seconds', (b: { data: Record<string, unknown>[] }) => { b.data[0]!.create_time = 1747746849000; }, /createdAt|create_time/],
    ['no items', (b: { data: Record<string, unknown>[] }) => { b.data[2]!.product_item = []; }, /data\[2\]\.product_item/],
  ])('%s → not understood, whole page', (_what, change, reason) => {
    const body = page1();
    change(body);
    const r = parseDouyinOrdersJson(body);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it('no user_id: the order has no buyer id (identity falls to the weak fallback)', () => {
    const body = page1();
    body.data[0]!.user_id = '0';
    delete body.data[1]!.user_id;
    const r = parseDouyinOrdersJson(body);
    if (!r.ok) throw new Error(r.reason);
    expect(r.orders[0]!.buyer).toEqual({ nick: '爱喝茶的小林', receiver: '张**' });
    expect(r.orders[1]!.buyer).not.toHaveProperty('id');
  });
});

describe('抖店 order list DOM', () => {
  it('is not read (no rows from the screen); blocks are found by the labelled order number', () => {
    setHtml(document.body, `<div class="list">
      <div class="order"><div class="head"><span>订单号：6928374651029384756</span><span>下单时间 2025-05-20 21:14</span></div><div>桂花乌龙 ×2 ¥35.80</div></div>
      <div class="order"><div class="head"><span>订单编号 6928374651029384757</span></div><div>明前龙井</div></div>
      <div class="order"><div class="head"><span>商品ID 3601234567890123456</span></div></div>
    </div>`);
    expect(parseDouyinOrdersDom(document)).toEqual({ ok: true, orders: [] });
    const blocks = douyinOrderBlocks(document);
    expect(blocks.map((b) => b.orderId)).toEqual(['6928374651029384756', '6928374651029384757']);
    expect(blocks[0]!.anchor.textContent).toContain('6928374651029384756');
    expect(blocks[0]!.block.textContent).not.toContain('6928374651029384757');
  });
});

describe('抖店 orders in the database', () => {
  it('one user_id is one probable buyer: valid purchases counted, a refund under way marked, refunds net of spend', async () => {
    const r = parseDouyinOrdersJson(page1());
    if (!r.ok) throw new Error(r.reason);
    const db = new LaokeDB(`laoke-douyin-test-${Math.random()}`);
    try {
      const { facts } = await ingestOrders(db, r.orders, 1);
      const byId = new Map(facts.map((f) => [f.orderId, f]));
      // 爱喝茶的小林: 待发货 ¥35.80 and 已发货 ¥128 (one item 退款中: still a purchase).
      expect(byId.get('6928374651029384756')).toMatchObject({ identity: 'probable', orderCount: 2, totalFen: 16380, ordinal: 2 });
      expect(byId.get('6928374651029384757')).toMatchObject({ identity: 'probable', orderCount: 2, ordinal: 1 });
      // 抖音用户8821: the refunded order is no purchase; the partly refunded one counts ¥158 − ¥88.
      expect(byId.get('6928374651029384758')).toMatchObject({ identity: 'probable', valid: false, orderCount: 1 });
      expect(byId.get('6928374651029384759')).toMatchObject({ identity: 'probable', orderCount: 1, totalFen: 7000 });
      const customers = await db.customers.toArray();
      expect(customers.map((c) => [c.key, c.platform, c.identity, c.orderCount, c.refundOpen]).sort()).toEqual([
        ['douyin:id:MS4wLjABAAAAq8RzW0pLm1', 'douyin', 'probable', 1, false],
        ['douyin:id:MS4wLjABAAAAx9k2LqT0pQ', 'douyin', 'probable', 2, true],
      ]);
    } finally {
      await db.delete();
    }
  });
});
