// Issue 8, isolation: the console page's own scripts (or anything injected into it) cannot read Laoke's
// database, cannot reach the background, and cannot get anything written by posting forged tap messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TAP_SOURCE } from '@/utils/sites/tap-protocol';
import { MAX_TAPPED_BODY_CHARS } from '@/utils/sites/endpoints';
import { installConsole } from '../console/routes';
import { generateShop } from '../shop/generate';
import { readSoldPage } from './expect-badges';
import { launchWithExtension, readDb, type Launched } from './harness';

const shop = generateShop({ seed: 5, customers: 20, orders: 40, months: 2 });
const SOLD_API = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1';

describe('isolation', () => {
  let launched: Launched;
  let sold: Page;

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
    await readSoldPage(sold, shop.orders, 1, 20, []);
  });
  afterAll(async () => launched?.close());

  it('a page script cannot read the database: the page\'s IndexedDB has no `laoke` with data in it', async () => {
    const seen = await sold.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name);
      // Opening the name creates an empty database of the page's own origin, not Laoke's.
      const stores = await new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('laoke');
        req.onsuccess = () => { resolve([...req.result.objectStoreNames]); req.result.close(); };
        req.onerror = () => reject(req.error);
      });
      return { names, stores };
    });
    expect(seen.names).not.toContain('laoke');
    expect(seen.stores).toEqual([]);
    // Laoke's own database has the page's orders.
    expect((await readDb(launched)).orders.length).toBe(20);
  });

  it('a page script cannot message the background (no externally_connectable)', async () => {
    const reach = await sold.evaluate(() => {
      const c = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      return typeof c?.runtime?.sendMessage;
    });
    expect(reach).toBe('undefined');
  });

  it('forged tap messages write nothing: wrong shape, oversized, not JSON, another endpoint, orders that fail validation', async () => {
    const before = await readDb(launched);
    await sold.evaluate(({ source, api, over }) => {
      const post = (m: unknown) => window.postMessage(m, location.origin);
      post({ source, kind: 'response', url: api, text: 'x'.repeat(over) }); // over the size limit
      post({ source, kind: 'response', url: api, text: '{not json' });
      post({ source, kind: 'response', url: 'https://evil.example/asyncSold.htm', text: '{}' });
      post({ source, kind: 'response', url: api });
      post({ source, kind: 'response', url: api, text: JSON.stringify({ mainOrders: [{ id: '<img src=x onerror=alert(1)>', payInfo: { actualFee: 'NaN' } }], page: { currentPage: 1 } }) });
      post({ source, kind: 'response', url: api, text: JSON.stringify({ mainOrders: 'everything', page: null }) });
    }, { source: TAP_SOURCE, api: SOLD_API, over: MAX_TAPPED_BODY_CHARS + 1 });
    // The content script answers "页面未识别" for a body it cannot read; give it time to have written anything.
    await sold.waitForTimeout(1_500);
    const after = await readDb(launched);
    expect(after.orders).toEqual(before.orders);
    expect(after.customers).toEqual(before.customers);
    expect(await sold.locator('img[src="x"]').count()).toBe(0);
  });
});
