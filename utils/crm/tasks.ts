// Callback tasks (回访), pure: who the seller should contact now, on the schedule sellers keep by hand
// (shared/SELLERS.md) —
// - after a customer's 3rd or 4th purchase, when loyalty is already high (thank them, a coupon, new items);
// - right after a multi-item buyer's (多件客户) first purchase (ask what they need);
// - before an event the seller has planned (tell returning customers in advance);
// - before a Chinese holiday (a personal greeting, one task per customer, the UI groups them);
// - when a consumable should be running out (replenishment, from utils/crm/cycles.ts).
// Each task has an id that stays the same from run to run, so the seller can mark it done, dismiss it or
// snooze it. All windows are Asia/Shanghai calendar days, both ends included.
// Weak identities (a masked nick only) have no known past: only the multi-item-first task applies to them.
import type { Replenishment } from './cycles';
import { shanghaiDay, shanghaiMidnight } from './time';
import { holidaysBetween } from './holidays';
import { shanghaiDate } from './time';
import type { Customer } from './types';

export type TaskKind = 'loyal_purchase' | 'multi_item_first' | 'event' | 'holiday' | 'replenish';
export const TASK_KINDS: readonly TaskKind[] = ['loyal_purchase', 'multi_item_first', 'event', 'holiday', 'replenish'];

/** What the seller did with a task: done and dismissed are final; snoozed hides it until `until`. */
export type TaskState = { state: 'done' | 'dismissed'; at: number } | { state: 'snoozed'; until: number; at: number };

export interface PlannedEvent {
  id: string;
  name: string;
  /** When the event starts, ms. */
  date: number;
  /** Remind this many days before (the event's day counts as day 0). */
  leadDays: number;
}

export interface CallbackTask {
  /**
   * Stable across runs: `${kind}:${customerKey}:${anchor}`. The anchor is the purchase's order id
   * (loyal_purchase, multi_item_first), the event id, `${holidayId}@${YYYY-MM-DD}` (the holiday's day), or
   * `${itemId}@${YYYY-MM-DD}` (the day of the last purchase being replenished).
   */
  id: string;
  kind: TaskKind;
  customerKey: string;
  nick: string;
  /**
   * When it should be done: the last day of the week after the purchase (Shanghai midnight starting it),
   * the event's date, the holiday's day, the day the item should run out.
   */
  dueAt: number;
  detail: { orderCount?: number; pieces?: number; event?: string; holiday?: string; itemTitle?: string; totalFen: number };
}

export interface TaskInputs {
  customers: Iterable<Customer>;
  replenish: readonly Replenishment[];
  events: readonly PlannedEvent[];
  now: number;
  states: ReadonlyMap<string, TaskState>;
  /** Who gets event and holiday greetings: customers with this many valid purchases or more (default 2). */
  greetMinOrders?: number;
}

/** Days after the 3rd/4th or the multi-item first purchase during which the callback is open. */
export const CALLBACK_WINDOW_DAYS = 7;
/** Days before a holiday its greeting opens. */
export const HOLIDAY_LEAD_DAYS = 3;
export const DEFAULT_GREET_MIN_ORDERS = 2;

export function taskId(kind: TaskKind, customerKey: string, anchor: string): string {
  return `${kind}:${customerKey}:${anchor}`;
}

/** Not done, not dismissed, and not snoozed past now. */
export function isTaskOpen(id: string, states: ReadonlyMap<string, TaskState>, now: number): boolean {
  const s = states.get(id);
  if (!s) return true;
  return s.state === 'snoozed' && now >= s.until;
}

/**
 * Open tasks now, most valuable first (totalFen desc, then dueAt, then id): after the 3rd or 4th purchase
 * (on its day and the 7 days after), after a multi-item first purchase (likewise), before a planned event
 * (from leadDays days before its day to its day), before a holiday (from 3 days before to the day; holidays
 * from holidaysBetween), replenishment due (as given: replenishmentDue already chose the window). A task
 * marked done or dismissed never comes back; snoozed comes back once `until` is reached. A customer
 * contacted after the anchor is NOT handled here (the caller filters).
 *
 * The 3rd/4th purchase is the customer's latest (orderCount 3 or 4): once a 5th comes the thanks is past.
 * Greetings (event, holiday) go to non-weak customers with at least greetMinOrders (and at least one)
 * valid purchases.
 */
export function callbackTasks(inputs: TaskInputs): CallbackTask[] {
  const { now, states } = inputs;
  const today = shanghaiDay(now);
  const greetMin = Math.max(1, inputs.greetMinOrders ?? DEFAULT_GREET_MIN_ORDERS);
  const events = inputs.events.filter((e) => {
    const day = shanghaiDay(e.date);
    return today >= day - Math.max(0, e.leadDays) && today <= day;
  });
  const holidays = holidaysBetween(shanghaiMidnight(today), shanghaiMidnight(today + HOLIDAY_LEAD_DAYS + 1));
  const tasks: CallbackTask[] = [];
  const add = (kind: TaskKind, c: Pick<Customer, 'key' | 'nick'>, anchor: string, dueAt: number, detail: CallbackTask['detail']) => {
    const id = taskId(kind, c.key, anchor);
    if (isTaskOpen(id, states, now)) tasks.push({ id, kind, customerKey: c.key, nick: c.nick, dueAt, detail });
  };

  const known = new Map<string, Customer>();
  for (const c of inputs.customers) {
    known.set(c.key, c);
    const last = c.lastPurchaseAt;
    if (c.orderCount <= 0 || last === undefined) continue;
    const strong = c.identity !== 'weak';
    const day = shanghaiDay(last);
    if (today >= day && today <= day + CALLBACK_WINDOW_DAYS) {
      const dueAt = shanghaiMidnight(day + CALLBACK_WINDOW_DAYS);
      const anchor = c.purchases[c.orderCount - 1] ?? `${shanghaiDate(last)}#${c.orderCount}`;
      if (strong && (c.orderCount === 3 || c.orderCount === 4)) {
        add('loyal_purchase', c, anchor, dueAt, { orderCount: c.orderCount, totalFen: c.totalFen });
      } else if (c.orderCount === 1 && c.maxPieces >= 2) {
        add('multi_item_first', c, anchor, dueAt, { orderCount: 1, pieces: c.maxPieces, totalFen: c.totalFen });
      }
    }
    // SELLERS.md: before an event, tell returning and multi-item customers.
    if (strong && c.orderCount >= 1 && (c.orderCount >= greetMin || c.maxPieces >= 2)) {
      for (const e of events) add('event', c, e.id, e.date, { orderCount: c.orderCount, event: e.name, totalFen: c.totalFen });
      for (const h of holidays) {
        add('holiday', c, `${h.id}@${shanghaiDate(h.date)}`, h.date, { orderCount: c.orderCount, holiday: h.name, totalFen: c.totalFen });
      }
    }
  }

  for (const r of inputs.replenish) {
    const c = known.get(r.customerKey);
    if (c?.identity === 'weak') continue;
    const detail: CallbackTask['detail'] = { itemTitle: r.title, totalFen: c?.totalFen ?? 0 };
    if (c) detail.orderCount = c.orderCount;
    add('replenish', { key: r.customerKey, nick: r.nick || c?.nick || '' }, `${r.itemId}@${shanghaiDate(r.lastAt)}`, r.dueAt, detail);
  }

  return tasks.sort((a, b) => b.detail.totalFen - a.detail.totalFen || a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Counts by kind, for the popup. */
export function countTasks(tasks: readonly CallbackTask[]): Record<TaskKind, number> & { total: number } {
  const counts = { loyal_purchase: 0, multi_item_first: 0, event: 0, holiday: 0, replenish: 0, total: 0 };
  for (const t of tasks) {
    counts[t.kind]++;
    counts.total++;
  }
  return counts;
}
