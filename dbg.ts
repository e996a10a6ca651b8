import { MEANING_RULES } from './utils/crm/lexicon/aspects';
import { tagAspects, formatAspects } from './utils/crm/aspects';
for (const t of process.argv.slice(2)) {
  console.log(formatAspects(tagAspects(t, { title: process.env.T ?? '' })));
  MEANING_RULES.forEach((r, i) => { const m = t.match(r.re); if (m) console.log('  rule', i, r.a, m[0]); });
}
