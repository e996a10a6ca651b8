// Ingest rules, pure: how an observation of an order meets what is already known, and how a customer's
// figures follow from their orders. The database layer (utils/db/ingest.ts) only loads and stores.
//
// Customer figures are always recomputed from all of the customer's stored orders, never incremented,
// so seeing a page twice changes nothing and a later status (shipped → completed → refunded) simply
// moves the order in or out of the count.

import { IDENTITY_RANK, identify, type Identity } from './identity';
import { isValidPurchase } from './status';
import { shanghaiDay } from './time';
import type { Customer, IdentityStrength, ObservedOrder, Order } from './types';

const CONTENT_KEYS = [
  'createdAt', 'paidAt', 'status', 'amountFen', 'refundFen', 'items', 'region', 'refundOpen', 'discount', 'source',
  'customerKey', 'identity', 'nick', 'buyerId',
] as const;

/** The stored order after this observation, and whether anything but lastSeenAt changed. */
export function mergeOrder(
  existing: Order | undefined,
  seen: ObservedOrder,
  now: number,
  who: Identity = identify(seen.platform, seen.orderId, seen.buyer, seen.region),
): { order: Order; changed: boolean } {
  // A DOM reading knows less than the JSON the page loaded (no buyer id, no per-item refunds):
  // it never overwrites a JSON reading, it only says the order was seen again.
  if (existing && existing.source === 'json' && seen.source === 'dom') {
    return { order: { ...existing, lastSeenAt: Math.max(existing.lastSeenAt, now) }, changed: false };
  }
  // A later reading that knows less (a masked nick where the buyer id was shown before) never takes
  // the order away from the buyer it was proven to belong to.
  const keep = existing && IDENTITY_RANK[existing.identity] > IDENTITY_RANK[who.strength];
  const order: Order = {
    platform: seen.platform,
    orderId: seen.orderId,
    customerKey: keep ? existing.customerKey : who.key,
    identity: keep ? existing.identity : who.strength,
    nick: keep ? existing.nick : seen.buyer.nick,
    createdAt: seen.createdAt,
    status: seen.status,
    amountFen: seen.amountFen,
    refundFen: Math.min(seen.refundFen, seen.amountFen),
    items: seen.items,
    source: seen.source,
    firstSeenAt: existing?.firstSeenAt ?? now,
    lastSeenAt: Math.max(existing?.lastSeenAt ?? now, now),
  };
  // A reading without the id (the DOM, say) of an order kept under its buyer id keeps the id too.
  const buyerId = seen.buyer.id ?? (existing && (keep || existing.customerKey === order.customerKey) ? existing.buyerId : undefined);
  if (buyerId) order.buyerId = buyerId;
  if (seen.paidAt !== undefined) order.paidAt = seen.paidAt;
  if (seen.region !== undefined) order.region = seen.region;
  if (seen.refundOpen) order.refundOpen = true;
  if (seen.discount) order.discount = seen.discount;
  const changed = !existing || CONTENT_KEYS.some((k) => JSON.stringify(existing[k]) !== JSON.stringify(order[k]));
  return { order, changed };
}

/** Net spend of an order that counts: what was paid less what was refunded item by item. */
export function netFen(order: Pick<Order, 'amountFen' | 'refundFen'>): number {
  return Math.max(0, order.amountFen - order.refundFen);
}

/**
 * A customer's record from all of their orders (any order, valid or not), keeping what the seller
 * typed (tags, notes) from the previous record. Null when no order is left for this key.
 */
export function summarizeCustomer(orders: Order[], previous: Customer | undefined, now: number): Customer | null {
  if (orders.length === 0) return null;
  // By time; the order id breaks ties, so purchase numbers never depend on the order pages arrived in.
  const byTime = [...orders].sort((a, b) => a.createdAt - b.createdAt || a.orderId.localeCompare(b.orderId));
  const latest = byTime[byTime.length - 1]!;
  const valid = byTime.filter((o) => isValidPurchase(o.status));
  const items = new Map<string, number>();
  const itemIds = new Set<string>();
  let pieces = 0;
  let maxPieces = 0;
  for (const o of valid) {
    let inOrder = 0;
    for (const it of o.items) {
      if (it.refunded) continue;
      items.set(it.title, (items.get(it.title) ?? 0) + it.quantity);
      if (it.itemId) itemIds.add(it.itemId);
      inOrder += it.quantity;
    }
    pieces += inOrder;
    maxPieces = Math.max(maxPieces, inOrder);
  }
  const customer: Customer = {
    key: latest.customerKey,
    platform: latest.platform,
    nick: latest.nick,
    identity: latest.identity,
    orderCount: valid.length,
    purchases: valid.map((o) => o.orderId),
    totalFen: valid.reduce((sum, o) => sum + netFen(o), 0),
    items: [...items].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10)
      .map(([title, quantity]) => ({ title, quantity })),
    pieces,
    maxPieces,
    itemIds: [...itemIds].sort(),
    refundOpen: orders.some((o) => o.refundOpen === true),
    tags: previous?.tags ?? [],
    notes: previous?.notes ?? '',
    updatedAt: now,
  };
  if (previous?.phone) customer.phone = previous.phone;
  if (previous?.phone && previous.phoneSavedAt !== undefined) customer.phoneSavedAt = previous.phoneSavedAt;
  const region = byTime.findLast((o) => o.region)?.region;
  if (region) customer.region = region;
  // Several orders on one China day are one purchase (a basket split in two): the first order of each
  // day stands for it, in the usual gap as in the lifetime models.
  const dayStarts = new Map<number, number>();
  for (const o of valid) if (!dayStarts.has(shanghaiDay(o.createdAt))) dayStarts.set(shanghaiDay(o.createdAt), o.createdAt);
  const gap = usualGapDays([...dayStarts.values()]);
  if (gap !== undefined) customer.usualGapDays = gap;
  const buyerId = byTime.findLast((o) => o.buyerId)?.buyerId;
  if (buyerId) customer.buyerId = buyerId;
  if (valid.length > 0) {
    customer.firstPurchaseAt = valid[0]!.createdAt;
    customer.lastPurchaseAt = valid[valid.length - 1]!.createdAt;
    const firstDay = shanghaiDay(valid[0]!.createdAt);
    customer.purchaseDays = dayStarts.size;
    customer.firstDayFen = valid.reduce((sum, o) => sum + (shanghaiDay(o.createdAt) === firstDay ? netFen(o) : 0), 0);
  }
  return customer;
}

/**
 * The usual gap between purchases (复购周期 of one buyer): the median of the days between consecutive
 * purchase days, to one decimal. The median, not the mean, so one long pause does not hide a habit.
 */
export function usualGapDays(purchaseTimes: readonly number[]): number | undefined {
  if (purchaseTimes.length < 2) return undefined;
  const sorted = [...purchaseTimes].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => (t - sorted[i]!) / 86_400_000).sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  return Math.round(median * 10) / 10;
}

/** What a badge shows for one order row. */
export interface OrderFacts {
  orderId: string;
  identity: IdentityStrength;
  /** This order counts as a purchase (paid, not closed or fully refunded). */
  valid: boolean;
  /** Which purchase of this buyer the order is, when it counts. */
  ordinal: number | null;
  /** Valid purchases of this buyer known so far. */
  orderCount: number;
  totalFen: number;
  firstPurchaseAt?: number;
  lastPurchaseAt?: number;
  items: Customer['items'];
}

/** A badge's facts from a stored order and its buyer's record. */
export function orderFacts(order: Order, customer: Customer | undefined): OrderFacts {
  const n = customer?.purchases?.indexOf(order.orderId) ?? -1;
  const facts: OrderFacts = {
    orderId: order.orderId,
    identity: order.identity,
    valid: n >= 0,
    ordinal: n >= 0 ? n + 1 : null,
    orderCount: customer?.orderCount ?? 0,
    totalFen: customer?.totalFen ?? 0,
    items: customer?.items ?? [],
  };
  if (customer?.firstPurchaseAt !== undefined) facts.firstPurchaseAt = customer.firstPurchaseAt;
  if (customer?.lastPurchaseAt !== undefined) facts.lastPurchaseAt = customer.lastPurchaseAt;
  return facts;
}
