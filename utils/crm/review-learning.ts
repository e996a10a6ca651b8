// What the shop's own sentiment model learns from, pure: the shop's rated reviews, stars as labels.
// 好评 (4–5 stars) teach praise, 差评 (1–2) complaint; a 中评 (3) teaches nothing, being praise to some
// buyers and complaint to others. 千牛's review list shows no stars; there the platform's own reading
// (emotionType 正面/负面) is the label, and a review it calls neutral teaches nothing.
import type { Example } from './ngram-model';
import { readLexicon } from './sentiment';
import type { ObservedReview } from './types';

/** 4–5 stars → 1, 1–2 → 0, anything else → null. */
export function labelOfStars(stars: number): 0 | 1 | null {
  if (!Number.isInteger(stars)) return null;
  if (stars >= 4 && stars <= 5) return 1;
  if (stars >= 1 && stars <= 2) return 0;
  return null;
}

/** Below this lexicon score a text complains plainly (质量太差了, 快递太慢了). */
const PLAIN_COMPLAINT = -1;

/**
 * The label a stored review teaches, or null. Reviews without text teach nothing, and neither does a
 * hidden complaint (隐藏差评: 4–5 stars over a text that plainly complains): taught as praise, it would
 * teach the model to stop seeing hidden complaints.
 */
export function labelOfReview(r: Pick<ObservedReview, 'rating' | 'platformSentiment' | 'text'>): 0 | 1 | null {
  if (!r.text.trim()) return null;
  if (r.rating != null) {
    const label = labelOfStars(r.rating);
    return label === 1 && readLexicon(r.text).score < PLAIN_COMPLAINT ? null : label;
  }
  return r.platformSentiment === 'pos' ? 1 : r.platformSentiment === 'neg' ? 0 : null;
}

export function examplesFromReviews(reviews: Iterable<Pick<ObservedReview, 'rating' | 'platformSentiment' | 'text'>>): Example[] {
  const out: Example[] = [];
  for (const r of reviews) {
    const label = labelOfReview(r);
    if (label !== null) out.push({ text: r.text, label });
  }
  return out;
}

/** At least this many labelled reviews of each kind before a model replaces the lexicon. */
export const MIN_PER_LABEL = 20;

/**
 * Whether to learn again: once there are enough of both labels, and then whenever the labelled reviews
 * grew by a tenth (at least 20) since the model was trained — a refresh as reviews arrive, without
 * retraining on every page of a long list.
 */
export function shouldRetrain(trained: { pos: number; neg: number } | null, available: { pos: number; neg: number }): boolean {
  if (available.pos < MIN_PER_LABEL || available.neg < MIN_PER_LABEL) return false;
  if (!trained) return true;
  const before = trained.pos + trained.neg;
  const now = available.pos + available.neg;
  return now - before >= Math.max(20, Math.ceil(before / 10));
}
