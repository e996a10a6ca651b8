// 个人信息保护法 (PIPL): a buyer's data is kept no longer than the seller needs it, and erased on request.
// - deleteCustomer: one buyer removed from every store, in one transaction (all of it or none of it).
// - Retention (meta 'retention'): customers with no purchase for N months are forgotten the same way;
//   phones the seller typed are cleared N months after they were typed.
// A later reading of a console page that still lists the buyer's orders brings them back as new: these
// functions erase what is stored, they do not block what is read next.

import { logSellerFields, logTombstones } from './sync-outbox';
import { dropConflictsOf } from './health';
import { purgeDigests } from './digest';
import { z } from 'zod';
import { TASK_KINDS } from '@/utils/crm/tasks';
import type { Customer, Platform } from '@/utils/crm/types';
import { observedUntil } from './health';
import { removeLinksOf } from './link-records';
import type { LaokeDB } from './schema';
import { DAY_MS } from '@/utils/crm/time';

export interface DeleteReport {
  customers: number;
  orders: number;
  reviews: number;
  replies: number;
  forecasts: number;
  taskStates: number;
  /** Campaigns whose members or hold-out lost a key. */
  campaigns: number;
  careActions: number;
  /** Links (关联) between their records and others (utils/db/links.ts). */
  links: number;
}

/** A retention month is 30 days: the same length whatever the calendar month, easy to state to a buyer. */
export const MONTH_MS = 30 * DAY_MS;
export const RETENTION_KEY = 'retention';
/** Customers read and written per transaction by applyRetention. */
export const RETENTION_BATCH = 1000;

const months = z.int().min(1).max(120).nullable();
export const retentionSettingsSchema = z.object({ forgetAfterMonths: months, clearPhoneAfterMonths: months });
/** null turns a rule off. */
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** Removes one customer and everything about them. Counts are of records removed (0 for an unknown key). */
export async function deleteCustomer(db: LaokeDB, key: string): Promise<DeleteReport> {
  return db.transaction('rw', [...removalTables(db), db.digests, db.digestLog], async () => {
    const report = await removeCustomers(db, [key]);
    // The analytics' copies of their orders and record go too, in the same transaction (digest.ts).
    if (report.customers > 0 || report.orders > 0) await purgeDigests(db);
    return report;
  });
}

/** The settings saved, per field: a field missing or malformed (a hand-edited backup) reads as off. */
export async function retentionSettings(db: LaokeDB): Promise<RetentionSettings> {
  const value = (await db.meta.get(RETENTION_KEY))?.value;
  const read = (field: keyof RetentionSettings): number | null => {
    const r = months.safeParse(value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined);
    return r.success ? r.data : null;
  };
  return { forgetAfterMonths: read('forgetAfterMonths'), clearPhoneAfterMonths: read('clearPhoneAfterMonths') };
}

/** Throws a ZodError for anything but whole months 1..120 or null; returns what was saved. */
export async function saveRetentionSettings(db: LaokeDB, s: RetentionSettings, now = Date.now()): Promise<RetentionSettings> {
  const value = retentionSettingsSchema.parse(s);
  await db.meta.put({ key: RETENTION_KEY, value, updatedAt: now });
  return value;
}

/**
 * Applies the retention rules as of `now` (settings: the saved ones when not given).
 * (a) forgetAfterMonths: a customer whose last valid purchase (lastPurchaseAt; updatedAt for one with
 *     none) is more than N × 30 days before the end of observation is removed as deleteCustomer removes
 *     one. The end of observation is when order pages were last read (not the clock): after weeks away,
 *     a buyer who ordered meanwhile is not forgotten before their new order is read;
 * (b) clearPhoneAfterMonths: a phone typed more than N × 30 days before now is cleared (phoneSavedAt; a
 *     phone from before that field was stamped by the v5 upgrade, else counts from updatedAt).
 * Exactly N × 30 days is not "more than": kept. RETENTION_BATCH customers per transaction: a crash
 * between batches leaves every batch done whole or not at all. With `dryRun`, nothing is written: the
 * counts say what applying would do (the seller sees them before confirming).
 */
export async function applyRetention(
  db: LaokeDB, now: number, settings?: RetentionSettings, opts: { dryRun?: boolean } = {},
): Promise<{ forgotten: number; phonesCleared: number }> {
  const s = settings ?? (await retentionSettings(db));
  const seen = await observedUntil(db, now);
  const forgetBefore = s.forgetAfterMonths === null ? null : seen - s.forgetAfterMonths * MONTH_MS;
  const phoneBefore = s.clearPhoneAfterMonths === null ? null : now - s.clearPhoneAfterMonths * MONTH_MS;
  const result = { forgotten: 0, phonesCleared: 0 };
  if (forgetBefore === null && phoneBefore === null) return result;

  let after: string | undefined;
  for (;;) {
    const done = await db.transaction('rw', [...removalTables(db), db.digests, db.digestLog], async () => {
      const batch = await (after === undefined ? db.customers.orderBy('key') : db.customers.where('key').above(after))
        .limit(RETENTION_BATCH).toArray();
      // The analytics' copies of the forgotten buyers' orders and records go too (digest.ts), in the last
      // batch's transaction: once (each fold reads the whole digest), for every batch of this run.
      const last = async () => {
        if (result.forgotten > 0 && !opts.dryRun) await purgeDigests(db);
        return true;
      };
      if (batch.length === 0) return last();
      after = batch[batch.length - 1]!.key;
      const forget: string[] = [];
      const cleared: Customer[] = [];
      for (const c of batch) {
        if (forgetBefore !== null && (c.lastPurchaseAt ?? c.updatedAt) < forgetBefore) {
          forget.push(c.key);
        } else if (phoneBefore !== null && c.phone !== undefined && (c.phoneSavedAt ?? c.updatedAt) < phoneBefore) {
          const next = { ...c };
          delete next.phone;
          delete next.phoneSavedAt;
          cleared.push(next);
        }
      }
      if (opts.dryRun) result.forgotten += forget.length;
      else if (forget.length > 0) result.forgotten += (await removeCustomers(db, forget)).customers;
      if (cleared.length > 0 && !opts.dryRun) {
        await db.customers.bulkPut(cleared);
        await logSellerFields(db, cleared.map((c) => c.key), ['phone', 'phoneSavedAt'], now);
      }
      result.phonesCleared += cleared.length;
      return batch.length < RETENTION_BATCH ? last() : false;
    });
    if (done) return result;
  }
}

function removalTables(db: LaokeDB) {
  return [db.customers, db.orders, db.reviews, db.replies, db.forecasts, db.taskStates, db.campaigns, db.meta, db.careActions, db.links, db.syncOutbox];
}

/** The removal itself, inside a transaction over removalTables. */
async function removeCustomers(db: LaokeDB, keys: readonly string[]): Promise<DeleteReport> {
  const gone = new Set(keys);
  // One equals() query per key, issued together, beats anyOf() (see ingest.ts); a batch bounds them.
  const each = <T>(query: (k: string) => PromiseLike<T[]>) => Promise.all(keys.map(query)).then((lists) => lists.flat());
  const [found, forecastsFound, orderKeys, reviewKeys, taskIds, longerKeys, careIds] = await Promise.all([
    db.customers.bulkGet([...keys]),
    db.forecasts.bulkGet([...keys]),
    each((k) => db.orders.where('customerKey').equals(k).primaryKeys()),
    each((k) => db.reviews.where('customerKey').equals(k).primaryKeys()),
    // Task ids are `${kind}:${customerKey}:${anchor}` (tasks.ts taskId): the closing colon keeps
    // 'taobao:id:b1' off 'taobao:id:b10'.
    each((k) => db.taskStates.where('id').startsWithAnyOf(TASK_KINDS.map((kind) => `${kind}:${k}:`)).primaryKeys()),
    // Keys may hold colons (a buyer id, a nick): 'taobao:id:b1:x' would share that prefix. A task
    // belongs to the longest customer key that fits its id.
    each((k) => db.customers.where('key').startsWith(`${k}:`).primaryKeys()),
    // What the seller did about their orders (订单关怀: reminders, outcomes, compensation).
    each((k) => db.careActions.where('customerKey').equals(k).primaryKeys()),
  ]);
  const customerKeys = found.flatMap((c) => (c ? [c.key] : []));
  // The care log of their orders too: an entry keeps the buyer key it was written under, and an order
  // can since have moved to the buyer it was proven to be (a nick key → a buyer id key).
  const careOfOrders = await Promise.all(orderKeys.map((k) => db.careActions.where('[platform+orderId]').equals(k).primaryKeys()));
  const careKeys = [...new Set([...careIds, ...careOfOrders.flat()])];
  const forecastKeys = forecastsFound.flatMap((f) => (f ? [f.key] : []));

  // A review read before its order came in has no customerKey yet: it is theirs through its order.
  const orderSet = new Set(orderKeys.map(([p, id]) => uid(p, id)));
  const unlinked = (await Promise.all([...new Set(orderKeys.map(([, id]) => id))].map((id) => db.reviews.where('orderId').equals(id).toArray())))
    .flat()
    .filter((r) => r.customerKey === undefined && orderSet.has(uid(r.platform, r.orderId)))
    .map((r): [Platform, string] => [r.platform, r.reviewId]);
  const allReviews = [...reviewKeys, ...unlinked];
  const replyKeys = (await db.replies.bulkGet(allReviews)).flatMap((r) => (r ? [[r.platform, r.reviewId] as [Platform, string]] : []));

  const candidates = [...keys, ...longerKeys].sort((a, b) => b.length - a.length);
  const ownTasks = taskIds.filter((id) => {
    const rest = id.slice(id.indexOf(':') + 1);
    const owner = candidates.find((k) => rest.startsWith(`${k}:`));
    return owner !== undefined && gone.has(owner);
  });

  // Campaigns keep everything they recorded (name, time, rule, message, price). Their figures are not
  // stored: attribution is recomputed from members and orders, so it reads from now on as if this
  // buyer had never been in the audience (one fewer sent, their orders gone).
  const campaigns = (await db.campaigns.toArray()).flatMap((c) => {
    const members = c.members.filter((k) => !gone.has(k));
    const holdout = c.holdout.filter((k) => !gone.has(k));
    return members.length === c.members.length && holdout.length === c.holdout.length ? [] : [{ ...c, members, holdout }];
  });

  // The seller's links to their records (关联) go with them: a link names the buyer (个人信息保护法). Every
  // key asked for, stored or not: a link can outlive its record (a record merged into the buyer it was
  // proven to be), and a deletion leaves nothing that names the key.
  const links = await removeLinksOf(db, keys);
  await Promise.all([
    db.forecasts.bulkDelete(forecastKeys),
    db.customers.bulkDelete(customerKeys),
    db.orders.bulkDelete(orderKeys),
    db.reviews.bulkDelete(allReviews),
    db.replies.bulkDelete(replyKeys),
    db.taskStates.bulkDelete(ownTasks),
    db.careActions.bulkDelete(careKeys),
    db.campaigns.bulkPut(campaigns),
    // The popup's pulse counted their orders: it is computed again when next asked for.
    db.meta.delete('pulse'),
    // The conflict log names buyers by key.
    dropConflictsOf(db, keys),
    // With team sync on, every machine of the shop deletes them too (个人信息保护法): a tombstone each.
    logTombstones(db, customerKeys, Date.now()),
  ]);
  return {
    customers: customerKeys.length, orders: orderKeys.length, reviews: allReviews.length, replies: replyKeys.length,
    forecasts: forecastKeys.length, taskStates: ownTasks.length, campaigns: campaigns.length, careActions: careKeys.length, links,
  };
}

const uid = (platform: string, orderId: string) => `${platform}\u0000${orderId}`;
