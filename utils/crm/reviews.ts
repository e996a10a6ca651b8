// Reviews (评价) and follow-up reviews (追评), pure: how a reading meets what is stored, and what a review
// row's badge says.
import { ratingSentiment } from './review-analysis';
import type { AspectId, Customer, IdentityStrength, ObservedReview, Review, Sentiment } from './types';

/** Laoke's reading when there is one, else the stars (4–5 好评, 3 中评, 1–2 差评), the platform's, neutral. */
export function reviewSentiment(r: Pick<Review, 'rating' | 'platformSentiment' | 'defaultPositive' | 'analysis'>): Sentiment {
  return r.analysis?.sentiment ?? ratingSentiment(r) ?? 'neu';
}

/** The stored review after this reading: the newest reading wins (a 追评 arrives later), first seen kept. */
export function mergeReview(existing: Review | undefined, seen: ObservedReview, customerKey: string | undefined, now: number): Review {
  const review: Review = { ...seen, firstSeenAt: existing?.firstSeenAt ?? now, lastSeenAt: now };
  const handledAt = handledThrough(existing, seen);
  if (handledAt) review.handledAt = handledAt;
  const key = customerKey ?? existing?.customerKey;
  if (key) review.customerKey = key;
  // The seller's correction holds for the text corrected; a changed text (a 追评) is read afresh.
  if (existing?.aspectCorrection && existing.text === seen.text && (existing.appendText ?? '') === (seen.appendText ?? '')) {
    review.aspectCorrection = existing.aspectCorrection;
  }
  return review;
}

/**
 * When the seller handled a review (copied a reply draft for it), as it holds for a later reading of
 * the review: a draft copied for the review as it was does not answer a 追评 that came after it.
 * Shared by mergeReview and a backup's merge (utils/db/backup-merge.ts), which meets two stored copies.
 */
export function handledThrough(earlier: Pick<Review, 'handledAt' | 'appendText'> | undefined, later: Pick<Review, 'appendText'>): number | undefined {
  return earlier?.handledAt && (earlier.appendText ?? '') === (later.appendText ?? '') ? earlier.handledAt : undefined;
}

/** What a review row's badge shows. */
export interface ReviewFacts {
  reviewId: string;
  orderId: string;
  itemId: string;
  sentiment: Sentiment;
  /** Aspects complained about (logistics, damage, …). */
  aspects: AspectId[];
  /** 隐藏差评: a good rating over a complaining text. */
  hidden: boolean;
  /** The buyer's figures when the review's order is known; null otherwise. */
  buyer: { identity: IdentityStrength; orderCount: number; totalFen: number } | null;
}

export function reviewFacts(review: Review, customer: Customer | undefined): ReviewFacts {
  return {
    reviewId: review.reviewId,
    orderId: review.orderId,
    itemId: review.itemId,
    sentiment: reviewSentiment(review),
    aspects: review.analysis?.complaints ?? [],
    hidden: review.analysis?.hidden ?? false,
    buyer: customer ? { identity: customer.identity, orderCount: customer.orderCount, totalFen: customer.totalFen } : null,
  };
}
