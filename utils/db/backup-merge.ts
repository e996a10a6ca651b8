// A backup merged into a database that has data ('merge' import): the backup's records added to what is
// here, keeping the newer of two readings and what the seller typed on either side. Orders and buyers
// take ingest's rules (utils/crm/ingest.ts: mergeOrder, summarizeBuyers, mergeSellerCopies; conflicts
// logged and reviews relinked as utils/db/ingest.ts does), a review's handled time mergeReview's
// (utils/crm/reviews.ts handledThrough), a backup of an earlier schema the upgrade's (upgradedCustomer).

import { mergeOrder, mergeSellerCopies, summarizeBuyers, upgradedCustomer } from '@/utils/crm/ingest';
import { handledThrough } from '@/utils/crm/reviews';
import type { Campaign, Customer, ObservedOrder, Order, OrderStatus, Review } from '@/utils/crm/types';
import type { CareAction } from '@/utils/crm/order-care';
import type { Table } from 'dexie';
import { recordConflicts, type IdentityConflict } from './health';
import { ordersByCustomer, relinkReviews } from './ingest';
import type { StoreName } from './records';
import type { LaokeDB } from './schema';
import { carryLinks } from './link-records';

/**
 * How a store is merged into a database that has data:
 * - newer: put when absent, else the record with the later `field` wins (null: the one here stays); a
 *   review keeps the time the seller handled it on either side as mergeReview would (withHandledTime);
 * - log: entries with ids of their machine's own counting (the care log): one not here, by what it says
 *   (order, kind, time, outcome), is added under a new id;
 * - derived: recomputed from the rest (the model, the forecasts), so not merged: restored by 'replace' only.
 */
export type MergeRule =
  | { kind: 'orders' }
  | { kind: 'customers' }
  | { kind: 'campaigns' }
  | { kind: 'log' }
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
  careActions: { kind: 'log' },
  // A link is there or not: one absent here is added (an unlink made here since the backup is undone by
  // a merge, as a deleted record of any store comes back; a replace restores the backup's links exactly).
  links: { kind: 'newer', field: 'at' },
} satisfies Record<StoreName, MergeRule>));

/**
 * The backup's checked records (derived stores left out) added to what is here, in one transaction.
 * `older`: the backup is of an earlier schema (its customers are upgraded first, as the database's were).
 */
export async function mergeAll(db: LaokeDB, records: Map<string, unknown[]>, now: number, older = false): Promise<void> {
  const tables = db.tables.filter((t) => MERGE_RULES.get(t.name)?.kind !== 'derived');
  const orders = (records.get('orders') ?? []) as Order[];
  let customers = (records.get('customers') ?? []) as Customer[];
  if (older) {
    const byKey = new Map<string, Order[]>();
    for (const o of orders) byKey.set(o.customerKey, [...(byKey.get(o.customerKey) ?? []), o]);
    customers = customers.map((c) => upgradedCustomer(c, byKey.get(c.key) ?? [], now));
  }
  // meta too: the conflicts the merge sets aside are logged there (not merged: it is derived).
  await db.transaction('rw', [...tables, db.meta], async () => {
    await mergeRecords(db, records, now, customers);
  });
}

/**
 * mergeAll's work, inside a transaction of the caller's over every store (team sync applies what it
 * pulled this way, in a transaction of its own: utils/sync/engine.ts). Customers as given (upgraded by
 * the caller when older).
 */
export async function mergeRecords(db: LaokeDB, records: Map<string, unknown[]>, now: number, customers = (records.get('customers') ?? []) as Customer[]): Promise<void> {
  for (const t of db.tables) {
    const rule = MERGE_RULES.get(t.name);
    if (rule?.kind === 'newer') await mergeNewer(t, records.get(t.name) ?? [], rule.field);
  }
  await mergeOrdersAndCustomers(db, (records.get('orders') ?? []) as Order[], customers, now);
  await mergeCampaigns(db, (records.get('campaigns') ?? []) as Campaign[]);
  await mergeCareLog(db, (records.get('careActions') ?? []) as CareAction[]);
}

/** The care log: an entry not here (same order, kind, time, channel and outcome) is added under a new id. */
async function mergeCareLog(db: LaokeDB, list: CareAction[]): Promise<void> {
  if (list.length === 0) return;
  const sig = (a: CareAction) => JSON.stringify([a.platform, a.orderId, a.kind, a.at, a.via, a.outcome ?? null, a.compensationFen ?? null]);
  const here = new Set((await db.careActions.toArray()).map(sig));
  const add: CareAction[] = [];
  for (const { id: _id, ...a } of list) {
    if (here.has(sig(a))) continue;
    here.add(sig(a));
    add.push(a);
  }
  if (add.length) await db.careActions.bulkAdd(add);
}

/** Put when absent, else the later of the two by `field` (ties and null field: the record here; reviews: withHandledTime). */
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
    const later = at(r) > at(here) ? r : here;
    const next = table.name === 'reviews' ? withHandledTime(later, later === r ? here : r) : later;
    return next === here ? [] : [next];
  });
  if (puts.length > 0) await table.bulkPut(puts);
}

/**
 * The later copy of a review, with the time the seller handled it on either side (copied a reply
 * draft) as mergeReview keeps it: the earlier copy's holds unless the later one brings a 追评
 * (follow-up review) the draft did not answer.
 */
function withHandledTime(later: Record<string, unknown>, earlier: Record<string, unknown>): Record<string, unknown> {
  const [l, e] = [later as unknown as Review, earlier as unknown as Review];
  const handledAt = l.handledAt ?? handledThrough(e, l);
  // The seller's correction of the review's complaints holds for the text corrected (mergeReview's rule);
  // of two corrections of the same text, the later one.
  const sameText = e.text === l.text && (e.appendText ?? '') === (l.appendText ?? '');
  const correction = sameText && e.aspectCorrection && (!l.aspectCorrection || e.aspectCorrection.at > l.aspectCorrection.at) ? e.aspectCorrection : undefined;
  if (handledAt === l.handledAt && !correction) return later;
  return { ...later, ...(handledAt !== undefined ? { handledAt } : {}), ...(correction ? { aspectCorrection: correction } : {}) };
}

/**
 * Orders: put when absent; an order on both sides is the two copies met as ingest meets a stored order
 * and a page's reading (mergeCopies, with mergeOrder). Then every buyer an order of the backup names,
 * on either side, is recomputed from all of their orders now stored (summarizeBuyers), keeping what the
 * seller typed on both sides (mergeSellerCopies): a buyer an order moved away from hands it to the
 * buyer it moved to, and goes when left with no order and nothing the fold could not carry. A buyer in
 * the backup that no order names and without orders here is kept as it is (with the seller's fields of
 * both sides): its orders may be among the records the import refused.
 * Readings set aside as conflicts are logged (health.ts), as ingest logs them.
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
  /** Buyers an order of the backup names, here or in the backup: recomputed from their orders. */
  const named = new Set<string>();
  /** Buyer → the buyers an order of theirs (on either side) moved to. */
  const moves = new Map<string, Set<string>>();
  /** Orders whose reviews may point at another buyer than the order now does. */
  const relink: Order[] = [];
  const conflicts: Omit<IdentityConflict, 'at'>[] = [];
  theirs.forEach((o, i) => {
    const here = mine[i];
    named.add(o.customerKey);
    if (!here) {
      writes.push(o);
      relink.push(o);
      return;
    }
    named.add(here.customerKey);
    const { order, conflict } = mergeCopies(here, o);
    if (conflict) {
      conflicts.push({ platform: here.platform, orderId: here.orderId, storedKey: here.customerKey, seenKey: o.customerKey });
      relink.push(here);
      return;
    }
    if (!sameRecord(order, here)) writes.push(order);
    for (const copy of [here, o]) {
      if (copy.customerKey !== order.customerKey) moves.set(copy.customerKey, (moves.get(copy.customerKey) ?? new Set()).add(order.customerKey));
    }
    if (here.customerKey !== order.customerKey || o.customerKey !== order.customerKey) relink.push(order);
  });
  if (writes.length > 0) await db.orders.bulkPut(writes);

  // Reviews follow their order's buyer: a review read before its order, or brought by the backup with
  // the backup's idea of the buyer, finds the buyer the order has now (as ingest relinks them).
  await relinkReviews(db, relink);
  await recordConflicts(db, conflicts, now);

  const keys = [...new Set([...backupCustomers.map((c) => c.key), ...named])];
  const [customersHere, ordersNow] = await Promise.all([db.customers.bulkGet(keys), ordersOf(db, keys)]);
  const fromBackup = new Map(backupCustomers.map((c) => [c.key, c]));
  const previous = new Map(keys.map((k, i) => {
    const here = customersHere[i];
    return [k, here ? mergeSellerCopies(here, fromBackup.get(k)) : fromBackup.get(k)];
  }));
  const byKey = new Map(keys.map((k, i) => [k, ordersNow[i]!]));
  const next = summarizeBuyers(keys.filter((k) => named.has(k) || byKey.get(k)!.length > 0), byKey, previous, moves, now);

  const puts: Customer[] = [];
  const deletes: string[] = [];
  keys.forEach((k, i) => {
    const c = next.has(k) ? next.get(k)! : previous.get(k);
    const here = customersHere[i];
    if (!c) {
      if (here) deletes.push(k);
    } else if (!here || !sameRecord({ ...here, updatedAt: 0 }, { ...c, updatedAt: 0 })) {
      puts.push(c);
    }
  });
  if (puts.length > 0) await db.customers.bulkPut(puts);
  if (deletes.length > 0) {
    await db.customers.bulkDelete(deletes);
    // As ingest: a buyer gone into the one their orders moved to takes the seller's links (关联) along.
    await carryLinks(db, deletes, moves);
  }
}

/**
 * One order's copy here and the backup's, met as ingest meets what is stored and a page's reading
 * (mergeOrder): the one read earlier (lastSeenAt; on a tie the backup's) stands for what is stored, the
 * later for the reading. So a DOM copy never overrides a JSON one, and a JSON one replaces a DOM-only
 * one, whichever was read later; a weaker identity never takes the order from a stronger one.
 * A conflict (the copies name two buyer ids) leaves the copy here as it is, whichever is older: nothing
 * here moves from one buyer id to another on a backup's word.
 */
function mergeCopies(here: Order, backup: Order): { order: Order; conflict: boolean } {
  const [stored, later] = backup.lastSeenAt > here.lastSeenAt ? [here, backup] : [backup, here];
  // The reading's identity as that copy's ingest resolved it (a receiver, for a probable buyer, is not stored).
  const { order, conflict } = mergeOrder(stored, asReading(later), later.lastSeenAt, { key: later.customerKey, strength: later.identity });
  if (conflict) return { order: here, conflict: true };
  // The first reading in each status is the earliest of the two machines' (a copy from before these
  // were kept has none) and, when the copies differ in status, of the change the merge itself saw; each
  // with the reading before it of the copy it came from. Two copies in one status with no times add none
  // (merging the same backup twice changes nothing).
  const statusSeenAt: NonNullable<Order['statusSeenAt']> = {};
  const statusPrevAt: NonNullable<Order['statusPrevAt']> = {};
  for (const copy of stored.status !== later.status ? [here, backup, order] : [here, backup]) {
    for (const [s, at] of Object.entries(copy.statusSeenAt ?? {}) as [OrderStatus, number][]) {
      const known = statusSeenAt[s];
      if (known !== undefined && known < at) continue;
      if (known !== undefined && known === at) {
        if (statusPrevAt[s] === undefined && copy.statusPrevAt?.[s] !== undefined) statusPrevAt[s] = copy.statusPrevAt[s];
        continue;
      }
      statusSeenAt[s] = at;
      if (copy.statusPrevAt?.[s] !== undefined) statusPrevAt[s] = copy.statusPrevAt[s];
      else delete statusPrevAt[s];
    }
  }
  const merged: Order = { ...order, firstSeenAt: Math.min(here.firstSeenAt, backup.firstSeenAt) };
  delete merged.statusSeenAt;
  delete merged.statusPrevAt;
  if (Object.keys(statusSeenAt).length) merged.statusSeenAt = statusSeenAt;
  if (Object.keys(statusPrevAt).length) merged.statusPrevAt = statusPrevAt;
  return { order: merged, conflict: false };
}

/** A stored order as the page's reading it was made from. */
function asReading(o: Order): ObservedOrder {
  const { customerKey: _key, identity: _identity, nick, buyerId, firstSeenAt: _first, lastSeenAt: _last, statusSeenAt: _seen, statusPrevAt: _prev, ...reading } = o;
  return { ...reading, buyer: buyerId ? { id: buyerId, nick } : { nick } };
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

/** Two records with the same fields and values, whatever the order of their keys. */
function sameRecord(a: object, b: object): boolean {
  const norm = (r: object) => JSON.stringify(Object.entries(r).sort(([x], [y]) => (x < y ? -1 : 1)));
  return norm(a) === norm(b);
}
