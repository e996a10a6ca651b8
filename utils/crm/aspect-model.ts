// The shop's own aspect model, pure: for each of the nine aspects, a logistic regression over hashed
// character n-grams telling whether a review complains about it, learned on the seller's machine from
// the shop's own reviews, so that the rules (./aspects.ts) reach the shop's own words — a review the
// rules miss that reads like the ones they caught (the shop's courier, its product's parts).
//
// What it learns from, strongest first (aspectLabels):
// - the seller's correction of a review's aspects in the review queue (one click): taken as the truth
//   for every aspect of that review, and weighed more than any other label;
// - the buyer's own scores on Pinduoduo: 物流 (logisticsScore) and 服务 (serviceScore) of 1–2 are a
//   complaint about logistics and service, 4–5 none (3 says nothing);
// - the rules' reading for everything else: what they find is a complaint, what they do not is none.
// Fixed size: 9 × (2^14 + 1) float32 weights, 590 KB, however many reviews; learned again as reviews grow
// (shouldRetrainAspects). The same reviews always give the same model (seeded order).

import { mergeAspects, tagAspects, type AspectContext } from './aspects';
import { ngramFeatures } from './ngram-model';
import { mulberry32 } from './random';
import { ASPECT_IDS, type AspectId, type AspectMark } from './types';

export const ASPECT_HASH_BITS = 14;
const SIZE = 1 << ASPECT_HASH_BITS;
const MASK = SIZE - 1;
const ROW = SIZE + 1; // the n-gram weights of one aspect, then its bias
const N = ASPECT_IDS.length;

export interface AspectModel {
  version: 1;
  /** Per aspect, in ASPECT_IDS order: SIZE n-gram weights, then the bias. */
  weights: Float32Array;
  /** Reviews it learned from, and how many of them complained about each aspect. */
  trainedOn: number;
  complaints: number[];
  /** Reviews with text the shop had when it was learned (more than trainedOn past the cap). */
  available?: number;
}

/** No label for this aspect of this review. */
const UNKNOWN = -1;

/** One review to learn from: per aspect 1 (complains), 0 (does not) or UNKNOWN; weight of the example. */
export interface AspectExample {
  text: string;
  labels: Int8Array;
  weight: number;
}

/** What a review offers the aspect model. */
export interface AspectSource {
  text: string;
  appendText?: string;
  itemTitle?: string;
  logisticsScore?: number;
  serviceScore?: number;
  /** The seller's own list of what the review complains about, when corrected in the queue. */
  aspectCorrection?: { complaints: AspectId[] };
}

/** How much more a seller's correction weighs than a label read by the rules. */
export const CORRECTION_WEIGHT = 8;

const LOG = ASPECT_IDS.indexOf('logistics');
const SER = ASPECT_IDS.indexOf('service');

/** The text a review is read by: the review and its 追评. */
export function reviewText(r: Pick<AspectSource, 'text' | 'appendText'>): string {
  return r.appendText ? `${r.text}。${r.appendText}` : r.text;
}

/** The labels a stored review teaches; null when it has no text. */
export function aspectLabels(r: AspectSource): AspectExample | null {
  const text = reviewText(r);
  if (!text.trim()) return null;
  const labels = new Int8Array(N);
  if (r.aspectCorrection) {
    const said = new Set(r.aspectCorrection.complaints);
    ASPECT_IDS.forEach((a, i) => (labels[i] = said.has(a) ? 1 : 0));
    return { text, labels, weight: CORRECTION_WEIGHT };
  }
  const found = new Set(tagAspects(text, { title: r.itemTitle ?? '' }).filter((m) => m.polarity === '-').map((m) => m.aspect));
  ASPECT_IDS.forEach((a, i) => (labels[i] = found.has(a) ? 1 : 0));
  const score = (i: number, s: number | undefined) => {
    if (s == null || !Number.isFinite(s)) return;
    if (s <= 2) labels[i] = 1;
    else if (s === 3 && labels[i] === 0) labels[i] = UNKNOWN;
  };
  score(LOG, r.logisticsScore);
  score(SER, r.serviceScore);
  return { text, labels, weight: 1 };
}

export interface AspectTrainOptions {
  epochs?: number;
  l2?: number;
  rate?: number;
  seed?: number;
}

/** Learns the nine models from labelled reviews (the same examples, one pass order, for every aspect). */
export function trainAspectModel(examples: readonly AspectExample[], opts: AspectTrainOptions & { available?: number } = {}): AspectModel {
  const { epochs = 4, l2 = 1e-5, rate = 0.08, seed = 7 } = opts;
  const set = new Set<number>();
  const docs = examples.map((ex) => ({ f: Int32Array.from(ngramFeatures(ex.text, set), (h) => h & MASK), y: ex.labels, w: ex.weight }));
  const weights = new Float32Array(N * ROW);
  const complaints = new Array<number>(N).fill(0);
  const random = mulberry32(seed);
  const order = docs.map((_, i) => i);
  for (let a = 0; a < N; a++) {
    let pos = 0;
    let neg = 0;
    for (const d of docs) {
      if (d.y[a] === 1) pos += d.w;
      else if (d.y[a] === 0) neg += d.w;
    }
    complaints[a] = docs.filter((d) => d.y[a] === 1).length;
    const base = a * ROW;
    const bias = base + SIZE;
    if (pos === 0 || neg === 0) {
      weights[bias] = pos === 0 ? -10 : 10;
      continue;
    }
    weights[bias] = Math.log(pos / neg);
    const g2 = new Float32Array(ROW).fill(1e-8);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const k of order) {
        const d = docs[k]!;
        const y = d.y[a]!;
        if (y === UNKNOWN) continue;
        let z = weights[bias]!;
        for (const i of d.f) z += weights[base + i]!;
        const g = (1 / (1 + Math.exp(-z)) - y) * d.w;
        for (const i of d.f) {
          const gi = g + l2 * weights[base + i]!;
          g2[i]! += gi * gi;
          weights[base + i]! -= (rate * gi) / Math.sqrt(g2[i]!);
        }
        g2[SIZE]! += g * g;
        weights[bias]! -= (rate * g) / Math.sqrt(g2[SIZE]!);
      }
    }
  }
  return { version: 1, weights, trainedOn: docs.length, complaints, ...(opts.available !== undefined ? { available: opts.available } : {}) };
}

/** Per aspect (ASPECT_IDS order), the probability that the text complains about it. */
export function predictAspects(model: AspectModel, text: string, scratch: Set<number> = new Set()): Float64Array {
  const f = ngramFeatures(text, scratch);
  const out = new Float64Array(N);
  for (let a = 0; a < N; a++) {
    const base = a * ROW;
    let z = model.weights[base + SIZE]!;
    for (const h of f) z += model.weights[base + (h & MASK)]!;
    out[a] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/**
 * Above this probability the model's complaint is added to the rules' reading. Chosen on the tune half
 * of the labelled reviews (tests/eval), never on the test half.
 */
export const MODEL_THRESHOLD = 0.9;

/** Fewer reviews than this and the model is not trained: it would only repeat the rules. */
export const MIN_ASPECT_REVIEWS = 200;

/** An aspect the model adds only once it has learned from at least this many complaints of it. */
export const MIN_COMPLAINTS = 20;

/** The complaints the model adds to the rules' reading of a text. */
export function modelComplaints(model: AspectModel, text: string, scratch?: Set<number>): AspectId[] {
  const p = predictAspects(model, text, scratch);
  return ASPECT_IDS.filter((_, i) => model.complaints[i]! >= MIN_COMPLAINTS && p[i]! >= MODEL_THRESHOLD);
}

/** Learn again once there are MIN_ASPECT_REVIEWS reviews with text, then as they grow by a tenth, or after a correction. */
export function shouldRetrainAspects(trainedOn: number | null, available: number, corrected: boolean): boolean {
  if (available < MIN_ASPECT_REVIEWS) return false;
  if (trainedOn == null || corrected) return true;
  return available - trainedOn >= Math.max(20, Math.ceil(trainedOn / 10));
}

export function isAspectModel(v: unknown): v is AspectModel {
  const m = v as AspectModel | undefined;
  return !!m && m.version === 1 && m.weights instanceof Float32Array && m.weights.length === N * ROW && Array.isArray(m.complaints) && m.complaints.length === N;
}

/**
 * A review's aspects: the rules' reading, with the complaints the shop's model adds to a text that
 * complains (`complains`: the text reads negative; over a text that praises, the model adds nothing:
 * measured on the tune half, the model alone added more wrong complaints than right ones there). A
 * complaint the model finds replaces the rules' praise of the same aspect. Without a model, the rules alone.
 */
export function readAspects(text: string, context: AspectContext, model?: AspectModel | null, complains = true, scratch?: Set<number>): AspectMark[] {
  const marks = tagAspects(text, context);
  if (!model || !complains || !text.trim()) return marks;
  const added = modelComplaints(model, text, scratch);
  return added.length === 0 ? marks : mergeAspects(marks, added.map((aspect) => ({ aspect, polarity: '-' as const })));
}
