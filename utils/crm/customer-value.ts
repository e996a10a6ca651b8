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

/**
 * A buyer's refund evidence (Customer.refunds): the record over the orders read from the page's JSON,
 * and whether one of those has a refund under way. Orders known only from the page's text (source
 * 'dom') are no evidence: a page script can draw a row with a real buyer's nick and 退款中 on it.
 */
export function refundEvidence(orders: readonly Pick<Order, 'status' | 'refundOpen' | 'source'>[]): RefundRecord & { open: boolean } {
  const read = orders.filter((o) => o.source !== 'dom');
  return { ...refundRecord(read), open: read.some((o) => o.refundOpen === true) };
}

export function refundsOften(r: RefundRecord): boolean {
  return r.refunded >= FREQUENT_REFUNDS.min && r.refunded >= r.paid * FREQUENT_REFUNDS.share;
}

/**
 * The flags of a buyer, from their record, their refund evidence (refundEvidence over their stored
 * orders: the record keeps it as Customer.refunds) and their reviews. None for a buyer Laoke cannot prove
 * (weak or probable identity): two 阿*** are not one person, and a flag would accuse a stranger.
 */
export function riskFlags(customer: Pick<Customer, 'identity' | 'tags'>, evidence: (RefundRecord & { open: boolean }) | undefined,
  reviews: readonly Pick<Review, 'rating' | 'platformSentiment' | 'defaultPositive' | 'analysis'>[]): RiskFlag[] {
  if (customer.identity !== 'strong') return [];
  const flags = new Set<RiskFlag>();
  if (reviews.some((r) => reviewSentiment(r) === 'neg')) flags.add('bad-review');
  if (evidence && refundsOften(evidence)) flags.add('refunds');
  if (evidence?.open) flags.add('refund-open');
  if (customer.tags.includes(BLACKLIST_TAG)) flags.add('blacklist');
  return RISK_FLAGS.filter((f) => flags.has(f));
}

// Member tiers (会员等级) are in tiers.ts (no dependency: the audience rules read them too).
export * from './tiers';
