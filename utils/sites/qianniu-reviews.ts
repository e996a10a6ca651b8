// 千牛 评价管理 (reviews to answer). See shared/CONSOLES.md, "Review rows".
// - JSON: mtop POST h5api.m.taobao.com/h5/mtop.rm.sellercenter.list.data.pc/1.0/ → data.data.dataSource[]
// - DOM: Fusion table rows with 订单号：…; the 追评 sits in the next tr.next-table-expanded-row. The rows
//   carry no review id, so reviews are read from the JSON only; the DOM is used to place badges.

import * as z from '@/utils/shape';
import { invalidReviewReason } from '@/utils/crm/observed';
import type { ObservedReview, Sentiment } from '@/utils/crm/types';
import { QIANNIU_REVIEWS_ENDPOINT } from './endpoints';
import { QIANNIU_HOSTS } from './hosts';
import type { ReviewBlock, ReviewListSite, ReviewParseResult } from './types';

const HOSTS = QIANNIU_HOSTS;
const PAGE_PATH = '/home.htm/comment-manage/list/rateWait4PC';
// Texts the platform fills in when the buyer wrote nothing.
const DEFAULT_POSITIVE = '系统默认好评';
const PLACEHOLDERS = new Set(['此用户没有填写评价', DEFAULT_POSITIVE, '此用户没有填写评价。']);
// emotionType.status: 11 正面, 12 中性, 13 负面 (the platform's own guess).
const EMOTION: Record<number, Sentiment> = { 11: 'pos', 12: 'neu', 13: 'neg' };

const id = z.union([z.string().regex(/^\d{1,25}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);
const orderId = z.string().regex(/^\d{6,25}$/, 'order id is not a digit string');
const media = z.array(z.unknown()).optional();
const row = z.object({
  rateContent: z.object({
    mainRate: z.object({ feedId: id, content: z.string().optional(), date: z.number().int().positive(), mediaList: media }),
    appendRate: z.object({ feedId: id.optional(), content: z.string().optional(), days: z.coerce.number().int().min(0).optional(), mediaList: media }).nullable().optional(),
  }),
  emotionType: z.object({ status: z.number().int() }).nullable().optional(),
  userInfo: z.object({ userName: z.string() }).optional(),
  orderInfo: z.object({ orderId: orderId.optional(), mainOrderId: orderId }),
  itemInfo: z.object({ itemId: id, title: z.string() }),
});

const clean = (text: string | undefined) => {
  const t = (text ?? '').trim();
  return PLACEHOLDERS.has(t) ? '' : t;
};

export function parseReviewsJson(body: unknown): ReviewParseResult {
  if (body === undefined) return { ok: false, reason: 'response is not JSON' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'response is not a JSON object' };
  const ret = (body as { ret?: unknown }).ret;
  // mtop answers refusals (login, slider check) in ret: "no data", never "no reviews".
  if (Array.isArray(ret) && ret.some((r) => typeof r === 'string' && !r.startsWith('SUCCESS'))) {
    return { ok: false, reason: `refused (${String(ret[0]).slice(0, 60)})` };
  }
  const rows = (body as { data?: { data?: { dataSource?: unknown } } }).data?.data?.dataSource;
  if (!Array.isArray(rows)) return { ok: false, reason: 'data.data.dataSource missing' };
  const reviews: ObservedReview[] = [];
  for (const [i, raw] of rows.entries()) {
    const parsed = row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: `dataSource[${i}].${issue.path.join('.')}: ${issue.message}` };
    }
    const r = parsed.data;
    const main = r.rateContent.mainRate;
    const append = r.rateContent.appendRate;
    const review: ObservedReview = {
      platform: 'taobao',
      reviewId: main.feedId,
      orderId: r.orderInfo.mainOrderId,
      itemId: r.itemInfo.itemId,
      itemTitle: r.itemInfo.title,
      nick: r.userInfo?.userName ?? '',
      rating: null,
      text: clean(main.content),
      mediaCount: (main.mediaList?.length ?? 0) + (append?.mediaList?.length ?? 0),
      createdAt: main.date,
    };
    if ((main.content ?? '').trim() === DEFAULT_POSITIVE) review.defaultPositive = true;
    const sentiment = r.emotionType ? EMOTION[r.emotionType.status] : undefined;
    if (sentiment) review.platformSentiment = sentiment;
    if (append && clean(append.content)) {
      review.appendText = clean(append.content);
      if (append.days !== undefined) review.appendDays = append.days;
    }
    reviews.push(review);
  }
  const reason = invalidReviewReason(reviews);
  return reason ? { ok: false, reason } : { ok: true, reviews };
}

const ORDER_TEXT = /订单号[：:]\s*(\d{6,25})/;

/** Review rows (not their 追评 rows), keyed by the order number they show. */
export function reviewRows(root: ParentNode): ReviewBlock[] {
  const out: ReviewBlock[] = [];
  for (const tr of root.querySelectorAll('tr.next-table-row')) {
    const m = ORDER_TEXT.exec(tr.textContent ?? '');
    const cell = tr.querySelector('td');
    const itemId = /[?&]id=(\d+)/.exec(tr.querySelector('a[href*="id="]')?.getAttribute('href') ?? '')?.[1] ?? '';
    if (m && cell) out.push({ orderId: m[1]!, itemId, anchor: cell });
  }
  return out;
}

export const qianniuReviews: ReviewListSite = {
  pageKind: 'taobao.reviews',
  platform: 'taobao',
  hosts: HOSTS,
  matchesPage: (url) => HOSTS.includes(url.hostname) && url.pathname.startsWith(PAGE_PATH),
  matchesEndpoint: (url) => QIANNIU_REVIEWS_ENDPOINT.test(url),
  parseJson: parseReviewsJson,
  reviewBlocks: reviewRows,
};
