// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixture, setHtml } from '@/tests/fixtures';
import { reviewSentiment } from '@/utils/crm/reviews';
import { parsePddReviewsJson, pddReviewRows, pddReviews } from './pdd-reviews';

const page1 = () => JSON.parse(fixture('pdd-reviews-page1.json')) as Record<string, any>;

describe('Pinduoduo reviews (/saturn/reviews/list)', () => {
  it('page and endpoint', () => {
    expect(pddReviews.matchesPage(new URL('https://mms.pinduoduo.com/goods/evaluation/index'))).toBe(true);
    expect(pddReviews.matchesEndpoint('https://mms.pinduoduo.com/saturn/reviews/list')).toBe(true);
  });

  it('reads stars, seconds, pictures either way, 追评 and its day count', () => {
    const r = parsePddReviewsJson(page1());
    if (!r.ok) throw new Error(r.reason);
    expect(r.reviews[0]).toEqual({
      platform: 'pdd', reviewId: '5712345678901', orderId: '250512-372910458800001', itemId: '412345678902',
      itemTitle: '福建白茶 白牡丹 散茶罐装 100g', nick: '阿***', rating: 1, logisticsScore: 2, serviceScore: 3, text: '收到时盒子压坏了', mediaCount: 2,
      createdAt: 1747526400000, appendText: '后来补发了，谢谢', appendDays: 10, replied: false,
    });
    // The shop's reply is read: drafts learn its wording and never repeat it.
    expect(r.reviews[1]).toMatchObject({ reviewId: '5712345678902', rating: 5, text: '', mediaCount: 1, reply: '谢谢亲', repliedAt: 1747990000000, replied: true });
    expect(r.reviews[2]!.replied).toBeUndefined();
    expect(r.reviews.map(reviewSentiment)).toEqual(['neg', 'pos', 'neu']);
  });

  it('物流 and 服务 scores: a score of another kind is dropped, the review kept', () => {
    const page = page1();
    page.result.data[0].logisticsScore = '4';
    page.result.data[0].serviceScore = 9;
    page.result.data[1].logisticsScore = { v: 5 };
    delete page.result.data[1].serviceScore;
    const r = parsePddReviewsJson(page);
    if (!r.ok) throw new Error(r.reason);
    expect([r.reviews[0]!.logisticsScore, r.reviews[0]!.serviceScore]).toEqual([4, undefined]);
    expect([r.reviews[1]!.logisticsScore, r.reviews[1]!.serviceScore]).toEqual([undefined, undefined]);
  });

  it('refusals and changed keys are not understood', () => {
    expect(parsePddReviewsJson({ success: false, error_code: 54001 }).ok).toBe(false);
    expect(parsePddReviewsJson({ success: true, result: { list: [] } })).toEqual({ ok: false, reason: 'result.data missing' });
    const bad = page1();
    bad.result.data[0].descScore = 6;
    expect(parsePddReviewsJson(bad).ok).toBe(false);
  });

  it('review rows: the group header, keyed by the 订单编号 in the row below', () => {
    setHtml(document.body, `<table><tbody>
      <tr class="TB_bodyGroupHeader_5-120-1"><td colspan="4">阿***  评价时间：2025-05-18 08:00:00</td></tr>
      <tr><td>收到时盒子压坏了</td><td>白茶</td><td>订单编号：250512-372910458800001</td><td><button>回复</button></td></tr>
      <tr class="TB_bodyGroupHeader_5-120-1"><td colspan="4">张***</td></tr>
      <tr><td></td><td>乌龙</td><td>订单编号：250520-372910458812345</td><td></td></tr>
    </tbody></table>`);
    const rows = pddReviewRows(document);
    expect(rows.map((r) => r.orderId)).toEqual(['250512-372910458800001', '250520-372910458812345']);
    expect(rows.every((r) => r.anchor.tagName === 'TD')).toBe(true);
  });
});
