// npx tsx tests/eval/tune-misses.ts [--hash] [--aspect=ID] [--fn|--fp] [--model]
// The misses of the TUNE split only (never the test split), one line each, for reading while rules
// change: --hash keeps only the tune half of the hash split (aspects-extra-*, the rows most like the
// test half); --aspect limits to one complaint aspect; --fn / --fp to what was missed / wrongly read;
// --model reads with the shop's aspect model learned from the unlabelled pool, as the measure does.
// Prints the counts per aspect first. The test split is filtered out before anything is read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAspects } from '../../utils/crm/aspects';
import { readAspects } from '../../utils/crm/aspect-model';
import { readText } from '../../utils/crm/review-analysis';
import { ASPECT_IDS } from '../../utils/crm/types';
import { trainOn, unlabelledPool } from './aspect-model-eval';
import { EXTRA_LABELS, readExtraRows, REVIEWS_DIR } from './aspects-measure';

const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}`));
const all = readExtraRows(path.join(REVIEWS_DIR, 'dev.csv'));
const tune = all.filter((r) => r.split === 'tune');
// ids of the hash-split files (aspects-extra-*); with --hash only their tune rows are read
const hashIds = new Set(EXTRA_LABELS.flatMap((f) => readFileSync(f, 'utf8').replace(/^\uFEFF/, '').split('\n').slice(1).map((l) => l.split(',')[0] ?? '')));
const rows = arg('hash') ? tune.filter((r) => hashIds.has(r.id)) : tune;
const model = arg('model') ? trainOn(unlabelledPool(REVIEWS_DIR, all)) : null;
const only = arg('aspect')?.split('=')[1];
const counts = Object.fromEntries(ASPECT_IDS.map((a) => [a, { tp: 0, fp: 0, fn: 0 }]));
const lines: string[] = [];
for (const r of rows) {
  const title = { title: ({ 书籍: '图书', 平板: '平板电脑', 手机: '手机', 水果: '新鲜水果', 洗发水: '洗发水', 热水器: '电热水器', 蒙牛: '蒙牛牛奶', 衣服: '衣服', 计算机: '笔记本电脑' } as Record<string, string>)[r.cat] ?? '' };
  const got = readAspects(r.review, title, model, !!model && readText(r.review)?.sentiment === 'neg');
  const g = new Set(parseAspects(r.aspects).filter((m) => m.polarity === '-').map((m) => m.aspect));
  const p = new Set(got.filter((m) => m.polarity === '-').map((m) => m.aspect));
  const fn = [...g].filter((a) => !p.has(a));
  const fp = [...p].filter((a) => !g.has(a));
  for (const a of ASPECT_IDS) {
    if (g.has(a) && p.has(a)) counts[a]!.tp++;
    else if (p.has(a)) counts[a]!.fp++;
    else if (g.has(a)) counts[a]!.fn++;
  }
  const pick = (xs: string[]) => (only ? xs.filter((a) => a === only) : xs);
  const show = arg('fn') ? pick(fn).length > 0 : arg('fp') ? pick(fp).length > 0 : pick(fn).length + pick(fp).length > 0;
  if (show) lines.push(`${r.id}\t${r.cat}\tgold=${r.aspects}\tmissed=${fn.join(',')}\twrong=${fp.join(',')}\t${r.review.slice(0, 220).replace(/\s+/g, ' ')}`);
}
let tp = 0, fp = 0, fn = 0;
for (const c of Object.values(counts)) { tp += c.tp; fp += c.fp; fn += c.fn; }
console.log(JSON.stringify({ n: rows.length, microF1: +(2 * tp / (2 * tp + fp + fn)).toFixed(3), tp, fp, fn, counts }));
for (const l of lines) console.log(l);
