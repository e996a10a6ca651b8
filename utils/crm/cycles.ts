// Repurchase cycles (复购周期) and replenishment reminders (补货), pure. Sellers of consumables (baby
// formula, pet food, tea) know roughly how long one purchase lasts and reach out about a week before it
// runs out (shared/SELLERS.md). Here the cycle is learned from the shop's own orders: per item, the median
// number of days between a buyer's consecutive purchases of it.
//
// Rules:
// - only valid purchases count (isPurchase in purchase.ts), and only items not refunded;
// - weak identities (a masked nick only) have no known past: their purchases never make a gap and they
//   get no replenishment reminder;
// - days are Asia/Shanghai calendar days (bought on 1 Oct and on 26 Oct: 25 days, whatever the hours);
//   two purchases less than 24 hours apart are one split order, and that gap is left out;
// - an item with fewer than MIN_CYCLE_SAMPLES gaps borrows the shop-wide median over every item's gaps,
//   or DEFAULT_CYCLE_DAYS when the shop has too few as well;
// - quantity counts (issue 18): N units last N times as long, and where every SKU of the item names a
//   size (900g, 400g, 1.5L) the amount is in units of the item's usual size, so 900g lasts 2.25 times
//   400g. The cycle is what one unit lasts: a gap is divided by the amount bought at its start, and
//   the due day multiplies it by the amount of the last purchase. Purchases less than 24 hours apart
//   are one (their amounts add up);
// - the seller may say how long one unit lasts (product knowledge): that wins (source 'seller').
import { DAY_MS, shanghaiDay, shanghaiMidnight } from './time';
import { isPurchase } from './purchase';
import type { Order } from './types';



export interface ItemCycle {
  itemId: string;
  /** The title of the item's latest valid purchase (titles change; the newest is what the seller sees). */
  title: string;
  /**
   * Median days one unit lasts (a gap over the amount bought at its start), exact (a half day when the
   * two middle values differ by one). For one unit at a time, the median days between purchases.
   */
  medianDays: number;
  /** How many gaps medianDays rests on: the item's own, the shop's (source 'shop'), or 0 (the default or the seller's). */
  samples: number;
  source: 'item' | 'shop' | 'default' | 'seller';
  /** The item's usual size when every SKU names one ("400g"): one unit is that much. */
  unitSize?: string;
  /** That size in grams (or millilitres): a purchase of 900g is 900 / unitGrams units. */
  unitGrams?: number;
}

/** A size in the SKU text (900g, 1.5kg, 250ml, 2L), in grams or millilitres, with its text; null without one. */
export function skuSize(sku: string): { amount: number; text: string } | null {
  // A shop has a few hundred SKU texts over hundreds of thousands of order lines: each is read once.
  const known = SKU_SIZES.get(sku);
  if (known !== undefined) return known;
  if (SKU_SIZES.size >= 50_000) SKU_SIZES.clear();
  const size = readSkuSize(sku);
  SKU_SIZES.set(sku, size);
  return size;
}

const SKU_SIZES = new Map<string, Readonly<{ amount: number; text: string }> | null>();

function readSkuSize(sku: string): { amount: number; text: string } | null {
  const m = /(\d+(?:\.\d+)?)\s*(kg|千克|公斤|g|克|ml|毫升|l|升)(?![a-z])/i.exec(sku.normalize('NFKC'));
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const factor = unit === 'kg' || unit === '千克' || unit === '公斤' || unit === 'l' || unit === '升' ? 1000 : 1;
  return n > 0 ? { amount: n * factor, text: `${m[1]}${m[2]}` } : null;
}

/** Fewer gaps than this and the item's own median is not trusted. */
export const MIN_CYCLE_SAMPLES = 5;
/** The cycle when neither the item nor the shop has enough repurchases to tell. */
export const DEFAULT_CYCLE_DAYS = 30;


function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Days between one buyer's consecutive purchases of one item: Shanghai calendar days, gaps under 24
 * hours (a split order) left out. `times` must be sorted.
 */
export function purchaseGaps(times: readonly number[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const a = times[i - 1]!;
    const b = times[i]!;
    if (b - a < DAY_MS) continue;
    gaps.push(shanghaiDay(b) - shanghaiDay(a));
  }
  return gaps;
}

/** One purchase of an item: when, and how much (units of the item's usual size). */
interface Bought {
  at: number;
  amount: number;
  /** Grams (or ml) bought, when every line of the item in the order named its size; else 0. */
  grams: number;
}

/** Per (customer, item): the purchases, and per item the latest title. */
interface Purchases {
  /** customerKey → itemId → purchases (unsorted; amounts in units until sized). */
  byCustomer: Map<string, Map<string, Bought[]>>;
  /** itemId → its usual size, when every line of it named one. */
  sizes: Map<string, { amount: number; text: string }>;
  /** itemId → [title, at] of its latest valid purchase (by anyone). */
  titles: Map<string, [string, number]>;
  /** customerKey → nick of the latest order seen. */
  nicks: Map<string, [string, number]>;
}

/**
 * `unitGramsOf`: the unit size of an item decided elsewhere (the shop's cycles, when one buyer's orders
 * are read for the card): without it, sizes are decided from these orders.
 */
function collect(orders: Iterable<Order>, unitGramsOf?: (itemId: string) => number | undefined): Purchases {
  const byCustomer = new Map<string, Map<string, Bought[]>>();
  const titles = new Map<string, [string, number]>();
  const nicks = new Map<string, [string, number]>();
  /** Per item, each size seen with its lines; null once a line named none. */
  const sizesSeen = new Map<string, Map<number, [string, number]> | null>();
  // One order listing the same item on two rows (two SKUs) is still one purchase of it, of both amounts
  // (one map, emptied for each order).
  const units = new Map<string, [number, number, boolean]>();
  for (const o of orders) {
    if (!isPurchase(o)) continue;
    units.clear();
    for (const it of o.items) {
      if (it.refunded || !it.itemId) continue;
      const q = Math.max(1, it.quantity);
      const size = skuSize(it.sku);
      const seen = sizesSeen.get(it.itemId);
      if (!size) sizesSeen.set(it.itemId, null);
      else if (seen !== null) {
        const m = seen ?? new Map<number, [string, number]>();
        const c = m.get(size.amount);
        m.set(size.amount, [size.text, (c?.[1] ?? 0) + q]);
        sizesSeen.set(it.itemId, m);
      }
      const u = units.get(it.itemId) ?? [0, 0, true];
      units.set(it.itemId, [u[0] + q, u[1] + q * (size?.amount ?? 0), u[2] && size !== null]);
      const t = titles.get(it.itemId);
      if (!t || o.createdAt >= t[1]) titles.set(it.itemId, [it.title, o.createdAt]);
    }
    if (o.identity === 'weak' || units.size === 0) continue;
    const n = nicks.get(o.customerKey);
    if (!n || o.createdAt >= n[1]) nicks.set(o.customerKey, [o.nick, o.createdAt]);
    let items = byCustomer.get(o.customerKey);
    if (!items) byCustomer.set(o.customerKey, (items = new Map()));
    for (const [id, [q, grams, sized]] of units) {
      // Grams only when every line of the item in this order named its size.
      const b: Bought = { at: o.createdAt, amount: q, grams: sized ? grams : 0 };
      const list = items.get(id);
      if (list) list.push(b);
      else items.set(id, [b]);
    }
  }
  // An item whose every line named a size is counted in units of its most bought size.
  const sizes = new Map<string, { amount: number; text: string }>();
  for (const [id, m] of sizesSeen) {
    if (!m || m.size < 2) continue;
    const [amount, [text]] = [...m].sort((a, b) => b[1][1] - a[1][1] || a[0] - b[0])[0]!;
    sizes.set(id, { amount, text });
  }
  for (const items of byCustomer.values()) {
    for (const [id, list] of items) {
      const unit = unitGramsOf ? unitGramsOf(id) : sizes.get(id)?.amount;
      if (!unit) continue;
      for (const b of list) {
        if (b.grams > 0) b.amount = b.grams / unit;
      }
    }
  }
  return { byCustomer, sizes, titles, nicks };
}

/**
 * A buyer's purchases of one item, by time, with purchases under 24 hours apart made one (their amounts
 * added); `list` must be sorted.
 */
function joined(list: readonly Bought[]): Bought[] {
  const out: Bought[] = [];
  for (const b of list) {
    const last = out[out.length - 1];
    if (last && b.at - last.at < DAY_MS) last.amount += b.amount;
    else out.push({ ...b });
  }
  return out;
}

/** Days one unit lasted, per gap: the gap in Shanghai days over the amount bought at its start. */
function unitGaps(list: readonly Bought[]): number[] {
  const js = joined(list);
  const gaps: number[] = [];
  for (let i = 1; i < js.length; i++) gaps.push((shanghaiDay(js[i]!.at) - shanghaiDay(js[i - 1]!.at)) / js[i - 1]!.amount);
  return gaps;
}

/**
 * Per item: median days between a (non-weak) buyer's consecutive valid purchases of that item (gaps
 * under 1 day ignored: a split order). With fewer than MIN_CYCLE_SAMPLES gaps, the shop-wide median over
 * all items' gaps (source 'shop', when it has MIN_CYCLE_SAMPLES) else DEFAULT_CYCLE_DAYS (source
 * 'default'). Only items someone has bought again get a cycle: an item nobody ever repurchased (a
 * stroller, a teapot) is not a consumable, and its buyers get no replenishment reminder.
 */
export function itemCycles(orders: Iterable<Order>, sellerDays?: ReadonlyMap<string, number>): Map<string, ItemCycle> {
  return cyclesOf(collect(orders), sellerDays);
}

/**
 * itemCycles and replenishmentDue over the same orders in one reading of them (the analytics page wants
 * both for the whole shop): the same results as the two calls. The sizes replenishmentDue takes from the
 * cycles are the ones decided from these orders, so the purchases read for the cycles serve both.
 */
export function cyclesAndDue(
  orders: Iterable<Order>,
  sellerDays: ReadonlyMap<string, number> | undefined,
  nicks: ReadonlyMap<string, string>,
  now: number,
  withinDays = 7,
  graceDays = 3,
): { cycles: Map<string, ItemCycle>; due: Replenishment[] } {
  const purchases = collect(orders);
  const cycles = cyclesOf(purchases, sellerDays);
  // Items with a cycle were sized as the cycle says (unitGrams is the size collect decided); the others are skipped.
  return { cycles, due: dueOf(purchases, cycles, nicks, now, withinDays, graceDays) };
}

function cyclesOf({ byCustomer, titles, sizes }: Purchases, sellerDays?: ReadonlyMap<string, number>): Map<string, ItemCycle> {
  const gapsByItem = new Map<string, number[]>();
  const all: number[] = [];
  for (const items of byCustomer.values()) {
    for (const [itemId, bought] of items) {
      const gaps = unitGaps(bought.sort((a, b) => a.at - b.at));
      if (gaps.length === 0) continue;
      const list = gapsByItem.get(itemId);
      if (list) list.push(...gaps);
      else gapsByItem.set(itemId, gaps);
      all.push(...gaps);
    }
  }
  all.sort((a, b) => a - b);
  const shop: Pick<ItemCycle, 'medianDays' | 'samples' | 'source'> = all.length >= MIN_CYCLE_SAMPLES
    ? { medianDays: median(all), samples: all.length, source: 'shop' }
    : { medianDays: DEFAULT_CYCLE_DAYS, samples: 0, source: 'default' };
  const cycles = new Map<string, ItemCycle>();
  for (const itemId of [...titles.keys()].sort()) {
    const title = titles.get(itemId)![0];
    const gaps = gapsByItem.get(itemId);
    const size = sizes.get(itemId);
    const sized = size ? { unitSize: size.text, unitGrams: size.amount } : {};
    // The seller's word for what one unit lasts comes first, bought again or not.
    const told = sellerDays?.get(itemId);
    if (told !== undefined && told > 0) {
      cycles.set(itemId, { itemId, title, medianDays: told, samples: 0, source: 'seller', ...sized });
      continue;
    }
    if (!gaps) continue;
    if (gaps.length >= MIN_CYCLE_SAMPLES) {
      gaps.sort((a, b) => a - b);
      cycles.set(itemId, { itemId, title, medianDays: Math.round(median(gaps) * 10) / 10, samples: gaps.length, source: 'item', ...sized });
    } else {
      cycles.set(itemId, { itemId, title, ...shop, ...sized });
    }
  }
  return cycles;
}

export interface Replenishment {
  customerKey: string;
  nick: string;
  itemId: string;
  /** The item's title as the cycle knows it (its latest). */
  title: string;
  /** The customer's last valid purchase of the item. */
  lastAt: number;
  /** How much that purchase was, in units (of the item's usual size when it has one): 2 cans last twice as long. */
  units: number;
  /** Shanghai midnight of the day it should run out: the day of lastAt + medianDays (rounded to a day). */
  dueAt: number;
  cycle: ItemCycle;
}

/**
 * Each non-weak customer's expected replenishment per item (last valid purchase of the item + its cycle),
 * those due within [now - graceDays, now + withinDays] (defaults 3 and 7), soonest first. `nicks` maps
 * customerKey → nick (the latest order's nick when missing).
 *
 * The window is in Shanghai calendar days and inclusive: due today, up to `withinDays` days ahead, or up
 * to `graceDays` days overdue. Items without a cycle in `cycles` are skipped. Ties: customerKey, itemId.
 */
export function replenishmentDue(
  orders: Iterable<Order>,
  cycles: ReadonlyMap<string, ItemCycle>,
  nicks: ReadonlyMap<string, string>,
  now: number,
  withinDays = 7,
  graceDays = 3,
): Replenishment[] {
  // Sizes as the cycles decided them (over the whole shop), not from these orders alone.
  return dueOf(collect(orders, (id) => cycles.get(id)?.unitGrams), cycles, nicks, now, withinDays, graceDays);
}

function dueOf(
  { byCustomer, nicks: seen }: Purchases,
  cycles: ReadonlyMap<string, ItemCycle>,
  nicks: ReadonlyMap<string, string>,
  now: number,
  withinDays: number,
  graceDays: number,
): Replenishment[] {
  const today = shanghaiDay(now);
  const out: Replenishment[] = [];
  for (const [customerKey, items] of byCustomer) {
    for (const [itemId, list] of items) {
      const cycle = cycles.get(itemId);
      if (!cycle) continue;
      const last = joined(list.sort((a, b) => a.at - b.at)).at(-1)!;
      const lastAt = last.at;
      const units = Math.round(last.amount * 100) / 100;
      const dueDay = shanghaiDay(lastAt) + Math.round(cycle.medianDays * last.amount);
      if (dueDay < today - graceDays || dueDay > today + withinDays) continue;
      out.push({
        customerKey,
        nick: nicks.get(customerKey) ?? seen.get(customerKey)?.[0] ?? '',
        itemId,
        title: cycle.title,
        lastAt,
        units,
        dueAt: shanghaiMidnight(dueDay),
        cycle,
      });
    }
  }
  return out.sort((a, b) => a.dueAt - b.dueAt || a.customerKey.localeCompare(b.customerKey) || a.itemId.localeCompare(b.itemId));
}

export interface RestockRow {
  itemId: string;
  title: string;
  /** Returning buyers whose last purchase of the item should run out in the window. */
  buyers: number;
  /** The pieces they would buy again: each buyer's last purchase of it, in units (whole pieces, rounded up). */
  pieces: number;
}

/**
 * The restock figure (备货): per item, the returning buyers expected to buy it again in the next `days`
 * days (their last purchase runs out then, replenishmentDue) and the pieces that takes, most first.
 * A buyer who last bought 2 cans is expected to buy 2 again.
 */
export function restockForecast(due: readonly Replenishment[]): RestockRow[] {
  const rows = new Map<string, RestockRow>();
  for (const r of due) {
    const row = rows.get(r.itemId) ?? { itemId: r.itemId, title: r.title, buyers: 0, pieces: 0 };
    row.buyers++;
    row.pieces += Math.max(1, Math.ceil(r.units - 1e-9));
    rows.set(r.itemId, row);
  }
  return [...rows.values()].sort((a, b) => b.pieces - a.pieces || b.buyers - a.buyers || a.itemId.localeCompare(b.itemId));
}

/** The restock window: the next 14 days. */
export const RESTOCK_DAYS = 14;
