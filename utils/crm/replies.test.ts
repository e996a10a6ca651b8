import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STYLE, TOO_SIMILAR, allPhrases, draftReplies, learnStyle, replySimilarity, shortItemTitle, type ReplyInput, type ReplyStyle,
} from './replies';
import { lintClaims } from './claims';
import { ASPECT_IDS, type AspectId } from './types';

const TEA = '【限时特惠】正山小种 红茶 2024新茶 浓香型 礼盒装 500g';
const TEA_TIP = '建议用90度左右的水冲泡，头泡快出汤。可以续泡五六次，茶汤依然醇厚。';

const review = (over: Partial<ReplyInput> = {}): ReplyInput => ({
  reviewId: 'r1', nick: 'w**', itemTitle: TEA, sentiment: 'pos', complaints: [], praises: [], hidden: false,
  appendWorse: false, ...over,
});

/** Words that show a sentence is about an aspect. */
const ASPECT_WORDS: Record<AspectId, RegExp> = {
  logistics: /物流|快递|包裹|配送|派送|收货/,
  damage: /破损|损坏|压坏|坏在路上|碎|磕碰/,
  mismatch: /描述|图片|页面|发错|少发|少了|色差|拿错|不符/,
  quality: /质量|做工|品质|瑕疵|出状况/,
  size: /尺码|合身|偏大|版型|穿上/,
  taste: /口感|新鲜|味道|口味|品相/,
  service: /客服|服务|售后|沟通|处理拖/,
  price: /价格|划算|降价|性价比|花得不值/,
  usage: /使用|用起来|用得|用着/,
};
const SORRY = /抱歉|对不起|道歉|过意不去|惭愧|自责|心疼|遗憾|歉/;
const THANKS = /谢|感恩|感谢/;
const sentences = (text: string) => text.split(/(?<=[。！？～])/).filter(Boolean);

describe('replySimilarity: bigram cosine, nick and punctuation ignored', () => {
  const reply = '亲，感谢亲的好评和支持！口感被亲喜欢，我们真的很开心！温馨提示：开封后记得密封。期待亲再次光临！';

  it('is 1 for the same wording whatever the nick and punctuation, 0 for nothing in common', () => {
    expect(replySimilarity(reply, reply)).toBe(1);
    expect(replySimilarity(`w**${reply}`, `阿***${reply}`)).toBe(1);
    expect(replySimilarity(`小林${reply}`, `大熊${reply}`, ['小林', '大熊'])).toBe(1);
    expect(replySimilarity(reply, reply.replace(/[，！。：]/g, ' '))).toBe(1);
    expect(replySimilarity(reply, '')).toBe(0);
    expect(replySimilarity('物流很快', '包装完好')).toBe(0);
  });

  it('TOO_SIMILAR: one sentence of four rewritten is a repeat, half is the boundary, one kept is not', () => {
    const base = '感谢亲的好评和支持！口感被亲喜欢，我们真的很开心！温馨提示：开封后记得密封保存。期待亲再次光临！';
    const one = '感谢亲的好评和支持！口感被亲喜欢，我们真的很开心！温馨提示：开封后记得密封保存。祝亲天天好心情！';
    const two = '感谢亲的好评和支持！新鲜是我们一直坚持的，用料都很讲究。温馨提示：开封后记得密封保存。祝亲天天好心情！';
    const three = '谢谢亲抽空写评价，整个团队都很受鼓舞！新鲜是我们一直坚持的，用料都很讲究。温馨提示：开封后记得密封保存。祝亲天天好心情！';
    const all = '亲您好～读到亲的评价，我们嘴角就没放下来过，谢谢！新鲜是我们一直坚持的。常回来看看，我们一直都在。';
    expect(replySimilarity(base, one)).toBeGreaterThan(0.8);
    expect(replySimilarity(base, two)).toBeCloseTo(0.53, 2);
    expect(replySimilarity(base, three)).toBeLessThan(0.35);
    expect(replySimilarity(reply, all)).toBeLessThan(0.2);
  });

  it('is symmetric and within 0..1', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      const s = replySimilarity(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(replySimilarity(b, a)).toBeCloseTo(s, 12);
    }));
  });
});

describe('shortItemTitle', () => {
  it.each([
    [TEA, '正山小种红茶'],
    ['纯棉短袖T恤 男 夏季 宽松', '纯棉短袖T恤'],
    ['包邮 云南 冰糖心苹果 5斤装', '云南冰糖心苹果'],
    ['【官方正品】(现货)无线蓝牙耳机', '无线蓝牙耳机'],
    ['超长续航无线蓝牙降噪运动耳机防水款', ''],
    ['', ''],
  ])('%s → %s', (title, short) => expect(shortItemTitle(title)).toBe(short));
});

describe('draftReplies: worked examples', () => {
  it('a good review gets thanks, an echo of the praise and the seller’s tip', () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      const drafts = draftReplies(review({ reviewId: id, praises: ['taste'], knowledge: TEA_TIP }), []);
      expect(drafts).toHaveLength(3);
      for (const d of drafts) {
        expect(d.text).toMatch(THANKS);
        expect(d.text).toMatch(/冲泡|续泡/);
        expect(d.text).toMatch(ASPECT_WORDS.taste);
        expect(d.text).not.toMatch(SORRY);
        expect(d.text.length).toBeLessThanOrEqual(150);
      }
    }
  });

  it('a review complaining about logistics and damage gets a sentence of apology and remedy for each', () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      const drafts = draftReplies(review({ reviewId: id, sentiment: 'neg', complaints: ['logistics', 'damage'] }), []);
      expect(drafts).toHaveLength(3);
      for (const d of drafts) {
        const s = sentences(d.text);
        const logistics = s.findIndex((x) => ASPECT_WORDS.logistics.test(x) && SORRY.test(x));
        const damage = s.findIndex((x) => ASPECT_WORDS.damage.test(x) && SORRY.test(x));
        expect(logistics).toBeGreaterThanOrEqual(0);
        expect(damage).toBeGreaterThanOrEqual(0);
        expect(damage).not.toBe(logistics);
        expect(d.text).toMatch(/平台|订单页|订单详情/);
        expect(d.text.length).toBeLessThanOrEqual(300);
      }
    }
  });

  it('every aspect complained about is addressed, alone or with another', () => {
    for (const a of ASPECT_IDS) {
      for (const b of ASPECT_IDS) {
        const complaints: AspectId[] = a === b ? [a] : [a, b];
        for (const d of draftReplies(review({ reviewId: a + b, sentiment: 'neg', complaints }), [])) {
          for (const c of complaints) expect(sentences(d.text).some((x) => ASPECT_WORDS[c].test(x) && SORRY.test(x))).toBe(true);
        }
      }
    }
  });

  it('a hidden complaint (good stars, unhappy text) is answered as a complaint, with thanks for the rating', () => {
    const input = review({ sentiment: 'pos', hidden: true, complaints: ['quality'] });
    for (const d of draftReplies(input, [])) {
      const first = sentences(d.text)[0]!;
      expect(first).toMatch(/好评|宽容|体谅|包容|理解|大度|评分/);
      expect(sentences(d.text).some((x) => ASPECT_WORDS.quality.test(x) && SORRY.test(x))).toBe(true);
      expect(d.text).toMatch(/平台|订单页|订单详情/);
    }
  });

  it('a neutral or bad review naming no aspect gets an apology and a question, not thanks for praise', () => {
    for (const sentiment of ['neu', 'neg'] as const) {
      for (const d of draftReplies(review({ sentiment }), [])) {
        expect(d.text).toMatch(/吗？|问题|情况|哪里|不满意|说/);
        expect(d.text).toMatch(/客服/);
      }
    }
  });

  it('a follow-up review (追评) that turned bad is acknowledged as such', () => {
    for (const sentiment of ['pos', 'neu', 'neg'] as const) {
      for (const d of draftReplies(review({ sentiment, appendWorse: true, complaints: ['quality'] }), [])) {
        expect(d.text).toContain('追评');
        expect(d.text).toMatch(SORRY);
      }
    }
  });

  it('a masked nick is never written; a nick shown in full may be', () => {
    for (const nick of ['w**', '阿***', 't**1', '', 'tb123456789', '匿名买家']) {
      for (let i = 0; i < 20; i++) {
        for (const d of draftReplies(review({ reviewId: `n${i}`, nick }), [])) {
          expect(d.text).not.toMatch(/\*|tb\d|匿名/);
        }
      }
    }
    const withNick = Array.from({ length: 20 }, (_, i) => draftReplies(review({ reviewId: `m${i}`, nick: '小林' }), [])).flat();
    expect(withNick.some((d) => d.text.includes('小林'))).toBe(true);
  });

  it('the same review, recent replies and style give the same drafts', () => {
    const input = review({ sentiment: 'neg', complaints: ['size'] });
    expect(draftReplies(input, ['亲，谢谢']).map((d) => d.text)).toEqual(draftReplies(input, ['亲，谢谢']).map((d) => d.text));
  });

  it('drafts unlike the shop’s recent replies: what was just posted is not offered again', () => {
    const input = review({ praises: ['quality'] });
    const first = draftReplies(input, []).map((d) => d.text);
    const next = draftReplies(input, first);
    expect(next).toHaveLength(3);
    for (const d of next) for (const r of first) expect(replySimilarity(d.text, r)).toBeLessThan(TOO_SIMILAR);
  });

  it('returns fewer drafts rather than repeats when the banks run out', { timeout: 30_000 }, () => {
    // A bare 好评 with no item, praise or tip has the smallest banks; 300 mutually different replies is
    // more than they hold.
    const drafts = draftReplies(review({ itemTitle: '' }), [], DEFAULT_STYLE, 300);
    expect(drafts.length).toBeGreaterThan(50);
    expect(drafts.length).toBeLessThan(300);
    for (let i = 0; i < drafts.length; i++) {
      for (let j = i + 1; j < drafts.length; j++) expect(replySimilarity(drafts[i]!.text, drafts[j]!.text)).toBeLessThan(TOO_SIMILAR);
    }
  });
});

// Any review, any style, and item titles, nicks and tips that themselves carry forbidden words.
const aspects = fc.uniqueArray(fc.constantFrom(...ASPECT_IDS), { maxLength: 3 });
const anyReview = fc.record({
  reviewId: fc.string({ minLength: 1, maxLength: 12 }),
  nick: fc.constantFrom('w**', '阿***', '', '小林', 'vx小林', 'tb123456789'),
  itemTitle: fc.constantFrom(TEA, '', '全网最低 顶级红茶', '最好喝的红茶 礼盒', '纯棉短袖T恤 男'),
  sentiment: fc.constantFrom('pos', 'neu', 'neg'),
  complaints: aspects,
  praises: aspects,
  hidden: fc.boolean(),
  appendWorse: fc.boolean(),
  knowledge: fc.option(fc.constantFrom(TEA_TIP, '好评返现5元，加微信xm88领取。冷藏保存。', '本品效果第一，百分百有效。'), { nil: undefined }),
}) as fc.Arbitrary<ReplyInput>;
const anyStyle = fc.record({
  address: fc.constantFrom('亲', '亲爱的', '宝宝', '您', '小主', '亲亲', ''),
  selfName: fc.constantFrom('我们', '小店', '本店', '掌柜', ''),
  openers: fc.subarray(['亲，您好！', '感谢亲的支持！', '非常抱歉给您带来不便。', '给个五星好评返现哦！']),
  closings: fc.subarray(['祝您生活愉快！', '期待您再次光临！', '再次致歉。', '加微信领红包～']),
}) as fc.Arbitrary<ReplyStyle>;

describe('draftReplies: properties', () => {
  it('no draft rewards reviews, points to WeChat/QQ/phone or makes an absolute claim', () => {
    fc.assert(fc.property(anyReview, anyStyle, (input, style) => {
      for (const d of draftReplies(input, [], style)) {
        expect(d.lint).toEqual([]);
        expect(lintClaims(d.text)).toEqual([]);
        expect(d.text).not.toMatch(/返现|好评返|微信|QQ|电话|最好|第一(?!时间)|顶级/i);
        expect(d.text).not.toMatch(/\{\w+\}/);
      }
    }), { numRuns: 200 });
  });

  it('no two drafts of one call are too similar, and a complaint keeps within ~300 characters', () => {
    fc.assert(fc.property(anyReview, anyStyle, (input, style) => {
      const drafts = draftReplies(input, [], style);
      expect(drafts.length).toBeGreaterThan(0);
      for (let i = 0; i < drafts.length; i++) {
        for (let j = i + 1; j < drafts.length; j++) expect(replySimilarity(drafts[i]!.text, drafts[j]!.text)).toBeLessThan(TOO_SIMILAR);
      }
      const good = input.sentiment === 'pos' && !input.hidden && !input.appendWorse && input.complaints.length === 0;
      for (const d of drafts) expect(d.text.length).toBeLessThanOrEqual(good ? 150 : 300);
    }), { numRuns: 200 });
  });

  it('a shop answering 300 reviews in a row never repeats itself within its last 50 replies', () => {
    const ITEMS = [
      { title: TEA, knowledge: TEA_TIP, aspects: ['logistics', 'damage', 'quality', 'taste', 'price', 'service'] },
      { title: '纯棉短袖T恤 男 夏季 宽松', knowledge: '首次清洗请用冷水手洗，深浅分开。', aspects: ['logistics', 'quality', 'size', 'mismatch', 'price'] },
      { title: '云南 冰糖心苹果 5斤装', knowledge: undefined, aspects: ['logistics', 'damage', 'taste', 'quality', 'price'] },
      { title: '无线蓝牙耳机 降噪 运动', knowledge: '首次使用请充满电，长按两秒开机即可配对。', aspects: ['quality', 'usage', 'service', 'mismatch'] },
    ] as const;
    const pickAspects = (n: number) => fc.nat().map((seed) => (item: (typeof ITEMS)[number]) => {
      const list = [...item.aspects];
      const out: AspectId[] = [];
      for (let i = 0, s = seed; i < n && list.length; i++, s = Math.floor(s / 7)) out.push(list.splice(s % list.length, 1)[0]!);
      return out;
    });
    // 70% good, 20% bad with one or two aspects (some hidden, some with a bad 追评), 10% neutral.
    const one = fc.record({
      item: fc.integer({ min: 0, max: ITEMS.length - 1 }),
      nick: fc.constantFrom('w**', '阿***', 't**1', '', '小林', '清风'),
      kind: fc.oneof(
        { weight: 7, arbitrary: fc.record({ sentiment: fc.constant('pos' as const), praises: fc.integer({ min: 0, max: 2 }).chain(pickAspects), complaints: fc.constant(() => [] as AspectId[]), hidden: fc.constant(false), appendWorse: fc.constant(false) }) },
        { weight: 2, arbitrary: fc.boolean().chain((hidden) => fc.record({ sentiment: fc.constant(hidden ? 'pos' as const : 'neg' as const), praises: fc.constant(() => [] as AspectId[]), complaints: fc.integer({ min: 1, max: 2 }).chain(pickAspects), hidden: fc.constant(hidden), appendWorse: fc.boolean() })) },
        { weight: 1, arbitrary: fc.record({ sentiment: fc.constant('neu' as const), praises: fc.integer({ min: 0, max: 1 }).chain(pickAspects), complaints: fc.integer({ min: 0, max: 1 }).chain(pickAspects), hidden: fc.constant(false), appendWorse: fc.constant(false) }) },
      ),
    });
    fc.assert(fc.property(fc.array(one, { minLength: 300, maxLength: 300 }), fc.nat(), anyStyle, (reviews, salt, style) => {
      const posted: string[] = [];
      let fewer = 0;
      reviews.forEach((r, n) => {
        const item = ITEMS[r.item]!;
        const input: ReplyInput = {
          reviewId: `${salt}-${n}`, nick: r.nick, itemTitle: item.title, knowledge: item.knowledge, sentiment: r.kind.sentiment,
          praises: r.kind.praises(item), complaints: r.kind.complaints(item), hidden: r.kind.hidden, appendWorse: r.kind.appendWorse,
        };
        const recent = posted.slice(0, 50);
        const drafts = draftReplies(input, recent, style);
        if (drafts.length < 3) fewer++;
        const chosen = drafts[0];
        expect(chosen).toBeDefined();
        for (const old of recent) expect(replySimilarity(chosen!.text, old)).toBeLessThan(TOO_SIMILAR);
        posted.unshift(chosen!.text);
      });
      expect(fewer).toBeLessThan(15);
    }), { numRuns: 3 });
  }, 60_000);
});

describe('learnStyle: the seller’s own wording', () => {
  const replies = [
    '宝宝，感谢你的喜欢！小店会继续努力的。祝宝宝生活愉快！',
    '宝宝您好！东西用得开心就好，小店随时在。祝宝宝生活愉快！',
    '宝宝，感谢你的喜欢！有问题随时找小店客服～',
    '宝宝您好！这次让宝宝久等了，小店很抱歉。有问题随时找小店客服～',
    '宝宝，给个五星好评返现哦！小店谢谢你。给个五星好评返现哦！',
    '给个五星好评返现哦！小店的宝贝都很好。给个五星好评返现哦！',
    'w**宝宝，谢谢！我们会加油。w**宝宝，谢谢！',
    'w**宝宝，谢谢！我们会加油。w**宝宝，谢谢！',
  ];

  it('picks up the address, the self name and the openers and closings used at least twice', () => {
    const style = learnStyle(replies);
    expect(style.address).toBe('宝宝');
    expect(style.selfName).toBe('小店');
    expect(style.openers).toEqual(expect.arrayContaining(['宝宝，感谢你的喜欢！', '宝宝您好！']));
    expect(style.closings).toEqual(expect.arrayContaining(['祝宝宝生活愉快！', '有问题随时找小店客服～']));
  });

  it('keeps no sentence the lint flags and none that names a buyer', () => {
    const style = learnStyle(replies);
    for (const s of [...style.openers, ...style.closings]) {
      expect(lintClaims(s)).toEqual([]);
      expect(s).not.toMatch(/\*/);
    }
    expect(style.openers.length).toBeLessThanOrEqual(5);
  });

  it('counts an address used as a vocative over a pronoun: 亲，感谢您… is a 亲 seller', () => {
    const style = learnStyle(['亲，感谢您的支持，您的满意是我们的动力。', '亲，收到您的反馈了，我们马上处理。']);
    expect(style.address).toBe('亲');
    expect(style.selfName).toBe('我们');
    expect(learnStyle(['您好，感谢您的支持。', '您好，收到您的反馈。']).address).toBe('您');
  });

  it('falls back to the defaults with nothing to learn from', () => {
    expect(learnStyle([])).toEqual(DEFAULT_STYLE);
  });

  it('the learned wording shows up in the drafts', () => {
    const style = learnStyle(replies);
    const drafts = Array.from({ length: 5 }, (_, i) => draftReplies(review({ reviewId: `s${i}`, praises: ['quality'] }), [], style)).flat();
    expect(drafts.every((d) => d.text.includes('宝宝') || d.text.includes('小店'))).toBe(true);
    expect(drafts.some((d) => style.openers.some((o) => d.text.startsWith(o)))).toBe(true);
    expect(drafts.some((d) => style.closings.some((c) => d.text.endsWith(c)))).toBe(true);
    // An apology is not opened with thanks for liking the item.
    for (const d of draftReplies(review({ sentiment: 'neg', complaints: ['logistics'] }), [], style)) {
      expect(d.text.startsWith('宝宝，感谢你的喜欢！')).toBe(false);
    }
  });
});

describe('the drafter’s own phrases pass the lint', () => {
  // Every slot filled as a seller's style and a review can fill it: the address as vocative and pronoun,
  // the shop's name, a nick shown in full, a short item name, a tip.
  const fills = [
    { call: '亲', hi: '亲您好', you: '亲', self: '我们', nick: '', item: '' },
    { call: '宝宝', hi: '宝宝您好', you: '宝宝', self: '小店', nick: '小林', item: '正山小种红茶' },
    { call: '您好', hi: '您好', you: '您', self: '本店', nick: '阿May', item: '华为P60' },
    { call: '亲爱的', hi: '亲爱的您好', you: '您', self: '掌柜', nick: 'tea_lover', item: '纯棉T恤' },
  ];
  const fill = (phrase: string, f: (typeof fills)[number]) =>
    phrase.replace(/\{(call|hi|you|self|nick|item|tip)\}/g, (_, k: keyof typeof f | 'tip') => (k === 'tip' ? TEA_TIP : f[k]));

  it('every phrase of every bank, filled with any style, has no lint finding (links, phones and ids included)', () => {
    const phrases = allPhrases();
    expect(phrases.length).toBeGreaterThan(400);
    for (const f of fills) {
      for (const phrase of phrases) expect([phrase, lintClaims(fill(phrase, f))]).toEqual([phrase, []]);
    }
  });

  it('drafts for every kind of review pass the lint, and the banks still give three of each', () => {
    for (const [i, over] of ([
      {}, { praises: ['quality', 'logistics'] }, { sentiment: 'neu' }, { sentiment: 'neg', complaints: [...ASPECT_IDS] },
      { hidden: true, complaints: ['size'] }, { sentiment: 'neg', appendWorse: true, complaints: ['damage'] }, { sentiment: 'neg' },
    ] as Partial<ReplyInput>[]).entries()) {
      const drafts = draftReplies(review({ reviewId: `k${i}`, nick: '小林', knowledge: TEA_TIP, ...over }), []);
      expect(drafts).toHaveLength(3);
      for (const d of drafts) expect(lintClaims(d.text)).toEqual([]);
    }
  });

  it('a knowledge sentence with a phone number or a link stays out of drafts; the others are still passed on', () => {
    const knowledge = '有问题打13812345678。建议用90度左右的水冲泡。更多冲泡方法见 www.example.com。';
    const drafts = Array.from({ length: 8 }, (_, i) => draftReplies(review({ reviewId: `t${i}`, praises: ['taste'], knowledge }), [])).flat();
    expect(drafts.length).toBeGreaterThan(20);
    for (const d of drafts) {
      expect(d.text).not.toMatch(/13812345678|example/);
      expect(lintClaims(d.text)).toEqual([]);
    }
    expect(drafts.some((d) => d.text.includes('建议用90度左右的水冲泡。'))).toBe(true);
  });
});
