// Audiences, exports and campaigns over the stored customers. The rules are pure (utils/crm/audience.ts,
// csv.ts, campaign.ts); this module loads what they need and records what was sent.
import { memberTiers } from './customer-value';
import { audienceContext, applySuppression, compileRule, type AudienceContext, type AudienceRule, type Suppression } from '@/utils/crm/audience';
import { attribute, splitHoldout, type Attribution } from '@/utils/crm/campaign';
import { reviewSentiment } from '@/utils/crm/reviews';
import { audienceCsv, buyerIdsText, orderNumbersText } from '@/utils/crm/csv';
import { shanghaiDate } from '@/utils/crm/time';
import { DAY_MS } from '@/utils/crm/time';

/** A campaign's effect is measured over 7 days (utils/crm/campaign.ts). */
const ATTRIBUTION_DAYS = 7;
import type { AudienceCustomer, Campaign, Customer, Order } from '@/utils/crm/types';
import { readCustomerRows } from './digest';
import { READ_CHUNK, readConsistently, tableInChunks } from './chunked';
import type { LaokeDB } from './schema';

/** Everything an audience is computed from, loaded once and kept while the seller builds. */
export interface AudienceData<C extends AudienceCustomer = Customer> {
  /** Customers with at least one valid purchase (each masked buyer is one customer). */
  customers: C[];
  basis: AudienceContext;
  /**
   * When each customer was last contacted: the latest campaign that sent to them. A hold-out customer
   * counts as contacted at the send until that campaign's 7-day window closes, so no later campaign
   * reaches them while they are the comparison group (that would spoil the lift).
   */
  lastContactedAt: Map<string, number>;
  lastBadReviewAt: Map<string, number>;
  /** The forecasts were read (basis.forecasts is then what the shop has): the predicted segments may be counted. */
  forecastsRead: boolean;
}

/** The campaigns' and reviews' suppression facts (read inside the caller's transaction). */
async function suppressionFacts(db: LaokeDB, now: number): Promise<Pick<AudienceData, 'lastContactedAt' | 'lastBadReviewAt'>> {
  const lastContactedAt = new Map<string, number>();
  await db.campaigns.each((c) => {
    const reserved = now < c.sentAt + ATTRIBUTION_DAYS * DAY_MS ? c.holdout : [];
    for (const list of [c.members, reserved]) {
      for (const key of list) if ((lastContactedAt.get(key) ?? -Infinity) < c.sentAt) lastContactedAt.set(key, c.sentAt);
    }
  });
  const lastBadReviewAt = new Map<string, number>();
  await db.reviews.each((r) => {
    if (r.customerKey && reviewSentiment(r) === 'neg' && (lastBadReviewAt.get(r.customerKey) ?? -Infinity) < r.createdAt) {
      lastBadReviewAt.set(r.customerKey, r.createdAt);
    }
  });
  return { lastContactedAt, lastBadReviewAt };
}


/** The audiences' data, read by `db` calls (inside the caller's transaction, or chunk by chunk with `pause`). */
async function audienceParts(db: LaokeDB, now: number, pause?: () => Promise<void>): Promise<AudienceData> {
  // Every customer in primary-key order, a few thousand per request (db/chunked.ts): a worker that reads
  // them stays free between the pieces to answer what the page asks meanwhile, and so does the database.
  const customers = (await tableInChunks(db.customers, READ_CHUNK, pause)).filter((c) => c.orderCount > 0);
  const ladder = await memberTiers(db);
  const forecasts = await tableInChunks(db.forecasts, READ_CHUNK, pause);
  const facts = await suppressionFacts(db, now);
  const basis: AudienceContext = audienceContext(customers, now, ladder);
  if (forecasts.length > 0) basis.forecasts = new Map(forecasts.map((f) => [f.key, f]));
  return { customers, basis, ...facts, forecastsRead: true };
}

/**
 * Every customer with what audiences filter on, of one moment. In one read transaction; or, with
 * `background` (the service worker's reads, which the popup's figures must not wait behind), in chunks
 * of their own transactions with its pause between them, of one moment still: the data version of
 * `background.stores` unchanged across them (db/chunked.ts readConsistently).
 */
export async function loadAudienceData(db: LaokeDB, now = Date.now(), background?: { pause: () => Promise<void>; stores: readonly string[] }): Promise<AudienceData> {
  const whole = () => db.transaction('r', [db.customers, db.campaigns, db.reviews, db.forecasts, db.meta], () => audienceParts(db, now));
  if (!background) return whole();
  return readConsistently(db, background.stores, () => audienceParts(db, now, background.pause), whole);
}

/**
 * The same from the customers digest (utils/db/digest.ts): every audience field of every customer,
 * without deserialising 100,000 records one by one, and without the forecasts (one a customer: read
 * with the records, `loadAudienceData`). Every rule but the predicted segments counts exactly as over
 * the records. `compact` folds the digest's log into its base for the next open.
 */
export async function loadAudienceDigest(db: LaokeDB, now = Date.now()): Promise<AudienceData<AudienceCustomer> & { folded: number; compact(): Promise<void> }> {
  // One read transaction, as loadAudienceData: the customers, the campaigns and the reviews of one moment.
  const { rows, facts, ladder } = await db.transaction('r', [db.customers, db.campaigns, db.reviews, db.meta, db.digests, db.digestLog], async () => {
    const ladder = await memberTiers(db);
    const facts = await suppressionFacts(db, now);
    return { ladder, facts, rows: await readCustomerRows(db) };
  });
  const customers = rows.customers.filter((c) => c.orderCount > 0);
  // A rebuild from the records counts as folding: the base is worth writing.
  return { customers, basis: audienceContext(customers, now, ladder), ...facts, forecastsRead: false, folded: rows.rebuilt ? Math.max(1, rows.folded) : rows.folded, compact: rows.compact };
}

/** Whether a rule reads the forecasts (the predicted segments). */
export function readsForecasts(rule: AudienceRule): boolean {
  if (rule.kind === 'and' || rule.kind === 'or') return rule.rules.some(readsForecasts);
  if (rule.kind === 'not') return readsForecasts(rule.rule);
  return rule.kind === 'segment' && rule.segment.startsWith('predicted:');
}

export interface AudienceResult<C extends AudienceCustomer = Customer> {
  members: C[];
  /** Matched the rule but left out by suppression, by reason. */
  removed: { contacted: number; refund: number; badReview: number };
}

/**
 * The members of an audience: the rule, then suppression, in no particular order (counting is what the
 * builder does on every keystroke; sorting 100,000 customers would triple its cost).
 */
export function audienceMembers<C extends AudienceCustomer>(data: AudienceData<C>, rule: AudienceRule, suppression: Suppression, now: number): AudienceResult<C> {
  const test = compileRule(rule, data.basis);
  const matched = data.customers.filter(test);
  const { kept, removed } = applySuppression(matched, suppression, data, now);
  return { members: kept, removed };
}

const newer = (a: AudienceCustomer, b: AudienceCustomer) => (b.lastPurchaseAt ?? 0) - (a.lastPurchaseAt ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The `limit` most recent buyers, newest first (ties by key), without sorting the rest. */
export function newestFirst<C extends AudienceCustomer>(members: readonly C[], limit: number): C[] {
  const top: C[] = [];
  for (const c of members) {
    if (top.length === limit && newer(c, top[limit - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && newer(c, top[i - 1]!) < 0) i--;
    top.splice(i, 0, c);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** One export as asked for: the campaign's fields, the file format and name, and the hold-out share. */
export type ExportRequest = Omit<Campaign, 'id' | 'members' | 'holdout' | 'channel'> & {
  channel?: Campaign['channel'];
  format: ExportFormat;
  fileName: string;
  holdoutShare: number;
};

/**
 * One export, as the seller clicks it: the audience split into members and hold-out, the campaign
 * recorded, and the file of the members. The file is built while IndexedDB commits the record; the
 * answer waits for both, so a file is never handed over for a campaign that was not recorded.
 */
export async function exportAudience(db: LaokeDB, members: Customer[], req: ExportRequest): Promise<{ files: ExportedFile[]; campaign: Campaign }> {
  const { format, fileName, holdoutShare, ...fields } = req;
  const split = splitHoldout(members.map((m) => m.key), holdoutShare, req.sentAt);
  const campaign: Campaign = { ...fields, channel: req.channel ?? format, members: split.members, holdout: split.holdout };
  const saving = db.campaigns.add(campaign);
  const held = new Set(split.holdout);
  const files = exportFiles(held.size ? members.filter((m) => !held.has(m.key)) : members, format, fileName, req.sentAt);
  campaign.id = await saving;
  return { files, campaign };
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

export type ExportFormat = 'orders' | 'buyers' | 'csv';

/**
 * The file a seller takes to their tool: order numbers or buyer ids/nicks one per line (the platforms'
 * own crowd and SMS tools take those, not phones), or the CSV.
 */
export interface ExportedFile {
  filename: string;
  mime: string;
  text: string;
  count: number;
}

/**
 * The files for one export. Order numbers and buyer ids go to a platform's own tool, so an audience
 * on both platforms gives one list per platform (a Taobao tool must never get Pinduoduo order numbers);
 * the CSV names the platform on every row and stays one file.
 */
export function exportFiles(members: Customer[], format: ExportFormat, name: string, now: number): ExportedFile[] {
  if (format === 'csv') return [exportFile(members, format, name, now)];
  const byPlatform = new Map<Customer['platform'], Customer[]>();
  for (const m of members) {
    const list = byPlatform.get(m.platform);
    if (list) list.push(m);
    else byPlatform.set(m.platform, [m]);
  }
  if (byPlatform.size <= 1) return [exportFile(members, format, name, now)];
  return [...byPlatform].map(([platform, list]) => exportFile(list, format, `${name}-${platform}`, now));
}

/** Members are written in the database's order (by customer key): sorting 100,000 rows would cost a tenth of a second. */
export function exportFile(members: Customer[], format: ExportFormat, name: string, now: number): ExportedFile {
  const date = shanghaiDate(now).replaceAll('-', '');
  if (format === 'csv') return { filename: `laoke-${name}-${date}.csv`, mime: 'text/csv;charset=utf-8', text: audienceCsv(members), count: members.length };
  const text = format === 'orders' ? orderNumbersText(members) : buyerIdsText(members);
  return { filename: `laoke-${name}-${format}-${date}.txt`, mime: 'text/plain;charset=utf-8', text, count: members.length };
}
