import { describe, expect, it } from 'vitest';
import { linkGroup, linkGroups, linkPair, linkRefusal, makeLink, MAX_LINK_GROUP, phoneDigits, platformOfKey, platformsOf, withoutLink } from './links';

// A shop that knows one woman, 王女士, three ways: her Taobao buyer id, her Pinduoduo nick + receiver,
// and an older Taobao nick of hers; and an unrelated Pinduoduo buyer.
const TB = 'taobao:id:2200001';
const TB_OLD = 'taobao:nick:王小姐的店铺号';
const PDD = 'pdd:probable:王**|王*|浙江省 杭州市 西湖区';
const OTHER = 'pdd:probable:李**|李*|江苏省 南京市 鼓楼区';
const T = Date.UTC(2026, 11, 7, 2);

describe('关联: linking records by hand (worked examples)', () => {
  it('stores a pair once, in key order, whoever is linked to whom', () => {
    expect(makeLink(TB, PDD, T)).toEqual({ a: PDD, b: TB, at: T });
    expect(makeLink(PDD, TB, T)).toEqual(makeLink(TB, PDD, T));
    expect(linkPair(TB, TB)).toBeNull();
    expect(() => makeLink(TB, TB, T)).toThrow();
  });

  it('a group is every record reachable through the links: TB–PDD and PDD–TB_OLD make one person of three', () => {
    const links = [makeLink(TB, PDD, T), makeLink(PDD, TB_OLD, T)];
    // From the Taobao card: PDD directly, the old nick through PDD (two links away).
    expect(linkGroup(links, TB)).toEqual([{ key: PDD, via: TB, hops: 1 }, { key: TB_OLD, via: PDD, hops: 2 }]);
    // From the Pinduoduo card both are direct links, listed in key order ('taobao:id:…' before 'taobao:nick:…').
    expect(linkGroup(links, PDD)).toEqual([{ key: TB, via: PDD, hops: 1 }, { key: TB_OLD, via: PDD, hops: 1 }]);
    expect(linkGroup(links, OTHER)).toEqual([]);
    expect(linkGroups([...links, makeLink(OTHER, 'taobao:id:9', T)])).toEqual([[OTHER, 'taobao:id:9'], [PDD, TB, TB_OLD].sort()]);
  });

  it('a cycle (the seller linked all three pairs) lists each record once, by its shortest chain', () => {
    const links = [makeLink(TB, PDD, T), makeLink(PDD, TB_OLD, T), makeLink(TB_OLD, TB, T)];
    expect(linkGroup(links, TB).map((m) => [m.key, m.hops])).toEqual([[PDD, 1], [TB_OLD, 1]]);
    expect(linkGroups(links)).toHaveLength(1);
  });

  it('取消关联 undoes one link and nothing else: the chain through it is cut', () => {
    const links = [makeLink(TB, PDD, T), makeLink(PDD, TB_OLD, T)];
    const left = withoutLink(links, TB, PDD);
    expect(left).toEqual([makeLink(PDD, TB_OLD, T)]);
    expect(linkGroup(left, TB)).toEqual([]);
    expect(linkGroup(left, PDD)).toEqual([{ key: TB_OLD, via: PDD, hops: 1 }]);
    // Either order names the same link; a link that is not there leaves everything as it was.
    expect(withoutLink(links, PDD, TB)).toEqual(left);
    expect(withoutLink(links, TB, OTHER)).toEqual(links);
  });

  it('refuses a link to itself, one already in the group (even through another), and a group past the limit', () => {
    const links = [makeLink(TB, PDD, T), makeLink(PDD, TB_OLD, T)];
    expect(linkRefusal(links, TB, TB)).toBe('self');
    expect(linkRefusal(links, TB, PDD)).toBe('linked');
    expect(linkRefusal(links, TB, TB_OLD)).toBe('linked');
    expect(linkRefusal(links, TB, OTHER)).toBeNull();
    // A chain of MAX_LINK_GROUP - 1 records, and one more alone: exactly the limit, accepted; two more are not.
    const chain = Array.from({ length: MAX_LINK_GROUP - 1 }, (_, i) => `pdd:n:${i}`);
    const long = chain.slice(1).map((k, i) => makeLink(chain[i]!, k, T));
    expect(linkRefusal(long, chain[0]!, 'taobao:id:x')).toBeNull();
    expect(linkRefusal([...long, makeLink('taobao:id:x', 'taobao:id:y', T)], chain[0]!, 'taobao:id:x')).toBe('tooMany');
  });

  it('lists at most MAX_LINK_GROUP - 1 others, however many links a damaged file holds', () => {
    const star = Array.from({ length: 40 }, (_, i) => makeLink(TB, `pdd:n:${String(i).padStart(2, '0')}`, T));
    expect(linkGroup(star, TB)).toHaveLength(MAX_LINK_GROUP - 1);
  });

  it('names the platforms of the group, Taobao first', () => {
    expect(platformOfKey(PDD)).toBe('pdd');
    expect(platformOfKey('jd:id:x')).toBe('jd');
    expect(platformOfKey('douyin:id:x')).toBe('douyin');
    expect(platformOfKey('kuaishou:x')).toBeNull();
    expect(platformsOf(['jd:id:x', 'douyin:id:y', PDD, TB])).toEqual(['taobao', 'pdd', 'douyin', 'jd']);
    expect(platformsOf([PDD, TB_OLD, TB])).toEqual(['taobao', 'pdd']);
    expect(platformsOf([OTHER])).toEqual(['pdd']);
  });

  it('compares phones by their digits, without +86, and only phones long enough to identify someone', () => {
    expect(phoneDigits('138 0013 8000')).toBe('13800138000');
    expect(phoneDigits('+86 138-0013-8000')).toBe('13800138000');
    expect(phoneDigits('008613800138000')).toBe('13800138000');
    expect(phoneDigits('0571-8888 6666')).toBe('057188886666');
    expect(phoneDigits('110')).toBeNull();
    expect(phoneDigits('')).toBeNull();
    expect(phoneDigits(undefined)).toBeNull();
  });
});
