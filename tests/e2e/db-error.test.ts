// Issue 8: a schema upgrade that fails stops: the database stays at its version with its data, and the
// popup says so in plain words instead of showing empty figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Launched } from './harness';

describe('a database that cannot be opened', () => {
  let launched: Launched;
  beforeAll(async () => {
    launched = await launchWithExtension();
  });
  afterAll(async () => launched?.close());

  it('an upgrade that fails leaves the database at its version, untouched, and the popup tells the seller', async () => {
    const page = await launched.context.newPage();
    // An extension page that does not open the database itself.
    await page.goto(`chrome-extension://${launched.extensionId}/manifest.json`);
    await page.evaluate(async () => {
      // The worker created the current database at start: remove it (its connection closes on request) and
      // write the database as schema v4 left it (IndexedDB version 40: Dexie's v4), with an order whose
      // items are not a list, which the v5 upgrade (customers recomputed from their orders) cannot read.
      // The worker may still be starting and open (create) the current database again between the delete
      // and the open: then the open is refused (VersionError) and both are done again.
      for (let attempt = 0; ; attempt++) {
        try {
          await writeV4();
          return;
        } catch (err) {
          if (attempt >= 10 || (err as DOMException | null)?.name !== 'VersionError') throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      function writeV4(): Promise<void> { return new Promise<void>((resolve, reject) => {
      const del = indexedDB.deleteDatabase('laoke');
      del.onerror = () => reject(del.error);
      del.onsuccess = () => {
        const req = indexedDB.open('laoke', 40);
        req.onupgradeneeded = () => {
          const db = req.result;
          const customers = db.createObjectStore('customers', { keyPath: 'key' });
          customers.createIndex('[platform+nick]', ['platform', 'nick']);
          const orders = db.createObjectStore('orders', { keyPath: ['platform', 'orderId'] });
          orders.createIndex('customerKey', 'customerKey');
          orders.createIndex('createdAt', 'createdAt');
          customers.put({ key: 'taobao:id:b1', platform: 'taobao', nick: '小美', identity: 'strong', orderCount: 1, totalFen: 100, purchases: ['1'], items: [], tags: [], notes: '留着', updatedAt: 1 });
          orders.put({ platform: 'taobao', orderId: '1', customerKey: 'taobao:id:b1', createdAt: 1, status: 'completed', amountFen: 100, refundFen: 0, items: null });
        };
        req.onsuccess = () => { req.result.close(); resolve(); };
        req.onerror = () => reject(req.error);
      };
      }); }
    });
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    const error = page.locator('[data-testid="db-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('已有数据保持原样、没有改动');
    const kept = await page.evaluate(() => new Promise<{ version: number; notes: unknown; stores: string[] }>((resolve, reject) => {
      const req = indexedDB.open('laoke');
      req.onsuccess = () => {
        const db = req.result;
        const get = db.transaction('customers').objectStore('customers').get('taobao:id:b1');
        get.onsuccess = () => { resolve({ version: db.version, notes: get.result?.notes, stores: [...db.objectStoreNames] }); db.close(); };
        get.onerror = () => reject(get.error);
      };
      req.onerror = () => reject(req.error);
    }));
    expect(kept).toEqual({ version: 40, notes: '留着', stores: ['customers', 'orders'] });
  });
});
