// Reviews (评价) and follow-up reviews (追评), pure: how a reading meets what is stored, and what a review
// row's badge says until Laoke's own review analysis exists.
import type { Customer, IdentityStrength, ObservedReview, Review, Sentiment } from './types';

/** Stars when there are some (4–5 好评, 3 中评, 1–2 差评), else the platform's own reading, else neutral. */
export function reviewSentiment(r: Pick<ObservedReview, 'rating' | 'platformSentiment'>): Sentiment {
  if (r.rating !== null) return r.rating >= 4 ? 'pos' : r.rating === 3 ? 'neu' : 'neg';
  return r.platformSentiment ?? 'neu';
}

/** The stored review after this reading: the newest reading wins (a 追评 arrives later), first seen kept. */
export function mergeReview(existing: Review | undefined, seen: ObservedReview, customerKey: string | undefined, now: number): Review {
  const review: Review = { ...seen, firstSeenAt: existing?.firstSeenAt ?? now, lastSeenAt: now };
  const key = customerKey ?? existing?.customerKey;
  if (key) review.customerKey = key;
  return review;
}

/** What a review row's badge shows. */
export interface ReviewFacts {
  reviewId: string;
  orderId: string;
  itemId: string;
  sentiment: Sentiment;
  /** Aspect ids (logistics, damage, …); empty until the review analysis exists. */
  aspects: string[];
  /** The buyer's figures when the review's order is known; null otherwise. */
  buyer: { identity: IdentityStrength; orderCount: number; totalFen: number } | null;
}

export function reviewFacts(review: Review, customer: Customer | undefined): ReviewFacts {
  return {
    reviewId: review.reviewId,
    orderId: review.orderId,
    itemId: review.itemId,
    sentiment: reviewSentiment(review),
    aspects: [],
    buyer: customer ? { identity: customer.identity, orderCount: customer.orderCount, totalFen: customer.totalFen } : null,
  };
}
