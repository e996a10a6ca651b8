import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fixture } from '@/tests/fixtures';
import { reviewSentiment } from '@/utils/crm/reviews';
import { LaokeDB } from '@/utils/db/schema';
import { ingestOrders } from '@/utils/db/ingest';
import { ingestReviews } from '@/utils/db/reviews';
import { parseSoldJson } from './taobao-sold';
import { parseReviewsJson, qianniuReviews } from './qianniu-reviews';

const page1 = () => JSON.parse(fixture('qianniu-reviews-page1.json')) as Record<string, any>;

describe('千牛 评价管理 (mtop.rm.sellercenter.list.data.pc)', () => {
  it('page and endpoint', () => {
    expect(qianniuReviews.matchesPage(new URL('https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC?current=2'))).toBe(true);
    expect(qianniuReviews.matchesPage(new URL('https://myseller.taobao.com/home.htm/trade-platform/tp/sold'))).toBe(false);
    expect(qianniuReviews.matchesEndpoint('https://h5api.m.taobao.com/h5/mtop.rm.sellercenter.list.data.pc/1.0/?jsv=2.6.1&api=x')).toBe(true);
  });

  it('reads reviews, 追评, the platform\'s sentiment, and drops placeholder text', () => {
    const r = parseReviewsJson(page1());
    if (!r.ok) throw new Error(r.reason);
    expect(r.reviews[0]).toEqual({
      platform: 'taobao', reviewId: '1203456789012', orderId: '4102938475610293847', itemId: '680000000001',
      itemTitle: '云南古树普洱茶饼 357g 2019年春茶', nick: '茶**林', rating: null, platformSentiment: 'neg',
      text: '快递太慢了，等了一个星期', appendText: '后来客服处理了，态度还行', appendDays: 12, mediaCount: 1, createdAt: 1747800000000,
    });
    expect(r.reviews[1]).toMatchObject({ reviewId: '1203456789020', text: '', platformSentiment: 'pos', itemId: '680000000005' });
    expect(r.reviews[2]).toMatchObject({ platformSentiment: 'neu' });
    expect(r.reviews[2]!.appendText).toBeUndefined();
  });

  it('mtop refusals and changed keys are not understood', () => {
    expect(parseReviewsJson({ ret: ['FAIL_SYS_USER_VALIDATE::哎哟喂'], data: {} })).toMatchObject({ ok: false, reason: expect.stringMatching(/FAIL_SYS_USER_VALIDATE/) });
    expect(parseReviewsJson({ ret: ['SUCCESS::调用成功'], data: { list: [] } })).toEqual({ ok: false, reason: 'data.data.dataSource missing' });
    const bad = page1();
    bad.data.data.dataSource[0].orderInfo.mainOrderId = 4102938475610293847;
    expect(parseReviewsJson(bad).ok).toBe(false);
  });

  it.each([
    [{ rating: 5, platformSentiment: 'neg' as const }, 'pos'], [{ rating: 3 }, 'neu'], [{ rating: 1 }, 'neg'],
    [{ rating: null, platformSentiment: 'neg' as const }, 'neg'], [{ rating: null }, 'neu'],
  ])('sentiment of %o is %s (stars first, then the platform)', (r, want) => {
    expect(reviewSentiment({ platformSentiment: undefined, ...r })).toBe(want);
  });
});

describe('reviews are linked to their order\'s buyer, whichever is read first', () => {
  const orders = () => {
    const r = parseSoldJson(JSON.parse(fixture('taobao-sold-page1.json')));
    if (!r.ok) throw new Error(r.reason);
    return r.orders;
  };
  const reviews = () => {
    const r = parseReviewsJson(page1());
    if (!r.ok) throw new Error(r.reason);
    return r.reviews;
  };

  it('orders first: the review finds the buyer at once', async () => {
    const db = new LaokeDB('laoke-reviews-1');
    try {
      await ingestOrders(db, orders(), 1);
      const facts = await ingestReviews(db, reviews(), null, 2);
      expect(facts[0]).toMatchObject({ reviewId: '1203456789012', sentiment: 'neg', aspects: ['logistics'], buyer: { identity: 'strong', orderCount: 2, totalFen: 143200 } });
      expect(facts[2]!.buyer).toBeNull();
      expect(await db.reviews.get(['taobao', '1203456789012'])).toMatchObject({ customerKey: 'taobao:id:AAFx1y2z3ExampleBuyer01' });
    } finally {
      await db.delete();
    }
  });

  it('reviews first: the orders bring the buyer to them', async () => {
    const db = new LaokeDB('laoke-reviews-2');
    try {
      await ingestReviews(db, reviews(), null, 1);
      expect((await db.reviews.toArray()).every((r) => !r.customerKey)).toBe(true);
      await ingestOrders(db, orders(), 2);
      expect(await db.reviews.get(['taobao', '1203456789012'])).toMatchObject({ customerKey: 'taobao:id:AAFx1y2z3ExampleBuyer01' });
      expect(await db.reviews.get(['taobao', '1203456789020'])).toMatchObject({ customerKey: 'taobao:nick:sunny爱喝茶' });
      expect((await db.reviews.get(['taobao', '1203456789030']))!.customerKey).toBeUndefined();
    } finally {
      await db.delete();
    }
  });
});
