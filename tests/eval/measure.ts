// npm run eval:reviews:measure — the figures the README quotes, measured on ../shared/data/reviews with
// the extension's own code (the same as npm run eval:reviews): lexicon-only accuracy on dev.csv, accuracy
// after learning from 5,000 rated reviews (on the other dev reviews), 5-fold accuracy learning from the
// rest, complaint-aspect micro-F1 on aspects-dev.csv, model size. A `neu` answer counts as wrong: the
// corpus is labelled praise/complaint only.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatAspects, parseAspects, tagAspects } from '../../utils/crm/aspects';
import { parseCsvRecords } from '../../utils/crm/csv';
import { trainModel } from '../../utils/crm/ngram-model';
import { ASPECT_IDS } from '../../utils/crm/types';
import { examplesFromRecords, shuffled, sentimentAccuracy } from './train-data';

const DIR = path.resolve(process.cwd(), '../shared/data/reviews');
if (!existsSync(path.join(DIR, 'dev.csv'))) {
  console.log(JSON.stringify({ skipped: `${DIR} is absent: the review corpus is not part of the repository` }));
  process.exit(0);
}
const dev = parseCsvRecords(readFileSync(path.join(DIR, 'dev.csv'), 'utf8'));
const folds = Number(process.argv[2] ?? 5);


const accuracy = sentimentAccuracy;

const out: Record<string, unknown> = {};
out.lexiconOnly = accuracy(dev, null);

const order = shuffled(dev, 2026);
const t0 = performance.now();
const model5k = trainModel(examplesFromRecords(order.slice(0, 5000)));
out.after5000 = { ...accuracy(order.slice(5000), model5k), trainMs: Math.round(performance.now() - t0) };

const foldAcc: number[] = [];
const size = Math.ceil(order.length / folds);
for (let k = 0; k < folds; k++) {
  const test = order.slice(k * size, (k + 1) * size);
  const model = trainModel(examplesFromRecords([...order.slice(0, k * size), ...order.slice((k + 1) * size)]));
  foldAcc.push(accuracy(test, model).accuracy);
}
out.crossValidated = { folds, accuracy: +(foldAcc.reduce((a, b) => a + b, 0) / folds).toFixed(4), perFold: foldAcc };
out.modelBytes = model5k.weights.byteLength;

const labelled = parseCsvRecords(readFileSync(path.join(DIR, 'aspects-dev.csv'), 'utf8'));
const counts = new Map<string, { tp: number; fp: number; fn: number }>(ASPECT_IDS.map((a) => [a, { tp: 0, fp: 0, fn: 0 }]));
for (const r of labelled) {
  const truth = new Set(parseAspects(r.aspects ?? '').filter((m) => m.polarity === '-').map((m) => m.aspect));
  const guess = new Set(parseAspects(formatAspects(tagAspects(r.review ?? ''))).filter((m) => m.polarity === '-').map((m) => m.aspect));
  for (const a of ASPECT_IDS) {
    const c = counts.get(a)!;
    if (truth.has(a) && guess.has(a)) c.tp++;
    else if (guess.has(a)) c.fp++;
    else if (truth.has(a)) c.fn++;
  }
}
const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => (tp === 0 ? 0 : +((2 * tp) / (2 * tp + fp + fn)).toFixed(3));
const total = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
out.complaintAspects = { microF1: f1(total), perAspect: Object.fromEntries([...counts].map(([a, c]) => [a, f1(c)])), n: labelled.length };
console.log(JSON.stringify(out, null, 2));
