// The shop's aspect model (utils/crm/aspect-model.ts) measured as a shop would grow it: learned from
// reviews nobody labelled (dev.csv without any of the labelled reviews), labels read by the rules as in
// the extension, then scored with the rules on the labelled reviews. Leave one category out: the model
// of each category's shop is learned from the other eight categories only, so no word of the category
// measured was ever learned from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { aspectLabels, trainAspectModel, type AspectExample, type AspectModel } from '../../utils/crm/aspect-model';
import { parseCsvRecords } from '../../utils/crm/csv';
import { readAspectRows, TITLE_OF_CATEGORY, type LabelledReview } from './aspects-measure';

/** dev.csv reviews that are in no labelled set: what a shop would learn from. */
export function unlabelledPool(dir: string, labelled: readonly LabelledReview[]): { cat: string; review: string }[] {
  const taken = new Set([...labelled.map((r) => r.id), ...readAspectRows(path.join(dir, 'aspects-dev.csv')).map((r) => r.id)]);
  return parseCsvRecords(readFileSync(path.join(dir, 'dev.csv'), 'utf8'))
    .filter((r) => r.id && !taken.has(r.id) && (r.review ?? '').trim())
    .map((r) => ({ cat: r.cat ?? '', review: r.review! }));
}

export function examplesOf(pool: readonly { cat: string; review: string }[]): AspectExample[] {
  return pool.flatMap((r) => {
    const ex = aspectLabels({ text: r.review, itemTitle: TITLE_OF_CATEGORY[r.cat] ?? '' });
    return ex ? [ex] : [];
  });
}

export function trainOn(pool: readonly { cat: string; review: string }[]): AspectModel {
  return trainAspectModel(examplesOf(pool));
}
