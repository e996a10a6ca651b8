// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LaokeDB } from '@/utils/db/schema';
import { ingestOrders } from '@/utils/db/ingest';
import { fixture, setHtml } from '@/tests/fixtures';
import { diagnosisText } from './diagnosis';
import { jdOrderBlocks, jdOrders, jdStatus, parseJdOrdersDom, parseJdOrdersJson } from './jd-orders';

type Body = { code: number; data: { results: Record<string, unknown>[] } };
const page1 = () => JSON.parse(fixture('jd-orders-page1.json')) as Body;

describe('JD orders: page and endpoint', () => {
  it.each([
    ['https://shop.jd.com/jdm/trade/orders/order-list', true],
    ['https://shop.jd.com/jdm/trade/orders/order-list?orderStatus=1', true],
    ['https://shop.jd.com/jdm/home', false],
    ['https://shop.jd.com.evil.test/jdm/trade/orders/order-list', false],
  ])('%s → %s', (url, yes) => expect(jdOrders.matchesPage(new URL(url))).toBe(yes));

  it.each([
    ['https://sff.jd.com/api?v=1.0&appId=ABCD1234&api=dsm.order.bff.orderListBffService.queryOrderPage', true],
    ['https://sff.jd.com/api?api=dsm.order.bff.orderListBffService.queryOrderPage&v=1.0&h5st=x', true],
    // The older name.
    ['https://sff.jd.com/api?v=1.0&appId=X&api=dsm.order.manage.orderlist.queryOrderPage', true],
    ['https://sff.jd.com/api?v=1.0&api=dsm.order.bff.orderListBffService.queryOrderPageCount', false],
    ['https://sff.jd.com/api?v=1.0&api=dsm.order.bff.orderListBffService.queryOrderSkuComments', false],
    ['https://sff.jd.com/api?v=1.0&xapi=dsm.order.bff.orderListBffService.queryOrderPage', false],
    ['https://sff.jd.com.evil.test/api?api=dsm.order.bff.orderListBffService.queryOrderPage', false],
  ])('%s → %s', (url, yes) => expect(jdOrders.matchesEndpoint(url)).toBe(yes));
});

describe('JD queryOrderPage JSON', () => {
  it('reads epoch ms, yuan strings into exact fen, the userPin and the items', () => {
    const r = parseJdOrdersJson(page1());
    if (!r.ok) throw new Error(r.reason);
    expect(r.orders).toHaveLength(4);
    expect(r.orders[0]).toEqual({
      platform: 'jd', orderId: '301234567890', status: 'paid', amountFen: 23800, refundFen: 0,
      createdAt: 1747746849000, paidAt: 1747746900000,
      buyer: { id: 'jd_6a8b3c2d1e0f', nick: 'jd_6a8b3c2d1e0f' },
      items: [
        { itemId: '100012345678', title: '桂花乌龙 冷泡茶 三角包 20包', sku: '', quantity: 2, unitFen: 1990, refunded: false },
        { itemId: '100012345679', title: '白瓷盖碗', sku: '', quantity: 1, unitFen: 19820, refunded: false },
      ],
      source: 'json',
    });
    // No float error: "0.30" is 30 fen and "0.10" is 10 (0.1 * 3 would be 0.30000000000000004).
    expect(r.orders[1]).toMatchObject({ orderId: '301234567891', amountFen: 30, status: 'shipped', shippedAt: 1747746900000, items: [{ unitFen: 10, quantity: 3 }] });
    expect(r.orders[3]).toMatchObject({ amountFen: 123850, status: 'completed', receivedAt: 1747833300000 });
    expect(r.orders[2]).toMatchObject({ status: 'closed', buyer: { id: '茶客小林' } });
  });

  it.each([
    ['等待付款', 'unpaid'], ['等待出库', 'paid'], ['已出库', 'shipped'], ['等待确认收货', 'shipped'], ['已完成', 'completed'],
    ['已取消', 'closed'], ['锁定', 'paid'],
  ] as const)('status text %s → %s', (text, status) => expect(jdStatus(text)).toBe(status));

  it('锁定 (held while a cancellation or refund is decided) is a refund under way', () => {
    const body = page1();
    body.data.results[0]!.orderStatusInfo = { orderStatusName: '锁定' };
    const r = parseJdOrdersJson(body);
    expect(r.ok && r.orders[0]).toMatchObject({ status: 'paid', refundOpen: true });
    expect(r.ok && r.orders[1]).not.toHaveProperty('refundOpen');
  });

  it('a new status text: that order is unknown (no purchase), the value told', () => {
    const body = page1();
    body.data.results[1]!.orderStatusInfo = { orderStatusName: '暂停' };
    const r = parseJdOrdersJson(body);
    if (!r.ok) throw new Error(r.reason);
    expect(r.orders[1]!.status).toBe('unknown');
    expect(r.unknown).toEqual(['暂停']);
  });

  it('code 0 is data too; another code is a refusal ("no data", never "no orders")', () => {
    expect(parseJdOrdersJson({ ...page1(), code: 0 }).ok).toBe(true);
    const r = parseJdOrdersJson({ code: 403, message: '请求过于频繁', data: null });
    expect(!r.ok && r.reason).toMatch(/refused \(code 403/);
  });

  it('a shortened or masked pin is no buyer id', () => {
    const body = page1();
    body.data.results[0]!.userPin = 'jd_6a8b…';
    body.data.results[1]!.userPin = 'jd***0f';
    const r = parseJdOrdersJson(body);
    expect(r.ok && r.orders[0]!.buyer).toEqual({ nick: '' });
    expect(r.ok && r.orders[1]!.buyer).toEqual({ nick: '' });
  });

  it('a changed shape → not understood, with a diagnosis that names the keys and no value', () => {
    const changed = { code: 200, data: { list: page1().data.results, total: 4 } };
    const r = parseJdOrdersJson(changed);
    expect(r).toEqual({ ok: false, reason: 'data.results missing' });
    const d = JSON.parse(diagnosisText({ pageKind: 'jd.orders', version: '1', reason: 'data.results missing', body: changed }));
    expect(Object.keys(d.shape.data)).toEqual(['list', 'total']);
    const text = JSON.stringify(d);
    for (const value of ['301234567890', 'jd_6a8b3c2d1e0f', '238.00', '桂花乌龙']) expect(text).not.toContain(value);
  });

  it.each([
    ['a negative amount is not money', (b: Body) => { b.data.results[0]!.orderPaymentInfo = { shouldPay: '-1.00' }; }, /shouldPay: not money/],
    ['three decimals', (b: Body) => { (b.data.results[1]!.orderItems as Record<string, unknown>[])[0]!.jdPrice = '0.105'; }, /jdPrice: not money/],
    ['a created time in seconds', (b: Body) => { b.data.results[2]!.orderCreateTime = 1747574049; }, /createdAt|orderCreateTime/],
    ['no items', (b: Body) => { b.data.results[3]!.orderItems = []; }, /results\[3\]\.orderItems/],
  ])('%s → not understood, whole page', (_what, change, reason) => {
    const body = page1();
    change(body);
    const r = parseJdOrdersJson(body);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

describe('JD order list DOM', () => {
  it('is not read; blocks are found by the labelled order number', () => {
    setHtml(document.body, `<table><tbody>
      <tr><td>订单号：301234567890 下单时间：2025-05-20 21:14:09</td></tr><tr><td>桂花乌龙 ×2</td></tr>
      <tr><td>订单编号：301234567891</td></tr><tr><td>试饮装</td></tr>
    </tbody></table>`);
    expect(parseJdOrdersDom(document)).toEqual({ ok: true, orders: [] });
    expect(jdOrderBlocks(document).map((b) => b.orderId)).toEqual(['301234567890', '301234567891']);
  });
});

describe('JD orders in the database', () => {
  it('one userPin is one strong buyer; a cancelled order is no purchase', async () => {
    const r = parseJdOrdersJson(page1());
    if (!r.ok) throw new Error(r.reason);
    const db = new LaokeDB(`laoke-jd-test-${Math.random()}`);
    try {
      const { facts } = await ingestOrders(db, r.orders, 1);
      const byId = new Map(facts.map((f) => [f.orderId, f]));
      expect(byId.get('301234567890')).toMatchObject({ identity: 'strong', orderCount: 2, totalFen: 23830, ordinal: 2 });
      expect(byId.get('301234567892')).toMatchObject({ identity: 'strong', valid: false, orderCount: 1 });
      expect(byId.get('301234567893')).toMatchObject({ identity: 'strong', orderCount: 1, totalFen: 123850 });
      const customers = await db.customers.toArray();
      expect(customers.map((c) => [c.key, c.platform, c.buyerId, c.orderCount]).sort()).toEqual([
        ['jd:id:jd_6a8b3c2d1e0f', 'jd', 'jd_6a8b3c2d1e0f', 2],
        ['jd:id:茶客小林', 'jd', '茶客小林', 1],
      ]);
    } finally {
      await db.delete();
    }
  });
});
