// Privacy in the background: deleting a customer and retention applied once a day. Every cache keys on
// the data version (utils/db/data-version.ts), which these writes move like any other.
import { applyRetention, deleteCustomer, retentionSettings, type DeleteReport } from '@/utils/db/privacy';
import { db } from '@/utils/db/schema';
import { ordersRead } from './forecasts';
import { DAY_MS } from '@/utils/crm/time';

const RETENTION_RUN_KEY = 'retentionRunAt';

export async function deleteCustomerEverywhere(key: string): Promise<DeleteReport> {
  const report = await deleteCustomer(db(), key);
  // The deletion is done whatever happens next; the forecasts are fitted again without the buyer.
  void ordersRead().catch((err: unknown) => console.error('[laoke] forecast', err));
  return report;
}

/**
 * Retention, when the seller turned it on: at most once a day, checked when the worker starts (it starts
 * whenever a console page sends it something, so a shop in use is checked daily).
 */
export async function retentionIfDue(now = Date.now()): Promise<void> {
  const settings = await retentionSettings(db());
  if (settings.forgetAfterMonths === null && settings.clearPhoneAfterMonths === null) return;
  const last = (await db().meta.get(RETENTION_RUN_KEY))?.value;
  if (typeof last === 'number' && now - last < DAY_MS) return;
  await applyRetention(db(), now, settings);
  await db().meta.put({ key: RETENTION_RUN_KEY, value: now, updatedAt: now });
}
