// Review care (评价管理), pure: what a review says, whether it hides a complaint, and how urgently it
// needs the seller. The text is read by the hand-written lexicon (./sentiment.ts) until the shop has
// rated reviews to learn from, then by the shop's own model (./ngram-model.ts); aspects come from the
// aspect rules (./aspects.ts). Nothing here touches the DOM or the database.
//
// Words: 好评/中评/差评 are 4–5, 3 and 1–2 stars; 追评 is the follow-up review written days after
// receipt; 隐藏差评 ("hidden bad review") is a good rating over a text that complains — the buyer who
// was too polite, or 系统默认好评 (the platform's default when the buyer did not rate) followed by a
// bad 追评.

import { readAspects, type AspectModel } from './aspect-model';
import { mergeAspects } from './aspects';
import { predictPraise, type NgramModel } from './ngram-model';
import { readLexicon } from './sentiment';
import { DAY_MS, shanghaiDay } from './time';
import type { AspectId, AspectMark, ObservedReview, Review, ReviewAnalysis, Sentiment } from './types';
import { ASPECT_IDS } from './types';

/** Lexicon scores this close to zero say nothing either way. */
const LEXICON_NEUTRAL = 0.15;

export interface TextReading {
  sentiment: Sentiment;
  /** Probability of praise, 0–1. */
  praise: number;
  by: 'lexicon' | 'model';
}

/** The model only counts once it has learned from both praise and complaints. */
export function usableModel(model: NgramModel | null | undefined): model is NgramModel {
  return !!model && model.trainedOn.pos > 0 && model.trainedOn.neg > 0;
}

/** Sentiment of a text; null when there is no text. */
export function readText(text: string, model?: NgramModel | null, scratch?: Set<number>): TextReading | null {
  if (!text || !text.trim()) return null;
  const reading = readLexicon(text);
  if (usableModel(model)) {
    const praise = predictPraise(model, text, reading, scratch);
    // The model always leans one way; a 中评's neutrality comes from its stars, not from the text.
    return { sentiment: praise >= 0.5 ? 'pos' : 'neg', praise, by: 'model' };
  }
  const praise = 1 / (1 + Math.exp(-2 * reading.score));
  const sentiment = reading.score > LEXICON_NEUTRAL ? 'pos' : reading.score < -LEXICON_NEUTRAL ? 'neg' : 'neu';
  return { sentiment, praise, by: 'lexicon' };
}


/** What the rating alone says: stars, else the platform's reading, else 系统默认好评, else nothing. */
export function ratingSentiment(r: Pick<ObservedReview, 'rating' | 'platformSentiment' | 'defaultPositive'>): Sentiment | null {
  if (r.rating != null) return r.rating >= 4 ? 'pos' : r.rating === 3 ? 'neu' : 'neg';
  if (r.platformSentiment) return r.platformSentiment;
  return r.defaultPositive ? 'pos' : null;
}

/**
 * A good rating the buyer (or the platform, for 系统默认好评) gave. 千牛's 正面/负面 is the platform's
 * guess from the same text, not a rating: a text Laoke reads differently is a disagreement, not a
 * hidden complaint.
 */
function goodRating(r: Pick<ObservedReview, 'rating' | 'defaultPositive'>): boolean {
  return r.rating != null ? r.rating >= 4 : !!r.defaultPositive;
}


/**
 * The reader's version: stored readings of an older reader are read again when the background starts
 * (analyseMissing), so a review stored before a change of the rules (issue 19: rules by meaning, the
 * item's title, the praising 中评; 3: the rules by meaning in general form, round 5) reads as a new one would.
 */
export const READER_VERSION = 3;

/** Above this probability of praise a 中评's text praises plainly (lexicon score about 0.55 and up). */
export const PRAISING_MID = 0.75;

/** A 中评 whose text praises and names no complaint (好评的内容、中评的星): follow it up. */
function praisingMid(r: Pick<ObservedReview, 'rating'>, whole: TextReading | null, complaints: AspectId[]): boolean {
  return r.rating === 3 && !!whole && whole.sentiment === 'pos' && whole.praise >= PRAISING_MID && complaints.length === 0;
}

const complaintsOf = (marks: AspectMark[]) => marks.filter((m) => m.polarity === '-').map((m) => m.aspect);

/** Laoke's reading of one review. */
export function analyseReview(
  r: Pick<ObservedReview, 'text' | 'appendText' | 'rating' | 'platformSentiment' | 'defaultPositive'> & Partial<Pick<Review, 'itemTitle' | 'aspectCorrection'>>,
  model?: NgramModel | null,
  scratch?: Set<number>,
  aspectModel?: AspectModel | null,
): ReviewAnalysis {
  const main = readText(r.text, model, scratch);
  const append = r.appendText ? readText(r.appendText, model, scratch) : null;
  const whole = main && append ? readText(`${r.text}。${r.appendText}`, model, scratch) : main ?? append;
  const rated = ratingSentiment(r);

  const context = { title: r.itemTitle ?? '' };
  const mainAspects = readAspects(r.text, context, aspectModel, main?.sentiment === 'neg' || rated === 'neg', scratch);
  const appendAspects = r.appendText ? readAspects(r.appendText, context, aspectModel, append?.sentiment === 'neg', scratch) : [];
  const read = mergeAspects(mainAspects, appendAspects);
  // The seller's correction replaces the complaints; the praise read stays for aspects not complained of.
  const fixed = r.aspectCorrection ? new Set(r.aspectCorrection.complaints) : null;
  const aspects = fixed
    ? ASPECT_IDS.flatMap((aspect): AspectMark[] => {
      if (fixed.has(aspect)) return [{ aspect, polarity: '-' }];
      return read.some((m) => m.aspect === aspect && m.polarity === '+') ? [{ aspect, polarity: '+' }] : [];
    })
    : read;
  const complaints = complaintsOf(aspects);

  // The buyer's own 差评 or 中评 stands whatever the words ("还行" under one star is not praise). Over
  // a good rating, the platform's reading or nothing, a text that says something decides: that is how
  // a 5-star review that complains shows up. A text that says nothing either way ("收到了") leaves the
  // rating as it is. A 追评 that complains is the buyer's latest word.
  const buyerChose = r.rating != null && r.rating <= 3;
  let sentiment: Sentiment;
  if (buyerChose) sentiment = rated!;
  else if (whole && (whole.sentiment !== 'neu' || !rated)) sentiment = whole.sentiment;
  else sentiment = rated ?? 'neu';
  if (!buyerChose && append?.sentiment === 'neg') sentiment = 'neg';

  const textComplains = whole?.sentiment === 'neg' || append?.sentiment === 'neg';
  const hidden = goodRating(r) && (textComplains || complaints.length > 0);
  // A 追评 is worse when it complains: it reads negative, or names a complaint the first review did not.
  const mainComplaints = new Set(complaintsOf(mainAspects));
  // (After the seller's correction, the aspects read from the 追评 are not theirs: its tone alone counts.)
  const appendWorse = !!append && (
    (append.sentiment === 'neg' && main?.sentiment !== 'neg') ||
    (!fixed && complaintsOf(appendAspects).some((a) => !mainComplaints.has(a)))
  );
  return {
    sentiment,
    textSentiment: whole?.sentiment ?? null,
    praise: whole ? Math.round(whole.praise * 1000) / 1000 : null,
    aspects,
    complaints,
    hidden,
    appendWorse,
    by: whole?.by ?? (usableModel(model) ? 'model' : 'lexicon'),
    v: READER_VERSION,
    ...(fixed ? { corrected: true } : {}),
    ...(praisingMid(r, whole, complaints) ? { praisingMid: true } : {}),
  };
}

export type UrgencyReason = 'negative' | 'neutral' | 'hidden' | 'appendWorse' | 'complaints' | 'recent' | 'closing' | 'repeatBuyer';

export interface Urgency {
  /** 0 (nothing to do) to 100. */
  score: number;
  reasons: UrgencyReason[];
  /** Last day a reply can be posted; null where unknown. */
  replyBy: number | null;
  /** Whole days left to reply (0 on the last day); null where unknown. */
  daysLeft: number | null;
  /** Answered already (the page says so, or the seller copied a draft), or past the reply window. */
  done: boolean;
}


export interface UrgencyInput {
  analysis: ReviewAnalysis;
  /** When the latest part of the review (the 追评 if any) was written. */
  writtenAt: number;
  replied: boolean;
  /** The platform's reply window in days, counted from writtenAt; null where unknown. */
  replyWindowDays: number | null;
  /** The buyer's valid purchases, when known. */
  buyerOrders: number;
  now: number;
}

/**
 * How urgently a review needs the seller: a complaint first, a hidden one nearly as much (the buyer
 * who was too polite to rate badly is the one to win back), a 追评 gone bad, then what is recent,
 * about to close, or from a returning buyer. Worked example: a 1-star review about logistics and
 * damage written yesterday, unreplied, 29 days left, first-time buyer → 50 + 10 + 15 = 75.
 */
export function reviewUrgency(u: UrgencyInput): Urgency {
  const a = u.analysis;
  const reasons: UrgencyReason[] = [];
  let score = 0;
  if (a.sentiment === 'neg') {
    score += 50;
    reasons.push('negative');
  } else if (a.sentiment === 'neu') {
    score += 20;
    reasons.push('neutral');
  }
  if (a.hidden) {
    score += 30;
    reasons.push('hidden');
  }
  if (a.appendWorse) {
    score += 25;
    reasons.push('appendWorse');
  }
  if (a.complaints.length > 0) {
    score += Math.min(15, 5 * a.complaints.length);
    reasons.push('complaints');
  }
  const replyBy = u.replyWindowDays === null ? null : u.writtenAt + u.replyWindowDays * DAY_MS;
  // Calendar days in China, as 千牛 counts 还有N天可回复: 0 on the last day.
  const daysLeft = replyBy === null ? null : shanghaiDay(replyBy) - shanghaiDay(u.now);
  const done = u.replied || (replyBy !== null && u.now > replyBy);
  if (score > 0) {
    const age = u.now - u.writtenAt;
    if (age < 3 * DAY_MS) {
      score += 15;
      reasons.push('recent');
    } else if (age < 7 * DAY_MS) score += 8;
    if (daysLeft !== null && daysLeft <= 3) {
      score += 20;
      reasons.push('closing');
    } else if (daysLeft !== null && daysLeft <= 7) score += 10;
    if (u.buyerOrders >= 2) {
      score += 10;
      reasons.push('repeatBuyer');
    }
  }
  return { score: done ? 0 : Math.min(100, score), reasons, replyBy, daysLeft, done };
}
