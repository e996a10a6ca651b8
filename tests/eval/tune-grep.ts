// npx tsx tests/eval/tune-grep.ts ASPECT REGEX [--show] [--cat=CATEGORY]
// What a candidate rule would do on the TUNE split only (the test split is filtered out before anything
// is read): of the tune reviews the regex matches, how many complain about ASPECT by their labels, how
// many of those the rules miss today (what the rule would add) and how many matched reviews do not
// complain about it (what it would add wrongly, where the rules do not already say so). --show lists them.
import path from 'node:path';
import { parseAspects, tagAspects } from '../../utils/crm/aspects';
import { readExtraRows, REVIEWS_DIR, TITLE_OF_CATEGORY } from './aspects-measure';

const [aspect, source] = process.argv.slice(2);
if (!aspect || !source) throw new Error('usage: tune-grep.ts ASPECT REGEX [--show]');
const re = new RegExp(source);
const cat = process.argv.find((a) => a.startsWith('--cat='))?.slice(6);
const tune = readExtraRows(path.join(REVIEWS_DIR, 'dev.csv')).filter((r) => r.split === 'tune' && (!cat || r.cat === cat));
let matched = 0, gold = 0, gain = 0, wrong = 0;
const lines: string[] = [];
for (const r of tune) {
  const m = re.exec(r.review);
  if (!m) continue;
  matched++;
  const g = parseAspects(r.aspects).some((x) => x.aspect === aspect && x.polarity === '-');
  const has = tagAspects(r.review, { title: TITLE_OF_CATEGORY[r.cat] ?? '' }).some((x) => x.aspect === aspect && x.polarity === '-');
  if (g) gold++;
  if (g && !has) gain++;
  if (!g && !has) wrong++;
  const tag = g ? (has ? 'had ' : 'GAIN') : has ? 'fp  ' : 'WRONG';
  const at = Math.max(0, m.index - 30);
  lines.push(`${tag}\t${r.cat}\t${r.aspects}\t…${r.review.slice(at, m.index + m[0].length + 30).replace(/\s+/g, ' ')}…`);
}
console.log(JSON.stringify({ matched, gold, gain, wrong }));
if (process.argv.includes('--show')) for (const l of lines) console.log(l);
