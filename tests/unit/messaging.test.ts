// The background trusts by sender (issue 14): a content script in a console page may hand over what it
// read and ask what a badge shows; the card, notes, exports, tasks and delete answer only the extension's
// own pages.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browser } from 'wxt/browser';
import { CONTENT_REQUESTS, isExtensionPage, type Handlers } from '@/utils/messaging';
import { handleRequests } from '@/utils/messaging-handle';
import { requests } from '@/utils/messaging-requests';

const id = browser.runtime.id;
const contentScript = { id, url: 'https://myseller.taobao.com/home.htm/trade-platform/tp/sold', tab: { id: 7 } };
const panelPage = { id, url: `chrome-extension://${id}/panel.html?start=today`, tab: { id: 7 } };
const dashboard = { id, url: `chrome-extension://${id}/dashboard.html#/audiences` };

describe('isExtensionPage', () => {
  it('an extension page of this extension (Chrome or Firefox), never a console page or another extension', () => {
    expect(isExtensionPage(panelPage)).toBe(true);
    expect(isExtensionPage(dashboard)).toBe(true);
    expect(isExtensionPage({ id, url: 'moz-extension://5f0c/popup.html' })).toBe(true);
    expect(isExtensionPage(contentScript)).toBe(false);
    expect(isExtensionPage({ id: 'another-extension', url: 'chrome-extension://another-extension/x.html' })).toBe(false);
    expect(isExtensionPage({ id })).toBe(false);
  });
});

describe('handleRequests', () => {
  it('a content script gets only what a badge needs; everything else is refused before its handler runs', async () => {
    fakeBrowser.reset();
    const called = vi.fn(async () => null);
    handleRequests(new Proxy({}, { get: () => called }) as unknown as Handlers);
    const ask = async (sender: object, laoke: string, data: unknown) => {
      const [reply] = await fakeBrowser.runtime.onMessage.trigger({ laoke, data }, sender);
      return (await reply) as unknown as { ok: boolean; error?: string };
    };
    expect(await ask(contentScript, 'saveCustomerNotes', { key: 'taobao:id:1', tags: [], notes: 'x', phone: '' })).toMatchObject({ ok: false, error: expect.stringContaining('only for Laoke') });
    expect(await ask(contentScript, 'customerCard', { key: 'taobao:id:1' })).toMatchObject({ ok: false });
    expect(await ask(contentScript, 'exportPreset', { preset: 'all', format: 'csv' })).toMatchObject({ ok: false });
    expect(await ask(contentScript, 'deleteCustomer', { key: 'taobao:id:1' })).toMatchObject({ ok: false });
    // A correction of a review's complaints teaches the shop's model: Laoke's own pages only.
    expect(await ask(contentScript, 'correctAspects', { platform: 'pdd', reviewId: '1', complaints: ['logistics'] })).toMatchObject({ ok: false, error: expect.stringContaining('only for Laoke') });
    // 关联 (issue 23): linking, unlinking, the section and the search tie or read who is whom: Laoke's own pages only.
    for (const [laoke, data] of [
      ['linkCustomers', { key: 'taobao:id:1', other: 'pdd:probable:王**|王*|浙江省 杭州市 西湖区' }], ['unlinkCustomers', { key: 'taobao:id:1', other: 'pdd:x' }],
      ['customerLinks', { key: 'taobao:id:1' }], ['linkCandidates', { key: 'taobao:id:1', query: '王' }],
    ] as const) expect(await ask(contentScript, laoke, data), laoke).toMatchObject({ ok: false, error: expect.stringContaining('only for Laoke') });
    expect(called).not.toHaveBeenCalled();
    expect(await ask(contentScript, 'orderFacts', { platform: 'taobao', orderIds: ['123456789'] })).toEqual({ ok: true, value: null });
    expect(await ask(panelPage, 'customerCard', { key: 'taobao:id:1' })).toEqual({ ok: true, value: null });
    expect(called).toHaveBeenCalledTimes(2);
  });

  it('the content set is exactly: ingest, report (not understood, rows not found), badge facts, open the panel, the panel moved', () => {
    expect([...CONTENT_REQUESTS].sort()).toEqual(['ingestAfterSales', 'ingestOrders', 'ingestReviews', 'openPanel', 'orderFacts', 'panelMoved', 'reportRowsMissing', 'reportUnrecognized']);
    for (const k of CONTENT_REQUESTS) expect(k in requests).toBe(true);
  });
});

describe('handleRequests: a type named after what every object inherits', () => {
  it('constructor, toString, __proto__, hasOwnProperty are no requests: not answered, no throw, no handler', async () => {
    fakeBrowser.reset();
    const called = vi.fn(async () => null);
    handleRequests(new Proxy({}, { get: () => called }) as unknown as Handlers);
    for (const laoke of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const sender of [contentScript, dashboard]) {
        const replies = await fakeBrowser.runtime.onMessage.trigger({ laoke, data: {} }, sender);
        expect(await replies[0]).toBeUndefined();
      }
    }
    expect(called).not.toHaveBeenCalled();
  });
});
