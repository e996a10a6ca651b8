// Ingest rules, pure: how an observation of an order meets what is already known, and how a customer's
// figures follow from their orders. The database layer (utils/db/ingest.ts) only loads and stores.
//
// Customer figures are always recomputed from all of the customer's stored orders, never incremented,
// so seeing a page twice changes nothing and a later status (shipped → completed → refunded) simply
// moves the order in or out of the count.

import { IDENTITY_RANK, identify, type Identity } from './identity';
import { isPurchase, netFen } from './purchase';
import { DAY_MS, shanghaiDay } from './time';
import type { Customer, IdentityStrength, ItemBought, ObservedOrder, Order, OrderStatus } from './types';
import { refundEvidence, type RiskFlag } from './customer-value';

const CONTENT_KEYS = [
  'createdAt', 'paidAt', 'status', 'amountFen', 'refundFen', 'items', 'region', 'refundOpen', 'discount', 'source',
  'shippedAt', 'receivedAt', 'buyerMemo', 'sellerFlag',
  'customerKey', 'identity', 'nick', 'buyerId',
] as const;

/**
 * A JSON reading of an order stored from the page's text only. The DOM is what any page script can draw
 * (rows with real order numbers under a buyer of its choosing, before the JSON came); the JSON is what the
 * console loaded. So the JSON reading replaces the stored one whole, buyer and figures, whatever identity
 * the DOM reading got (a full Taobao nick counts as strong): the stored reading proves nothing against
 * it. What the seller typed on the DOM-only buyer follows the order (utils/db/ingest.ts folds it, as for
 * a masked buyer proven since). The converse never happens: a DOM reading never overrides a JSON one.
 */
export function jsonOverDom(existing: Order | undefined, seen: ObservedOrder): boolean {
  return existing?.source === 'dom' && seen.source === 'json';
}

/**
 * A reading that names another buyer than the one the stored order was proven to belong to: the order
 * is under a strong identity and the reading gives a different buyer id. One order has one buyer, so
 * one of the two readings is wrong, and the console page is untrusted (a forged re-post of a real order
 * number): the stored buyer stays and the reading is set aside (health.ts records it).
 * Not a conflict: a buyer id for an order kept under the buyer's full nick, read with that same nick
 * (one person, two keys: the nick→id merge of utils/db/ingest.ts), nor a reading without an id, nor a
 * JSON reading of an order stored from the DOM only (jsonOverDom: the DOM proved nothing).
 * An order kept under the platform's opaque buyer id counts as proven too where that id is only probable
 * (抖店's user_id, probable for its unknown scope): one order still has one buyer id.
 */
export function identityConflict(existing: Order | undefined, seen: ObservedOrder, who: Identity): boolean {
  if (jsonOverDom(existing, seen)) return false;
  if (!existing || who.key === existing.customerKey) return false;
  const byId = (key: string, id: string | undefined) => !!id && key === `${existing.platform}:id:${id.trim()}`;
  const provenBefore = existing.identity === 'strong' || byId(existing.customerKey, existing.buyerId);
  const provenNow = who.strength === 'strong' || byId(who.key, seen.buyer.id);
  if (!provenBefore || !provenNow) return false;
  if (!seen.buyer.id?.trim()) return false;
  const nickKeyed = !existing.buyerId && existing.customerKey === identify(existing.platform, existing.orderId, { nick: existing.nick }).key;
  return !(nickKeyed && seen.buyer.nick.trim() === existing.nick.trim());
}

/**
 * The stored order after this observation, whether anything but lastSeenAt changed, and whether the
 * reading was set aside as naming another buyer (identityConflict).
 */
export function mergeOrder(
  existing: Order | undefined,
  seen: ObservedOrder,
  now: number,
  who: Identity = identify(seen.platform, seen.orderId, seen.buyer, seen.region),
): { order: Order; changed: boolean; conflict: boolean } {
  // A DOM reading knows less than the JSON the page loaded (no buyer id, no per-item refunds) and is
  // easier to forge (a row any script can add): it never overwrites a JSON reading, never moves the
  // order to another buyer, it only says the order was seen again.
  if (existing && existing.source === 'json' && seen.source === 'dom') {
    return { order: { ...existing, lastSeenAt: Math.max(existing.lastSeenAt, now) }, changed: false, conflict: false };
  }
  // Another buyer id for an order proven to be someone's: nothing of the reading is taken, not even
  // "seen again" (its amount and status are as suspect as its buyer).
  if (identityConflict(existing, seen, who)) return { order: existing!, changed: false, conflict: true };
  // A later reading that knows less (a masked nick where the buyer id was shown before) never takes
  // the order away from the buyer it was proven to belong to; nor does a reading without an id of an
  // order kept under a strong identity (a nick-only reading of a buyer known by id). A DOM-only order
  // was proven nothing: the JSON reading takes it (jsonOverDom), even to a weaker identity.
  const replace = jsonOverDom(existing, seen);
  const keep = existing && !replace && (IDENTITY_RANK[existing.identity] > IDENTITY_RANK[who.strength]
    || (existing.identity === 'strong' && who.strength === 'strong' && !seen.buyer.id?.trim()));
  const order: Order = {
    platform: seen.platform,
    orderId: seen.orderId,
    customerKey: keep ? existing.customerKey : who.key,
    identity: keep ? existing.identity : who.strength,
    nick: keep && IDENTITY_RANK[existing.identity] > IDENTITY_RANK[who.strength] ? existing.nick : seen.buyer.nick,
    createdAt: seen.createdAt,
    // A status the adapter has not met says nothing new: what was known of the order stays.
    status: seen.status === 'unknown' && existing && !replace ? existing.status : seen.status,
    amountFen: seen.amountFen,
    refundFen: Math.min(seen.refundFen, seen.amountFen),
    items: seen.items,
    source: seen.source,
    firstSeenAt: existing?.firstSeenAt ?? now,
    lastSeenAt: Math.max(existing?.lastSeenAt ?? now, now),
  };
  // A reading without the id (the DOM, say) of an order kept under its buyer id keeps the id too.
  const buyerId = seen.buyer.id ?? (existing && !replace && (keep || existing.customerKey === order.customerKey) ? existing.buyerId : undefined);
  if (buyerId) order.buyerId = buyerId;
  if (seen.paidAt !== undefined) order.paidAt = seen.paidAt;
  if (seen.region !== undefined) order.region = seen.region;
  if (seen.refundOpen) order.refundOpen = true;
  if (seen.discount) order.discount = seen.discount;
  if (seen.shippedAt !== undefined) order.shippedAt = seen.shippedAt;
  if (seen.receivedAt !== undefined) order.receivedAt = seen.receivedAt;
  // The first reading in each status (order care's times where the page gives none), and for a status
  // first read after another, when the reading before it was. An order stored before these were kept was
  // last read in its old status at lastSeenAt: that counts as a reading of it. A JSON reading replacing
  // a DOM-only order (jsonOverDom) starts them anew: what the page drew proves nothing.
  const history = existing && !replace ? existing : undefined;
  const statusSeenAt: Partial<Record<OrderStatus, number>> = { ...history?.statusSeenAt };
  const statusPrevAt: Partial<Record<OrderStatus, number>> = { ...history?.statusPrevAt };
  if (history && history.status !== order.status) {
    statusSeenAt[history.status] ??= history.lastSeenAt;
    if (statusSeenAt[order.status] === undefined) statusPrevAt[order.status] = history.lastSeenAt;
  }
  statusSeenAt[order.status] ??= now;
  order.statusSeenAt = statusSeenAt;
  if (Object.keys(statusPrevAt).length) order.statusPrevAt = statusPrevAt;
  if (seen.buyerMemo) order.buyerMemo = seen.buyerMemo;
  if (seen.sellerFlag) order.sellerFlag = seen.sellerFlag;
  const changed = !existing || CONTENT_KEYS.some((k) => JSON.stringify(existing[k]) !== JSON.stringify(order[k]));
  return { order, changed, conflict: false };
}

/** Tags kept on one customer: the card saves at most 20 (and a fold or a backup's merge keeps at most as many). */
export const MAX_TAGS = 20;

/** The seller wrote something about this customer: tags, notes or a phone. */
export function isAnnotated(c: Pick<Customer, 'tags' | 'notes' | 'phone'>): boolean {
  return c.tags.length > 0 || c.notes.trim() !== '' || !!c.phone;
}

/**
 * What the seller typed on `from` folded into `into` (an order of `from` was proven to be `into`'s; a
 * backup's merge folds two records of one person the same way): tags united (into's own first, up to
 * MAX_TAGS), both notes kept (one copy of notes already there), into's phone unless it has none.
 * Figures are untouched.
 */
export function foldSellerFields(into: Customer | undefined, from: Customer): Customer {
  if (!into) return from;
  const added = from.tags.filter((t) => !into.tags.includes(t));
  const folded: Customer = {
    ...into,
    tags: [...into.tags, ...added.slice(0, Math.max(0, MAX_TAGS - into.tags.length))],
    // Both notes, once: a note already there (folded before, the same words) is not added again.
    notes: from.notes.trim() === '' || into.notes.includes(from.notes) ? into.notes : into.notes.trim() === '' ? from.notes : `${into.notes}\n${from.notes}`,
  };
  const phone = into.phone || from.phone;
  if (phone) folded.phone = phone;
  if (!into.phone && from.phone && from.phoneSavedAt !== undefined) folded.phoneSavedAt = from.phoneSavedAt;
  return folded;
}

/**
 * Two copies of one buyer's record, this machine's and a backup's (utils/db/backup-merge.ts): tags and
 * phone as foldSellerFields takes them, but the notes are `base`'s unless empty. Unlike a fold, these
 * are one buyer's notes, one text the seller may have edited on either machine, not two people's:
 * joining them would put an older version beside its edit.
 */
export function mergeSellerCopies(base: Customer, other: Customer | undefined): Customer {
  if (!other) return base;
  return { ...foldSellerFields(base, other), notes: base.notes.trim() ? base.notes : other.notes };
}

/** Everything the seller typed on `from` is on `into` too (so `from` may go without losing any of it). */
export function carriesSellerFields(into: Customer | undefined, from: Customer): boolean {
  if (!isAnnotated(from)) return true;
  if (!into) return false;
  return from.tags.every((t) => into.tags.includes(t))
    && (from.notes.trim() === '' || into.notes.includes(from.notes))
    && (!from.phone || into.phone === from.phone);
}


/**
 * The records of the buyers a write touched, each from their orders as they now are (`orders`), keeping
 * what the seller typed on their record before (`previous`). `moves`: buyer → the buyers an order of
 * theirs moved to (proven since). What the seller typed on a buyer an order left goes with it
 * (foldSellerFields), whether or not that buyer keeps other orders. A buyer left without orders goes
 * (null) only when nothing the seller typed goes with them: they wrote nothing, or it all lives on
 * where the orders went (carriesSellerFields; tags past MAX_TAGS do not). Otherwise the record stays,
 * with no purchases. The rule of ingest (utils/db/ingest.ts) and of a backup's merge (backup-merge.ts).
 */
export function summarizeBuyers(
  keys: readonly string[],
  orders: ReadonlyMap<string, Order[]>,
  previous: ReadonlyMap<string, Customer | undefined>,
  moves: ReadonlyMap<string, ReadonlySet<string>>,
  now: number,
): Map<string, Customer | null> {
  const records = new Map(previous);
  for (const [from, targets] of moves) {
    const source = records.get(from);
    if (source && isAnnotated(source)) for (const to of targets) records.set(to, foldSellerFields(records.get(to), source));
  }
  const next = new Map<string, Customer | null>();
  for (const key of keys) {
    const theirs = orders.get(key) ?? [];
    let c = summarizeCustomer(theirs, records.get(key), now);
    if (c && theirs.length === 0 && [...(moves.get(key) ?? [])].some((to) => carriesSellerFields(records.get(to), c!))) c = null;
    records.set(key, c ?? undefined);
    next.set(key, c);
  }
  return next;
}

/**
 * A customer's record of an earlier schema as the schema upgrades leave it (utils/db/schema.ts; a backup
 * of an earlier schema is restored the same way): recomputed from their orders, what the seller typed
 * kept, and the record's own time kept (nothing changed for the seller).
 */
export function upgradedCustomer(c: Customer, orders: Order[], now: number): Customer {
  const next = summarizeCustomer(orders, c, now);
  // A customer without orders should not exist after ingest; if one does, keep it (and the seller's
  // notes) with the new figures at their empty values, so every record has the v2 shape.
  if (!next) return { pieces: 0, maxPieces: 0, itemIds: [], refundOpen: false, ...(c as Partial<Customer>) } as Customer;
  // A phone typed before phones were dated (v5): its age counts from the record's last change, stamped
  // now so that later changes (each new order moves updatedAt) do not keep resetting it for retention.
  if (next.phone && next.phoneSavedAt === undefined) next.phoneSavedAt = c.updatedAt;
  return { ...next, updatedAt: c.updatedAt };
}

/**
 * A customer's record from all of their orders (any order, valid or not), keeping what the seller
 * typed (tags, notes, phone) from the previous record. With no order left for this key: null, unless
 * the seller wrote something about them (ingest never deletes what the seller typed), then the record
 * stays with the figures of a customer without purchases.
 */
export function summarizeCustomer(orders: Order[], previous: Customer | undefined, now: number): Customer | null {
  if (orders.length === 0) return previous && isAnnotated(previous) ? withoutOrders(previous, now) : null;
  // By time; the order id breaks ties, so purchase numbers never depend on the order pages arrived in.
  const byTime = [...orders].sort((a, b) => a.createdAt - b.createdAt || a.orderId.localeCompare(b.orderId));
  const latest = byTime[byTime.length - 1]!;
  const valid = byTime.filter(isPurchase);
  const items = new Map<string, number>();
  const itemIds = new Set<string>();
  const bought = new Map<string, ItemBought>();
  let pieces = 0;
  let maxPieces = 0;
  for (const o of valid) {
    let inOrder = 0;
    for (const it of o.items) {
      if (it.refunded) continue;
      items.set(it.title, (items.get(it.title) ?? 0) + it.quantity);
      if (it.itemId) {
        itemIds.add(it.itemId);
        const b = bought.get(it.itemId);
        // Orders come oldest first: the latest title wins, the first time stays.
        if (b) Object.assign(b, { title: it.title, quantity: b.quantity + it.quantity, lastAt: o.createdAt });
        else bought.set(it.itemId, { id: it.itemId, title: it.title, quantity: it.quantity, firstAt: o.createdAt, lastAt: o.createdAt });
      }
      inOrder += it.quantity;
    }
    pieces += inOrder;
    maxPieces = Math.max(maxPieces, inOrder);
  }
  const refunds = refundEvidence(orders);
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
    itemsBought: [...bought.values()].sort((a, b) => a.firstAt - b.firstAt || a.id.localeCompare(b.id)),
    // Only orders read from the page's JSON: a row drawn on the page with a real buyer's nick and 退款中
    // must not take the buyer out of every audience and callback list (refundEvidence).
    refundOpen: refunds.open,
    refunds,
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

/** An annotated customer left without orders: who they are and what the seller wrote, no figures. */
function withoutOrders(previous: Customer, now: number): Customer {
  const c: Customer = {
    key: previous.key, platform: previous.platform, nick: previous.nick, identity: previous.identity,
    orderCount: 0, totalFen: 0, purchases: [], items: [], pieces: 0, maxPieces: 0, itemIds: [],
    refundOpen: false,
    tags: previous.tags, notes: previous.notes, updatedAt: now,
  };
  if (previous.buyerId) c.buyerId = previous.buyerId;
  if (previous.phone) c.phone = previous.phone;
  if (previous.phone && previous.phoneSavedAt !== undefined) c.phoneSavedAt = previous.phoneSavedAt;
  return c;
}

/**
 * The usual gap between purchases (复购周期 of one buyer): the median of the days between consecutive
 * purchase days, to one decimal. The median, not the mean, so one long pause does not hide a habit.
 */
export function usualGapDays(purchaseTimes: readonly number[]): number | undefined {
  if (purchaseTimes.length < 2) return undefined;
  const sorted = [...purchaseTimes].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => (t - sorted[i]!) / DAY_MS).sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  return Math.round(median * 10) / 10;
}

/** What a badge shows for one order row. */
export interface OrderFacts {
  orderId: string;
  /** The buyer's record (never handed to a content script: BadgeFacts leaves it out). */
  customerKey: string;
  /** How the order is known: a row known only from the page's text gets no risk flag. */
  source: Order['source'];
  identity: IdentityStrength;
  /** This order counts as a purchase (isPurchase, utils/crm/purchase.ts). */
  valid: boolean;
  /** Which purchase of this buyer the order is, when it counts. */
  ordinal: number | null;
  /** Valid purchases of this buyer known so far. */
  orderCount: number;
  totalFen: number;
  /** The order's status was not understood (status `unknown`): the badge says so. */
  statusUnknown?: true;
  firstPurchaseAt?: number;
  lastPurchaseAt?: number;
  items: Customer['items'];
  /** Risk flags of a proven buyer (utils/crm/customer-value.ts), when any applies: the badge's data-laoke-risk. */
  risk?: RiskFlag[];
  /** The buyer's tier on the seller's ladder (会员等级), when one is set and reached: data-laoke-tier. */
  tier?: string;
  /** Which level that is, 0 the first: the chip is quiet for the first level and warmer above it. */
  tierRank?: number;
}

/**
 * What a badge shows, and all a content script is told: the console page can read the badge, so nothing
 * beyond it (dates, items, notes) is handed to a script running there.
 */
export type BadgeFacts = Pick<OrderFacts, 'orderId' | 'identity' | 'valid' | 'ordinal' | 'orderCount' | 'totalFen' | 'statusUnknown' | 'risk' | 'tier' | 'tierRank'>;

export function badgeFacts(f: OrderFacts): BadgeFacts {
  const b: BadgeFacts = { orderId: f.orderId, identity: f.identity, valid: f.valid, ordinal: f.ordinal, orderCount: f.orderCount, totalFen: f.totalFen };
  if (f.statusUnknown) b.statusUnknown = true;
  if (f.risk?.length) b.risk = f.risk;
  if (f.tier) {
    b.tier = f.tier;
    if (f.tierRank !== undefined) b.tierRank = f.tierRank;
  }
  return b;
}

/** A badge's facts from a stored order and its buyer's record. */
export function orderFacts(order: Order, customer: Customer | undefined): OrderFacts {
  const n = customer?.purchases?.indexOf(order.orderId) ?? -1;
  const facts: OrderFacts = {
    orderId: order.orderId,
    customerKey: order.customerKey,
    source: order.source,
    identity: order.identity,
    valid: n >= 0,
    ordinal: n >= 0 ? n + 1 : null,
    orderCount: customer?.orderCount ?? 0,
    totalFen: customer?.totalFen ?? 0,
    items: customer?.items ?? [],
  };
  if (customer?.firstPurchaseAt !== undefined) facts.firstPurchaseAt = customer.firstPurchaseAt;
  if (customer?.lastPurchaseAt !== undefined) facts.lastPurchaseAt = customer.lastPurchaseAt;
  if (order.status === 'unknown') facts.statusUnknown = true;
  return facts;
}
