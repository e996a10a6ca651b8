// npx tsx tests/eval/read-speed.ts — how long the extension's reader (analyseReview: sentiment, aspects with
// the rules by meaning and the item's title, hidden complaint) takes over 10,000 dev.csv reviews in Node, with
// the lexicon alone and with both of the shop's models (sentiment learned from 5,000 rated reviews, aspects
// from the unlabelled pool). The browser bench (npm run bench, BENCH_ONLY=reviews) measures the same in a page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsvRecords } from '../../utils/crm/csv';
import { trainModel } from '../../utils/crm/ngram-model';
import { analyseReview } from '../../utils/crm/review-analysis';
import { trainOn, unlabelledPool } from './aspect-model-eval';
import { readExtraRows, REVIEWS_DIR, TITLE_OF_CATEGORY } from './aspects-measure';
import { examplesFromRecords, shuffled } from './train-data';

const dev = parseCsvRecords(readFileSync(path.join(REVIEWS_DIR, 'dev.csv'), 'utf8'));
const order = shuffled(dev, 2026);
const rows = order.slice(0, 10000).map((r) => ({ text: r.review ?? '', itemTitle: TITLE_OF_CATEGORY[r.cat ?? ''] ?? '', rating: r.label === '1' ? 5 : 1 }));
const sentiment = trainModel(examplesFromRecords(order.slice(10000, 15000)));
const aspects = trainOn(unlabelledPool(REVIEWS_DIR, readExtraRows(path.join(REVIEWS_DIR, 'dev.csv'))).slice(0, 10000));
const time = (f: () => void) => { f(); const t0 = performance.now(); f(); return Math.round(performance.now() - t0); };
const scratch = new Set<number>();
const lexicon = time(() => { for (const r of rows) analyseReview(r, null, scratch, null); });
const both = time(() => { for (const r of rows) analyseReview(r, sentiment, scratch, aspects); });
console.log(JSON.stringify({ reviews: rows.length, lexiconMs: lexicon, bothModelsMs: both, modelBytes: sentiment.weights.byteLength + aspects.weights.byteLength }));
