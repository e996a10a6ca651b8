// The side panel's audience work, in the background where the database is. Loading every customer is
// the expensive part, so it is kept while the data it reads is unchanged (the data version, whoever
// wrote: an ingest, a campaign the dashboard recorded, a phone cleared there) and at most a few
// minutes, since "days since last purchase" moves with the clock.
import { todayList } from '@/utils/crm/care';
import { describeRule, PREDICTED_PRESETS, PRESETS, presetNameKey, presetRule, type PresetId } from '@/utils/crm/audience';
import { audienceMembers, exportAudience, loadAudienceData, type AudienceData, type ExportFormat } from '@/utils/db/audiences';
import { VersionedCache } from '@/utils/db/data-version';
import { db } from '@/utils/db/schema';
import { t } from '@/utils/i18n';
import { DAY_MS } from '@/utils/crm/time';
import type { ExportFile, PanelOverview } from '@/utils/messaging';
import { ordersRead } from './forecasts';
import { backgroundTurn } from './foreground';

/** What loadAudienceData reads. */
export const AUDIENCE_STORES = ['customers', 'campaigns', 'reviews', 'forecasts', 'meta:memberTiers'] as const;

/** The last context loaded, for a customer card while a fresh one loads; no buyer's key lingers in it. */
let lastBasis: AudienceData['basis'] | undefined;

const audiences = new VersionedCache<AudienceData>(db, async (now) => {
  // In chunks that pause for the pages' requests and a popup's first figures, of one moment still.
  const data = await loadAudienceData(db(), now, { pause: backgroundTurn, stores: AUDIENCE_STORES });
  lastBasis = { ...data.basis, forecasts: undefined };
  return data;
}, { stores: AUDIENCE_STORES, maxAgeMs: 5 * 60_000 });

/** Every customer with what audiences filter on, loaded once per data version. */
export function audienceData(now = Date.now()): Promise<AudienceData> {
  return audiences.get(now);
}

/** The segment context for one card: the last one loaded if any (100,000 customers take seconds; quintile cuts move slowly). */
export async function cardContext(): Promise<AudienceData['basis']> {
  return lastBasis ?? (await audienceData()).basis;
}

/** The presets as the panel offers them: default days, no suppression but recent contacts. */
const PANEL_SUPPRESSION = { contactedWithinDays: 7, openRefund: true } as const;

export async function panelOverview(now = Date.now()): Promise<PanelOverview> {
  // Customers changed since the last fit (a restore on the dashboard): the predicted presets come back soon.
  void ordersRead(now).catch((err: unknown) => console.error('[laoke] forecast', err));
  const data = await audienceData(now);
  const reviews = await db().reviews.filter((r) => r.createdAt > now - 8 * DAY_MS).toArray();
  return {
    today: todayList(reviews, now),
    // The predicted presets only once the shop's model is trusted: an empty 流失风险 would read as "no one
    // at risk" (the dashboard says what the model is missing).
    presets: PRESETS.filter((id) => data.basis.forecasts || !PREDICTED_PRESETS.includes(id))
      .map((id) => ({ id, count: audienceMembers(data, presetRule(id, data.basis), PANEL_SUPPRESSION, now).members.length })),
  };
}

export async function exportPreset(preset: PresetId, format: ExportFormat, now = Date.now()): Promise<ExportFile[]> {
  const data = await audienceData(now);
  const rule = presetRule(preset, data.basis);
  const { members } = audienceMembers(data, rule, PANEL_SUPPRESSION, now);
  const { files } = await exportAudience(db(), members, {
    name: t(presetNameKey(preset)), sentAt: now, rule, ruleText: describeRule(rule, t, data.basis), format, fileName: preset,
    message: '', parts: 1, priceLi: 0, holdoutShare: 0,
  });
  return files;
}
