import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysSince } from './time';
import {
  ALL_SEGMENTS,
  frequencyTier,
  regionCounts,
  regionParts,
  RFM_GROUPS,
  rfmGroup,
  rfmGroupName,
  rfmGroupRule,
  rfmScores,
  segmentContext,
  segmentHint,
  segmentName,
  segmentsOf,
  segmentTest,
  valueTier,
  type RfmGroup,
  type RfmScores,
  type Score,
  type Translate,
} from './segments';
import type { Customer } from './types';
import { customer, DAY, NOW, tr } from '@/tests/support/crm';

/** One row of a worked example: purchases, net spend in yuan, days since the last purchase. */
const row = (key: string, orders: number, yuan: number, lastDays: number, over: Partial<Customer> = {}) =>
  customer(key, { orderCount: orders, totalFen: yuan * 100, lastPurchaseAt: NOW - lastDays * DAY, firstPurchaseAt: NOW - (lastDays + 30 * (orders - 1)) * DAY, ...over });

// A ten-customer shop a seller can score by hand (and one visitor who never paid).
//   days since last purchase, sorted: 2 3 5 12 20 45 70 120 200 400 → cuts (2nd, 4th, 6th, 8th value) 3 12 45 120
//   purchases, sorted:                1 1 1 1 1 2 2 3 4 6            → cuts 1 1 2 3
//   spend (yuan), sorted:             39 59 99 150 300 380 420 650 1200 1800 → cuts 59 150 380 650
const SHOP = [
  row('A', 6, 1800, 2, { maxPieces: 3, region: '广东省 深圳市 南山区' }),
  row('B', 4, 1200, 200, { region: '广东省 广州市 天河区' }),
  row('C', 3, 650, 20, { region: '浙江省 杭州市 西湖区' }),
  row('D', 2, 420, 12, { region: '广东省 深圳市 福田区' }),
  row('E', 2, 380, 45, { region: '北京 北京市 朝阳区' }),
  row('F', 1, 300, 3, { region: '新疆维吾尔自治区 乌鲁木齐市 天山区' }),
  row('G', 1, 150, 70, { maxPieces: 2, region: '浙江省 宁波市 鄞州区' }),
  row('H', 1, 99, 120, { region: '北京市 北京市 海淀区' }),
  row('I', 1, 59, 5),
  row('J', 1, 39, 400, { region: '广东省 深圳市 宝安区' }),
  customer('K', { orderCount: 0, totalFen: 0, firstPurchaseAt: undefined, lastPurchaseAt: undefined, region: '广东省 深圳市 南山区' }),
];
const byKey = (key: string) => SHOP.find((c) => c.key === key)!;

describe('daysSince', () => {
  it('counts whole days, and a purchase stamped in the future as today', () => {
    expect(daysSince(NOW - 90 * DAY, NOW)).toBe(90);
    expect(daysSince(NOW - 90 * DAY + 1, NOW)).toBe(89);
    expect(daysSince(NOW + 3_600_000, NOW)).toBe(0);
  });
});

describe('the ten-customer shop, worked by hand', () => {
  const basis = segmentContext(SHOP, NOW);

  it('takes its cut values from the buyers only (K never paid)', () => {
    expect(basis.purchasers).toBe(10);
    expect(basis.cuts).toEqual({ days: [3, 12, 45, 120], orders: [1, 1, 2, 3], fen: [5900, 15000, 38000, 65000] });
    expect(basis.spendCuts).toEqual({ mid: 30000, high: 65000 });
  });

  // R = 5 − cuts the days exceed; F and M = 1 + cuts the value exceeds.
  it.each([
    ['A', 5, 5, 5, 'champions', 'high', 'high'],
    ['B', 1, 5, 5, 'at_risk', 'high', 'high'],
    ['C', 3, 4, 4, 'loyal', 'mid', 'mid'],
    ['D', 4, 3, 4, 'promising', 'mid', 'mid'],
    ['E', 3, 3, 3, 'needs_attention', 'mid', 'mid'],
    ['F', 5, 1, 3, 'new', 'low', 'low'],
    ['G', 2, 1, 2, 'dormant', 'low', 'low'],
    ['H', 2, 1, 2, 'dormant', 'low', 'low'],
    ['I', 4, 1, 1, 'new', 'low', 'low'],
    ['J', 1, 1, 1, 'lost', 'low', 'low'],
  ] as const)('%s: R%d F%d M%d → %s, %s spend, %s frequency', (key, r, f, m, group, value, freq) => {
    const c = byKey(key);
    const scores = rfmScores(c, basis)!;
    expect(scores).toEqual({ r, f, m });
    expect(rfmGroup(scores)).toBe(group);
    expect(valueTier(c, basis)).toBe(value);
    expect(frequencyTier(c.orderCount)).toBe(freq);
  });

  it('spend tiers: top 20% high (A, B), next 30% mid (C, D, E), the rest low', () => {
    const tiers = SHOP.filter((c) => c.orderCount > 0).map((c) => valueTier(c, basis));
    expect(tiers.filter((t) => t === 'high')).toHaveLength(2);
    expect(tiers.filter((t) => t === 'mid')).toHaveLength(3);
    expect(tiers.filter((t) => t === 'low')).toHaveLength(5);
  });

  it('lists each customer’s segments, and none for a customer who never paid', () => {
    expect(segmentsOf(byKey('A'), basis)).toEqual(['returning', 'multi_item', 'rfm:champions', 'value:high', 'freq:high']);
    expect(segmentsOf(byKey('G'), basis)).toEqual(['new', 'multi_item', 'rfm:dormant', 'value:low', 'freq:low']);
    expect(segmentsOf(byKey('E'), basis)).toEqual(['returning', 'rfm:needs_attention', 'value:mid', 'freq:mid']);
    expect(segmentsOf(byKey('K'), basis)).toEqual([]);
    expect(rfmScores(byKey('K'), basis)).toBeNull();
  });

  it('segmentTest agrees with segmentsOf for every segment and customer', () => {
    for (const id of ALL_SEGMENTS) {
      const test = segmentTest(id, basis);
      for (const c of SHOP) expect(test(c), `${c.key} ${id}`).toBe(segmentsOf(c, basis).includes(id));
    }
  });

  it('counts where buyers are, by province (short name) then city, most first', () => {
    expect(regionCounts(SHOP)).toEqual([
      { province: '广东', count: 4, cities: [{ city: '深圳市', count: 3 }, { city: '广州市', count: 1 }] },
      { province: '北京', count: 2, cities: [{ city: '北京市', count: 2 }] },
      { province: '浙江', count: 2, cities: [{ city: '宁波市', count: 1 }, { city: '杭州市', count: 1 }] },
      { province: '新疆', count: 1, cities: [{ city: '乌鲁木齐市', count: 1 }] },
    ]);
  });
});

describe('tie-safe quintiles', () => {
  it('a shop where 80% bought once gives them all F = 1, and any repeat buyer F = 5', () => {
    const shop = Array.from({ length: 100 }, (_, i) => customer(`c${i}`, { orderCount: i < 80 ? 1 : i < 90 ? 2 : 3 }));
    const basis = segmentContext(shop, NOW);
    const f = shop.map((c) => rfmScores(c, basis)!.f);
    expect(new Set(f.slice(0, 80))).toEqual(new Set([1]));
    expect(new Set(f.slice(80))).toEqual(new Set([5]));
  });

  it('when 40% bought on the same most recent day (双11), they all score R = 5', () => {
    const shop = Array.from({ length: 10 }, (_, i) => customer(`c${i}`, { lastPurchaseAt: NOW - (i < 4 ? 11 : 11 + i * 10) * DAY }));
    const basis = segmentContext(shop, NOW);
    expect(shop.map((c) => rfmScores(c, basis)!.r)).toEqual([5, 5, 5, 5, 3, 3, 2, 2, 1, 1]);
  });

  it('a shop with one buyer: R5 F1 M1, a recent newcomer', () => {
    const basis = segmentContext([customer('solo')], NOW);
    const s = rfmScores(customer('solo'), basis)!;
    expect(s).toEqual({ r: 5, f: 1, m: 1 });
    expect(rfmGroup(s)).toBe('new');
  });

  it('an empty shop has no cuts and no spend tiers', () => {
    const basis = segmentContext([], NOW);
    expect(basis).toMatchObject({ purchasers: 0, cuts: { days: [], orders: [], fen: [] }, spendCuts: null });
    expect(regionCounts([])).toEqual([]);
  });

  const shopArb = fc.array(
    fc.record({ orders: fc.integer({ min: 1, max: 12 }), fen: fc.integer({ min: 0, max: 500_000 }), days: fc.integer({ min: 0, max: 800 }) }),
    { minLength: 1, maxLength: 60 },
  ).map((rows) => rows.map((r, i) => customer(`c${i}`, { orderCount: r.orders, totalFen: r.fen, lastPurchaseAt: NOW - r.days * DAY })));

  it('scores are monotone in the value (so equal values score equal) and stay within 1–5', () => {
    fc.assert(fc.property(shopArb, (shop) => {
      const basis = segmentContext(shop, NOW);
      const scored = shop.map((c) => ({ c, s: rfmScores(c, basis)! }));
      for (const a of scored) {
        for (const x of [a.s.r, a.s.f, a.s.m]) expect(x >= 1 && x <= 5).toBe(true);
        for (const b of scored) {
          if (a.c.totalFen <= b.c.totalFen) expect(a.s.m).toBeLessThanOrEqual(b.s.m);
          if (a.c.orderCount <= b.c.orderCount) expect(a.s.f).toBeLessThanOrEqual(b.s.f);
          // More recent (a larger lastPurchaseAt) never scores lower.
          if (a.c.lastPurchaseAt! >= b.c.lastPurchaseAt!) expect(a.s.r).toBeGreaterThanOrEqual(b.s.r);
        }
      }
    }));
  });

  it('F ≥ 2 always means more than one purchase; high spend is at most 20%, high + mid at most 50%', () => {
    fc.assert(fc.property(shopArb, (shop) => {
      const basis = segmentContext(shop, NOW);
      for (const c of shop) if (rfmScores(c, basis)!.f >= 2) expect(c.orderCount).toBeGreaterThanOrEqual(2);
      const tiers = shop.map((c) => valueTier(c, basis));
      expect(tiers.filter((t) => t === 'high').length).toBeLessThanOrEqual(shop.length * 0.2);
      expect(tiers.filter((t) => t !== 'low').length).toBeLessThanOrEqual(shop.length * 0.5);
    }));
  });

  it('with distinct values every fifth of the shop gets its own score', () => {
    const shop = Array.from({ length: 20 }, (_, i) => customer(`c${i}`, { totalFen: (i + 1) * 1000 }));
    const basis = segmentContext(shop, NOW);
    expect(shop.map((c) => rfmScores(c, basis)!.m)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5]);
  });
});

describe('RFM groups', () => {
  const scores: Score[] = [1, 2, 3, 4, 5];
  const all: RfmScores[] = scores.flatMap((r) => scores.flatMap((f) => scores.map((m) => ({ r, f, m }))));

  it('every one of the 125 score combinations passes exactly one group’s test', () => {
    expect(all).toHaveLength(125);
    for (const s of all) {
      const passing = RFM_GROUPS.filter((g) => g.test(s)).map((g) => g.id);
      expect(passing, `R${s.r} F${s.f} M${s.m}`).toHaveLength(1);
      expect(rfmGroup(s)).toBe(passing[0]);
    }
  });

  it('how many of the 125 combinations each group covers', () => {
    const counts: Partial<Record<RfmGroup, number>> = {};
    for (const s of all) counts[rfmGroup(s)] = (counts[rfmGroup(s)] ?? 0) + 1;
    expect(counts).toEqual({ champions: 8, loyal: 22, promising: 20, new: 10, needs_attention: 15, at_risk: 38, dormant: 6, lost: 6 });
  });

  it.each([
    [{ r: 4, f: 4, m: 4 }, 'champions'],
    [{ r: 5, f: 5, m: 3 }, 'loyal'],
    [{ r: 3, f: 5, m: 5 }, 'loyal'],
    [{ r: 4, f: 2, m: 1 }, 'promising'],
    [{ r: 5, f: 1, m: 5 }, 'new'],
    [{ r: 3, f: 1, m: 1 }, 'needs_attention'],
    [{ r: 2, f: 1, m: 4 }, 'at_risk'],
    [{ r: 1, f: 5, m: 1 }, 'at_risk'],
    [{ r: 2, f: 2, m: 3 }, 'dormant'],
    [{ r: 1, f: 2, m: 3 }, 'lost'],
  ] as const)('%o → %s', (s, group) => expect(rfmGroup(s)).toBe(group));

  it('names and rules read in Chinese', () => {
    expect(RFM_GROUPS.map((g) => rfmGroupName(g.id, tr))).toEqual([
      '重要价值客户', '忠诚客户', '潜力客户', '近期新客', '需要关注', '流失风险客户', '即将沉睡', '已流失',
    ]);
    expect(rfmGroupRule('champions', tr)).toBe('最近买过、买得多、花得多：R、F、M 都 ≥ 4');
    expect(rfmGroupRule('at_risk', tr)).toBe('很久没买（R ≤ 2），但曾经常买或花得多（F ≥ 3 或 M ≥ 4）');
  });
});

describe('segment words', () => {
  it('every segment has a name and a hint', () => {
    for (const id of ALL_SEGMENTS) {
      expect(segmentName(id, tr)).not.toMatch(/\$|undefined/);
      expect(segmentHint(id, tr).length).toBeGreaterThan(0);
    }
    expect(segmentName('multi_item', tr)).toBe('多件客户');
    expect(segmentName('rfm:loyal', tr)).toBe('忠诚客户（RFM）');
    expect(segmentName('value:high', tr)).toBe('高消费');
    expect(segmentHint('freq:mid', tr)).toBe('有效购买 2–3 次');
  });

  it('ALL_SEGMENTS lists each segment once', () => {
    expect(new Set(ALL_SEGMENTS).size).toBe(ALL_SEGMENTS.length);
    expect(ALL_SEGMENTS).toHaveLength(3 + 8 + 3 + 3 + 2);
  });
});

describe('regionParts', () => {
  it.each([
    ['广东省 深圳市 南山区', { province: '广东', city: '深圳市' }],
    ['北京 北京市 朝阳区', { province: '北京', city: '北京市' }],
    ['北京市 北京市 朝阳区', { province: '北京', city: '北京市' }],
    ['上海市 浦东新区', { province: '上海', city: '上海市' }],
    ['内蒙古自治区 呼和浩特市 新城区', { province: '内蒙古', city: '呼和浩特市' }],
    ['湖北省 恩施土家族苗族自治州 恩施市', { province: '湖北', city: '恩施土家族苗族自治州' }],
    ['广东省深圳市南山区', { province: '广东', city: '深圳市' }],
    ['广西壮族自治区南宁市青秀区', { province: '广西', city: '南宁市' }],
    ['  浙江省   杭州市  ', { province: '浙江', city: '杭州市' }],
    ['浙江省', { province: '浙江' }],
    ['海外 新加坡', { province: '海外', city: '新加坡' }],
    ['', {}],
    [undefined, {}],
  ])('%s', (region, parts) => expect(regionParts(region)).toEqual(parts));
});

describe('speed', () => {
  it('computes the context for 100,000 customers once (printed, not asserted)', () => {
    const shop = Array.from({ length: 100_000 }, (_, i) => customer(`c${i}`, {
      orderCount: 1 + (i % 7 === 0 ? i % 5 : 0), totalFen: (i * 7919) % 300_000, lastPurchaseAt: NOW - ((i * 31) % 720) * DAY,
    }));
    const t0 = performance.now();
    const basis = segmentContext(shop, NOW);
    const t1 = performance.now();
    let n = 0;
    for (const c of shop) n += segmentsOf(c, basis).length;
    const t2 = performance.now();
    console.log(`segmentContext over 100,000: ${(t1 - t0).toFixed(1)} ms; segmentsOf for all: ${(t2 - t1).toFixed(1)} ms`);
    expect(n).toBeGreaterThan(100_000);
  });
});
