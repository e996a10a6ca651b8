import { describe, expect, it } from 'vitest';
import { trainModel } from './ngram-model';
import { analyseReview, ratingSentiment, readText, reviewUrgency, type UrgencyInput } from './review-analysis';
import type { ReviewAnalysis } from './types';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 4);

describe('reading a review', () => {
  it('a 5-star review whose text complains is a hidden complaint (隐藏差评), with what it complains about', () => {
    const a = analyseReview({ text: '东西还行，就是快递太慢了，等了五天', rating: 5 });
    expect(a).toMatchObject({ sentiment: 'neg', textSentiment: 'neg', hidden: true, complaints: ['logistics'], appendWorse: false, by: 'lexicon' });
  });

  it('系统默认好评 followed by a bad 追评: hidden, and the 追评 turned bad', () => {
    const a = analyseReview({ text: '', appendText: '用了两天就坏了，质量太差', rating: null, defaultPositive: true });
    expect(a).toMatchObject({ sentiment: 'neg', hidden: true, appendWorse: true });
    expect(a.complaints).toContain('quality');
  });

  it('a good review that turns bad in its 追评', () => {
    const a = analyseReview({ text: '很好，包装也精致', appendText: '洗了一次就掉色了，失望', rating: 5 });
    expect(a).toMatchObject({ sentiment: 'neg', hidden: true, appendWorse: true });
  });

  it('the buyer\'s own 差评 and 中评 stand whatever the words', () => {
    expect(analyseReview({ text: '还行', rating: 1 }).sentiment).toBe('neg');
    expect(analyseReview({ text: '挺好的', rating: 3 }).sentiment).toBe('neu');
    expect(analyseReview({ text: '挺好的', rating: 3 }).hidden).toBe(false);
  });

  it('a plain good review: praise, no complaint, nothing hidden', () => {
    const a = analyseReview({ text: '物流很快，包装很好，茶也香', rating: 5 });
    expect(a).toMatchObject({ sentiment: 'pos', hidden: false, appendWorse: false, complaints: [] });
    expect(a.aspects).toContainEqual({ aspect: 'logistics', polarity: '+' });
  });

  it('no text: the rating, the platform\'s reading, 系统默认好评, else neutral', () => {
    expect(analyseReview({ text: '', rating: 4 })).toMatchObject({ sentiment: 'pos', textSentiment: null, praise: null });
    expect(analyseReview({ text: '', rating: null, platformSentiment: 'neg' }).sentiment).toBe('neg');
    expect(analyseReview({ text: '', rating: null, defaultPositive: true }).sentiment).toBe('pos');
    expect(analyseReview({ text: '', rating: null }).sentiment).toBe('neu');
    expect(ratingSentiment({ rating: null })).toBeNull();
  });

  it('千牛 (no stars): the text decides over the platform\'s guess, which is no rating (not a hidden complaint)', () => {
    expect(analyseReview({ text: '质量太差了，不建议买', rating: null, platformSentiment: 'pos' })).toMatchObject({ sentiment: 'neg', hidden: false });
  });

  it('a text that says nothing either way leaves a good rating as it is', () => {
    expect(analyseReview({ text: '收到了', rating: 5 })).toMatchObject({ sentiment: 'pos', textSentiment: 'neu', hidden: false });
    expect(analyseReview({ text: '', appendText: '还没用', rating: null, platformSentiment: 'pos' }).sentiment).toBe('pos');
  });

  it('a neutral 追评 is not a worse one', () => {
    expect(analyseReview({ text: '很好，茶很香', appendText: '用了一周了', rating: 5 })).toMatchObject({ sentiment: 'pos', appendWorse: false });
  });

  it('with a learned model the text is read by the model', () => {
    const ex = Array.from({ length: 40 }, (_, i) => [{ text: `第${i}回，很好`, label: 1 as const }, { text: `第${i}回，很差`, label: 0 as const }]).flat();
    const model = trainModel(ex);
    expect(readText('很好', model)).toMatchObject({ sentiment: 'pos', by: 'model' });
    expect(analyseReview({ text: '很差', rating: 5 }, model)).toMatchObject({ sentiment: 'neg', hidden: true, by: 'model' });
  });
});

const bad: ReviewAnalysis = {
  sentiment: 'neg', textSentiment: 'neg', praise: 0.1, aspects: [{ aspect: 'logistics', polarity: '-' }, { aspect: 'damage', polarity: '-' }],
  complaints: ['logistics', 'damage'], hidden: false, appendWorse: false, by: 'lexicon',
};
const base: UrgencyInput = { analysis: bad, writtenAt: NOW - DAY, replied: false, replyWindowDays: 30, buyerOrders: 1, now: NOW };

describe('urgency', () => {
  it('the worked example: 1-star, logistics and damage, yesterday, unreplied, first-time buyer → 75', () => {
    expect(reviewUrgency(base)).toEqual({ score: 75, reasons: ['negative', 'complaints', 'recent'], replyBy: NOW + 29 * DAY, daysLeft: 29, done: false });
  });

  it('a closing window and a returning buyer come first', () => {
    const u = reviewUrgency({ ...base, writtenAt: NOW - 29 * DAY, buyerOrders: 3 });
    expect(u.daysLeft).toBe(1);
    // Days are China's calendar days: written at 23:00 on the 1st (Shanghai), the window closes at
    // 23:00 on the 31st; at 01:00 on the 31st it is the last day.
    const written = Date.UTC(2026, 9, 1, 15);
    expect(reviewUrgency({ ...base, writtenAt: written, now: Date.UTC(2026, 9, 30, 17) }).daysLeft).toBe(0);
    expect(reviewUrgency({ ...base, writtenAt: written, now: Date.UTC(2026, 9, 30, 15) }).daysLeft).toBe(1);
    expect(u.reasons).toEqual(['negative', 'complaints', 'closing', 'repeatBuyer']);
    expect(u.score).toBe(50 + 10 + 20 + 10);
  });

  it('a hidden complaint outranks a plain 中评; a good review needs nothing', () => {
    const hidden = reviewUrgency({ ...base, analysis: { ...bad, sentiment: 'neg', hidden: true, complaints: ['logistics'] } });
    const neutral = reviewUrgency({ ...base, analysis: { ...bad, sentiment: 'neu', complaints: [] } });
    const good = reviewUrgency({ ...base, analysis: { ...bad, sentiment: 'pos', complaints: [], aspects: [] } });
    expect(hidden.score).toBeGreaterThan(neutral.score);
    expect(good.score).toBe(0);
  });

  it('answered or past the window: done, urgency 0; an unknown window never closes', () => {
    expect(reviewUrgency({ ...base, replied: true })).toMatchObject({ score: 0, done: true });
    expect(reviewUrgency({ ...base, writtenAt: NOW - 31 * DAY })).toMatchObject({ score: 0, done: true, daysLeft: -1 });
    expect(reviewUrgency({ ...base, replyWindowDays: null, writtenAt: NOW - 300 * DAY })).toMatchObject({ done: false, daysLeft: null, replyBy: null });
  });
});

describe('the seller\'s correction and the praising 中评', () => {
  it('a correction replaces the complaints; the praise read stays', () => {
    const read = analyseReview({ text: '物流很快，就是颜色和图片不一样', rating: 2 });
    expect(read.complaints).toEqual(['mismatch']);
    const fixed = analyseReview({ text: '物流很快，就是颜色和图片不一样', rating: 2, aspectCorrection: { complaints: ['quality'], at: 1 } });
    expect(fixed).toMatchObject({ complaints: ['quality'], corrected: true });
    expect(fixed.aspects).toEqual([{ aspect: 'logistics', polarity: '+' }, { aspect: 'quality', polarity: '-' }]);
    // "none of these": an empty correction
    expect(analyseReview({ text: '颜色和图片不一样', rating: 2, aspectCorrection: { complaints: [], at: 1 } }).complaints).toEqual([]);
  });

  it('3 stars over a text that praises is flagged for follow-up; over a lukewarm or complaining text it is not', () => {
    expect(analyseReview({ text: '很好用，很喜欢，推荐', rating: 3 }).praisingMid).toBe(true);
    expect(analyseReview({ text: '还行吧，一般', rating: 3 }).praisingMid).toBeUndefined();
    expect(analyseReview({ text: '很好用，就是物流太慢了', rating: 3 }).praisingMid).toBeUndefined();
    expect(analyseReview({ text: '很好用，很喜欢，推荐', rating: 5 }).praisingMid).toBeUndefined();
  });

  it('the item\'s title tells the product: 坏的 of a fruit is freshness (taste), of a gadget quality', () => {
    expect(analyseReview({ text: '收到货好几个都是坏的', rating: 1, itemTitle: '新鲜水果 红富士苹果 5斤' }).complaints).toEqual(['taste']);
    expect(analyseReview({ text: '收到货好几个都是坏的', rating: 1, itemTitle: 'USB数据线 3条装' }).complaints).toEqual(['quality']);
  });
});
