// Runtime shapes of what crosses a trust boundary: messages from content scripts (which carry data the
// page could have forged) are checked here before they become records.
// The stored records (utils/db/records.ts, what a backup file is checked against) take their fields
// from these shapes, with wider bounds where a page's are tight.

import { z } from 'zod';
import { MAX_FEN } from './money';

const text = (max: number) => z.string().max(max);
const fen = z.number().int().min(0).max(MAX_FEN);
const time = z.number().int().min(Date.UTC(2000, 0, 1)).max(Date.UTC(2100, 0, 1));

export const platformSchema = z.enum(['taobao', 'pdd', 'douyin', 'jd']);
export const sentimentSchema = z.enum(['pos', 'neu', 'neg']);

export const observedOrderSchema = z.object({
  platform: platformSchema,
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

export { MAX_ORDERS_PER_MESSAGE } from './observed';

export const observedReviewSchema = z.object({
  platform: platformSchema,
  reviewId: z.string().regex(/^[0-9A-Za-z_-]{1,40}$/),
  orderId: z.string().regex(/^[0-9-]{6,40}$/),
  itemId: text(64),
  itemTitle: text(300),
  nick: text(128),
  rating: z.number().int().min(1).max(5).nullable(),
  logisticsScore: z.number().int().min(1).max(5).optional(),
  serviceScore: z.number().int().min(1).max(5).optional(),
  platformSentiment: sentimentSchema.optional(),
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

// The adapters' own last check (the same shapes, without zod, for the content script): utils/crm/observed.ts.
export { invalidOrderReason, invalidReviewReason } from './observed';
