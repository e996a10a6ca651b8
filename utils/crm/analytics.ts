// Shop analytics (issue 6): the figures sellers otherwise work out by hand in spreadsheets
// (shared/SELLERS.md), computed from stored orders for the popup and the analytics dashboard. Pure; no I/O.
//
// Terms, as sellers use them:
// - 新客/老客 (new/returning buyer): returning when the buyer had a valid purchase before the range. A weak
//   identity (masked nick only, never merged) has no known past, so it is always new.
// - 客单价 (average spend per buyer): sales ÷ buyers of a group, in fen, rounded.
// - 复购率 (repurchase rate): buyers who bought again ÷ buyers.
//
// Conventions:
// - Times are epoch ms; the calendar is Asia/Shanghai, from time.ts.
// - An order is placed at `createdAt`; ranges are [from, to).
// - Only valid purchases count: a valid status and something left after item refunds (netFen > 0), so an
//   order refunded item by item down to nothing is not a purchase.
// - Money is integer fen. An order's net amount is shared over its non-refunded items in proportion to
//   their list price (unitFen × quantity); rounding is cumulative, so the items' fen add up to the order's.
// - A buyer is an order's customerKey.
//
// Every function is one pass over the orders with Maps; only results are sorted. Sized for ~300,000 orders
// in the dashboard worker.

import { DAY_MS, monthLabel, shanghaiHour, shanghaiMonthIndex, shanghaiWeekday, type DateRange } from './time';
import { isPurchase, netFen } from './purchase';
import type { Customer, Order, OrderItem } from './types';

// ---- Purchases and items ----


function inRange(ms: number, range: DateRange): boolean {
  return ms >= range.from && ms < range.to;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** How an item is told apart: its id, or its title when the page gave no id (the row shows itemId ''). */
function itemKey(it: OrderItem): string {
  return it.itemId ? it.itemId : `\u0000${it.title}`;
}

function itemIdOf(key: string): string {
  return key.charCodeAt(0) === 0 ? '' : key;
}

/** The same item on an earlier line of the same order (two SKUs of one item are one purchase of it). */
function seenEarlierInOrder(items: readonly OrderItem[], index: number, key: string): boolean {
  for (let j = 0; j < index; j++) {
    const other = items[j]!;
    if (!other.refunded && itemKey(other) === key) return true;
  }
  return false;
}

/** A line's weight in sharing an order's amount: 0 by list price (unitFen × quantity), 1 by quantity, 2 evenly. */
function lineWeight(it: OrderItem, mode: number): number {
  return mode === 0 ? Math.max(0, it.unitFen) * Math.max(0, it.quantity) : mode === 1 ? Math.max(0, it.quantity) : 1;
}

/** Latest title of each item over every line of every order (the newest order wins; ties by order id). */
class Titles {
  private readonly map = new Map<string, { title: string; at: number; orderId: string }>();

  see(key: string, title: string, o: Order): void {
    const t = this.map.get(key);
    if (!t) this.map.set(key, { title, at: o.createdAt, orderId: o.orderId });
    else if (o.createdAt > t.at || (o.createdAt === t.at && o.orderId >= t.orderId)) {
      t.title = title;
      t.at = o.createdAt;
      t.orderId = o.orderId;
    }
  }

  get(key: string): string {
    return this.map.get(key)?.title ?? '';
  }
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---- New and returning buyers ----

/** The customer facts the figures need: identity and first valid purchase time (from the Customer record). */
export type BuyerFacts = Pick<Customer, 'identity' | 'firstPurchaseAt'>;

interface BuyerInRange {
  orders: number;
  salesFen: number;
  weak: boolean;
  returning: boolean;
}

/**
 * The buyers of valid purchases in the range, each with their orders and sales there and whether they
 * are returning: not weak, and a first valid purchase before the range — by their Customer record, or by
 * an earlier purchase among `orders` (whichever knows more; a record missing from `buyers` is not an error).
 */
function buyersInRange(orders: Iterable<Order>, buyers: ReadonlyMap<string, BuyerFacts>, range: DateRange): Map<string, BuyerInRange> {
  const seen = new Map<string, BuyerInRange>();
  const boughtBefore = new Set<string>();
  for (const o of orders) {
    if (!isPurchase(o)) continue;
    if (o.createdAt < range.from) {
      if (o.identity !== 'weak') boughtBefore.add(o.customerKey);
      continue;
    }
    if (o.createdAt >= range.to) continue;
    let b = seen.get(o.customerKey);
    if (!b) seen.set(o.customerKey, (b = { orders: 0, salesFen: 0, returning: false, weak: false }));
    b.orders++;
    b.salesFen += netFen(o);
    if (o.identity === 'weak') b.weak = true;
  }
  for (const [key, b] of seen) {
    const facts = buyers.get(key);
    if (facts?.identity === 'weak') b.weak = true;
    const first = facts?.firstPurchaseAt;
    b.returning = !b.weak && ((first !== undefined && first < range.from) || boughtBefore.has(key));
  }
  return seen;
}

export interface WindowStats {
  /** Valid purchases placed in the range. */
  orders: number;
  /** Distinct customers behind them. */
  buyers: number;
  /** Sum of their netFen. */
  salesFen: number;
  /** Buyers (not weak) whose first valid purchase is before range.from: 老客. */
  returningBuyers: number;
  /** returningBuyers / buyers; null when there are no buyers. */
  returningShare: number | null;
  /** Buyers with 2+ valid purchases inside the range (复购 within the window). */
  repeatBuyers: number;
  /** repeatBuyers / buyers; null when there are no buyers. */
  repeatRate: number | null;
}

/** The popup's figures for one range (today, the last 7 days). */
export function windowStats(orders: Iterable<Order>, buyers: ReadonlyMap<string, BuyerFacts>, range: DateRange): WindowStats {
  let count = 0;
  let salesFen = 0;
  let returningBuyers = 0;
  let repeatBuyers = 0;
  const seen = buyersInRange(orders, buyers, range);
  for (const b of seen.values()) {
    count += b.orders;
    salesFen += b.salesFen;
    if (b.returning) returningBuyers++;
    // Weak keys are one order each; should one carry more, it still is nobody we know bought again.
    if (b.orders >= 2 && !b.weak) repeatBuyers++;
  }
  return {
    orders: count,
    buyers: seen.size,
    salesFen,
    returningBuyers,
    returningShare: ratio(returningBuyers, seen.size),
    repeatBuyers,
    repeatRate: ratio(repeatBuyers, seen.size),
  };
}

export interface BuyerGroup {
  buyers: number;
  orders: number;
  salesFen: number;
  /** salesFen / the range's total sales; null when the range sold nothing. */
  salesShare: number | null;
  /** 客单价: salesFen / buyers, rounded to the fen; null without buyers. */
  aovFen: number | null;
  /** orders / buyers; null without buyers. */
  purchasesPerBuyer: number | null;
}

/** 新客 vs 老客 in a range (the post-promotion comparison sellers make). */
export function newVsReturning(
  orders: Iterable<Order>,
  buyers: ReadonlyMap<string, BuyerFacts>,
  range: DateRange,
): { new: BuyerGroup; returning: BuyerGroup; total: BuyerGroup } {
  const sums = { new: { buyers: 0, orders: 0, salesFen: 0 }, returning: { buyers: 0, orders: 0, salesFen: 0 } };
  for (const b of buyersInRange(orders, buyers, range).values()) {
    const s = b.returning ? sums.returning : sums.new;
    s.buyers++;
    s.orders += b.orders;
    s.salesFen += b.salesFen;
  }
  const totalFen = sums.new.salesFen + sums.returning.salesFen;
  const group = (s: { buyers: number; orders: number; salesFen: number }): BuyerGroup => ({
    ...s,
    salesShare: ratio(s.salesFen, totalFen),
    aovFen: s.buyers > 0 ? Math.round(s.salesFen / s.buyers) : null,
    purchasesPerBuyer: ratio(s.orders, s.buyers),
  });
  return {
    new: group(sums.new),
    returning: group(sums.returning),
    total: group({
      buyers: sums.new.buyers + sums.returning.buyers,
      orders: sums.new.orders + sums.returning.orders,
      salesFen: totalFen,
    }),
  };
}

// ---- Regions ----

export interface RegionRow {
  name: string;
  buyers: number;
  orders: number;
  salesFen: number;
}

/** "广东省 深圳市 南山区" → ['广东省', '广东省 深圳市']; '' for what the text does not name. */
function regionNames(region: string): [string, string] {
  const parts = region.trim().split(/\s+/);
  const province = parts[0] ?? '';
  return [province, parts.length >= 2 ? `${province} ${parts[1]}` : ''];
}

/**
 * By province and by city: "广东省 深圳市 南山区" → 广东省, and "广东省 深圳市" (the city keeps its province, so
 * two cities of one name stay apart). Names are taken as the page wrote them. Orders without a region
 * are under '' in both lists, and orders whose region names only a province are under '' among the
 * cities, so each list adds up to all purchases; the UI words ''. Sorted by sales desc, then name.
 */
export function regionBreakdown(orders: Iterable<Order>, range: DateRange): { provinces: RegionRow[]; cities: RegionRow[] } {
  type Acc = { buyers: Set<string>; orders: number; salesFen: number };
  const provinces = new Map<string, Acc>();
  const cities = new Map<string, Acc>();
  /** Region text → [province, city], once per distinct text. */
  const parsed = new Map<string, [string, string]>();
  const add = (map: Map<string, Acc>, name: string, o: Order, fen: number) => {
    let a = map.get(name);
    if (!a) map.set(name, (a = { buyers: new Set(), orders: 0, salesFen: 0 }));
    a.buyers.add(o.customerKey);
    a.orders++;
    a.salesFen += fen;
  };
  for (const o of orders) {
    if (!inRange(o.createdAt, range) || !isPurchase(o)) continue;
    const fen = netFen(o);
    const region = o.region ?? '';
    let names = parsed.get(region);
    if (!names) parsed.set(region, (names = regionNames(region)));
    add(provinces, names[0], o, fen);
    add(cities, names[1], o, fen);
  }
  const rows = (map: Map<string, Acc>): RegionRow[] =>
    [...map]
      .map(([name, a]) => ({ name, buyers: a.buyers.size, orders: a.orders, salesFen: a.salesFen }))
      .sort((a, b) => b.salesFen - a.salesFen || byName(a.name, b.name));
  return { provinces: rows(provinces), cities: rows(cities) };
}

// ---- When people buy ----

/** Weekday (0 = Monday … 6 = Sunday) × hour (0–23), Shanghai time, of valid purchases in the range: counts and sales. */
export function buyingHours(orders: Iterable<Order>, range: DateRange): { orders: number[][]; salesFen: number[][] } {
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const sales = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const o of orders) {
    if (!inRange(o.createdAt, range) || !isPurchase(o)) continue;
    const d = shanghaiWeekday(o.createdAt);
    const h = shanghaiHour(o.createdAt);
    counts[d]![h]!++;
    sales[d]![h]! += netFen(o);
  }
  return { orders: counts, salesFen: sales };
}

// ---- Items ----

export interface ItemRow {
  /** '' when the page gave no item id (the item is then told apart by its title). */
  itemId: string;
  /** The latest title seen. */
  title: string;
  /** Allocated share of netFen over valid purchases in the range. */
  salesFen: number;
  /** Pieces (quantities of non-refunded lines) in the range. */
  pieces: number;
  /** Distinct customers who bought it in the range. */
  buyers: number;
  /** Of those, how many bought it in 2+ separate valid purchases (whole history); never a weak buyer. */
  repeatBuyers: number;
  /** 复购率 of the item: repeatBuyers / buyers. */
  repurchaseRate: number | null;
  /**
   * Median days (to one decimal) between a buyer's consecutive purchases of this item, pooled over
   * every non-weak buyer of it in the whole history; null when nobody bought it twice.
   */
  medianRepurchaseDays: number | null;
}

/** Items sold in the range, by sales desc (then pieces desc, then id and title). */
export function itemStats(orders: Iterable<Order>, range: DateRange): ItemRow[] {
  /**
   * Per item and buyer: the times of their purchases of it (whole history; the first kept apart so that
   * one-off buyers, most of them, cost no array) and whether they bought it in the range.
   */
  type Pair = { first: number; more: number[] | null; inRange: boolean; weak: boolean };
  type Acc = { title: string; titleAt: number; titleOrder: string; salesFen: number; pieces: number; sold: boolean; pairs: Map<string, Pair> };
  const items = new Map<string, Acc>();
  for (const o of orders) {
    const lines = o.items;
    const purchase = isPurchase(o);
    // The latest title of every item, from any order; and the weights to share the order's amount by.
    let byPrice = 0;
    let byQuantity = 0;
    let kept = 0;
    for (const it of lines) {
      const key = itemKey(it);
      let acc = items.get(key);
      if (!acc) {
        items.set(key, (acc = { title: it.title, titleAt: o.createdAt, titleOrder: o.orderId, salesFen: 0, pieces: 0, sold: false, pairs: new Map() }));
      } else if (o.createdAt > acc.titleAt || (o.createdAt === acc.titleAt && o.orderId >= acc.titleOrder)) {
        acc.title = it.title;
        acc.titleAt = o.createdAt;
        acc.titleOrder = o.orderId;
      }
      if (!purchase || it.refunded) continue;
      byPrice += lineWeight(it, 0);
      byQuantity += lineWeight(it, 1);
      kept++;
    }
    if (!purchase || kept === 0) continue;
    // The net amount goes to the non-refunded lines by list price (by quantity, or evenly, when the page
    // showed no prices), rounded on running totals so the lines' fen add up to the order's.
    const mode = byPrice > 0 ? 0 : byQuantity > 0 ? 1 : 2;
    const total = mode === 0 ? byPrice : mode === 1 ? byQuantity : kept;
    const net = netFen(o);
    const isIn = inRange(o.createdAt, range);
    const weak = o.identity === 'weak';
    let cumulative = 0;
    let given = 0;
    for (let i = 0; i < lines.length; i++) {
      const it = lines[i]!;
      if (it.refunded) continue;
      const key = itemKey(it);
      const acc = items.get(key)!;
      cumulative += lineWeight(it, mode);
      if (isIn) {
        const upTo = Math.round((cumulative * net) / total);
        acc.salesFen += upTo - given;
        given = upTo;
        acc.pieces += Math.max(0, it.quantity);
        acc.sold = true;
      }
      if (seenEarlierInOrder(lines, i, key)) continue;
      const pair = acc.pairs.get(o.customerKey);
      if (!pair) acc.pairs.set(o.customerKey, { first: o.createdAt, more: null, inRange: isIn, weak });
      else {
        if (isIn) pair.inRange = true;
        if (weak) pair.weak = true;
        if (pair.more) pair.more.push(o.createdAt);
        else pair.more = [o.createdAt];
      }
    }
  }
  const rows: ItemRow[] = [];
  for (const [key, acc] of items) {
    if (!acc.sold) continue;
    let buyers = 0;
    let repeatBuyers = 0;
    const gaps: number[] = [];
    for (const pair of acc.pairs.values()) {
      // Purchases under a day apart are one split order, not a repurchase (as in cycles.ts).
      const own: number[] = [];
      if (!pair.weak && pair.more) {
        const t = [pair.first, ...pair.more].sort((a, b) => a - b);
        for (let i = 1; i < t.length; i++) {
          const gap = (t[i]! - t[i - 1]!) / DAY_MS;
          if (gap >= 1) own.push(gap);
        }
      }
      const repeat = own.length > 0;
      if (pair.inRange) {
        buyers++;
        if (repeat) repeatBuyers++;
      }
      gaps.push(...own);
    }
    gaps.sort((a, b) => a - b);
    rows.push({
      itemId: itemIdOf(key),
      title: acc.title,
      salesFen: acc.salesFen,
      pieces: acc.pieces,
      buyers,
      repeatBuyers,
      repurchaseRate: ratio(repeatBuyers, buyers),
      medianRepurchaseDays: gaps.length > 0 ? Math.round(median(gaps) * 10) / 10 : null,
    });
  }
  return rows.sort(
    (a, b) => b.salesFen - a.salesFen || b.pieces - a.pieces || byName(a.itemId, b.itemId) || byName(a.title, b.title),
  );
}

export interface ItemPath {
  fromItemId: string;
  fromTitle: string;
  toItemId: string;
  toTitle: string;
  buyers: number;
}

/** Earlier in purchase order: by time, the order id breaking ties (as purchase numbers are given). */
function before(a: Order, b: Order): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.orderId < b.orderId);
}

/**
 * First item → second item: for each non-weak buyer with 2+ valid purchases (whole history; orders under a
 * day after the first are the same purchase split in two, not the second), each item of
 * the first purchase paired with each item of the second (non-refunded lines; the same item twice in an
 * order counts once; an item bought again is a path to itself). Counted in buyers, desc, then by ids;
 * top `limit` (default 20).
 */
export function itemPaths(orders: Iterable<Order>, limit = 20): ItemPath[] {
  const byBuyer = new Map<string, Order[]>();
  const titles = new Titles();
  for (const o of orders) {
    for (const it of o.items) titles.see(itemKey(it), it.title, o);
    if (o.identity === 'weak' || !isPurchase(o)) continue;
    const list = byBuyer.get(o.customerKey);
    if (list) list.push(o);
    else byBuyer.set(o.customerKey, [o]);
  }
  const counts = new Map<string, { from: string; to: string; buyers: number }>();
  for (const list of byBuyer.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    const first = list[0]!;
    // The second purchase is the first a day or more later: an order split in two is one purchase.
    const second = list.find((o) => o.createdAt - first.createdAt >= DAY_MS);
    if (!second) continue;
    for (let i = 0; i < first.items.length; i++) {
      const a = first.items[i]!;
      const from = itemKey(a);
      if (a.refunded || seenEarlierInOrder(first.items, i, from)) continue;
      for (let j = 0; j < second.items.length; j++) {
        const b = second.items[j]!;
        const to = itemKey(b);
        if (b.refunded || seenEarlierInOrder(second.items, j, to)) continue;
        const k = `${from}\u0001${to}`;
        const c = counts.get(k);
        if (c) c.buyers++;
        else counts.set(k, { from, to, buyers: 1 });
      }
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.buyers - a.buyers || byName(a.from, b.from) || byName(a.to, b.to))
    .slice(0, Math.max(0, limit))
    .map((c) => ({
      fromItemId: itemIdOf(c.from),
      fromTitle: titles.get(c.from),
      toItemId: itemIdOf(c.to),
      toTitle: titles.get(c.to),
      buyers: c.buyers,
    }));
}

// ---- Cohorts ----

export interface CohortRow {
  /** 'YYYY-MM', Shanghai. */
  month: string;
  customers: number;
  /** returned[k] = customers of this cohort with a valid purchase in month first+k+1 (up to now's month). */
  returned: number[];
}

/**
 * Customers (non-weak) by the month of their first valid purchase, and how many bought again in each later
 * month up to `now`'s month. Only months in which someone first bought have a row (oldest first); purchases
 * after now's month are not counted.
 */
export function cohorts(orders: Iterable<Order>, now: number): CohortRow[] {
  const nowMonth = shanghaiMonthIndex(now);
  /** Distinct months with a valid purchase, per customer. */
  const months = new Map<string, number[]>();
  for (const o of orders) {
    if (o.identity === 'weak' || !isPurchase(o)) continue;
    const m = shanghaiMonthIndex(o.createdAt);
    if (m > nowMonth) continue;
    const list = months.get(o.customerKey);
    if (!list) months.set(o.customerKey, [m]);
    else if (!list.includes(m)) list.push(m);
  }
  const rows = new Map<number, { customers: number; returned: number[] }>();
  for (const list of months.values()) {
    let first = list[0]!;
    for (const m of list) if (m < first) first = m;
    let row = rows.get(first);
    if (!row) rows.set(first, (row = { customers: 0, returned: new Array<number>(nowMonth - first).fill(0) }));
    row.customers++;
    for (const m of list) if (m > first) row.returned[m - first - 1]!++;
  }
  return [...rows]
    .sort((a, b) => a[0] - b[0])
    .map(([m, row]) => ({ month: monthLabel(m), customers: row.customers, returned: row.returned }));
}

// ---- Coupons and discounts ----

export interface DiscountUse {
  /** Valid purchases in the range whose page gave the discounts. */
  orders: number;
  /** Of those, the ones with any discount (shop's or platform's). */
  withDiscount: number;
  /** withDiscount / orders; null when no order gave the figures. */
  share: number | null;
  shopFen: number;
  platformFen: number;
}

/** Coupon and discount use where the page gives it (orders with `discount`); orders without the field are not counted at all. */
export function discountUse(orders: Iterable<Order>, range: DateRange): DiscountUse {
  let count = 0;
  let withDiscount = 0;
  let shopFen = 0;
  let platformFen = 0;
  for (const o of orders) {
    const d = o.discount;
    if (!d || !inRange(o.createdAt, range) || !isPurchase(o)) continue;
    count++;
    if (d.shopFen > 0 || d.platformFen > 0) withDiscount++;
    shopFen += d.shopFen;
    platformFen += d.platformFen;
  }
  return { orders: count, withDiscount, share: ratio(withDiscount, count), shopFen, platformFen };
}
