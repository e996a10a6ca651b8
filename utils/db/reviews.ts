// Storing reviews: each is linked, through its order, to the buyer when the order is known.
import { mergeReview, reviewFacts, type ReviewFacts } from '@/utils/crm/reviews';
import type { ObservedReview, Platform, Review } from '@/utils/crm/types';
import type { LaokeDB } from './schema';

export type { ReviewFacts };

export async function ingestReviews(db: LaokeDB, observed: ObservedReview[], now = Date.now()): Promise<ReviewFacts[]> {
  if (observed.length === 0) return [];
  const batch = [...new Map(observed.map((r) => [`${r.platform}\u0000${r.reviewId}`, r])).values()];
  return db.transaction('rw', db.reviews, db.orders, db.customers, async () => {
    const [existing, orders] = await Promise.all([
      db.reviews.bulkGet(batch.map((r) => [r.platform, r.reviewId] as [Platform, string])),
      db.orders.bulkGet(batch.map((r) => [r.platform, r.orderId] as [Platform, string])),
    ]);
    const reviews: Review[] = batch.map((r, i) => mergeReview(existing[i], r, orders[i]?.customerKey, now));
    await db.reviews.bulkPut(reviews);
    const keys = [...new Set(reviews.flatMap((r) => (r.customerKey ? [r.customerKey] : [])))];
    const customers = new Map((await db.customers.bulkGet(keys)).map((c, i) => [keys[i]!, c]));
    return reviews.map((r) => reviewFacts(r, r.customerKey ? customers.get(r.customerKey) : undefined));
  });
}
