// The side panel's audience work, in the background where the database is. Loading every customer is
// the expensive part, so it is kept until something changes (an ingest that changed rows, a campaign,
// a note) and at most a few minutes, since "days since last purchase" moves with the clock.
import { todayList } from '@/utils/crm/care';
import { describeRule, PREDICTED_PRESETS, PRESETS, presetNameKey, presetRule, type PresetId } from '@/utils/crm/audience';
import { audienceMembers, exportAudience, loadAudienceData, type AudienceData, type ExportFormat } from '@/utils/db/audiences';
import { db } from '@/utils/db/schema';
import { t } from '@/utils/i18n';
import { DAY_MS } from '@/utils/crm/time';
import { tasksChanged } from './tasks';
import type { ExportFile, PanelOverview } from '@/utils/messaging';

const MAX_AGE_MS = 5 * 60_000;
let cached: { data: Promise<AudienceData>; at: number; campaigns: number } | undefined;
/** The last context loaded, for a customer card while a fresh one loads: quintile cuts move slowly. */
let lastCtx: AudienceData['ctx'] | undefined;

/**
 * Every customer, loaded once and kept. The dashboard records campaigns without telling the background,
 * so the number of campaigns is checked on each use (a count, cheap) along with the age.
 */
export async function audienceData(now = Date.now()): Promise<AudienceData> {
  const campaigns = await db().campaigns.count();
  if (!cached || now - cached.at > MAX_AGE_MS || cached.campaigns !== campaigns) {
    const data = loadAudienceData(db(), now);
    cached = { data, at: now, campaigns };
    // Kept for cards without the forecasts (a card reads its own): no buyer's key lingers here.
    data.then((d) => (lastCtx = { ...d.ctx, forecasts: undefined }), () => (cached = undefined));
  }
  return cached.data;
}

/** The segment context for one card: the last one loaded if any (a fresh load of 100,000 customers takes seconds). */
export async function cardContext(): Promise<AudienceData['ctx']> {
  return lastCtx ?? (await audienceData()).ctx;
}

export function audiencesChanged(): void {
  cached = undefined;
  // Campaigns and notes change who is owed a callback too.
  tasksChanged();
}

/** The presets as the panel offers them: default days, no suppression but recent contacts. */
const PANEL_SUPPRESSION = { contactedWithinDays: 7, openRefund: true } as const;

export async function panelOverview(now = Date.now()): Promise<PanelOverview> {
  const data = await audienceData(now);
  const reviews = await db().reviews.filter((r) => r.createdAt > now - 8 * DAY_MS).toArray();
  return {
    today: todayList(reviews, now),
    // The predicted presets only once the shop's model is trusted: an empty 流失风险 would read as "no one
    // at risk" (the dashboard says what the model is missing).
    presets: PRESETS.filter((id) => data.ctx.forecasts || !PREDICTED_PRESETS.includes(id))
      .map((id) => ({ id, count: audienceMembers(data, presetRule(id, data.ctx), PANEL_SUPPRESSION, now).members.length })),
  };
}

export async function exportPreset(preset: PresetId, format: ExportFormat, now = Date.now()): Promise<ExportFile[]> {
  const data = await audienceData(now);
  const rule = presetRule(preset, data.ctx);
  const { members } = audienceMembers(data, rule, PANEL_SUPPRESSION, now);
  const { files } = await exportAudience(db(), members, {
    name: t(presetNameKey(preset)), sentAt: now, rule, ruleText: describeRule(rule, t, data.ctx), format, fileName: preset,
    message: '', parts: 1, priceLi: 0, holdoutShare: 0,
  });
  audiencesChanged();
  return files;
}
