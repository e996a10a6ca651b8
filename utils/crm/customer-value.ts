// Customer value at a glance, pure: the risk flags a seller wants on the order row before shipping (a
// buyer who gave 差评 before, refunds often, has a refund under way, or is on the shop's 黑名单) and the
// shop's own member tiers (会员等级). Both are Laoke's reading of the orders it read: the platform's own
// grade stays authoritative, and a masked buyer (weak or probable identity) is never accused.
import { reviewSentiment } from './reviews';
import type { Customer, Order, OrderStatus, Review } from './types';

/** The badge's data-laoke-risk values, in this order (DESIGN.md contract). */
export const RISK_FLAGS = ['bad-review', 'refunds', 'refund-open', 'blacklist'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/** The seller's reserved tag: a buyer tagged so is flagged on every row. */
export const BLACKLIST_TAG = '黑名单';

/** Refunds often (退款多): at least this many refunded orders, and at least half of the paid ones. */
export const FREQUENT_REFUNDS = { min: 2, share: 0.5 } as const;

/** Statuses of an order that was paid (a closed unpaid order never was). */
const PAID: readonly OrderStatus[] = ['paid', 'shipped', 'completed', 'partially_refunded', 'refunded'];
/** A refund: all of it (an order closed after a full refund reads 'refunded') or part of it. */
const REFUNDED: readonly OrderStatus[] = ['refunded', 'partially_refunded'];

export interface RefundRecord {
  paid: number;
  refunded: number;
}

export function refundRecord(orders: readonly Pick<Order, 'status'>[]): RefundRecord {
  return {
    paid: orders.filter((o) => PAID.includes(o.status)).length,
    refunded: orders.filter((o) => REFUNDED.includes(o.status)).length,
  };
}

export function refundsOften(r: RefundRecord): boolean {
  return r.refunded >= FREQUENT_REFUNDS.min && r.refunded >= r.paid * FREQUENT_REFUNDS.share;
}

/**
 * The flags of a buyer, from their record, all their stored orders and reviews. None for a buyer Laoke
 * cannot prove (weak or probable identity): two 阿*** are not one person, and a flag would accuse a stranger.
 */
export function riskFlags(customer: Pick<Customer, 'identity' | 'tags' | 'refundOpen'>, orders: readonly Pick<Order, 'status' | 'refundOpen'>[],
  reviews: readonly Pick<Review, 'rating' | 'platformSentiment' | 'defaultPositive' | 'analysis'>[]): RiskFlag[] {
  if (customer.identity !== 'strong') return [];
  const flags = new Set<RiskFlag>();
  if (reviews.some((r) => reviewSentiment(r) === 'neg')) flags.add('bad-review');
  if (refundsOften(refundRecord(orders))) flags.add('refunds');
  if (customer.refundOpen || orders.some((o) => o.refundOpen)) flags.add('refund-open');
  if (customer.tags.includes(BLACKLIST_TAG)) flags.add('blacklist');
  return RISK_FLAGS.filter((f) => flags.has(f));
}

// ---------------------------------------------------------------------------------------------------
// Member tiers (会员等级)

export interface TierLadder {
  /** What the ladder counts: valid spend (fen, refunds netted) or valid purchases. */
  by: 'spend' | 'orders';
  /** Up to 6 levels, lowest first; each reached at `min` (fen for spend, purchases for orders). */
  levels: { name: string; min: number }[];
  /** Local points (积分) on the card: 1 per yuan of valid spend, refunds netted. Never credited anywhere. */
  points?: boolean;
}

/** The buyer's local points: 1 per whole yuan of valid spend (net of refunds). */
export function pointsOf(c: Pick<Customer, 'totalFen'>): number {
  return Math.floor(Math.max(0, c.totalFen) / 100);
}

export const MAX_TIERS = 6;

/**
 * The platform's four (千牛 客户运营平台: 普通会员, 高级会员, VIP会员, 至尊VIP会员), by spend, as a starting
 * point: the thresholds are the seller's to set (the platform's are set per shop too).
 */
export const PRESET_LADDER: TierLadder = {
  by: 'spend',
  levels: [
    { name: '普通会员', min: 1 },
    { name: '高级会员', min: 100_000 },
    { name: 'VIP会员', min: 300_000 },
    { name: '至尊VIP会员', min: 1_000_000 },
  ],
};

/** The ladder as the seller saved it, checked: names unique and non-empty, thresholds rising, at most 6. */
export function validLadder(l: TierLadder): string | null {
  if (l.levels.length === 0 || l.levels.length > MAX_TIERS) return 'count';
  const names = l.levels.map((x) => x.name.trim());
  if (names.some((n) => !n || n.length > 12) || new Set(names).size !== names.length) return 'names';
  if (l.levels.some((x) => !Number.isInteger(x.min) || x.min < 0)) return 'min';
  for (let i = 1; i < l.levels.length; i++) if (l.levels[i]!.min <= l.levels[i - 1]!.min) return 'order';
  return null;
}

function measure(c: Pick<Customer, 'totalFen' | 'orderCount'>, ladder: TierLadder): number {
  return ladder.by === 'spend' ? c.totalFen : c.orderCount;
}

/** The highest level whose threshold the buyer reached (≥), or null below the first. */
export function tierOf(c: Pick<Customer, 'totalFen' | 'orderCount'>, ladder: TierLadder | null): string | null {
  if (!ladder) return null;
  const v = measure(c, ladder);
  let tier: string | null = null;
  for (const level of ladder.levels) if (v >= level.min) tier = level.name;
  return tier;
}

/** How far the buyer is from the next level (fen or purchases), or null at the top. */
export function toNextTier(c: Pick<Customer, 'totalFen' | 'orderCount'>, ladder: TierLadder): { name: string; short: number } | null {
  const v = measure(c, ladder);
  const next = ladder.levels.find((l) => l.min > v);
  return next ? { name: next.name, short: next.min - v } : null;
}
