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
//   or DEFAULT_CYCLE_DAYS when the shop has too few as well.
import { DAY_MS, shanghaiDay, shanghaiMidnight } from './time';
import { isPurchase } from './purchase';
import type { Order } from './types';



export interface ItemCycle {
  itemId: string;
  /** The title of the item's latest valid purchase (titles change; the newest is what the seller sees). */
  title: string;
  /** Median days between consecutive purchases, exact (a half day when the two middle gaps differ by one). */
  medianDays: number;
  /** How many gaps medianDays rests on: the item's own, the shop's (source 'shop'), or 0 (the default). */
  samples: number;
  source: 'item' | 'shop' | 'default';
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

/** Per (customer, item): the purchase times, and per item the latest title. */
interface Purchases {
  /** customerKey → itemId → purchase times (unsorted). */
  byCustomer: Map<string, Map<string, number[]>>;
  /** itemId → [title, at] of its latest valid purchase (by anyone). */
  titles: Map<string, [string, number]>;
  /** customerKey → nick of the latest order seen. */
  nicks: Map<string, [string, number]>;
}

function collect(orders: Iterable<Order>): Purchases {
  const byCustomer = new Map<string, Map<string, number[]>>();
  const titles = new Map<string, [string, number]>();
  const nicks = new Map<string, [string, number]>();
  for (const o of orders) {
    if (!isPurchase(o)) continue;
    // One order listing the same item on two rows (two SKUs) is still one purchase of it.
    const ids = new Set<string>();
    for (const it of o.items) {
      if (it.refunded || !it.itemId) continue;
      ids.add(it.itemId);
      const t = titles.get(it.itemId);
      if (!t || o.createdAt >= t[1]) titles.set(it.itemId, [it.title, o.createdAt]);
    }
    if (o.identity === 'weak' || ids.size === 0) continue;
    const n = nicks.get(o.customerKey);
    if (!n || o.createdAt >= n[1]) nicks.set(o.customerKey, [o.nick, o.createdAt]);
    let items = byCustomer.get(o.customerKey);
    if (!items) byCustomer.set(o.customerKey, (items = new Map()));
    for (const id of ids) {
      const times = items.get(id);
      if (times) times.push(o.createdAt);
      else items.set(id, [o.createdAt]);
    }
  }
  return { byCustomer, titles, nicks };
}

/**
 * Per item: median days between a (non-weak) buyer's consecutive valid purchases of that item (gaps
 * under 1 day ignored: a split order). With fewer than MIN_CYCLE_SAMPLES gaps, the shop-wide median over
 * all items' gaps (source 'shop', when it has MIN_CYCLE_SAMPLES) else DEFAULT_CYCLE_DAYS (source
 * 'default'). Only items someone has bought again get a cycle: an item nobody ever repurchased (a
 * stroller, a teapot) is not a consumable, and its buyers get no replenishment reminder.
 */
export function itemCycles(orders: Iterable<Order>): Map<string, ItemCycle> {
  const { byCustomer, titles } = collect(orders);
  const gapsByItem = new Map<string, number[]>();
  const all: number[] = [];
  for (const items of byCustomer.values()) {
    for (const [itemId, times] of items) {
      const gaps = purchaseGaps(times.sort((a, b) => a - b));
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
    if (!gaps) continue;
    if (gaps.length >= MIN_CYCLE_SAMPLES) {
      gaps.sort((a, b) => a - b);
      cycles.set(itemId, { itemId, title, medianDays: median(gaps), samples: gaps.length, source: 'item' });
    } else {
      cycles.set(itemId, { itemId, title, ...shop });
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
  const { byCustomer, nicks: seen } = collect(orders);
  const today = shanghaiDay(now);
  const out: Replenishment[] = [];
  for (const [customerKey, items] of byCustomer) {
    for (const [itemId, times] of items) {
      const cycle = cycles.get(itemId);
      if (!cycle) continue;
      const lastAt = Math.max(...times);
      const dueDay = shanghaiDay(lastAt) + Math.round(cycle.medianDays);
      if (dueDay < today - graceDays || dueDay > today + withinDays) continue;
      out.push({
        customerKey,
        nick: nicks.get(customerKey) ?? seen.get(customerKey)?.[0] ?? '',
        itemId,
        title: cycle.title,
        lastAt,
        dueAt: shanghaiMidnight(dueDay),
        cycle,
      });
    }
  }
  return out.sort((a, b) => a.dueAt - b.dueAt || a.customerKey.localeCompare(b.customerKey) || a.itemId.localeCompare(b.itemId));
}
