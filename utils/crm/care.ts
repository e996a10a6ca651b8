// Today's new bad reviews (新差评), pure: the side panel's 今日待办 lists them beside the callback tasks
// (回访, utils/crm/tasks.ts), which took over the callbacks and replenishment this module once listed.
import { reviewSentiment } from './reviews';
import type { Review } from './types';
import { DAY_MS } from './time';


/** How far back a review is "new". */
export const NEW_REVIEW_DAYS = 7;

export interface TodayList {
  badReviews: Review[];
}

/** Bad reviews (as Laoke reads them, hidden complaints included) of the last week, newest first. */
export function todayList(reviews: Iterable<Review>, now: number, limit = 20): TodayList {
  const badReviews = [...reviews].filter((r) => reviewSentiment(r) === 'neg' && now - r.createdAt <= NEW_REVIEW_DAYS * DAY_MS);
  badReviews.sort((a, b) => b.createdAt - a.createdAt || a.reviewId.localeCompare(b.reviewId));
  return { badReviews: badReviews.slice(0, limit) };
}
