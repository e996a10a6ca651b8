import { describe, expect, it } from 'vitest';
import { observedOrderSchema, observedReviewSchema } from '@/utils/crm/validate';
import type { Order, Review } from '@/utils/crm/types';
import { decodeBinary, encodeBinary, orderSchema, reviewSchema } from './records';

const T = Date.UTC(2026, 2, 2);
const order: Order = {
  platform: 'taobao', orderId: '3001', customerKey: 'taobao:id:b1', identity: 'strong', nick: 'b1', createdAt: T,
  status: 'completed', amountFen: 12_800, refundFen: 0,
  items: [{ itemId: 'i1', title: '白牡丹', sku: '100g', quantity: 1, unitFen: 12_800, refunded: false }],
  source: 'json', firstSeenAt: T, lastSeenAt: T,
};
const review: Review = {
  platform: 'taobao', reviewId: 'r1', orderId: '3001', itemId: 'i1', itemTitle: '白牡丹', nick: '小***', rating: 5,
  text: '好', mediaCount: 0, createdAt: T, firstSeenAt: T, lastSeenAt: T,
};

describe('stored records', () => {
  it('an order\'s and a review\'s page fields follow validate.ts: what a page may not send, a backup may not bring', () => {
    for (const [field, value] of [['status', 'lost'], ['source', 'api'], ['amountFen', 1.5], ['discount', { shopFen: -1, platformFen: 0 }]] as const) {
      expect(observedOrderSchema.shape[field].safeParse(value).success, field).toBe(false);
      expect(orderSchema.safeParse({ ...order, [field]: value }).success, field).toBe(false);
    }
    for (const [field, value] of [['rating', 6], ['platformSentiment', 'good'], ['appendDays', 4000]] as const) {
      expect(observedReviewSchema.shape[field].safeParse(value).success, field).toBe(false);
      expect(reviewSchema.safeParse({ ...review, [field]: value }).success, field).toBe(false);
    }
  });

  it('bounds are wider than a page\'s: a record may be older than a bound', () => {
    const old = { ...order, orderId: 'x', createdAt: Date.UTC(1999, 0, 1), items: [{ ...order.items[0]!, quantity: 0, title: '茶'.repeat(500) }] };
    expect(orderSchema.safeParse(old).success).toBe(true);
    expect(reviewSchema.safeParse({ ...review, reviewId: 'r.1', mediaCount: 500, text: '好'.repeat(8000) }).success).toBe(true);
  });

  it('a Float32Array as JSON: {"$f32": base64}, little-endian; other binary data is not a record\'s', () => {
    const w = new Float32Array([1, -2.5, 3e-30]);
    const text = JSON.stringify({ w }, encodeBinary);
    expect(JSON.parse(text)).toEqual({ w: { $f32: Buffer.from(w.buffer).toString('base64') } });
    expect(JSON.parse(text, decodeBinary).w).toEqual(w);
    expect(JSON.parse('{"w":{"$f32":"abc"}}', decodeBinary).w).toEqual({ $f32: 'abc' });
    expect(() => JSON.stringify({ b: new Uint8Array(2) }, encodeBinary)).toThrow();
  });
});
