import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LaokeDB } from './schema';
import { ingestOrders } from './ingest';
import { applyAfterSales } from './after-sales';
import type { ObservedOrder } from '@/utils/crm/types';

const order = (orderId: string, extra: Partial<ObservedOrder> = {}): ObservedOrder => ({
  platform: 'douyin', orderId, buyer: { id: 'U1', nick: '小林' }, createdAt: 1_747_000_000_000, status: 'shipped',
  amountFen: 12800, refundFen: 0, items: [{ itemId: '1', title: '龙井', sku: '', quantity: 1, unitFen: 12800, refunded: false }],
  source: 'json', ...extra,
});

let db: LaokeDB | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('applyAfterSales', () => {
  it('marks a stored order under way and its buyer with it; a settled case clears it; unknown orders are never created', async () => {
    db = new LaokeDB(`laoke-after-sales-${Math.random()}`);
    await ingestOrders(db, [order('6920000000000000001'), order('6920000000000000002', { createdAt: 1_746_000_000_000 })], 1_000);
    const open = await applyAfterSales(db, 'douyin', [
      { orderId: '6920000000000000001', state: 'open' }, { orderId: '6920000000000000009', state: 'open' },
    ], 2_000);
    expect(open).toMatchObject({ matched: 1, changed: 1 });
    expect((await db.orders.get(['douyin', '6920000000000000001']))?.refundOpen).toBe(true);
    expect(await db.orders.get(['douyin', '6920000000000000009'])).toBeUndefined();
    const c = (await db.customers.toArray())[0]!;
    // A refund asked for is no refund made: the purchases still count.
    expect(c).toMatchObject({ key: 'douyin:id:U1', refundOpen: true, orderCount: 2, totalFen: 25600 });
    // The same page read again changes nothing.
    expect(await applyAfterSales(db, 'douyin', [{ orderId: '6920000000000000001', state: 'open' }], 3_000)).toMatchObject({ changed: 0 });
    const closed = await applyAfterSales(db, 'douyin', [{ orderId: '6920000000000000001', state: 'closed' }], 4_000);
    expect(closed).toMatchObject({ matched: 1, changed: 1 });
    expect((await db.orders.get(['douyin', '6920000000000000001']))?.refundOpen).toBeUndefined();
    expect((await db.customers.toArray())[0]).toMatchObject({ refundOpen: false, orderCount: 2 });
    // Another platform's order of the same number is not touched.
    expect(await applyAfterSales(db, 'jd', [{ orderId: '6920000000000000002', state: 'open' }], 5_000)).toMatchObject({ matched: 0, changed: 0 });
  });
});
