import { describe, expect, it } from 'vitest';
import { examplesFromReviews, labelOfReview, labelOfStars, shouldRetrain } from './review-learning';

describe('what the model learns from', () => {
  it('stars: 4–5 praise, 1–2 complaint, a 中评 teaches nothing', () => {
    expect([1, 2, 3, 4, 5, 0, 2.5].map(labelOfStars)).toEqual([0, 0, null, 1, 1, null, null]);
  });

  it('千牛 shows no stars: the platform\'s own reading is the label; no text, no lesson', () => {
    expect(labelOfReview({ rating: null, platformSentiment: 'neg', text: '太慢' })).toBe(0);
    expect(labelOfReview({ rating: null, platformSentiment: 'neu', text: '还行' })).toBeNull();
    expect(labelOfReview({ rating: 5, text: '' })).toBeNull();
    expect(examplesFromReviews([{ rating: 5, text: '好' }, { rating: 3, text: '一般' }, { rating: 1, text: '差' }])).toEqual([
      { text: '好', label: 1 }, { text: '差', label: 0 },
    ]);
  });

  it('learns first at 20 of each, then again when the labelled reviews grew by a tenth (at least 20)', () => {
    expect(shouldRetrain(null, { pos: 100, neg: 19 })).toBe(false);
    expect(shouldRetrain(null, { pos: 20, neg: 20 })).toBe(true);
    expect(shouldRetrain({ pos: 20, neg: 20 }, { pos: 39, neg: 20 })).toBe(false);
    expect(shouldRetrain({ pos: 20, neg: 20 }, { pos: 40, neg: 20 })).toBe(true);
    // 1,000 learned: the next run after 100 more.
    expect(shouldRetrain({ pos: 800, neg: 200 }, { pos: 899, neg: 200 })).toBe(false);
    expect(shouldRetrain({ pos: 800, neg: 200 }, { pos: 880, neg: 220 })).toBe(true);
  });
});

describe('hidden complaints teach nothing', () => {
  it('5 stars over a text that plainly complains is left out; 5 stars over praise or a mild remark is praise', () => {
    expect(labelOfReview({ rating: 5, text: '质量太差了，快递也慢' })).toBeNull();
    expect(labelOfReview({ rating: 5, text: '很好喝' })).toBe(1);
    expect(labelOfReview({ rating: 5, text: '收到了，还没喝' })).toBe(1);
    expect(labelOfReview({ rating: 1, text: '质量太差了' })).toBe(0);
  });
});
