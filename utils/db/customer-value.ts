// Customer value over the database: the seller's member tier ladder (会员等级, a setting) and the risk
// flags and tier of the buyers behind a page of order rows. The rules are utils/crm/customer-value.ts.
import { z } from 'zod';
import { MAX_TIERS, onLadder, riskFlags, tierOf, validLadder, type RiskFlag, type TierLadder } from '@/utils/crm/customer-value';
import type { OrderFacts } from '@/utils/crm/ingest';
import type { Customer, Review } from '@/utils/crm/types';
import type { ItemCycle } from '@/utils/crm/cycles';
import type { LaokeDB } from './schema';

export const MEMBER_TIERS_KEY = 'memberTiers';

export const memberTiersSchema = z.object({
  by: z.enum(['spend', 'orders']),
  levels: z.array(z.object({ name: z.string().trim().min(1).max(12), min: z.int().min(1).max(1e12) })).min(1).max(MAX_TIERS),
  points: z.boolean().optional(),
}).refine((l) => validLadder(l) === null, { message: 'names unique, thresholds rising' });

/** The ladder the seller saved, or null when there is none (no tier is shown anywhere). */
export async function memberTiers(db: LaokeDB): Promise<TierLadder | null> {
  const r = memberTiersSchema.safeParse((await db.meta.get(MEMBER_TIERS_KEY))?.value);
  return r.success ? r.data : null;
}

/** Save the ladder (checked as validLadder says), or remove it with null. */
export async function saveMemberTiers(db: LaokeDB, ladder: TierLadder | null, now = Date.now()): Promise<TierLadder | null> {
  if (ladder === null) {
    await db.meta.delete(MEMBER_TIERS_KEY);
    return null;
  }
  const value = memberTiersSchema.parse(ladder);
  await db.meta.put({ key: MEMBER_TIERS_KEY, value, updatedAt: now });
  return value;
}

/** What one unit of each item lasts, as the callback tasks last computed it (the card's 补货 line). */
export const ITEM_CYCLES_KEY = 'itemCycles';
export const itemCyclesSchema = z.record(z.string().max(200), z.object({
  itemId: z.string().max(200), title: z.string().max(300), medianDays: z.number().min(0).max(1e5), samples: z.int().min(0),
  source: z.enum(['item', 'shop', 'default', 'seller']), unitSize: z.string().max(20).optional(), unitGrams: z.number().positive().max(1e7).optional(),
})).refine((r) => Object.keys(r).length <= 100_000);

export async function saveCycles(db: LaokeDB, cycles: ReadonlyMap<string, ItemCycle>, now = Date.now()): Promise<void> {
  await db.meta.put({ key: ITEM_CYCLES_KEY, value: Object.fromEntries(cycles), updatedAt: now });
}

export async function storedCycles(db: LaokeDB): Promise<Map<string, ItemCycle>> {
  const r = itemCyclesSchema.safeParse((await db.meta.get(ITEM_CYCLES_KEY))?.value);
  return new Map(r.success ? Object.entries(r.data) as [string, ItemCycle][] : []);
}

export interface BuyerValue {
  risk: RiskFlag[];
  tier: string | null;
}

/** Risk flags and tier of a buyer from their record (its refund evidence) and reviews. */
export function buyerValue(c: Customer, reviews: readonly Review[], ladder: TierLadder | null): BuyerValue {
  return { risk: riskFlags(c, c.refunds, reviews), tier: tierOf(c, ladder) };
}

/**
 * The facts of a page of rows with each buyer's risk flags and tier: one keyed read of the buyers'
 * records (their refund evidence is kept there) and of the proven buyers' reviews for the whole page;
 * a page of masked buyers reads no review at all.
 */
export async function withValue(db: LaokeDB, facts: OrderFacts[]): Promise<OrderFacts[]> {
  if (facts.length === 0) return facts;
  return db.transaction('r', [db.customers, db.reviews, db.meta], async () => {
    const ladder = await memberTiers(db);
    const keys = [...new Set(facts.map((f) => f.customerKey))];
    const records = await db.customers.bulkGet(keys);
    const strong = keys.filter((_, i) => records[i]?.identity === 'strong');
    const reviews = strong.length === 0 ? [] : await db.reviews.where('customerKey').anyOf(strong).toArray();
    const reviewsOf = new Map<string, Review[]>();
    for (const r of reviews) if (r.customerKey) reviewsOf.get(r.customerKey)?.push(r) ?? reviewsOf.set(r.customerKey, [r]);
    const value = new Map<string, BuyerValue>();
    keys.forEach((k, i) => {
      const c = records[i];
      if (c) value.set(k, buyerValue(c, reviewsOf.get(k) ?? [], ladder));
    });
    return facts.map((f) => {
      const v = value.get(f.customerKey);
      if (!v) return f;
      const next: OrderFacts = { ...f };
      // A row known only from the page's text may be one the page drew with a real buyer's nick: it
      // learns no flag (the 黑名单 tag is the seller's word, not the page's to read).
      if (v.risk.length > 0 && f.source !== 'dom') next.risk = v.risk;
      if (v.tier !== null) {
        next.tier = v.tier;
        next.tierRank = ladder!.levels.findIndex((l) => l.name === v.tier);
      }
      return next;
    });
  });
}

/** How many buyers (with a valid purchase, not masked) are on each level, and below the first. */
export async function tierCounts(db: LaokeDB, ladder: TierLadder): Promise<{ byTier: Record<string, number>; below: number }> {
  const byTier: Record<string, number> = Object.fromEntries(ladder.levels.map((l) => [l.name, 0]));
  let below = 0;
  await db.customers.each((c) => {
    if (!onLadder(c)) return;
    const tier = tierOf(c, ladder);
    if (tier === null) below++;
    else byTier[tier]!++;
  });
  return { byTier, below };
}
