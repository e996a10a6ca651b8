import { describe, expect, it } from 'vitest';
import { carriesSellerFields, foldSellerFields, identityConflict, jsonOverDom, MAX_TAGS, mergeOrder, mergeSellerCopies, orderFacts, summarizeBuyers, summarizeCustomer, upgradedCustomer, usualGapDays } from './ingest';
import { identify } from './identity';
import type { ObservedOrder, Order } from './types';

const seen = (over: Partial<ObservedOrder> = {}): ObservedOrder => ({
  platform: 'taobao', orderId: '1000000000000000001', buyer: { nick: '茶客小林' }, createdAt: 1_000_000,
  status: 'completed', amountFen: 10000, refundFen: 0, source: 'json',
  items: [{ itemId: '1', title: '白茶', sku: '', quantity: 2, unitFen: 5000, refunded: false }], ...over,
});
const stored = (over: Partial<ObservedOrder> = {}, now = 1): Order => mergeOrder(undefined, seen(over), now).order;

describe('mergeOrder', () => {
  it('keeps when it was first seen and moves when it was last seen', () => {
    const first = stored({}, 100);
    const { order, changed } = mergeOrder(first, seen(), 200);
    expect(order).toMatchObject({ firstSeenAt: 100, lastSeenAt: 200 });
    expect(changed).toBe(false);
  });

  it('a new status is a change', () => {
    expect(mergeOrder(stored(), seen({ status: 'refunded' }), 2).changed).toBe(true);
  });

  it('a later masked reading never takes the order from the buyer proven before', () => {
    const proven = stored({ buyer: { id: 'AAF123456', nick: '茶客小林' } });
    const { order } = mergeOrder(proven, seen({ buyer: { nick: '茶**林' }, status: 'refunded' }), 2);
    expect(order).toMatchObject({ customerKey: 'taobao:id:AAF123456', identity: 'strong', buyerId: 'AAF123456', nick: '茶客小林', status: 'refunded' });
  });

  it('a later reading that knows more upgrades a weak order', () => {
    const weak = stored({ buyer: { nick: '茶**林' } });
    expect(mergeOrder(weak, seen({ buyer: { id: 'AAF123456', nick: '茶客小林' } }), 2).order)
      .toMatchObject({ customerKey: 'taobao:id:AAF123456', identity: 'strong' });
  });

  it('refunds never exceed what was paid', () => {
    expect(stored({ amountFen: 100, refundFen: 500 }).refundFen).toBe(100);
  });
});

describe('summarizeCustomer', () => {
  // Three orders of one buyer: ¥100 completed, ¥50 refunded, ¥80 with ¥30 refunded → 2 purchases, ¥150.
  const orders = [
    stored({ orderId: '1', createdAt: 1_000, amountFen: 10000 }),
    stored({ orderId: '2', createdAt: 2_000, amountFen: 5000, status: 'refunded' }),
    stored({ orderId: '3', createdAt: 3_000, amountFen: 8000, refundFen: 3000, status: 'partially_refunded' }),
  ];

  it('counts valid purchases and net spend', () => {
    expect(summarizeCustomer(orders, undefined, 9)).toMatchObject({
      key: 'taobao:nick:茶客小林', orderCount: 2, totalFen: 15000, firstPurchaseAt: 1_000, lastPurchaseAt: 3_000,
      items: [{ title: '白茶', quantity: 4 }],
    });
  });

  it('keeps what the seller typed', () => {
    const prev = { ...summarizeCustomer(orders, undefined, 1)!, tags: ['VIP'], notes: '喜欢白茶' };
    expect(summarizeCustomer(orders, prev, 2)).toMatchObject({ tags: ['VIP'], notes: '喜欢白茶' });
  });

  it('no orders left, no customer', () => {
    expect(summarizeCustomer([], undefined, 1)).toBeNull();
  });

  it('numbers purchases by time, skipping orders that do not count', () => {
    const c = summarizeCustomer(orders, undefined, 9)!;
    expect(c.purchases).toEqual(['1', '3']);
    expect(orders.map((o) => orderFacts(o, c).ordinal)).toEqual([1, null, 2]);
  });

  it('renumbers when an earlier purchase is refunded', () => {
    const refunded = orders.map((o) => (o.orderId === '1' ? { ...o, status: 'refunded' as const } : o));
    const c = summarizeCustomer(refunded, undefined, 9)!;
    expect(refunded.map((o) => orderFacts(o, c).ordinal)).toEqual([null, null, 1]);
  });
});

describe('the figures audiences filter on', () => {
  const day = 86_400_000;
  it('pieces, most pieces in one order (多件客户), items and region from valid purchases only', () => {
    const orders = [
      stored({ orderId: '1', createdAt: 0, region: '浙江省 杭州市 西湖区' }),
      stored({ orderId: '2', createdAt: 5 * day, region: '广东省 深圳市 南山区', items: [
        { itemId: 'a', title: '红茶', sku: '', quantity: 3, unitFen: 1000, refunded: false },
        { itemId: 'b', title: '茶杯', sku: '', quantity: 1, unitFen: 1000, refunded: true },
      ] }),
      stored({ orderId: '3', createdAt: 9 * day, status: 'closed', items: [
        { itemId: 'c', title: '绿茶', sku: '', quantity: 9, unitFen: 1000, refunded: false },
      ] }),
    ];
    const c = summarizeCustomer(orders, undefined, 1)!;
    // 2 白茶 in order 1 + 3 红茶 in order 2 (the refunded 茶杯 and the closed order do not count).
    expect(c).toMatchObject({ pieces: 5, maxPieces: 3, itemIds: ['1', 'a'], region: '广东省 深圳市 南山区', usualGapDays: 5, refundOpen: false });
  });

  it('a refund under way on any order marks the customer; the phone the seller typed is kept', () => {
    const c = summarizeCustomer([stored({ refundOpen: true })], { phone: '13800000000' } as never, 1)!;
    expect(c.refundOpen).toBe(true);
    expect(c.phone).toBe('13800000000');
  });

  it('the usual gap is the median of the gaps: one long pause does not hide a monthly habit', () => {
    // Gaps of 30, 31, 29 and 200 days → median (30 + 31) / 2 = 30.5.
    const at = [0, 30, 61, 90, 290].map((d) => d * day);
    expect(usualGapDays(at)).toBe(30.5);
    expect(usualGapDays([0])).toBeUndefined();
  });

  it('two orders on one China day are one purchase: purchase days, the first day\'s spend and the gap count days', () => {
    // 10:00 and 22:00 on 2026-01-05 (China), then 2026-01-15: two purchase days, 10 days apart, not a
    // 0.5-day gap; the first day's spend is both of its orders (¥100 each).
    const t0 = Date.UTC(2026, 0, 5, 2);
    const c = summarizeCustomer([
      stored({ orderId: '1', createdAt: t0 }), stored({ orderId: '2', createdAt: t0 + 12 * 3_600_000 }),
      stored({ orderId: '3', createdAt: t0 + 10 * day }),
    ], undefined, 1)!;
    expect(c).toMatchObject({ orderCount: 3, purchaseDays: 2, usualGapDays: 10, firstDayFen: 20_000 });
  });
});

describe('readings that name another buyer (issue 14)', () => {
  const byId = stored({ buyer: { id: 'AAF123456', nick: '茶客小林' } });
  const who = (o: ObservedOrder) => identify(o.platform, o.orderId, o.buyer, o.region);

  it('another buyer id for an order stored under a buyer id is set aside whole', () => {
    const forged = seen({ buyer: { id: 'AAF999999', nick: '茶客小林' }, status: 'refunded' });
    expect(identityConflict(byId, forged, who(forged))).toBe(true);
    expect(mergeOrder(byId, forged, 5)).toEqual({ order: byId, changed: false, conflict: true });
  });

  it('the same id, no id, or the id of the full nick the order was kept under is no conflict', () => {
    const nickKept = stored({ buyer: { nick: '茶客小林' } });
    for (const [order, reading] of [
      [byId, seen({ buyer: { id: 'AAF123456', nick: '茶客小林' } })],
      [byId, seen({ buyer: { nick: '别的昵称' } })],
      [nickKept, seen({ buyer: { id: 'AAF123456', nick: '茶客小林' } })],
    ] as const) expect(identityConflict(order, reading, who(reading))).toBe(false);
    const other = seen({ buyer: { id: 'AAF123456', nick: '别人' } });
    expect(identityConflict(nickKept, other, who(other))).toBe(true);
  });

  it('抖店: another user_id for an order kept under a user_id is set aside too (probable only for the id\'s scope)', () => {
    const dy = stored({ platform: 'douyin', orderId: '6920000000000000001', buyer: { id: 'MS4wLjABAAAA1', nick: '小林' } });
    expect(dy).toMatchObject({ customerKey: 'douyin:id:MS4wLjABAAAA1', identity: 'probable' });
    const forged = seen({ platform: 'douyin', orderId: '6920000000000000001', buyer: { id: 'MS4wLjABAAAA9', nick: '小林' } });
    expect(identityConflict(dy, forged, who(forged))).toBe(true);
    expect(mergeOrder(dy, forged, 5)).toEqual({ order: dy, changed: false, conflict: true });
    // The same id, or a reading without one (kept under the id), is no conflict.
    const again = seen({ platform: 'douyin', orderId: '6920000000000000001', buyer: { id: 'MS4wLjABAAAA1', nick: '改名了' } });
    expect(identityConflict(dy, again, who(again))).toBe(false);
    const noId = seen({ platform: 'douyin', orderId: '6920000000000000001', buyer: { nick: '小林' } });
    expect(identityConflict(dy, noId, who(noId))).toBe(false);
    expect(mergeOrder(dy, noId, 6).order.customerKey).toBe('douyin:id:MS4wLjABAAAA1');
  });

  it('Pinduoduo\'s probable rule (no id) is no proof: a later reading may regroup the order', () => {
    const pdd = stored({ platform: 'pdd', orderId: '250520-372910458812345', buyer: { nick: '阿***', receiver: '张**' }, region: '广东省 深圳市 南山区' });
    const other = seen({ platform: 'pdd', orderId: '250520-372910458812345', buyer: { nick: '阿***', receiver: '李**' }, region: '广东省 深圳市 南山区' });
    expect(identityConflict(pdd, other, who(other))).toBe(false);
  });

  it('a DOM reading of a JSON order keeps it whole, another nick and all', () => {
    const { order, changed, conflict } = mergeOrder(byId, seen({ buyer: { nick: '别人' }, source: 'dom', status: 'closed' }), 9);
    expect(order).toEqual({ ...byId, lastSeenAt: 9 });
    expect([changed, conflict]).toEqual([false, false]);
  });

  // The red team's poisoned row: a page script drew order 1000000000000000001 under the full nick
  // "attacker" at ¥1.00, 交易成功, before the JSON came. Stored strong (a full Taobao nick), source dom.
  const drawn = stored({ buyer: { nick: 'attacker' }, source: 'dom', amountFen: 100, status: 'completed' }, 10);

  it('a JSON reading of a DOM-only order is no conflict: it replaces the buyer and the figures (¥1 completed → 茶客小林\'s ¥100 paid)', () => {
    expect(drawn).toMatchObject({ customerKey: 'taobao:nick:attacker', identity: 'strong', source: 'dom' });
    const real = seen({ buyer: { id: 'AAF123456', nick: '茶客小林' }, status: 'paid' });
    expect(jsonOverDom(drawn, real)).toBe(true);
    expect(identityConflict(drawn, real, who(real))).toBe(false);
    const { order, changed, conflict } = mergeOrder(drawn, real, 20);
    expect([changed, conflict]).toEqual([true, false]);
    expect(order).toMatchObject({
      customerKey: 'taobao:id:AAF123456', identity: 'strong', buyerId: 'AAF123456', nick: '茶客小林',
      amountFen: 10000, status: 'paid', source: 'json', firstSeenAt: 10, lastSeenAt: 20,
    });
  });

  it('the JSON takes the order from a DOM-only buyer even to a weaker identity (a masked nick), or to another full nick', () => {
    const masked = seen({ buyer: { nick: '茶**林' } });
    expect(mergeOrder(drawn, masked, 20).order).toMatchObject({ customerKey: 'taobao:order:1000000000000000001', identity: 'weak', nick: '茶**林', source: 'json' });
    const nickOnly = seen({ buyer: { nick: '茶客小林' } });
    expect(mergeOrder(drawn, nickOnly, 20).order).toMatchObject({ customerKey: 'taobao:nick:茶客小林', identity: 'strong', source: 'json' });
    expect(mergeOrder(drawn, nickOnly, 20).order).not.toHaveProperty('buyerId');
  });

  it('only the JSON replaces a DOM reading: another DOM row keeps the first one\'s buyer (neither proves anything)', () => {
    const again = seen({ buyer: { nick: '茶客小林' }, source: 'dom' });
    expect(jsonOverDom(drawn, again)).toBe(false);
    expect(mergeOrder(drawn, again, 20).order).toMatchObject({ customerKey: 'taobao:nick:attacker', source: 'dom' });
  });
});

describe('what the seller typed, when an order moves to the buyer it proves', () => {
  const base = summarizeCustomer([stored()], undefined, 1)!;
  const into = { ...base, tags: ['VIP'], notes: '喜欢普洱' };
  const from = { ...base, key: 'taobao:order:1', tags: ['VIP', '复购潜力'], notes: '包装要结实', phone: '13800002222', phoneSavedAt: 7 };

  it('folds tags, notes and the phone as a backup merge folds two records of one person', () => {
    const folded = foldSellerFields(into, from);
    expect(folded).toMatchObject({ key: base.key, tags: ['VIP', '复购潜力'], notes: '喜欢普洱\n包装要结实', phone: '13800002222', phoneSavedAt: 7 });
    expect(carriesSellerFields(folded, from)).toBe(true);
    // Folded again (another order of the same buyer): nothing doubles.
    expect(foldSellerFields(folded, from)).toEqual(folded);
  });

  it('keeps the buyer\'s own phone; the other phone is then not carried', () => {
    const folded = foldSellerFields({ ...into, phone: '13900003333' }, from);
    expect(folded.phone).toBe('13900003333');
    expect(carriesSellerFields(folded, from)).toBe(false);
  });

  it('an annotated customer without orders keeps their record, with no purchases', () => {
    const prev = { ...summarizeCustomer([stored()], undefined, 1)!, notes: '要发票', region: '广东省 深圳市 南山区' };
    expect(summarizeCustomer([], prev, 5)).toEqual({
      key: prev.key, platform: 'taobao', nick: '茶客小林', identity: 'strong', orderCount: 0, totalFen: 0, purchases: [], items: [],
      pieces: 0, maxPieces: 0, itemIds: [], refundOpen: false, tags: [], notes: '要发票', updatedAt: 5,
    });
    expect(summarizeCustomer([], { ...prev, notes: '' }, 5)).toBeNull();
  });
});

describe('two copies of one buyer (a backup merged in): mergeSellerCopies', () => {
  const base = summarizeCustomer([stored()], undefined, 1)!;
  const here = { ...base, tags: ['VIP'], notes: '喜欢普洱' };
  const theirs = { ...base, tags: ['复购潜力', 'VIP'], notes: '喜欢普洱，要发票', phone: '13800002222', phoneSavedAt: 7 };

  it('unites tags and takes a phone as a fold does, but keeps one version of the notes', () => {
    const merged = mergeSellerCopies(here, theirs);
    expect(merged).toEqual({ ...foldSellerFields(here, theirs), notes: '喜欢普洱' });
    expect(merged).toMatchObject({ tags: ['VIP', '复购潜力'], notes: '喜欢普洱', phone: '13800002222', phoneSavedAt: 7 });
  });

  it('blank notes here take the other copy\'s; no other copy leaves the record as it is', () => {
    expect(mergeSellerCopies({ ...here, notes: '  ' }, theirs).notes).toBe('喜欢普洱，要发票');
    expect(mergeSellerCopies(here, undefined)).toBe(here);
  });

  it('the tags of both stop at MAX_TAGS, the record\'s own first', () => {
    const many = { ...here, tags: Array.from({ length: 19 }, (_, i) => `t${i}`) };
    expect(mergeSellerCopies(many, { ...theirs, tags: ['a', 'b', 'c'] }).tags).toEqual([...many.tags, 'a']);
  });
});

describe('summarizeBuyers: buyers after orders moved to the buyer they prove', () => {
  const byNick = stored({ buyer: { nick: '小七' } });
  const byId = { ...byNick, customerKey: 'taobao:id:b7', buyerId: 'b7' };
  const nickRecord = { ...summarizeCustomer([byNick], undefined, 1)!, tags: ['熟客'], notes: '要红茶' };
  const moves = new Map([['taobao:nick:小七', new Set(['taobao:id:b7'])]]);

  it('the buyer left without orders goes when everything the seller typed went along', () => {
    const next = summarizeBuyers(['taobao:nick:小七', 'taobao:id:b7'], new Map([['taobao:id:b7', [byId]]]),
      new Map([['taobao:nick:小七', nickRecord], ['taobao:id:b7', undefined]]), moves, 5);
    expect(next.get('taobao:nick:小七')).toBeNull();
    expect(next.get('taobao:id:b7')).toMatchObject({ orderCount: 1, tags: ['熟客'], notes: '要红茶', updatedAt: 5 });
  });

  it('it stays, without purchases, when a tag does not fit past MAX_TAGS', () => {
    const full = { ...summarizeCustomer([byId], undefined, 1)!, tags: Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`) };
    const next = summarizeBuyers(['taobao:nick:小七', 'taobao:id:b7'], new Map([['taobao:id:b7', [byId]]]),
      new Map([['taobao:nick:小七', nickRecord], ['taobao:id:b7', full]]), moves, 5);
    expect(next.get('taobao:nick:小七')).toMatchObject({ orderCount: 0, tags: ['熟客'], notes: '要红茶' });
    expect(next.get('taobao:id:b7')).toMatchObject({ tags: full.tags, notes: '要红茶' });
  });
});

describe('upgradedCustomer: a record of an earlier schema', () => {
  const c = { ...summarizeCustomer([stored()], undefined, 1)!, phone: '13800001111', updatedAt: 40 };

  it('a phone typed before phones were dated is dated from the record\'s last change; the record keeps its time', () => {
    expect(upgradedCustomer(c, [stored()], 99)).toMatchObject({ phone: '13800001111', phoneSavedAt: 40, updatedAt: 40 });
    expect(upgradedCustomer({ ...c, phoneSavedAt: 7 }, [stored()], 99)).toMatchObject({ phoneSavedAt: 7 });
  });
});
