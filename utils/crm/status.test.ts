import { describe, expect, it } from 'vitest';
import { isValidStatus, refundUnderWay } from './status';

describe('valid purchases', () => {
  it('only paid, not closed or fully refunded orders are purchases', () => {
    expect(['unpaid', 'paid', 'shipped', 'completed', 'closed', 'refunded', 'partially_refunded'].filter((s) =>
      isValidStatus(s as never))).toEqual(['paid', 'shipped', 'completed', 'partially_refunded']);
  });
});

describe('a refund under way', () => {
  it.each([
    ['订单部分退款中', true], ['待退货', true], ['请卖家处理', true], ['退款成功', false], ['交易成功', false],
  ])('%s → %s', (text, open) => {
    expect(refundUnderWay([undefined, text])).toBe(open);
  });
});
