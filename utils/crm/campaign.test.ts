import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, splitHoldout } from './campaign';
import { parseShanghaiTime } from './time';
import type { Campaign, Order, OrderStatus } from './types';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

describe('splitHoldout: a random but reproducible 对照组', () => {
  const keys = Array.from({ length: 1000 }, (_, i) => `taobao:id:buyer${i}`);

  it('holds out Math.round(n × share): 10 keys at 0.2 → 2, at 0.25 → 3 (2.5 rounds up)', () => {
    expect(splitHoldout(keys.slice(0, 10), 0.2, 7).holdout).toHaveLength(2);
    expect(splitHoldout(keys.slice(0, 10), 0.25, 7).holdout).toHaveLength(3);
    expect(splitHoldout(keys.slice(0, 3), 0.1, 7).holdout).toHaveLength(0);
  });

  it('share 0 holds out nobody; a share above 0.5 is held to half; NaN is 0', () => {
    expect(splitHoldout(keys, 0, 7)).toEqual({ members: keys, holdout: [] });
    expect(splitHoldout(keys, 0.9, 7).holdout).toHaveLength(500);
    expect(splitHoldout(keys, -1, 7).holdout).toHaveLength(0);
    expect(splitHoldout(keys, Number.NaN, 7).holdout).toHaveLength(0);
  });

  it('is random: the hold-out is not simply the first or last keys', () => {
    const { holdout } = splitHoldout(keys, 0.1, 20250601);
    const firstHalf = holdout.filter((k) => keys.indexOf(k) < 500).length;
    expect(firstHalf).toBeGreaterThan(30);
    expect(firstHalf).toBeLessThan(70);
    expect(splitHoldout(keys, 0.1, 20250602).holdout).not.toEqual(holdout);
  });

  it('is a partition, deterministic, and independent of the keys’ order', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 60 }),
      fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer(),
      (list, share, seed) => {
        const split = splitHoldout(list, share, seed);
        expect([...split.members, ...split.holdout].sort()).toEqual([...list].sort());
        expect(split.holdout).toHaveLength(Math.round(list.length * share));
        expect(splitHoldout(list, share, seed)).toEqual(split);
        const reversed = splitHoldout([...list].reverse(), share, seed);
        expect(new Set(reversed.holdout)).toEqual(new Set(split.holdout));
        // Both lists keep the keys' order.
        expect(split.members).toEqual(list.filter((k) => split.members.includes(k)));
      },
    ));
  });

  it('counts a repeated key once', () => {
    const split = splitHoldout(['a', 'b', 'a', 'c'], 0, 1);
    expect(split.members).toEqual(['a', 'b', 'c']);
  });
});

// A campaign sent at 10:00 on 1 June 2025, China time, to ten members, two held out.
const sentAt = parseShanghaiTime('2025-06-01 10:00:00')!;
const members = Array.from({ length: 10 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
const campaign: Campaign = {
  name: '618预热', sentAt, rule: {}, ruleText: '', channel: 'sms', message: '【小美家】…回T退订',
  parts: 2, priceLi: 45, members, holdout: ['h01', 'h02'],
};

let nextId = 1;
function order(customerKey: string, createdAt: number, amountFen: number, status: OrderStatus = 'paid', refundFen = 0): Order {
  const orderId = String(nextId++);
  return {
    platform: 'taobao', orderId, customerKey, identity: 'strong', nick: customerKey, createdAt, status, amountFen,
    refundFen, items: [], source: 'json', firstSeenAt: createdAt, lastSeenAt: createdAt,
  };
}

describe('attribute: what a campaign brought (效果追踪)', () => {
  it('a worked example: 10 members, 2 held out, orders at +1d, +5d and +9d, one invalid', () => {
    const orders = [
      order('m01', sentAt + 1 * DAY, 10000), // ¥100 on day 1: both windows
      order('m02', sentAt + 5 * DAY, 5000, 'partially_refunded', 1000), // ¥50 less ¥10 refunded on day 5: 7-day window
      order('m03', sentAt + 9 * DAY, 8000, 'completed'), // day 9: past the 7-day window
      order('m04', sentAt + 2 * DAY, 20000, 'closed'), // closed unpaid: not a purchase
    ];
    const a = attribute(campaign, orders, sentAt + 10 * DAY);
    expect(a.sent).toBe(10);
    expect(a.holdoutSize).toBe(2);
    // 10 members × 2 parts × ¥0.045 = ¥0.90.
    expect(a.costFen).toBe(90);
    expect(a.members).toEqual({
      d3: { buyers: 1, orders: 1, revenueFen: 10000, rate: 0.1 },
      d7: { buyers: 2, orders: 2, revenueFen: 14000, rate: 0.2 },
    });
    expect(a.holdout).toEqual({
      d3: { buyers: 0, orders: 0, revenueFen: 0, rate: 0 },
      d7: { buyers: 0, orders: 0, revenueFen: 0, rate: 0 },
    });
    // ¥140 ÷ ¥0.90.
    expect(a.roi).toBeCloseTo(155.56, 2);
    expect(a.repurchaseRate).toBe(0.2);
    // 20% of members bought against 0% of the hold-out: 20 points, 2 buyers the messages brought.
    expect(a.lift).toBeCloseTo(0.2, 10);
    expect(a.incrementalBuyers).toBe(2);
    expect(a.complete).toBe(true);
    expect(a.daily.map((d) => [d.index, d.day, d.memberBuyers, d.holdoutBuyers, d.revenueFen, d.memberRate, d.holdoutRate])).toEqual([
      [1, '2025-06-01', 1, 0, 10000, 0.1, 0],
      [2, '2025-06-02', 0, 0, 0, 0.1, 0],
      [3, '2025-06-03', 0, 0, 0, 0.1, 0],
      [4, '2025-06-04', 0, 0, 0, 0.1, 0],
      [5, '2025-06-05', 1, 0, 4000, 0.2, 0],
      [6, '2025-06-06', 0, 0, 0, 0.2, 0],
      [7, '2025-06-07', 0, 0, 0, 0.2, 0],
    ]);
  });

  it('counts a buyer once per window, the hold-out apart, and ignores outsiders, repeats and earlier orders', () => {
    const twice = order('m01', sentAt + 2 * DAY, 2000);
    const orders = [
      order('m01', sentAt + 1 * HOUR, 10000),
      twice,
      { ...twice }, // the same order read twice
      order('h01', sentAt + 2 * DAY, 6000),
      order('stranger', sentAt + 1 * DAY, 99900),
      order('m05', sentAt, 3000), // at the moment of sending: not the campaign's
      order('m06', sentAt - DAY, 3000),
    ];
    const a = attribute(campaign, orders, sentAt + 8 * DAY);
    expect(a.members.d3).toEqual({ buyers: 1, orders: 2, revenueFen: 12000, rate: 0.1 });
    expect(a.holdout?.d3).toEqual({ buyers: 1, orders: 1, revenueFen: 6000, rate: 0.5 });
    // 10% against 50%: with two held out, one buyer swings the hold-out rate; the lift can be negative.
    expect(a.lift).toBeCloseTo(-0.4, 10);
    expect(a.incrementalBuyers).toBe(-4);
    expect(a.daily.slice(0, 3).map((d) => [d.memberBuyers, d.holdoutBuyers, d.revenueFen, d.memberRate, d.holdoutRate])).toEqual([
      [1, 0, 10000, 0.1, 0],
      [1, 1, 2000, 0.1, 0.5],
      [0, 0, 0, 0.1, 0.5],
    ]);
  });

  it('draws the windows at exactly 3 and 7 days after sending', () => {
    const orders = [
      order('m01', sentAt + 1, 100),
      order('m02', sentAt + 3 * DAY, 200),
      order('m03', sentAt + 3 * DAY + 1, 400),
      order('m04', sentAt + 7 * DAY, 800),
      order('m05', sentAt + 7 * DAY + 1, 1600),
    ];
    const a = attribute(campaign, orders, sentAt + 30 * DAY);
    expect(a.members.d3.revenueFen).toBe(300);
    expect(a.members.d7.revenueFen).toBe(1500);
    // Day by day adds up to the windows.
    expect(a.daily.slice(0, 3).reduce((s, d) => s + d.revenueFen, 0)).toBe(300);
    expect(a.daily.reduce((s, d) => s + d.revenueFen, 0)).toBe(1500);
  });

  it('while under way: only the days begun, only the orders so far, not complete', () => {
    const orders = [order('m01', sentAt + 1 * DAY, 10000), order('m02', sentAt + 2 * DAY + 13 * HOUR, 5000)];
    const a = attribute(campaign, orders, sentAt + 2 * DAY + 12 * HOUR);
    expect(a.complete).toBe(false);
    expect(a.daily.map((d) => d.index)).toEqual([1, 2, 3]);
    expect(a.members.d7.revenueFen).toBe(10000);
    expect(attribute(campaign, orders, sentAt).daily).toEqual([]);
    expect(attribute(campaign, orders, sentAt + 7 * DAY).complete).toBe(true);
  });

  it('without a hold-out and at no cost (an order-number export): no lift, no ROI', () => {
    const free: Campaign = { ...campaign, channel: 'orders', parts: 1, priceLi: 0, holdout: [] };
    const a = attribute(free, [order('m01', sentAt + DAY, 10000)], sentAt + 8 * DAY);
    expect(a.costFen).toBe(0);
    expect(a.roi).toBeNull();
    expect(a.holdout).toBeNull();
    expect(a.lift).toBeNull();
    expect(a.incrementalBuyers).toBeNull();
    expect(a.daily[0]?.holdoutRate).toBeNull();
    expect(a.repurchaseRate).toBe(0.1);
  });

  it('an empty campaign divides by nothing', () => {
    const empty: Campaign = { ...campaign, members: [], holdout: [] };
    const a = attribute(empty, [], sentAt + 8 * DAY);
    expect(a.members.d7.rate).toBe(0);
    expect(a.repurchaseRate).toBe(0);
    expect(a.roi).toBeNull();
  });
});
