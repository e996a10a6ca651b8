// The shop's forecasts in the database: fitted from every customer, written whole (store `forecasts`
// and meta 'forecastModel') so a card or an audience reads them without fitting anything.
import { forecastShop, type ForecastModel } from '@/utils/crm/forecast';
import type { LaokeDB } from './schema';

export const FORECAST_MODEL_KEY = 'forecastModel';

/**
 * Fit the shop and replace every forecast, in one transaction: a reader sees the old forecasts or the
 * new ones, never a mix. When the model is not trusted, the old forecasts are removed with it.
 */
export async function refreshForecasts(db: LaokeDB, now = Date.now()): Promise<ForecastModel> {
  const customers = await db.customers.toArray();
  const until = await observedUntil(db, now);
  const { model, forecasts } = forecastShop(customers, until, () => performance.now());
  model.fittedAt = now;
  await db.transaction('rw', db.forecasts, db.meta, async () => {
    await db.forecasts.clear();
    for (let i = 0; i < forecasts.length; i += 5_000) await db.forecasts.bulkPut(forecasts.slice(i, i + 5_000));
    await db.meta.put({ key: FORECAST_MODEL_KEY, value: model, updatedAt: now });
  });
  return model;
}

/**
 * When order pages were last read successfully (health records of order pages), or `now` when none is
 * recorded: the end of observation for the models.
 */
export async function observedUntil(db: LaokeDB, now: number): Promise<number> {
  let last = -Infinity;
  await db.health.each((h) => {
    if (h.lastOk && !h.pageKind.endsWith('reviews')) last = Math.max(last, h.lastSeenAt);
  });
  return Number.isFinite(last) ? Math.min(now, last) : now;
}

export async function forecastModel(db: LaokeDB): Promise<ForecastModel | null> {
  return ((await db.meta.get(FORECAST_MODEL_KEY))?.value as ForecastModel | undefined) ?? null;
}
