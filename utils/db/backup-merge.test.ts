import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '../../tests/support/db';
import { summarizeCustomer } from '@/utils/crm/ingest';
import type { Customer, Order } from '@/utils/crm/types';
import { exportBackup, importBackup } from './backup';
import { MERGE_RULES } from './backup-merge';
import { RECORD_SCHEMAS } from './records';
import { LaokeDB } from './schema';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 4);
const freshDb = freshDbs('laoke-backup-merge-test');

function order(orderId: string, customerKey: string, lastSeenAt: number): Order {
  return {
    platform: 'taobao', orderId, customerKey, identity: 'strong', nick: customerKey.split(':').at(-1)!, createdAt: T0, paidAt: T0 + 60_000,
    status: 'completed', amountFen: 12_800, refundFen: 0,
    items: [{ itemId: `i${orderId}`, title: `白牡丹 ${orderId}`, sku: '100g', quantity: 1, unitFen: 12_800, refunded: false }],
    source: 'json', firstSeenAt: T0, lastSeenAt,
  };
}

function customerOf(o: Order, seller: Pick<Customer, 'tags' | 'notes'>): Customer {
  return { ...summarizeCustomer([o], undefined, T0 + 10 * DAY)!, ...seller };
}

/**
 * Here 小七 is known by nick; the backup (another computer) read the same order later, under the buyer
 * id it proved, and that buyer's record already carries what the seller typed about 小七 there.
 */
async function foldInto(hereNotes: string, provenNotes: string): Promise<Customer | undefined> {
  const other = freshDb();
  const proven = order('6001', 'taobao:id:b7', T0 + 3 * DAY);
  await other.orders.put(proven);
  await other.customers.put(customerOf(proven, { tags: [], notes: provenNotes }));
  const db = freshDb();
  const byNick = order('6001', 'taobao:nick:小七', T0 + DAY);
  await db.orders.put(byNick);
  await db.customers.put(customerOf(byNick, { tags: ['熟客'], notes: hereNotes }));
  expect((await importBackup(db, await exportBackup(other), { mode: 'merge', now: T0 + 40 * DAY })).ok).toBe(true);
  expect(await db.customers.get('taobao:nick:小七')).toBeUndefined();
  return db.customers.get('taobao:id:b7');
}

describe('backup merge', () => {
  it('every store of the schema has a record schema and a merge rule', () => {
    const stores = new LaokeDB('laoke-backup-merge-unopened').tables.map((t) => t.name).sort();
    expect([...RECORD_SCHEMAS.keys()].sort()).toEqual(stores);
    expect([...MERGE_RULES.keys()].sort()).toEqual(stores);
  });

  // Behaviour that changed when the fold became ingest's foldSellerFields (it joined the two notes
  // with a line break whatever they were).
  it('a buyer folded into the proven one: notes it already carries are not repeated', async () => {
    expect(await foldInto('小七要红茶', '已确认身份\n小七要红茶')).toMatchObject({ notes: '已确认身份\n小七要红茶', tags: ['熟客'] });
  });

  it('a buyer folded into the proven one: blank notes add nothing', async () => {
    expect(await foldInto('  ', '已确认身份')).toMatchObject({ notes: '已确认身份', tags: ['熟客'] });
    expect(await foldInto('小七要红茶', '  ')).toMatchObject({ notes: '小七要红茶' });
  });

  it('a buyer folded into the proven one: different notes are both kept, the proven buyer\'s first', async () => {
    expect(await foldInto('小七要红茶', '已确认身份')).toMatchObject({ notes: '已确认身份\n小七要红茶' });
  });
});
