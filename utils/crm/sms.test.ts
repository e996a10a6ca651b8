import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OPT_OUTS, VARIABLES, billedParts, campaignCostFen, composeSms, isQuietHours, lintSms, renderSms, smsLength,
  worstCaseLength, type LintCode,
} from './sms';
import { lintClaims } from './claims';
import { parseShanghaiTime } from './time';

describe('composeSms: 【signature】body opt-out', () => {
  const body = '亲爱的小林，您的茶叶快喝完了吧？老客专享9折券已放入账户，3天内有效。';

  it('wraps the signature and appends 回T退订 after a space', () => {
    expect(composeSms({ signature: '小美家', body })).toBe(`【小美家】${body} 回T退订`);
  });

  it('does not double brackets or the opt-out, and takes Huawei’s wording when asked', () => {
    expect(composeSms({ signature: '【小美家】', body: `${body} 回T退订`, optOut: OPT_OUTS[0] }))
      .toBe(`【小美家】${body} 回T退订`);
    expect(composeSms({ signature: ' 小美家】', body, optOut: OPT_OUTS[1] })).toBe(`【小美家】${body} 拒收请回复R`);
    expect(composeSms({ signature: '小美家', body: `【小美家】${body}` })).toBe(`【小美家】${body} 回T退订`);
  });

  it('adds nothing for an empty signature or an empty opt-out', () => {
    expect(composeSms({ signature: '', body, optOut: '' })).toBe(body);
    expect(composeSms({ signature: '小美家', body: '', optOut: '回T退订' })).toBe('【小美家】回T退订');
  });
});

describe('length and billing, counted as carriers do', () => {
  it('a worked example: 5 + 35 + 1 + 4 = 45 characters, one message', () => {
    // 【小美家】 = 5; the body: 亲爱的小林(5)，(6)您的茶叶快喝完了吧(15)？(16)老客专享9折券已放入账户(28)，(29)3天内有效(34)。(35);
    // then a space and 回T退订 (4).
    const text = composeSms({ signature: '小美家', body: '亲爱的小林，您的茶叶快喝完了吧？老客专享9折券已放入账户，3天内有效。' });
    expect(smsLength(text)).toBe(45);
    expect(billedParts(smsLength(text))).toBe(1);
  });

  it('counts the signature with its brackets, letters, digits, spaces; an emoji as two', () => {
    expect(smsLength('【小美家】')).toBe(5);
    expect(smsLength('m.tb.cn 9折')).toBe(10);
    expect(smsLength('🍵')).toBe(2);
  });

  it.each([
    [0, 0], [1, 1], [70, 1], [71, 2], [134, 2], [135, 3], [201, 3], [202, 4],
  ])('%d characters are billed as %d message(s)', (length, parts) => {
    // A message of exactly this length: 【小美家】 + 茶… + ' 回T退订'.
    const text = length >= 10 ? `【小美家】${'茶'.repeat(length - 10)} 回T退订` : '茶'.repeat(length);
    expect(smsLength(text)).toBe(length);
    expect(billedParts(length)).toBe(parts);
  });

  it('billing never falls as a message grows, and each part holds at most 67 past one message', () => {
    fc.assert(fc.property(fc.nat(5000), fc.nat(5000), (a, b) => {
      const [short, long] = a <= b ? [a, b] : [b, a];
      expect(billedParts(short)).toBeLessThanOrEqual(billedParts(long));
      if (long > 70) expect(billedParts(long) * 67).toBeGreaterThanOrEqual(long);
    }));
  });

  it('1,000 recipients × 2 parts × ¥0.036 (36 厘) cost ¥72.00', () => {
    expect(campaignCostFen(1000, 2, 36)).toBe(7200);
  });

  it('cost rounds to the nearest fen: 3 × 1 × ¥0.045 = ¥0.135 → 14 fen; 1 × ¥0.024 → 2 fen', () => {
    expect(campaignCostFen(3, 1, 45)).toBe(14);
    expect(campaignCostFen(1, 1, 24)).toBe(2);
    expect(campaignCostFen(0, 1, 36)).toBe(0);
  });
});

describe('variables: 昵称, 商品, 天数', () => {
  const template = '亲爱的{昵称}，您上次买的{商品}快用完了吧？老客专享9折券已放入账户，3天内有效。';

  it('the worst case counts each variable at its budget (12, 16, 3)', () => {
    expect(VARIABLES.map((v) => [v.code, v.placeholder, v.budget])).toEqual([
      ['nick', '{昵称}', 12], ['item', '{商品}', 16], ['days', '{天数}', 3],
    ]);
    // 42 characters as typed; {昵称} 4 → 12 and {商品} 4 → 16: 42 − 8 + 28 = 62.
    expect(smsLength(template)).toBe(42);
    expect(worstCaseLength(template)).toBe(62);
    // With 【小美家】 and ' 回T退订' the composer shows 72: two messages, though a short nick fits in one.
    const composed = composeSms({ signature: '小美家', body: template });
    expect(worstCaseLength(composed)).toBe(72);
    const filled = renderSms(composed, { nick: '小林', item: '明前龙井' });
    expect(smsLength(filled)).toBe(50);
    expect(smsLength(filled)).toBeLessThanOrEqual(worstCaseLength(composed));
  });

  it('fills values, truncating the nick and ending a long title with … within 16', () => {
    const out = renderSms('{昵称}|{商品}|{天数}天', {
      nick: 'sunny爱喝茶的小仙女今天也要开心',
      item: '2025新茶 明前特级西湖龙井茶叶 绿茶 礼盒装250g',
      days: 30,
    });
    expect(out).toBe('sunny爱喝茶的小仙女|2025新茶 明前特级西湖龙井…|30天');
    expect('2025新茶 明前特级西湖龙井…'.length).toBe(16);
  });

  it('leaves nothing for a missing value, never a raw placeholder, and does not expand a value', () => {
    expect(renderSms('亲爱的{昵称}，好久不见', {})).toBe('亲爱的，好久不见');
    expect(renderSms('{昵称}买了{商品}', { nick: '{商品}', item: '茶' })).toBe('{商品}买了茶');
  });

  it('clamps days to three digits rather than cutting them, and never cuts an emoji in half', () => {
    expect(renderSms('{天数}', { days: 1234 })).toBe('999');
    expect(renderSms('{天数}', { days: 6.7 })).toBe('6');
    expect(renderSms('{昵称}', { nick: '小林小林小林小林小林小🍵' })).toBe('小林小林小林小林小林小');
  });

  it('a filled message is never longer than the worst case', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('{昵称}', '{商品}', '{天数}', '亲爱的', '，', 'abc', '🍵'), { maxLength: 12 }),
      fc.string({ maxLength: 40, unit: 'grapheme' }), fc.string({ maxLength: 40, unit: 'grapheme' }), fc.integer(),
      (parts, nick, item, days) => {
        const template = parts.join('');
        expect(smsLength(renderSms(template, { nick, item, days }))).toBeLessThanOrEqual(worstCaseLength(template));
      },
    ));
  });
});

describe('lintSms: what platforms, carriers and the Advertising Law reject', () => {
  const found = (text: string, code: LintCode) =>
    lintSms(text).filter((f) => f.code === code).map((f) => [f.words, f.start, f.end]);

  it('a clean, signed message with an opt-out has no findings', () => {
    expect(lintSms('【小美家】亲爱的小林，最近天气转凉，您上次买的红茶快喝完了吧？老客9折，第一时间发货。 回T退订')).toEqual([]);
  });

  it('finds 好评返现 at its place (positions are UTF-16 indices into the text)', () => {
    const text = '【小美家】收到货给好评返现5元 回T退订';
    expect(lintSms(text)).toEqual([{ code: 'inducement', start: 8, end: 13, words: '给好评返现' }]);
    expect(text.slice(8, 13)).toBe('给好评返现');
  });

  it.each([
    ['晒图返3元', '晒图返'], ['五星好评送小样', '五星好评送'], ['好评后返5元', '好评后返'], ['邀请好评', '邀请好评'],
    ['追评返红包', '追评返红包'], ['给个好评', '给个好评'],
  ])('inducement: %s → %s', (body, words) => {
    expect(found(`【小美家】${body} 回T退订`, 'inducement').map((f) => f[0])).toEqual([words]);
  });

  it('reminding buyers to review, or thanking them, is not inducement', () => {
    expect(found('【小美家】感谢您给的好评！期待您的买家秀 回T退订', 'inducement')).toEqual([]);
  });

  it('finds 加微信 and the id after it at its place', () => {
    expect(found('【小美家】有问题加微信xiaomei88 回T退订', 'contact')).toEqual([['加微信xiaomei88', 8, 20]]);
  });

  it.each([
    ['加V领券', '加V'], ['vx: xm88', 'vx'], ['VX同号', 'VX'], ['微信号xm88', '微信号'], ['进QQ群', 'QQ群'],
    ['加qq', '加qq'], ['QQ 12345678', 'QQ 12345678'], ['微信：xiaomei_88', '微信：xiaomei_88'], ['加我微信', '加我微信'],
  ])('contact: %s → %s', (body, words) => {
    expect(found(`【小美家】${body} 回T退订`, 'contact').map((f) => f[0])).toEqual([words]);
  });

  it.each(['微信支付立减5元', '加VIP会员享折扣', 'WXYZ系列上新', '支持QQ钱包'])('no contact finding in %s', (body) => {
    expect(found(`【小美家】${body} 回T退订`, 'contact')).toEqual([]);
  });

  it('finds 全网最低 and 第一 at their places', () => {
    const text = '【小美家】全网最低价，销量第一 回T退订';
    expect(found(text, 'absolute')).toEqual([['全网最低价', 5, 10], ['第一', 13, 15]]);
  });

  it.each([
    ['最低价', '最低价'], ['最好的茶', '最好'], ['最便宜', '最便宜'], ['国家级工艺', '国家级'], ['顶级红茶', '顶级'],
    ['绝对正品', '绝对'], ['100%有效', '100%'], ['NO.1品牌', 'NO.1'], ['独一无二', '独一无二'], ['最受欢迎', '最受欢迎'],
  ])('absolute: %s → %s', (body, words) => {
    expect(found(`【小美家】${body} 回T退订`, 'absolute').map((f) => f[0])).toEqual([words]);
  });

  it.each(['最近', '最后一天', '最终解释权', '最晚明天发货', '最多可用2张', '您第一次购买', '第一时间发货', '100%纯棉'])(
    'no absolute finding in %s: it states a time, a limit or an order, not a claim',
    (body) => expect(found(`【小美家】${body} 回T退订`, 'absolute')).toEqual([]),
  );

  it('reports a missing signature and opt-out at 0, before the words, then everything by start', () => {
    expect(lintSms('第一次来？加微信领券')).toEqual([
      { code: 'no_signature', start: 0, end: 0, words: '' },
      { code: 'no_opt_out', start: 0, end: 0, words: '' },
      { code: 'contact', start: 5, end: 8, words: '加微信' },
    ]);
    expect(lintSms('新品上市，拒收请回复R【小美家】')).toEqual([]);
  });

  it('findings are sorted, within the text, and never overlap within a code', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('【小美家】', '好评返现', '返现', '给好评', '加微信', 'vx', '最低', '全网最低价', '第一', '最近', '，', 'QQ群', '8'), { maxLength: 15 }),
      (parts) => {
        const text = parts.join('');
        const findings = lintSms(text);
        for (let i = 0; i < findings.length; i++) {
          const f = findings[i]!;
          expect(text.slice(f.start, f.end)).toBe(f.words);
          if (i > 0) expect(findings[i - 1]!.start).toBeLessThanOrEqual(f.start);
          const prev = findings.slice(0, i).filter((g) => g.code === f.code && g.end > g.start);
          if (f.end > f.start) for (const g of prev) expect(g.end).toBeLessThan(f.start);
        }
      },
    ));
  });
});

describe('lintClaims: the wording alone, for any text a buyer reads', () => {
  it('has no signature or opt-out findings: a review reply carries neither', () => {
    expect(lintClaims('亲，感谢您的认可，这款红茶建议用90度的水冲泡。')).toEqual([]);
  });

  it('finds inducement, contact and absolute claims at their places, joined within a code', () => {
    expect(lintClaims('给好评返现，加微信领，最好的茶')).toEqual([
      { code: 'inducement', start: 0, end: 5, words: '给好评返现' },
      { code: 'contact', start: 6, end: 9, words: '加微信' },
      { code: 'absolute', start: 11, end: 13, words: '最好' },
    ]);
  });

  it('is lintSms without no_signature and no_opt_out', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('【小美家】', '好评返现', '给好评', '加微信', 'vx', '最低', '第一', '最近', '，', '回T退订', '茶'), { maxLength: 12 }),
      (parts) => {
        const text = parts.join('');
        expect(lintClaims(text)).toEqual(lintSms(text).filter((f) => f.code !== 'no_signature' && f.code !== 'no_opt_out'));
      },
    ));
  });
});

describe('lintClaims: links, phone numbers and WeChat/QQ ids take buyers off the platform', () => {
  const found = (text: string) => lintClaims(text).map((f) => [f.code, f.words]);

  it.each([
    ['加我vx: abc_123', 'contact', '加我vx: abc_123'],
    ['QQ 12345678', 'contact', 'QQ 12345678'],
    ['扣扣：123456', 'contact', '扣扣：123456'],
    ['企鹅号 1234567', 'contact', '企鹅号 1234567'],
    ['薇信abc123', 'contact', '薇信abc123'],
    ['V信 hello_world', 'contact', 'V信 hello_world'],
    ['威信 xiaomei88', 'contact', '威信 xiaomei88'],
    ['微信号：abc123', 'contact', '微信号：abc123'],
    ['13812345678', 'phone', '13812345678'],
    ['138-1234-5678', 'phone', '138-1234-5678'],
    ['手机 138 1234 5678', 'phone', '138 1234 5678'],
    ['+86 13812345678', 'phone', '+86 13812345678'],
    ['快递员电话15900001111', 'phone', '15900001111'],
    ['0571-88888888', 'phone', '0571-88888888'],
    ['电话：0571 88888888', 'phone', '0571 88888888'],
    ['(010)62345678', 'phone', '(010)62345678'],
    ['客服热线 400-123-4567', 'phone', '400-123-4567'],
    ['4001234567', 'phone', '4001234567'],
    ['详情见 www.example.com', 'link', 'www.example.com'],
    ['https://t.cn/abc', 'link', 'https://t.cn/abc'],
    ['HTTPS://Example.COM/x?y=1', 'link', 'HTTPS://Example.COM/x?y=1'],
    ['http：//abc', 'link', 'http：//abc'],
    ['看看abc.com/xx', 'link', 'abc.com/xx'],
    ['店铺xx.cn有新品', 'link', 'xx.cn'],
    ['bit.ly/abc', 'link', 'bit.ly/abc'],
    ['m.tb.cn/h.abc', 'link', 'm.tb.cn/h.abc'],
    ['邮箱 abc@qq.com', 'link', 'abc@qq.com'],
    ['搜abc点com', 'link', 'abc点com'],
    ['复制￥AbCdEfGh12￥打开', 'link', '￥AbCdEfGh12￥'],
  ])('%s → %s %s', (text, code, words) => {
    expect(found(text)).toEqual([[code, words]]);
  });

  it('marks the words where they are, and a phone given as a WeChat id as both', () => {
    const text = '亲，详情见 www.example.com，或打 138-1234-5678';
    expect(lintClaims(text)).toEqual([
      { code: 'link', start: 6, end: 21, words: 'www.example.com' },
      { code: 'phone', start: 25, end: 38, words: '138-1234-5678' },
    ]);
    expect(found('vx 13812345678')).toEqual([['contact', 'vx 13812345678'], ['phone', '13812345678']]);
  });

  it.each([
    '订单号 3712345678901234567', '订单号：13812345678', '运单号 SF1234567890123', '快递单号 73100012345678', '编号 0571-88888888',
    '订单 230512-138123456789012', '货号13812345678', '型号 ABC13812345678', '身份证 330102199001011234',
    '¥128.00', '¥12.50', '价格138.00元，满199减20', '2026-12-02', '2026年12月2日 13:45', '生产日期20261202', '10:00-18:00发货',
    '尺码 170/92A', '身高175体重130', '165 170 175 180', '12.5cm', '1.5kg', '3.5寸', '温度30-40度', '规格:500g*2',
    '型号 XR-2000', 'iPhone 15 Pro', '华为Mate60', 'P60.Pro', 'V2.0版本', 'USB3.0', 'v1.2.3', 'Xiaomi Co.Ltd', 'M.L.XL', 'S/M/L',
    '12345678901', '微信支付', '支持QQ钱包', '企鹅玩偶', '可爱的企鹅 30cm',
  ])('no finding in %s: an order, a price, a date, a size or a model', (text) => {
    expect(lintClaims(text)).toEqual([]);
  });

  it('findings stay sorted, within the text and apart within a code, whatever the pieces', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('138', '1234', '5678', '-', ' ', 'www', '.', 'com', 'abc', 'vx', '微信', 'QQ', '12345', '订单号', '：', '，', '茶', '/'), { maxLength: 16 }),
      (parts) => {
        const text = parts.join('');
        const findings = lintClaims(text);
        for (let i = 0; i < findings.length; i++) {
          const f = findings[i]!;
          expect(text.slice(f.start, f.end)).toBe(f.words);
          if (i > 0) expect(findings[i - 1]!.start).toBeLessThanOrEqual(f.start);
          for (const g of findings.slice(0, i).filter((x) => x.code === f.code)) expect(g.end).toBeLessThan(f.start);
        }
      },
    ));
  });
});

describe('isQuietHours: promotions only 08:00–21:00 China time', () => {
  it.each([
    ['2025-05-20 07:59:59', true],
    ['2025-05-20 08:00:00', false],
    ['2025-05-20 12:00:00', false],
    ['2025-05-20 20:59:59', false],
    ['2025-05-20 21:00:00', true],
    ['2025-05-20 23:30:00', true],
    ['2025-05-21 00:00:00', true],
  ])('%s → %s', (time, quiet) => expect(isQuietHours(parseShanghaiTime(time)!)).toBe(quiet));
});
