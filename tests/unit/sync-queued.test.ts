// When a sync cycle is scheduled (issue 21): the background schedules one a few seconds after a change is
// queued for the server, and only then. A worker asked only to read (badges, the sync page polling its
// state) must not cycle every few seconds: the listener of onQueued is told on writes that queue, never on
// reads, and never while sync is off.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDbs } from '../support/db';
import { ingestOrders, lookupOrderFacts } from '@/utils/db/ingest';
import { saveCustomerNotes } from '@/utils/db/customers';
import { deleteCustomer } from '@/utils/db/privacy';
import { onQueued, setSyncLogging } from '@/utils/db/sync-outbox';
import type { ObservedOrder } from '@/utils/crm/types';

const freshDb = freshDbs('laoke-sync-queued');
const T0 = Date.UTC(2026, 11, 1, 4);
afterEach(() => {
  setSyncLogging(false);
  onQueued(null);
});

const order = (orderId: string, buyerId: string): ObservedOrder => ({
  platform: 'taobao', orderId, buyer: { id: buyerId, nick: 'tea_lover' }, createdAt: T0, paidAt: T0 + 60_000, status: 'completed',
  amountFen: 12_800, refundFen: 0, items: [{ itemId: 'i1', title: '白牡丹 100g', sku: '100g', quantity: 1, unitFen: 12_800, refunded: false }],
  region: '福建省 福州市 鼓楼区', source: 'json',
});

describe('a sync cycle follows a queued change, not a request', () => {
  it('sync on: an ingest, a note and a deletion each tell the listener; reading badge facts and customers tells it nothing', async () => {
    setSyncLogging(true);
    const db = freshDb();
    await db.open();
    let told = 0;
    onQueued(() => told++);

    await ingestOrders(db, [order('3000000000000001001', 'X')], T0);
    expect(told).toBeGreaterThan(0);
    expect(await db.syncOutbox.count()).toBeGreaterThan(0);

    told = 0;
    expect((await lookupOrderFacts(db, 'taobao', ['3000000000000001001']))[0]).toMatchObject({ orderCount: 1 });
    await db.customers.toArray();
    expect(told).toBe(0);

    await saveCustomerNotes(db, 'taobao:id:X', { notes: '过敏体质', tags: ['黑名单'], phone: '' }, T0 + 1);
    expect(told).toBeGreaterThan(0);
    told = 0;
    await deleteCustomer(db, 'taobao:id:X');
    expect(told).toBeGreaterThan(0);
  });

  it('sync off: the same writes queue nothing and tell nothing', async () => {
    const db = freshDb();
    await db.open();
    let told = 0;
    onQueued(() => told++);
    await ingestOrders(db, [order('3000000000000001002', 'Y')], T0);
    await saveCustomerNotes(db, 'taobao:id:Y', { notes: '老客', tags: [], phone: '' }, T0 + 1);
    await deleteCustomer(db, 'taobao:id:Y');
    expect(told).toBe(0);
    expect(await db.syncOutbox.count()).toBe(0);
  });
});
