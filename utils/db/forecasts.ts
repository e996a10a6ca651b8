// The shop's forecasts in the database: fitted from every customer, written whole (store `forecasts`
// and meta 'forecastModel') so a card or an audience reads them without fitting anything.
//
// A fit at 100,000 customers reads every customer, computes for a second or more and writes 100,000
// forecasts; the service worker answers the badges meanwhile. So the customers are read in slices, the
// computation pauses every few milliseconds (forecastShopSteps), and the forecasts are written in
// short transactions over the `forecasts` store alone, which no badge lookup or ingest waits behind.
import { forecastShopSteps, type Forecast, type ForecastModel } from '@/utils/crm/forecast';
import type { Steps } from '@/utils/crm/clv';
import type { Customer } from '@/utils/crm/types';
import { readDataVersion, versionOf } from './data-version';
import { observedUntil } from './health';
import type { LaokeDB } from './schema';

export const FORECAST_MODEL_KEY = 'forecastModel';
/** What a fit reads. */
export const FIT_READS = ['customers'] as const;

/** Customers read per transaction: each read (and the copying of its records) stays short. */
const READ_SLICE = 500;
/** Primary keys read per transaction. */
const KEY_SLICE = 5_000;
/** Forecasts written per transaction (see replaceForecasts). */
const WRITE_SLICE = 250;
/** Longest stretch of computation between pauses, ms. */
const SLICE_MS = 8;

export interface RefreshOptions {
  /** Let other work run (the default waits for the next task: pending messages and IndexedDB events go first). */
  pause?: () => Promise<void>;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Run a computation in slices of at most SLICE_MS, pausing between them. */
async function sliced<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= SLICE_MS) {
      await pause();
      sliceStart = performance.now();
    }
  }
}

/** What the models read of a customer (forecast.ts historyOf): the rest of the record is not kept in memory. */
function modelView(c: Customer): Customer {
  const { key, platform, nick, identity, orderCount, purchaseDays, firstPurchaseAt, lastPurchaseAt, totalFen, firstDayFen } = c;
  return { key, platform, nick, identity, orderCount, purchaseDays, firstPurchaseAt, lastPurchaseAt, totalFen, firstDayFen } as Customer;
}

/** Every customer, READ_SLICE to a transaction in key order, pausing between slices. */
async function readCustomers(db: LaokeDB, pause: () => Promise<void>): Promise<Customer[]> {
  const out: Customer[] = [];
  let after: string | undefined;
  for (;;) {
    const from = after;
    const slice = await (from === undefined ? db.customers.orderBy(':id') : db.customers.where(':id').above(from)).limit(READ_SLICE).toArray();
    for (const c of slice) out.push(modelView(c));
    if (slice.length < READ_SLICE) return out;
    after = slice[slice.length - 1]!.key;
    await pause();
  }
}

/**
 * Fit the shop and replace every forecast (in slices: see replaceForecasts); the model follows. When
 * the model is not trusted, the old forecasts are removed with it. A customer deleted while the fit ran
 * gets no forecast back.
 */
export async function refreshForecasts(db: LaokeDB, now = Date.now(), options: RefreshOptions = {}): Promise<ForecastModel> {
  const pause = options.pause ?? nextTask;
  // Read first: the customers read next are this version or later (a later one only means a fit too many).
  const customersVersion = versionOf(await readDataVersion(db), FIT_READS);
  const customers = await readCustomers(db, pause);
  const until = await observedUntil(db, now);
  const { model, forecasts } = await sliced(forecastShopSteps(customers, until, () => performance.now()), pause);
  model.fittedAt = now;
  model.customersVersion = customersVersion;
  await replaceForecasts(db, forecasts, pause);
  // A customer deleted before their forecast was written above is no longer among the customers read
  // now (one deleted after it had their forecast deleted with them: privacy.ts).
  const present = new Set(await keysOf(db.customers, pause));
  const orphans = forecasts.filter((f) => !present.has(f.key)).map((f) => f.key);
  await db.transaction('rw', db.forecasts, db.meta, async () => {
    // The write also moves the `forecasts` data version for the caches that read them (the
    // replacement went around Dexie and its version middleware).
    if (orphans.length > 0) await db.forecasts.bulkDelete(orphans);
    else if (forecasts.length > 0) await db.forecasts.bulkGet([forecasts[0]!.key]).then(([f]) => (f ? db.forecasts.put(f) : undefined));
    else await db.forecasts.clear();
    await db.meta.put({ key: FORECAST_MODEL_KEY, value: model, updatedAt: now });
  });
  return model;
}

/** Every primary key of a store, KEY_SLICE to a transaction, pausing between them. */
async function keysOf(table: LaokeDB['customers'] | LaokeDB['forecasts'], pause: () => Promise<void>): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const from = after;
    const keys = await (from === undefined ? table.orderBy(':id') : table.where(':id').above(from)).limit(KEY_SLICE).primaryKeys();
    for (const k of keys) out.push(k);
    if (keys.length < KEY_SLICE) return out;
    after = keys[keys.length - 1]!;
    await pause();
  }
}

/**
 * Every forecast replaced, WRITE_SLICE to an IndexedDB transaction over `forecasts` alone, pausing
 * between them; then the forecasts of buyers not forecast this time are deleted. Through Dexie a write
 * transaction also takes `meta` (data-version.ts), which every badge lookup reads; and the database
 * serves one transaction's requests and commit before the next's, so 100,000 puts in one would hold
 * every badge for seconds. A reader may so, for the seconds of the write, see some buyers' forecasts
 * from this fit and others' from the last one (minutes older); each forecast is whole.
 * Only this module writes forecasts in bulk; a deletion (privacy.ts) deletes them through Dexie.
 */
async function replaceForecasts(db: LaokeDB, forecasts: readonly Forecast[], pause: () => Promise<void>): Promise<void> {
  for (let i = 0; i < forecasts.length; i += WRITE_SLICE) {
    await rawWrite(db, (store) => {
      for (const f of forecasts.slice(i, i + WRITE_SLICE)) store.put(f);
    });
    await pause();
  }
  const fresh = new Set(forecasts.map((f) => f.key));
  const stale = (await keysOf(db.forecasts, pause)).filter((k) => !fresh.has(k));
  for (let i = 0; i < stale.length; i += WRITE_SLICE) {
    await rawWrite(db, (store) => {
      for (const k of stale.slice(i, i + WRITE_SLICE)) store.delete(k);
    });
    await pause();
  }
}

/** One IndexedDB write transaction over `forecasts` only (around Dexie: see replaceForecasts). */
function rawWrite(db: LaokeDB, write: (store: IDBObjectStore) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction('forecasts', 'readwrite');
    write(tx.objectStore('forecasts'));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('forecasts not written'));
  });
}

export async function forecastModel(db: LaokeDB): Promise<ForecastModel | null> {
  return ((await db.meta.get(FORECAST_MODEL_KEY))?.value as ForecastModel | undefined) ?? null;
}
