// Storing reviews and caring for them: each review is linked, through its order, to the buyer when the
// order is known, read by the review analysis, and offered in the review queue with reply drafts.
import { analyseReview, READER_VERSION, reviewUrgency, usableModel, type Urgency } from '@/utils/crm/review-analysis';
import { examplesFromReviews, labelOfReview, shouldRetrain } from '@/utils/crm/review-learning';
import { draftReplies, learnStyle, type ReplyDraft, type ReplyStyle } from '@/utils/crm/replies';
import { mergeReview, reviewFacts, type ReviewFacts } from '@/utils/crm/reviews';
import { isModel, trainModel, type NgramModel } from '@/utils/crm/ngram-model';
import { aspectLabels, isAspectModel, shouldRetrainAspects, trainAspectModel, type AspectExample, type AspectModel } from '@/utils/crm/aspect-model';
import { ASPECT_IDS } from '@/utils/crm/types';
import type { AspectId, IdentityStrength, ObservedReview, Platform, Review, ReviewAnalysis } from '@/utils/crm/types';
import type { LaokeDB, ModelMeta, ReplyRecord } from './schema';
import { LAST_SEEN_PRECISION_MS, seenAt } from './ingest';
import { DAY_MS } from '@/utils/crm/time';

export type { ReviewFacts };

/** How many of the shop's latest replies a draft must not repeat. */
export const RECENT_REPLIES = 50;
/** How many of the seller's latest copied drafts the shop's wording is learned from. */
const STYLE_REPLIES = 200;

/**
 * A reply the seller copied from Laoke's drafts (recordCopiedReply), not one a review page showed. A
 * record without a source (none is written so, but a store is read as it is) counts as seen on a page.
 */
export function copiedInLaoke(reply: Pick<ReplyRecord, 'source'>): boolean {
  return reply.source === 'copied';
}

/**
 * Stores a page of reviews with Laoke's reading. `stats.newLabelled` counts reviews new to the database
 * that teach the model (review-learning.ts), so the background knows when a retrain may be due without
 * reading every review.
 */
export async function ingestReviews(
  db: LaokeDB, observed: ObservedReview[], model: NgramModel | null, now = Date.now(), stats?: { newLabelled: number },
  aspects: AspectModel | null = null,
): Promise<ReviewFacts[]> {
  if (observed.length === 0) return [];
  const batch = [...new Map(observed.map((r) => [`${r.platform}\u0000${r.reviewId}`, r])).values()];
  const scratch = new Set<number>();
  // Reviews seen again unchanged are not written (nothing derived from them moved); their last-seen time
  // is refreshed quietly, at most every LAST_SEEN_PRECISION_MS, after the page's own transaction.
  const refresh: [Platform, string][] = [];
  const facts = await db.transaction('rw', [db.reviews, db.orders, db.customers, db.replies], async () => {
    const [existing, orders, seenReplies] = await Promise.all([
      db.reviews.bulkGet(batch.map((r) => [r.platform, r.reviewId] as [Platform, string])),
      db.orders.bulkGet(batch.map((r) => [r.platform, r.orderId] as [Platform, string])),
      db.replies.bulkGet(batch.map((r) => [r.platform, r.reviewId] as [Platform, string])),
    ]);
    const reviews: Review[] = batch.map((r, i) => {
      const review = mergeReview(existing[i], r, orders[i]?.customerKey, now);
      review.analysis = analyseReview(review, model, scratch, aspects);
      return review;
    });
    const changed = reviews.filter((r, i) => !existing[i] || !sameButSeen(existing[i]!, r));
    if (changed.length > 0) await db.reviews.bulkPut(changed);
    reviews.forEach((r, i) => {
      if (existing[i] && sameButSeen(existing[i]!, r) && now - existing[i]!.lastSeenAt >= LAST_SEEN_PRECISION_MS) refresh.push([r.platform, r.reviewId]);
    });
    if (stats) stats.newLabelled += reviews.filter((r, i) => !existing[i] && labelOfReview(r) !== null).length;
    // Replies the page shows are kept for drafts not to repeat, never as the shop's wording: a page script
    // can forge them. A draft the seller copied stays as it is once the page shows it posted (edited or
    // not): the page never replaces what the seller did in Laoke.
    const replies = reviews.flatMap((r, i) => {
      if (!r.reply) return [];
      const known = seenReplies[i];
      if (known && (copiedInLaoke(known) || known.text === r.reply)) return [];
      return [{ platform: r.platform, reviewId: r.reviewId, text: r.reply, at: r.repliedAt ?? now, source: 'seen' as const }];
    });
    if (replies.length > 0) await db.replies.bulkPut(replies);
    const keys = [...new Set(reviews.flatMap((r) => (r.customerKey ? [r.customerKey] : [])))];
    const customers = new Map((await db.customers.bulkGet(keys)).map((c, i) => [keys[i]!, c]));
    return reviews.map((r) => reviewFacts(r, r.customerKey ? customers.get(r.customerKey) : undefined));
  });
  if (refresh.length > 0) await seenAt(db, db.reviews, refresh, now);
  return facts;
}

/** The same review but for when it was last seen (JSON of plain records, keys in a fixed order). */
function sameButSeen(a: Review, b: Review): boolean {
  const plain = (r: Review) => JSON.stringify({ ...r, lastSeenAt: 0 }, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v));
  return plain(a) === plain(b);
}

/** The most recent rated reviews a model learns from: enough for any shop, bounded for the worker. */
export const MAX_TRAINING_REVIEWS = 40_000;

/** The labelled reviews there were when the model was last trained (its own count stops at the cap). */
export interface ModelState {
  model: NgramModel | null;
  labelled: { pos: number; neg: number } | null;
  /** The shop's aspect model (utils/crm/aspect-model.ts), null until the shop has enough reviews. */
  aspects: AspectModel | null;
}

export async function loadModelState(db: LaokeDB): Promise<ModelState> {
  const meta = await db.meta.get('sentimentModel');
  const model = meta && isModel(meta.value) ? meta.value : null;
  const labelled = (await db.meta.get('sentimentLabelled'))?.value as ModelState['labelled'] | undefined;
  const aspectMeta = await db.meta.get('aspectModel');
  const aspects = aspectMeta && isAspectModel(aspectMeta.value) ? aspectMeta.value : null;
  return { model, labelled: labelled ?? model?.trainedOn ?? null, aspects };
}

/**
 * Learns the aspect model again when due (shouldRetrainAspects: enough reviews with text, grown by a
 * tenth, or a seller's correction since) and saves it. Returns the new model, or null when nothing was
 * due. The most recent reviews are learned from, up to the cap; every correction is, whatever its age.
 */
export async function retrainAspectsIfDue(
  db: LaokeDB, state: Pick<ModelState, 'aspects'>, corrected: boolean, now = Date.now(), stored?: readonly Review[],
): Promise<AspectModel | null> {
  const withText = (stored ?? await db.reviews.toArray()).filter((r) => r.text.trim() || r.appendText?.trim());
  // Counted against the reviews there were when it was learned (its own count stops at the cap).
  const before = state.aspects ? state.aspects.available ?? state.aspects.trainedOn : null;
  if (!shouldRetrainAspects(before, withText.length, corrected)) return null;
  withText.sort((a, b) => Number(!!b.aspectCorrection) - Number(!!a.aspectCorrection) || b.createdAt - a.createdAt);
  const examples: AspectExample[] = [];
  for (const r of withText.slice(0, MAX_TRAINING_REVIEWS)) {
    const ex = aspectLabels(r);
    if (ex) examples.push(ex);
  }
  const model = trainAspectModel(examples, { available: withText.length });
  await db.meta.put({ key: 'aspectModel', value: model, updatedAt: now });
  return model;
}

/**
 * The seller's correction of what a review complains about (one click in the queue): kept on the review,
 * which is read again at once with it. Returns false when the review is not stored.
 */
export async function correctReviewAspects(
  db: LaokeDB, platform: Platform, reviewId: string, complaints: readonly AspectId[], model: NgramModel | null, aspects: AspectModel | null, now = Date.now(),
): Promise<boolean> {
  return db.transaction('rw', db.reviews, async () => {
    const r = await db.reviews.get([platform, reviewId]);
    if (!r) return false;
    const said = new Set(complaints);
    r.aspectCorrection = { complaints: ASPECT_IDS.filter((a) => said.has(a)), at: now };
    r.analysis = analyseReview(r, model, undefined, aspects);
    await db.reviews.put(r);
    return true;
  });
}

/**
 * Learns again from the shop's rated reviews when enough new ones arrived since the last time
 * (review-learning.ts) and saves the model. Returns the new model, or null when nothing was due. The
 * count of labelled reviews is saved either way, so a shop whose newest reviews hold one label only,
 * or one past the cap, is not retrained on every page.
 */
export async function retrainIfDue(db: LaokeDB, state: ModelState, now = Date.now(), stored?: readonly Review[]): Promise<NgramModel | null> {
  const available = { pos: 0, neg: 0 };
  const rated: Review[] = [];
  for (const r of stored ?? await db.reviews.toArray()) {
    const label = labelOfReview(r);
    if (label === null) continue;
    if (label === 1) available.pos++;
    else available.neg++;
    rated.push(r);
  }
  if (!shouldRetrain(state.labelled, available)) return null;
  await db.meta.put({ key: 'sentimentLabelled', value: available, updatedAt: now });
  rated.sort((a, b) => b.createdAt - a.createdAt);
  const model = trainModel(examplesFromReviews(rated.slice(0, MAX_TRAINING_REVIEWS)));
  if (!usableModel(model)) return null;
  await db.meta.put({ key: 'sentimentModel', value: model, updatedAt: now } satisfies ModelMeta);
  return model;
}

/** A stored reading that does not stand: none yet, an older reader's, or one that misses the seller's correction. */
function needsReading(r: Review): boolean {
  return !r.analysis || r.analysis.v !== READER_VERSION || (!!r.aspectCorrection && !r.analysis.corrected);
}

/**
 * Reviews stored before review care (schema v3), read by an older reader (READER_VERSION), or whose
 * reading misses the seller's correction (a backup brought it) get their reading; the background does
 * this at start.
 */
export async function analyseMissing(db: LaokeDB, model: NgramModel | null, aspects: AspectModel | null = null): Promise<number> {
  const scratch = new Set<number>();
  return db.reviews.filter(needsReading).modify((r) => {
    r.analysis = analyseReview(r, model, scratch, aspects);
  });
}

/** Every stored review read again (after a model changed). */
export async function reanalyseReviews(db: LaokeDB, model: NgramModel | null, aspects: AspectModel | null = null): Promise<number> {
  const scratch = new Set<number>();
  return db.reviews.toCollection().modify((r) => {
    r.analysis = analyseReview(r, model, scratch, aspects);
  });
}


/**
 * When the latest part of a review was written: a 追评 opens its own reply (追评回复). Its day count runs
 * from the review on Pinduoduo and from receipt on 千牛 (a little before the review); the estimate is
 * kept no later than the last time Laoke read the review.
 */
function writtenAt(r: Review): number {
  if (!r.appendText || r.appendDays === undefined) return r.createdAt;
  return Math.max(r.createdAt, Math.min(r.lastSeenAt, r.createdAt + r.appendDays * DAY_MS));
}

/**
 * Answered: the seller copied a draft for the review as it now reads (mergeReview forgets a copy made
 * before a 追评), or the page says it was answered — after the 追评, when there is one.
 */
function answered(r: Review): boolean {
  if (r.handledAt) return true;
  if (!r.replied) return false;
  return !r.appendText || (r.repliedAt ?? 0) >= writtenAt(r);
}

/** The reply window of each platform, in days from the review (site knowledge, utils/sites). */
export type ReplyWindows = Record<Platform, number | null>;

/** What the queue shows of a review (no page-reading bookkeeping), with Laoke's reading, urgency and drafts. */
export type QueueItem = Pick<Review, 'platform' | 'reviewId' | 'orderId' | 'itemId' | 'itemTitle' | 'nick' | 'rating' | 'logisticsScore' | 'serviceScore' | 'text'
  | 'appendText' | 'appendDays' | 'createdAt' | 'handledAt'> & {
  analysis: ReviewAnalysis;
  urgency: Urgency;
  /** badBefore: a proven buyer who gave a bad review before this one (the queue's "差评过" filter). */
  buyer: { key: string; identity: IdentityStrength; orderCount: number; badBefore: boolean } | null;
  knowledge: string;
  /** The seller's "one unit lasts N days" for the item, when given. */
  unitDays?: number;
  drafts: ReplyDraft[];
};

export interface ReviewQueue {
  items: QueueItem[];
  /** Reviews that need care (urgency above zero, not answered, window open), of which items are the first. */
  open: number;
  style: ReplyStyle;
  model: { by: 'lexicon' | 'model'; trainedOn: { pos: number; neg: number } | null };
}

/**
 * The reviews that need the seller, most urgent first, each with its reply drafts. Drafts avoid the
 * shop's last 50 replies and, within the queue, each other's first choice: answering the queue top
 * to bottom never repeats itself.
 */
export async function reviewQueue(
  db: LaokeDB,
  windows: ReplyWindows,
  model: NgramModel | null,
  opts: {
    now?: number; limit?: number; focus?: { platform: Platform; reviewId: string }; badBefore?: boolean; aspects?: AspectModel | null;
    /** Only the 中评 whose text praises (ReviewAnalysis.praisingMid). */
    praisingMid?: boolean;
  } = {},
): Promise<ReviewQueue> {
  const now = opts.now ?? Date.now();
  const limit = opts.limit ?? 30;
  const reviews = await db.reviews.toArray();
  const keys = [...new Set(reviews.flatMap((r) => (r.customerKey ? [r.customerKey] : [])))];
  const customers = new Map((await db.customers.bulkGet(keys)).flatMap((c) => (c ? [[c.key, c] as const] : [])));
  const scored = reviews.map((r) => {
    // (A stale reading, e.g. a correction a backup brought, is read at once, before the background's next start stores it.)
    const analysis = needsReading(r) ? analyseReview(r, model, undefined, opts.aspects) : r.analysis!;
    const customer = r.customerKey ? customers.get(r.customerKey) : undefined;
    const urgency = reviewUrgency({
      analysis, writtenAt: writtenAt(r), replied: answered(r), replyWindowDays: windows[r.platform],
      buyerOrders: customer && customer.identity !== 'weak' ? customer.orderCount : 0, now,
    });
    return { r, analysis, urgency, customer };
  });
  // A proven buyer's earliest bad review: a review after it is from a buyer who gave 差评 before.
  const firstBad = new Map<string, number>();
  for (const s of scored) {
    const k = s.r.customerKey;
    // The row chip's signal: Laoke's reading (reviewSentiment reads the stored one, which analyseMissing
    // fills in for every review; the queue reads it the same way when it is missing).
    if (k && s.customer?.identity === 'strong' && s.analysis.sentiment === 'neg' && s.r.createdAt < (firstBad.get(k) ?? Infinity)) firstBad.set(k, s.r.createdAt);
  }
  const badBefore = (s: (typeof scored)[number]) => !!s.r.customerKey && s.r.createdAt > (firstBad.get(s.r.customerKey) ?? Infinity);
  const open = scored.filter((s) => s.urgency.score > 0 && (!opts.badBefore || badBefore(s)) && (!opts.praisingMid || !!s.analysis.praisingMid));
  open.sort((a, b) => b.urgency.score - a.urgency.score || b.r.createdAt - a.r.createdAt || a.r.reviewId.localeCompare(b.r.reviewId));
  const chosen = open.slice(0, limit);
  // The review the seller clicked is shown even when it needs no care (a good review to thank).
  const focus = opts.focus;
  if (focus && !chosen.some((s) => s.r.platform === focus.platform && s.r.reviewId === focus.reviewId)) {
    const hit = scored.find((s) => s.r.platform === focus.platform && s.r.reviewId === focus.reviewId);
    if (hit) chosen.unshift(hit);
  }

  // The shop's wording is learned from the drafts the seller copied only; what review pages show counts
  // for similarity alone. The last copies are checked against too, however many replies the page shows
  // (or claims, with dates in the future) after them.
  const latest = await db.replies.orderBy('at').reverse().limit(RECENT_REPLIES).toArray();
  const copied = await db.replies.orderBy('at').reverse().filter(copiedInLaoke).limit(STYLE_REPLIES).toArray();
  const style = learnStyle(copied.map((x) => x.text));
  const replies = [...new Map([...latest, ...copied.slice(0, RECENT_REPLIES)].map((x) => [`${x.platform}\u0000${x.reviewId}`, x])).values()];
  const knowledgeKeys = [...new Set(chosen.map((s) => `${s.r.platform}\u0000${s.r.itemId}`))].map((k) => k.split('\u0000') as [Platform, string]);
  const knowledgeRecords = await db.knowledge.bulkGet(knowledgeKeys);
  const knowledge = new Map(knowledgeRecords.flatMap((k) => (k ? [[`${k.platform}\u0000${k.itemId}`, k.text] as const] : [])));
  const unitDaysOf = new Map(knowledgeRecords.flatMap((k) => (k?.unitDays ? [[`${k.platform}\u0000${k.itemId}`, k.unitDays] as const] : [])));
  // The shop's last 50 replies, and the first draft of every item above (the one most likely used): the
  // queue answered top to bottom never repeats itself or the shop.
  const shopReplies = replies.map((x) => x.text);
  const above: string[] = [];
  const items: QueueItem[] = chosen.map(({ r, analysis, urgency, customer }) => {
    const know = knowledge.get(`${r.platform}\u0000${r.itemId}`) ?? '';
    const drafts = draftReplies({
      reviewId: `${r.platform}:${r.reviewId}`, nick: r.nick, itemTitle: r.itemTitle, sentiment: analysis.sentiment,
      complaints: analysis.complaints, praises: analysis.aspects.filter((m) => m.polarity === '+').map((m) => m.aspect),
      hidden: analysis.hidden, appendWorse: analysis.appendWorse, ...(know ? { knowledge: know } : {}),
    }, [...above, ...shopReplies], style);
    if (drafts[0]) above.unshift(drafts[0].text);
    const item: QueueItem = {
      platform: r.platform, reviewId: r.reviewId, orderId: r.orderId, itemId: r.itemId, itemTitle: r.itemTitle, nick: r.nick,
      rating: r.rating, text: r.text, createdAt: r.createdAt, analysis, urgency,
      buyer: customer ? { key: customer.key, identity: customer.identity, orderCount: customer.orderCount, badBefore: badBefore({ r, analysis, urgency, customer }) } : null,
      knowledge: know, drafts,
    };
    const days = unitDaysOf.get(`${r.platform}\u0000${r.itemId}`);
    if (days) item.unitDays = days;
    if (r.appendText) item.appendText = r.appendText;
    if (r.appendDays !== undefined) item.appendDays = r.appendDays;
    if (r.logisticsScore !== undefined) item.logisticsScore = r.logisticsScore;
    if (r.serviceScore !== undefined) item.serviceScore = r.serviceScore;
    if (r.handledAt) item.handledAt = r.handledAt;
    return item;
  });
  return {
    items, open: open.length, style,
    model: { by: usableModel(model) ? 'model' : 'lexicon', trainedOn: model?.trainedOn ?? null },
  };
}

/**
 * The seller copied a draft: it joins the shop's replies (no later draft repeats it), teaches the shop's
 * wording (learnStyle learns from copies only), and the review is handled.
 */
export async function recordCopiedReply(db: LaokeDB, platform: Platform, reviewId: string, text: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.replies, db.reviews, async () => {
    await db.replies.put({ platform, reviewId, text, at: now, source: 'copied' });
    await db.reviews.update([platform, reviewId], { handledAt: now });
  });
}

/** What the seller knows about an item (usage, care, sizing): good-review drafts pass it on. */
export async function saveKnowledge(db: LaokeDB, platform: Platform, itemId: string, itemTitle: string, text: string, now = Date.now(), unitDays?: number): Promise<void> {
  const clean = text.trim();
  if (!clean && !unitDays) await db.knowledge.delete([platform, itemId]);
  else await db.knowledge.put({ platform, itemId, itemTitle, text: clean, updatedAt: now, ...(unitDays ? { unitDays } : {}) });
}

/** The seller's "one unit lasts N days" per item (product knowledge), for the replenishment cycles. */
export async function sellerUnitDays(db: LaokeDB): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  await db.knowledge.each((k) => {
    if (k.unitDays) m.set(k.itemId, k.unitDays);
  });
  return m;
}
