// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixture, setHtml } from '@/tests/fixtures';
import { douyinReviewRows, douyinReviews, parseDouyinReviewsJson } from './douyin-reviews';

const page1 = () => JSON.parse(fixture('douyin-reviews-page1.json')) as { data: Record<string, unknown>[] };

describe('抖店 reviews: page and endpoint', () => {
  it('matches the 评价管理 page and commentList', () => {
    expect(douyinReviews.matchesPage(new URL('https://fxg.jinritemai.com/ffa/maftersale/comment?tab=all'))).toBe(true);
    expect(douyinReviews.matchesPage(new URL('https://fxg.jinritemai.com/ffa/morder/order/list'))).toBe(false);
    expect(douyinReviews.matchesEndpoint('https://fxg.jinritemai.com/product/tcomment/commentList?page=0&pageSize=20')).toBe(true);
    expect(douyinReviews.matchesEndpoint('https://fxg.jinritemai.com/product/tcomment/replyComment')).toBe(false);
  });
});

describe('抖店 commentList JSON', () => {
  it('reads stars, the reply, the order id (the link to the buyer) and seconds as ms', () => {
    const r = parseDouyinReviewsJson(page1());
    if (!r.ok) throw new Error(r.reason);
    expect(r.reviews).toEqual([
      {
        platform: 'douyin', reviewId: '7380000000000000001', orderId: '6928374651029384759', itemId: '3601234567890123460', itemTitle: '紫砂壶',
        nick: '抖***1', rating: 5, text: '壶很漂亮，包装也好', mediaCount: 1, createdAt: 1747919649000, reply: '谢谢亲的喜欢', replied: true,
      },
      {
        platform: 'douyin', reviewId: '7380000000000001', orderId: '6928374651029384757', itemId: '3601234567890123457', itemTitle: '明前龙井 50g',
        nick: '爱***林', rating: 2, text: '快递太慢了，等了五天', mediaCount: 0, createdAt: 1747833249000, replied: false,
      },
      // The placeholder is no text; no shop_reply key: the page does not say whether it was answered.
      {
        platform: 'douyin', reviewId: '7380000000000000003', orderId: '6928374651029384756', itemId: '3601234567890123456', itemTitle: '',
        nick: '', rating: 5, text: '', mediaCount: 0, createdAt: 1747833300000,
      },
    ]);
  });

  it('accepts data.list as well', () => {
    const r = parseDouyinReviewsJson({ code: 0, data: { list: page1().data, total: 3 } });
    expect(r.ok && r.reviews).toHaveLength(3);
  });

  it.each([
    ['a renamed list', { code: 0, data: { comments: [] } }, 'data (review list) missing'],
    ['a refusal', { code: 10008, msg: '登录失效' }, /refused/],
  ])('%s → not understood', (_what, body, reason) => {
    const r = parseDouyinReviewsJson(body);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it.each([
    ['stars out of range', (b: { data: Record<string, unknown>[] }) => { b.data[0]!.rank = 6; }, /data\[0\]\.rank/],
    ['a number for the 19-digit order id', (b: { data: Record<string, unknown>[] }) => { b.data[1]!.order_id = 6928374651029384757; }, /data\[1\]\.order_id/],
    ['ms instead of seconds', (b: { data: Record<string, unknown>[] }) => { b.data[2]!.comment_time = 1747833300000; }, /createdAt|comment_time/],
  ])('%s → not understood, whole page', (_what, change, reason) => {
    const body = page1();
    change(body);
    const r = parseDouyinReviewsJson(body);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

describe('抖店 review rows', () => {
  it('are found by the labelled order number, the innermost element carrying it', () => {
    setHtml(document.body, `<div class="list">
      <div class="row"><div class="meta"><span>订单号：6928374651029384759</span></div><p>壶很漂亮</p></div>
      <div class="row"><div class="meta">订单编号 6928374651029384757</div><p>快递太慢了</p></div>
    </div>`);
    const rows = douyinReviewRows(document);
    expect(rows.map((r) => [r.orderId, r.anchor.tagName, r.place])).toEqual([['6928374651029384759', 'SPAN', 'after'], ['6928374651029384757', 'DIV', 'append']]);
  });
});
