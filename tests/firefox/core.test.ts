// The core flows in Firefox (issue 22): Debian's firefox-esr, headless, a fresh profile, the Firefox build
// installed temporarily over WebDriver BiDi, the console replays at their real URLs (everything else
// refused). The same flows as the Chromium suite (tests/e2e/reviews, sold-badges, hostile-page), against
// the same truth: a seller reads the reviews, then two pages of sold orders; the badges count right, a
// click on a badge opens the buyer's card in the side panel, the popup's figures are the database's, a
// forged message from the page writes nothing, and the add-on makes no request of its own.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { expectedBadgeCounts, generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { expectedReading, shopReviews } from '../shop/reviews';
import { soldPage } from '../shop/taobao';
import { REVIEWS_URL, SOLD_URL } from '../console/routes';
import { badgeCountsAre, badgeCountsNow, expectBadgeReading } from '../e2e/expect-badges';
import type { DbDump } from '../e2e/harness';
import { TAP_SOURCE } from '@/utils/sites/tap-protocol';
import { ADDON_ORIGIN, badges, evaluateDeep, launchFirefox, loaded, panelFrame, readDb, waitForDeep, type FirefoxLaunched } from './harness';

const PAGE_SIZE = 20;
// The Chromium suite's shop (sold-badges, reviews): buyers come back within the two pages visited.
const shop = generateShop({ seed: 11, customers: 30, orders: 160, months: 2 });
const reviews = shopReviews(shop);
const pageOf = (n: number) => shop.orders.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
const SOLD_API = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';

/** Waits until exactly these orders carry badges with the counts the truth gives over `seen`, then asserts it. */
async function expectBadges(page: Page, rows: ShopOrder[], seen: ShopOrder[]) {
  const truth = expectedBadgeCounts(seen);
  const want = Object.fromEntries(rows.map((o) => [o.orderId, truth.get(o.orderId)!]));
  try {
    await waitForDeep(page, badgeCountsAre, want);
  } finally {
    expectBadgeReading(await evaluateDeep(page, badgeCountsNow, undefined), want);
  }
  const got = await badges(page);
  for (const o of rows) expect(got.get(o.orderId)!.identity).toBe(o.customer.masked ? 'weak' : 'strong');
  return got;
}

async function goToPage(page: Page, n: number) {
  await page.bringToFront();
  await page.click(`.next-pagination-list button[data-page="${n}"]:not(.next-next)`);
  await page.waitForFunction((p) => document.documentElement.getAttribute('data-demo-page') === String(p), { timeout: 15_000 }, n);
}

/** What a forged message must not change: every record of the stores it could touch. */
const stores = (d: DbDump) => ({ orders: d.orders, customers: d.customers, reviews: d.reviews, health: d.health });

describe('Firefox (firefox-esr over WebDriver BiDi): the core flows', () => {
  let ff: FirefoxLaunched;
  let sold: Page;

  beforeAll(async () => {
    ff = await launchFirefox({ shop });
  }, 60_000);
  afterAll(async () => ff?.close());

  it('loaded as a seller would have it: the consoles\' sites granted at load, the UI in zh-CN, a background page', async () => {
    // No prompt and no click in about:addons: Firefox grants the content scripts' sites to the add-on as
    // it loads (the content scripts could not run otherwise).
    const popup = await ff.extensionPage('popup.html');
    const got = await popup.evaluate(async () => {
      const b = (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> }; i18n: { getUILanguage(): string }; runtime: { getBackgroundPage(): Promise<unknown> } } }).browser;
      return { origins: ((await b.permissions.getAll()).origins ?? []).sort(), lang: b.i18n.getUILanguage(), background: (await b.runtime.getBackgroundPage()) !== null };
    });
    await popup.close();
    expect(got).toEqual({
      origins: ['https://fxg.jinritemai.com/*', 'https://mms.pinduoduo.com/*', 'https://myseller.taobao.com/*', 'https://qn.taobao.com/*', 'https://shop.jd.com/*', 'https://trade.taobao.com/*'],
      lang: 'zh-CN',
      // Firefox's MV3 background is an event page (background.scripts), not a service worker.
      background: true,
    });
  });

  it('千牛 评价管理: every review row gets one badge with the reading the truth gives; the reviews are stored', async () => {
    expect(reviews.length).toBeGreaterThan(PAGE_SIZE);
    const page = await ff.consolePage();
    await page.goto(`${REVIEWS_URL}?pageSize=${PAGE_SIZE}`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-laoke-review-badge]').length === n, { timeout: 20_000, polling: 100 }, PAGE_SIZE);
    const got = await page.$$eval('[data-laoke-review-badge]', (els) => els.map((el) => ({
      id: el.getAttribute('data-laoke-review-id')!,
      sentiment: el.getAttribute('data-laoke-sentiment')!,
      aspects: el.getAttribute('data-laoke-aspects') ?? '(missing)',
      text: el.textContent ?? '',
      rowOrder: /订单号：(\d+)/.exec(el.closest('tr')?.textContent ?? '')?.[1],
    })));
    const first = reviews.slice(0, PAGE_SIZE);
    expect(got.map((b) => b.id)).toEqual(first.map((r) => r.feedId));
    const truth = first.map((r) => expectedReading(r, 'taobao'));
    expect(truth.some((x) => x.complaints.length > 0)).toBe(true);
    expect(got.map((b) => b.sentiment)).toEqual(truth.map((x) => x.sentiment));
    expect(got.map((b) => b.aspects)).toEqual(truth.map((x) => x.complaints.join(',')));
    expect(got.map((b) => b.rowOrder)).toEqual(first.map((r) => r.order.orderId));
    got.forEach((b, i) => expect(b.text.startsWith(truth[i]!.hidden ? '隐藏差评' : { pos: '好评', neu: '中评', neg: '差评' }[truth[i]!.sentiment])).toBe(true));
    const dump = await readDb(ff);
    expect(dump.reviews).toHaveLength(PAGE_SIZE);
    for (const r of dump.reviews) expect(r).toMatchObject({ platform: 'taobao', reviewId: expect.any(String), orderId: expect.stringMatching(/^\d{19}$/), text: expect.any(String) });
    await page.close();
  });

  it('千牛 sold orders, page 1: one badge per order with the buyer\'s valid purchases so far, in the seller\'s words', async () => {
    sold = await ff.consolePage();
    await sold.goto(`${SOLD_URL}?pageSize=${PAGE_SIZE}`);
    const got = await expectBadges(sold, pageOf(1), pageOf(1));
    const first = pageOf(1).find((o) => !o.customer.masked && isValidShopOrder(o) && got.get(o.orderId)!.orders === 1)!;
    expect(got.get(first.orderId)!.text).toBe('新客');
    expect([...got.values()].some((b) => b.identity === 'strong' && b.orders >= 2 && /^第\d次购买 · 累计¥/.test(b.text))).toBe(true);
  });

  it('page 2 after paging, then page 1 again with what page 2 taught', async () => {
    await goToPage(sold, 2);
    await expectBadges(sold, pageOf(2), [...pageOf(1), ...pageOf(2)]);
    await goToPage(sold, 1);
    await expectBadges(sold, pageOf(1), [...pageOf(1), ...pageOf(2)]);
  });

  it('the database in the add-on\'s origin holds the contract records; reviews found their buyers', async () => {
    const dump = await readDb(ff);
    const seen = [...pageOf(1), ...pageOf(2)];
    expect(dump.orders).toHaveLength(seen.length);
    const byOrder = new Map(seen.map((o) => [o.orderId, o]));
    for (const o of dump.orders) expect(o.amountFen).toBe(byOrder.get(o.orderId as string)!.paidFen);
    for (const c of dump.customers.filter((c) => c.identity === 'strong')) {
      const valid = seen.filter((o) => isValidShopOrder(o) && dump.orders.some((d) => d.orderId === o.orderId && d.customerKey === c.key));
      expect(c.orderCount).toBe(valid.length);
    }
    const keyOf = new Map(dump.orders.map((o) => [o.orderId as string, o.customerKey as string]));
    for (const r of dump.reviews) expect(r.customerKey).toBe(keyOf.get(r.orderId as string));
  });

  it('hovering a badge says in words what the badge shows, and no more (the page can read it)', async () => {
    const got = await badges(sold);
    const [id] = [...got].find(([, b]) => b.identity === 'strong' && b.orders >= 2)!;
    await sold.bringToFront();
    await sold.hover(`[data-laoke-badge][data-laoke-order-id="${id}"]`);
    const card = await sold.waitForSelector('[data-laoke-card]', { timeout: 10_000 });
    const text = (await card!.evaluate((el) => el.textContent)) ?? '';
    expect(text).toContain(`有效订单 ${got.get(id)!.orders} 笔`);
    expect(text).toContain('点击查看客户档案');
    expect(text).not.toMatch(/首次购买|最近购买|买过：|\d{4}-\d{2}-\d{2}/);
    await sold.mouse.move(0, 0);
    await sold.waitForSelector('[data-laoke-card]', { hidden: true, timeout: 10_000 });
  });

  it('a click on a badge opens the buyer\'s card in the side panel, an add-on page in a frame the page cannot read', async () => {
    const counts = expectedBadgeCounts([...pageOf(1), ...pageOf(2)]);
    const order = pageOf(1).find((o) => !o.customer.masked && o.customer.buyerId && isValidShopOrder(o) && counts.get(o.orderId)! >= 2)!;
    expect(order).toBeDefined();
    // The seller is back on the sold tab (readDb opened and closed one of the add-on's pages).
    await sold.bringToFront();
    await sold.click(`[data-laoke-badge][data-laoke-order-id="${order.orderId}"]`);
    // The frame is served from the add-on's own origin (the UUID the profile was given).
    await sold.waitForFunction(() => !!document.querySelector('laoke-panel')?.shadowRoot?.querySelector('iframe'), { timeout: 10_000 });
    expect(await sold.evaluate(() => document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!.src)).toMatch(new RegExp(`^${ADDON_ORIGIN}/panel\\.html`));
    // The page's script gets no document of it.
    expect(await sold.evaluate(() => {
      try {
        return document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!.contentDocument === null ? 'none' : 'readable';
      } catch {
        return 'refused';
      }
    })).not.toBe('readable');
    const panel = await panelFrame(sold);
    await panel.waitForSelector('[data-testid="customer-card"] [data-testid="card-nick"]', { timeout: 15_000 });
    const text = (id: string) => panel.$eval(`[data-testid="customer-card"] [data-testid="${id}"]`, (el) => el.textContent);
    expect(await text('card-nick')).toBe(order.customer.nick);
    expect(await text('card-orders')).toBe(String(counts.get(order.orderId)));
  });

  it('the popup (popup.html as a page) shows the shop\'s figures from the same database', async () => {
    const dump = await readDb(ff);
    const popup = await ff.extensionPage('popup.html');
    await popup.waitForSelector('[data-testid="stat-customers"]', { timeout: 15_000 });
    const text = (id: string) => popup.$eval(`[data-testid="${id}"]`, (el) => el.textContent);
    expect(await text('stat-orders')).toBe(String(dump.orders.length));
    const strong = dump.customers.filter((c) => c.identity === 'strong');
    expect(await text('stat-customers')).toBe(String(strong.filter((c) => (c.orderCount as number) > 0).length));
    expect(await text('stat-repeat')).toBe(String(strong.filter((c) => (c.orderCount as number) >= 2).length));
    const masked = dump.customers.filter((c) => c.identity === 'weak').reduce((n, c) => n + (c.orderCount as number), 0);
    expect(masked).toBeGreaterThan(0);
    expect(await text('stat-masked')).toContain(`${masked} 笔`);
    expect(await popup.$eval('[data-testid="health-taobao.sold"]', (el) => el.getAttribute('data-health'))).toBe('ok');
    expect(await text('popup-health')).toContain('淘宝已卖出的宝贝');
    await popup.close();
  });

  it('a posted "captured response" and a forged port handover, with valid bodies, write nothing; the page has no runtime to message', async () => {
    const before = stores(await readDb(ff));
    const body = structuredClone(soldPage(shop, 1, PAGE_SIZE)) as { mainOrders: { id: string; buyer: { id?: string; nick: string } }[] };
    const target = pageOf(1).find((o) => !o.customer.masked && o.customer.buyerId)!;
    body.mainOrders.find((o) => o.id === target.orderId)!.buyer = { id: '999999999', nick: 'attacker' };
    const fresh = structuredClone(body.mainOrders[0]!);
    fresh.id = '4999999999999999999';
    body.mainOrders.push(fresh);
    const runtime = await sold.evaluate(({ source, api, text }) => {
      window.postMessage({ source, kind: 'response', url: api, text }, location.origin);
      const channel = new MessageChannel();
      window.postMessage({ source, kind: 'port' }, location.origin, [channel.port2]);
      channel.port1.postMessage({ url: api, text });
      const w = window as unknown as { browser?: { runtime?: unknown }; chrome?: { runtime?: { sendMessage?: unknown } } };
      return { browser: typeof w.browser?.runtime, chrome: typeof w.chrome?.runtime?.sendMessage };
    }, { source: TAP_SOURCE, api: SOLD_API, text: JSON.stringify(body) });
    expect(runtime).toEqual({ browser: 'undefined', chrome: 'undefined' });
    // Nothing to wait on when nothing happens: give a forged write the time a real one takes.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(stores(await readDb(ff))).toEqual(before);
    // The real page still reads right afterwards.
    await sold.reload();
    await expectBadges(sold, pageOf(1), [...pageOf(1), ...pageOf(2)]);
  });

  it('the add-on makes no request of its own: nothing left the console pages, nothing reached the network', () => {
    expect(ff.log.aborted).toEqual([]);
    const hosts = new Set(ff.log.requests.map((r) => new URL(r.url).host));
    expect([...hosts].sort()).toEqual(['g.alicdn.com', 'h5api.m.taobao.com', 'myseller.taobao.com', 'trade.taobao.com']);
    // Reviews: one load; sold: page 1, 2, 1, and the reload of page 1.
    expect(ff.log.reviewRequests.map((r) => r.current)).toEqual([1]);
    expect(ff.log.soldRequests.map((r) => r.pageNum)).toEqual([1, 2, 1, 1]);
    // What the interception does not see (the background page, Firefox itself) would have reached the proxy.
    expect(ff.leaked).toEqual([]);
  });

  it('the proxy does see a request the interception does not: one made from an add-on page outside it', async () => {
    const popup = await ff.browser.newPage();
    // Not through extensionPage(): no interception on this tab, as there is none on the background page.
    const url = `${ADDON_ORIGIN}/popup.html`;
    void popup.goto(url, { timeout: 60_000 }).catch(() => undefined);
    await loaded(popup, url);
    await popup.evaluate(() => fetch('https://laoke-probe.invalid/leak').catch(() => undefined));
    expect(ff.leaked).toEqual(['CONNECT laoke-probe.invalid:443']);
    await popup.close();
  });
});
