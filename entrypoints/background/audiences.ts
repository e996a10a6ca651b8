// The side panel's audience work, in the background where the database is. Loading every customer is
// the expensive part, so it is kept until something changes (an ingest that changed rows, a campaign,
// a note) and at most a few minutes, since "days since last purchase" moves with the clock.
import { todayList } from '@/utils/crm/care';
import { describeRule, PRESETS, presetNameKey, presetRule, type PresetId } from '@/utils/crm/audience';
import { audienceMembers, exportAudience, loadAudienceData, type AudienceData, type ExportFormat } from '@/utils/db/audiences';
import { db } from '@/utils/db/schema';
import { t } from '@/utils/i18n';
import type { ExportFile, PanelOverview } from '@/utils/messaging';

const MAX_AGE_MS = 5 * 60_000;
let cached: { data: Promise<AudienceData>; at: number } | undefined;

export function audienceData(now = Date.now()): Promise<AudienceData> {
  if (!cached || now - cached.at > MAX_AGE_MS) {
    const data = loadAudienceData(db(), now);
    cached = { data, at: now };
    data.catch(() => (cached = undefined));
  }
  return cached.data;
}

export function audiencesChanged(): void {
  cached = undefined;
}

/** The presets as the panel offers them: default days, no suppression but recent contacts. */
const PANEL_SUPPRESSION = { contactedWithinDays: 7, openRefund: true } as const;

export async function panelOverview(now = Date.now()): Promise<PanelOverview> {
  const data = await audienceData(now);
  const reviews = await db().reviews.filter((r) => r.createdAt > now - 8 * 86_400_000).toArray();
  return {
    today: todayList(data.customers, reviews, data.lastContactedAt, now),
    presets: PRESETS.map((id) => ({ id, count: audienceMembers(data, presetRule(id, data.ctx), PANEL_SUPPRESSION, now).members.length })),
  };
}

export async function exportPreset(preset: PresetId, format: ExportFormat, now = Date.now()): Promise<ExportFile> {
  const data = await audienceData(now);
  const rule = presetRule(preset, data.ctx);
  const { members } = audienceMembers(data, rule, PANEL_SUPPRESSION, now);
  const { file } = await exportAudience(db(), members, {
    name: t(presetNameKey(preset)), sentAt: now, rule, ruleText: describeRule(rule, t, data.ctx), format, fileName: preset,
    message: '', parts: 1, priceLi: 0, holdoutShare: 0,
  });
  audiencesChanged();
  return file;
}
