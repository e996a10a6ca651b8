// Review care in the background: the shop's learned sentiment model, kept in memory once loaded, and
// learned again shortly after new rated reviews arrive (a long review list arrives page by page, so the
// check waits for a quiet moment instead of training on every page).
import type { NgramModel } from '@/utils/crm/ngram-model';
import type { ObservedReview, Platform } from '@/utils/crm/types';
import { ingestReviews, loadModel, retrainIfDue, reviewQueue, type ReviewFacts, type ReviewQueue } from '@/utils/db/reviews';
import { db } from '@/utils/db/schema';
import { REPLY_WINDOW_DAYS } from '@/utils/sites';

let model: Promise<NgramModel | null> | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let training: Promise<void> | undefined;
const QUIET_MS = 1500;

function currentModel(): Promise<NgramModel | null> {
  model ??= loadModel(db()).catch(() => null);
  return model;
}

/** Learn again if due; the model in memory is replaced only once the new one is saved. */
export async function refreshModel(): Promise<void> {
  const current = await currentModel();
  const next = await retrainIfDue(db(), current);
  if (next) model = Promise.resolve(next);
}

function scheduleRetrain(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    training = (training ?? Promise.resolve()).then(refreshModel).catch((err: unknown) => console.error('[laoke] learning failed', err));
  }, QUIET_MS);
}

export async function ingestReviewPage(reviews: ObservedReview[]): Promise<ReviewFacts[]> {
  const facts = await ingestReviews(db(), reviews, await currentModel());
  scheduleRetrain();
  return facts;
}

export async function queue(focus?: { platform: Platform; reviewId: string }): Promise<ReviewQueue> {
  // A training run under way finishes first, so the queue reads with the newest model.
  await training;
  return reviewQueue(db(), REPLY_WINDOW_DAYS, await currentModel(), focus ? { focus } : {});
}
