// Red team, issue 20's changes (h20): a hostile console page against the ingest cache of pages read again
// (utils/db/ingest.ts REPEAT_PAGES) and against the tap from a frame it prepared itself. Each test states
// the attack and asserts what was OBSERVED in the extension's IndexedDB; "BLOCKED": the attack did not work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { installConsole, SOLD_URL } from '../console/routes';
import { generateShop } from '../shop/generate';
import { soldPage } from '../shop/taobao';
import { launchWithExtension, readDb, type Launched } from './harness';

const PAGE_SIZE = 20;
const SOLD_API = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';
const FORM = (p: number, size: number) => `pageNum=${p}&pageSize=${size}&prePageNo=${p}&sifg=0&action=itemlist%2FSoldQueryAction`;
const shop = generateShop({ seed: 47, customers: 60, orders: 160, months: 4, end: Date.now() - 3_600_000 });
type MainOrder = { id: string; buyer: { id?: string; nick: string } } & Record<string, unknown>;
const page = (n: number) => structuredClone(soldPage(shop, n, PAGE_SIZE)) as { mainOrders: MainOrder[] } & Record<string, unknown>;

async function until(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
const storedIds = async (launched: Launched) => new Set((await readDb(launched)).orders.map((o) => o.orderId as string));
const soldOk = async (launched: Launched) => ((await readDb(launched)).health.find((r) => r.pageKind === 'taobao.sold')?.okCount as number | undefined) ?? 0;

/** The page's script replays the console's own list request (no forgery: the server's real answer), and waits until it was ingested. */
async function replay(launched: Launched, p: Page, pageNum: number): Promise<void> {
  const before = await soldOk(launched);
  await p.evaluate(({ api, body }) => fetch(api, { method: 'POST', credentials: 'include', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' } }).then((r) => r.text()), { api: SOLD_API, body: FORM(pageNum, PAGE_SIZE) });
  await until(async () => (await soldOk(launched)) > before, 'the replay ingested');
}

describe('red team (issue 20): the cache of pages read again', () => {
  let launched: Launched;
  let sold: Page;
  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
    await sold.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
    await sold.waitForSelector('[data-laoke-badge]');
    const ids = page(1).mainOrders.map((o) => o.id);
    await until(async () => {
      const have = await storedIds(launched);
      return ids.every((id) => have.has(id));
    }, 'page 1 stored');
  }, 60_000);
  afterAll(async () => launched?.close());

  it('BLOCKED: page 1 replayed until it is answered from the cache, the seller deletes a buyer (删除此客户, an extension page), the page replays page 1 again: the answer is not the kept one, the buyer\'s orders are read as new and stored again', async () => {
    // Read again unchanged twice: the second is answered from what the first kept.
    await replay(launched, sold, 1);
    await replay(launched, sold, 1);
    const orderId = page(1).mainOrders.find((o) => o.buyer.id)!.id;
    const key = (await readDb(launched)).orders.find((o) => o.orderId === orderId)!.customerKey as string;
    // Another writer: the seller deletes the buyer from an extension page.
    const ext = await launched.context.newPage();
    await ext.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    const report = await ext.evaluate((k) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ laoke: 'deleteCustomer', data: { key: k } }), key) as { ok: boolean; value: { orders: number } };
    // Nor is anything of theirs left in the analytics' digests (utils/db/digest.ts), read at once.
    const digestText = await ext.evaluate(() => new Promise<string>((resolve, reject) => {
      const req = indexedDB.open('laoke');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const tx = req.result.transaction(['digests', 'digestLog']);
        const out: string[] = [];
        const walk = (v: unknown): void => {
          if (typeof v === 'string') out.push(v);
          else if (Array.isArray(v)) v.forEach(walk);
          else if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) Object.values(v).forEach(walk);
        };
        const a = tx.objectStore('digests').getAll();
        const b = tx.objectStore('digestLog').getAll();
        tx.oncomplete = () => { walk(a.result); walk(b.result); req.result.close(); resolve(out.join('\n')); };
      };
    }));
    await ext.close();
    expect(report.ok).toBe(true);
    expect(digestText).not.toContain(key);
    expect(report.value.orders).toBeGreaterThan(0);
    expect((await storedIds(launched)).has(orderId)).toBe(false);
    // The same page read again: a stale answer would write nothing (the buyer's orders would stay gone and
    // the badges would show the deleted buyer's old figures).
    await replay(launched, sold, 1);
    const db = await readDb(launched);
    expect(db.orders.some((o) => o.orderId === orderId)).toBe(true);
    expect(db.customers.some((c) => c.key === key)).toBe(true);
  });
});

describe('red team (issue 20): a frame the page prepared before the tap ran in it', () => {
  let launched: Launched;
  let sold: Page;
  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
    await sold.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
    await sold.waitForSelector('[data-laoke-badge]');
  }, 60_000);
  afterAll(async () => launched?.close());

  it('BLOCKED: built-ins patched in a new iframe\'s initial about:blank window (Response, XHR getters, TextDecoder, MessagePort), then the frame navigated to the sold list (same origin, where the HTML spec may reuse the window): the tap in it reads the server\'s real page 2; nothing forged is stored', async () => {
    const forged = page(2);
    forged.mainOrders = forged.mainOrders.map((o) => ({ ...o, buyer: { id: 'AAreuseAttacker', nick: 'reuseattacker' } }));
    const text = JSON.stringify(forged);
    await sold.evaluate(({ url, text }) => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const w = frame.contentWindow as Window & typeof globalThis;
      const bytes = () => new w.TextEncoder().encode(text).buffer;
      w.Response.prototype.clone = function clone(this: Response) { return this; };
      w.Response.prototype.arrayBuffer = async function arrayBuffer() { return bytes(); };
      w.Response.prototype.text = async function t() { return text; };
      w.TextDecoder.prototype.decode = function decode() { return text; };
      for (const name of ['responseText', 'response'] as const) Object.defineProperty(w.XMLHttpRequest.prototype, name, { get: () => text, configurable: true });
      const post = w.MessagePort.prototype.postMessage;
      w.MessagePort.prototype.postMessage = function postMessage(this: MessagePort, m: unknown, ...rest: unknown[]) {
        const msg = m as { url?: string; text?: string } | null;
        return Reflect.apply(post, this, [msg && typeof msg.text === 'string' ? { ...msg, text } : m, ...rest]);
      };
      frame.src = url;
    }, { url: `${SOLD_URL}?pageNum=2&pageSize=${PAGE_SIZE}`, text });
    // The frame's own app requests page 2; its tap and capture read it.
    const ids = page(2).mainOrders.map((o) => o.id);
    await until(async () => {
      const have = await storedIds(launched);
      return ids.every((id) => have.has(id));
    }, 'page 2 stored from the frame', 20_000);
    const db = await readDb(launched);
    expect(db.orders.filter((o) => o.nick === 'reuseattacker' || String(o.customerKey).includes('AAreuseAttacker'))).toEqual([]);
    expect(db.customers.filter((c) => c.nick === 'reuseattacker')).toEqual([]);
  }, 60_000);
});
