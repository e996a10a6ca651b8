// The one Dexie schema. Every extension-origin context (background, popup, dashboard) imports this
// module; content scripts never do — their IndexedDB would belong to the console's site.
//
// Contract (shared/DESIGN.md): database `laoke` with stores `customers`, `orders`, `reviews`.
// Index only what is queried with `where`; never index long text.

import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Customer, Order, Platform, Review } from '@/utils/crm/types';

export const DB_NAME = 'laoke';

export type ReviewRecord = Review;

/** Parser health of one page kind: when it was last read and whether it was understood. */
export interface HealthRecord {
  pageKind: string;
  lastSeenAt: number;
  lastOk: boolean;
  lastRows: number;
  lastReason?: string;
  okCount: number;
  failCount: number;
}

export class LaokeDB extends Dexie {
  customers!: EntityTable<Customer, 'key'>;
  orders!: Table<Order, [Platform, string]>;
  reviews!: Table<ReviewRecord, [Platform, string]>;
  health!: EntityTable<HealthRecord, 'pageKind'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      customers: 'key, [platform+nick]',
      orders: '[platform+orderId], customerKey',
      reviews: '[platform+reviewId], orderId, customerKey',
      health: 'pageKind',
    });
  }
}

let shared: LaokeDB | undefined;
/** The extension's database, opened once per context. */
export function db(): LaokeDB {
  shared ??= new LaokeDB();
  return shared;
}
