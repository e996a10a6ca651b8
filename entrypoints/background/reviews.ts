// Review care in the background: the shop's learned sentiment model, kept in memory while its record is
// unchanged (the data version notes each meta key; a restored backup replaces it), and
// learned again shortly after enough new rated reviews arrived (a long review list arrives page by
// page, so the check waits for a quiet moment instead of training on every page). Training runs on the
// service worker's thread: about a second for 5,000 reviews, a few seconds at the 40,000 cap.
import { MIN_PER_LABEL } from '@/utils/crm/review-learning';
import type { AspectId, ObservedReview, Platform } from '@/utils/crm/types';
import {
  analyseMissing, correctReviewAspects, ingestReviews, loadModelState, reanalyseReviews, retrainAspectsIfDue, retrainIfDue, reviewQueue, type ModelState,
  type ReviewFacts, type ReviewQueue,
} from '@/utils/db/reviews';
import { readDataVersion, versionOf } from '@/utils/db/data-version';
import { db } from '@/utils/db/schema';
import { REPLY_WINDOW_DAYS } from '@/utils/sites';

const MODEL_READS = ['meta:sentimentModel', 'meta:sentimentLabelled', 'meta:aspectModel'] as const;
let state: { version: number; model: Promise<ModelState> } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let training: Promise<void> = Promise.resolve();
/** Labelled reviews new to the database since the last check. */
let pending = 0;
/** The first check after the worker starts counts everything (new reviews may have come before it stopped). */
let checkedSinceStart = false;
const QUIET_MS = 1500;

async function modelState(): Promise<ModelState> {
  const version = versionOf(await readDataVersion(db()), MODEL_READS);
  if (state?.version !== version) state = { version, model: loadModelState(db()).catch(() => ({ model: null, labelled: null, aspects: null })) };
  return state.model;
}

/** At start: reviews stored before review care get their reading. */
export function startReviewCare(): void {
  training = training.then(async () => {
    const s = await modelState();
    await analyseMissing(db(), s.model, s.aspects);
  }).catch((err: unknown) => console.error('[laoke] reading stored reviews failed', err));
}

/** A seller's correction since the aspect model was last learned. */
let corrected = false;

/** Learn again if due. The new models are in use before the stored reviews are read again with them. */
export async function refreshModel(): Promise<void> {
  const current = await modelState();
  // One read of the stored reviews for both models.
  const stored = await db().reviews.toArray();
  const next = await retrainIfDue(db(), current, Date.now(), stored);
  const wasCorrected = corrected;
  corrected = false;
  const nextAspects = await retrainAspectsIfDue(db(), current, wasCorrected, Date.now(), stored);
  if (next || nextAspects) await reanalyseReviews(db(), next ?? current.model, nextAspects ?? current.aspects);
}

/** Is a retrain worth checking? Cheap: only counts kept in memory. */
function worthChecking(s: ModelState): boolean {
  if (!checkedSinceStart || corrected) return true;
  const before = s.labelled ? s.labelled.pos + s.labelled.neg : 0;
  return pending >= Math.max(s.labelled ? 20 : 2 * MIN_PER_LABEL, Math.ceil(before / 10));
}

function scheduleRetrain(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    training = training.then(async () => {
      if (!worthChecking(await modelState())) return;
      checkedSinceStart = true;
      pending = 0;
      await refreshModel();
    }).catch((err: unknown) => console.error('[laoke] learning failed', err));
  }, QUIET_MS);
}

export async function ingestReviewPage(reviews: ObservedReview[]): Promise<ReviewFacts[]> {
  const s = await modelState();
  const stats = { newLabelled: 0 };
  let facts = await ingestReviews(db(), reviews, s.model, Date.now(), stats, s.aspects);
  // A model learned while this page was being stored: read the page again with it.
  const now = await modelState();
  if (now !== s) facts = await ingestReviews(db(), reviews, now.model, Date.now(), undefined, now.aspects);
  pending += stats.newLabelled;
  scheduleRetrain();
  return facts;
}

export async function queue(focus?: { platform: Platform; reviewId: string }, filter: { badBefore?: boolean; praisingMid?: boolean } = {}): Promise<ReviewQueue> {
  // A training run under way finishes first, so the queue reads with the newest model.
  await training;
  const s = await modelState();
  return reviewQueue(db(), REPLY_WINDOW_DAYS, s.model, {
    ...(focus ? { focus } : {}), ...(filter.badBefore ? { badBefore: true } : {}), ...(filter.praisingMid ? { praisingMid: true } : {}), aspects: s.aspects,
  });
}

/** The seller's one-click correction of a review's complaints: the review is read again now, the aspect model learns again soon. */
export async function correctAspects(platform: Platform, reviewId: string, complaints: AspectId[]): Promise<boolean> {
  await training;
  const s = await modelState();
  const ok = await correctReviewAspects(db(), platform, reviewId, complaints, s.model, s.aspects);
  if (ok) {
    corrected = true;
    scheduleRetrain();
  }
  return ok;
}
