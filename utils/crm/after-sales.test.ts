import { describe, expect, it } from 'vitest';
import { afterSaleReadings, openByOrder } from './after-sales';
import type { Order } from './types';

const order = (orderId: string, extra: Partial<Order> = {}): Order => ({
  platform: 'douyin', orderId, customerKey: 'douyin:id:U1', identity: 'probable', nick: '小林', buyerId: 'U1',
  createdAt: 1_747_000_000_000, status: 'shipped', amountFen: 12800, refundFen: 0,
  items: [{ itemId: '1', title: '龙井', sku: '', quantity: 1, unitFen: 12800, refunded: false }],
  source: 'json', firstSeenAt: 1, lastSeenAt: 2, statusSeenAt: { shipped: 1 }, ...extra,
});

describe('after-sales marks', () => {
  it('one open case makes the order under way; all ended, none is', () => {
    expect(openByOrder([
      { orderId: 'A', state: 'closed' }, { orderId: 'A', state: 'open' },
      { orderId: 'B', state: 'refunded' }, { orderId: 'B', state: 'closed' },
    ])).toEqual(new Map([['A', true], ['B', false]]));
  });

  it('readings change only the mark of stored orders it changes; the rest of the order is as stored', () => {
    const stored = [order('6920000000000000001'), order('6920000000000000002', { refundOpen: true }), order('6920000000000000003')];
    const readings = afterSaleReadings(stored, [
      { orderId: '6920000000000000001', state: 'open' },
      { orderId: '6920000000000000002', state: 'refunded' },
      // Already not under way: nothing to change.
      { orderId: '6920000000000000003', state: 'closed' },
      // Not read by Laoke: never created from an after-sales row.
      { orderId: '6920000000000000009', state: 'open' },
    ]);
    expect(readings).toEqual([
      {
        platform: 'douyin', orderId: '6920000000000000001', buyer: { id: 'U1', nick: '小林' }, createdAt: 1_747_000_000_000, status: 'shipped',
        amountFen: 12800, refundFen: 0, items: stored[0]!.items, source: 'json', refundOpen: true,
      },
      {
        platform: 'douyin', orderId: '6920000000000000002', buyer: { id: 'U1', nick: '小林' }, createdAt: 1_747_000_000_000, status: 'shipped',
        amountFen: 12800, refundFen: 0, items: stored[1]!.items, source: 'json',
      },
    ]);
  });
});
