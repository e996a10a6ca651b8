// Pinduoduo 评价管理 (goods/evaluation/index). See shared/CONSOLES.md, "Review rows (result.data[])".
// - JSON: POST mms.pinduoduo.com/saturn/reviews/list → result.data[]: descScore stars, comment, append*,
//   reply, replyTime, replyStatus (1 = replied), createTime in unix seconds, masked userName, orderSn.
// - DOM: one group-header row (class TB_bodyGroupHeader_…) per review; the next row holds 订单编号：….
//   No review id on the page: reviews are read from the JSON, the DOM places the badges.
import * as z from '@/utils/shape';
import { invalidReviewReason } from '@/utils/crm/observed';
import type { ObservedReview } from '@/utils/crm/types';
import { PDD_REVIEWS_ENDPOINT } from './endpoints';
import { PDD_MMS_HOSTS } from './hosts';
import type { ReviewBlock, ReviewListSite, ReviewParseResult } from './types';

const HOSTS = PDD_MMS_HOSTS;
const PAGE_PATH = '/goods/evaluation/index';
const SN = /订单编号[：:]\s*(\d{6}-\d{15})/;

const id = z.union([z.string().regex(/^[0-9A-Za-z_-]{1,40}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);
const row = z.object({
  reviewId: id,
  userName: z.string().optional(),
  orderSn: z.string().regex(/^\d{6}-\d{15}$/, 'orderSn is not YYMMDD-15 digits'),
  goodsId: id,
  goodsName: z.string(),
  descScore: z.number().int().min(1).max(5),
  // 物流 and 服务 scores: read leniently (a value of another kind is dropped, the review kept).
  logisticsScore: z.unknown().optional(),
  serviceScore: z.unknown().optional(),
  comment: z.string().optional(),
  createTime: z.number().int().positive(),
  pictureUrls: z.array(z.unknown()).optional(),
  pictures: z.array(z.unknown()).optional(),
  append: z.union([z.literal(0), z.literal(1)]).optional(),
  appendComment: z.string().nullable().optional(),
  appendCreateTime: z.number().int().nullable().optional(),
  reply: z.string().nullable().optional(),
  replyTime: z.number().int().nonnegative().nullable().optional(),
  replyStatus: z.number().int().nullable().optional(),
});

/** A 1–5 score (number or digit text); anything else, none. */
function score(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[1-5]$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
}

export function parsePddReviewsJson(body: unknown): ReviewParseResult {
  if (body === undefined) return { ok: false, reason: 'response is not JSON' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'response is not a JSON object' };
  const b = body as Record<string, unknown>;
  if (b.success === false || b.error_code != null) return { ok: false, reason: `refused (${String(b.error_code ?? b.errorCode ?? 'success=false')})` };
  const rows = (b.result as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(rows)) return { ok: false, reason: 'result.data missing' };
  const reviews: ObservedReview[] = [];
  for (const [i, raw] of rows.entries()) {
    const parsed = row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: `data[${i}].${issue.path.join('.')}: ${issue.message}` };
    }
    const r = parsed.data;
    const review: ObservedReview = {
      platform: 'pdd', reviewId: r.reviewId, orderId: r.orderSn, itemId: r.goodsId, itemTitle: r.goodsName,
      nick: r.userName ?? '', rating: r.descScore, text: (r.comment ?? '').trim(),
      mediaCount: (r.pictureUrls ?? r.pictures ?? []).length, createdAt: r.createTime * 1000,
    };
    const logistics = score(r.logisticsScore);
    if (logistics !== undefined) review.logisticsScore = logistics;
    const service = score(r.serviceScore);
    if (service !== undefined) review.serviceScore = service;
    const appendText = (r.appendComment ?? '').trim();
    if (r.append === 1 && appendText) {
      review.appendText = appendText;
      if (r.appendCreateTime) review.appendDays = Math.max(0, Math.floor((r.appendCreateTime - r.createTime) / 86_400));
    }
    // The shop's own reply: Laoke learns the seller's wording from it and never repeats it in a draft.
    const reply = (r.reply ?? '').trim();
    if (reply) review.reply = reply;
    if (r.replyTime) review.repliedAt = r.replyTime * 1000;
    if (r.replyStatus != null || reply) review.replied = r.replyStatus === 1 || !!reply;
    reviews.push(review);
  }
  const reason = invalidReviewReason(reviews);
  return reason ? { ok: false, reason } : { ok: true, reviews };
}

/** Review groups: the header row, its badge in the header's first cell, keyed by the order number below. */
export function pddReviewRows(root: ParentNode): ReviewBlock[] {
  const out: ReviewBlock[] = [];
  for (const head of root.querySelectorAll('tr[class*="TB_bodyGroupHeader_"]')) {
    const next = head.nextElementSibling;
    const sn = SN.exec(`${head.textContent ?? ''} ${next?.textContent ?? ''}`)?.[1];
    const cell = head.querySelector('td, th');
    if (sn && cell) out.push({ orderId: sn, itemId: '', anchor: cell });
  }
  return out;
}

export const pddReviews: ReviewListSite = {
  pageKind: 'pdd.reviews',
  platform: 'pdd',
  hosts: HOSTS,
  matchesPage: (url) => HOSTS.includes(url.hostname) && url.pathname.startsWith(PAGE_PATH),
  matchesEndpoint: (url) => PDD_REVIEWS_ENDPOINT.test(url),
  parseJson: parsePddReviewsJson,
  reviewBlocks: pddReviewRows,
};
