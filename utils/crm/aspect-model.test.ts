import { describe, expect, it } from 'vitest';
import {
  aspectLabels, CORRECTION_WEIGHT, isAspectModel, MIN_ASPECT_REVIEWS, modelComplaints, readAspects, shouldRetrainAspects, trainAspectModel,
  type AspectExample,
} from './aspect-model';
import { ASPECT_IDS } from './types';

const at = (a: string) => ASPECT_IDS.indexOf(a as (typeof ASPECT_IDS)[number]);

/** A shop selling vacuum cleaners: its buyers say 吸头没给 (a part missing), words no rule knows. */
function shop(): AspectExample[] {
  const out: AspectExample[] = [];
  const fine = ['吸力很大，很好用', '声音小，家里干净多了', '东西不错，物流也快', '很满意，推荐', '颜值高，操作简单', '充电快，续航久'];
  for (let i = 0; i < 240; i++) out.push(aspectLabels({ text: `${fine[i % fine.length]}${i}` })!);
  const missing = ['吸头没给', '吸头没配', '缺吸头', '吸头也没有附上', '收到发现吸头没给'];
  for (let i = 0; i < 60; i++) {
    out.push(aspectLabels({ text: `${missing[i % missing.length]}，第${i}次买了`, aspectCorrection: { complaints: ['mismatch'] } })!);
  }
  return out;
}

describe('aspect labels from the shop\'s own reviews', () => {
  it('the seller\'s correction is the truth for every aspect, weighed more', () => {
    const ex = aspectLabels({ text: '快递太慢了', aspectCorrection: { complaints: ['mismatch'] } })!;
    expect(ex.weight).toBe(CORRECTION_WEIGHT);
    expect(ex.labels[at('mismatch')]).toBe(1);
    expect(ex.labels[at('logistics')]).toBe(0); // the seller said: not a logistics complaint
  });

  it('Pinduoduo scores: 物流 1–2 is a logistics complaint, 3 says nothing, 4–5 none', () => {
    expect(aspectLabels({ text: '东西还行', logisticsScore: 1 })!.labels[at('logistics')]).toBe(1);
    expect(aspectLabels({ text: '东西还行', logisticsScore: 3 })!.labels[at('logistics')]).toBe(-1);
    expect(aspectLabels({ text: '东西还行', logisticsScore: 5 })!.labels[at('logistics')]).toBe(0);
    expect(aspectLabels({ text: '东西还行', serviceScore: 2 })!.labels[at('service')]).toBe(1);
    // the text's own complaint stands over a middling score
    expect(aspectLabels({ text: '快递太慢了，等了五天', logisticsScore: 3 })!.labels[at('logistics')]).toBe(1);
  });

  it('the rules label the rest; a review without text teaches nothing', () => {
    const ex = aspectLabels({ text: '包装破损，瓶子都压坏了' })!;
    expect(ex.weight).toBe(1);
    expect(ex.labels[at('damage')]).toBe(1);
    expect(ex.labels[at('price')]).toBe(0);
    expect(aspectLabels({ text: '  ' })).toBeNull();
  });
});

describe('the shop\'s aspect model', () => {
  it('learns the shop\'s own words from corrections: 吸头没给 is 货不对板, which the rules alone miss', () => {
    const model = trainAspectModel(shop());
    expect(isAspectModel(model)).toBe(true);
    expect(model.complaints[at('mismatch')]).toBe(60);
    const text = '这次吸头又没给，差评';
    expect(readAspects(text, {}).some((m) => m.aspect === 'mismatch')).toBe(false);
    expect(modelComplaints(model, text)).toContain('mismatch');
    expect(readAspects(text, {}, model, true)).toContainEqual({ aspect: 'mismatch', polarity: '-' });
    // over a text that reads as praise, the model adds nothing
    expect(readAspects(text, {}, model, false).some((m) => m.aspect === 'mismatch')).toBe(false);
    // and a review of the shop without the words gets no complaint from it
    expect(modelComplaints(model, '吸力很大，很满意')).toEqual([]);
  });

  it('an aspect with fewer than 20 complaints learned adds nothing', () => {
    const few = shop().slice(0, 255); // 240 fine reviews, 15 corrected
    const model = trainAspectModel(few);
    expect(model.complaints[at('mismatch')]).toBe(15);
    expect(modelComplaints(model, '吸头没给，差评')).toEqual([]);
  });

  it('is of fixed size and the same reviews give the same model', () => {
    const a = trainAspectModel(shop());
    const b = trainAspectModel(shop());
    expect(a.weights.byteLength).toBe(9 * ((1 << 14) + 1) * 4); // 589,860 bytes
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
  });

  it('learns again at 200 reviews, then as they grow by a tenth (at least 20), or at once after a correction', () => {
    expect(shouldRetrainAspects(null, MIN_ASPECT_REVIEWS - 1, false)).toBe(false);
    expect(shouldRetrainAspects(null, 200, false)).toBe(true);
    expect(shouldRetrainAspects(200, 219, false)).toBe(false);
    expect(shouldRetrainAspects(200, 220, false)).toBe(true);
    expect(shouldRetrainAspects(1000, 1099, false)).toBe(false);
    expect(shouldRetrainAspects(1000, 1100, false)).toBe(true);
    expect(shouldRetrainAspects(1000, 1000, true)).toBe(true);
    expect(shouldRetrainAspects(150, 150, true)).toBe(false);
  });
});
