// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixture, setHtml } from '@/tests/fixtures';
import { decodeBody, parseJsonText } from './encoding';
import { parseSoldDom, parseSoldJson, soldOrderBlocks, taobaoSold } from './taobao-sold';

const page1 = JSON.parse(fixture('taobao-sold-page1.json')) as { mainOrders: Record<string, unknown>[] };

function orders() {
  const r = parseSoldJson(structuredClone(page1));
  if (!r.ok) throw new Error(r.reason);
  return new Map(r.orders.map((o) => [o.orderId, o]));
}

describe('Taobao sold page: which pages and endpoints', () => {
  it.each([
    ['https://myseller.taobao.com/home.htm/trade-platform/tp/sold', true],
    ['https://qn.taobao.com/home.htm/trade-platform/tp/sold?pageNum=2', true],
    ['https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC', false],
    ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm', false],
    ['https://myseller.taobao.com.evil.example/home.htm/trade-platform/tp/sold', false],
  ])('%s → %s', (url, yes) => expect(taobaoSold.matchesPage(new URL(url))).toBe(yes));

  it('taps asyncSold.htm and nothing else', () => {
    expect(taobaoSold.matchesEndpoint('https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8')).toBe(true);
    expect(taobaoSold.matchesEndpoint('https://trade.taobao.com/trade/itemlist/list_sold_items.htm')).toBe(false);
  });
});

describe('Taobao sold JSON (asyncSold.htm)', () => {
  it('reads every order of the fixture page', () => {
    expect([...orders().keys()]).toEqual([
      '4102938475610293847', '4102938475610290001', '4102938475610290002',
      '4102938475610290003', '4102938475610290004', '4102938475610290005',
    ]);
  });

  it('keeps the 19-digit order id exact (beyond 2^53)', () => {
    expect(orders().get('4102938475610293847')!.orderId).toBe('4102938475610293847');
  });

  it('a paid two-item order: ¥238.00, created 21:14:09 Shanghai, quantity as number or string', () => {
    const o = orders().get('4102938475610293847')!;
    expect(o).toMatchObject({
      platform: 'taobao', status: 'paid', amountFen: 23800, refundFen: 0, source: 'json',
      buyer: { id: 'AAFx1y2z3ExampleBuyer01', nick: '茶客小林' },
      createdAt: Date.UTC(2025, 4, 20, 13, 14, 9),
    });
    expect(o.items).toEqual([
      { itemId: '680000000001', title: '云南古树普洱茶饼 357g 2019年春茶', sku: '规格：单饼', quantity: 1, unitFen: 19900, refunded: false },
      { itemId: '680000000002', title: '桂花乌龙 冷泡茶 三角包 20包', sku: '口味：桂花乌龙', quantity: 1, unitFen: 3900, refunded: false },
    ]);
  });

  it('one item refunded (退款成功) of a finished order: partially refunded, ¥171.50 back of ¥1,365.50', () => {
    expect(orders().get('4102938475610290001')).toMatchObject({ status: 'partially_refunded', amountFen: 136550, refundFen: 17150 });
  });

  it('closed with every item refunded is refunded; unpaid stays unpaid', () => {
    expect(orders().get('4102938475610290003')!.status).toBe('refunded');
    expect(orders().get('4102938475610290005')!.status).toBe('unpaid');
  });

  it('a masked nick comes through as shown, with no id', () => {
    expect(orders().get('4102938475610290004')!.buyer).toEqual({ nick: 't**1' });
  });

  it('risk control (rgv587_flag) is "no data", never "no orders"', () => {
    expect(parseSoldJson(JSON.parse(fixture('taobao-sold-risk.json')))).toEqual({ ok: false, reason: 'risk control (rgv587_flag)' });
  });

  it('changed keys, HTML and empty bodies are not understood, with what failed', () => {
    expect(parseSoldJson(JSON.parse(fixture('taobao-sold-changed-keys.json')))).toEqual({ ok: false, reason: 'mainOrders missing' });
    expect(parseSoldJson(parseJsonText('<!DOCTYPE html><html><body>登录</body></html>'))).toEqual({ ok: false, reason: 'response is not JSON' });
    expect(parseSoldJson(null).ok).toBe(false);
    expect(parseSoldJson([]).ok).toBe(false);
  });

  it('an order id sent as a number (precision already lost) rejects the whole response', () => {
    const bad = structuredClone(page1);
    bad.mainOrders[2]!.id = 4102938475610290002;
    const r = parseSoldJson(bad);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^mainOrders\[2\]\.id/);
  });

  it('a missing status code falls back to the status text', () => {
    const copy = structuredClone(page1);
    delete (copy.mainOrders[2]!.extra as Record<string, unknown>).tradeStatus;
    const r = parseSoldJson(copy);
    expect(r.ok && r.orders[2]!.status).toBe('shipped');
  });

  it('a status nobody here has met: that order is read as unknown (no purchase), the value told, the other orders read as ever', () => {
    const copy = structuredClone(page1);
    copy.mainOrders[1]!.extra = { ...(copy.mainOrders[1]!.extra as object), tradeStatus: 'TRADE_SOMETHING_NEW' };
    copy.mainOrders[1]!.statusInfo = { text: '待买家评价' };
    const r = parseSoldJson(copy);
    if (!r.ok) throw new Error(r.reason);
    expect(r.unknown).toEqual(['TRADE_SOMETHING_NEW 待买家评价']);
    expect(r.orders.map((o) => o.status)).toEqual([...orders().values()].map((o, i) => (i === 1 ? 'unknown' : o.status)));
  });

  it('an empty page is understood: zero orders', () => {
    expect(parseSoldJson({ mainOrders: [], page: { currentPage: 1, totalNumber: 0 } })).toEqual({ ok: true, orders: [] });
  });
});

describe('Taobao sold DOM fallback', () => {
  const html = fixture('taobao-sold-page1.html');

  it('reads the same orders from the rendered page as from the JSON (less buyer ids and the seller\'s flag, which the JSON alone gives)', () => {
    setHtml(document.body, html);
    const dom = parseSoldDom(document);
    expect(dom.ok).toBe(true);
    const fromJson = [...orders().values()].map(({ buyer, sellerFlag: _flag, ...rest }) => ({ ...rest, buyer: { nick: buyer.nick }, source: 'dom' }));
    expect(dom.ok && dom.orders).toEqual(fromJson);
  });

  it('finds one block per order, anchored in its header row', () => {
    setHtml(document.body, html);
    const blocks = soldOrderBlocks(document);
    expect(blocks.map((b) => b.orderId)).toEqual([...orders().keys()]);
    expect(blocks.every((b) => b.anchor.closest('tr') === b.block.querySelector('tbody > tr'))).toBe(true);
  });

  it('reads a hand-written page with hashed class names, linked pictures and a 号码保护订单 tag', () => {
    setHtml(document.body, fixture('taobao-sold-qn-handwritten.html'));
    expect(soldOrderBlocks(document).map((b) => b.orderId)).toEqual(['2987654321098765432', '2987654321098760001']);
    const r = parseSoldDom(document);
    if (!r.ok) throw new Error(r.reason);
    const [a, b] = r.orders;
    // Two ¥129 cardigans refunded of a ¥338 order (list ¥338): ¥258 back.
    expect(a).toMatchObject({
      orderId: '2987654321098765432', buyer: { nick: '木子李lucky' }, createdAt: Date.UTC(2025, 4, 31, 16, 30, 5),
      status: 'partially_refunded', amountFen: 33800, refundFen: 25800, source: 'dom',
    });
    expect(a!.items).toEqual([
      { itemId: '710000000001', title: '春季薄款 针织开衫 女', sku: '颜色分类：米白 尺码：M', quantity: 2, unitFen: 12900, refunded: true },
      { itemId: '710000000002', title: '纯棉打底衫 长袖', sku: '颜色分类：黑色 尺码：L', quantity: 1, unitFen: 8000, refunded: false },
    ]);
    // No element names the buyer: no nick is guessed from 联系买家, so the order stays unmerged.
    expect(b).toMatchObject({ orderId: '2987654321098760001', buyer: { nick: '' }, status: 'paid', amountFen: 2790 });
  });

  it('the empty state is zero orders', () => {
    setHtml(document.body, '<div class="next-table"><div class="next-table-body"><div>没有符合条件的宝贝，请尝试其他搜索条件</div></div></div>');
    expect(parseSoldDom(document)).toEqual({ ok: true, orders: [] });
  });

  it('a table whose columns changed is not understood', () => {
    setHtml(document.body, html.replace('实收款', '金额'));
    expect(parseSoldDom(document)).toEqual({ ok: false, reason: 'table header columns not found' });
  });
});

describe('GBK bodies', () => {
  it('decodes GBK bytes that are not valid UTF-8 as gb18030', () => {
    // "交易成功" in GBK
    const gbk = new Uint8Array([0xbd, 0xbb, 0xd2, 0xd7, 0xb3, 0xc9, 0xb9, 0xa6]);
    expect(decodeBody(gbk)).toBe('交易成功');
  });

  it('leaves UTF-8 alone', () => {
    expect(decodeBody(new TextEncoder().encode('{"nick":"茶客小林"}'))).toBe('{"nick":"茶客小林"}');
  });
});

describe('Taobao: the seller\'s own flag (旗帜)', () => {
  it('1–5 is kept (1 red … 5 purple), 0 or a value of another kind is no flag', () => {
    const doc = JSON.parse(fixture('taobao-sold-page1.json'));
    const flags = (d: unknown) => {
      const r = parseSoldJson(d);
      if (!r.ok) throw new Error(r.reason);
      return r.orders.map((o) => o.sellerFlag ?? null);
    };
    expect(flags(doc)).toEqual(doc.mainOrders.map((o: { extra: { sellerFlag: number } }) => (o.extra.sellerFlag > 0 ? o.extra.sellerFlag : null)));
    expect(flags(doc)).toContain(1);
    doc.mainOrders[0].extra.sellerFlag = '红';
    doc.mainOrders[1].extra.sellerFlag = 9;
    expect(flags(doc).slice(0, 2)).toEqual([null, null]);
  });
});
