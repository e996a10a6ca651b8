// Segments (客户分组) from valid purchases: new or returning (新客/回头客), RFM groups, spend and
// frequency tiers, multi-item buyers (多件客户), and where buyers are. Pure: a context is computed once
// over all customers (O(n log n)); placing one customer is then a handful of comparisons.
//
// Only customers with at least one valid purchase are in any segment.

import type { MessageKey } from '../i18n';
import { isAtRisk, isLikelySoon, type Forecast } from './forecast';
import type { AudienceCustomer, Customer } from './types';
import { daysSince } from './time';

/** The extension's translator, or any (key, ...subs) → text function; keeps this module pure. */
export type Translate = (key: MessageKey, ...subs: (string | number)[]) => string;


export type Score = 1 | 2 | 3 | 4 | 5;

/** RFM: 最近购买 Recency, 购买频次 Frequency, 消费金额 Monetary, each 1–5, higher is better. */
export interface RfmScores {
  r: Score;
  f: Score;
  m: Score;
}

export type RfmGroup =
  | 'champions'
  | 'loyal'
  | 'promising'
  | 'new'
  | 'needs_attention'
  | 'at_risk'
  | 'dormant'
  | 'lost';

export type Tier = 'high' | 'mid' | 'low';

/** Segments the lifetime models predict (forecast.ts): 流失风险 and 近期可能回购. */
export type PredictedSegment = 'at_risk' | 'soon';

export type SegmentId = 'new' | 'returning' | 'multi_item' | `rfm:${RfmGroup}` | `value:${Tier}` | `freq:${Tier}` | `predicted:${PredictedSegment}`;

/**
 * The shop-wide basis a customer is judged against (quintile cuts, today, the forecasts), passed around
 * as `basis`. (`ctx` names only a content script's context.)
 */
export interface SegmentContext {
  now: number;
  /** Customers with a valid purchase, the population the cuts come from. */
  purchasers: number;
  /**
   * The 20th, 40th, 60th and 80th percentile (nearest rank) of each measure among purchasers:
   * days since the last purchase, valid purchases, net spend in fen. Empty when nobody has bought.
   */
  cuts: { days: readonly number[]; orders: readonly number[]; fen: readonly number[] };
  /** Spend tiers: above `high` (the 80th percentile) 高消费, above `mid` (the 50th) 中消费, else 低消费. */
  spendCuts: { mid: number; high: number } | null;
  /**
   * The lifetime models' forecasts by customer key, when the shop has enough history for them
   * (forecast.ts); absent otherwise, and then no one is in a predicted segment.
   */
  forecasts?: ReadonlyMap<string, Forecast>;
}

export function isPurchaser(c: Pick<Customer, 'orderCount'>): boolean {
  return c.orderCount > 0;
}

/** The value at fraction p of the ascending `sorted` (nearest rank: the smallest value with ≥ p at or below). */
function nearestRank(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** A typed array sorts numerically, and fast: 100,000 values take a few milliseconds. */
function sorted(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

function quintileCuts(sorted: Float64Array): number[] {
  if (sorted.length === 0) return [];
  return [0.2, 0.4, 0.6, 0.8].map((p) => nearestRank(sorted, p));
}

export function segmentContext(customers: readonly AudienceCustomer[], now: number): SegmentContext {
  const days: number[] = [];
  const orders: number[] = [];
  const fen: number[] = [];
  for (const c of customers) {
    if (!isPurchaser(c)) continue;
    orders.push(c.orderCount);
    fen.push(c.totalFen);
    if (c.lastPurchaseAt !== undefined) days.push(daysSince(c.lastPurchaseAt, now));
  }
  const fenSorted = sorted(fen);
  return {
    now,
    purchasers: orders.length,
    cuts: { days: quintileCuts(sorted(days)), orders: quintileCuts(sorted(orders)), fen: quintileCuts(fenSorted) },
    spendCuts: fen.length > 0 ? { mid: nearestRank(fenSorted, 0.5), high: nearestRank(fenSorted, 0.8) } : null,
  };
}

function cutsExceeded(value: number, cuts: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < cuts.length; i++) if (value > cuts[i]!) n++;
  return n;
}

/**
 * Quintile scores, tie-safe: a measure scores 1 + the number of cut values it exceeds (strictly), so
 * equal values always score the same, and a shop where 80% bought once gives all of them F = 1 (and any
 * second purchase F = 5: that is the top fifth of such a shop). Recency is scored on days since the last
 * purchase and turned around (R = 5 − cuts exceeded), so the most recent buyers score 5 even when many
 * bought on the same day (双11). The price of ties: a tie across a cut leaves a score unused. Null
 * without a purchase.
 */
export function rfmScores(c: AudienceCustomer, basis: SegmentContext): RfmScores | null {
  if (!isPurchaser(c) || c.lastPurchaseAt === undefined) return null;
  const { cuts } = basis;
  return {
    r: (5 - cutsExceeded(daysSince(c.lastPurchaseAt, basis.now), cuts.days)) as Score,
    f: (1 + cutsExceeded(c.orderCount, cuts.orders)) as Score,
    m: (1 + cutsExceeded(c.totalFen, cuts.fen)) as Score,
  };
}

/**
 * The named RFM groups in priority order, first match wins. Their tests also do not overlap (each of the
 * 125 score combinations passes exactly one, checked exhaustively in segments.test.ts), so each group's
 * rule in words is true on its own, without "and not in a group above".
 */
export const RFM_GROUPS: readonly { id: RfmGroup; test(s: RfmScores): boolean }[] = [
  // 重要价值客户: recent, frequent, big spenders.
  { id: 'champions', test: (s) => s.r >= 4 && s.f >= 4 && s.m >= 4 },
  // 忠诚客户: frequent and not lapsed, but not all three high.
  { id: 'loyal', test: (s) => s.r >= 3 && s.f >= 4 && (s.r === 3 || s.m <= 3) },
  // 潜力客户: recent and already came back (F ≥ 2 always means 2+ purchases, see rfmScores).
  { id: 'promising', test: (s) => s.r >= 4 && (s.f === 2 || s.f === 3) },
  // 近期新客: recent, fewest purchases.
  { id: 'new', test: (s) => s.r >= 4 && s.f === 1 },
  // 需要关注: a while since the last purchase, not frequent.
  { id: 'needs_attention', test: (s) => s.r === 3 && s.f <= 3 },
  // 流失风险客户: long gone but worth winning back, frequent or big spenders.
  { id: 'at_risk', test: (s) => s.r <= 2 && (s.f >= 3 || s.m >= 4) },
  // 即将沉睡 and 已流失: long gone, bought little.
  { id: 'dormant', test: (s) => s.r === 2 && s.f <= 2 && s.m <= 3 },
  { id: 'lost', test: (s) => s.r === 1 && s.f <= 2 && s.m <= 3 },
];

const scoreIndex = (s: RfmScores) => (s.r - 1) * 25 + (s.f - 1) * 5 + (s.m - 1);

/** The group of each of the 125 combinations, looked up rather than tested customer by customer. */
const GROUP_BY_SCORES: (RfmGroup | undefined)[] = [];
const SCORES = [1, 2, 3, 4, 5] as const;
for (const r of SCORES) {
  for (const f of SCORES) {
    for (const m of SCORES) GROUP_BY_SCORES[scoreIndex({ r, f, m })] = RFM_GROUPS.find((g) => g.test({ r, f, m }))?.id;
  }
}

export function rfmGroup(s: RfmScores): RfmGroup {
  const group = GROUP_BY_SCORES[scoreIndex(s)];
  // Unreachable for scores 1–5: segments.test.ts checks all 125 combinations.
  if (!group) throw new Error(`no RFM group for R${s.r} F${s.f} M${s.m}`);
  return group;
}

/** Spend tier by the shop's own spread: top 20% 高, next 30% 中, the rest 低; equal spend, equal tier. */
export function valueTier(c: AudienceCustomer, basis: SegmentContext): Tier {
  const cuts = basis.spendCuts;
  if (!cuts) return 'low';
  return c.totalFen > cuts.high ? 'high' : c.totalFen > cuts.mid ? 'mid' : 'low';
}

/**
 * Frequency tier by absolute purchases: 1 低频, 2–3 中频, 4+ 高频. Absolute, because a shop's own spread
 * says little here (most buyers buy once), and sellers think in 第N次购买: loyalty is high after the 3rd
 * or 4th purchase.
 */
export function frequencyTier(orderCount: number): Tier {
  return orderCount >= 4 ? 'high' : orderCount >= 2 ? 'mid' : 'low';
}

export const ALL_SEGMENTS: readonly SegmentId[] = [
  'new',
  'returning',
  'multi_item',
  ...RFM_GROUPS.map((g) => `rfm:${g.id}` as const),
  'value:high',
  'value:mid',
  'value:low',
  'freq:high',
  'freq:mid',
  'freq:low',
  'predicted:at_risk',
  'predicted:soon',
];

/** A compiled membership test for one segment (what audience rules use). */
export function segmentTest(id: SegmentId, basis: SegmentContext): (c: AudienceCustomer) => boolean {
  const [kind, arg] = id.split(':') as [string, string | undefined];
  switch (kind) {
    case 'new':
      return (c) => c.orderCount === 1;
    case 'returning':
      return (c) => c.orderCount >= 2;
    case 'multi_item':
      return (c) => isPurchaser(c) && c.maxPieces >= 2;
    case 'rfm': {
      // The score combinations of the group, so testing a customer is three counts and a lookup.
      const inGroup = GROUP_BY_SCORES.map((g) => g === arg);
      return (c) => {
        const s = rfmScores(c, basis);
        return s !== null && inGroup[scoreIndex(s)] === true;
      };
    }
    case 'value':
      return (c) => isPurchaser(c) && valueTier(c, basis) === arg;
    case 'freq':
      return (c) => isPurchaser(c) && frequencyTier(c.orderCount) === arg;
    case 'predicted': {
      const test = arg === 'at_risk' ? isAtRisk : isLikelySoon;
      return (c) => {
        const f = basis.forecasts?.get(c.key);
        return f !== undefined && isPurchaser(c) && test(f);
      };
    }
  }
  throw new Error(`unknown segment ${id}`);
}

/** Every segment the customer is in, in ALL_SEGMENTS order; none without a valid purchase. */
export function segmentsOf(c: AudienceCustomer, basis: SegmentContext): SegmentId[] {
  if (!isPurchaser(c)) return [];
  const out: SegmentId[] = [c.orderCount === 1 ? 'new' : 'returning'];
  if (c.maxPieces >= 2) out.push('multi_item');
  const scores = rfmScores(c, basis);
  if (scores) out.push(`rfm:${rfmGroup(scores)}`);
  out.push(`value:${valueTier(c, basis)}`, `freq:${frequencyTier(c.orderCount)}`);
  const f = basis.forecasts?.get(c.key);
  if (f && isAtRisk(f)) out.push('predicted:at_risk');
  if (f && isLikelySoon(f)) out.push('predicted:soon');
  return out;
}

// ---- Words (the locale files hold them; these tables only name the keys) ----

const RFM_KEYS: Record<RfmGroup, { name: MessageKey; rule: MessageKey }> = {
  champions: { name: 'rfmChampions', rule: 'rfmChampionsRule' },
  loyal: { name: 'rfmLoyal', rule: 'rfmLoyalRule' },
  promising: { name: 'rfmPromising', rule: 'rfmPromisingRule' },
  new: { name: 'rfmNew', rule: 'rfmNewRule' },
  needs_attention: { name: 'rfmNeedsAttention', rule: 'rfmNeedsAttentionRule' },
  at_risk: { name: 'rfmAtRisk', rule: 'rfmAtRiskRule' },
  dormant: { name: 'rfmDormant', rule: 'rfmDormantRule' },
  lost: { name: 'rfmLost', rule: 'rfmLostRule' },
};

const SEGMENT_KEYS: Record<Exclude<SegmentId, `rfm:${string}`>, { name: MessageKey; hint: MessageKey }> = {
  new: { name: 'segmentNew', hint: 'segmentNewHint' },
  returning: { name: 'segmentReturning', hint: 'segmentReturningHint' },
  multi_item: { name: 'segmentMultiItem', hint: 'segmentMultiItemHint' },
  'value:high': { name: 'segmentValueHigh', hint: 'segmentValueHighHint' },
  'value:mid': { name: 'segmentValueMid', hint: 'segmentValueMidHint' },
  'value:low': { name: 'segmentValueLow', hint: 'segmentValueLowHint' },
  'freq:high': { name: 'segmentFreqHigh', hint: 'segmentFreqHighHint' },
  'freq:mid': { name: 'segmentFreqMid', hint: 'segmentFreqMidHint' },
  'freq:low': { name: 'segmentFreqLow', hint: 'segmentFreqLowHint' },
  'predicted:at_risk': { name: 'segmentPredictedAtRisk', hint: 'segmentPredictedAtRiskHint' },
  'predicted:soon': { name: 'segmentPredictedSoon', hint: 'segmentPredictedSoonHint' },
};

export function rfmGroupName(g: RfmGroup, tr: Translate): string {
  return tr(RFM_KEYS[g].name);
}

/** The group's rule in plain words, for the UI (shown in RFM_GROUPS order). */
export function rfmGroupRule(g: RfmGroup, tr: Translate): string {
  return tr(RFM_KEYS[g].rule);
}

function rfmOf(id: SegmentId): RfmGroup | null {
  return id.startsWith('rfm:') ? (id.slice(4) as RfmGroup) : null;
}

export function segmentName(id: SegmentId, tr: Translate): string {
  const g = rfmOf(id);
  return g ? tr('segmentRfm', rfmGroupName(g, tr)) : tr(SEGMENT_KEYS[id as keyof typeof SEGMENT_KEYS].name);
}

/** What puts a customer in the segment, in plain words. */
export function segmentHint(id: SegmentId, tr: Translate): string {
  const g = rfmOf(id);
  return g ? rfmGroupRule(g, tr) : tr(SEGMENT_KEYS[id as keyof typeof SEGMENT_KEYS].hint);
}

// ---- Where buyers are ----

/** Provincial-level divisions by short name; addresses write them long ("广东省", "广西壮族自治区"). */
const PROVINCES = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽',
  '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州',
  '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '台湾', '香港', '澳门',
];
const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆']);
const PROVINCE_SUFFIX = /^(?:省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)/;
const CITY = /^.+?(?:市|自治州|地区|盟)/;

/**
 * "广东省 深圳市 南山区" → { province: '广东', city: '深圳市' }. Provinces are given by short name, so
 * "北京 北京市" (Taobao) and "北京市 北京市" count as one; a municipality is its own city. Addresses
 * written without spaces ("广东省深圳市南山区") are split on the known province names.
 */
export function regionParts(region?: string): { province?: string; city?: string } {
  const text = region?.trim();
  if (!text) return {};
  const tokens = text.split(/\s+/);
  const first = tokens[0]!;
  const short = PROVINCES.find((p) => first.startsWith(p));
  if (!short) return tokens[1] ? { province: first, city: tokens[1] } : { province: first };
  if (MUNICIPALITIES.has(short)) return { province: short, city: `${short}市` };
  let city = tokens[1];
  if (tokens.length === 1) {
    const rest = first.slice(short.length).replace(PROVINCE_SUFFIX, '');
    city = CITY.exec(rest)?.[0];
  }
  return city ? { province: short, city } : { province: short };
}

export interface RegionCount {
  province: string;
  /** Customers in the province; customers whose city is unknown count here but in no city. */
  count: number;
  cities: { city: string; count: number }[];
}

/** Customers with a purchase by province and city, most first (ties by name, for a stable order). */
export function regionCounts(customers: readonly Customer[]): RegionCount[] {
  const provinces = new Map<string, { count: number; cities: Map<string, number> }>();
  for (const c of customers) {
    if (!isPurchaser(c)) continue;
    const { province, city } = regionParts(c.region);
    if (!province) continue;
    let p = provinces.get(province);
    if (!p) provinces.set(province, (p = { count: 0, cities: new Map() }));
    p.count++;
    if (city) p.cities.set(city, (p.cities.get(city) ?? 0) + 1);
  }
  const byCount = (a: { count: number; name: string }, b: { count: number; name: string }) =>
    b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...provinces]
    .map(([name, p]) => ({ name, count: p.count, cities: p.cities }))
    .sort(byCount)
    .map(({ name, count, cities }) => ({
      province: name,
      count,
      cities: [...cities]
        .map(([city, n]) => ({ name: city, count: n }))
        .sort(byCount)
        .map(({ name: city, count: n }) => ({ city, count: n })),
    }));
}
