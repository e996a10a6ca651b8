// Runs in a plain Chromium page (real IndexedDB): review care over 10,000 reviews as the background does
// it — reading every text with the lexicon, learning the shop's model from 5,000 rated reviews, reading
// again with the model, storing a page-by-page ingest, and building the review queue with its drafts.
import { trainModel, type Example } from '@/utils/crm/ngram-model';
import { aspectLabels, trainAspectModel, type AspectExample } from '@/utils/crm/aspect-model';
import { analyseReview } from '@/utils/crm/review-analysis';
import type { ObservedReview } from '@/utils/crm/types';
import { ingestReviews, reviewQueue } from '@/utils/db/reviews';
import { LaokeDB } from '@/utils/db/schema';

async function run(texts: string[], train: Example[]) {
  const scratch = new Set<number>();
  const reviews: ObservedReview[] = texts.map((text, i) => ({
    platform: 'pdd', reviewId: String(100_000 + i), orderId: `251101-${String(100_000_000_000_000 + i)}`, itemId: String(1 + (i % 40)),
    itemTitle: `商品${i % 40}`, nick: '阿***', rating: i % 7 === 0 ? 1 : 5, text, mediaCount: 0, createdAt: Date.now() - (i % 20) * 86_400_000,
  }));

  let t = performance.now();
  for (const r of reviews) analyseReview(r, null, scratch);
  const lexiconMs = performance.now() - t;

  t = performance.now();
  const model = trainModel(train);
  const trainMs = performance.now() - t;

  t = performance.now();
  for (const r of reviews) analyseReview(r, model, scratch);
  const modelMs = performance.now() - t;

  // The shop's aspect model, learned from the 10,000 reviews (labels read by the rules), then every
  // review read with both models, as the background reads them once the shop has both.
  t = performance.now();
  const aspectModel = trainAspectModel(reviews.flatMap((r): AspectExample[] => {
    const ex = aspectLabels(r);
    return ex ? [ex] : [];
  }));
  const aspectTrainMs = performance.now() - t;
  t = performance.now();
  for (const r of reviews) analyseReview(r, model, scratch, aspectModel);
  const bothMs = performance.now() - t;

  const db = new LaokeDB('laoke-review-bench');
  await db.delete();
  await db.open();
  t = performance.now();
  for (let i = 0; i < reviews.length; i += 50) await ingestReviews(db, reviews.slice(i, i + 50), model);
  const ingestMs = performance.now() - t;
  t = performance.now();
  const queue = await reviewQueue(db, { taobao: 30, pdd: 30, douyin: 30, jd: null }, model);
  const queueMs = performance.now() - t;
  db.close();
  await db.delete();
  return {
    reviews: reviews.length, lexiconMs, trainedOn: train.length, trainMs, modelMs, modelBytes: model.weights.byteLength,
    aspectTrainMs, bothMs, aspectModelBytes: aspectModel.weights.byteLength,
    ingestMs, queueMs, queueItems: queue.items.length, queueOpen: queue.open, drafts: queue.items.reduce((n, x) => n + x.drafts.length, 0),
  };
}

(window as unknown as { runReviewBench: typeof run }).runReviewBench = run;
