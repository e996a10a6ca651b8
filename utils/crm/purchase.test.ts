import { describe, expect, it } from 'vitest';
import { isPurchase, isValidStatus, netFen } from './purchase';

describe('valid purchases', () => {
  it('only paid, not closed or fully refunded orders are purchases', () => {
    expect(['unpaid', 'paid', 'shipped', 'completed', 'closed', 'refunded', 'partially_refunded'].filter((s) =>
      isValidStatus(s as never))).toEqual(['paid', 'shipped', 'completed', 'partially_refunded']);
  });
});

describe('a purchase (isPurchase): a valid status and money left after item refunds', () => {
  const order = (status: 'paid' | 'partially_refunded' | 'closed', amountFen: number, refundFen: number) => ({ status, amountFen, refundFen });
  it('worked examples', () => {
    expect(isPurchase(order('paid', 23_800, 0))).toBe(true);
    // ¥136.55 paid, ¥17.15 refunded for one item: a purchase of ¥119.40.
    expect(isPurchase(order('partially_refunded', 13_655, 1_715))).toBe(true);
    expect(netFen(order('partially_refunded', 13_655, 1_715))).toBe(11_940);
    // The paid tea refunded, the ¥0 sample kept: 部分退款 by status, nothing bought.
    expect(isPurchase(order('partially_refunded', 10_000, 10_000))).toBe(false);
    expect(isPurchase(order('closed', 10_000, 0))).toBe(false);
    // A refund recorded above the paid amount never makes spend negative.
    expect(netFen(order('partially_refunded', 5_000, 6_000))).toBe(0);
  });
});
