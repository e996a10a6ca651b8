// Runs in a plain Chromium page (real IndexedDB): Laoke's ingest of generated orders, page by page as a
// seller's console delivers them, against a raw IndexedDB put of the same records.
import { generateShop } from '../shop/generate';
import { soldPage } from '../shop/taobao';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import { LaokeDB } from '@/utils/db/schema';
import { ingestOrders } from '@/utils/db/ingest';
import type { ObservedOrder, Order } from '@/utils/crm/types';

function rawPut(name: string, records: Order[], batch: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('orders', { keyPath: ['platform', 'orderId'] });
    open.onerror = () => reject(open.error);
    open.onsuccess = async () => {
      const db = open.result;
      const t0 = performance.now();
      for (let i = 0; i < records.length; i += batch) {
        await new Promise<void>((done, fail) => {
          const tx = db.transaction('orders', 'readwrite');
          const store = tx.objectStore('orders');
          for (const r of records.slice(i, i + batch)) store.put(r);
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        });
      }
      const ms = performance.now() - t0;
      db.close();
      resolve(ms);
    };
  });
}

/**
 * The floor under Laoke's own writes: page by page, the page's orders and the customers they belong to
 * (their final records), put raw into stores with the same keys and indexes as Laoke's, one transaction
 * a page. Laoke writes both (a buyer's summary is what a badge reads): this is what that costs with no
 * logic, no reads and no digests at all.
 */
function rawPutPages(name: string, pages: Order[][], customers: Map<string, unknown>): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      const orders = open.result.createObjectStore('orders', { keyPath: ['platform', 'orderId'] });
      orders.createIndex('customerKey', 'customerKey');
      orders.createIndex('createdAt', 'createdAt');
      open.result.createObjectStore('customers', { keyPath: 'key' }).createIndex('platform+nick', ['platform', 'nick']);
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = async () => {
      const db = open.result;
      const t0 = performance.now();
      for (const page of pages) {
        await new Promise<void>((done, fail) => {
          const tx = db.transaction(['orders', 'customers'], 'readwrite');
          const orders = tx.objectStore('orders');
          const buyers = tx.objectStore('customers');
          for (const r of page) orders.put(r);
          for (const key of new Set(page.map((o) => o.customerKey))) if (customers.has(key)) buyers.put(customers.get(key));
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        });
      }
      const ms = performance.now() - t0;
      db.close();
      resolve(ms);
    };
  });
}

async function run(nOrders: number, pageSize: number) {
  const t0 = performance.now();
  const shop = generateShop({ seed: 5, customers: Math.round(nOrders / 3), orders: nOrders, months: 18 });
  // The console's answers as the page receives them (text); parsing them is part of Laoke's work.
  const bodies: string[] = [];
  for (let p = 1; (p - 1) * pageSize < shop.orders.length; p++) bodies.push(JSON.stringify(soldPage(shop, p, pageSize)));
  const prepareMs = performance.now() - t0;
  const parse = (body: string): ObservedOrder[] => {
    const r = parseSoldJson(JSON.parse(body));
    if (!r.ok) throw new Error(r.reason);
    return r.orders;
  };

  // Parsing alone (JSON.parse, the adapter, its schema check), to tell it apart from storing.
  const tp = performance.now();
  for (const body of bodies) parse(body);
  const parseMs = performance.now() - tp;

  const db = new LaokeDB('bench-laoke');
  await db.delete();
  await db.open();
  // The page's JS heap after a full garbage collection (CDP, from run.ts; -1 without it), before and
  // after the ingest: what the ingest leaves held (its caches, the database's) is the difference.
  const heapMB = (window as unknown as { laokeHeapMB?: () => Promise<number> }).laokeHeapMB ?? (async () => -1);
  const heapBeforeIngestMB = await heapMB();
  const t1 = performance.now();
  for (const body of bodies) await ingestOrders(db, parse(body));
  const laokeMs = performance.now() - t1;
  const heapAfterIngestMB = await heapMB();
  // Seeing pages again (the seller's daily paging): a sample of 200 pages, scaled to all of them.
  const sample = bodies.slice(0, 200);
  const t2 = performance.now();
  for (const body of sample) await ingestOrders(db, parse(body));
  const revisitMs = ((performance.now() - t2) / sample.length) * bodies.length;
  // The next day: nothing changed, but every order's "last seen" is rewritten.
  const tomorrow = Date.now() + 86_400_000;
  const t3 = performance.now();
  for (const body of sample) await ingestOrders(db, parse(body), tomorrow);
  const revisitNextDayMs = ((performance.now() - t3) / sample.length) * bodies.length;
  const records = await db.orders.toArray();
  const customerRecords = new Map((await db.customers.toArray()).map((c) => [c.key, c] as const));
  const customers = customerRecords.size;
  // The stored orders in the pages' order (each page's orders as it brought them).
  const byKey = new Map(records.map((o) => [`${o.platform}|${o.orderId}`, o] as const));
  const pages = bodies.map((body) => parse(body).flatMap((o) => byKey.get(`${o.platform}|${o.orderId}`) ?? []));
  db.close();

  const rawBatchedMs = await rawPut('bench-raw-batched', records, pageSize);
  const rawSingleMs = await rawPut('bench-raw-single', records, records.length);
  const rawOrdersAndCustomersMs = await rawPutPages('bench-raw-pages', pages, customerRecords);
  return { rawOrdersAndCustomersMs, orders: records.length, customers, pageSize, heapBeforeIngestMB, heapAfterIngestMB, bodiesMB: bodies.reduce((n, b) => n + b.length * 2, 0) / 1e6, prepareMs, parseMs, laokeMs, revisitMs, revisitNextDayMs, rawBatchedMs, rawSingleMs };
}

(window as unknown as { runIngestBench: typeof run }).runIngestBench = run;
