// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { fixture, setHtml } from '@/tests/fixtures';
import { anchorsByText, TextAnchorCache, TextIndex, withTextAnchors, withTextReviewAnchors } from './anchor';
import { parsePddOrdersJson, pddOrderBlocks } from './pdd-orders';
import { legacyOrderBlocks } from './taobao-sold-legacy';
import { parseSoldJson, soldOrderBlocks } from './taobao-sold';
import type { OrderBlock } from './types';

const A = '240101-123456789012345';
const B = '240101-123456789012346';
const C = '240102-000000000000007';

beforeEach(() => setHtml(document.body, ''));

describe('anchoring by the order number\'s text', () => {
  it('div blocks, the number in its own span: the badge goes after that span, the block is the order\'s div', () => {
    setHtml(document.body, `<main><div class="x1"><div class="hd_9f"><span>订单编号：</span><span id="a">${A}</span><span>订单成交时间：2024-01-01 10:00</span></div><div>¥12.00</div></div>`
      + `<div class="x1"><div class="hd_9f"><span>订单编号：</span><span id="b">${B}</span></div><div>¥8.00</div></div></main>`);
    const found = anchorsByText(document, [A, B]);
    expect(found.map((f) => [f.key, f.holder.id, f.place])).toEqual([[A, 'a', 'after'], [B, 'b', 'after']]);
    for (const f of found) expect(f.block.className).toBe('x1');
  });

  it('a label and the number split by a framework\'s comment marker are one text; a cell holds the badge inside', () => {
    setHtml(document.body, '<table><tbody><tr><td id="c">订单号：<!-- -->4102938475610293847</td></tr><tr><td>订单号：4102938475610293848</td></tr></tbody></table>');
    const [f] = anchorsByText(document, ['4102938475610293847']);
    expect(f?.holder.id).toBe('c');
    expect(f?.place).toBe('append');
  });

  it('inside the page\'s open shadow root', () => {
    setHtml(document.body, '<order-list id="host"></order-list>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    const inner = document.createElement('div');
    setHtml(inner, `<section class="o"><p>订单编号：${A}</p></section><section class="o"><p>订单编号：${B}</p></section>`);
    shadow.append(inner);
    const found = anchorsByText(document, [A, B]);
    expect(found.map((f) => f.key)).toEqual([A, B]);
    expect(found[0]!.holder.getRootNode()).toBe(shadow);
    expect(found[0]!.block.tagName).toBe('SECTION');
  });

  it('a longer number holding the key is not the key; a text naming two orders is no one order\'s', () => {
    setHtml(document.body, `<div><span>9${A.replace('-', '')}</span><span>合并发货：${A}，${B}</span></div><div><span id="c">${C}</span></div>`);
    expect(anchorsByText(document, [A, B, C]).map((f) => f.key)).toEqual([C]);
    setHtml(document.body, '<div><span>1234567890123456789</span></div>');
    expect(anchorsByText(document, ['234567890123456789'])).toEqual([]);
  });

  it('one order shown twice in its block: one anchor, the labelled one; Laoke\'s own elements and scripts are not read', () => {
    setHtml(document.body, `<div class="o"><a title="copy">${A}</a><span id="l">订单编号：${A}</span></div><div class="o"><span>订单编号：${B}</span></div>`
      + `<div data-laoke-notice><span>${C}</span></div><script>var x = "${C}";</script>`);
    const found = anchorsByText(document, [A, B, C], (el) => el.hasAttribute('data-laoke-notice'));
    expect(found.map((f) => f.key)).toEqual([A, B]);
    expect(found[0]!.holder.id).toBe('l');
  });

  it('two review rows of one order are two blocks; a row found by text takes its item from its goods link', () => {
    setHtml(document.body, `<ul><li><a href="https://item.taobao.com/item.htm?id=111">杯子</a><em>订单号：${'4102938475610293847'}</em></li>`
      + `<li><a href="https://item.taobao.com/item.htm?id=222">盘子</a><em>订单号：4102938475610293847</em></li><li><em>订单号：4102938475610293999</em></li></ul>`);
    const rows = withTextReviewAnchors([], document, new Set(['4102938475610293847', '4102938475610293999']));
    expect(rows.map((r) => [r.orderId, r.itemId])).toEqual([['4102938475610293847', '111'], ['4102938475610293847', '222'], ['4102938475610293999', '']]);
  });

  it('the fast path alone when it found every order of the response shown', () => {
    setHtml(document.body, `<div><span id="a">${A}</span></div><div><span>${B}</span></div>`);
    const fast: OrderBlock[] = [{ orderId: A, block: document.body, anchor: document.getElementById('a')! }];
    expect(withTextAnchors(fast, document, new Set([A]), new Set([A, B]))).toBe(fast);
    expect(withTextAnchors(fast, document, new Set([A, B]), new Set([A, B])).map((b) => b.orderId)).toEqual([A, B]);
    // The selectors found an order of a newer list (its response not read yet): no text search meanwhile.
    expect(withTextAnchors(fast, document, new Set([B, C]), new Set([A, B, C]))).toBe(fast);
  });
});

describe('the text search kept between page changes', () => {
  it('used again while its holders stand; searched afresh when a row is rewritten or a new order shows', () => {
    setHtml(document.body, `<div><span id="a">${A}</span></div><div><span id="b">${B}</span></div>`);
    const cache = new TextAnchorCache();
    const ids = new Set([A, B]);
    const first = withTextAnchors([], document, ids, ids, undefined, cache);
    expect(first.map((b) => b.anchor.id)).toEqual(['a', 'b']);
    // Something else on the page changed: the same finds, no new search (a search would see the decoy).
    const decoy = document.createElement('div');
    setHtml(decoy, `<b id="decoy">订单编号：${A}</b>`);
    document.body.prepend(decoy);
    expect(withTextAnchors([], document, ids, ids, undefined, cache).map((b) => b.anchor.id)).toEqual(['a', 'b']);
    // The page rewrote a row: searched again.
    document.getElementById('b')!.textContent = C;
    const next = new Set([A, C]);
    expect(withTextAnchors([], document, next, new Set([A, B, C]), undefined, cache).map((b) => [b.orderId, b.anchor.id])).toEqual([[A, 'decoy'], [C, 'b']]);
  });
});

describe('the page\'s text kept until the page changes (TextIndex)', () => {
  it('one walk serves several searches, new keys too; after changed() the page is read afresh', () => {
    setHtml(document.body, `<div><span id="a">${A}</span></div><div><span id="b">${B}</span></div>`);
    const index = new TextIndex();
    const skip = () => false;
    expect(anchorsByText(document, [A], skip, index).map((f) => f.holder.id)).toEqual(['a']);
    // A key not searched before is found in the same reading, and gives what a fresh walk gives.
    expect(anchorsByText(document, [A, B], skip, index)).toEqual(anchorsByText(document, [A, B], skip));
    // Unannounced change: the index still answers from its reading (the caller must say changed()).
    document.getElementById('b')!.textContent = C;
    expect(anchorsByText(document, [C], skip, index)).toEqual([]);
    index.changed();
    expect(anchorsByText(document, [C], skip, index).map((f) => f.holder.id)).toEqual(['b']);
  });

  it('names the open shadow roots it read, for the caller to watch', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    setHtml(root as unknown as HTMLElement, `<div><span id="s">${A}</span></div>`);
    const index = new TextIndex();
    expect(anchorsByText(document, [A], () => false, index).map((f) => f.holder.id)).toEqual(['s']);
    expect(index.shadowRoots).toEqual([root]);
  });
});

describe('on the saved console pages, the text finds what each adapter\'s selectors find', () => {
  it.each([
    ['taobao-sold-page1.html', 'taobao-sold-page1.json', soldOrderBlocks, (j: unknown) => parseSoldJson(j)],
    ['taobao-sold-legacy-page1.html', 'taobao-sold-page1.json', legacyOrderBlocks, (j: unknown) => parseSoldJson(j)],
    ['pdd-orders-page1.html', 'pdd-orders-page1.json', pddOrderBlocks, (j: unknown) => parsePddOrdersJson(j)],
  ] as const)('%s', (html, json, fast, parse) => {
    setHtml(document.body, fixture(html));
    const read = parse(JSON.parse(fixture(json)));
    if (!read.ok) throw new Error(read.reason);
    const ids = read.orders.map((o) => o.orderId);
    const bySelector = fast(document);
    const byText = anchorsByText(document, ids);
    expect(byText.map((a) => a.key).sort()).toEqual(ids.slice().sort());
    // Each found block is the adapter's block or holds it, and holds no other order's block.
    for (const a of byText) {
      const own = bySelector.find((b) => b.orderId === a.key)!;
      expect(a.block.contains(own.anchor) || own.block.contains(a.holder)).toBe(true);
      for (const other of bySelector) if (other.orderId !== a.key) expect(a.block.contains(other.anchor)).toBe(false);
    }
  });
});
