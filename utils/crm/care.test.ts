import { describe, expect, it } from 'vitest';
import { todayList } from './care';
import type { Customer, Review } from './types';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 22, 4);

function customer(key: string, over: Partial<Customer>): Customer {
  return {
    key, platform: 'taobao', nick: key, identity: 'strong', orderCount: 1, totalFen: 10_000, purchases: ['o'],
    items: [], pieces: 1, maxPieces: 1, itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: 0,
    firstPurchaseAt: now - 2 * DAY, lastPurchaseAt: now - 2 * DAY, ...over,
  };
}

function review(reviewId: string, rating: number, daysAgo: number): Review {
  return {
    platform: 'pdd', reviewId, orderId: 'o', itemId: 'i', itemTitle: '白茶', nick: '阿***', rating, text: '一般',
    mediaCount: 0, createdAt: now - daysAgo * DAY, firstSeenAt: now, lastSeenAt: now,
  };
}

describe("today's list", () => {
  it('calls back after the 3rd or 4th purchase and after a multi-item first order, within a week', () => {
    const list = todayList([
      customer('third', { orderCount: 3, totalFen: 30_000 }),
      customer('fourth', { orderCount: 4, totalFen: 50_000 }),
      customer('fifth', { orderCount: 5 }),
      customer('second', { orderCount: 2 }),
      customer('multi', { maxPieces: 3 }),
      customer('multi-old', { maxPieces: 3, lastPurchaseAt: now - 8 * DAY }),
      customer('masked-third', { orderCount: 3, identity: 'weak' }),
    ], [], new Map(), now);
    expect(list.callbacks.map((c) => [c.customer.key, c.reason])).toEqual([
      ['fourth', 'loyal_purchase'], ['third', 'loyal_purchase'], ['multi', 'multi_item_first'],
    ]);
  });

  it('someone contacted after their latest purchase is not listed again', () => {
    const list = todayList([customer('third', { orderCount: 3 })], [], new Map([['third', now - DAY]]), now);
    expect(list.callbacks).toEqual([]);
  });

  it('replenishment is due from a week before the usual gap runs out to a week after', () => {
    // Bought every 30 days, last 25 days ago: due in 5 days → listed. Last 10 days ago: due in 20 → not yet.
    const list = todayList([
      customer('soon', { orderCount: 4, usualGapDays: 30, lastPurchaseAt: now - 25 * DAY }),
      customer('later', { orderCount: 4, usualGapDays: 30, lastPurchaseAt: now - 10 * DAY }),
      customer('overdue', { orderCount: 2, usualGapDays: 20, lastPurchaseAt: now - 40 * DAY }),
    ], [], new Map(), now);
    expect(list.replenish.map((r) => [r.customer.key, (r.dueAt - now) / DAY])).toEqual([['soon', 5]]);
  });

  it('lists bad reviews (1–2 stars) of the last week, newest first', () => {
    const list = todayList([], [review('a', 1, 3), review('b', 2, 1), review('c', 5, 0), review('d', 1, 9)], new Map(), now);
    expect(list.badReviews.map((r) => r.reviewId)).toEqual(['b', 'a']);
  });
});
