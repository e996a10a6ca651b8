// 关联 (issue 23 part 4) in headless Chromium with the built extension, on the replays: the seller opens a
// Taobao buyer's card on the 千牛 sold page and links it, by the order number the Pinduoduo list shows, to
// the same person's Pinduoduo record; both cards then name both platforms, each record with its own
// figures (the badges count as before); 取消关联 on the Pinduoduo card undoes it in one click.
// Red team: the console page forges the link and unlink requests (their real shapes, valid bodies, real
// keys) down every channel a page script has, and nothing is linked or unlinked; nothing arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TAP_SOURCE } from '@/utils/sites/tap-protocol';
import { installConsole, PDD_ORDERS_URL } from '../console/routes';
import { generateShop, isValidShopOrder } from '../shop/generate';
import { pddOrders, pddOrderSn } from '../shop/pdd';
import { readSoldPage } from './expect-badges';
import { badges, launchWithExtension, panelFrame, readStore, seenClick, type Launched } from './harness';

const PAGE_SIZE = 20;
const shop = generateShop({ seed: 23, customers: 25, orders: 80, months: 2 });
const soldPage1 = shop.orders.slice(0, PAGE_SIZE);
const pddPage1 = pddOrders(shop).slice(0, PAGE_SIZE);
// A buyer with a Taobao buyer id on the sold page's first page, and one of theirs on Pinduoduo's first
// page (the same generated person, as a shop on both platforms sees them).
const pair = (() => {
  for (const tb of soldPage1) {
    if (!tb.customer.buyerId || tb.customer.masked || !isValidShopOrder(tb)) continue;
    const pdd = pddPage1.find((o) => o.customer.index === tb.customer.index && isValidShopOrder(o));
    if (pdd) return { tb, pdd };
  }
  throw new Error('the generated shop has no buyer on both first pages');
})();
const PDD_SN = pddOrderSn(pair.pdd);

interface StoredOrder { platform: string; orderId: string; customerKey: string }
interface StoredCustomer { key: string; orderCount: number; totalFen: number }
interface StoredLink { a: string; b: string; at: number }

describe('关联: a Taobao buyer and their Pinduoduo record', () => {
  let launched: Launched;
  let sold: Page;
  let pdd: Page;
  let tbKey = '';
  let pddKey = '';
  let badgesBefore: { sold: Map<string, unknown>; pdd: Map<string, unknown> };

  const links = () => readStore<StoredLink>(launched, 'links');
  const customerOf = async (key: string) => (await readStore<StoredCustomer>(launched, 'customers')).find((c) => c.key === key)!;
  const worker = () => launched.context.serviceWorkers().find((w) => w.url().includes(launched.extensionId))!;
  /** Every Laoke request the background received since the watch was set, with its sender. */
  const inbox = () => worker().evaluate(() => (globalThis as unknown as { __inbox?: { type: string; url: string }[] }).__inbox ?? []);
  const watch = () => worker().evaluate(() => {
    const g = globalThis as unknown as { __inbox?: unknown[]; chrome: { runtime: { onMessage: { addListener(f: (m: { laoke?: string } | null, s: { url?: string }) => void): void } } } };
    if (g.__inbox) return void (g.__inbox.length = 0);
    g.__inbox = [];
    g.chrome.runtime.onMessage.addListener((m, s) => { g.__inbox!.push({ type: m?.laoke ?? JSON.stringify(m).slice(0, 60), url: String(s.url) }); });
  });
  const openCard = async (page: Page, orderId: string) => {
    await page.locator(`[data-laoke-badge][data-laoke-order-id="${orderId}"]`).first().click();
    const card = panelFrame(page).locator('[data-testid="customer-card"]');
    await card.waitFor();
    return card;
  };

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
    await readSoldPage(sold, shop.orders, 1, PAGE_SIZE, []);
    pdd = await launched.context.newPage();
    await pdd.goto(`${PDD_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await pdd.waitForFunction((n) => document.querySelectorAll('[data-laoke-badge]').length === n, pddPage1.length, { timeout: 15_000 });
    const orders = await readStore<StoredOrder>(launched, 'orders');
    tbKey = orders.find((o) => o.platform === 'taobao' && o.orderId === pair.tb.orderId)!.customerKey;
    pddKey = orders.find((o) => o.platform === 'pdd' && o.orderId === PDD_SN)!.customerKey;
    expect(tbKey).toMatch(/^taobao:id:/);
    expect(pddKey).toMatch(/^pdd:probable:/);
    badgesBefore = { sold: await badges(sold), pdd: await badges(pdd) };
  }, 90_000);
  afterAll(async () => launched?.close());

  it('BLOCKED: the console page forges linkCustomers down every channel it has (window and panel messages, a tap handover, ports, CustomEvents, chrome.runtime): nothing is linked, nothing arrives', async () => {
    // The seller's panel is open on the Taobao buyer (the page's attack needs the frame to aim at).
    const card = await openCard(sold, pair.tb.orderId);
    await expect.poll(() => card.locator('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('taobao');
    await watch();
    const tried = await sold.evaluate(({ tbKey, pddKey, source }) => {
      const frame = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      const panel = frame.contentWindow!;
      const out: Record<string, string> = {};
      for (const laoke of ['linkCustomers', 'customerLinks', 'linkCandidates']) {
        const data = laoke === 'linkCandidates' ? { key: tbKey, query: '王' } : laoke === 'customerLinks' ? { key: tbKey } : { key: tbKey, other: pddKey };
        const request = { laoke, data };
        const shapes: unknown[] = [
          request, { type: laoke, data }, { ...request, ...data }, { laoke, data, ok: true }, { laokeTab: laoke, data },
          { source, kind: laoke, data }, { source, kind: 'request', request }, JSON.stringify(request), [request],
        ];
        const targets: [Window, string][] = [[window, '*'], [window, location.origin], [window.top!, '*'], [panel, '*']];
        for (const shape of shapes) for (const [w, origin] of targets) w.postMessage(shape, origin);
        // The tap's handover again (the real one was taken at document_start), with the page's own port.
        for (const w of [window, panel]) {
          const ch = new MessageChannel();
          w.postMessage({ source, kind: 'port' }, '*', [ch.port2]);
          ch.port1.postMessage(request);
        }
        const ch = new MessageChannel();
        window.dispatchEvent(new MessageEvent('message', { data: { source, kind: 'port' }, source: window, origin: location.origin, ports: [ch.port2] }));
        ch.port1.postMessage(request);
        // CustomEvents with Laoke's names, on the page, in our open shadow root, on the frame.
        const host = document.querySelector('laoke-panel')!;
        for (const type of [laoke, `laoke:${laoke}`, 'laoke', 'message', 'wxt:locationchange']) {
          for (const node of [document, window, document.documentElement, host, host.shadowRoot!, frame] as EventTarget[]) {
            node.dispatchEvent(new CustomEvent(type, { detail: request, bubbles: true, composed: true }));
          }
        }
      }
      // The extension's runtime, were the page to have it (no externally_connectable: it has not).
      const c = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      out.runtime = typeof c?.runtime;
      // Scripted clicks on the frame where the seller's buttons are, and a read of the frame's document.
      const r = frame.getBoundingClientRect();
      for (let y = r.top + 10; y < r.bottom; y += 40) frame.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + r.width / 2, clientY: y }));
      try {
        out.document = String(panel.document.body.innerHTML.length);
      } catch (e) {
        out.document = (e as Error).name;
      }
      return out;
    }, { tbKey, pddKey, source: TAP_SOURCE });
    expect(tried).toEqual({ runtime: 'undefined', document: 'SecurityError' });
    await sold.waitForTimeout(2_000);
    expect(await links()).toEqual([]);
    const got = await inbox();
    // The watch works: it saw the extension's own page (readStore's popup) ask the background.
    expect(got.length).toBeGreaterThan(0);
    expect(got.filter((m) => ['linkCustomers', 'unlinkCustomers', 'linkCandidates', 'customerLinks'].includes(m.type))).toEqual([]);
    await expect.poll(() => card.locator('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('taobao');
    await card.locator('[data-testid="card-linked-none"]').waitFor();
  });

  it('the seller links the Taobao buyer to their Pinduoduo record by its order number: the card names both platforms, the record with its own figures', async () => {
    const card = await openCard(sold, pair.tb.orderId);
    await card.locator('[data-testid="card-link-open"]').click();
    await card.locator('[data-testid="card-link-query"]').fill(PDD_SN);
    await card.locator('[data-testid="card-link-search"]').click();
    const candidate = card.locator(`[data-testid="card-link-candidate"][data-key="${pddKey}"]`);
    await candidate.waitFor();
    expect(await candidate.getAttribute('data-platform')).toBe('pdd');
    await seenClick(candidate.locator('[data-testid="card-link"]'));
    await expect.poll(() => card.locator('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('taobao,pdd');
    const linked = card.locator('[data-testid="card-linked-record"]');
    expect(await linked.count()).toBe(1);
    const pddCustomer = await customerOf(pddKey);
    expect(await linked.getAttribute('data-key')).toBe(pddKey);
    expect(await linked.getAttribute('data-platform')).toBe('pdd');
    expect(Number(await linked.getAttribute('data-orders'))).toBe(pddCustomer.orderCount);
    expect(Number(await linked.getAttribute('data-total-fen'))).toBe(pddCustomer.totalFen);
    expect(await linked.textContent()).toContain('拼多多');
    // One link stored, the pair in key order; the card's own figures are still the Taobao record's.
    expect(await links()).toEqual([{ a: pddKey, b: tbKey, at: expect.any(Number) }]);
    const tbCustomer = await customerOf(tbKey);
    expect(await card.locator('[data-testid="card-orders"]').textContent()).toBe(String(tbCustomer.orderCount));
  });

  it('BLOCKED: a forged unlinkCustomers from the page leaves the link', async () => {
    await watch();
    await sold.evaluate(({ tbKey, pddKey }) => {
      const frame = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      const request = { laoke: 'unlinkCustomers', data: { key: tbKey, other: pddKey } };
      for (const w of [window, window.top!, frame.contentWindow!]) for (const shape of [request, JSON.stringify(request), { ...request, ok: true }]) w.postMessage(shape, '*');
      for (const node of [document, window, frame] as EventTarget[]) node.dispatchEvent(new CustomEvent('unlinkCustomers', { detail: request, bubbles: true, composed: true }));
    }, { tbKey, pddKey });
    await sold.waitForTimeout(1_500);
    expect(await links()).toHaveLength(1);
    expect((await inbox()).filter((m) => m.type === 'unlinkCustomers')).toEqual([]);
  });

  it('the Pinduoduo card names both platforms too; the badges count per record as before', async () => {
    const card = await openCard(pdd, PDD_SN);
    await expect.poll(() => card.locator('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('taobao,pdd');
    const linked = card.locator('[data-testid="card-linked-record"]');
    expect(await linked.getAttribute('data-key')).toBe(tbKey);
    expect(await linked.getAttribute('data-platform')).toBe('taobao');
    expect(Number(await linked.getAttribute('data-orders'))).toBe((await customerOf(tbKey)).orderCount);
    expect(await linked.textContent()).toContain('淘宝');
    // No merge: every badge on both pages says what it said before the link.
    await sold.reload();
    await sold.waitForFunction((n) => document.querySelectorAll('[data-laoke-badge]').length >= n, soldPage1.length, { timeout: 15_000 });
    expect(await badges(sold)).toEqual(badgesBefore.sold);
    expect(await badges(pdd)).toEqual(badgesBefore.pdd);
  });

  it('取消关联 undoes it in one click: both cards are back to one platform, the link gone', async () => {
    const card = panelFrame(pdd).locator('[data-testid="customer-card"]');
    await seenClick(card.locator('[data-testid="card-unlink"]'));
    await expect.poll(() => card.locator('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('pdd');
    await card.locator('[data-testid="card-linked-none"]').waitFor();
    expect(await links()).toEqual([]);
    const tbCard = await openCard(sold, pair.tb.orderId);
    await expect.poll(() => tbCard.locator('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('taobao');
    // Both records are still there, with their own figures.
    expect(await customerOf(tbKey)).toBeDefined();
    expect(await customerOf(pddKey)).toBeDefined();
  });

  it('the same phone typed on both records is suggested, and linked only by the seller\'s click', async () => {
    const pddCard = await openCard(pdd, PDD_SN);
    await pddCard.locator('[data-testid="card-phone"]').fill('138 0013 8000');
    await seenClick(pddCard.locator('[data-testid="card-save"]'));
    await pddCard.locator('[data-testid="card-saved"]').waitFor();
    const card = await openCard(sold, pair.tb.orderId);
    await card.locator('[data-testid="card-phone"]').fill('+86 13800138000');
    await seenClick(card.locator('[data-testid="card-save"]'));
    const suggested = card.locator(`[data-testid="card-same-phone-record"][data-key="${pddKey}"]`);
    await suggested.waitFor();
    expect(await suggested.getAttribute('data-platform')).toBe('pdd');
    // A suggestion only: nothing is linked until the seller says so.
    await sold.waitForTimeout(500);
    expect(await links()).toEqual([]);
    await seenClick(suggested.locator('[data-testid="card-link"]'));
    await expect.poll(() => card.locator('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('taobao,pdd');
    expect(await card.locator('[data-testid="card-same-phone"]').count()).toBe(0);
    expect(await links()).toHaveLength(1);
  });
});
