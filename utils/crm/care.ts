// Today's list (今日待办), pure: who to call back (回访), whose consumables should be running out
// (补货提醒), and which bad reviews are new. The seller's own practice (shared/SELLERS.md): thank a buyer
// after the 3rd or 4th purchase, ask a multi-item buyer what they need right after the first, and reach out
// about a week before a regular buyer's last purchase runs out.
import { reviewSentiment } from './reviews';
import type { Customer, Review } from './types';

const DAY = 86_400_000;

/** How recent a purchase must be for its callback to be due, and how far a review is "new". */
export const CALLBACK_WINDOW_DAYS = 7;
export const REPLENISH_LEAD_DAYS = 7;
export const NEW_REVIEW_DAYS = 7;

export type CallbackReason = 'loyal_purchase' | 'multi_item_first';

export interface CallbackDue {
  customer: Customer;
  reason: CallbackReason;
}

export interface ReplenishDue {
  customer: Customer;
  /** When the last purchase should run out: last purchase + usual gap. */
  dueAt: number;
}

export interface TodayList {
  callbacks: CallbackDue[];
  replenish: ReplenishDue[];
  badReviews: Review[];
}

/**
 * What is due today. A customer contacted (a recorded campaign, or a callback) after their latest
 * purchase is not listed again. Lists are ordered by what matters first: most spent, soonest due, newest.
 */
export function todayList(
  customers: Iterable<Customer>,
  reviews: Iterable<Review>,
  lastContactedAt: ReadonlyMap<string, number>,
  now: number,
  limit = 20,
): TodayList {
  const callbacks: CallbackDue[] = [];
  const replenish: ReplenishDue[] = [];
  for (const c of customers) {
    const last = c.lastPurchaseAt;
    if (last === undefined || c.orderCount === 0) continue;
    if ((lastContactedAt.get(c.key) ?? -Infinity) >= last) continue;
    if (now - last <= CALLBACK_WINDOW_DAYS * DAY) {
      // Weak (masked) buyers cannot be told apart: their 3rd purchase is unknowable, but a
      // multi-item first order is still a person worth a message.
      if (c.identity !== 'weak' && (c.orderCount === 3 || c.orderCount === 4)) callbacks.push({ customer: c, reason: 'loyal_purchase' });
      else if (c.orderCount === 1 && c.maxPieces >= 2) callbacks.push({ customer: c, reason: 'multi_item_first' });
    }
    if (c.usualGapDays !== undefined && c.orderCount >= 2) {
      const dueAt = last + c.usualGapDays * DAY;
      if (now >= dueAt - REPLENISH_LEAD_DAYS * DAY && now <= dueAt + REPLENISH_LEAD_DAYS * DAY) replenish.push({ customer: c, dueAt });
    }
  }
  const badReviews = [...reviews].filter((r) => reviewSentiment(r) === 'neg' && now - r.createdAt <= NEW_REVIEW_DAYS * DAY);
  callbacks.sort((a, b) => b.customer.totalFen - a.customer.totalFen || a.customer.key.localeCompare(b.customer.key));
  replenish.sort((a, b) => a.dueAt - b.dueAt || a.customer.key.localeCompare(b.customer.key));
  badReviews.sort((a, b) => b.createdAt - a.createdAt || a.reviewId.localeCompare(b.reviewId));
  return { callbacks: callbacks.slice(0, limit), replenish: replenish.slice(0, limit), badReviews: badReviews.slice(0, limit) };
}
