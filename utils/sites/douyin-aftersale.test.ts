import { describe, expect, it } from 'vitest';
import { fixture } from '@/tests/fixtures';
import { douyinAfterSale, douyinAfterSaleState, parseDouyinAfterSaleJson } from './douyin-aftersale';

type Body = { data: { items: { after_sale_info: Record<string, unknown>; text_part?: Record<string, unknown> }[] } };
const page1 = () => JSON.parse(fixture('douyin-aftersale-page1.json')) as Body;

describe('抖店 after-sales: page and endpoint', () => {
  it('taps /after_sale/pc/list only', () => {
    expect(douyinAfterSale.matchesEndpoint('https://fxg.jinritemai.com/after_sale/pc/list?appid=1&a_bogus=x')).toBe(true);
    expect(douyinAfterSale.matchesEndpoint('https://fxg.jinritemai.com/after_sale/pc/detail')).toBe(false);
    expect(douyinAfterSale.matchesPage(new URL('https://fxg.jinritemai.com/ffa/maftersale/aftersale/list'))).toBe(true);
    expect(douyinAfterSale.matchesPage(new URL('https://fxg.jinritemai.com/ffa/maftersale/comment'))).toBe(false);
  });
});

describe('抖店 after_sale/pc/list JSON', () => {
  it('reads each case\'s order (related_id), its state by the status text, and the amount in fen', () => {
    expect(parseDouyinAfterSaleJson(page1())).toEqual({
      ok: true,
      cases: [
        { orderId: '6928374651029384757', state: 'open', refundFen: 8800 },
        { orderId: '6928374651029384758', state: 'refunded', refundFen: 2900 },
        { orderId: '6928374651029384759', state: 'closed', refundFen: 7000 },
        // An amount that is not an integer of fen is left out, the case kept.
        { orderId: '6928374651029384756', state: 'open' },
      ],
    });
  });

  it.each([
    ['待商家处理', 'open'], ['待买家退货', 'open'], ['待商家收货', 'open'], ['退款中', 'open'], ['商家拒绝，待买家处理', 'open'],
    ['平台处理中', 'open'], ['退款成功', 'refunded'], ['售后关闭', 'closed'], ['买家已撤销', 'closed'], ['拒绝售后申请', 'closed'],
  ] as const)('%s → %s', (text, state) => expect(douyinAfterSaleState(text)).toBe(state));

  it('a status text not met before: that case is not applied (never guessed), the text told', () => {
    const body = page1();
    body.data.items[0]!.text_part = { after_sale_status_text: '待定' };
    body.data.items[1]!.text_part = { after_sale_status_text: '神秘状态' };
    const r = parseDouyinAfterSaleJson(body);
    if (!r.ok) throw new Error(r.reason);
    expect(r.cases.map((c) => c.orderId)).toEqual(['6928374651029384759', '6928374651029384756']);
    expect(r.unknown).toEqual(['待定', '神秘状态']);
    // The numeric code alone is not read: no text, no state.
    delete body.data.items[2]!.text_part;
    const r2 = parseDouyinAfterSaleJson(body);
    expect(r2.ok && r2.cases.map((c) => c.orderId)).not.toContain('6928374651029384759');
  });

  it.each([
    ['changed keys', { code: 0, data: { list: [] } }, 'data.items missing'],
    ['a refusal', { code: 10008, msg: '未登录' }, /refused/],
    ['a number for the order id', (() => { const b = page1(); b.data.items[0]!.after_sale_info.related_id = 6928374651029384757; return b; })(), /data\.items\[0\]\.after_sale_info\.related_id/],
  ])('%s → not understood', (_what, body, reason) => {
    const r = parseDouyinAfterSaleJson(body);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});
