import { describe, expect, it } from 'vitest';
import { lexiconSentiment, readLexicon } from './sentiment';

describe('lexicon sentiment', () => {
  it.each([
    ['质量很好，物流也快', 'pos'],
    ['不好', 'neg'],
    ['质量不好', 'neg'],
    ['不错不错，下次还来', 'pos'],
    ['一点也不贵', 'pos'],
    ['不太好用', 'neg'],
    ['好慢啊', 'neg'], // 好 before a complaint is a degree word
    ['衣服有点大', 'neg'], // too much of a neutral property
    ['质量不错，就是物流太慢', 'neg'], // what follows a contrast counts more
    ['虽然物流慢，但是东西很好', 'pos'],
    ['没有色差，很满意', 'pos'],
    ['呵呵', 'neg'], // a sneer on Chinese shopping sites
    ['👍👍', 'pos'],
    ['能吃吗？', 'neg'], // a rhetorical question
    ['不能开机', 'neg'], // a negation with nothing to turn: something missing or failing
    ['收到了，还没用', 'neu'], // 还没 is "not yet", not a complaint
    ['快递今天到的', 'neu'], // 快递 is not 快
    ['', 'neu'],
  ] as const)('%s → %s', (text, want) => {
    expect(lexiconSentiment(text)).toBe(want);
  });

  it('degree words scale: 非常好 weighs more than 好, 有点好 less', () => {
    expect(readLexicon('非常好').score).toBeGreaterThan(readLexicon('好').score);
    expect(readLexicon('比较好').score).toBeLessThan(readLexicon('好').score);
  });

  it('a negated complaint is weaker praise than the praise word: 不贵 < 便宜 would be odd the other way', () => {
    expect(readLexicon('不贵').score).toBeGreaterThan(0);
    expect(readLexicon('不贵').score).toBeLessThan(readLexicon('实惠').score);
  });

  it('counts its cues and remembers a turn', () => {
    const r = readLexicon('包装很好，但是味道一般');
    expect(r.cues).toBe(2);
    expect(r.turned).toBe(true);
    expect(r.last).toBeLessThan(0);
  });
});
