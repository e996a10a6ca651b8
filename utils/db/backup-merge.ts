// A backup merged into a database that has data ('merge' import): the backup's records added to what is
// here, keeping the newer of two readings and what the seller typed on either side. The buyers' rules
// are ingest's (utils/crm/ingest.ts: summarizeCustomer, foldSellerFields, mergeSellerCopies; reviews
// relinked as utils/db/ingest.ts relinks them); what differs from ingest, and why, is said where it does.

import { foldSellerFields, mergeSellerCopies, summarizeCustomer } from '@/utils/crm/ingest';
import type { Campaign, Customer, Order } from '@/utils/crm/types';
import type { Table } from 'dexie';
import { ordersByCustomer, relinkReviews } from './ingest';
import type { StoreName } from './records';
import type { LaokeDB } from './schema';

/**
 * How a store is merged into a database that has data:
 * - newer: put when absent, else the record with the later `field` wins (null: the one here stays);
 * - derived: recomputed from the rest (the model, the forecasts), so not merged: restored by 'replace' only.
 */
export type MergeRule =
  | { kind: 'orders' }
  | { kind: 'customers' }
  | { kind: 'campaigns' }
  | { kind: 'newer'; field: string | null }
  | { kind: 'derived' };

/** The merge rule of each store: every store of LaokeDB has one (the type check says so). */
export const MERGE_RULES: ReadonlyMap<string, MergeRule> = new Map(Object.entries({
  customers: { kind: 'customers' },
  orders: { kind: 'orders' },
  reviews: { kind: 'newer', field: 'lastSeenAt' },
  health: { kind: 'newer', field: 'lastSeenAt' },
  campaigns: { kind: 'campaigns' },
  knowledge: { kind: 'newer', field: 'updatedAt' },
  replies: { kind: 'newer', field: 'at' },
  meta: { kind: 'derived' },
  taskStates: { kind: 'newer', field: 'at' },
  // A planned event has no time of its own: the seller's copy here stays.
  events: { kind: 'newer', field: null },
  forecasts: { kind: 'derived' },
} satisfies Record<StoreName, MergeRule>));

/** The backup's checked records (derived stores left out) added to what is here, in one transaction. */
export async function mergeAll(db: LaokeDB, records: Map<string, unknown[]>, now: number): Promise<void> {
  const tables = db.tables.filter((t) => MERGE_RULES.get(t.name)?.kind !== 'derived');
  await db.transaction('rw', tables, async () => {
    for (const t of tables) {
      const rule = MERGE_RULES.get(t.name);
      if (rule?.kind === 'newer') await mergeNewer(t, records.get(t.name) ?? [], rule.field);
    }
    await mergeOrdersAndCustomers(db, (records.get('orders') ?? []) as Order[], (records.get('customers') ?? []) as Customer[], now);
    await mergeCampaigns(db, (records.get('campaigns') ?? []) as Campaign[]);
  });
}

/** Put when absent, else the later of the two by `field` (ties and null field: the record here). */
async function mergeNewer(table: Table, list: unknown[], field: string | null): Promise<void> {
  if (list.length === 0) return;
  const at = (r: Record<string, unknown>) => (field && typeof r[field] === 'number' ? r[field] : -1);
  // The same key twice in one backup (hand-edited): the later reading.
  const incoming = new Map<string, Record<string, unknown>>();
  for (const r of list as Record<string, unknown>[]) {
    const k = JSON.stringify(primaryKey(table, r));
    const seen = incoming.get(k);
    if (!seen || at(r) > at(seen)) incoming.set(k, r);
  }
  const theirs = [...incoming.values()];
  const mine = (await table.bulkGet(theirs.map((r) => primaryKey(table, r)))) as (Record<string, unknown> | undefined)[];
  const puts = theirs.flatMap((r, i) => {
    const here = mine[i];
    if (!here) return [r];
    if (at(r) <= at(here)) return [];
    // What the seller did with a review (copied a reply draft) outlives a later reading of it. Not
    // mergeReview (utils/crm/reviews.ts), which meets a page's reading, not another stored record: it
    // drops handledAt when the reading brings a 追评 (follow-up review) the draft did not answer; here
    // it is kept whatever the backup's copy says (as this merge has always done).
    if (table.name === 'reviews' && here.handledAt !== undefined && r.handledAt === undefined) return [{ ...r, handledAt: here.handledAt }];
    return [r];
  });
  if (puts.length > 0) await table.bulkPut(puts);
}

/**
 * Orders: put when absent or when the backup's reading is newer (lastSeenAt). Then every buyer either
 * side knows of is recomputed from all of their orders now stored (summarizeCustomer), keeping what
 * the seller typed on both sides (mergeSellerCopies). A buyer in the backup without an order anywhere
 * is put when absent. Where the two sides put one order under different buyers (a later reading proved
 * who it was), the buyer left without orders is folded into the one that has them (foldSellerFields).
 *
 * Not ingest's mergeOrder: that meets a page's reading (an ObservedOrder) with what is stored, and the
 * backup holds orders another copy of ingest already stored, with their own first and last sightings.
 * Two stored orders are compared by when each was last read; so, unlike mergeOrder, a newer DOM reading
 * or a weaker identity in the backup does replace the copy here.
 */
async function mergeOrdersAndCustomers(db: LaokeDB, backupOrders: Order[], backupCustomers: Customer[], now: number): Promise<void> {
  const incoming = new Map<string, Order>();
  for (const o of backupOrders) {
    const seen = incoming.get(uid(o));
    if (!seen || o.lastSeenAt > seen.lastSeenAt) incoming.set(uid(o), o);
  }
  const theirs = [...incoming.values()];
  const mine = await db.orders.bulkGet(theirs.map((o) => [o.platform, o.orderId]));
  const writes: Order[] = [];
  /** Buyer key → the buyer who now holds an order it had on one side. */
  const movedTo = new Map<string, string>();
  const touched = new Set<string>(backupCustomers.map((c) => c.key));
  /** Orders whose reviews may point at another buyer than the order now does. */
  const relink: Order[] = [];
  theirs.forEach((o, i) => {
    const here = mine[i];
    const wins = !here || o.lastSeenAt > here.lastSeenAt;
    if (wins) writes.push(o);
    touched.add(o.customerKey);
    if (!here) relink.push(o);
    else if (here.customerKey !== o.customerKey) {
      touched.add(here.customerKey);
      movedTo.set(wins ? here.customerKey : o.customerKey, wins ? o.customerKey : here.customerKey);
      relink.push(wins ? o : here);
    }
  });
  if (writes.length > 0) await db.orders.bulkPut(writes);

  // Reviews follow their order's buyer: a review read before its order, or brought by the backup with
  // the backup's idea of the buyer, finds the buyer the order has now (as ingest relinks them).
  await relinkReviews(db, relink);

  const keys = [...touched];
  const [customersHere, ordersNow] = await Promise.all([db.customers.bulkGet(keys), ordersOf(db, keys)]);
  const fromBackup = new Map(backupCustomers.map((c) => [c.key, c]));
  const next = new Map<string, Customer | null>();
  keys.forEach((k, i) => {
    const here = customersHere[i];
    const previous = here ? mergeSellerCopies(here, fromBackup.get(k)) : fromBackup.get(k);
    const orders = ordersNow[i]!;
    if (orders.length > 0) next.set(k, summarizeCustomer(orders, previous, now));
    else if (previous) next.set(k, previous);
  });
  for (const [from, to] of movedTo) {
    const i = keys.indexOf(from);
    const into = next.get(to);
    if (i < 0 || ordersNow[i]!.length > 0 || !into) continue;
    const left = next.get(from);
    // (Ingest keeps the buyer left behind when the fold cannot carry all of it, tags past MAX_TAGS:
    // carriesSellerFields. Here it goes all the same, as this merge has always done.)
    if (left) next.set(to, foldSellerFields(into, left));
    next.set(from, null);
  }

  const puts: Customer[] = [];
  const deletes: string[] = [];
  keys.forEach((k, i) => {
    if (!next.has(k)) return;
    const c = next.get(k)!;
    const here = customersHere[i];
    if (c === null) {
      if (here) deletes.push(k);
    } else if (!here || !sameExceptUpdatedAt(here, c)) {
      puts.push(c);
    }
  });
  if (puts.length > 0) await db.customers.bulkPut(puts);
  if (deletes.length > 0) await db.customers.bulkDelete(deletes);
}

/** Buyers past which one pass over the orders beats a query per buyer. */
const SCAN_ABOVE = 1000;

/** The stored orders of each buyer, in the order of `keys`. */
async function ordersOf(db: LaokeDB, keys: string[]): Promise<Order[][]> {
  // A few buyers: ingest's one equals() query each, issued together. A whole backup's buyers: a hundred
  // thousand queries in one transaction would not be faster than one pass.
  if (keys.length <= SCAN_ABOVE) {
    const byKey = await ordersByCustomer(db, keys);
    return keys.map((k) => byKey.get(k)!);
  }
  const byKey = new Map(keys.map((k) => [k, [] as Order[]]));
  await db.orders.each((o) => byKey.get(o.customerKey)?.push(o));
  return keys.map((k) => byKey.get(k)!);
}

/** Campaigns get new ids here: one is the same as one here when it was sent at the same time under the same name. */
async function mergeCampaigns(db: LaokeDB, list: Campaign[]): Promise<void> {
  if (list.length === 0) return;
  const same = (c: Campaign) => `${c.sentAt}\u0000${c.name}`;
  const known = new Set((await db.campaigns.toArray()).map(same));
  const adds: Campaign[] = [];
  for (const c of list) {
    if (known.has(same(c))) continue;
    known.add(same(c));
    const { id: _id, ...rest } = c;
    adds.push(rest);
  }
  if (adds.length > 0) await db.campaigns.bulkAdd(adds);
}

const uid = (o: { platform: string; orderId: string }) => `${o.platform}\u0000${o.orderId}`;

function primaryKey(table: Table, record: Record<string, unknown>): unknown {
  const path = table.schema.primKey.keyPath;
  return Array.isArray(path) ? path.map((p) => record[p]) : record[path ?? ''];
}

/** Two customer records that differ at most in updatedAt (no write then: nothing changed). */
function sameExceptUpdatedAt(a: Customer, b: Customer): boolean {
  const norm = (c: Customer) => JSON.stringify(Object.entries({ ...c, updatedAt: 0 }).sort(([x], [y]) => (x < y ? -1 : 1)));
  return norm(a) === norm(b);
}
