// An after-sales list's cases applied to the orders Laoke already read (utils/crm/after-sales.ts): the
// stored orders are read and their readings ingested in one transaction, so a list page read meanwhile
// cannot be overwritten with what was stored before it. No order is ever created from an after-sales row.
import { afterSaleReadings, type AfterSaleMark } from '@/utils/crm/after-sales';
import type { Order, Platform } from '@/utils/crm/types';
import { ingestOrders, type IngestResult } from './ingest';
import type { LaokeDB } from './schema';

export interface AfterSalesApplied {
  /** Orders named by the cases that Laoke had read. */
  matched: number;
  /** Of those, orders whose refund-under-way mark changed. */
  changed: number;
  /** The ingest's answer for the changed ones (their badge facts), when any changed. */
  result?: IngestResult;
}

export async function applyAfterSales(db: LaokeDB, platform: Platform, cases: readonly AfterSaleMark[], now = Date.now()): Promise<AfterSalesApplied> {
  const ids = [...new Set(cases.map((c) => c.orderId))];
  if (ids.length === 0) return { matched: 0, changed: 0 };
  return db.transaction('rw', [db.orders, db.customers, db.reviews, db.meta, db.links], async () => {
    const stored = (await db.orders.bulkGet(ids.map((id) => [platform, id]))).filter((o): o is Order => !!o);
    const readings = afterSaleReadings(stored, cases);
    if (readings.length === 0) return { matched: stored.length, changed: 0 };
    // Every reading is of a stored order: a new one would mean the order vanished meanwhile, and is refused.
    const result = await ingestOrders(db, readings, now, { admitNew: (n) => n === 0 });
    return { matched: stored.length, changed: readings.length, result };
  });
}
