// Red team (h15): a hostile console page attacks Laoke as a page script could, with real message shapes
// and valid bodies, beyond tests/e2e/hostile-page.test.ts. Each test states the attack and asserts what
// was OBSERVED (in the extension's IndexedDB or on the page). A test named "HOLE" asserts that the attack
// worked: it documents a weakness, it is not a wish. "BLOCKED" asserts that it did not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TAP_SOURCE } from '@/utils/sites/tap-protocol';
import { HOME_URL, installConsole, PAGE_HTML, SOLD_URL } from '../console/routes';
import { generateShop, isValidShopOrder } from '../shop/generate';
import { soldPage } from '../shop/taobao';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import { launchWithExtension, panelFrame, readDb, readStore, type Launched } from './harness';

const PAGE_SIZE = 20;
const SOLD_API = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';
const FORM = (page: number, size: number) => `pageNum=${page}&pageSize=${size}&prePageNo=${page}&sifg=0&action=itemlist%2FSoldQueryAction`;
// Recent orders, so that callback tasks exist (the panel's 今日 list).
const shop = generateShop({ seed: 43, customers: 80, orders: 200, months: 4, end: Date.now() - 3_600_000 });

type MainOrder = { id: string; buyer: { id?: string; nick: string }; extra: { tradeStatus: string }; statusInfo: { text: string } } & Record<string, unknown>;
const page = (n: number) => structuredClone(soldPage(shop, n, PAGE_SIZE)) as { mainOrders: MainOrder[] } & Record<string, unknown>;

/** Polls `check` until it is true (or throws after `timeout`); usable in hooks too. */
async function until(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const storedIds = async (launched: Launched) => new Set((await readDb(launched)).orders.map((o) => o.orderId as string));

/** Waits until every order of these ids is in the database. */
async function stored(launched: Launched, ids: string[], timeout = 15_000): Promise<void> {
  await until(async () => {
    const have = await storedIds(launched);
    return ids.every((id) => have.has(id));
  }, `orders stored: ${ids.slice(0, 3).join(',')}…`, timeout);
}

async function openSold(p: Page, pageNum: number): Promise<void> {
  await p.goto(`${SOLD_URL}?pageNum=${pageNum}&pageSize=${PAGE_SIZE}`);
  await p.waitForSelector('[data-laoke-badge]');
}

describe('red team: the tap', () => {
  let launched: Launched;
  let sold: Page;

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
    await openSold(sold, 1);
    await stored(launched, page(1).mainOrders.map((o) => o.id));
  }, 60_000);
  afterAll(async () => launched?.close());

  it('BLOCKED: an inline <script> first in <head> runs after the tap (fetch and XHR send are already wrapped)', async () => {
    const p = await launched.context.newPage();
    const probe = `<script>var n = (f) => Function.prototype.toString.call(f).includes('[native code]');
      window.__probe = { fetchNative: n(window.fetch), sendNative: n(XMLHttpRequest.prototype.send) };</script>`;
    await p.route(/\/tp\/sold/, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE_HTML.replace('<head>', `<head>${probe}`) }));
    await p.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
    const seen = await p.evaluate(() => (window as unknown as { __probe: unknown }).__probe);
    expect(seen).toEqual({ fetchNative: false, sendNative: false });
    await p.close();
  });

  it('BLOCKED: Object.prototype.toJSON + an XHR with responseType "json" to the real endpoint: the tap hands over the real body (its own walker, no toJSON), nothing forged is stored', async () => {
    const p1 = page(1);
    // Victims: a strong buyer's valid order (to be "closed"), a masked buyer's order (to be taken over,
    // with the note the seller wrote on that buyer's card).
    const maskedFirst = p1.mainOrders.find((o) => !o.buyer.id && o.buyer.nick.includes('*'))!;
    await sold.locator(`[data-laoke-badge][data-laoke-order-id="${maskedFirst.id}"]`).click();
    const card = panelFrame(sold).locator('[data-testid="customer-card"]');
    await card.waitFor();
    await card.locator('[data-testid="card-notes"]').fill('老顾客，电话 13800001111');
    await card.locator('[data-testid="card-save"]').click();
    await card.locator('[data-testid="card-saved"]').waitFor();
    await panelFrame(sold).locator('[data-testid="panel-close"]').click();
    const before = await readDb(launched);
    const strong = p1.mainOrders.find((o) => o.buyer.id && !o.buyer.nick.includes('*')
      && ['TRADE_FINISHED', 'WAIT_BUYER_CONFIRM_GOODS', 'WAIT_SELLER_SEND_GOODS'].includes(o.extra.tradeStatus))!;
    const strongCustomer = before.customers.find((c) => (c.purchases as string[]).includes(strong.id))!;
    const masked = p1.mainOrders.find((o) => !o.buyer.id && o.buyer.nick.includes('*'))!;
    expect(strongCustomer).toBeDefined();
    expect(masked).toBeDefined();
    const soldHealth = async () => (await readDb(launched)).health.find((r) => r.pageKind === 'taobao.sold');
    const okBefore = (await soldHealth())!.okCount as number;

    const forged = structuredClone(p1);
    for (const o of forged.mainOrders) {
      if (o.id === strong.id) {
        o.extra.tradeStatus = 'TRADE_CLOSED';
        o.statusInfo.text = '交易关闭';
      }
      if (o.id === masked.id) o.buyer = { id: 'attacker0001', nick: 'attacker' };
    }
    const invented = structuredClone(p1.mainOrders[0]!);
    invented.id = '4999999999999999991';
    invented.buyer = { id: 'attacker0002', nick: 'phantom' };
    forged.mainOrders.push(invented);

    const outcome = await sold.evaluate(async ({ api, form, text }) => {
      const forgedBody = JSON.parse(text);
      // Whatever object JSON.stringify meets first answers with the attacker's body.
      Object.defineProperty(Object.prototype, 'toJSON', {
        configurable: true,
        value(this: unknown) {
          delete (Object.prototype as { toJSON?: unknown }).toJSON;
          return forgedBody;
        },
      });
      const xhr = new XMLHttpRequest();
      xhr.open('POST', api);
      xhr.withCredentials = true;
      xhr.responseType = 'json';
      xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
      await new Promise((resolve) => { xhr.onloadend = resolve; xhr.send(form); });
      return { status: xhr.status, url: xhr.responseURL };
    }, { api: SOLD_API, form: FORM(1, PAGE_SIZE), text: JSON.stringify(forged) });
    expect(outcome.status).toBe(200);

    // The tap handed the response over and the background stored it: the real page 1, read again.
    await until(async () => ((await soldHealth())!.okCount as number) > okBefore, 'the response handed over and ingested');
    const after = await readDb(launched);
    const order = (id: string) => after.orders.find((o) => o.orderId === id)!;
    const orderBefore = (id: string) => before.orders.find((o) => o.orderId === id)!;
    // Not written: no order, no buyer that never existed.
    expect(after.orders.some((o) => o.orderId === '4999999999999999991')).toBe(false);
    expect(after.customers.some((c) => c.key === 'taobao:id:attacker0002')).toBe(false);
    // Not changed: the real purchase keeps its status; the buyer's count and spend are as before.
    expect(order(strong.id).status).toBe(orderBefore(strong.id).status);
    expect(order(strong.id).status).not.toBe('closed');
    const victimAfter = after.customers.find((c) => c.key === strongCustomer.key)!;
    expect(victimAfter.orderCount).toBe(strongCustomer.orderCount);
    expect(victimAfter.totalFen).toBe(strongCustomer.totalFen);
    // Not moved: the masked buyer's order stays theirs, with the seller's note (and phone) on their record.
    expect(order(masked.id).customerKey).toBe(`taobao:order:${masked.id}`);
    expect(after.customers.some((c) => c.key === 'taobao:id:attacker0001')).toBe(false);
    expect(after.customers.find((c) => c.key === `taobao:order:${masked.id}`)!.notes).toContain('13800001111');
    // Every order of page 1 is as the JSON first stored it.
    for (const o of p1.mainOrders) {
      const { lastSeenAt: _a, ...now } = order(o.id);
      const { lastSeenAt: _b, ...then } = orderBefore(o.id);
      expect(now).toEqual(then);
    }
  });

  it('BLOCKED: a page listener registered before send() rewrites the parsed "json" response or the "arraybuffer" bytes; another realm\'s XHR sent through our send(): the tap read first, nothing forged is stored', async () => {
    const p = await launched.context.newPage();
    await openSold(p, 1);
    const soldHealth = async () => (await readDb(launched)).health.find((r) => r.pageKind === 'taobao.sold');
    await until(async () => !!(await soldHealth())?.lastOk, 'page 1 read');
    const okBefore = (await soldHealth())!.okCount as number;
    const before = await readDb(launched);
    const p1 = page(1);
    const masked = p1.mainOrders.find((o) => !o.buyer.id && o.buyer.nick.includes('*'))!;
    const invented = structuredClone(p1.mainOrders[0]!);
    invented.id = '4999999999999999992';
    invented.buyer = { id: 'attacker0003', nick: 'phantom' };
    const forged = { ...p1, mainOrders: [invented] };
    const outcome = await p.evaluate(async ({ api, form, text, maskedId }) => {
      const ask = (xhr: XMLHttpRequest, type: XMLHttpRequestResponseType, early: () => void, send = (b: string) => xhr.send(b)) => {
        xhr.open('POST', api);
        xhr.withCredentials = true;
        xhr.responseType = type;
        xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
        // Registered before send(), as any page's own handler is.
        xhr.addEventListener('readystatechange', () => { if (xhr.readyState === 4) early(); });
        xhr.onload = early;
        return new Promise<number>((resolve) => { xhr.onloadend = () => resolve(xhr.status); send(form); });
      };
      const forgedBody = JSON.parse(text);
      const json = new XMLHttpRequest();
      const a = await ask(json, 'json', () => {
        const r = json.response as { mainOrders: { id: string; buyer: unknown }[] };
        for (const o of r.mainOrders) if (o.id === maskedId) o.buyer = { id: 'attacker0003', nick: 'phantom' };
        r.mainOrders.push(forgedBody.mainOrders[0]);
      });
      const bytes = new XMLHttpRequest();
      const b = await ask(bytes, 'arraybuffer', () => {
        const view = new Uint8Array(bytes.response as ArrayBuffer);
        const fake = new TextEncoder().encode(text);
        view.fill(0x20);
        view.set(fake.subarray(0, view.length));
      });
      // Another realm's request (an about:blank frame, no tap of its own), sent through our send().
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const foreign = new (frame.contentWindow as unknown as { XMLHttpRequest: typeof XMLHttpRequest }).XMLHttpRequest();
      const c = await ask(foreign, 'json', () => {
        const r = foreign.response as { mainOrders: unknown[] };
        r.mainOrders.length = 0;
        r.mainOrders.push(forgedBody.mainOrders[0]);
      }, (body) => XMLHttpRequest.prototype.send.call(foreign, body));
      return [a, b, c];
    }, { api: SOLD_API, form: FORM(1, PAGE_SIZE), text: JSON.stringify(forged), maskedId: masked.id });
    expect(outcome).toEqual([200, 200, 200]);
    // The first two were read by the tap as the browser made them (the real page 1) and ingested.
    await until(async () => ((await soldHealth())!.okCount as number) >= okBefore + 2, 'both responses ingested');
    await p.waitForTimeout(1_500);
    const after = await readDb(launched);
    expect(after.orders.some((o) => o.orderId === '4999999999999999992')).toBe(false);
    expect(after.customers.some((c) => c.key === 'taobao:id:attacker0003')).toBe(false);
    expect(after.orders.find((o) => o.orderId === masked.id)!.customerKey).toBe(before.orders.find((o) => o.orderId === masked.id)!.customerKey);
    expect(after.orders.length).toBe(before.orders.length);
    await p.close();
  });
});

describe('red team: capture stopped with real responses only (flood guard)', () => {
  let launched: Launched;
  afterAll(async () => launched?.close());

  it('BLOCKED: ~230 of the page\'s own real asyncSold requests (real orders, no forgery) would fill a guard counting every order to exactly 20,000; re-readings do not count, the seller\'s next real page is stored', async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    const sold = await launched.context.newPage();
    await openSold(sold, 1);
    await stored(launched, page(1).mainOrders.map((o) => o.id));
    const soldHealth = async () => (await readDb(launched)).health.find((r) => r.pageKind === 'taobao.sold');
    await until(async () => !!(await soldHealth())?.lastOk, 'page 1 read');
    const okBefore = (await soldHealth())!.okCount as number;
    // No forgery: the console's own endpoint, through the tapped fetch, answering the seller's real orders.
    // It fills the window to exactly the limit: pages of 100 until refused, then of 10, then of 1 (a refused
    // batch does not count). A script can watch for the refusal: the page shows 页面未识别 with the reason.
    const answered = await sold.evaluate(async ({ api }) => {
      let ok = 0;
      const ask = (size: number) => fetch(api, { method: 'POST', credentials: 'include',
        body: `pageNum=1&pageSize=${size}&prePageNo=1&sifg=0&action=itemlist%2FSoldQueryAction`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' } }).then((r) => r.text()).then(() => ok++);
      for (let wave = 0; wave < 21; wave++) await Promise.all(Array.from({ length: 10 }, () => ask(100)));
      await new Promise((r) => setTimeout(r, 3_000));
      for (let i = 0; i < 10; i++) await ask(10);
      await new Promise((r) => setTimeout(r, 1_000));
      for (let i = 0; i < 10; i++) await ask(1);
      return ok;
    }, { api: SOLD_API });
    expect(answered).toBe(230);
    // Let the content script hand all of them over: every one was admitted (230 readings, none refused).
    await until(async () => ((await soldHealth())!.okCount as number) >= okBefore + 230, 'all 230 ingested', 60_000);
    let health = (await soldHealth())!;
    expect(health.failCount ?? 0).toBe(0);
    expect(health.lastOk).toBe(true);
    // The seller pages on (the console's own XHR): page 6 is real and new, and is stored.
    const page6 = shop.orders.slice(5 * PAGE_SIZE, 6 * PAGE_SIZE).map((o) => o.orderId);
    expect([...await storedIds(launched)].some((id) => page6.includes(id))).toBe(false);
    await sold.evaluate(() => (window as unknown as { __demoGoToPage(p: number): void }).__demoGoToPage(6));
    await sold.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '6');
    await stored(launched, page6);
    health = (await soldHealth())!;
    expect(health.lastOk).toBe(true);
    expect(String(health.lastReason ?? '')).not.toContain('20,000');
    expect(await sold.locator('[data-laoke-health]').count()).toBe(0);
  }, 120_000);
});

describe('red team: a forged DOM row before the JSON poisons the order for good', () => {
  let launched: Launched;
  afterAll(async () => launched?.close());

  it('BLOCKED: fake rows (real order ids of page 2, full nick "attacker") on a pushState\'d sold URL are stored strong, from the DOM; the real JSON later replaces every one of them (no conflict): buyers, amounts, status, badges', async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    const p = await launched.context.newPage();
    await p.goto(HOME_URL);
    // The attacker learns real, not yet captured order ids without the tap seeing it (a pristine fetch
    // from an about:blank frame, where no content script runs), then draws them as the sold list.
    const ids = await p.evaluate(async ({ api, form }) => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const pristine = frame.contentWindow!.fetch;
      const data = await (await pristine(api, { method: 'POST', credentials: 'include', body: form,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' } })).json() as {
        mainOrders: { id: string; orderInfo: { createTime: string }; payInfo: { actualFee: string } }[] };
      history.pushState({}, '', '/home.htm/trade-platform/tp/sold?pageNum=2&pageSize=20');
      const heads = ['宝贝', '单价', '数量', '履约/售后状态', '交易状态', '实收款', '操作'].map((h) => `<th>${h}</th>`).join('');
      const tables = data.mainOrders.map((o) => `<table><tbody>
        <tr class="order-header"><td colspan="7"><span>订单号：<span class="order-id">${o.id}</span></span>
          <span>创建时间：${o.orderInfo.createTime}</span><a class="buyer-mod__name___S9vit">attacker</a></td></tr>
        <tr class="order-item"><td><a class="item-title">x</a></td><td>￥1.00</td><td>1</td><td></td><td>交易成功</td><td>￥1.00</td><td></td></tr>
      </tbody></table>`).join('');
      document.getElementById('app')!.innerHTML = `<div class="next-table"><div class="next-table-header"><table><thead><tr>${heads}</tr></thead></table></div>
        <div class="next-table-body">${tables}</div></div>`;
      return data.mainOrders.map((o) => o.id);
    }, { api: SOLD_API, form: FORM(2, PAGE_SIZE) });
    expect(ids).toHaveLength(PAGE_SIZE);
    await stored(launched, ids);
    let dump = await readDb(launched);
    for (const id of ids) expect(dump.orders.find((o) => o.orderId === id)!.customerKey).toBe('taobao:nick:attacker');

    // Later the seller opens page 2 for real: the tap delivers the true JSON.
    const real = page(2).mainOrders;
    const sold = await launched.context.newPage();
    await openSold(sold, 2);
    await until(async () => {
      const orders = (await readDb(launched)).orders.filter((o) => ids.includes(o.orderId as string));
      return orders.length === PAGE_SIZE && orders.every((o) => o.source === 'json');
    }, 'every drawn order read again from the JSON');
    dump = await readDb(launched);
    const byId = new Map(dump.orders.map((o) => [o.orderId as string, o]));
    // No order stays with the fake buyer; each has the amount and status the console's JSON gives.
    const poisoned = real.filter((o) => byId.get(o.id)!.customerKey === 'taobao:nick:attacker');
    expect(poisoned).toEqual([]);
    const truth = new Map(shop.orders.map((o) => [o.orderId, o]));
    const parsed = parseSoldJson(page(2));
    if (!parsed.ok) throw new Error(parsed.reason);
    const json = new Map(parsed.orders.map((o) => [o.orderId, o]));
    for (const o of real) {
      const order = byId.get(o.id)!;
      expect(order.source).toBe('json');
      expect(order.amountFen).toBe(truth.get(o.id)!.paidFen);
      expect(order.status).toBe(json.get(o.id)!.status);
      if (o.buyer.id) expect(order.customerKey).toBe(`taobao:id:${o.buyer.id}`);
      else if (o.buyer.nick.includes('*')) expect(order.customerKey).toBe(`taobao:order:${o.id}`);
    }
    const provenBuyers = real.filter((o) => o.buyer.id);
    expect(provenBuyers.length).toBeGreaterThan(0);
    // The fake buyer is credited with nothing (gone: it had no orders left and nothing the seller typed);
    // nothing was set aside as a conflict.
    expect(dump.customers.find((c) => c.key === 'taobao:nick:attacker')?.orderCount ?? 0).toBe(0);
    const meta = await readStore<{ key: string; value: unknown }>(launched, 'meta');
    const conflicts = meta.find((m) => m.key === 'identityConflicts')?.value as { total?: number } | undefined;
    expect(conflicts?.total ?? 0).toBe(0);
    // A real buyer of page 2 has their order again, and its badge shows their figures.
    const victim = provenBuyers.find((o) => isValidShopOrder(truth.get(o.id)!)) ?? provenBuyers[0]!;
    const victimRecord = dump.customers.find((c) => c.key === `taobao:id:${victim.buyer.id}`)!;
    if (isValidShopOrder(truth.get(victim.id)!)) expect(victimRecord.purchases as string[]).toContain(victim.id);
    const badge = sold.locator(`[data-laoke-badge][data-laoke-order-id="${victim.id}"]`);
    await expect.poll(() => badge.getAttribute('data-laoke-orders')).toBe(String(victimRecord.orderCount));
    expect(victimRecord.orderCount).not.toBe(PAGE_SIZE);
  }, 90_000);
});

describe('red team: a service worker of the console origin answers the endpoint', () => {
  let launched: Launched;
  afterAll(async () => launched?.close());

  it('HOLE (needs a same-origin script URL): the page registers a worker whose synthesized asyncSold answer the tap forwards as real (Response#url is the request\'s)', async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    const forged = page(1);
    forged.mainOrders = forged.mainOrders.slice(0, 3).map((o, i) => ({ ...o, id: `498888888888888888${i}`, buyer: { id: 'swattacker01', nick: 'sw-attacker' } }));
    const sw = `self.addEventListener('install', () => self.skipWaiting());
      self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
      self.addEventListener('fetch', (e) => {
        if (e.request.url.startsWith('https://trade.taobao.com/trade/itemlist/asyncSold.htm')) {
          e.respondWith(new Response(${JSON.stringify(JSON.stringify(forged))}, { headers: { 'content-type': 'application/json' } }));
        }
      });`;
    // Any script the attacker can get served from the console's origin (the precondition).
    await launched.context.route('https://myseller.taobao.com/sw-attack.js', (route) => route.fulfill({ contentType: 'application/javascript', body: sw }));
    const sold = await launched.context.newPage();
    await openSold(sold, 1);
    await sold.evaluate(async () => {
      await navigator.serviceWorker.register('/sw-attack.js', { scope: '/' });
      await navigator.serviceWorker.ready;
    });
    await sold.reload();
    await stored(launched, forged.mainOrders.map((o) => o.id));
    const dump = await readDb(launched);
    expect(dump.orders.find((o) => o.orderId === '4988888888888888880')!.customerKey).toBe('taobao:id:swattacker01');
    expect(dump.orders.find((o) => o.orderId === '4988888888888888880')!.source).toBe('json');
  }, 90_000);
});

describe('red team: clickjacking the side panel beyond 删除此客户', () => {
  let launched: Launched;
  afterAll(async () => launched?.close());

  /**
   * The page makes its invisible copy (#copy) tall, so nothing scrolls inside it, and slides it so the
   * control sits at y 300 under the bait; the seller clicks there. Chromium hit-tests a transparent frame
   * where it last painted, so the page nudges its width to have it repainted where it now is.
   */
  const clickThrough = async (sold: Page, testid: string) => {
    const target = sold.frameLocator('#copy').locator(`[data-testid="${testid}"]`).first();
    await target.waitFor();
    const inFrame = await target.evaluate((el) => el.getBoundingClientRect().y);
    await sold.evaluate((top) => { const c = document.getElementById('copy')!; c.style.height = '3000px'; c.style.top = `${top}px`; c.style.width = '381px'; }, 300 - inFrame);
    await sold.waitForTimeout(300);
    await sold.evaluate(() => { document.getElementById('copy')!.style.width = '380px'; });
    await sold.waitForTimeout(600);
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThan(250);
    expect(box.y).toBeLessThan(350);
    await sold.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  };

  it('BLOCKED: an invisible copy of panel.html (URL read from our open shadow root) under bait: one seller click on 导出 exports nothing, marks no task done, records no campaign, and the copy says why', async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    const sold = await launched.context.newPage();
    await sold.goto(`${SOLD_URL}?pageNum=1&pageSize=100`);
    await stored(launched, shop.orders.slice(0, 100).map((o) => o.orderId));
    await sold.goto(`${SOLD_URL}?pageNum=2&pageSize=100`);
    await stored(launched, shop.orders.slice(100, 200).map((o) => o.orderId));
    // The seller opens the panel once (their own click) and folds it away.
    await sold.locator('laoke-panel [data-testid="panel-launcher"]').click();
    await panelFrame(sold).locator('[data-testid="panel-today"]').waitFor();
    await panelFrame(sold).locator('[data-testid="task-export"]').waitFor();
    await panelFrame(sold).locator('[data-testid="panel-close"]').click();
    expect(await readStore(launched, 'campaigns')).toHaveLength(0);
    expect(await readStore(launched, 'taskStates')).toHaveLength(0);

    // The page frames its own copy, invisible, over a bait button.
    await sold.evaluate(() => {
      const ours = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      const url = new URL(ours.src);
      url.search = '?start=today';
      const copy = Object.assign(document.createElement('iframe'), { src: url.href, id: 'copy' });
      copy.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:900px;border:0;opacity:0;z-index:2147483647';
      const bait = Object.assign(document.createElement('button'), { id: 'bait', textContent: '领取红包' });
      bait.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:900px;z-index:2147483646;font-size:40px';
      document.body.append(bait, copy);
    });
    const target = sold.frameLocator('#copy').locator('[data-testid="task-export"]');
    await target.waitFor();
    // The button sits below the fold of a 900px frame: the attacker makes the frame tall (no inner
    // scrolling) and slides it up until the button is under the bait's spot.
    await sold.evaluate(() => { document.getElementById('copy')!.style.height = '3000px'; });
    await sold.waitForTimeout(300);
    let box = (await target.boundingBox())!;
    await sold.evaluate((dy) => { document.getElementById('copy')!.style.top = `${dy}px`; }, 300 - box.y);
    await sold.waitForTimeout(300);
    box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThan(0);
    expect(box.y).toBeLessThan(900);
    // The seller clicks the bait (a real, trusted click at that spot).
    await sold.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    // The copy refused the click (the browser saw the button invisible) and says so; nothing was written.
    await sold.frameLocator('#copy').locator('[data-testid="task-export-hidden"]').waitFor();
    await sold.waitForTimeout(1_000);
    expect(await readStore(launched, 'campaigns')).toHaveLength(0);
    expect(await readStore(launched, 'taskStates')).toHaveLength(0);
    expect(await sold.frameLocator('#copy').locator('[data-testid="task-exported"]').count()).toBe(0);
  }, 120_000);

  it('BLOCKED: the same invisible copy shows the card the seller opened (every copy gets the target); 删除此客户 clicked through it twice deletes nothing', async () => {
    const sold = launched.context.pages().find((p) => p.url().startsWith(SOLD_URL))!;
    await sold.evaluate(() => {
      const copy = document.getElementById('copy')!;
      copy.style.top = '0px';
      copy.style.height = '900px';
      copy.style.pointerEvents = 'none';
    });
    // The seller opens a buyer's card with their own click on a badge.
    const victim = shop.orders.slice(100, 200).find((o) => !o.customer.masked && o.customer.buyerId && isValidShopOrder(o))!;
    await sold.locator(`[data-laoke-badge][data-laoke-order-id="${victim.orderId}"]`).click();
    const card = sold.frameLocator('#copy').locator('[data-testid="customer-card"]');
    await card.waitFor();
    const key = (await card.getAttribute('data-customer-key'))!;
    // Our own panel now covers the right edge; the seller folds it away and the bait comes back.
    await panelFrame(sold).locator('[data-testid="panel-close"]').click();
    await sold.evaluate(() => { document.getElementById('copy')!.style.pointerEvents = ''; });
    // (The card may be taller than the frame, its forecast computed meanwhile: the page slides it.)
    await clickThrough(sold, 'card-delete');
    await sold.waitForTimeout(500);
    await clickThrough(sold, 'card-delete-confirm');
    await sold.frameLocator('#copy').locator('[data-testid="card-delete-hidden"]').waitFor();
    expect((await readDb(launched)).customers.some((c) => c.key === key)).toBe(true);
  }, 60_000);

  it('BLOCKED: through the same invisible copy, 保存 on the card, 完成/稍后/忽略 on a task and a preset\'s 导出 write and export nothing; each says why', async () => {
    const sold = launched.context.pages().find((p) => p.url().startsWith(SOLD_URL))!;
    const copy = sold.frameLocator('#copy');
    const before = await readDb(launched);
    const key = (await copy.locator('[data-testid="customer-card"]').getAttribute('data-customer-key'))!;
    await clickThrough(sold, 'card-save');
    await copy.locator('[data-testid="card-save-hidden"]').waitFor();
    expect(await copy.locator('[data-testid="card-saved"]').count()).toBe(0);

    // Tabs are harmless: the page may switch the copy's (as the seller's click on the bait would).
    await clickThrough(sold, 'panel-tab-today');
    for (const [button, state] of [['task-done', 'done'], ['task-snooze', 'snoozed'], ['task-dismiss', 'dismissed']]) {
      await clickThrough(sold, button!);
      await copy.locator(`[data-testid="task-hidden"][data-refused="${state}"]`).waitFor();
    }
    await clickThrough(sold, 'panel-tab-audiences');
    await copy.locator('[data-testid="panel-presets"]').waitFor();
    const preset = await copy.locator('[data-testid^="panel-export-"]:not([disabled]):not([data-testid="panel-export-format"])').first().getAttribute('data-testid');
    await clickThrough(sold, preset!);
    await copy.locator('[data-testid="panel-export-hidden"]').waitFor();
    expect(await copy.locator('[data-testid="panel-export-done"]').count()).toBe(0);

    await sold.waitForTimeout(1_000);
    expect(await readStore(launched, 'taskStates')).toHaveLength(0);
    expect(await readStore(launched, 'campaigns')).toHaveLength(0);
    const after = await readDb(launched);
    expect(after.customers.find((c) => c.key === key)).toEqual(before.customers.find((c) => c.key === key));
  }, 90_000);
});

describe('red team: things that are blocked', () => {
  let launched: Launched;
  let sold: Page;
  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, {
      shop,
      // A real answer (the server's) whose rows carry __proto__ keys: JSON.parse makes them own properties.
      soldReply: (pageNum, pageSize) => {
        if (pageNum !== 3) return undefined;
        const body = JSON.parse(JSON.stringify(soldPage(shop, pageNum, pageSize))) as { mainOrders: Record<string, unknown>[] };
        const text = JSON.stringify(body)
          .replace('"buyer":{', '"buyer":{"__proto__":{"id":"protoattacker"},')
          .replace('{"error"', '{"__proto__":{"rgv587_flag":"sm","mainOrders":[]},"constructor":{"prototype":{"polluted":1}},"error"');
        return { body: text };
      },
    });
    sold = await launched.context.newPage();
    await openSold(sold, 1);
    await stored(launched, page(1).mainOrders.map((o) => o.id));
  }, 60_000);
  afterAll(async () => launched?.close());

  it('BLOCKED: the page has no chrome.runtime to message the background (no externally_connectable)', async () => {
    const r = await sold.evaluate(({ id }) => {
      const c = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      let sent = 'no runtime';
      try {
        if (c?.runtime?.sendMessage) {
          (c.runtime.sendMessage as (id: string, m: unknown) => void)(id, { laoke: 'deleteCustomer', data: { key: 'x' } });
          sent = 'sent';
        }
      } catch (e) {
        sent = String(e);
      }
      return sent;
    }, { id: launched.extensionId });
    expect(r).not.toBe('sent');
  });

  it('BLOCKED: a same-origin child frame posts a "port" handover to the parent (event.source is not the parent window)', async () => {
    const before = (await readDb(launched)).orders.length;
    const forged = page(1);
    forged.mainOrders = forged.mainOrders.slice(0, 2).map((o, i) => ({ ...o, id: `497777777777777777${i}` }));
    await sold.evaluate(({ source, api, text }) => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      const w = frame.contentWindow as Window & typeof globalThis;
      const ch = new w.MessageChannel();
      w.parent.postMessage({ source, kind: 'port' }, location.origin, [ch.port2]);
      ch.port1.postMessage({ url: api, text });
    }, { source: TAP_SOURCE, api: SOLD_API, text: JSON.stringify(forged) });
    await sold.waitForTimeout(1_500);
    expect((await readDb(launched)).orders.length).toBe(before);
  });

  it('BLOCKED: __proto__ / constructor keys in a real answer pollute nothing and are not read as data', async () => {
    await sold.evaluate(() => (window as unknown as { __demoGoToPage(p: number): void }).__demoGoToPage(3));
    const ids = page(3).mainOrders.map((o) => o.id);
    await stored(launched, ids);
    const dump = await readDb(launched);
    expect(dump.orders.some((o) => String(o.customerKey).includes('protoattacker'))).toBe(false);
    // The first row's buyer was read from its own keys.
    const first = page(3).mainOrders[0]!;
    const want = first.buyer.id ? `taobao:id:${first.buyer.id}` : first.buyer.nick.includes('*') ? `taobao:order:${first.id}` : `taobao:nick:${first.buyer.nick}`;
    expect(dump.orders.find((o) => o.orderId === first.id)!.customerKey).toBe(want);
  });

  it('BLOCKED: a scripted postMessage of the tap\'s handover from the page before any page listener, after reload, at document_start (inline <head>) is ignored', async () => {
    const p = await launched.context.newPage();
    const forged = page(1);
    forged.mainOrders = forged.mainOrders.slice(0, 2).map((o, i) => ({ ...o, id: `496666666666666666${i}` }));
    const early = `<script>(function(){ var ch = new MessageChannel();
      window.postMessage({ source: ${JSON.stringify(TAP_SOURCE)}, kind: 'port' }, location.origin, [ch.port2]);
      ch.port1.postMessage({ url: ${JSON.stringify(SOLD_API)}, text: ${JSON.stringify(JSON.stringify(forged))} }); })();</script>`;
    await p.route(/\/tp\/sold/, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE_HTML.replace('<head>', `<head>${early}`) }));
    await p.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
    await p.waitForSelector('[data-laoke-badge]');
    await p.waitForTimeout(1_000);
    const have = await storedIds(launched);
    expect(have.has('4966666666666666660')).toBe(false);
    await p.close();
  });
});

describe('red team: WXT\'s "newer content script started" event', () => {
  let launched: Launched;
  afterAll(async () => launched?.close());

  it('BLOCKED: WXT posts no window message naming the extension; and with the id known anyway (a store extension\'s id is public), the page\'s script-started CustomEvent stops nothing: the panel host stays, later pages are captured', async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    const sold = await launched.context.newPage();
    // The page's first script listens to window messages for WXT's {type: `${runtime.id}:console:wxt:
    // content-script-started`}.
    const spy = `<script>window.__wxt = []; window.addEventListener('message', (e) => {
      if (e.data && typeof e.data.type === 'string' && e.data.type.endsWith(':wxt:content-script-started')) window.__wxt.push(e.data.type);
    });</script>`;
    await sold.route(/\/tp\/sold/, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE_HTML.replace('<head>', `<head>${spy}`) }));
    await openSold(sold, 1);
    await stored(launched, page(1).mainOrders.map((o) => o.id));
    expect(await sold.locator('laoke-panel').count()).toBe(1);
    expect(await sold.evaluate(() => (window as unknown as { __wxt: string[] }).__wxt)).toEqual([]);
    const id = launched.extensionId;
    await sold.evaluate(({ id }) => {
      // WXT's ContentScriptContext listens on document for `${runtime.id}:${entrypoint}:wxt:content-script-started`
      // and invalidates itself when the detail names its script with another messageId.
      for (const target of [document, document.documentElement, window]) {
        target.dispatchEvent(new CustomEvent(`${id}:console:wxt:content-script-started`, { detail: { contentScriptName: 'console', messageId: 'page' }, bubbles: true }));
      }
    }, { id });
    await sold.waitForTimeout(500);
    expect(await sold.locator('laoke-panel').count()).toBe(1);
    // The seller pages on: page 2 is captured and badged as ever.
    await sold.evaluate(() => (window as unknown as { __demoGoToPage(p: number): void }).__demoGoToPage(2));
    await sold.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '2');
    await stored(launched, page(2).mainOrders.map((o) => o.id));
    await sold.locator('[data-laoke-badge]').first().waitFor();
  }, 90_000);
});
