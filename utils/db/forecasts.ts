// The shop's forecasts in the database: fitted from every customer, written whole (store `forecasts`
// and meta 'forecastModel') so a card or an audience reads them without fitting anything.
import { forecastShop, type ForecastModel } from '@/utils/crm/forecast';
import { readDataVersion, versionOf } from './data-version';
import { observedUntil } from './health';
import type { LaokeDB } from './schema';

export const FORECAST_MODEL_KEY = 'forecastModel';
/** What a fit reads. */
export const FIT_READS = ['customers'] as const;

/**
 * Fit the shop and replace every forecast, in one transaction: a reader sees the old forecasts or the
 * new ones, never a mix. When the model is not trusted, the old forecasts are removed with it.
 */
export async function refreshForecasts(db: LaokeDB, now = Date.now()): Promise<ForecastModel> {
  // Read first: the customers read next are this version or later (a later one only means a fit too many).
  const customersVersion = versionOf(await readDataVersion(db), FIT_READS);
  const customers = await db.customers.toArray();
  const until = await observedUntil(db, now);
  const { model, forecasts } = forecastShop(customers, until, () => performance.now());
  model.fittedAt = now;
  model.customersVersion = customersVersion;
  await db.transaction('rw', db.forecasts, db.meta, db.customers, async () => {
    // A customer deleted while the fit ran gets no forecast back (its key names the buyer).
    const present = new Set(await db.customers.toCollection().primaryKeys());
    const kept = forecasts.filter((f) => present.has(f.key));
    await db.forecasts.clear();
    for (let i = 0; i < kept.length; i += 5_000) await db.forecasts.bulkPut(kept.slice(i, i + 5_000));
    await db.meta.put({ key: FORECAST_MODEL_KEY, value: model, updatedAt: now });
  });
  return model;
}

export async function forecastModel(db: LaokeDB): Promise<ForecastModel | null> {
  return ((await db.meta.get(FORECAST_MODEL_KEY))?.value as ForecastModel | undefined) ?? null;
}
