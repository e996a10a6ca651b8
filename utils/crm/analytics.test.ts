import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buyingHours,
  cohorts,
  discountUse,
  itemPaths,
  itemStats,
  newVsReturning,
  regionBreakdown,
  windowStats,
  type BuyerFacts,
} from './analytics';
import { isPurchase } from './purchase';
import {
  lastDays, monthLabel, parseShanghaiTime, shanghaiDate, shanghaiDayStart, shanghaiHour, shanghaiMonthIndex, shanghaiWeekday,
  type DateRange,
} from './time';
import type { IdentityStrength, Order, OrderItem, OrderStatus, Platform } from './types';

const DAY = 86_400_000;
/** A console time, Asia/Shanghai. */
const at = (text: string) => parseShanghaiTime(text)!;

// ---- A small baby-goods shop, worked by hand ----
//
// Items: A100 奶粉 ¥200, B200 米粉 ¥30, C300 湿巾 ¥10.
const A = (over: Partial<OrderItem> = {}): OrderItem =>
  ({ itemId: 'A100', title: '婴儿奶粉 3段 800g', sku: '800g', quantity: 1, unitFen: 20000, refunded: false, ...over });
const B = (over: Partial<OrderItem> = {}): OrderItem =>
  ({ itemId: 'B200', title: '有机米粉', sku: '原味', quantity: 1, unitFen: 3000, refunded: false, ...over });
const C = (over: Partial<OrderItem> = {}): OrderItem =>
  ({ itemId: 'C300', title: '婴儿湿巾 80抽', sku: '80抽', quantity: 1, unitFen: 1000, refunded: false, ...over });

interface Spec {
  id: string;
  key: string;
  who: IdentityStrength;
  nick: string;
  platform?: Platform;
  time: string;
  status: OrderStatus;
  items: OrderItem[];
  paid: number;
  refund?: number;
  region?: string;
  discount?: { shopFen: number; platformFen: number };
}

function order(s: Spec): Order {
  const o: Order = {
    platform: s.platform ?? 'taobao', orderId: s.id, customerKey: s.key, identity: s.who, nick: s.nick,
    createdAt: at(s.time), status: s.status, amountFen: s.paid, refundFen: s.refund ?? 0, items: s.items,
    source: 'json', firstSeenAt: at(s.time), lastSeenAt: at(s.time),
  };
  if (s.region) o.region = s.region;
  if (s.discount) o.discount = s.discount;
  return o;
}

const MEI = 'taobao:id:mei';     // 小美, buyer id known
const QIANG = 'taobao:id:qiang'; // 阿强, buyer id known
const LI = 'pdd:p:li';           // 小李, masked but matched on receiver and address (probable)
const WANG = 'pdd:id:wang';      // 王姐
const K0 = 'pdd:order:K0';       // t**1: a masked nick only (weak), so each order is its own key
const K1 = 'pdd:order:K1';

const NANSHAN = '广东省 深圳市 南山区';
const XIHU = '浙江省 杭州市 西湖区';
const TIANHE = '广东省 广州市 天河区';

//  order buyer  time (Shanghai)    status              items                        paid    refund  net
//  M1    小美   28 Oct 10:00       completed           A×1                          200.00          200.00
//  M2    小美    3 Nov 23:30       completed           A×1                          190.00          190.00
//  M3    小美   10 Nov 09:00       shipped             A×1, B×2 (two items)         247.00          247.00
//  Q1    阿强    9 Nov 23:30       shipped             B×1                           30.00           30.00
//  Q2    阿强   10 Nov 00:10       paid                C×3                           30.00           30.00
//  L1    小李    1 Nov 00:20       completed           B×1                           30.00           30.00
//  L2    小李    6 Nov 15:00       refunded            A×1                          180.00  180.00   —  (not a purchase)
//  L3    小李    8 Nov 15:00       completed           C×2                           17.00           17.00
//  W1    王姐    5 Nov 14:00       closed              A×1                          200.00           —  (not a purchase)
//  W2    王姐    4 Nov 00:05       partially_refunded  B×2 (refunded), C×1           70.00   60.00   10.00  (no region)
//  W3    王姐    7 Nov 10:00       completed           C×1 (refunded)                10.00   10.00    0  (refunded item by item: not a purchase)
//  K0    t**1   20 Oct 11:00       completed           B×1                           30.00           30.00
//  K1    t**1    8 Nov 12:00       paid                B×1                           25.00           25.00
const ORDERS: Order[] = [
  order({ id: 'M1', key: MEI, who: 'strong', nick: '小美', time: '2026-10-28 10:00', status: 'completed', items: [A()], paid: 20000, region: NANSHAN }),
  order({ id: 'M2', key: MEI, who: 'strong', nick: '小美', time: '2026-11-03 23:30', status: 'completed', items: [A()], paid: 19000, region: NANSHAN }),
  order({ id: 'M3', key: MEI, who: 'strong', nick: '小美', time: '2026-11-10 09:00', status: 'shipped', items: [A({ title: '婴儿奶粉 3段 800g（新包装）' }), B({ quantity: 2 })], paid: 24700, region: NANSHAN }),
  order({ id: 'Q1', key: QIANG, who: 'strong', nick: '阿强', time: '2026-11-09 23:30', status: 'shipped', items: [B()], paid: 3000, region: XIHU }),
  order({ id: 'Q2', key: QIANG, who: 'strong', nick: '阿强', time: '2026-11-10 00:10', status: 'paid', items: [C({ quantity: 3 })], paid: 3000, region: XIHU }),
  order({ id: 'L1', key: LI, who: 'probable', nick: '小**', platform: 'pdd', time: '2026-11-01 00:20', status: 'completed', items: [B()], paid: 3000, region: TIANHE, discount: { shopFen: 0, platformFen: 0 } }),
  order({ id: 'L2', key: LI, who: 'probable', nick: '小**', platform: 'pdd', time: '2026-11-06 15:00', status: 'refunded', items: [A({ refunded: true })], paid: 18000, refund: 18000, region: TIANHE, discount: { shopFen: 2000, platformFen: 0 } }),
  order({ id: 'L3', key: LI, who: 'probable', nick: '小**', platform: 'pdd', time: '2026-11-08 15:00', status: 'completed', items: [C({ quantity: 2 })], paid: 1700, region: TIANHE, discount: { shopFen: 300, platformFen: 0 } }),
  order({ id: 'W1', key: WANG, who: 'strong', nick: '王姐', platform: 'pdd', time: '2026-11-05 14:00', status: 'closed', items: [A()], paid: 20000 }),
  order({ id: 'W2', key: WANG, who: 'strong', nick: '王姐', platform: 'pdd', time: '2026-11-04 00:05', status: 'partially_refunded', items: [B({ quantity: 2, refunded: true }), C()], paid: 7000, refund: 6000, discount: { shopFen: 0, platformFen: 0 } }),
  order({ id: 'W3', key: WANG, who: 'strong', nick: '王姐', platform: 'pdd', time: '2026-11-07 10:00', status: 'completed', items: [C({ refunded: true })], paid: 1000, refund: 1000 }),
  order({ id: 'K0', key: K0, who: 'weak', nick: 't**1', platform: 'pdd', time: '2026-10-20 11:00', status: 'completed', items: [B()], paid: 3000, region: '四川省 成都市 武侯区', discount: { shopFen: 0, platformFen: 0 } }),
  order({ id: 'K1', key: K1, who: 'weak', nick: 't**1', platform: 'pdd', time: '2026-11-08 12:00', status: 'paid', items: [B()], paid: 2500, region: '四川省 成都市 锦江区', discount: { shopFen: 0, platformFen: 500 } }),
];

// What the customer records say (first valid purchase: the earliest order above that counts).
const FACTS = new Map<string, BuyerFacts>([
  [MEI, { identity: 'strong', firstPurchaseAt: at('2026-10-28 10:00') }],
  [QIANG, { identity: 'strong', firstPurchaseAt: at('2026-11-09 23:30') }],
  [LI, { identity: 'probable', firstPurchaseAt: at('2026-11-01 00:20') }],
  [WANG, { identity: 'strong', firstPurchaseAt: at('2026-11-04 00:05') }],
  [K0, { identity: 'weak', firstPurchaseAt: at('2026-10-20 11:00') }],
  [K1, { identity: 'weak', firstPurchaseAt: at('2026-11-08 12:00') }],
]);

/** The seller opens the popup on Tuesday 10 Nov 2026 at 18:00. */
const NOW = at('2026-11-10 18:00');
/** "Last 7 days": Wednesday 4 Nov 00:00 to Wednesday 11 Nov 00:00 (Shanghai). */
const WEEK = lastDays(NOW, 7);

describe('the Shanghai calendar', () => {
  it('an order at 23:30 on the 9th in Shanghai is the 9th, though it is 15:30 UTC', () => {
    const q1 = at('2026-11-09 23:30');
    expect(new Date(q1).toISOString()).toBe('2026-11-09T15:30:00.000Z');
    expect(shanghaiDayStart(q1)).toBe(at('2026-11-09 00:00'));
    expect(shanghaiDayStart(q1)).toBe(Date.UTC(2026, 10, 8, 16));
  });

  it('an order at 00:10 on the 10th is the 10th, though UTC still says the 9th', () => {
    const q2 = at('2026-11-10 00:10');
    expect(new Date(q2).toISOString().slice(0, 10)).toBe('2026-11-09');
    expect(shanghaiDayStart(q2)).toBe(at('2026-11-10 00:00'));
  });

  it('midnight itself starts the day', () => {
    expect(shanghaiDayStart(at('2026-11-10 00:00'))).toBe(at('2026-11-10 00:00'));
    expect(shanghaiDayStart(at('2026-11-10 00:00') - 1)).toBe(at('2026-11-09 00:00'));
  });

  it('the last 7 days are 4–10 Nov, today included', () => {
    expect(WEEK).toEqual({ from: at('2026-11-04 00:00'), to: at('2026-11-11 00:00') });
    expect(lastDays(NOW, 1)).toEqual({ from: at('2026-11-10 00:00'), to: at('2026-11-11 00:00') });
  });

  it('weekday, hour and month are Shanghai ones', () => {
    // Q1: Monday 23:30 in Shanghai (Monday 15:30 UTC); Q2: Tuesday 00:10 (Monday 16:10 UTC).
    expect([shanghaiWeekday(at('2026-11-09 23:30')), shanghaiHour(at('2026-11-09 23:30'))]).toEqual([0, 23]);
    expect([shanghaiWeekday(at('2026-11-10 00:10')), shanghaiHour(at('2026-11-10 00:10'))]).toEqual([1, 0]);
    expect(shanghaiWeekday(at('2026-11-08 12:00'))).toBe(6); // a Sunday
    // L1 at 00:20 on 1 Nov is 31 Oct 16:20 UTC: November in Shanghai.
    expect(monthLabel(shanghaiMonthIndex(at('2026-11-01 00:20')))).toBe('2026-11');
    expect(monthLabel(shanghaiMonthIndex(at('2026-10-31 23:59')))).toBe('2026-10');
  });

  it('agrees with Date over shifted UTC for any time (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -2_000_000_000_000, max: 5_000_000_000_000 }), (ms) => {
      const d = new Date(ms + 8 * 3_600_000);
      expect(shanghaiMonthIndex(ms)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
      expect(shanghaiWeekday(ms)).toBe((d.getUTCDay() + 6) % 7);
      expect(shanghaiHour(ms)).toBe(d.getUTCHours());
      const start = shanghaiDayStart(ms);
      expect(start <= ms && ms < start + DAY).toBe(true);
      expect(shanghaiDate(start)).toBe(shanghaiDate(ms));
      expect(shanghaiHour(start)).toBe(0);
    }));
  });

  it('n days are n × 24 hours ending at tomorrow’s midnight (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.integer({ min: 1, max: 400 }), (now, n) => {
      const r = lastDays(now, n);
      expect(r.to - r.from).toBe(n * DAY);
      expect(r.to).toBe(shanghaiDayStart(now) + DAY);
      expect(now >= r.from && now < r.to).toBe(true);
    }));
  });
});

describe('what counts as a purchase', () => {
  it('paid and not closed, refunded, or refunded item by item down to nothing', () => {
    const byId = new Map(ORDERS.map((o) => [o.orderId, o]));
    expect(isPurchase(byId.get('W1')!)).toBe(false); // closed
    expect(isPurchase(byId.get('L2')!)).toBe(false); // refunded
    expect(isPurchase(byId.get('W3')!)).toBe(false); // completed, but its only item refunded: ¥0 left
    expect(isPurchase(byId.get('W2')!)).toBe(true); // partly refunded, ¥10 left
  });
});

describe('windowStats (the popup)', () => {
  // In 4–10 Nov the purchases are M3 ¥247, Q1 ¥30, Q2 ¥30, L3 ¥17, W2 ¥10, K1 ¥25 = 6 orders, ¥359.
  // Not: M2 (23:30 on 3 Nov, the evening before the window), L2 (refunded), W1 (closed), W3 (¥0 left).
  // Buyers: 小美, 阿强, 小李, 王姐, t**1 (K1) = 5.
  // Returning (a valid purchase before 4 Nov): 小美 (28 Oct), 小李 (1 Nov) = 2 of 5 = 40%.
  //   阿强 bought twice, but both in the window: new. 王姐's first purchase is W2 (4 Nov 00:05): new.
  //   t**1 bought on 20 Oct too (K0), but a masked nick alone is nobody we can recognise: new.
  // Repeat buyers (2+ purchases in the window): 阿强 (Q1 on the 9th, Q2 on the 10th) = 1 of 5 = 20%.
  //   小美 bought on 3 Nov and 10 Nov: only the 10th is in the window, so she is returning, not a repeat here.
  const week = { orders: 6, buyers: 5, salesFen: 35900, returningBuyers: 2, returningShare: 0.4, repeatBuyers: 1, repeatRate: 0.2 };

  it('last 7 days', () => {
    expect(windowStats(ORDERS, FACTS, WEEK)).toEqual(week);
  });

  it('today (10 Nov): 阿强 is now a returning buyer, his 23:30 order was yesterday', () => {
    // M3 ¥247 (小美) and Q2 ¥30 (阿强); both bought before today.
    expect(windowStats(ORDERS, FACTS, lastDays(NOW, 1))).toEqual(
      { orders: 2, buyers: 2, salesFen: 27700, returningBuyers: 2, returningShare: 1, repeatBuyers: 0, repeatRate: 0 },
    );
  });

  it('9 Nov: only Q1 — Q2 at 00:10 on the 10th is 16:10 UTC on the 9th but not the 9th here', () => {
    const ninth = { from: at('2026-11-09 00:00'), to: at('2026-11-10 00:00') };
    expect(windowStats(ORDERS, FACTS, ninth)).toEqual(
      { orders: 1, buyers: 1, salesFen: 3000, returningBuyers: 0, returningShare: 0, repeatBuyers: 0, repeatRate: 0 },
    );
  });

  it('an empty range has no shares', () => {
    expect(windowStats(ORDERS, FACTS, { from: at('2026-12-01 00:00'), to: at('2026-12-02 00:00') })).toEqual(
      { orders: 0, buyers: 0, salesFen: 0, returningBuyers: 0, returningShare: null, repeatBuyers: 0, repeatRate: null },
    );
  });

  it('learns the past from the records, or from the orders when a record is missing', () => {
    // Only the window's orders, with the records: the records know 小美 and 小李 bought before.
    const inWeek = ORDERS.filter((o) => o.createdAt >= WEEK.from && o.createdAt < WEEK.to);
    expect(windowStats(inWeek, FACTS, WEEK)).toEqual(week);
    // All orders, no records: their earlier orders say the same.
    expect(windowStats(ORDERS, new Map(), WEEK)).toEqual(week);
    // Neither: nobody has a known past.
    expect(windowStats(inWeek, new Map(), WEEK).returningBuyers).toBe(0);
  });

  it('a weak buyer stays new even if a record claims an earlier purchase', () => {
    const claims = new Map(FACTS).set(K1, { identity: 'weak', firstPurchaseAt: at('2026-10-01 00:00') });
    expect(windowStats(ORDERS, claims, WEEK).returningBuyers).toBe(2);
  });
});

describe('newVsReturning (新客 vs 老客 after a promotion)', () => {
  it('last 7 days', () => {
    // New: 阿强 (2 orders, ¥60), 王姐 (1, ¥10), t**1 (1, ¥25) → 3 buyers, 4 orders, ¥95.
    //   客单价 ¥95 / 3 = ¥31.666… → 3167 fen; 4/3 purchases each; 95/359 of sales.
    // Returning: 小美 (1, ¥247), 小李 (1, ¥17) → 2 buyers, 2 orders, ¥264.
    //   客单价 ¥132; 1 purchase each; 264/359 of sales (73.5%: few returning buyers bring most sales).
    // Total: 5 buyers, 6 orders, ¥359; 客单价 ¥71.80; 1.2 purchases each.
    const r = newVsReturning(ORDERS, FACTS, WEEK);
    expect(r.new).toEqual({ buyers: 3, orders: 4, salesFen: 9500, salesShare: 9500 / 35900, aovFen: 3167, purchasesPerBuyer: 4 / 3 });
    expect(r.returning).toEqual({ buyers: 2, orders: 2, salesFen: 26400, salesShare: 26400 / 35900, aovFen: 13200, purchasesPerBuyer: 1 });
    expect(r.total).toEqual({ buyers: 5, orders: 6, salesFen: 35900, salesShare: 1, aovFen: 7180, purchasesPerBuyer: 1.2 });
  });

  it('a range with no buyers gives empty groups, no ratios', () => {
    const r = newVsReturning(ORDERS, FACTS, { from: 0, to: at('2026-10-01 00:00') });
    expect(r.total).toEqual({ buyers: 0, orders: 0, salesFen: 0, salesShare: null, aovFen: null, purchasesPerBuyer: null });
    expect(r.new.aovFen).toBeNull();
  });
});

describe('regionBreakdown', () => {
  it('last 7 days, by province and by city', () => {
    // 广东省: 小美 M3 ¥247 (深圳市) + 小李 L3 ¥17 (广州市) = 2 buyers, 2 orders, ¥264
    // 浙江省: 阿强 Q1 + Q2 = 1 buyer, 2 orders, ¥60
    // 四川省: t**1 K1 = ¥25
    // (no region): 王姐 W2 = ¥10
    const r = regionBreakdown(ORDERS, WEEK);
    expect(r.provinces).toEqual([
      { name: '广东省', buyers: 2, orders: 2, salesFen: 26400 },
      { name: '浙江省', buyers: 1, orders: 2, salesFen: 6000 },
      { name: '四川省', buyers: 1, orders: 1, salesFen: 2500 },
      { name: '', buyers: 1, orders: 1, salesFen: 1000 },
    ]);
    expect(r.cities).toEqual([
      { name: '广东省 深圳市', buyers: 1, orders: 1, salesFen: 24700 },
      { name: '浙江省 杭州市', buyers: 1, orders: 2, salesFen: 6000 },
      { name: '四川省 成都市', buyers: 1, orders: 1, salesFen: 2500 },
      { name: '广东省 广州市', buyers: 1, orders: 1, salesFen: 1700 },
      { name: '', buyers: 1, orders: 1, salesFen: 1000 },
    ]);
  });

  it('ties go by name; a province alone has no city', () => {
    const two = [
      order({ id: 'x', key: 'a', who: 'strong', nick: 'a', time: '2026-11-05 10:00', status: 'paid', items: [C()], paid: 1000, region: '浙江省' }),
      order({ id: 'y', key: 'b', who: 'strong', nick: 'b', time: '2026-11-05 10:00', status: 'paid', items: [C()], paid: 1000, region: '  北京 北京市  朝阳区 ' }),
    ];
    const r = regionBreakdown(two, WEEK);
    expect(r.provinces.map((p) => p.name)).toEqual(['北京', '浙江省']);
    expect(r.cities.map((c) => c.name)).toEqual(['', '北京 北京市']);
  });
});

describe('buyingHours', () => {
  it('last 7 days on the weekday × hour grid (Monday = 0)', () => {
    // W2 Wed 00:05 ¥10 · L3 Sun 15:00 ¥17 · K1 Sun 12:00 ¥25 · Q1 Mon 23:30 ¥30 · Q2 Tue 00:10 ¥30 · M3 Tue 09:00 ¥247
    const h = buyingHours(ORDERS, WEEK);
    const cells: [number, number, number, number][] = [];
    h.orders.forEach((row, d) => row.forEach((n, hour) => { if (n) cells.push([d, hour, n, h.salesFen[d]![hour]!]); }));
    expect(cells).toEqual([
      [0, 23, 1, 3000], // Q1: 23:30 Monday in Shanghai (15:30 UTC)
      [1, 0, 1, 3000], // Q2: 00:10 Tuesday (Monday 16:10 UTC)
      [1, 9, 1, 24700], // M3
      [2, 0, 1, 1000], // W2
      [6, 12, 1, 2500], // K1
      [6, 15, 1, 1700], // L3
    ]);
    expect(h.orders).toHaveLength(7);
    expect(h.orders.every((row) => row.length === 24)).toBe(true);
  });
});

describe('itemStats', () => {
  it('last 7 days', () => {
    // M3 (two items) paid ¥247 for a list price of A ¥200 + B 2×¥30 = ¥260: 95% each, so A ¥190, B ¥57.
    // W2: B was refunded, the ¥10 left is all C's.
    // A: M3 ¥190, 1 piece, buyer 小美. She bought A on 28 Oct, 3 Nov and 10 Nov (L2 was refunded, W1 closed):
    //    a repeat buyer, 1 of 1. Gaps: 6 d 13.5 h = 6.5625 d and 6 d 9.5 h = 6.396 d; median 6.479 → 6.5 days.
    // B: M3 ¥57 (2 pieces) + Q1 ¥30 + K1 ¥25 = ¥112, 4 pieces, buyers 小美, 阿强, t**1. None bought B twice
    //    (小李's B was on 1 Nov, before the window, and she is not a buyer of B in it; W2's B was refunded). Title
    //    is the newest one.
    // C: Q2 ¥30 (3) + L3 ¥17 (2) + W2 ¥10 (1) = ¥57, 6 pieces, buyers 阿强, 小李, 王姐; nobody bought C twice
    //    (王姐's W3 was refunded).
    // ¥190 + ¥112 + ¥57 = ¥359, the week's sales.
    expect(itemStats(ORDERS, WEEK)).toEqual([
      { itemId: 'A100', title: '婴儿奶粉 3段 800g（新包装）', salesFen: 19000, pieces: 1, buyers: 1, repeatBuyers: 1, repurchaseRate: 1, medianRepurchaseDays: 6.5 },
      { itemId: 'B200', title: '有机米粉', salesFen: 11200, pieces: 4, buyers: 3, repeatBuyers: 0, repurchaseRate: 0, medianRepurchaseDays: null },
      { itemId: 'C300', title: '婴儿湿巾 80抽', salesFen: 5700, pieces: 6, buyers: 3, repeatBuyers: 0, repurchaseRate: 0, medianRepurchaseDays: null },
    ]);
  });

  it('a weak buyer never repeats, even with two orders under one key', () => {
    const twice = [K0, K0].map((key, i) =>
      order({ id: `w${i}`, key, who: 'weak', nick: 't**1', time: `2026-11-0${i + 5} 10:00`, status: 'paid', items: [B()], paid: 3000 }));
    expect(itemStats(twice, WEEK)).toEqual([
      { itemId: 'B200', title: '有机米粉', salesFen: 6000, pieces: 2, buyers: 1, repeatBuyers: 0, repurchaseRate: 0, medianRepurchaseDays: null },
    ]);
  });

  it('two lines of one item in one order are one purchase of it; odd fen are not lost', () => {
    // ¥10.01 over A ¥200 + A ¥200 (two SKUs) + C ¥10 = ¥410 list: running totals 1001 × 200/410 = 488.3 → 488,
    // 1001 × 400/410 = 976.6 → 977 (so the second A line gets 489), and C the rest, 24: 1001 fen in all.
    const o = order({ id: 'm', key: 'x', who: 'strong', nick: 'x', time: '2026-11-05 10:00', status: 'paid',
      items: [A({ sku: 'a' }), A({ sku: 'b' }), C()], paid: 1001 });
    const rows = itemStats([o], WEEK);
    expect(rows.reduce((s, r) => s + r.salesFen, 0)).toBe(1001);
    expect(rows.find((r) => r.itemId === 'A100')).toMatchObject({ salesFen: 977, pieces: 2, buyers: 1, repeatBuyers: 0 });
    expect(rows.find((r) => r.itemId === 'C300')).toMatchObject({ salesFen: 24, pieces: 1 });
  });
});

describe('itemPaths', () => {
  it('first purchase → second purchase, in buyers', () => {
    // 小美: M1 A → M2 A (she came back for the same formula).
    // 阿强: Q1 B at 23:30 and Q2 C at 00:10, 40 minutes apart: one purchase split in two, no second one.
    // 小李: L1 B → L3 C (L2, refunded, is not her second purchase).
    // 王姐 has one purchase (W2); t**1's two orders are two unknown buyers.
    expect(itemPaths(ORDERS)).toEqual([
      { fromItemId: 'A100', fromTitle: '婴儿奶粉 3段 800g（新包装）', toItemId: 'A100', toTitle: '婴儿奶粉 3段 800g（新包装）', buyers: 1 },
      { fromItemId: 'B200', fromTitle: '有机米粉', toItemId: 'C300', toTitle: '婴儿湿巾 80抽', buyers: 1 },
    ]);
    expect(itemPaths(ORDERS, 1)).toHaveLength(1);
  });

  it('an order split in two (minutes apart) is no repurchase in the items table either', () => {
    const split = [
      order({ id: 's1', key: 'y', who: 'strong', nick: 'y', time: '2026-11-05 10:00', status: 'paid', items: [A()], paid: 15000 }),
      order({ id: 's2', key: 'y', who: 'strong', nick: 'y', time: '2026-11-05 10:10', status: 'paid', items: [A()], paid: 15000 }),
    ];
    const [row] = itemStats(split, { from: 0, to: Date.UTC(2030, 0, 1) });
    expect(row).toMatchObject({ itemId: 'A100', buyers: 1, repeatBuyers: 0, repurchaseRate: 0, medianRepurchaseDays: null });
    expect(itemPaths(split)).toEqual([]);
  });

  it('pairs each item of the first purchase with each of the second, whatever order the rows come in', () => {
    const two = [
      order({ id: '2', key: 'x', who: 'strong', nick: 'x', time: '2026-11-06 10:00', status: 'paid', items: [C(), A()], paid: 21000 }),
      order({ id: '1', key: 'x', who: 'strong', nick: 'x', time: '2026-11-05 10:00', status: 'paid', items: [B(), B({ sku: '2' })], paid: 6000 }),
    ];
    expect(itemPaths(two).map((p) => `${p.fromItemId}→${p.toItemId}:${p.buyers}`)).toEqual(['B200→A100:1', 'B200→C300:1']);
  });
});

describe('cohorts', () => {
  it('by first-purchase month, Shanghai time', () => {
    // 2026-10: 小美 (28 Oct), who bought again in November → returned [1].
    // 2026-11: 阿强, 王姐, and 小李 — her first purchase at 00:20 on 1 Nov is 31 Oct in UTC, but November here.
    // t**1 (weak) is in no cohort.
    expect(cohorts(ORDERS, NOW)).toEqual([
      { month: '2026-10', customers: 1, returned: [1] },
      { month: '2026-11', customers: 3, returned: [] },
    ]);
  });

  it('runs up to now’s month', () => {
    expect(cohorts(ORDERS, at('2027-01-15 12:00'))).toEqual([
      { month: '2026-10', customers: 1, returned: [1, 0, 0] },
      { month: '2026-11', customers: 3, returned: [0, 0] },
    ]);
    // Seen from October, November has not happened.
    expect(cohorts(ORDERS, at('2026-10-31 23:00'))).toEqual([{ month: '2026-10', customers: 1, returned: [] }]);
  });
});

describe('discountUse', () => {
  it('last 7 days, over the orders whose page gave discounts', () => {
    // Pinduoduo purchases in the window with discount figures: W2 (none), L3 (shop coupon ¥3), K1 (platform ¥5).
    // L2 had a ¥20 coupon but was refunded; Taobao orders (M3, Q1, Q2) give no figures and are not counted.
    expect(discountUse(ORDERS, WEEK)).toEqual({ orders: 3, withDiscount: 2, share: 2 / 3, shopFen: 300, platformFen: 500 });
  });

  it('no figures, no share', () => {
    expect(discountUse(ORDERS.filter((o) => o.platform === 'taobao'), WEEK)).toEqual(
      { orders: 0, withDiscount: 0, share: null, shopFen: 0, platformFen: 0 },
    );
  });
});

// ---- Properties over random shops ----

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
const ITEMS = [A(), B(), C()];
const T0 = at('2026-10-01 00:00');
const SPAN = 70 * DAY;

const arbItem = fc.record({
  which: fc.integer({ min: 0, max: 2 }),
  quantity: fc.integer({ min: 1, max: 4 }),
  unitFen: fc.integer({ min: 0, max: 30000 }),
  refunded: fc.boolean(),
});
const arbOrder = fc.record({
  key: fc.integer({ min: 0, max: KEYS.length - 1 }),
  weak: fc.boolean(),
  at: fc.integer({ min: 0, max: SPAN }),
  status: fc.constantFrom<OrderStatus>('unpaid', 'paid', 'shipped', 'completed', 'closed', 'refunded', 'partially_refunded'),
  amountFen: fc.integer({ min: 0, max: 50000 }),
  refundFen: fc.integer({ min: 0, max: 50000 }),
  first: arbItem,
  more: fc.array(arbItem, { maxLength: 3 }),
  region: fc.constantFrom(undefined, '广东省 深圳市 南山区', '广东省 广州市', '浙江省', '浙江省 杭州市 西湖区'),
  discount: fc.option(fc.record({ shopFen: fc.integer({ min: 0, max: 500 }), platformFen: fc.integer({ min: 0, max: 500 }) })),
});
const arbShop = fc.array(arbOrder, { maxLength: 40 }).map((rows) =>
  rows.map((r, i): Order => {
    const line = (x: typeof r.first, refunded: boolean): OrderItem => ({ ...ITEMS[x.which]!, quantity: x.quantity, unitFen: x.unitFen, refunded });
    const o: Order = {
      platform: 'pdd', orderId: `o${i}`,
      // A masked nick alone gets a key of its own order, as identify() gives it.
      customerKey: r.weak ? `pdd:order:o${i}` : KEYS[r.key]!, identity: r.weak ? 'weak' : 'strong', nick: 'n',
      createdAt: T0 + r.at, status: r.status, amountFen: r.amountFen, refundFen: Math.min(r.refundFen, r.amountFen),
      // The first line is never refunded, so every purchase has something to share its amount over.
      items: [line(r.first, false), ...r.more.map((x) => line(x, x.refunded))],
      source: 'json', firstSeenAt: 0, lastSeenAt: 0,
    };
    if (r.region) o.region = r.region;
    if (r.discount) o.discount = r.discount;
    return o;
  }));
const arbRange = fc.tuple(fc.integer({ min: 0, max: SPAN }), fc.integer({ min: 0, max: SPAN })).map(([x, y]): DateRange =>
  ({ from: T0 + Math.min(x, y), to: T0 + Math.max(x, y) + 1 }));

/** The customer records as summarizeCustomer would give them. */
function factsOf(orders: Order[]): Map<string, BuyerFacts> {
  const m = new Map<string, BuyerFacts>();
  for (const o of orders) {
    const f = m.get(o.customerKey) ?? { identity: o.identity };
    if (isPurchase(o) && (f.firstPurchaseAt === undefined || o.createdAt < f.firstPurchaseAt)) f.firstPurchaseAt = o.createdAt;
    m.set(o.customerKey, f);
  }
  return m;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('properties', () => {
  it('new + returning = total, and the totals are windowStats’ figures', () => {
    fc.assert(fc.property(arbShop, arbRange, (orders, range) => {
      const facts = factsOf(orders);
      const w = windowStats(orders, facts, range);
      const r = newVsReturning(orders, facts, range);
      expect(r.new.buyers + r.returning.buyers).toBe(r.total.buyers);
      expect(r.new.orders + r.returning.orders).toBe(r.total.orders);
      expect(r.new.salesFen + r.returning.salesFen).toBe(r.total.salesFen);
      expect([r.total.buyers, r.total.orders, r.total.salesFen, r.returning.buyers]).toEqual([w.buyers, w.orders, w.salesFen, w.returningBuyers]);
      expect(w.repeatBuyers).toBeLessThanOrEqual(w.buyers);
      // The records and the full order history agree on who is returning.
      expect(windowStats(orders, new Map(), range)).toEqual(w);
    }));
  });

  it('items, regions and the heatmap add up to the window’s sales and orders', () => {
    fc.assert(fc.property(arbShop, arbRange, (orders, range) => {
      const w = windowStats(orders, factsOf(orders), range);
      const items = itemStats(orders, range);
      expect(sum(items.map((i) => i.salesFen))).toBe(w.salesFen);
      for (const i of items) expect(i.repeatBuyers).toBeLessThanOrEqual(i.buyers);
      const regions = regionBreakdown(orders, range);
      for (const rows of [regions.provinces, regions.cities]) {
        expect(sum(rows.map((x) => x.orders))).toBe(w.orders);
        expect(sum(rows.map((x) => x.salesFen))).toBe(w.salesFen);
      }
      const h = buyingHours(orders, range);
      expect(sum(h.orders.flat())).toBe(w.orders);
      expect(sum(h.salesFen.flat())).toBe(w.salesFen);
      const d = discountUse(orders, range);
      expect(d.withDiscount).toBeLessThanOrEqual(d.orders);
      expect(d.orders).toBeLessThanOrEqual(w.orders);
    }));
  });

  it('the order rows arrive in does not matter', () => {
    fc.assert(fc.property(arbShop, arbRange, (orders, range) => {
      const reversed = [...orders].reverse();
      expect(itemStats(reversed, range)).toEqual(itemStats(orders, range));
      expect(itemPaths(reversed)).toEqual(itemPaths(orders));
      expect(cohorts(reversed, T0 + SPAN)).toEqual(cohorts(orders, T0 + SPAN));
    }));
  });

  it('cohorts hold every known customer once, and nobody returns more often than the cohort has customers', () => {
    fc.assert(fc.property(arbShop, (orders) => {
      const rows = cohorts(orders, T0 + SPAN);
      const known = new Set(orders.filter((o) => o.identity !== 'weak' && isPurchase(o)).map((o) => o.customerKey));
      expect(sum(rows.map((r) => r.customers))).toBe(known.size);
      for (const r of rows) for (const n of r.returned) expect(n).toBeLessThanOrEqual(r.customers);
    }));
  });
});
