// The shop's pulse for the popup: today and the last 7 days, read through the date indexes (orders and
// reviews by createdAt) and the customers behind them, never a scan of the whole shop, so the first
// figures show at once however big the shop is. Open callback tasks come counted by the background
// (meta 'taskSummary'), which has the whole shop at hand.
import { lastDays, windowStats, type BuyerFacts, type DateRange, type WindowStats } from '@/utils/crm/pulse';
import { reviewSentiment } from '@/utils/crm/reviews';
import type { TaskKind } from '@/utils/crm/tasks';
import type { LaokeDB } from './schema';

export interface PulseWindow extends WindowStats {
  range: DateRange;
  /** New bad reviews: written in the window, read as 差评 (hidden complaints included). */
  badReviews: number;
}

export interface TaskSummary {
  total: number;
  byKind: Record<TaskKind, number>;
  at: number;
}

export interface PopupPulse {
  today: PulseWindow;
  week: PulseWindow;
  tasks: TaskSummary | null;
}

export async function popupPulse(db: LaokeDB, now = Date.now()): Promise<PopupPulse> {
  const today = lastDays(now, 1);
  const week = lastDays(now, 7);
  return db.transaction('r', db.orders, db.customers, db.reviews, db.meta, async () => {
    const [orders, reviews, tasks] = await Promise.all([
      db.orders.where('createdAt').between(week.from, week.to, true, false).toArray(),
      db.reviews.where('createdAt').between(week.from, week.to, true, false).toArray(),
      db.meta.get('taskSummary'),
    ]);
    const keys = [...new Set(orders.map((o) => o.customerKey))];
    const buyers = new Map<string, BuyerFacts>();
    (await db.customers.bulkGet(keys)).forEach((c, i) => {
      if (c) buyers.set(keys[i]!, { identity: c.identity, firstPurchaseAt: c.firstPurchaseAt });
    });
    const bad = (range: DateRange) => reviews.filter((r) => r.createdAt >= range.from && r.createdAt < range.to && reviewSentiment(r) === 'neg').length;
    return {
      today: { ...windowStats(orders, buyers, today), range: today, badReviews: bad(today) },
      week: { ...windowStats(orders, buyers, week), range: week, badReviews: bad(week) },
      tasks: (tasks?.value as TaskSummary | undefined) ?? null,
    };
  });
}
