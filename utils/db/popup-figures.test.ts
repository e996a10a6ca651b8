import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ObservedOrder } from '@/utils/crm/types';
import { ingestOrders } from './ingest';
import { forgetPulseSnapshot, popupPulse, readPulseSnapshotRaw, savePulseSnapshot } from './popup-figures';
import { LaokeDB } from './schema';

const DAY = 86_400_000;
// 2026-11-22 12:00 in China.
const NOW = Date.UTC(2026, 10, 22, 4);
let db: LaokeDB;
afterEach(async () => db?.delete());

function order(orderId: string, buyer: string, daysAgo: number, fen = 10_000, extra: Partial<ObservedOrder> = {}): ObservedOrder {
  return {
    platform: 'taobao', orderId, buyer: { id: buyer, nick: buyer }, createdAt: NOW - daysAgo * DAY, status: 'completed',
    amountFen: fen, refundFen: 0, items: [{ itemId: '1', title: '白茶', sku: '', quantity: 1, unitFen: fen, refunded: false }], source: 'json', ...extra,
  };
}

describe('the popup\'s pulse', () => {
  it('today and the last 7 days, worked by hand', async () => {
    db = new LaokeDB('laoke-pulse-1');
    await ingestOrders(db, [
      order('100000001', '小美', 30), // 小美's first purchase, a month ago …
      order('100000002', '小美', 2), // … so this week she is returning
      order('100000003', '阿强', 0), // today, first time: new
      order('100000004', '阿强', 3), // 阿强 earlier this week: his first purchase is inside the window, so new; 2 orders → a repeat buyer in the week
      order('100000005', '王姐', 8), // outside the week
      order('100000006', '小李', 1, 5_000, { status: 'closed' }), // closed: no purchase
    ], NOW);
    const p = await popupPulse(db, NOW);
    // The week: 3 orders (小美 1, 阿强 2), 2 buyers, ¥300; returning 1 of 2 = 50%; repeat 1 of 2.
    expect(p.week).toMatchObject({ orders: 3, buyers: 2, salesFen: 30_000, returningBuyers: 1, returningShare: 0.5, repeatBuyers: 1, repeatRate: 0.5, badReviews: 0 });
    // Today: 阿强's order only. Today's window starts at midnight and his first purchase (3 days ago) is
    // before it: returning today, though new in the week.
    expect(p.today).toMatchObject({ orders: 1, buyers: 1, salesFen: 10_000, returningBuyers: 1, returningShare: 1 });
  });

  it('the running aggregate: read without Dexie, forgotten on ingest, only for the day it was made', async () => {
    db = new LaokeDB('laoke-pulse-2');
    await ingestOrders(db, [order('200000001', '小美', 0)], NOW);
    expect(await readPulseSnapshotRaw('laoke-pulse-2', NOW)).toBeNull();
    await savePulseSnapshot(db, NOW);
    expect((await readPulseSnapshotRaw('laoke-pulse-2', NOW))?.today.orders).toBe(1);
    // Tomorrow the snapshot is yesterday's: not used.
    expect(await readPulseSnapshotRaw('laoke-pulse-2', NOW + DAY)).toBeNull();
    await forgetPulseSnapshot(db);
    expect(await readPulseSnapshotRaw('laoke-pulse-2', NOW)).toBeNull();
    // A database that does not exist is not created by the read.
    expect(await readPulseSnapshotRaw('laoke-pulse-none', NOW)).toBeNull();
    expect((await indexedDB.databases()).some((d) => d.name === 'laoke-pulse-none')).toBe(false);
  });
});
