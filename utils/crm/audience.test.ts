import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySuppression,
  audienceContext,
  audienceRuleSchema,
  compileRule,
  describeRule,
  describeSuppression,
  MAX_RULE_DEPTH,
  PRESET_DAYS,
  presetHint,
  presetName,
  presetNameKey,
  presetRule,
  PRESETS,
  type AudienceRule,
  type Condition,
  type PresetId,
} from './audience';
import { ALL_SEGMENTS, type Translate } from './segments';
import enMessages from '../../public/_locales/en/messages.json';
import zhMessages from '../../public/_locales/zh_CN/messages.json';
import type { Customer } from './types';
import { customer, DAY, NOW, tr, trEn } from '@/tests/support/crm';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** Purchases, net spend in yuan, days since the last purchase. */
const row = (key: string, orders: number, yuan: number, lastDays: number, over: Partial<Customer> = {}) =>
  customer(key, { orderCount: orders, totalFen: yuan * 100, lastPurchaseAt: NOW - lastDays * DAY, firstPurchaseAt: NOW - (lastDays + 30 * (orders - 1)) * DAY, pieces: orders, ...over });

// The same ten-customer shop as segments.test.ts, with items, tags and platforms.
//   item buyers: t1 A B C E J (5), t2 A B D H (4), every other item 1 → top items t1 t2 t3 t4 t5
const SHOP = [
  row('A', 6, 1800, 2, { maxPieces: 3, pieces: 9, region: '广东省 深圳市 南山区', tags: ['VIP'], itemIds: ['t1', 't2', 't3'] }),
  row('B', 4, 1200, 200, { region: '广东省 广州市 天河区', itemIds: ['t1', 't2'] }),
  row('C', 3, 650, 20, { region: '浙江省 杭州市 西湖区', tags: ['VIP', '白茶'], itemIds: ['t1', 't4'] }),
  row('D', 2, 420, 12, { region: '广东省 深圳市 福田区', itemIds: ['t2'] }),
  row('E', 2, 380, 45, { region: '北京 北京市 朝阳区', itemIds: ['t1'] }),
  row('F', 1, 300, 3, { region: '新疆维吾尔自治区 乌鲁木齐市 天山区', itemIds: ['t5'] }),
  row('G', 1, 150, 70, { maxPieces: 2, pieces: 2, region: '浙江省 宁波市 鄞州区', itemIds: ['t6'] }),
  row('H', 1, 99, 120, { platform: 'pdd', region: '北京市 北京市 海淀区', itemIds: ['t2', 't7'] }),
  row('I', 1, 59, 5, { platform: 'pdd', itemIds: ['t8'] }),
  row('J', 1, 39, 400, { platform: 'pdd', region: '广东省 深圳市 宝安区', itemIds: ['t1'] }),
  customer('K', { orderCount: 0, totalFen: 0, firstPurchaseAt: undefined, lastPurchaseAt: undefined, region: '广东省 深圳市 南山区', itemIds: ['t1', 't9'] }),
];
const basis = audienceContext(SHOP, NOW);
const members = (rule: AudienceRule) => SHOP.filter(compileRule(rule, basis)).map((c) => c.key).join('');

const num = (field: Extract<Condition, { kind: 'num' }>['field'], cmp: 'gte' | 'lte', value: number): Condition => ({ kind: 'num', field, cmp, value });

describe('audienceContext', () => {
  it('takes the 5 items with most buyers, ties by id, buyers who paid only', () => {
    expect(basis.topItemIds).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(basis.purchasers).toBe(10);
  });
});

describe('presets on the ten-customer shop', () => {
  // Days since the last purchase: A 2, F 3, I 5, D 12, C 20, E 45, G 70, H 120, B 200, J 400.
  it.each([
    ['all', 'ABCDEFGHIJ'],
    ['returning', 'ABCDE'],
    ['new', 'FGHIJ'],
    ['loyal', 'ABC'],
    ['multi_item', 'AG'],
    ['top_items', 'ABCDEFHJ'],
    ['warmup', 'ACDFI'],
    ['potential', 'BGHJ'],
    ['dormant', 'BHJ'],
    ['sleeping', 'H'],
    ['lost', 'BJ'],
  ] as const)('%s → %s', (id, expected) => {
    expect(members(presetRule(id, basis))).toBe(expected);
  });

  it('K, who never paid, is in no preset, not even "all"', () => {
    for (const id of PRESETS) expect(members(presetRule(id, basis))).not.toContain('K');
  });

  it('takes other days where a preset has them', () => {
    expect(members(presetRule('potential', basis, { days: 30 }))).toBe('BEGHJ');
    expect(members(presetRule('warmup', basis, { days: 3 }))).toBe('A');
    expect(members(presetRule('dormant', basis, { days: 180 }))).toBe('BJ');
    expect(presetRule('potential', basis, { days: Number.NaN })).toEqual(presetRule('potential', basis));
    expect(presetRule('loyal', basis, { days: 5 })).toEqual(presetRule('loyal', basis));
  });

  it('day boundaries: exactly 90 days ago is dormant, 89 days and 23 hours is not', () => {
    const edge = [customer('d90', { lastPurchaseAt: NOW - 90 * DAY }), customer('d89', { lastPurchaseAt: NOW - 90 * DAY + 3_600_000 })];
    const test = compileRule(presetRule('dormant', basis), basis);
    expect(edge.map(test)).toEqual([true, false]);
    const sleeping = compileRule(presetRule('sleeping', basis), basis);
    expect([89, 90, 179, 180].map((d) => sleeping(customer('x', { lastPurchaseAt: NOW - d * DAY })))).toEqual([false, true, true, false]);
  });

  it('every preset has a name and a one-line description', () => {
    for (const id of PRESETS) {
      expect(presetName(id, tr)).toBe(tr(presetNameKey(id)));
      expect(presetHint(id, tr)).not.toMatch(/\$|undefined/);
    }
    expect(new Set(PRESETS).size).toBe(13);
    expect(presetName('potential', tr)).toBe('潜在复购客户');
    expect(presetHint('potential', tr)).toBe('买过，但最近 60 天没有再买');
    expect(presetHint('warmup', tr, 15)).toBe('最近 15 天内买过，活动前提前告知');
    expect(presetHint('all', tr)).toBe('每一位有过有效购买的客户；打码无法识别的买家各算一位');
    expect(PRESET_DAYS).toEqual({ warmup: 30, potential: 60, dormant: 90 });
  });

  it('every preset reads back as a sentence', () => {
    const read = Object.fromEntries(PRESETS.map((id) => [id, describeRule(presetRule(id, basis), tr)])) as Record<PresetId, string>;
    expect(read).toEqual({
      all: '所有成交客户',
      returning: '购买次数 ≥ 2',
      new: '购买次数 ≤ 1',
      loyal: '购买次数 ≥ 3',
      multi_item: '单笔最多件数 ≥ 2',
      top_items: '买过商品 t1、t2、t3、t4、t5 之一',
      warmup: '最近一次购买距今 ≤ 29 天',
      potential: '最近一次购买距今 ≥ 60 天',
      dormant: '最近一次购买距今 ≥ 90 天',
      sleeping: '最近一次购买距今 ≥ 90 天 且 最近一次购买距今 ≤ 179 天',
      lost: '最近一次购买距今 ≥ 180 天',
      churn_risk: '属于「流失风险（预测）」',
      buy_soon: '属于「近期可能回购（预测）」',
    });
  });
});

describe('rules: conditions, AND / OR / NOT', () => {
  it.each<[string, AudienceRule, string]>([
    ['spend ≥ ¥650 (compared in fen)', num('spendYuan', 'gte', 650), 'ABC'],
    ['spend ≤ ¥99.9', num('spendYuan', 'lte', 99.9), 'HIJ'],
    // First purchases (30 days apart): A 152, B 290, C 80, D 42, E 75, H 120, J 400 days ago.
    ['first purchase ≥ 100 days ago', num('daysSinceFirst', 'gte', 100), 'ABHJ'],
    ['pieces ≥ 3', num('pieces', 'gte', 3), 'ABC'],
    ['province text', { kind: 'region', text: '广东' }, 'ABDJ'],
    ['city text', { kind: 'region', text: '深圳' }, 'ADJ'],
    ['platform', { kind: 'platform', platform: 'pdd' }, 'HIJ'],
    ['tag', { kind: 'tag', tag: 'VIP' }, 'AC'],
    ['segment', { kind: 'segment', segment: 'rfm:dormant' }, 'GH'],
    ['spend tier', { kind: 'segment', segment: 'value:mid' }, 'CDE'],
    ['items', { kind: 'item', itemIds: ['t4', 't7', 't9'] }, 'CH'],
    ['no items', { kind: 'item', itemIds: [] }, ''],
    ['empty and: every buyer', { kind: 'and', rules: [] }, 'ABCDEFGHIJ'],
    ['empty or: no one', { kind: 'or', rules: [] }, ''],
    ['not empty or: every buyer', { kind: 'not', rule: { kind: 'or', rules: [] } }, 'ABCDEFGHIJ'],
  ])('%s', (_, rule, expected) => expect(members(rule)).toBe(expected));

  it('抖店 and JD buyers are a platform of their own, read back by name', () => {
    const shop = [...SHOP, row('K', 2, 300, 10, { platform: 'douyin' }), row('L', 1, 80, 3, { platform: 'jd' })];
    const of = (rule: AudienceRule) => shop.filter(compileRule(rule, audienceContext(shop, NOW))).map((c) => c.key).join('');
    expect(of({ kind: 'platform', platform: 'douyin' })).toBe('K');
    expect(of({ kind: 'platform', platform: 'jd' })).toBe('L');
    expect(of({ kind: 'platform', platform: 'pdd' })).toBe('HIJ');
    expect(describeRule({ kind: 'platform', platform: 'douyin' }, tr)).toBe('来自抖店');
    expect(describeRule({ kind: 'platform', platform: 'jd' }, tr)).toBe('来自京东');
    expect(audienceRuleSchema.safeParse({ kind: 'platform', platform: 'jd' }).success).toBe(true);
  });

  // (广东 and 2+ purchases) or VIP: A B D from 广东, C as VIP.
  const nested: AudienceRule = {
    kind: 'or',
    rules: [{ kind: 'and', rules: [{ kind: 'region', text: '广东' }, num('orders', 'gte', 2)] }, { kind: 'tag', tag: 'VIP' }],
  };

  it('nests AND inside OR', () => {
    expect(members(nested)).toBe('ABCD');
    expect(describeRule(nested, tr)).toBe('(地区包含“广东” 且 购买次数 ≥ 2) 或 标签为“VIP”');
  });

  it('NOT is taken among buyers: it never brings in K, who never paid', () => {
    expect(members({ kind: 'not', rule: nested })).toBe('EFGHIJ');
  });

  it('the worked example: spent ¥500+, away 60+ days, not in 新疆', () => {
    const rule: AudienceRule = {
      kind: 'and',
      rules: [num('spendYuan', 'gte', 500), num('daysSinceLast', 'gte', 60), { kind: 'not', rule: { kind: 'region', text: '新疆' } }],
    };
    expect(members(rule)).toBe('B');
    expect(describeRule(rule, tr)).toBe('累计消费 ≥ ¥500 且 最近一次购买距今 ≥ 60 天，且不是 (地区包含“新疆”)');
    expect(describeRule(rule, trEn)).toBe('total spend ≥ ¥500 and last purchase ≥ 60 days ago, and not (region contains "新疆")');
  });

  it('AND inside NOT inside AND', () => {
    // Bought within 50 days (A C D E F I), but not (pdd and ¥100 or less): I is pdd and ¥59.
    const rule: AudienceRule = {
      kind: 'and',
      rules: [
        { kind: 'not', rule: { kind: 'and', rules: [{ kind: 'platform', platform: 'pdd' }, num('spendYuan', 'lte', 100)] } },
        num('daysSinceLast', 'lte', 50),
      ],
    };
    expect(members(rule)).toBe('ACDEF');
    expect(describeRule(rule, tr)).toBe('最近一次购买距今 ≤ 50 天，且不是 (来自拼多多 且 累计消费 ≤ ¥100)');
  });
});

describe('describeRule', () => {
  it.each<[AudienceRule, string]>([
    [{ kind: 'not', rule: { kind: 'tag', tag: '黑名单' } }, '不是 (标签为“黑名单”)'],
    [{ kind: 'and', rules: [{ kind: 'not', rule: { kind: 'region', text: '新疆' } }, { kind: 'not', rule: { kind: 'region', text: '西藏' } }] },
      '不是 (地区包含“新疆”)，且不是 (地区包含“西藏”)'],
    [{ kind: 'and', rules: [{ kind: 'region', text: '浙江' }] }, '地区包含“浙江”'],
    [{ kind: 'and', rules: [num('orders', 'gte', 2), { kind: 'and', rules: [num('maxPieces', 'gte', 2), { kind: 'platform', platform: 'taobao' }] }] },
      '购买次数 ≥ 2 且 单笔最多件数 ≥ 2 且 来自淘宝'],
    [{ kind: 'or', rules: [{ kind: 'segment', segment: 'rfm:at_risk' }, { kind: 'not', rule: { kind: 'segment', segment: 'freq:low' } }] },
      '属于「流失风险客户（RFM）」 或 不是 (属于「低频」)'],
    [{ kind: 'and', rules: [{ kind: 'or', rules: [] }, num('spendYuan', 'gte', 1234.5)] }, '无人 且 累计消费 ≥ ¥1,234.50'],
    [{ kind: 'item', itemIds: ['t1'] }, '买过商品 t1'],
    [{ kind: 'item', itemIds: ['1', '2', '3', '4', '5', '6', '7'] }, '买过商品 1、2、3、4、5 等 7 个商品之一'],
    [{ kind: 'item', itemIds: [] }, '买过所选商品（未选择商品）'],
    [num('pieces', 'gte', 10), '累计购买件数 ≥ 10'],
    [num('daysSinceFirst', 'lte', 365), '首次购买距今 ≤ 365 天'],
  ])('%j', (rule, text) => expect(describeRule(rule, tr)).toBe(text));

  it('with the shop’s context, spend tiers say today’s amounts', () => {
    expect(describeRule({ kind: 'segment', segment: 'value:high' }, tr, basis)).toBe('属于「高消费」(累计消费 > ¥650)');
    expect(describeRule({ kind: 'segment', segment: 'value:mid' }, tr, basis)).toBe('属于「中消费」(累计消费 > ¥300 且 ≤ ¥650)');
    expect(describeRule({ kind: 'segment', segment: 'value:low' }, tr, basis)).toBe('属于「低消费」(累计消费 ≤ ¥300)');
    expect(describeRule({ kind: 'segment', segment: 'value:low' }, tr)).toBe('属于「低消费」');
    expect(describeRule({ kind: 'segment', segment: 'rfm:loyal' }, tr, basis)).toBe('属于「忠诚客户（RFM）」');
  });

  it('reads every segment in both languages', () => {
    for (const segment of ALL_SEGMENTS) {
      for (const t of [tr, trEn]) expect(describeRule({ kind: 'segment', segment }, t, basis)).not.toMatch(/\$|undefined/);
    }
  });
});

describe('suppression', () => {
  const everyone = SHOP.filter(compileRule({ kind: 'and', rules: [] }, basis));
  const facts = {
    // A 3 days ago, F 6 days ago, B 10 days ago.
    lastContactedAt: new Map([['A', NOW - 3 * DAY], ['F', NOW - 6 * DAY], ['B', NOW - 10 * DAY]]),
    // G 5 days ago (but G has a refund open too), H 20, I 40.
    lastBadReviewAt: new Map([['G', NOW - 5 * DAY], ['H', NOW - 20 * DAY], ['I', NOW - 40 * DAY]]),
  };
  const refundOpen = new Set(['A', 'G']);
  const withRefunds = everyone.map((c) => ({ ...c, refundOpen: refundOpen.has(c.key) }));

  it('counts each customer once, under the first reason: contacted, refund, bad review', () => {
    const { kept, removed } = applySuppression(withRefunds, { contactedWithinDays: 7, openRefund: true, badReviewWithinDays: 30 }, facts, NOW);
    expect(kept.map((c) => c.key).join('')).toBe('BCDEIJ');
    expect(removed).toEqual({ contacted: 2, refund: 1, badReview: 1 });
  });

  it('suppresses nothing it was not asked to', () => {
    expect(applySuppression(withRefunds, {}, facts, NOW)).toEqual({ kept: withRefunds, removed: { contacted: 0, refund: 0, badReview: 0 } });
    const refundOnly = applySuppression(withRefunds, { openRefund: true }, facts, NOW);
    expect(refundOnly.removed).toEqual({ contacted: 0, refund: 2, badReview: 0 });
  });

  it('"within 7 days" is 0–6 whole days ago', () => {
    const c = [customer('x')];
    const at = (days: number) => ({ lastContactedAt: new Map([['x', NOW - days * DAY]]), lastBadReviewAt: new Map<string, number>() });
    expect(applySuppression(c, { contactedWithinDays: 7 }, at(6.9), NOW).kept).toHaveLength(0);
    expect(applySuppression(c, { contactedWithinDays: 7 }, at(7), NOW).kept).toHaveLength(1);
  });

  it('reads back', () => {
    expect(describeSuppression({ contactedWithinDays: 7, openRefund: true, badReviewWithinDays: 30 }, tr)).toEqual([
      '排除 7 天内联系过的客户', '排除退款或退货进行中的客户', '排除 30 天内给过差评的客户',
    ]);
    expect(describeSuppression({}, tr)).toEqual([]);
  });
});

describe('audienceRuleSchema', () => {
  const deep = (depth: number): AudienceRule => {
    let rule: AudienceRule = { kind: 'tag', tag: 'VIP' };
    for (let i = 1; i < depth; i++) rule = i % 2 ? { kind: 'not', rule } : { kind: 'and', rules: [rule] };
    return rule;
  };

  it('accepts every preset and the examples, after a JSON round trip', () => {
    for (const id of PRESETS) expect(audienceRuleSchema.safeParse(JSON.parse(JSON.stringify(presetRule(id, basis)))).success).toBe(true);
    expect(audienceRuleSchema.parse(deep(MAX_RULE_DEPTH))).toEqual(deep(MAX_RULE_DEPTH));
  });

  it('rejects a rule nested too deep, even thousands deep, without overflowing', () => {
    expect(audienceRuleSchema.safeParse(deep(MAX_RULE_DEPTH + 1)).success).toBe(false);
    expect(audienceRuleSchema.safeParse(deep(100_000)).success).toBe(false);
  });

  it('rejects too many parts', () => {
    const wide: AudienceRule = { kind: 'or', rules: Array.from({ length: 200 }, () => ({ kind: 'tag', tag: 'x' })) };
    expect(audienceRuleSchema.safeParse(wide).success).toBe(false);
    expect(audienceRuleSchema.safeParse({ kind: 'or', rules: wide.rules.slice(0, 150) }).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an unknown kind', { kind: 'xor', rules: [] }],
    ['an unknown field', { kind: 'num', field: 'age', cmp: 'gte', value: 1 }],
    ['a comparison it does not know', { kind: 'num', field: 'orders', cmp: 'gt', value: 1 }],
    ['a negative number', { kind: 'num', field: 'orders', cmp: 'gte', value: -1 }],
    ['infinity', { kind: 'num', field: 'orders', cmp: 'gte', value: Infinity }],
    ['a blank region', { kind: 'region', text: '  ' }],
    ['an unknown segment', { kind: 'segment', segment: 'rfm:vip' }],
    ['an unknown platform', { kind: 'platform', platform: 'kuaishou' }],
    ['too many items', { kind: 'item', itemIds: Array.from({ length: 501 }, (_, i) => String(i)) }],
    ['a not without a rule', { kind: 'not' }],
    ['a bad rule deep inside', { kind: 'and', rules: [{ kind: 'or', rules: [{ kind: 'tag', tag: 5 }] }] }],
    ['not an object', 'VIP'],
    ['null', null],
  ])('rejects %s', (_, value) => expect(audienceRuleSchema.safeParse(value).success).toBe(false));
});

// Random rules over random shops.
const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    kind: fc.constant('num' as const),
    field: fc.constantFrom('spendYuan', 'orders', 'daysSinceLast', 'daysSinceFirst', 'pieces', 'maxPieces' as const),
    cmp: fc.constantFrom('gte', 'lte' as const),
    value: fc.integer({ min: 0, max: 400 }),
  }),
  fc.record({ kind: fc.constant('region' as const), text: fc.constantFrom('广东', '深圳', '北京', '新疆') }),
  fc.record({ kind: fc.constant('platform' as const), platform: fc.constantFrom('taobao', 'pdd' as const) }),
  fc.record({ kind: fc.constant('tag' as const), tag: fc.constantFrom('VIP', '白茶') }),
  fc.record({ kind: fc.constant('segment' as const), segment: fc.constantFrom(...ALL_SEGMENTS) }),
  fc.record({ kind: fc.constant('item' as const), itemIds: fc.array(fc.constantFrom('t1', 't2', 't3'), { maxLength: 3 }) }),
);
const ruleArb: fc.Arbitrary<AudienceRule> = fc.letrec<{ rule: AudienceRule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    conditionArb,
    fc.record({ kind: fc.constantFrom('and', 'or' as const), rules: fc.array(tie('rule'), { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('not' as const), rule: tie('rule') }),
  ),
})).rule;
const shopArb = fc.array(
  fc.record({
    orders: fc.integer({ min: 0, max: 6 }),
    yuan: fc.integer({ min: 0, max: 3000 }),
    lastDays: fc.integer({ min: 0, max: 400 }),
    maxPieces: fc.integer({ min: 1, max: 3 }),
    platform: fc.constantFrom('taobao', 'pdd' as const),
    region: fc.constantFrom('广东省 深圳市 南山区', '北京 北京市 朝阳区', '新疆维吾尔自治区 乌鲁木齐市 天山区', undefined),
    tags: fc.subarray(['VIP', '白茶']),
    itemIds: fc.subarray(['t1', 't2', 't3', 't4']),
  }),
  { maxLength: 30 },
).map((rows) => rows.map((r, i) => row(`c${i}`, r.orders, r.yuan, r.lastDays, { ...r, orderCount: r.orders })));

describe('properties', () => {
  it('a rule and its NOT split the buyers in two; non-buyers are in neither', () => {
    fc.assert(fc.property(shopArb, ruleArb, (shop, rule) => {
      const c = audienceContext(shop, NOW);
      const yes = compileRule(rule, c);
      const no = compileRule({ kind: 'not', rule }, c);
      for (const x of shop) {
        if (x.orderCount > 0) expect(yes(x)).not.toBe(no(x));
        else expect([yes(x), no(x)]).toEqual([false, false]);
      }
    }));
  });

  it('AND is the intersection and OR the union of their parts', () => {
    fc.assert(fc.property(shopArb, ruleArb, ruleArb, (shop, a, b) => {
      const c = audienceContext(shop, NOW);
      const [ta, tb] = [compileRule(a, c), compileRule(b, c)];
      const and = compileRule({ kind: 'and', rules: [a, b] }, c);
      const or = compileRule({ kind: 'or', rules: [a, b] }, c);
      for (const x of shop) {
        expect(and(x)).toBe(ta(x) && tb(x));
        expect(or(x)).toBe(ta(x) || tb(x));
      }
    }));
  });

  it('rules within the limits pass the schema unchanged and read back in both languages', () => {
    fc.assert(fc.property(ruleArb, (rule) => {
      const parsed = audienceRuleSchema.safeParse(JSON.parse(JSON.stringify(rule)));
      if (parsed.success) expect(parsed.data).toEqual(rule);
      for (const t of [tr, trEn]) expect(describeRule(rule, t, basis)).not.toMatch(/\$|undefined/);
    }));
  });
});

describe('locale files', () => {
  it('both languages have the same keys with the same placeholders, every one of them', () => {
    const mine = (m: Messages) => Object.fromEntries(Object.entries(m)
      .map(([k, v]) => [k, Object.keys(v.placeholders ?? {}).sort()]));
    expect(mine(enMessages as Messages)).toEqual(mine(zhMessages as Messages));
  });
});

describe('speed', () => {
  it('compiles once and tests 100,000 customers (printed, not asserted)', () => {
    const shop = Array.from({ length: 100_000 }, (_, i) => row(`c${i}`, 1 + (i % 7 === 0 ? i % 5 : 0), (i * 7919) % 3000, (i * 31) % 720, {
      region: i % 3 ? '广东省 深圳市 南山区' : '浙江省 杭州市 西湖区', itemIds: [`t${i % 50}`], tags: i % 10 ? [] : ['VIP'],
    }));
    const t0 = performance.now();
    const big = audienceContext(shop, NOW);
    const t1 = performance.now();
    const rule: AudienceRule = {
      kind: 'and',
      rules: [
        num('spendYuan', 'gte', 500),
        { kind: 'or', rules: [{ kind: 'region', text: '深圳' }, { kind: 'tag', tag: 'VIP' }, { kind: 'item', itemIds: big.topItemIds }] },
        { kind: 'not', rule: num('daysSinceLast', 'lte', 29) },
        { kind: 'segment', segment: 'value:high' },
      ],
    };
    const timed = (r: AudienceRule) => {
      const start = performance.now();
      const count = shop.filter(compileRule(r, big)).length;
      return { count, ms: (performance.now() - start).toFixed(1) };
    };
    const first = timed(rule);
    const again = timed(rule);
    const rfm = timed({ kind: 'segment', segment: 'rfm:at_risk' });
    console.log(`audienceContext: ${(t1 - t0).toFixed(1)} ms; a nested rule over 100,000: ${first.ms} ms, again ${again.ms} ms ` +
      `(${first.count} members); an RFM segment: ${rfm.ms} ms (${rfm.count})`);
    expect(first.count).toBeGreaterThan(0);
    expect(again.count).toBe(first.count);
  });
});

describe('cross-sell and member tiers in the builder (issue 18)', () => {
  // Items bought, with when the latest purchase was (days ago):
  //   A: 沙发 (t1, 40 days ago), 靠垫 (t2, 10)   B: 沙发 (t1, 35)   C: 沙发 (t1, 5)
  //   D: 靠垫 (t2, 12)                         E: 茶几 (t3, 60)   F: nothing with an id (a DOM-only order)
  const bought = (id: string, title: string, days: number) => ({ id, title, quantity: 1, firstAt: NOW - days * DAY, lastAt: NOW - days * DAY });
  const shop = [
    row('A', 2, 1500, 10, { itemIds: ['t1', 't2'], itemsBought: [bought('t1', '布艺沙发 三人位', 40), bought('t2', '沙发靠垫 2只装', 10)] }),
    row('B', 1, 999.99, 35, { itemIds: ['t1'], itemsBought: [bought('t1', '布艺沙发 三人位', 35)] }),
    row('C', 1, 1000, 5, { itemIds: ['t1'], itemsBought: [bought('t1', '布艺沙发 三人位', 5)] }),
    row('D', 1, 80, 12, { itemIds: ['t2'], itemsBought: [bought('t2', '沙发靠垫 2只装', 12)] }),
    row('E', 1, 3000, 60, { itemIds: ['t3'], itemsBought: [bought('t3', '实木茶几', 60)] }),
    row('F', 1, 50, 3, { itemIds: [], itemsBought: [] }),
  ];
  const ladder = { by: 'spend' as const, levels: [{ name: '普通会员', min: 1 }, { name: '高级会员', min: 100_000 }, { name: 'VIP会员', min: 300_000 }] };
  const ctx = audienceContext(shop, NOW, ladder);
  const who = (rule: AudienceRule) => shop.filter(compileRule(rule, ctx)).map((c) => c.key).join('');

  it('"bought 沙发, never 靠垫": A, B, C bought t1; A also bought t2 → B and C (2), counted by hand', () => {
    const rule: AudienceRule = { kind: 'and', rules: [{ kind: 'item', itemIds: ['t1'] }, { kind: 'not', rule: { kind: 'item', itemIds: ['t2'] } }] };
    expect(who(rule)).toBe('BC');
    expect(describeRule(rule, tr, ctx)).toBe('买过商品 “布艺沙发 三人位”，且不是 (买过商品 “沙发靠垫 2只装”)');
  });
  it('bought 沙发 at least 30 days ago: A (40) and B (35), not C (5)', () => {
    expect(who({ kind: 'item', itemIds: ['t1'], minDays: 30 })).toBe('AB');
    expect(describeRule({ kind: 'item', itemIds: ['t1'], minDays: 30 }, tr, ctx)).toBe('买过商品 “布艺沙发 三人位”，且最近一次购买距今 ≥ 30 天');
  });
  it('a category from the title: 沙发 in the title is A, B, C, D (靠垫 says 沙发 too); 茶几 is E', () => {
    expect(who({ kind: 'itemTitle', text: '沙发' })).toBe('ABCD');
    expect(who({ kind: 'itemTitle', text: '茶几' })).toBe('E');
  });
  it('tiers: ¥1,000 exactly is 高级会员; within ¥0.01 of the next tier is B alone (¥999.99)', () => {
    expect(who({ kind: 'tier', name: '高级会员' })).toBe('AC');
    expect(who({ kind: 'tier', name: 'VIP会员' })).toBe('E');
    expect(who({ kind: 'nearTier', within: 0.01 })).toBe('B');
    // Within ¥100: B (¥0.01 short) and none else (A ¥1,500 is ¥1,500 short of VIP, D ¥920 short).
    expect(who({ kind: 'nearTier', within: 100 })).toBe('B');
    expect(describeRule({ kind: 'nearTier', within: 100 }, tr, ctx)).toBe('距下一会员等级 ≤ ¥100');
    // No ladder saved: a tier matches no one.
    expect(shop.filter(compileRule({ kind: 'tier', name: '高级会员' }, audienceContext(shop, NOW))).length).toBe(0);
  });
  it('the picker lists the shop\'s items by buyers with their titles', () => {
    expect(ctx.itemCatalog).toEqual([
      { id: 't1', title: '布艺沙发 三人位', buyers: 3 }, { id: 't2', title: '沙发靠垫 2只装', buyers: 2 }, { id: 't3', title: '实木茶几', buyers: 1 },
    ]);
  });
  it('the new conditions pass the rule check; a blank title or tier does not', () => {
    for (const r of [{ kind: 'item', itemIds: ['t1'], minDays: 30 }, { kind: 'itemTitle', text: '沙发' }, { kind: 'tier', name: 'VIP' }, { kind: 'nearTier', within: 50 }]) {
      expect(audienceRuleSchema.safeParse(r).success).toBe(true);
    }
    expect(audienceRuleSchema.safeParse({ kind: 'itemTitle', text: '  ' }).success).toBe(false);
    expect(audienceRuleSchema.safeParse({ kind: 'tier', name: '' }).success).toBe(false);
  });
});
