// The adapters' last check of what they read, before it goes to the background: the same shapes as the
// background's (utils/crm/validate.ts, zod), written with utils/shape.ts so that the content script
// carries no zod (issue 20). utils/crm/observed.test.ts holds the two to the same answers.
// The background checks every message again with zod: this one only spares a round trip and gives the
// seller the reason (页面未识别) on the page.

import * as z from '@/utils/shape';
import { MAX_FEN } from './money';
import type { ObservedOrder, ObservedReview } from './types';

const text = (max: number) => z.string().max(max);
const fen = z.number().int().min(0).max(MAX_FEN);
const time = z.number().int().min(Date.UTC(2000, 0, 1)).max(Date.UTC(2100, 0, 1));
const platform = z.enum(['taobao', 'pdd', 'douyin', 'jd']);
const sentiment = z.enum(['pos', 'neu', 'neg']);

export const MAX_ORDERS_PER_MESSAGE = 500;

export const observedOrderShape = z.object({
  platform,
  orderId: z.string().regex(/^[0-9-]{6,40}$/),
  buyer: z.object({ id: text(128).optional(), nick: text(128), receiver: text(64).optional() }),
  createdAt: time,
  paidAt: time.optional(),
  status: z.enum(['unpaid', 'paid', 'shipped', 'completed', 'closed', 'refunded', 'partially_refunded', 'unknown']),
  amountFen: fen,
  refundFen: fen,
  items: z.array(z.object({
    itemId: text(64),
    title: text(300),
    sku: text(300),
    quantity: z.number().int().min(1).max(1e6),
    unitFen: fen,
    refunded: z.boolean(),
  })).max(200),
  region: text(100).optional(),
  refundOpen: z.boolean().optional(),
  discount: z.object({ shopFen: z.number().int().min(0).max(1e9), platformFen: z.number().int().min(0).max(1e9) }).optional(),
  shippedAt: time.optional(),
  receivedAt: time.optional(),
  buyerMemo: text(500).optional(),
  sellerFlag: z.number().int().min(1).max(5).optional(),
  source: z.enum(['json', 'dom']),
});

export const observedReviewShape = z.object({
  platform,
  reviewId: z.string().regex(/^[0-9A-Za-z_-]{1,40}$/),
  orderId: z.string().regex(/^[0-9-]{6,40}$/),
  itemId: text(64),
  itemTitle: text(300),
  nick: text(128),
  rating: z.number().int().min(1).max(5).nullable(),
  logisticsScore: z.number().int().min(1).max(5).optional(),
  serviceScore: z.number().int().min(1).max(5).optional(),
  platformSentiment: sentiment.optional(),
  text: text(5000),
  appendText: text(5000).optional(),
  appendDays: z.number().int().min(0).max(3650).optional(),
  mediaCount: z.number().int().min(0).max(100),
  createdAt: time,
  defaultPositive: z.boolean().optional(),
  reply: text(2000).optional(),
  repliedAt: time.optional(),
  replied: z.boolean().optional(),
});

/** The adapters' last check for reviews, as invalidOrderReason is for orders. */
export function invalidReviewReason(reviews: ObservedReview[]): string | null {
  for (const [i, r] of reviews.entries()) {
    const parsed = observedReviewShape.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return `review ${i}: ${issue.path.join('.')}: ${issue.message}`;
    }
  }
  return null;
}

/**
 * The adapters' last check: the reason the first order that would not pass the background's validation
 * fails, or null. A page is written whole or not at all.
 */
export function invalidOrderReason(orders: ObservedOrder[]): string | null {
  for (const [i, o] of orders.entries()) {
    const r = observedOrderShape.safeParse(o);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      return `order ${i} (${String(o.orderId).slice(0, 40)}): ${issue.path.join('.')}: ${issue.message}`;
    }
  }
  return null;
}
