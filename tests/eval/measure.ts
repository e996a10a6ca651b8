// npm run eval:reviews:measure — the figures the README quotes, measured on ../shared/data/reviews with
// the extension's own code (the same as npm run eval:reviews): lexicon-only accuracy on dev.csv, accuracy
// after learning from 5,000 rated reviews (on the other dev reviews), 5-fold accuracy learning from the
// rest, complaint-aspect micro-F1 on aspects-dev.csv, model size. A `neu` answer counts as wrong: the
// corpus is labelled praise/complaint only.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsvRecords } from '../../utils/crm/csv';
import { trainModel } from '../../utils/crm/ngram-model';
import { measureAspects, readAspectRows, readExtraRows, summary } from './aspects-measure';
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

const aspects = measureAspects(readAspectRows(path.join(DIR, 'aspects-dev.csv')));
out.complaintAspects = {
  microF1: aspects.complaintMicroF1, precision: aspects.complaintMicro.precision, recall: aspects.complaintMicro.recall,
  perAspect: Object.fromEntries(Object.entries(aspects.complaintPerAspect).map(([a, c]) => [a, c.f1])), n: aspects.rows,
};
out.praiseAspectsMicroF1 = aspects.praiseMicroF1;

// Untuned: the 612 reviews labelled apart (tests/eval/labels), never used to write a rule. `test` is the
// half kept aside for good; `all` counts the whole set while no rule has been tuned on any of it; per
// category, the test half of each category (a category the rules never saw, for a rule tuned on the others).
const extra = readExtraRows(path.join(DIR, 'dev.csv'));
const test = extra.filter((r) => r.split === 'test');
const cats = [...new Set(extra.map((r) => r.cat))].sort();
out.complaintAspectsUntuned = {
  test: summary(measureAspects(test)),
  all: summary(measureAspects(extra)),
  testPerCategory: Object.fromEntries(cats.map((c) => [c, ((s) => ({ n: s.n, microF1: s.microF1 }))(summary(measureAspects(test.filter((r) => r.cat === c))))])),
};
console.log(JSON.stringify(out, null, 2));
