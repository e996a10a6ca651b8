// @vitest-environment happy-dom
// The card's save path (issue 14): a save that fails says why, never 已保存, and the text the seller
// typed survives the reload it asks for, even when the reload brings the buyer they were merged into.
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { CustomerCard } from '@/components/CustomerCard';
import { customer, tr } from '@/tests/support/crm';
import type { CustomerCardData } from '@/utils/db/customers';

// chrome.i18n over the real zh_CN messages (a missing key throws).
beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => tr(key as never, ...(subs ?? []))) as never);
});
afterEach(() => vi.restoreAllMocks());

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const card = (key: string, notes = ''): CustomerCardData => ({
  customer: customer(key, { notes }), orders: [], domOrders: 0, reviews: [], segments: [], rfm: null, forecast: null, model: null, care: [],
  value: { risk: [], tier: null, next: null, by: null, points: null }, nextItem: null, restock: [],
  links: { key, platforms: ['taobao'], linked: [], samePhone: [] },
});

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

function type(el: HTMLTextAreaElement, value: string) {
  // React tracks the value it set: go through the native setter so onChange sees the new one.
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}
const $ = <T extends Element>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;
/** The seller's own click (trusted; happy-dom has no visibility observer, so the button counts as seen). */
function sellerClick(el: Element) {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e);
}

describe('CustomerCard save', () => {
  it('a failed save shows the error, reloads, and keeps the typed notes on the card that comes back', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    let data = card('taobao:nick:茶客小林', '旧备注');
    let reloads = 0;
    const render = () => root!.render(createElement(CustomerCard, {
      data,
      onSave: async () => { throw new Error('这位客户已不在数据库里'); },
      onReload: async () => {
        reloads++;
        // The buyer was merged into the one known by id: the reload brings that card.
        data = card('taobao:id:AAF1', '合并后的备注');
        render();
      },
    }));
    act(render);
    act(() => type($<HTMLTextAreaElement>('card-notes'), '刚写的备注'));
    // A scripted click saves nothing (only the seller's own does).
    await act(async () => { $<HTMLButtonElement>('card-save').click(); });
    expect(reloads).toBe(0);
    expect(document.querySelector('[data-testid="card-save-error"]')).toBeNull();
    await act(async () => { sellerClick($('card-save')); });
    expect(reloads).toBe(1);
    expect($('customer-card').getAttribute('data-customer-key')).toBe('taobao:id:AAF1');
    expect($<HTMLTextAreaElement>('card-notes').value).toBe('刚写的备注');
    expect($('card-save-error').textContent).toContain('这位客户已不在数据库里');
    expect(document.querySelector('[data-testid="card-saved"]')).toBeNull();
    // Another buyer opened afterwards shows their own notes.
    data = card('taobao:id:AAF2', '别人的备注');
    act(render);
    expect($<HTMLTextAreaElement>('card-notes').value).toBe('别人的备注');
  });

  it('counts DOM-only orders in words', () => {
    const host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    act(() => root!.render(createElement(CustomerCard, { data: { ...card('k'), domOrders: 2 }, onSave: async () => {} })));
    expect($('card-dom-orders').getAttribute('data-count')).toBe('2');
  });

  it('shows the buyer\'s note as text, when it was shipped and the seller\'s flag (issue 16)', () => {
    const host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    const order = {
      platform: 'taobao' as const, orderId: '4102938475610293847', customerKey: 'k', identity: 'strong' as const, nick: '茶客小林',
      createdAt: Date.UTC(2026, 10, 1, 2), shippedAt: Date.UTC(2026, 10, 2, 6), status: 'shipped' as const, amountFen: 23_800, refundFen: 0,
      items: [], source: 'json' as const, firstSeenAt: 0, lastSeenAt: 0, buyerMemo: '<b>请用顺丰</b>', sellerFlag: 1,
    };
    act(() => root!.render(createElement(CustomerCard, { data: { ...card('k'), orders: [order] }, onSave: async () => {} })));
    expect($('card-buyer-memo').textContent).toBe('买家留言：<b>请用顺丰</b>');
    expect(host.querySelector('b')).toBeNull();
    expect($('card-seller-flag').textContent).toBe('旗帜：红');
    expect($('card-order-list').textContent).toContain('发货 2026-11-02 14:00:00');
  });

  it('one 其他平台 section however often the card is saved and drawn again (its key is its own)', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async () => ({ ok: true, value: card('taobao:id:AAF1').links })) as never);
    const data = card('taobao:id:AAF1');
    const render = () => root!.render(createElement(CustomerCard, { data, onSave: async () => {}, onDelete: async () => {} }));
    act(render);
    for (let i = 0; i < 3; i++) {
      await act(async () => { sellerClick($('card-save')); });
      act(render);
    }
    expect(document.querySelectorAll('[data-testid="card-platforms"]')).toHaveLength(1);
    expect(document.querySelectorAll('[data-testid="card-delete"]')).toHaveLength(1);
  });
});
