// Campaign tracking (效果追踪), pure: the random hold-out group (对照组) left out of an export, and which
// later orders the campaign can claim. Sellers judge a campaign by ROI = sales ÷ marketing cost and by
// 复购率 (repurchase rate) = buyers ÷ messages sent, and say a message works for about three days; the
// hold-out shows how many of those buyers would have come back anyway.

import { cyrb53 } from './random';
import { campaignCostFen } from './sms';
import { isPurchase, netFen } from './purchase';
import { shanghaiDate } from './time';
import type { Campaign, Order } from './types';

const DAY_MS = 24 * 3600 * 1000;
/** The hold-out never exceeds half the audience: the point of a campaign is to reach people. */
export const MAX_HOLDOUT_SHARE = 0.5;

/**
 * Splits an audience into members (exported) and a hold-out (left out), at random but reproducibly:
 * each key is ranked by a hash of key and seed, and the lowest Math.round(n × share) are held out.
 * The split depends only on the set of keys and the seed, not on their order. Repeated keys count once;
 * share is clamped to [0, 0.5] (NaN is 0). Both lists keep the keys' original order.
 */
export function splitHoldout(keys: readonly string[], share: number, seed: number): { members: string[]; holdout: string[] } {
  const unique = [...new Set(keys)];
  const clamped = Number.isNaN(share) ? 0 : Math.min(Math.max(share, 0), MAX_HOLDOUT_SHARE);
  const size = Math.round(unique.length * clamped);
  if (size === 0) return { members: unique, holdout: [] };
  // The size-th smallest rank, found by sorting a typed array (numbers only: fast on 100,000 keys);
  // keys at exactly that rank (a 53-bit hash collision) are taken in key order.
  const ranks = new Float64Array(unique.length);
  for (let i = 0; i < unique.length; i++) ranks[i] = cyrb53(unique[i]!, seed | 0);
  const cut = Float64Array.from(ranks).sort()[size - 1]!;
  const held = new Set<string>();
  const atCut: string[] = [];
  for (let i = 0; i < unique.length; i++) {
    if (ranks[i]! < cut) held.add(unique[i]!);
    else if (ranks[i] === cut) atCut.push(unique[i]!);
  }
  for (const key of atCut.sort()) if (held.size < size) held.add(key);
  return { members: unique.filter((k) => !held.has(k)), holdout: unique.filter((k) => held.has(k)) };
}

export interface WindowResult {
  /** Distinct customers with at least one counted order. */
  buyers: number;
  orders: number;
  /** Net of item refunds (netFen), fen. */
  revenueFen: number;
  /** buyers ÷ group size; 0 for an empty group. */
  rate: number;
}

export interface DailyResult {
  /** 1..7: day 1 is the first 24 hours after sentAt. */
  index: number;
  /** China date on which this day starts (sentAt + (index − 1) × 24 h), YYYY-MM-DD. */
  day: string;
  /** Distinct members / hold-out customers who ordered during this day. */
  memberBuyers: number;
  holdoutBuyers: number;
  /** Members' revenue during this day, fen (the hold-out's is not the campaign's). */
  revenueFen: number;
  /** Cumulative: distinct buyers from day 1 to this day ÷ group size; holdoutRate null without hold-out. */
  memberRate: number;
  holdoutRate: number | null;
}

export interface Attribution {
  sent: number;
  holdoutSize: number;
  /** campaignCostFen(members, parts, priceLi); 0 for exports that cost nothing (order numbers, CSV). */
  costFen: number;
  members: { d3: WindowResult; d7: WindowResult };
  holdout: { d3: WindowResult; d7: WindowResult } | null;
  /** 7-day member revenue ÷ cost; null when the cost is 0. */
  roi: number | null;
  /** 7-day member buyers ÷ sent: the sellers' 复购率. */
  repurchaseRate: number;
  /** Member 7-day rate − hold-out 7-day rate, as a fraction (0.05 = 5 percentage points); null without hold-out. */
  lift: number | null;
  /** lift × sent, rounded: buyers the campaign brought who would not have come anyway. */
  incrementalBuyers: number | null;
  /** Days 1..7 that have begun by now, per day (easier to chart), with cumulative rates. */
  daily: DailyResult[];
  /** The 7-day window has closed: the figures will not change any more. */
  complete: boolean;
}

interface Counted {
  key: string;
  at: number;
  fen: number;
}

function windowResult(orders: readonly Counted[], groupSize: number): WindowResult {
  const buyers = new Set(orders.map((o) => o.key)).size;
  return {
    buyers,
    orders: orders.length,
    revenueFen: orders.reduce((sum, o) => sum + o.fen, 0),
    rate: groupSize > 0 ? buyers / groupSize : 0,
  };
}

/**
 * What a campaign brought, as of `now`. `orders` are the orders of members and hold-out customers;
 * others are ignored, as are orders that are not purchases (isPurchase), orders created at or before sentAt
 * and orders after now. An order counts in the 3-day window when sentAt < createdAt ≤ sentAt + 3 days,
 * in the 7-day window likewise. A buyer counts once per window however many orders they place; revenue
 * sums every counted order. Repeated orders (same platform and order id) count once.
 */
export function attribute(campaign: Campaign, orders: readonly Order[], now: number): Attribution {
  const members = new Set(campaign.members);
  // A key in both lists (never written by splitHoldout) was exported: it is a member.
  const holdout = new Set(campaign.holdout.filter((k) => !members.has(k)));
  const { sentAt } = campaign;
  const d3End = sentAt + 3 * DAY_MS;
  const d7End = sentAt + 7 * DAY_MS;
  const until = Math.min(now, d7End);

  const seen = new Set<string>();
  const memberOrders: Counted[] = [];
  const holdoutOrders: Counted[] = [];
  for (const o of orders) {
    const group = members.has(o.customerKey) ? memberOrders : holdout.has(o.customerKey) ? holdoutOrders : null;
    if (!group || !isPurchase(o) || o.createdAt <= sentAt || o.createdAt > until) continue;
    const id = `${o.platform}:${o.orderId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    group.push({ key: o.customerKey, at: o.createdAt, fen: netFen(o) });
  }

  const within = (list: Counted[], end: number) => list.filter((o) => o.at <= end);
  const memberResult = { d3: windowResult(within(memberOrders, d3End), members.size), d7: windowResult(memberOrders, members.size) };
  const holdoutResult = holdout.size > 0
    ? { d3: windowResult(within(holdoutOrders, d3End), holdout.size), d7: windowResult(holdoutOrders, holdout.size) }
    : null;

  const costFen = campaignCostFen(members.size, campaign.parts, campaign.priceLi);
  const lift = holdoutResult ? memberResult.d7.rate - holdoutResult.d7.rate : null;

  const daily: DailyResult[] = [];
  const memberSoFar = new Set<string>();
  const holdoutSoFar = new Set<string>();
  for (let index = 1; index <= 7; index++) {
    const start = sentAt + (index - 1) * DAY_MS;
    if (start >= now) break;
    const end = start + DAY_MS;
    const inDay = (o: Counted) => o.at > start && o.at <= end;
    const m = memberOrders.filter(inDay);
    const h = holdoutOrders.filter(inDay);
    for (const o of m) memberSoFar.add(o.key);
    for (const o of h) holdoutSoFar.add(o.key);
    daily.push({
      index,
      day: shanghaiDate(start),
      memberBuyers: new Set(m.map((o) => o.key)).size,
      holdoutBuyers: new Set(h.map((o) => o.key)).size,
      revenueFen: m.reduce((sum, o) => sum + o.fen, 0),
      memberRate: members.size > 0 ? memberSoFar.size / members.size : 0,
      holdoutRate: holdout.size > 0 ? holdoutSoFar.size / holdout.size : null,
    });
  }

  return {
    sent: members.size,
    holdoutSize: holdout.size,
    costFen,
    members: memberResult,
    holdout: holdoutResult,
    roi: costFen > 0 ? memberResult.d7.revenueFen / costFen : null,
    repurchaseRate: memberResult.d7.rate,
    lift,
    incrementalBuyers: lift === null ? null : Math.round(lift * members.size) || 0, // never -0
    daily,
    complete: now >= d7End,
  };
}
