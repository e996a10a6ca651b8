import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  restockForecast,
  cyclesAndDue,
  RESTOCK_DAYS,
  skuSize,
  DEFAULT_CYCLE_DAYS,
  itemCycles,
  MIN_CYCLE_SAMPLES,
  purchaseGaps,
  replenishmentDue,
  type ItemCycle,
} from './cycles';
import { parseShanghaiTime, shanghaiDate, shanghaiDateTime, shanghaiDay, shanghaiMidnight } from './time';
import type { IdentityStrength, Order, OrderStatus } from './types';

const DAY = 86_400_000;

/** "2026-10-21 10:00" (Shanghai) → ms; a date alone is 10:00 that day. */
function at(text: string): number {
  const ms = parseShanghaiTime(text.length === 10 ? `${text} 10:00` : text);
  if (ms === null) throw new Error(`bad time ${text}`);
  return ms;
}

let seq = 0;
/** One order of one item (¥100 unless said), paid and completed unless said. */
function order(
  customerKey: string,
  when: string,
  itemId: string,
  over: Partial<Order> & { quantity?: number; identity?: IdentityStrength; status?: OrderStatus } = {},
): Order {
  const { quantity = 1, ...rest } = over;
  const t = at(when);
  return {
    platform: 'taobao', orderId: `o${++seq}`, customerKey, identity: 'strong', nick: customerKey, createdAt: t,
    status: 'completed', amountFen: 10_000, refundFen: 0,
    items: [{ itemId, title: TITLES[itemId] ?? itemId, sku: '', quantity, unitFen: 10_000, refunded: false }],
    source: 'json', firstSeenAt: t, lastSeenAt: t, ...rest,
  };
}
const TITLES: Record<string, string> = { milk: '婴儿奶粉 3段 800g', dog: '全价狗粮 10kg', cup: '陶瓷茶杯', spoon: '量勺', teapot: '紫砂壶' };

// The worked example, a shop selling 奶粉 (milk), 狗粮 (dog) and 茶杯 (cup), 2026:
//   A  奶粉  09-01, 09-26, 10-21      gaps 25, 25
//   B  奶粉  09-03, 09-30, 10-25      gaps 27, 25
//   C  奶粉  09-05, 09-28             gap  23
//      奶粉 gaps sorted 23 25 25 25 27: 5 samples (enough), median 25 days            → source 'item'
//   D  狗粮  08-01, 08-31, 09-30      gaps 30, 30: only 2 samples, too few
//      shop: all gaps 23 25 25 25 27 30 30: 7 samples, median (the 4th) 25 days      → source 'shop'
//   E  茶杯  10-20, once: no gap
//   F  奶粉  10-15, once;  G  奶粉  10-14, once (no gaps, but 奶粉 has a cycle, so they get reminders)
//   H  a masked nick buying 茶杯 on 09-01 and 10-01: a weak identity has no known past, no gap counted.
//      茶杯: nobody (non-weak) ever bought it again, 0 gaps: not a consumable              → no cycle
const SHOP: Order[] = [
  order('A', '2026-09-01', 'milk'), order('A', '2026-09-26', 'milk'), order('A', '2026-10-21', 'milk'),
  order('B', '2026-09-03', 'milk'), order('B', '2026-09-30', 'milk'), order('B', '2026-10-25', 'milk'),
  order('C', '2026-09-05', 'milk'), order('C', '2026-09-28', 'milk'),
  order('D', '2026-08-01', 'dog'), order('D', '2026-08-31', 'dog'), order('D', '2026-09-30', 'dog'),
  order('E', '2026-10-20', 'cup'),
  order('F', '2026-10-15', 'milk'),
  order('G', '2026-10-14', 'milk'),
  order('H', '2026-09-01', 'cup', { identity: 'weak', nick: 't**1' }),
  order('H', '2026-10-01', 'cup', { identity: 'weak', nick: 't**1' }),
];

describe('purchase gaps', () => {
  it('counts Shanghai calendar days, whatever the hours', () => {
    // 1 Oct 23:30 → 26 Oct 00:30 is 24 days and 1 hour on the clock, but 25 days on the calendar.
    expect(purchaseGaps([at('2026-10-01 23:30'), at('2026-10-26 00:30')])).toEqual([25]);
    // 1 Oct 00:30 → 25 Oct 23:30 is almost 25 days on the clock, 24 on the calendar.
    expect(purchaseGaps([at('2026-10-01 00:30'), at('2026-10-25 23:30')])).toEqual([24]);
    // 00:30 in Shanghai is still the previous day in UTC: the Shanghai day decides.
    expect(shanghaiDate(at('2026-10-26 00:30'))).toBe('2026-10-26');
  });

  it('leaves out a gap under 24 hours: a split order', () => {
    // 20 Nov 10:00 and 10:05 are one purchase split in two; the gap from 26 Oct stays 25 days.
    expect(purchaseGaps([at('2026-10-26 10:00'), at('2026-11-20 10:00'), at('2026-11-20 10:05')])).toEqual([25]);
    // Across midnight, 23:50 → 00:10 is still a split order.
    expect(purchaseGaps([at('2026-11-19 23:50'), at('2026-11-20 00:10')])).toEqual([]);
    // 1 Oct 08:00 → 2 Oct 20:00 is 36 hours: a real second purchase, one calendar day later.
    expect(purchaseGaps([at('2026-10-01 08:00'), at('2026-10-02 20:00')])).toEqual([1]);
  });

  it('shanghaiDay and shanghaiMidnight agree with the console date', () => {
    const d = shanghaiDay(at('2026-02-17 00:00'));
    expect(shanghaiDateTime(shanghaiMidnight(d))).toBe('2026-02-17 00:00:00');
    expect(shanghaiDay(at('2026-02-16 23:59'))).toBe(d - 1);
    expect(new Date(shanghaiMidnight(d)).toISOString()).toBe('2026-02-16T16:00:00.000Z');
  });
});

describe('item cycles (复购周期)', () => {
  const cycles = itemCycles(SHOP);

  it('奶粉: 5 gaps, median 25 days, its own', () => {
    expect(cycles.get('milk')).toEqual({ itemId: 'milk', title: '婴儿奶粉 3段 800g', medianDays: 25, samples: 5, source: 'item' });
  });

  it('狗粮 with 2 gaps borrows the shop median: 7 gaps, 25 days; 茶杯 with none has no cycle', () => {
    expect(cycles.get('dog')).toEqual({ itemId: 'dog', title: '全价狗粮 10kg', medianDays: 25, samples: 7, source: 'shop' });
    expect(cycles.get('cup')).toBeUndefined();
    expect(cycles.has('cup')).toBe(false);
  });

  it('lists every item bought again, and nothing else', () => {
    // 茶杯 was bought (E once, H as a weak nick) but never again by a known buyer.
    expect([...cycles.keys()]).toEqual(['dog', 'milk']);
  });

  it('a weak buyer adds no gap: H bought 茶杯 twice, 30 days apart, and the shop still has 7 gaps', () => {
    const asStrong = itemCycles(SHOP.map((o) => (o.customerKey === 'H' ? { ...o, identity: 'strong' as const } : o)));
    // Counted, H's gap of 30 would give 茶杯 1 gap (a cycle, borrowed) and the shop 8 gaps:
    // 23 25 25 25 | 27 30 30 30 → median (25 + 27) / 2 = 26.
    expect(asStrong.get('cup')).toMatchObject({ medianDays: 26, samples: 8, source: 'shop' });
    // As it is (weak), 茶杯 has no gap and so no cycle, and 狗粮 borrows from the same 7 gaps.
    expect(cycles.has('cup')).toBe(false);
    expect(cycles.get('dog')).toMatchObject({ samples: 7 });
  });

  it('an item nobody bought again has no cycle: once each, or twice within a day (a split order)', () => {
    // Teapot: P and Q once each (no gap from either), R twice 5 minutes apart (a split order, no gap).
    const teapot = [
      order('P', '2026-09-01', 'teapot'),
      order('Q', '2026-10-01', 'teapot'),
      order('R', '2026-10-05 10:00', 'teapot'), order('R', '2026-10-05 10:05', 'teapot'),
    ];
    expect(itemCycles(teapot).size).toBe(0);
    // With the shop: 奶粉 and 狗粮 as before, still no 茶杯 and no teapot.
    const c = itemCycles([...SHOP, ...teapot]);
    expect([...c.keys()]).toEqual(['dog', 'milk']);
    expect(c.get('dog')).toEqual(cycles.get('dog'));
    // R buying again two days later is a gap of 2: now the teapot has a cycle, borrowed (1 gap < 5):
    // shop gaps 2 23 25 25 25 27 30 30 → 8 gaps, median (25 + 25) / 2 = 25.
    const again = itemCycles([...SHOP, ...teapot, order('R', '2026-10-07', 'teapot')]);
    expect(again.get('teapot')).toEqual({ itemId: 'teapot', title: '紫砂壶', medianDays: 25, samples: 8, source: 'shop' });
  });

  it('with fewer than 5 gaps in the whole shop, every item takes the 30-day default', () => {
    // A and B alone: 奶粉 gaps 25 25 and 27 25, 4 gaps in the whole shop.
    const small = itemCycles(SHOP.filter((o) => o.customerKey === 'A' || o.customerKey === 'B'));
    expect(MIN_CYCLE_SAMPLES).toBe(5);
    expect(small.get('milk')).toEqual({ itemId: 'milk', title: '婴儿奶粉 3段 800g', medianDays: DEFAULT_CYCLE_DAYS, samples: 0, source: 'default' });
    expect(DEFAULT_CYCLE_DAYS).toBe(30);
  });

  it('an item reaching 5 gaps itself switches from the shop median to its own', () => {
    // 狗粮 gets three more gaps from a new buyer I: 08-01 → 08-29 → 09-26 → 10-24 (28, 28, 28).
    // 狗粮 gaps: 28 28 28 30 30 → median 28, its own.
    const more = [...SHOP, ...['2026-08-01', '2026-08-29', '2026-09-26', '2026-10-24'].map((d) => order('I', d, 'dog'))];
    expect(itemCycles(more).get('dog')).toMatchObject({ medianDays: 28, samples: 5, source: 'item' });
  });

  it('only valid purchases with money left count', () => {
    const noise = [
      // A closed, a fully refunded, an unpaid order, a paid order whose whole amount came back, and a refunded item row.
      order('A', '2026-09-10', 'milk', { status: 'closed' }),
      order('A', '2026-09-12', 'milk', { status: 'refunded' }),
      order('A', '2026-09-14', 'milk', { status: 'unpaid' }),
      order('A', '2026-09-16', 'milk', { refundFen: 10_000 }),
      order('A', '2026-09-18', 'milk', {
        status: 'partially_refunded', refundFen: 5_000,
        items: [
          { itemId: 'milk', title: '婴儿奶粉 3段 800g', sku: '', quantity: 1, unitFen: 5_000, refunded: true },
          { itemId: 'spoon', title: '量勺', sku: '', quantity: 1, unitFen: 5_000, refunded: false },
        ],
      }),
    ];
    const c = itemCycles([...SHOP, ...noise]);
    expect(c.get('milk')).toEqual(cycles.get('milk'));
    // The spoon was bought once (09-18): no gap, no cycle.
    expect(c.has('spoon')).toBe(false);
    // A buys the spoon again on 10-18: a gap of 30 days from 09-18, which exists only because the
    // partially refunded 09-18 order is a valid purchase of the spoon. 1 gap (< 5): the shop median,
    // now over 8 gaps 23 25 25 25 | 27 30 30 30 → (25 + 27) / 2 = 26.
    const c2 = itemCycles([...SHOP, ...noise, order('A', '2026-10-18', 'spoon')]);
    expect(c2.get('spoon')).toEqual({ itemId: 'spoon', title: '量勺', medianDays: 26, samples: 8, source: 'shop' });
    expect(c2.get('milk')).toEqual(cycles.get('milk'));
  });

  it('the same item on two rows of one order is one purchase; the latest title wins', () => {
    const o = order('J', '2026-10-01', 'milk');
    o.items.push({ ...o.items[0]!, sku: '大罐' });
    const renamed = order('J', '2026-10-26', 'milk', {
      items: [{ itemId: 'milk', title: '婴儿奶粉 3段 800g 新包装', sku: '', quantity: 1, unitFen: 10_000, refunded: false }],
    });
    const c = itemCycles([...SHOP, o, renamed]);
    // One more gap (25), not two: 6 samples, median still 25.
    expect(c.get('milk')).toMatchObject({ medianDays: 25, samples: 6, title: '婴儿奶粉 3段 800g 新包装' });
  });

  it('does not depend on the order the orders come in', () => {
    fc.assert(fc.property(fc.shuffledSubarray(SHOP, { minLength: SHOP.length }), (shuffled) => {
      expect(itemCycles(shuffled)).toEqual(cycles);
    }));
  });

  it('an item median lies between its smallest and largest gap; few gaps fall back; none, no cycle', () => {
    const dayMs = fc.integer({ min: 0, max: 400 });
    const buyer = fc.array(dayMs, { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(fc.array(buyer, { minLength: 1, maxLength: 6 }), (buyers) => {
      const base = at('2026-01-01 12:00');
      const orders = buyers.flatMap((days, b) => days.map((d, i): Order => ({
        ...order(`b${b}`, '2026-01-01', 'x'), orderId: `r${b}-${i}`, createdAt: base + d * DAY,
      })));
      const gaps = buyers.flatMap((days) => purchaseGaps([...days].sort((a, b) => a - b).map((d) => base + d * DAY)));
      const c = itemCycles(orders).get('x');
      if (gaps.length === 0) {
        // Nobody bought it again: no cycle at all.
        expect(c).toBeUndefined();
      } else if (gaps.length >= MIN_CYCLE_SAMPLES) {
        if (!c) throw new Error('expected a cycle');
        expect(c.source).toBe('item');
        expect(c.samples).toBe(gaps.length);
        expect(c.medianDays).toBeGreaterThanOrEqual(Math.min(...gaps));
        expect(c.medianDays).toBeLessThanOrEqual(Math.max(...gaps));
      } else {
        // One item only, 1 to 4 gaps: the shop has the same too few gaps.
        expect(c).toMatchObject({ source: 'default', medianDays: DEFAULT_CYCLE_DAYS, samples: 0 });
      }
      expect(gaps.every((g) => g >= 1)).toBe(true);
    }));
  });
});

describe('replenishment due (补货)', () => {
  // In SHOP nobody bought 茶杯 again, so it has no cycle. Here E also bought it on 09-25, 25 days before
  // 10-20: 茶杯 has 1 gap (< 5) and borrows the shop median over 8 gaps 23 25 25 25 | 25 27 30 30 → 25.
  const ORDERS = [...SHOP, order('E', '2026-09-25', 'cup')];
  const cycles = itemCycles(ORDERS);
  const nicks = new Map([['A', '宝妈小A'], ['B', '奶爸B']]);
  // Today is 2026-11-12 (12:00 in Shanghai): the window runs from 11-09 (3 days' grace) to 11-19 (7 days ahead).
  //   A  奶粉  last 10-21 + 25 = 11-15   listed
  //   B  奶粉  last 10-25 + 25 = 11-19   listed (the last day ahead)
  //   C  奶粉  last 09-28 + 25 = 10-23   20 days overdue: dropped
  //   D  狗粮  last 09-30 + 25 = 10-25   dropped
  //   E  茶杯  last 10-20 + 25 = 11-14   listed (shop cycle, thanks to E's repurchase)
  //   F  奶粉  last 10-15 + 25 = 11-09   listed (3 days overdue, the last day of grace)
  //   G  奶粉  last 10-14 + 25 = 11-08   4 days overdue: dropped
  //   H  茶杯  weak: never
  const now = at('2026-11-12 12:00');

  it('茶杯 bought again by E borrows the shop median: 8 gaps, 25 days', () => {
    expect(cycles.get('cup')).toEqual({ itemId: 'cup', title: '陶瓷茶杯', medianDays: 25, samples: 8, source: 'shop' });
  });

  it('lists who should run out from 3 days ago to 7 days ahead, soonest first', () => {
    const due = replenishmentDue(ORDERS, cycles, nicks, now);
    expect(due.map((r) => [r.customerKey, r.itemId, shanghaiDate(r.dueAt)])).toEqual([
      ['F', 'milk', '2026-11-09'],
      ['E', 'cup', '2026-11-14'],
      ['A', 'milk', '2026-11-15'],
      ['B', 'milk', '2026-11-19'],
    ]);
    const a = due.find((r) => r.customerKey === 'A')!;
    expect(a).toEqual({
      customerKey: 'A', nick: '宝妈小A', itemId: 'milk', title: '婴儿奶粉 3段 800g', lastAt: at('2026-10-21'), units: 1,
      dueAt: shanghaiMidnight(shanghaiDay(at('2026-11-15'))), cycle: cycles.get('milk'),
    });
    // No nick given: the order's nick.
    expect(due.find((r) => r.customerKey === 'E')!.nick).toBe('E');
  });

  it('the window can be set: 2 days ahead, no grace', () => {
    // 11-12 to 11-14: only E's 茶杯.
    expect(replenishmentDue(ORDERS, cycles, nicks, now, 2, 0).map((r) => r.customerKey)).toEqual(['E']);
  });

  it('an item nobody bought again has no cycle, so its buyer gets no reminder', () => {
    // SHOP alone: E bought 茶杯 once (10-20) and H is a weak nick, so 茶杯 has 0 gaps and no cycle.
    const own = itemCycles(SHOP);
    expect(own.has('cup')).toBe(false);
    // Same day, same window: F, A and B for 奶粉 as above, but no E on 11-14.
    expect(replenishmentDue(SHOP, own, nicks, now).map((r) => [r.customerKey, r.itemId, shanghaiDate(r.dueAt)])).toEqual([
      ['F', 'milk', '2026-11-09'],
      ['A', 'milk', '2026-11-15'],
      ['B', 'milk', '2026-11-19'],
    ]);
    // 11-12 to 11-14 held only E's 茶杯: now nothing.
    expect(replenishmentDue(SHOP, own, nicks, now, 2, 0)).toEqual([]);
    // It is the missing cycle that drops E: handed 茶杯's 25-day cycle, E is back on 11-14.
    const handed = new Map([...own, ['cup', cycles.get('cup')!]]);
    expect(replenishmentDue(SHOP, handed, nicks, now, 2, 0).map((r) => [r.customerKey, shanghaiDate(r.dueAt)])).toEqual([['E', '2026-11-14']]);
  });

  it('follows Shanghai days at both ends', () => {
    // K bought 奶粉 at 00:30 on 10-26 (still 10-25 in UTC): due 10-26 + 25 = 11-20 in Shanghai.
    const k = order('K', '2026-10-26 00:30', 'milk');
    const orders = [...SHOP, k];
    const c = itemCycles(orders);
    expect(shanghaiDate(replenishmentDue(orders, c, nicks, at('2026-11-20 12:00'), 0, 0)[0]!.dueAt)).toBe('2026-11-20');
    // 11-20 is 7 days after 11-13. At 23:59 on 11-12 it is not in the window; a few minutes later it is.
    const keys = (t: string) => replenishmentDue(orders, c, nicks, at(t)).map((r) => r.customerKey);
    expect(keys('2026-11-12 23:59')).not.toContain('K');
    expect(keys('2026-11-13 00:01')).toContain('K');
  });

  it('measures from the last purchase of that item', () => {
    // A buys 奶粉 again on 11-10: the next one is due 12-05, not in the window.
    const orders = [...SHOP, order('A', '2026-11-10', 'milk')];
    expect(replenishmentDue(orders, itemCycles(orders), nicks, now).map((r) => r.customerKey)).not.toContain('A');
  });

  it('a weak buyer never gets a reminder', () => {
    const weakOnly = [order('W', '2026-10-20', 'cup', { identity: 'weak' })];
    const c = new Map<string, ItemCycle>([['cup', { itemId: 'cup', title: '陶瓷茶杯', medianDays: 25, samples: 7, source: 'shop' }]]);
    expect(replenishmentDue(weakOnly, c, new Map(), now)).toEqual([]);
  });

  it('every reminder lies in the window and the list is sorted', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (d, within, grace) => {
      const t = at('2026-10-01 12:00') + d * DAY;
      const due = replenishmentDue(ORDERS, cycles, nicks, t, within, grace);
      const today = shanghaiDay(t);
      for (const r of due) {
        expect(shanghaiDay(r.dueAt)).toBeGreaterThanOrEqual(today - grace);
        expect(shanghaiDay(r.dueAt)).toBeLessThanOrEqual(today + within);
        expect(r.customerKey).not.toBe('H');
      }
      expect(due.map((r) => r.dueAt)).toEqual(due.map((r) => r.dueAt).sort((a, b) => a - b));
    }));
  });
});

describe('quantity-aware replenishment (issue 18)', () => {
  const cycle30 = new Map([['milk', { itemId: 'milk', title: '婴儿奶粉', medianDays: 30, samples: 5, source: 'item' as const }]]);
  it('2 units of a 30-day item are due after 60 days: bought 2026-06-03 → 2026-08-02', () => {
    const orders = [order('A', '2026-06-03', 'milk', { quantity: 2 })];
    const [due] = replenishmentDue(orders, cycle30, new Map(), at('2026-07-30'), 7, 3);
    expect(due).toMatchObject({ units: 2, dueAt: shanghaiMidnight(shanghaiDay(at('2026-08-02'))) });
    // One unit would have been due 07-03, a month before: out of the window now.
    expect(replenishmentDue([order('A', '2026-06-03', 'milk')], cycle30, new Map(), at('2026-07-30'))).toEqual([]);
  });
  it('the cycle is what one unit lasts: 2 cans then 60 days, 1 can then 30 days → 30 days a can', () => {
    const orders = ['A', 'B', 'C', 'D', 'E'].flatMap((k) => [
      order(k, '2026-01-01', 'milk', { quantity: 2 }), order(k, '2026-03-02', 'milk'), order(k, '2026-04-01', 'milk'),
    ]);
    // Gaps per unit: 60 days / 2 = 30, and 30 / 1 = 30, five buyers: 10 samples.
    expect(itemCycles(orders).get('milk')).toMatchObject({ medianDays: 30, samples: 10, source: 'item' });
  });
  it('a size in the SKU counts: 900g lasts 2.25 times 400g; units are of the most bought size', () => {
    expect(skuSize('3段 900g')).toEqual({ amount: 900, text: '900g' });
    expect(skuSize('1.5kg 大包')).toEqual({ amount: 1500, text: '1.5kg' });
    expect(skuSize('经典款')).toBeNull();
    const sized = (k: string, when: string, sku: string) => {
      const o = order(k, when, 'milk');
      o.items[0]!.sku = sku;
      return o;
    };
    // Five buyers each: 400g on 01-01, 400g on 01-21 (20 days), 900g on 02-10 (20 days): 20 days per 400g.
    const orders = ['A', 'B', 'C', 'D', 'E'].flatMap((k) => [sized(k, '2026-01-01', '400g'), sized(k, '2026-01-21', '400g'), sized(k, '2026-02-10', '900g')]);
    const cycles = itemCycles(orders);
    expect(cycles.get('milk')).toMatchObject({ medianDays: 20, unitSize: '400g', unitGrams: 400, source: 'item' });
    // The 900g bought on 02-10 lasts 2.25 × 20 = 45 days: due 03-27.
    const due = replenishmentDue(orders, cycles, new Map(), at('2026-03-25'));
    expect(due.find((r) => r.customerKey === 'A')).toMatchObject({ units: 2.25, dueAt: shanghaiMidnight(shanghaiDay(at('2026-03-27'))) });
    // The card reads one buyer's orders: a buyer who only ever bought 900g is still sized by the shop's 400g.
    const only900 = [sized('Z', '2026-02-10', '900g')];
    expect(replenishmentDue(only900, cycles, new Map(), at('2026-03-25'))).toMatchObject([{ units: 2.25, dueAt: shanghaiMidnight(shanghaiDay(at('2026-03-27'))) }]);
  });
  it('the seller\'s "one unit lasts N days" wins over the learned cycle, and gives one to an item never bought again', () => {
    const cycles = itemCycles(SHOP, new Map([['milk', 40], ['cup', 90]]));
    expect(cycles.get('milk')).toMatchObject({ medianDays: 40, source: 'seller' });
    expect(cycles.get('cup')).toMatchObject({ medianDays: 90, source: 'seller', title: '陶瓷茶杯' });
  });
  it('two orders within a day are one purchase of both amounts', () => {
    const orders = [order('A', '2026-06-03 10:00', 'milk'), order('A', '2026-06-03 18:00', 'milk')];
    expect(replenishmentDue(orders, cycle30, new Map(), at('2026-07-31'))).toMatchObject([{ units: 2, dueAt: shanghaiMidnight(shanghaiDay(at('2026-08-02'))) }]);
  });
});

describe('the restock figure (备货, issue 18)', () => {
  it('buyers due in the next 14 days and the pieces of their last purchase: 2 + 1 + 3 (2.25 units round up) = 6 of 奶粉', () => {
    const cycle30 = new Map([
      ['milk', { itemId: 'milk', title: '婴儿奶粉', medianDays: 30, samples: 5, source: 'item' as const }],
      ['dog', { itemId: 'dog', title: '狗粮', medianDays: 30, samples: 5, source: 'item' as const }],
    ]);
    const now = at('2026-08-01');
    const orders = [
      order('A', '2026-06-03', 'milk', { quantity: 2 }), // due 08-02: in
      order('B', '2026-07-05', 'milk'), // due 08-04: in
      order('C', '2026-07-10', 'dog'), // due 08-09: in
      order('D', '2026-07-25', 'milk'), // due 08-24: out
      order('E', '2026-06-01', 'milk'), // due 07-01: past, out (no grace in the forecast)
    ];
    const due = replenishmentDue(orders, cycle30, new Map(), now, RESTOCK_DAYS, 0);
    // A third buyer of 奶粉 whose last purchase was 2.25 units: 3 pieces.
    due.push({ ...due[0]!, customerKey: 'F', units: 2.25 });
    expect(restockForecast(due)).toEqual([
      { itemId: 'milk', title: '婴儿奶粉', buyers: 3, pieces: 6 },
      { itemId: 'dog', title: '狗粮', buyers: 1, pieces: 1 },
    ]);
  });
});

describe('cycles and due in one reading (the analytics page)', () => {
  const SKUS = ['', '900g', '400g', '1.5kg', '250ml', '2L', '红色', '900 克'];
  const line = fc.record({
    itemId: fc.constantFrom('milk', 'dog', 'cup', ''), sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 0, max: 4 }), refunded: fc.boolean(),
  });
  const orders = fc.array(fc.record({
    customer: fc.constantFrom('A', 'B', 'C', 'D'), day: fc.integer({ min: 0, max: 200 }), hour: fc.integer({ min: 0, max: 23 }),
    identity: fc.constantFrom<IdentityStrength>('strong', 'strong', 'weak', 'probable'),
    status: fc.constantFrom<OrderStatus>('completed', 'paid', 'refunded', 'closed', 'partially_refunded'),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  }), { maxLength: 60 }).map((list) => list.map((r, i): Order => {
    const t = at('2026-03-01') + r.day * 86_400_000 + r.hour * 3_600_000;
    return {
      platform: 'taobao', orderId: `p${i}`, customerKey: r.customer, identity: r.identity, nick: r.customer, createdAt: t, status: r.status,
      amountFen: 10_000, refundFen: 0, source: 'json', firstSeenAt: t, lastSeenAt: t,
      items: r.lines.map((l) => ({ ...l, title: l.itemId, unitFen: 5_000 })),
    };
  }));

  it('gives what itemCycles and replenishmentDue give', () => {
    fc.assert(fc.property(orders, fc.constantFrom(new Map<string, number>(), new Map([['dog', 20]])), fc.integer({ min: 0, max: 240 }), (list, told, nowDay) => {
      const now = at('2026-03-01') + nowDay * 86_400_000;
      const nicks = new Map([['A', '阿']]);
      const cycles = itemCycles(list, told);
      const both = cyclesAndDue(list, told, nicks, now, RESTOCK_DAYS, 3);
      expect(both.cycles).toEqual(cycles);
      expect(both.due).toEqual(replenishmentDue(list, cycles, nicks, now, RESTOCK_DAYS, 3));
    }), { numRuns: 300 });
  });
});
