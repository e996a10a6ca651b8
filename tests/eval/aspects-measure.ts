// Measures the aspect tagger (utils/crm/aspects.ts) on the hand-labelled reviews in
// ../shared/data/reviews/aspects-dev.csv: per-aspect and micro-averaged F1 of the complaint ('-')
// labels (the figure that counts, ASPECTS.md), and micro-F1 of the praise ('+') labels.
// Run: npx tsx tests/eval/aspects-measure.ts [--errors]   (prints JSON; --errors also lists misses)
// The data is for measuring only; nothing from it is used by the tagger.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatAspects, parseAspects } from '../../utils/crm/aspects';
import { readAspects, type AspectModel } from '../../utils/crm/aspect-model';
import { readText } from '../../utils/crm/review-analysis';
import { parseCsv } from '../../utils/crm/csv';
import { ASPECT_IDS, type AspectId } from '../../utils/crm/types';

export interface LabelledReview {
  id: string;
  cat: string;
  aspects: string;
  review: string;
}

/** The rows of aspects-dev.csv as objects (columns id,cat,label,aspects,review). */
export function readAspectRows(file: string): LabelledReview[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  if (!header) return [];
  const col = (name: string) => header.indexOf(name);
  const [ci, cc, ca, cr] = [col('id'), col('cat'), col('aspects'), col('review')];
  return rows
    .filter((r) => r.length >= header.length)
    .map((r) => ({ id: r[ci] ?? '', cat: r[cc] ?? '', aspects: r[ca] ?? '', review: r[cr] ?? '' }));
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface AspectFigures {
  rows: number;
  complaintMicroF1: number;
  complaintMicro: Counts & { precision: number; recall: number };
  complaintPerAspect: Record<AspectId, Counts & { f1: number; support: number }>;
  praiseMicroF1: number;
  praiseMicro: Counts & { precision: number; recall: number };
  msPerReview: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (c: Counts) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The item title a review of each corpus category would sit under in a shop (the category's plain
 * product name, fixed by the category alone). In the extension every review has its item's title;
 * tagAspects reads the product kind from it.
 */
export const TITLE_OF_CATEGORY: Readonly<Record<string, string>> = {
  书籍: '图书', 平板: '平板电脑', 手机: '手机', 水果: '新鲜水果', 洗发水: '洗发水', 热水器: '电热水器', 蒙牛: '蒙牛牛奶',
  衣服: '衣服', 计算机: '笔记本电脑',
};

// As analyseReview reads a review: the model adds complaints only to a text that reads negative.
const tagRow = (r: LabelledReview, titles: boolean, model?: AspectModel | null) =>
  readAspects(r.review, titles ? { title: TITLE_OF_CATEGORY[r.cat] ?? '' } : {}, model, !!model && readText(r.review)?.sentiment === 'neg');

/**
 * Scores the reading against the labels; with titles (the default) each review has its category's item
 * title; with a model, the shop's aspect model adds its complaints (readAspects).
 */
export function measureAspects(rows: readonly LabelledReview[], titles = true, model: AspectModel | null = null): AspectFigures {
  const per = Object.fromEntries(ASPECT_IDS.map((a) => [a, { tp: 0, fp: 0, fn: 0 }])) as Record<AspectId, Counts>;
  const neg: Counts = { tp: 0, fp: 0, fn: 0 };
  const pos: Counts = { tp: 0, fp: 0, fn: 0 };
  const t0 = performance.now();
  const predicted = rows.map((r) => tagRow(r, titles, model));
  const ms = performance.now() - t0;
  rows.forEach((r, i) => {
    const gold = new Set(parseAspects(r.aspects).map((m) => `${m.aspect}:${m.polarity}`));
    const got = new Set(predicted[i]!.map((m) => `${m.aspect}:${m.polarity}`));
    for (const a of ASPECT_IDS) {
      for (const [sign, c] of [['-', neg], ['+', pos]] as const) {
        const key = `${a}:${sign}`;
        const g = gold.has(key), p = got.has(key);
        if (g && p) c.tp++;
        else if (p) c.fp++;
        else if (g) c.fn++;
        if (sign === '-') {
          if (g && p) per[a].tp++;
          else if (p) per[a].fp++;
          else if (g) per[a].fn++;
        }
      }
    }
  });
  const withPr = (c: Counts) => ({ ...c, precision: round(ratio(c.tp, c.tp + c.fp)), recall: round(ratio(c.tp, c.tp + c.fn)) });
  return {
    rows: rows.length,
    complaintMicroF1: round(f1(neg)),
    complaintMicro: withPr(neg),
    complaintPerAspect: Object.fromEntries(
      ASPECT_IDS.map((a) => [a, { ...per[a], support: per[a].tp + per[a].fn, f1: round(f1(per[a])) }]),
    ) as AspectFigures['complaintPerAspect'],
    praiseMicroF1: round(f1(pos)),
    praiseMicro: withPr(pos),
    msPerReview: rows.length ? Math.round((ms / rows.length) * 10000) / 10000 : 0,
  };
}

/** ../shared/data/reviews, relative to the project root (the working directory). */
export const REVIEWS_DIR = path.resolve(process.cwd(), '../shared/data/reviews');
export const ASPECTS_DEV = path.join(REVIEWS_DIR, 'aspects-dev.csv');

function printErrors(rows: readonly LabelledReview[]): void {
  for (const r of rows) {
    const got = formatAspects(tagRow(r, true));
    const gold = formatAspects(parseAspects(r.aspects));
    const g = new Set(gold.split(';').filter((x) => x.endsWith('-')));
    const p = new Set(got.split(';').filter((x) => x.endsWith('-')));
    if ([...g].some((x) => !p.has(x)) || [...p].some((x) => !g.has(x))) {
      console.log(`${r.id}\t${r.cat}\tgold=${gold}\tgot=${got}\t${r.review.slice(0, 200).replace(/\s+/g, ' ')}`);
    }
  }
}

function main(): void {
  if (process.argv.includes('--tune-errors')) {
    // the misses of the tune half only: the test half is never printed
    const tune = readExtraRows(path.join(REVIEWS_DIR, 'dev.csv')).filter((r) => r.split === 'tune');
    console.log(JSON.stringify(summary(measureAspects(tune))));
    printErrors(tune);
    return;
  }
  if (!existsSync(ASPECTS_DEV)) {
    console.log(`aspects-measure: ${ASPECTS_DEV} is absent (../shared/data not available); nothing to measure.`);
    return;
  }
  const rows = readAspectRows(ASPECTS_DEV);
  console.log(JSON.stringify(measureAspects(rows), null, 2));
  if (process.argv.includes('--errors')) printErrors(rows);
}


// ---- Untuned data (issue 19) ----
// tests/eval/labels/aspects-extra-*.csv: 612 more reviews of dev.csv (68 per category, none of
// aspects-dev.csv), labelled with aspects by readers who never saw the tagger (three helpers following
// ASPECTS.md, each reading every review). Only ids and labels are kept here; the text is joined from
// ../shared/data/reviews/dev.csv. The split below was fixed before any rule was changed: the `test` half
// is never looked at while rules change (its misses are not printed); `tune` may be.

export const EXTRA_LABELS = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => path.resolve(import.meta.dirname, `labels/aspects-extra-${k}.csv`));
/**
 * 2,250 more reviews, all in the tune half whatever their hash, labelled the same way, for studying the
 * kinds of complaint: t1–t3, 450 complaints (label 0) picked because their text has a word near 货不对板
 * (图, 描述, 赠, 少了, 不一样…); t4–t6, 600 complaints drawn at random (no 蒙牛 posts); t7–t9, 600 reviews
 * of any label drawn at random from the device and book categories; t10–t12, 600 reviews of any label and
 * category but 蒙牛. Picked apart from the hash split (and t1–t3 by a word list), they are never test data.
 */
export const TUNE_ONLY_LABELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((k) => path.resolve(import.meta.dirname, `labels/aspects-tune-t${k}.csv`));

/** The half a labelled review belongs to, by a keyed hash of its id (fixed; about half each). */
export function splitOf(id: string): 'tune' | 'test' {
  let h = 2166136261;
  for (const ch of `laoke-aspect-split:${id}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h % 2 === 0 ? 'test' : 'tune';
}

/** The extra labelled reviews with their text from dev.csv (rows whose id dev.csv lacks are left out). */
export function readExtraRows(devFile: string): (LabelledReview & { split: 'tune' | 'test' })[] {
  const text = new Map<string, string>();
  const [header, ...dev] = parseCsv(readFileSync(devFile, 'utf8').replace(/^\uFEFF/, ''));
  const [ci, cr] = [header!.indexOf('id'), header!.indexOf('review')];
  for (const r of dev) if (r[ci]) text.set(r[ci]!, r[cr] ?? '');
  const read = (file: string, split: (id: string) => 'tune' | 'test') => {
    const [h, ...rows] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    const [i, c, a] = [h!.indexOf('id'), h!.indexOf('cat'), h!.indexOf('aspects')];
    return rows.filter((r) => text.has(r[i] ?? '')).map((r) => ({ id: r[i]!, cat: r[c] ?? '', aspects: r[a] ?? '', review: text.get(r[i]!)!, split: split(r[i]!) }));
  };
  return [...EXTRA_LABELS.flatMap((f) => read(f, splitOf)), ...TUNE_ONLY_LABELS.flatMap((f) => read(f, () => 'tune' as const))];
}

/** The figures a README quotes: micro-F1 with precision and recall, per aspect F1 and recall, n. */
export function summary(f: AspectFigures) {
  return {
    n: f.rows, microF1: f.complaintMicroF1, precision: f.complaintMicro.precision, recall: f.complaintMicro.recall,
    perAspectF1: Object.fromEntries(Object.entries(f.complaintPerAspect).map(([a, c]) => [a, c.f1])),
    perAspectRecall: Object.fromEntries(Object.entries(f.complaintPerAspect).map(([a, c]) => [a, round(ratio(c.tp, c.tp + c.fn))])),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
