// npm run --silent eval:reviews -- INPUT.csv [--train TRAIN.csv]
// Reads a CSV with `id` and `review` columns (others ignored), optionally first learns from TRAIN.csv
// (`review`, and `label` 1/0 or `stars` 1–5) as the extension learns from the shop's rated reviews, and
// writes `id,sentiment,aspects` to stdout: sentiment pos|neu|neg, aspects as in ASPECTS.md
// (`quality:-;price:+`). It runs the extension's own code: utils/crm/review-analysis.ts.
import { readFileSync } from 'node:fs';
import { formatAspects, tagAspects } from '../../utils/crm/aspects';
import { parseCsvRecords, toPlainCsv } from '../../utils/crm/csv';
import { trainModel } from '../../utils/crm/ngram-model';
import { readText } from '../../utils/crm/review-analysis';
import { examplesFromRecords } from './train-data';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run --silent eval:reviews -- INPUT.csv [--train TRAIN.csv]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let input: string | undefined;
let train: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--train') train = args[++i] ?? usage('--train needs a file');
  else if (args[i]!.startsWith('--train=')) train = args[i]!.slice('--train='.length);
  else if (!input) input = args[i];
  else usage(`unexpected argument ${args[i]}`);
}
if (!input) usage('INPUT.csv is missing');

const records = parseCsvRecords(readFileSync(input, 'utf8'));
if (records.length > 0 && !('review' in records[0]! && 'id' in records[0]!)) usage(`${input} needs the columns id and review`);
const model = train ? trainModel(examplesFromRecords(parseCsvRecords(readFileSync(train, 'utf8')), train)) : null;

const rows: string[][] = [['id', 'sentiment', 'aspects']];
const scratch = new Set<number>();
for (const r of records) {
  const text = r.review ?? '';
  rows.push([r.id ?? '', readText(text, model, scratch)?.sentiment ?? 'neu', formatAspects(tagAspects(text))]);
}
// For programs, not Excel: no byte order mark, LF, ids exactly as they came.
process.stdout.write(toPlainCsv(rows));
