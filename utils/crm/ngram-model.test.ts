import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_BITS, isModel, ngramFeatures, predictPraise, trainModel, type Example } from './ngram-model';

// A shop whose buyers praise with 绝绝子 and complain with 踩雷: words no lexicon of ours knows.
const shop: Example[] = [];
for (let i = 0; i < 60; i++) {
  shop.push({ text: `第${i}次买，绝绝子，茶汤透亮`, label: 1 });
  shop.push({ text: `第${i}次买，踩雷了，茶汤浑浊`, label: 0 });
}

describe('the shop\'s own n-gram model', () => {
  it('n-grams: each 1-, 2- and 3-gram once, in 2^18 buckets, whatever the width and case', () => {
    const f = ngramFeatures('好茶');
    // boundary + 好 + 茶 + boundary: 4 unigrams, 3 bigrams, 2 trigrams.
    expect(f.size).toBeLessThanOrEqual(9);
    expect(f.size).toBeGreaterThanOrEqual(8);
    expect([...ngramFeatures('ＡＢＣ')]).toEqual([...ngramFeatures('abc')]);
    fc.assert(fc.property(fc.string(), (s) => [...ngramFeatures(s)].every((i) => Number.isInteger(i) && i >= 0 && i < 2 ** HASH_BITS)));
  });

  it('learns the shop\'s words from its rated reviews', () => {
    const model = trainModel(shop);
    expect(model.trainedOn).toEqual({ pos: 60, neg: 60 });
    // The same sentence with the shop's word of praise or of complaint in it reads differently.
    const plain = predictPraise(model, '又买了');
    expect(predictPraise(model, '又买了，绝绝子')).toBeGreaterThan(plain + 0.2);
    expect(predictPraise(model, '又买了，踩雷')).toBeLessThan(plain - 0.05);
    expect(predictPraise(model, '又买了，绝绝子')).toBeGreaterThan(predictPraise(model, '又买了，踩雷') + 0.3);
    expect(isModel(model)).toBe(true);
    expect(model.weights.byteLength).toBeLessThan(2 * 1024 * 1024);
  });

  it('the same reviews give the same model (seeded order)', () => {
    const a = trainModel(shop);
    const b = trainModel([...shop]);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
  });

  it('with one label only it learns nothing and reads like the lexicon', () => {
    const model = trainModel(shop.filter((e) => e.label === 1));
    expect(predictPraise(model, '质量很好')).toBeGreaterThan(0.5);
    expect(predictPraise(model, '质量很差')).toBeLessThan(0.5);
  });

  it('rejects what is not a model of this version', () => {
    expect(isModel(null)).toBe(false);
    expect(isModel({ version: 1, weights: new Float32Array(3), trainedOn: { pos: 1, neg: 1 } })).toBe(false);
  });
});
