// Privacy in the background: deleting a customer, retention applied once a day, and every cache the
// background keeps (audiences, tasks, the popup's figures, the review model, the forecasts) dropped when
// the data changed under it.
import { applyRetention, deleteCustomer, retentionSettings, type DeleteReport } from '@/utils/db/privacy';
import { db } from '@/utils/db/schema';
import { audiencesChanged } from './audiences';
import { ordersRead } from './forecasts';
import { pulseChanged } from './pulse';
import { reviewModelChanged } from './reviews';
import { DAY_MS } from '@/utils/crm/time';

const RETENTION_RUN_KEY = 'retentionRunAt';

export async function dataChanged(): Promise<void> {
  audiencesChanged(); // and the tasks
  reviewModelChanged();
  ordersRead(true);
  await pulseChanged();
}

export async function deleteCustomerEverywhere(key: string): Promise<DeleteReport> {
  const report = await deleteCustomer(db(), key);
  // The deletion is done whatever happens next: a cache that fails to reset must not report it as failed.
  await dataChanged().catch((err: unknown) => console.error('[laoke] after delete', err));
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
  const result = await applyRetention(db(), now, settings);
  await db().meta.put({ key: RETENTION_RUN_KEY, value: now, updatedAt: now });
  if (result.forgotten > 0 || result.phonesCleared > 0) await dataChanged();
}
