// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixture, setHtml } from '@/tests/fixtures';
import { parseSoldJson } from './taobao-sold';
import { legacyOrderBlocks, parseLegacyDom, taobaoSoldLegacy } from './taobao-sold-legacy';

describe('legacy Taobao sold list', () => {
  it.each([
    ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm', true],
    ['https://trade.taobao.com/trade/itemlist/list_sold_items.htm?isFrame=true', true],
    ['https://trade.taobao.com/trade/itemlist/list_bought_items.htm', false],
  ])('%s → %s', (url, yes) => expect(taobaoSoldLegacy.matchesPage(new URL(url))).toBe(yes));

  it('reads the same orders from its DOM as from the asyncSold JSON (less buyer ids)', () => {
    setHtml(document.body, fixture('taobao-sold-legacy-page1.html'));
    const json = parseSoldJson(JSON.parse(fixture('taobao-sold-page1.json')));
    if (!json.ok) throw new Error(json.reason);
    const dom = parseLegacyDom(document);
    if (!dom.ok) throw new Error(dom.reason);
    // Less the seller's flag, which the JSON alone gives.
    expect(dom.orders).toEqual(json.orders.map(({ buyer, sellerFlag: _flag, ...rest }) => ({ ...rest, buyer: { nick: buyer.nick }, source: 'dom' })));
  });

  it('one block per div.trade-order-main', () => {
    setHtml(document.body, fixture('taobao-sold-legacy-page1.html'));
    expect(legacyOrderBlocks(document).map((b) => b.orderId)).toHaveLength(6);
    expect(legacyOrderBlocks(document).every((b) => b.block.classList.contains('trade-order-main'))).toBe(true);
  });
});
