// Review care in the background: the shop's learned sentiment model, kept in memory while its record is
// unchanged (the data version notes each meta key; a restored backup replaces it), and
// learned again shortly after enough new rated reviews arrived (a long review list arrives page by
// page, so the check waits for a quiet moment instead of training on every page). Training runs on the
// service worker's thread: about a second for 5,000 reviews, a few seconds at the 40,000 cap.
import type { NgramModel } from '@/utils/crm/ngram-model';
import { MIN_PER_LABEL } from '@/utils/crm/review-learning';
import type { ObservedReview, Platform } from '@/utils/crm/types';
import {
  analyseMissing, ingestReviews, loadModelState, reanalyseReviews, retrainIfDue, reviewQueue, type ModelState, type ReviewFacts, type ReviewQueue,
} from '@/utils/db/reviews';
import { readDataVersion, versionOf } from '@/utils/db/data-version';
import { db } from '@/utils/db/schema';
import { REPLY_WINDOW_DAYS } from '@/utils/sites';

const MODEL_READS = ['meta:sentimentModel', 'meta:sentimentLabelled'] as const;
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
  if (state?.version !== version) state = { version, model: loadModelState(db()).catch(() => ({ model: null, labelled: null })) };
  return state.model;
}

/** At start: reviews stored before review care get their reading. */
export function startReviewCare(): void {
  training = training.then(async () => {
    await analyseMissing(db(), (await modelState()).model);
  }).catch((err: unknown) => console.error('[laoke] reading stored reviews failed', err));
}

async function currentModel(): Promise<NgramModel | null> {
  return (await modelState()).model;
}

/** Learn again if due. The new model is in use before the stored reviews are read again with it. */
export async function refreshModel(): Promise<void> {
  const current = await modelState();
  const next = await retrainIfDue(db(), current);
  if (next) await reanalyseReviews(db(), next);
}

/** Is a retrain worth checking? Cheap: only counts kept in memory. */
function worthChecking(s: ModelState): boolean {
  if (!checkedSinceStart) return true;
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
  const model = await currentModel();
  const stats = { newLabelled: 0 };
  let facts = await ingestReviews(db(), reviews, model, Date.now(), stats);
  // A model learned while this page was being stored: read the page again with it.
  if ((await currentModel()) !== model) facts = await ingestReviews(db(), reviews, await currentModel());
  pending += stats.newLabelled;
  scheduleRetrain();
  return facts;
}

export async function queue(focus?: { platform: Platform; reviewId: string }, badBefore?: boolean): Promise<ReviewQueue> {
  // A training run under way finishes first, so the queue reads with the newest model.
  await training;
  return reviewQueue(db(), REPLY_WINDOW_DAYS, await currentModel(), { ...(focus ? { focus } : {}), ...(badBefore ? { badBefore } : {}) });
}
