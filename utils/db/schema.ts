// The one Dexie schema. Every extension-origin context (background, popup, dashboard) imports this
// module; content scripts never do — their IndexedDB would belong to the console's site.
//
// Contract (shared/DESIGN.md): database `laoke` with stores `customers`, `orders`, `reviews`.
// Index only what is queried with `where`; never index long text.

import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import { upgradedCustomer } from '@/utils/crm/ingest';
import type { NgramModel } from '@/utils/crm/ngram-model';
import type { Forecast } from '@/utils/crm/forecast';
import type { PlannedEvent, TaskState } from '@/utils/crm/tasks';
import type { Campaign, Customer, Order, Platform, Review } from '@/utils/crm/types';
import type { CareAction } from '@/utils/crm/order-care';
import type { CustomerLink } from '@/utils/crm/links';
import { dataVersionMiddleware } from './data-version';
import { digestMiddleware, REBUILD_BASES, type DigestBase, type DigestLogEntry } from './digest';
import { setSyncLogging, syncOutboxMiddleware, type OutboxEntry } from './sync-outbox';

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
  /** Values the last good reading did not know (new status texts), kept as status `unknown`. */
  lastUnknown?: string[];
  /** Of the last list shown, how many orders were read and how many had no row found on the page. */
  lastPlaced?: { read: number; missing: number };
  /** The last failure's diagnosis (the response's shape, no value): the popup's 复制诊断信息. */
  lastDiagnosis?: string;
}

/** Version 1 (issues 2–3), kept so the migration test can create a database as it was released. */
export const STORES_V1 = {
  customers: 'key, [platform+nick]',
  orders: '[platform+orderId], customerKey',
  reviews: '[platform+reviewId], orderId, customerKey',
  health: 'pageKind',
} as const;

/** Product knowledge the seller enters per item (usage, care, sizing tips), used in reply drafts. */
export interface KnowledgeRecord {
  platform: Platform;
  itemId: string;
  itemTitle: string;
  text: string;
  /** One unit lasts this many days (the seller's word): replenishment times by it (utils/crm/cycles.ts). */
  unitDays?: number;
  updatedAt: number;
}

/**
 * A reply of the shop's (评价回复): seen on a review page (Pinduoduo shows them) or a draft the seller
 * copied from Laoke. The last 50 are what a new draft must not repeat; only the copied ones teach the
 * seller's wording (page text, which a page script can forge, never becomes the shop's voice). One per
 * review: a later copy replaces an earlier one, and a copy is never turned into a seen reply.
 */
export interface ReplyRecord {
  platform: Platform;
  reviewId: string;
  text: string;
  at: number;
  source: 'seen' | 'copied';
}

/** Small things kept by name: the shop's learned sentiment model. */
export interface MetaRecord {
  key: string;
  value: unknown;
  updatedAt: number;
}

export interface ModelMeta extends MetaRecord {
  key: 'sentimentModel';
  value: NgramModel;
}

/** What the seller did with a callback task (回访): done, dismissed, or snoozed until a time. */
export type TaskStateRecord = { id: string } & TaskState;

/** Each released version's stores as a whole, so the migration tests can create a database as it was. */
export const STORES_V2 = { ...STORES_V1, orders: '[platform+orderId], customerKey, createdAt', campaigns: '++id, sentAt' } as const;
export const STORES_V3 = {
  ...STORES_V2, reviews: '[platform+reviewId], orderId, customerKey, createdAt',
  knowledge: '[platform+itemId]', replies: '[platform+reviewId], at', meta: 'key',
} as const;
export const STORES_V4 = { ...STORES_V3, taskStates: 'id', events: 'id' } as const;
export const STORES_V5 = { ...STORES_V4, forecasts: 'key' } as const;
/** v7 (订单关怀): what the seller did about each order, by order, by buyer (the card, a deletion) and by time. */
export const STORES_V7 = { ...STORES_V5, careActions: '++id, [platform+orderId], customerKey, at' } as const;
/** v9 (issue 20): columnar digests of orders and customers, and the log of writes not yet folded into them (utils/db/digest.ts). */
export const STORES_V9 = { ...STORES_V7, digests: 'table', digestLog: '++id' } as const;
/** v10 (issue 21, 团队同步): changes queued for the shop's server, and this machine's sync settings, keys and state (utils/db/sync-outbox.ts). */
export const STORES_V10 = { ...STORES_V9, syncOutbox: '++id', sync: 'key' } as const;
/**
 * v11 (issue 23, 关联): the links the seller made between records of one person (utils/crm/links.ts), by
 * pair and by either record; customers by the phone the seller typed (only those with one are indexed:
 * the card suggests a link to another record with the same phone).
 */
export const STORES_V11 = { ...STORES_V10, customers: 'key, [platform+nick], phone', links: '[a+b], a, b' } as const;

/** A row of the sync store: 'config' (server, database, agent, keys), 'state' (checkpoint, last result). */
export interface SyncRow {
  key: string;
  [field: string]: unknown;
}

export class LaokeDB extends Dexie {
  customers!: EntityTable<Customer, 'key'>;
  orders!: Table<Order, [Platform, string]>;
  reviews!: Table<ReviewRecord, [Platform, string]>;
  health!: EntityTable<HealthRecord, 'pageKind'>;
  campaigns!: EntityTable<Campaign, 'id'>;
  knowledge!: Table<KnowledgeRecord, [Platform, string]>;
  replies!: Table<ReplyRecord, [Platform, string]>;
  meta!: EntityTable<MetaRecord, 'key'>;
  taskStates!: EntityTable<TaskStateRecord, 'id'>;
  events!: EntityTable<PlannedEvent, 'id'>;
  forecasts!: EntityTable<Forecast, 'key'>;
  careActions!: EntityTable<CareAction, 'id'>;
  digests!: EntityTable<DigestBase, 'table'>;
  digestLog!: EntityTable<DigestLogEntry, 'id'>;
  syncOutbox!: EntityTable<OutboxEntry, 'id'>;
  sync!: EntityTable<SyncRow, 'key'>;
  links!: Table<CustomerLink, [string, string]>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(STORES_V1);
    // v2: campaigns; orders by creation time (campaign attribution asks for orders after a send);
    // customers gain the figures audiences filter on (pieces, items, region, usual gap, refund under way).
    this.version(2).stores(STORES_V2).upgrade(recomputeCustomers);
    // v3 (review care): reviews by date; product knowledge per item; the shop's replies; the learned
    // model. Reviews stored before get Laoke's reading from the background when it starts
    // (utils/db/reviews.ts analyseMissing): the analyser stays out of every page that opens the database.
    this.version(3).stores(STORES_V3);
    // v4 (shop pulse): what the seller did with callback tasks, and the events they plan (a sale, 618).
    this.version(4).stores(STORES_V4);
    // v5 (lifetime models): each customer's purchase days and first-day spend, which the models count
    // in (recomputed from the orders); the forecasts per customer, written whole after each fit.
    this.version(5).stores(STORES_V5).upgrade(recomputeCustomers);
    // v6 (issue 15): one purchase rule everywhere: an order refunded down to ¥0 (a kept ¥0 gift) is no
    // purchase, so every customer's figures are recomputed; the data version moves with them.
    this.version(6).stores(STORES_V5).upgrade(recomputeCustomers);
    // v7 (issue 17, 订单关怀): the care log: reminders (催付) copied or exported, care drafts, refund and
    // call outcomes with any compensation. Orders gain statusSeenAt as they are read again: no upgrade.
    this.version(7).stores(STORES_V7);
    // v8 (issue 18): customers gain itemsBought (the cross-sell conditions, first→second item paths).
    this.version(8).stores(STORES_V7).upgrade(recomputeCustomers);
    // v9 (issue 20): the analytics page reads the whole shop from compact digests kept beside the
    // records; the orders and customers stored before are folded in once, by the first reader.
    this.version(9).stores(STORES_V9).upgrade((tx) => tx.table<DigestBase, string>('digests').bulkPut(REBUILD_BASES));
    // v10 (issue 21): team sync's outbox and state. Nothing to upgrade: sync starts off.
    this.version(10).stores(STORES_V10);
    // v11 (issue 23): the seller's links between records (关联). Nothing to upgrade: no link exists yet.
    this.version(11).stores(STORES_V11);
    // Every write transaction bumps meta 'dataVersion' with its data (utils/db/data-version.ts).
    this.use(dataVersionMiddleware);
    // Every write of orders or customers is logged for the digests, in its own transaction.
    this.use(digestMiddleware);
    // While team sync is on, every write of what syncs is queued for the server in its own transaction.
    this.use(syncOutboxMiddleware);
    this.on('ready', (opened) => opened.table('sync').get('config').then((c: { enabled?: boolean } | undefined) => {
      if (c?.enabled) setSyncLogging(true);
    }));
  }
}

/** Every customer's record recomputed from their orders, keeping what the seller typed. */
async function recomputeCustomers(tx: Transaction): Promise<void> {
  const byKey = new Map<string, Order[]>();
  await tx.table<Order>('orders').each((o) => {
    const list = byKey.get(o.customerKey);
    if (list) list.push(o);
    else byKey.set(o.customerKey, [o]);
  });
  const customers = tx.table<Customer, string>('customers');
  const now = Date.now();
  await customers.toCollection().modify((c, ref) => {
    ref.value = upgradedCustomer(c, byKey.get(c.key) ?? [], now);
  });
}

let shared: LaokeDB | undefined;
/** The extension's database, opened once per context. */
export function db(): LaokeDB {
  shared ??= new LaokeDB();
  return shared;
}
