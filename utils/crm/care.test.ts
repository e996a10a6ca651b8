import { describe, expect, it } from 'vitest';
import { todayList } from './care';
import type { Review } from './types';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 22, 4);

function review(reviewId: string, rating: number, daysAgo: number, text = '一般'): Review {
  return {
    platform: 'pdd', reviewId, orderId: 'o', itemId: 'i', itemTitle: '白茶', nick: '阿***', rating, text,
    mediaCount: 0, createdAt: now - daysAgo * DAY, firstSeenAt: now, lastSeenAt: now,
  };
}

describe("today's new bad reviews", () => {
  it('lists bad reviews (1–2 stars) of the last week, newest first', () => {
    const list = todayList([review('a', 1, 3), review('b', 2, 1), review('c', 5, 0), review('d', 1, 9)], now);
    expect(list.badReviews.map((r) => r.reviewId)).toEqual(['b', 'a']);
  });

  it('a hidden complaint (5 stars, read as 差评) is a bad review too', () => {
    const hidden = { ...review('h', 5, 1, '快递太慢了'), analysis: { sentiment: 'neg', textSentiment: 'neg', praise: 0.1, aspects: [], complaints: ['logistics'], hidden: true, appendWorse: false, by: 'lexicon' } } as Review;
    expect(todayList([hidden, review('c', 5, 0)], now).badReviews.map((r) => r.reviewId)).toEqual(['h']);
  });
});
