// 抖店 评价管理 (fxg.jinritemai.com/ffa/maftersale/comment). See shared/CONSOLES.md, "Douyin 抖店".
// Sources (public code only, no live page seen): papysans/dystoretools (its scrape spec of
// GET /product/tcomment/commentList), zsmhub/doudian-sdk (the open platform's comment fields, OP).
// - JSON: GET /product/tcomment/commentList → data[] (some versions data.list[]): id, order_id (the
//   shop_order_id the order list shows: the link to the buyer), product_id, content, comment_time (unix
//   seconds), rank 1–5 stars, shop_reply, user_name (masked).
// - DOM: no public description. The rows carry no review id: reviews are read from the JSON only; badges
//   find their row by the order number's text (utils/sites/anchor.ts).
import * as z from '@/utils/shape';
import { invalidReviewReason } from '@/utils/crm/observed';
import type { ObservedReview } from '@/utils/crm/types';
import { DOUYIN_REVIEWS_ENDPOINT } from './endpoints';
import { DOUYIN_HOSTS } from './hosts';
import { quoted } from './result';
import type { ReviewBlock, ReviewListSite, ReviewParseResult } from './types';

const HOSTS = DOUYIN_HOSTS;
const PAGE_PATH = '/ffa/maftersale/comment';
const ORDER_TEXT = /订单(?:编?号|ID)[：:]?\s*(\d{19})(?!\d)/;
// Texts the platform fills in when the buyer wrote nothing.
const PLACEHOLDERS = new Set(['该用户未填写评价内容', '用户未填写评价内容', '此用户没有填写评价', '系统默认好评']);

const id = z.union([z.string().regex(/^[0-9A-Za-z_-]{1,40}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);
const row = z.object({
  id,
  // 19 digits, beyond 2^53: a number would have lost digits.
  order_id: z.string().regex(/^\d{16,20}$/, 'order_id is not a 19-digit string'),
  product_id: id,
  product_name: z.string().optional(),
  content: z.string().nullable().optional(),
  comment_time: z.number().int().positive(),
  rank: z.union([z.number().int().min(1).max(5), z.string().regex(/^[1-5]$/).transform(Number)]),
  shop_reply: z.string().nullable().optional(),
  user_name: z.string().optional(),
  // 图片: read leniently (a count only).
  photos: z.unknown().optional(),
  pics: z.unknown().optional(),
});

function rowsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (typeof data === 'object' && data !== null && Array.isArray((data as { list?: unknown }).list)) return (data as { list: unknown[] }).list;
  return null;
}

const clean = (s: string | null | undefined) => {
  const text = (s ?? '').trim();
  return PLACEHOLDERS.has(text) ? '' : text;
};

export function parseDouyinReviewsJson(body: unknown): ReviewParseResult {
  if (body === undefined) return { ok: false, reason: 'response is not JSON' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'response is not a JSON object' };
  const b = body as Record<string, unknown>;
  if (b.code !== undefined && b.code !== 0 && b.code !== '0') return { ok: false, reason: `refused (code ${quoted(b.code)})` };
  const rows = rowsOf(b.data);
  if (!rows) return { ok: false, reason: 'data (review list) missing' };
  const reviews: ObservedReview[] = [];
  for (const [i, raw] of rows.entries()) {
    const parsed = row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: `data[${i}].${issue.path.join('.')}: ${issue.message}` };
    }
    const r = parsed.data;
    const photos = Array.isArray(r.photos) ? r.photos : Array.isArray(r.pics) ? r.pics : [];
    const review: ObservedReview = {
      platform: 'douyin', reviewId: r.id, orderId: r.order_id, itemId: r.product_id, itemTitle: (r.product_name ?? '').slice(0, 300),
      nick: (r.user_name ?? '').slice(0, 128), rating: r.rank, text: clean(r.content).slice(0, 5000),
      mediaCount: Math.min(photos.length, 100), createdAt: r.comment_time * 1000,
    };
    // The shop's own reply: the page says whether the review was answered by showing it.
    const reply = (r.shop_reply ?? '').trim();
    if (reply) review.reply = reply.slice(0, 2000);
    if (r.shop_reply !== undefined) review.replied = !!reply;
    reviews.push(review);
  }
  const reason = invalidReviewReason(reviews);
  return reason ? { ok: false, reason } : { ok: true, reviews };
}

/** Review rows by their labelled order number: the smallest element whose text carries it. */
export function douyinReviewRows(root: ParentNode): ReviewBlock[] {
  const out: ReviewBlock[] = [];
  const seen = new Set<Element>();
  for (const el of root.querySelectorAll('td, div, li, span, p')) {
    const m = ORDER_TEXT.exec(el.textContent ?? '');
    if (!m) continue;
    // Only the innermost element carrying the label and number.
    if ([...el.children].some((c) => ORDER_TEXT.test(c.textContent ?? ''))) continue;
    if (seen.has(el)) continue;
    seen.add(el);
    out.push({ orderId: m[1]!, itemId: '', anchor: el, place: /^(SPAN|A)$/.test(el.tagName) ? 'after' : 'append' });
  }
  return out;
}

export const douyinReviews: ReviewListSite = {
  pageKind: 'douyin.reviews',
  platform: 'douyin',
  hosts: HOSTS,
  matchesPage: (url) => HOSTS.includes(url.hostname) && url.pathname.startsWith(PAGE_PATH),
  matchesEndpoint: (url) => DOUYIN_REVIEWS_ENDPOINT.test(url),
  parseJson: parseDouyinReviewsJson,
  reviewBlocks: douyinReviewRows,
};
