// Order care (订单关怀), pure: the next step of every order between 下单 and 评价 — 催付 (a payment
// reminder for an unpaid order), shipping on time, a parcel that stopped moving (物流停滞), care after
// receipt (收货关怀), and refunds under way (售后) — worked from the orders Laoke has read. Passive: these
// are lists, drafts for the clipboard and order numbers for the platform's own tools. Laoke never clicks
// 催付, never sends, never types into the chat box.
//
// Timings are the ones sellers and CRM vendors quote (shared/SELLERS.md, "Order care"): most unpaid
// orders are abandoned within two hours; remind at 15–30 minutes, again at 2–4 hours, once before the
// order closes itself, never more than three times a day.

import type { RefundProblem } from './care-kinds';
import { isPurchase, netFen } from './purchase';

export { REFUND_PROBLEMS, type RefundProblem } from './care-kinds';
import { DAY_MS, HOUR_MS } from './time';
import type { AspectId, Customer, Order, OrderStatus, Platform } from './types';

const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------------
// Settings

export interface CareSettings {
  /** The shop's auto-close time for unpaid orders (自动关闭), hours, per platform. */
  autoCloseHours: Record<Platform, number>;
  /** The ship promise (发货时效) from payment, hours. */
  shipPromiseHours: number;
  /** A parcel shipped this many days ago and not received is stalled (物流停滞). */
  stalledDays: number;
}

/**
 * Defaults: an unpaid Taobao order closes after 72 hours and a Pinduoduo one after 24 unless the item
 * says otherwise (many promotion items close sooner: the seller sets their own); 48-hour shipping (the
 * platforms' default promise); a parcel not received 5 days after shipping is followed up. 抖店 closes an
 * unpaid order within minutes (livestream stock is held briefly): 1 hour, the least the setting takes;
 * JD after 24 hours.
 */
export const DEFAULT_CARE_SETTINGS: CareSettings = { autoCloseHours: { taobao: 72, pdd: 24, douyin: 1, jd: 24 }, shipPromiseHours: 48, stalledDays: 5 };
export const CARE_SETTINGS_BOUNDS = { autoCloseHours: [1, 240], shipPromiseHours: [1, 720], stalledDays: [1, 30] } as const;

// ---------------------------------------------------------------------------------------------------
// What the seller did (the care log)

export type CareKind = 'remind' | 'care' | 'ship' | 'stalled' | 'refund' | 'call';
export type RefundOutcome = 'kept' | 'compensated' | 'refunded';
export type CallOutcome = 'called' | 'no_answer' | 'bought' | 'compensated';

/** One thing the seller did about an order: copied a draft, exported its number, logged an outcome. */
export interface CareAction {
  id?: number;
  platform: Platform;
  orderId: string;
  customerKey: string;
  kind: CareKind;
  at: number;
  /** copy: a draft went to the clipboard; export: the order number went into a file; outcome: the seller logged how it ended. */
  via: 'copy' | 'export' | 'outcome';
  outcome?: RefundOutcome | CallOutcome;
  /** What the seller gave the buyer to keep the order (补偿), fen. */
  compensationFen?: number;
  problem?: RefundProblem;
  /** The draft as copied (scripts are rotated against the last ones). */
  text?: string;
}

// ---------------------------------------------------------------------------------------------------
// 催付: unpaid orders

/** At most this many reminders per order in any 24 hours: more reads as harassment, and platforms punish it. */
export const MAX_REMINDERS_PER_DAY = 3;

/**
 * Where an unpaid order is in the reminder timeline: too early (the buyer may still be paying), in one of
 * the three windows, between them, or past the auto-close time (the platform has probably closed it).
 */
export type UnpaidPhase = 'early' | 'first' | 'between_first' | 'second' | 'between_second' | 'last' | 'expired';
export const REMINDER_PHASES: readonly UnpaidPhase[] = ['first', 'second', 'last'];

/** The windows, ms after the order was placed: [start, end). The last is the 2 hours before closing (never before 4 h). */
export function reminderWindows(autoCloseMs: number): Record<'first' | 'second' | 'last', [number, number]> {
  const lastStart = Math.max(4 * HOUR_MS, autoCloseMs - 2 * HOUR_MS);
  return { first: [15 * MINUTE_MS, 30 * MINUTE_MS], second: [2 * HOUR_MS, 4 * HOUR_MS], last: [Math.min(lastStart, autoCloseMs), autoCloseMs] };
}

export function unpaidPhase(ageMs: number, autoCloseMs: number): UnpaidPhase {
  const w = reminderWindows(autoCloseMs);
  if (ageMs >= autoCloseMs) return 'expired';
  if (ageMs >= w.last[0]) return 'last';
  if (ageMs < w.first[0]) return 'early';
  if (ageMs < w.first[1]) return 'first';
  if (ageMs < w.second[0]) return 'between_first';
  if (ageMs < w.second[1]) return 'second';
  return 'between_second';
}

export type ReminderCheck = { ok: true } | { ok: false; reason: 'limit'; nextAt: number } | { ok: false; reason: 'not_unpaid' };

/**
 * May the seller remind this order now? Refused once 3 reminders fall in the last 24 hours (the 4th
 * waits until the oldest of them is 24 hours old), and for an order no longer unpaid.
 */
export function reminderCheck(status: OrderStatus, reminderTimes: readonly number[], now: number): ReminderCheck {
  if (status !== 'unpaid') return { ok: false, reason: 'not_unpaid' };
  const recent = reminderTimes.filter((at) => at > now - DAY_MS && at <= now).sort((a, b) => a - b);
  if (recent.length >= MAX_REMINDERS_PER_DAY) return { ok: false, reason: 'limit', nextAt: recent[recent.length - MAX_REMINDERS_PER_DAY]! + DAY_MS };
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------------
// Times the lists need: when an order was paid, shipped, received

/** Statuses that come after payment. */
const AFTER_PAYMENT: readonly OrderStatus[] = ['paid', 'shipped', 'completed', 'partially_refunded', 'refunded'];
const AFTER_SHIPPING: readonly OrderStatus[] = ['shipped', 'completed'];

/** The first time Laoke read the order in any of these statuses. */
function firstSeenIn(o: Pick<Order, 'statusSeenAt'>, statuses: readonly OrderStatus[]): number | undefined {
  const times = statuses.flatMap((s) => (o.statusSeenAt?.[s] !== undefined ? [o.statusSeenAt[s]!] : []));
  return times.length ? Math.min(...times) : undefined;
}

/** Laoke read the order in a status before these: the first reading in them is when it changed, give or take a reading. */
function seenBefore(o: Pick<Order, 'statusSeenAt'>, statuses: readonly OrderStatus[]): boolean {
  const at = firstSeenIn(o, statuses);
  if (at === undefined) return false;
  return Object.entries(o.statusSeenAt ?? {}).some(([s, t]) => !statuses.includes(s as OrderStatus) && s !== 'unknown' && t !== undefined && t < at);
}

/**
 * A status change Laoke read within this long of the reading before it: its time is known to within
 * that. A change read after a longer gap (the seller did not open the list for days) is not taken as
 * its time: a parcel read shipped on day 0 and received on day 9 was not received on day 9.
 */
export const SEEN_PRECISION_MS = DAY_MS;

/** The first reading in these statuses, when it came within SEEN_PRECISION_MS of a reading in another status. */
function changeSeen(o: Pick<Order, 'statusSeenAt' | 'statusPrevAt'>, statuses: readonly OrderStatus[]): number | undefined {
  const at = firstSeenIn(o, statuses);
  if (at === undefined) return undefined;
  const first = statuses.find((s) => o.statusSeenAt?.[s] === at)!;
  const prev = o.statusPrevAt?.[first];
  return prev !== undefined && prev <= at && at - prev <= SEEN_PRECISION_MS ? at : undefined;
}

/** How a time was known: the page gave it, Laoke saw the status change, or it is an estimate. */
export type TimeBasis = 'page' | 'seen' | 'estimated';

/** When the order was paid: the page's time (Pinduoduo 成交时间), else when Laoke first saw it paid after seeing it unpaid. */
export function paidTime(o: Pick<Order, 'paidAt' | 'statusSeenAt'>): { at: number; basis: TimeBasis } | null {
  if (o.paidAt !== undefined) return { at: o.paidAt, basis: 'page' };
  const at = firstSeenIn(o, AFTER_PAYMENT);
  return at !== undefined && seenBefore(o, AFTER_PAYMENT) ? { at, basis: 'seen' } : null;
}

/**
 * When the order was shipped: the page's time (Pinduoduo 发货时间); else the first reading as shipped
 * within a day of a reading before it (Taobao lists give no shipping time); else an estimate: the ship
 * promise after the order was placed, and never after the first reading as shipped.
 */
export function shipTime(o: Pick<Order, 'shippedAt' | 'statusSeenAt' | 'statusPrevAt' | 'createdAt' | 'firstSeenAt'>, settings: CareSettings): { at: number; basis: TimeBasis } {
  if (o.shippedAt !== undefined) return { at: o.shippedAt, basis: 'page' };
  const seen = changeSeen(o, AFTER_SHIPPING);
  if (seen !== undefined) return { at: seen, basis: 'seen' };
  return { at: Math.min(o.createdAt + settings.shipPromiseHours * HOUR_MS, firstSeenIn(o, AFTER_SHIPPING) ?? o.firstSeenAt), basis: 'estimated' };
}

/**
 * When the buyer received the order (签收/确认收货): the page's time, or the first reading as received
 * within a day of a reading before it; null when that is not known (first read already received, or
 * read received only days after the last reading).
 */
export function receiptTime(o: Pick<Order, 'receivedAt' | 'statusSeenAt' | 'statusPrevAt'>): { at: number; basis: TimeBasis } | null {
  if (o.receivedAt !== undefined) return { at: o.receivedAt, basis: 'page' };
  const seen = changeSeen(o, ['completed']);
  return seen !== undefined ? { at: seen, basis: 'seen' } : null;
}

// ---------------------------------------------------------------------------------------------------
// The board

/** The buyer as the lists weigh them. */
export interface BuyerValue {
  key: string;
  nick: string;
  /** Valid purchases known. */
  orderCount: number;
  /** Valid purchases other than this order: a returning buyer (老客) has one or more. */
  previous: number;
  totalFen: number;
  /** This order is the buyer's Nth valid purchase (null: not a purchase, or not in their list). */
  nth: number | null;
  /** A record the seller should look at before shipping: a refund before, a bad review. */
  risk: ('refunds' | 'bad-review')[];
}

interface Listed {
  order: Order;
  buyer: BuyerValue;
  /** The last time Laoke read this order on a page. */
  readAt: number;
}

export interface UnpaidEntry extends Listed {
  ageMs: number;
  phase: UnpaidPhase;
  /** Reminders recorded in the last 24 hours, and in all. */
  remindersToday: number;
  reminders: number;
  /** In a window and not yet reminded in it. */
  dueNow: boolean;
  check: ReminderCheck;
}

export interface UnshippedEntry extends Listed {
  /** The promise counts from payment (Pinduoduo's 成交时间), or from the order's creation where the page gives no payment time. */
  dueAt: number;
  dueBasis: 'paid' | 'created';
  urgency: 'overdue' | 'soon' | 'ok';
}

export interface StalledEntry extends Listed {
  shippedAt: number;
  shipBasis: TimeBasis;
  daysInTransit: number;
  /** Province and city of the order (Pinduoduo lists show it), '' where the page gives none. */
  area: string;
}

export interface ReceivedEntry extends Listed {
  receivedAt: number | null;
  receiptBasis: TimeBasis | 'unknown';
  /** due: received 1–3 days ago; soon: received less than a day ago (ask tomorrow); unknown: first read already received. */
  stage: 'due' | 'soon' | 'unknown';
  firstPurchase: boolean;
  /** An item of the order drew complaints in reviews. */
  itemComplaints: boolean;
  cared: boolean;
}

export interface RefundEntry extends Listed {
  problem: RefundProblem;
  /** Where the problem came from: the seller said so, a review of the order, or unknown. */
  problemBasis: 'seller' | 'review' | 'unknown';
  outcome: CareAction | null;
}

export interface Recovery {
  /** Orders reminded (a draft copied or the number exported). */
  reminded: number;
  /** Of those, seen paid after the first reminder, and what they brought, fen. */
  recovered: number;
  recoveredFen: number;
  /** Orders seen unpaid and never reminded, and of those later seen paid: the comparison, not a random control. */
  notReminded: number;
  paidAnyway: number;
}

export interface CareBoard {
  now: number;
  settings: CareSettings;
  unpaid: UnpaidEntry[];
  unshipped: UnshippedEntry[];
  stalled: StalledEntry[];
  received: ReceivedEntry[];
  refunds: RefundEntry[];
  recovery: Recovery;
  /** The latest reading of an unpaid order per platform (最后读取): how fresh the 待催付 list is. */
  unpaidReadAt: Partial<Record<Platform, number>>;
  counts: CareCounts;
  /** How many each list holds (a list sent to a page may be cut: loadCareData's limit). */
  totals: Record<'unpaid' | 'unshipped' | 'stalled' | 'received' | 'refunds', number>;
}

/** What the popup shows: what needs action now. */
export interface CareCounts {
  /** Unpaid orders not past auto-close that may still be reminded. */
  unpaid: number;
  /** Unshipped orders due within 6 hours or late (即将超时发货). */
  shipSoon: number;
  stalled: number;
  receivedDue: number;
  /** Refunds under way (售后中). */
  refunds: number;
}

export interface BoardInput {
  /** The orders a list can hold (careCandidate). */
  orders: readonly Order[];
  /** Every order of the horizon, closed and refunded ones too: the recovery and the buyers' refund record count over these. */
  allOrders?: readonly Order[];
  customers: ReadonlyMap<string, Customer>;
  /** Orders that have a review (a review linked by order number). */
  reviewedOrders: ReadonlySet<string>;
  /** What reviews of each order complained about (for the refund's problem), by `${platform}:${orderId}`. */
  orderComplaints: ReadonlyMap<string, readonly AspectId[]>;
  /** Items with complaints in reviews, by `${platform}:${itemId}`. */
  complainedItems: ReadonlySet<string>;
  /** Customers with a bad review. */
  badReviewers: ReadonlySet<string>;
  actions: readonly CareAction[];
  settings: CareSettings;
  now: number;
}

export const SHIP_SOON_MS = 6 * HOUR_MS;
/** Care after receipt: from 1 to 3 days after. */
export const RECEIPT_CARE_DAYS: readonly [number, number] = [1, 3];
/** An order first read already received is listed while it is this young (its receipt time is not known). */
export const RECEIPT_UNKNOWN_MAX_AGE_DAYS = 10;

/**
 * Whether an order can be on any list now: the board's candidates (a received order only while young
 * enough to be cared for). The database layer reads buyers for these only.
 */
export function careCandidate(o: Order, now: number): boolean {
  if (o.refundOpen || o.status === 'unpaid' || o.status === 'paid' || o.status === 'shipped') return true;
  if (o.status !== 'completed') return false;
  const received = o.receivedAt ?? o.statusSeenAt?.completed;
  return now - o.createdAt <= RECEIPT_UNKNOWN_MAX_AGE_DAYS * DAY_MS || (received !== undefined && now - received <= (RECEIPT_CARE_DAYS[1] + 1) * DAY_MS);
}

export const orderUid = (o: Pick<Order, 'platform' | 'orderId'>) => `${o.platform}:${o.orderId}`;

function buyerValue(o: Order, c: Customer | undefined, badReviewers: ReadonlySet<string>): BuyerValue {
  const risk: BuyerValue['risk'] = [];
  if (badReviewers.has(o.customerKey)) risk.push('bad-review');
  const index = c ? c.purchases.indexOf(o.orderId) : -1;
  return {
    key: o.customerKey, nick: c?.nick ?? o.nick, orderCount: c?.orderCount ?? 0, totalFen: c?.totalFen ?? 0,
    previous: Math.max(0, (c?.orderCount ?? 0) - (index >= 0 ? 1 : 0)), nth: index >= 0 ? index + 1 : null, risk,
  };
}

/** Problem of a refund from what reviews of its order complained about. */
function problemOf(complaints: readonly AspectId[] | undefined): RefundProblem | null {
  if (!complaints?.length) return null;
  for (const p of ['damage', 'mismatch', 'quality', 'logistics'] as const) if (complaints.includes(p)) return p;
  if (complaints.includes('size') || complaints.includes('taste')) return 'mismatch';
  return 'other';
}

const byValue = (a: Listed, b: Listed) => b.buyer.previous - a.buyer.previous || b.buyer.totalFen - a.buyer.totalFen || b.order.amountFen - a.order.amountFen;

export function careBoard(input: BoardInput): CareBoard {
  const { now, settings } = input;
  const actionsOf = new Map<string, CareAction[]>();
  for (const a of input.actions) {
    const k = `${a.platform}:${a.orderId}`;
    const list = actionsOf.get(k);
    if (list) list.push(a);
    else actionsOf.set(k, [a]);
  }
  const all = input.allOrders ?? input.orders;
  // Customers who had a refund in the horizon: any of their orders refunded or partly refunded.
  const refunders = new Set(all.filter((o) => o.status === 'refunded' || o.status === 'partially_refunded').map((o) => o.customerKey));
  const listed = (o: Order): Listed => {
    const buyer = buyerValue(o, input.customers.get(o.customerKey), input.badReviewers);
    if (refunders.has(o.customerKey) && !o.refundOpen) buyer.risk.unshift('refunds');
    return { order: o, buyer, readAt: o.lastSeenAt };
  };

  const unpaid: UnpaidEntry[] = [];
  const unshipped: UnshippedEntry[] = [];
  const stalled: StalledEntry[] = [];
  const received: ReceivedEntry[] = [];
  const refunds: RefundEntry[] = [];
  const unpaidReadAt: Partial<Record<Platform, number>> = {};

  for (const o of input.orders) {
    const acts = actionsOf.get(orderUid(o)) ?? [];
    // A refund under way counts when the page's JSON said so: a row drawn on the page is no 售后 (as the
    // buyer's record, refundEvidence). Such an order is worked as its status says.
    if (o.refundOpen && o.source !== 'dom') {
      const outcomes = acts.filter((a) => a.kind === 'refund' && a.via === 'outcome').sort((a, b) => b.at - a.at);
      const told = outcomes.find((a) => a.problem)?.problem;
      const fromReview = problemOf(input.orderComplaints.get(orderUid(o)));
      refunds.push({
        ...listed(o), problem: told ?? fromReview ?? 'other', problemBasis: told ? 'seller' : fromReview ? 'review' : 'unknown',
        outcome: outcomes[0] ?? null,
      });
      continue;
    }
    if (o.status === 'unpaid') {
      const ageMs = Math.max(0, now - o.createdAt);
      const closeMs = settings.autoCloseHours[o.platform] * HOUR_MS;
      const phase = unpaidPhase(ageMs, closeMs);
      const times = acts.filter((a) => a.kind === 'remind').map((a) => a.at);
      const check = reminderCheck(o.status, times, now);
      const windows = reminderWindows(closeMs);
      const inWindow = phase === 'first' || phase === 'second' || phase === 'last';
      const remindedInWindow = inWindow && times.some((at) => at - o.createdAt >= windows[phase][0]);
      unpaid.push({
        ...listed(o), ageMs, phase, reminders: times.length,
        remindersToday: times.filter((at) => at > now - DAY_MS && at <= now).length,
        dueNow: inWindow && !remindedInWindow && check.ok, check,
      });
      unpaidReadAt[o.platform] = Math.max(unpaidReadAt[o.platform] ?? 0, o.lastSeenAt);
      continue;
    }
    if (o.status === 'paid') {
      const paid = paidTime(o)?.at;
      const dueAt = (paid ?? o.createdAt) + settings.shipPromiseHours * HOUR_MS;
      unshipped.push({
        ...listed(o), dueAt, dueBasis: paid !== undefined ? 'paid' : 'created',
        urgency: dueAt <= now ? 'overdue' : dueAt - now <= SHIP_SOON_MS ? 'soon' : 'ok',
      });
      continue;
    }
    if (o.status === 'shipped') {
      const ship = shipTime(o, settings);
      const days = (now - ship.at) / DAY_MS;
      if (days >= settings.stalledDays) {
        stalled.push({ ...listed(o), shippedAt: ship.at, shipBasis: ship.basis, daysInTransit: Math.floor(days), area: (o.region ?? '').split(' ').slice(0, 2).join(' ') });
      }
      continue;
    }
    if (o.status === 'completed' && !input.reviewedOrders.has(orderUid(o))) {
      const receipt = receiptTime(o);
      let stage: ReceivedEntry['stage'] | null;
      if (receipt) {
        const days = (now - receipt.at) / DAY_MS;
        stage = days < RECEIPT_CARE_DAYS[0] ? 'soon' : days <= RECEIPT_CARE_DAYS[1] ? 'due' : null;
      } else {
        stage = now - o.createdAt <= RECEIPT_UNKNOWN_MAX_AGE_DAYS * DAY_MS ? 'unknown' : null;
      }
      if (!stage) continue;
      const entry = listed(o);
      received.push({
        ...entry, receivedAt: receipt?.at ?? null, receiptBasis: receipt?.basis ?? 'unknown', stage,
        firstPurchase: entry.buyer.previous === 0,
        itemComplaints: o.items.some((it) => input.complainedItems.has(`${o.platform}:${it.itemId}`)),
        cared: acts.some((a) => a.kind === 'care'),
      });
    }
  }

  // 催付: due now first, then returning and high-value buyers, then the oldest (closest to closing).
  unpaid.sort((a, b) => Number(b.dueNow) - Number(a.dueNow) || Number(a.phase === 'expired') - Number(b.phase === 'expired')
    || byValue(a, b) || a.order.createdAt - b.order.createdAt);
  unshipped.sort((a, b) => a.dueAt - b.dueAt || byValue(a, b));
  // Stalled parcels by area, so one stalled hub shows: the biggest group first, the longest in transit first within it.
  const perArea = new Map<string, number>();
  for (const s of stalled) perArea.set(s.area, (perArea.get(s.area) ?? 0) + 1);
  stalled.sort((a, b) => perArea.get(b.area)! - perArea.get(a.area)! || a.area.localeCompare(b.area) || b.daysInTransit - a.daysInTransit);
  const STAGE_ORDER = { due: 0, unknown: 1, soon: 2 } as const;
  received.sort((a, b) => Number(a.cared) - Number(b.cared) || STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage]
    || Number(b.firstPurchase) - Number(a.firstPurchase) || Number(b.itemComplaints) - Number(a.itemComplaints)
    || (a.receivedAt ?? a.order.createdAt) - (b.receivedAt ?? b.order.createdAt));
  refunds.sort((a, b) => Number(a.outcome !== null) - Number(b.outcome !== null) || byValue(a, b) || a.order.createdAt - b.order.createdAt);

  const counts: CareCounts = {
    unpaid: unpaid.filter((u) => u.phase !== 'expired' && u.check.ok).length,
    shipSoon: unshipped.filter((u) => u.urgency !== 'ok').length,
    stalled: stalled.length,
    receivedDue: received.filter((r) => !r.cared && r.stage !== 'soon').length,
    refunds: refunds.length,
  };
  const totals = { unpaid: unpaid.length, unshipped: unshipped.length, stalled: stalled.length, received: received.length, refunds: refunds.length };
  return { now, settings, unpaid, unshipped, stalled, received, refunds, recovery: recovery(all, input.actions), unpaidReadAt, counts, totals };
}

/**
 * 挽回 (recovered): orders reminded and seen paid after the first reminder, and their ¥ (what is left
 * after refunds). Beside them, orders Laoke saw unpaid and never reminded, and how many of those paid
 * anyway: the comparison a seller reads the recovery against (not a random hold-out: which orders get
 * reminded is the seller's choice).
 */
export function recovery(orders: readonly Order[], actions: readonly CareAction[]): Recovery {
  const firstReminder = new Map<string, number>();
  for (const a of actions) {
    if (a.kind !== 'remind') continue;
    const k = `${a.platform}:${a.orderId}`;
    firstReminder.set(k, Math.min(firstReminder.get(k) ?? Infinity, a.at));
  }
  const r: Recovery = { reminded: 0, recovered: 0, recoveredFen: 0, notReminded: 0, paidAnyway: 0 };
  for (const o of orders) {
    const reminded = firstReminder.get(orderUid(o));
    const paid = paidTime(o);
    if (reminded !== undefined) {
      r.reminded++;
      if (paid && paid.at >= reminded && isPurchase(o)) {
        r.recovered++;
        r.recoveredFen += netFen(o);
      }
    } else if (o.statusSeenAt?.unpaid !== undefined) {
      r.notReminded++;
      if (paid && isPurchase(o)) r.paidAnyway++;
    }
  }
  return r;
}
