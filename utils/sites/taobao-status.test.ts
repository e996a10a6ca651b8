import { describe, expect, it } from 'vitest';
import { refundUnderWay, taobaoStatus } from './taobao-status';

describe('Taobao statuses map onto the neutral enum', () => {
  it.each([
    ['WAIT_BUYER_PAY', 'unpaid'],
    ['WAIT_SELLER_SEND_GOODS', 'paid'],
    ['WAIT_BUYER_CONFIRM_GOODS', 'shipped'],
    ['TRADE_FINISHED', 'completed'],
    ['TRADE_CLOSED', 'closed'],
    ['TRADE_CLOSED_BY_TAOBAO', 'closed'],
  ] as const)('%s → %s', (code, status) => expect(taobaoStatus(code, undefined, [false])).toBe(status));

  it.each([
    ['等待买家付款', 'unpaid'],
    ['买家已付款', 'paid'],
    ['买家已付款，等待商家发货', 'paid'],
    ['卖家已发货', 'shipped'],
    ['商家已发货，等待买家确认', 'shipped'],
    ['交易成功', 'completed'],
    ['交易关闭', 'closed'],
    ['订单部分退款中', 'paid'],
    ['待退货', 'shipped'],
  ] as const)('status text %s → %s when the code is missing', (text, status) => {
    expect(taobaoStatus(undefined, text, [false])).toBe(status);
  });

  it('a closed order whose every item shows 退款成功 was paid and refunded', () => {
    expect(taobaoStatus('TRADE_CLOSED', '交易关闭', [true, true])).toBe('refunded');
  });

  it('every item refunded after 交易成功 (the trade stays finished) is refunded, not a purchase', () => {
    expect(taobaoStatus('TRADE_FINISHED', '交易成功', [true])).toBe('refunded');
    expect(taobaoStatus('WAIT_BUYER_CONFIRM_GOODS', undefined, [true, true])).toBe('refunded');
  });

  it('a status code named like an object property is not a status', () => {
    expect(taobaoStatus('constructor', undefined, [false])).toBeNull();
    expect(taobaoStatus('toString', '交易成功', [false])).toBe('completed');
  });

  it('one refunded item of two makes a finished order partially refunded', () => {
    expect(taobaoStatus('TRADE_FINISHED', '交易成功', [false, true])).toBe('partially_refunded');
  });

  it('an unknown code with an unknown text is not understood', () => {
    expect(taobaoStatus('SOMETHING_NEW', '新状态', [false])).toBeNull();
  });
});

describe('a refund under way', () => {
  it.each([
    ['订单部分退款中', true], ['待退货', true], ['请卖家处理', true], ['退款成功', false], ['交易成功', false],
  ])('%s → %s', (text, open) => {
    expect(refundUnderWay([undefined, text])).toBe(open);
  });
});
