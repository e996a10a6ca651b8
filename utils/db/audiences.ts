// Audiences, exports and campaigns over the stored customers. The rules are pure (utils/crm/audience.ts,
// csv.ts, campaign.ts); this module loads what they need and records what was sent.
import { audienceContext, applySuppression, compileRule, type AudienceContext, type AudienceRule, type Suppression } from '@/utils/crm/audience';
import { attribute, splitHoldout, type Attribution } from '@/utils/crm/campaign';
import { reviewSentiment } from '@/utils/crm/reviews';
import { audienceCsv, buyerIdsText, orderNumbersText } from '@/utils/crm/csv';
import { shanghaiDate } from '@/utils/crm/time';
import type { Campaign, Customer, Order, Review } from '@/utils/crm/types';
import type { LaokeDB } from './schema';

/** Everything an audience is computed from, loaded once and kept while the seller builds. */
export interface AudienceData {
  /** Customers with at least one valid purchase (each masked buyer is one customer). */
  customers: Customer[];
  ctx: AudienceContext;
  /** The latest campaign each customer was in (as a member or hold-out: they were chosen then). */
  lastContactedAt: Map<string, number>;
  lastBadReviewAt: Map<string, number>;
}

export async function loadAudienceData(db: LaokeDB, now = Date.now()): Promise<AudienceData> {
  return db.transaction('r', db.customers, db.campaigns, db.reviews, async () => {
    const customers = (await db.customers.toArray()).filter((c) => c.orderCount > 0);
    const lastContactedAt = new Map<string, number>();
    await db.campaigns.each((c) => {
      for (const key of c.members) if ((lastContactedAt.get(key) ?? -Infinity) < c.sentAt) lastContactedAt.set(key, c.sentAt);
    });
    const lastBadReviewAt = new Map<string, number>();
    await db.reviews.each((r) => {
      if (r.customerKey && reviewSentiment(r) === 'neg' && (lastBadReviewAt.get(r.customerKey) ?? -Infinity) < r.createdAt) {
        lastBadReviewAt.set(r.customerKey, r.createdAt);
      }
    });
    return { customers, ctx: audienceContext(customers, now), lastContactedAt, lastBadReviewAt };
  });
}

export interface AudienceResult {
  members: Customer[];
  /** Matched the rule but left out by suppression, by reason. */
  removed: { contacted: number; refund: number; badReview: number };
}

/** The members of an audience: the rule, then suppression. Newest buyers first. */
export function audienceMembers(data: AudienceData, rule: AudienceRule, suppression: Suppression, now: number): AudienceResult {
  const test = compileRule(rule, data.ctx);
  const matched = data.customers.filter(test);
  const { kept, removed } = applySuppression(matched, suppression, data, now);
  kept.sort((a, b) => (b.lastPurchaseAt ?? 0) - (a.lastPurchaseAt ?? 0) || a.key.localeCompare(b.key));
  return { members: kept, removed };
}

export type NewCampaign = Omit<Campaign, 'id' | 'members' | 'holdout'> & { audience: string[]; holdoutShare: number };

/** Record an export: members are exported, the hold-out (chosen at random) is not. */
export async function recordCampaign(db: LaokeDB, c: NewCampaign): Promise<Campaign> {
  const { audience, holdoutShare, ...rest } = c;
  const { members, holdout } = splitHoldout(audience, holdoutShare, c.sentAt);
  const campaign: Campaign = { ...rest, members, holdout };
  campaign.id = await db.campaigns.add(campaign);
  return campaign;
}

export interface CampaignSummary {
  campaign: Omit<Campaign, 'members' | 'holdout'> & { id: number };
  attribution: Attribution;
}

/** Every campaign with its attribution as of now, newest first. */
export async function campaignResults(db: LaokeDB, now = Date.now()): Promise<CampaignSummary[]> {
  return db.transaction('r', db.campaigns, db.orders, async () => {
    const campaigns = await db.campaigns.orderBy('sentAt').reverse().toArray();
    if (campaigns.length === 0) return [];
    // One read of the orders since the oldest campaign, shared by all of them.
    const since = Math.min(...campaigns.map((c) => c.sentAt));
    const orders = await db.orders.where('createdAt').above(since).toArray();
    const byCustomer = new Map<string, Order[]>();
    for (const o of orders) {
      const list = byCustomer.get(o.customerKey);
      if (list) list.push(o);
      else byCustomer.set(o.customerKey, [o]);
    }
    return campaigns.map((c) => {
      const relevant = [...c.members, ...c.holdout].flatMap((k) => byCustomer.get(k) ?? []);
      const { members: _m, holdout: _h, ...campaign } = c;
      return { campaign: { ...campaign, id: c.id! }, attribution: attribute(c, relevant, now) };
    });
  });
}

/** Reviews of one customer, newest first. */
export async function reviewsOf(db: LaokeDB, key: string): Promise<Review[]> {
  return (await db.reviews.where('customerKey').equals(key).toArray()).sort((a, b) => b.createdAt - a.createdAt);
}

export type ExportFormat = 'orders' | 'buyers' | 'csv';

/**
 * The file a seller takes to their tool: order numbers or buyer ids/nicks one per line (the platforms'
 * own crowd and SMS tools take those, not phones), or the CSV.
 */
export function exportFile(members: Customer[], format: ExportFormat, name: string, now: number): { filename: string; mime: string; text: string; count: number } {
  const date = shanghaiDate(now).replaceAll('-', '');
  if (format === 'csv') return { filename: `laoke-${name}-${date}.csv`, mime: 'text/csv;charset=utf-8', text: audienceCsv(members), count: members.length };
  const text = format === 'orders' ? orderNumbersText(members) : buyerIdsText(members);
  return { filename: `laoke-${name}-${format}-${date}.txt`, mime: 'text/plain;charset=utf-8', text, count: members.length };
}
