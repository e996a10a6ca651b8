// The walking skeleton as a seller lives it: 千牛 sold orders → local database → repeat-buyer badges,
// in headless Chromium with the built extension, on pages served at their real URLs (no network).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectedBadgeCounts, generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { HOME_URL, installConsole, SOLD_URL, type ConsoleLog } from '../console/routes';
import { proratedRefundFen } from '@/utils/crm/money';
import { badges, launchWithExtension, panelFrame, readDb, type Launched } from './harness';
import { fixture } from '../fixtures';
import { expectBadgeCounts } from './expect-badges';

const PAGE_SIZE = 20;
// A small shop over two months, so that buyers come back within the pages a test visits.
const shop = generateShop({ seed: 11, customers: 30, orders: 160, months: 2 });
const pageOf = (n: number) => shop.orders.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);

/** Waits until every order of `rows` has a badge saying what the truth says; then returns the badges. */
async function expectBadges(page: Page, rows: ShopOrder[], seen: ShopOrder[]) {
  const truth = expectedBadgeCounts(seen);
  await expectBadgeCounts(page, Object.fromEntries(rows.map((o) => [o.orderId, truth.get(o.orderId)!])));
  const got = await badges(page);
  for (const o of rows) expect(got.get(o.orderId)!.identity).toBe(o.customer.masked ? 'weak' : 'strong');
  return got;
}

async function goToPage(page: Page, n: number) {
  await page.click(`.next-pagination-list button[data-page="${n}"]:not(.next-next)`);
  await page.waitForFunction((p) => document.documentElement.getAttribute('data-demo-page') === String(p), n);
}

describe('千牛 sold orders: badges from the local customer database', () => {
  let launched: Launched;
  let log: ConsoleLog;
  let page: Page;

  beforeAll(async () => {
    launched = await launchWithExtension();
    log = await installConsole(launched.context, { shop });
    page = await launched.context.newPage();
  });
  afterAll(async () => launched?.close());

  it('the pages visited hold what the test needs: repeat buyers, closed/unpaid orders, a masked repeat buyer', () => {
    const seen = [...pageOf(1), ...pageOf(2)];
    const counts = expectedBadgeCounts(seen);
    expect([...counts.values()].some((n) => n >= 3)).toBe(true);
    expect(seen.some((o) => !isValidShopOrder(o) && !o.customer.masked)).toBe(true);
    const masked = seen.filter((o) => o.customer.masked && isValidShopOrder(o));
    expect(masked.some((o) => masked.filter((m) => m.customer === o.customer).length >= 2)).toBe(true);
  });

  it('page 1: every order block gets one badge with the buyer\'s valid purchases so far', async () => {
    await page.goto(`${SOLD_URL}?pageSize=${PAGE_SIZE}`);
    const got = await expectBadges(page, pageOf(1), pageOf(1));
    expect(await page.locator('[data-laoke-badge]').count()).toBe(PAGE_SIZE);
    // The words the seller reads.
    const first = pageOf(1).find((o) => !o.customer.masked && isValidShopOrder(o) && got.get(o.orderId)!.orders === 1)!;
    expect(got.get(first.orderId)!.text).toBe('新客');
    const repeat = [...got.values()].find((b) => b.identity === 'strong' && b.orders >= 2 && /^第\d次购买 · 累计¥/.test(b.text));
    expect(repeat).toBeDefined();
  });

  it('page 2 after paging, then page 1 again with what page 2 taught', async () => {
    await goToPage(page, 2);
    await expectBadges(page, pageOf(2), [...pageOf(1), ...pageOf(2)]);
    await goToPage(page, 1);
    await expectBadges(page, pageOf(1), [...pageOf(1), ...pageOf(2)]);
  });

  it('stores the contract records; closed and unpaid orders are not counted', async () => {
    const dump = await readDb(launched);
    expect(dump.storeNames).toEqual(expect.arrayContaining(['customers', 'orders', 'reviews']));
    const seen = [...pageOf(1), ...pageOf(2)];
    expect(dump.orders).toHaveLength(seen.length);
    for (const o of dump.orders) {
      expect(o).toMatchObject({ platform: 'taobao', orderId: expect.stringMatching(/^\d{19}$/), customerKey: expect.any(String), createdAt: expect.any(Number), status: expect.any(String) });
      expect(Number.isInteger(o.amountFen)).toBe(true);
    }
    const byOrder = new Map(seen.map((o) => [o.orderId, o]));
    for (const o of dump.orders) expect(o.amountFen).toBe(byOrder.get(o.orderId as string)!.paidFen);
    // Each strong customer's figures equal the truth over the orders seen.
    for (const c of dump.customers.filter((c) => c.identity === 'strong')) {
      const theirs = seen.filter((o) => dump.orders.some((d) => d.orderId === o.orderId && d.customerKey === c.key));
      const valid = theirs.filter(isValidShopOrder);
      expect(c.orderCount).toBe(valid.length);
      const net = valid.reduce((s, o) => s + o.paidFen - proratedRefundFen(o.paidFen, o.lines), 0);
      expect(c.totalFen).toBe(net);
    }
  });

  it('a masked nick is weak and never merged: each of its orders is a customer of its own', async () => {
    const dump = await readDb(launched);
    const seen = [...pageOf(1), ...pageOf(2)];
    const masked = seen.filter((o) => o.customer.masked);
    for (const o of masked) {
      const stored = dump.orders.find((d) => d.orderId === o.orderId)!;
      expect(stored).toMatchObject({ identity: 'weak', customerKey: `taobao:order:${o.orderId}` });
      const c = dump.customers.find((x) => x.key === stored.customerKey)!;
      expect(c.orderCount).toBe(isValidShopOrder(o) ? 1 : 0);
    }
  });

  it('a repeat visit counts nothing twice', async () => {
    const before = await readDb(launched);
    await page.reload();
    await expectBadges(page, pageOf(1), [...pageOf(1), ...pageOf(2)]);
    await goToPage(page, 2);
    await expectBadges(page, pageOf(2), [...pageOf(1), ...pageOf(2)]);
    const after = await readDb(launched);
    expect(after.orders).toHaveLength(before.orders.length);
    const figures = (d: typeof before) => d.customers.map((c) => [c.key, c.orderCount, c.totalFen]).sort();
    expect(figures(after)).toEqual(figures(before));
  });

  it('badges survive the page re-rendering its table body', async () => {
    await page.evaluate(() => {
      const body = document.querySelector('.next-table-body')!;
      body.replaceChildren(...[...body.children].map((t) => {
        const copy = t.cloneNode(true) as Element;
        copy.querySelectorAll('[data-laoke-badge]').forEach((b) => b.remove());
        return copy;
      }));
    });
    await expectBadges(page, pageOf(2), [...pageOf(1), ...pageOf(2)]);
  });

  it('hovering a badge says in words what the badge shows, and no more (the page can read it): no dates, no items', async () => {
    const got = await badges(page);
    const [id] = [...got].find(([, b]) => b.identity === 'strong' && b.orders >= 2)!;
    await page.hover(`[data-laoke-badge][data-laoke-order-id="${id}"]`);
    const card = page.locator('[data-laoke-card]');
    await card.waitFor();
    const text = (await card.textContent())!;
    expect(text).toContain(`有效订单 ${got.get(id)!.orders} 笔`);
    expect(text).toContain('点击查看客户档案');
    expect(text).not.toMatch(/首次购买|最近购买|买过：|\d{4}-\d{2}-\d{2}/);
    await page.mouse.move(0, 0);
    await card.waitFor({ state: 'detached' });
  });

  it('the popup shows the shop\'s figures from the same database', async () => {
    const dump = await readDb(launched);
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await popup.getByTestId('stat-orders').waitFor();
    expect(await popup.getByTestId('stat-orders').textContent()).toBe(String(dump.orders.length));
    const strong = dump.customers.filter((c) => c.identity === 'strong');
    expect(await popup.getByTestId('stat-customers').textContent()).toBe(String(strong.filter((c) => (c.orderCount as number) > 0).length));
    expect(await popup.getByTestId('stat-repeat').textContent()).toBe(String(strong.filter((c) => (c.orderCount as number) >= 2).length));
    const masked = dump.customers.filter((c) => c.identity === 'weak').reduce((n, c) => n + (c.orderCount as number), 0);
    expect(masked).toBeGreaterThan(0);
    expect(await popup.getByTestId('stat-masked').textContent()).toContain(`${masked} 笔`);
    expect(await popup.getByTestId('health-taobao.sold').getAttribute('data-health')).toBe('ok');
    expect(await popup.getByTestId('popup-health').textContent()).toContain('淘宝已卖出的宝贝');
    await popup.close();
  });

  it('the extension itself makes no network request; the page\'s own requests are never replayed', () => {
    expect(log.aborted).toEqual([]);
    const hosts = new Set(log.requests.map((r) => new URL(r.url).host));
    expect([...hosts].sort()).toEqual(['g.alicdn.com', 'myseller.taobao.com', 'trade.taobao.com']);
    // page 1, page 2, page 1, reload of page 1, page 2: five loads, five requests.
    expect(log.soldRequests.map((r) => r.pageNum)).toEqual([1, 2, 1, 1, 2]);
  });

  it('a later status follows: a purchase refunded in full leaves the buyer\'s count', async () => {
    const seen = [...pageOf(1), ...pageOf(2)];
    const counts = expectedBadgeCounts(seen);
    const target = pageOf(1).find((o) => !o.customer.masked && isValidShopOrder(o) && counts.get(o.orderId)! >= 2)!;
    expect(target).toBeDefined();
    const saved = { status: target.tradeStatus, refunded: target.lines.map((l) => l.refunded) };
    try {
      target.tradeStatus = 'TRADE_CLOSED';
      for (const l of target.lines) l.refunded = true;
      await page.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
      const got = await expectBadges(page, pageOf(1), seen);
      expect(got.get(target.orderId)!.orders).toBe(counts.get(target.orderId)! - 1);
      expect(got.get(target.orderId)!.text).toMatch(/^未计入/);
    } finally {
      target.tradeStatus = saved.status;
      target.lines.forEach((l, k) => { l.refunded = saved.refunded[k]!; });
    }
  });
});

describe('pages Laoke does not understand', () => {
  const cases: [string, string, RegExp][] = [
    ['a risk-control answer (rgv587_flag)', fixture('taobao-sold-risk.json'), /risk control/],
    ['changed keys', fixture('taobao-sold-changed-keys.json'), /mainOrders missing/],
    ['HTML instead of JSON', '<!DOCTYPE html><html><body>亲，访问受限了</body></html>', /not JSON/],
  ];
  for (const [what, body, reason] of cases) {
    it(`${what}: writes nothing and says 页面未识别`, async () => {
      const launched = await launchWithExtension();
      try {
        await installConsole(launched.context, { shop, soldReply: () => ({ body }) });
        const page = await launched.context.newPage();
        await page.goto(SOLD_URL);
        const health = page.locator('[data-laoke-health="unrecognized"]');
        await health.waitFor({ timeout: 15_000 });
        expect(await health.count()).toBe(1);
        expect(await health.textContent()).toMatch(/页面未识别/);
        expect(await health.textContent()).toMatch(reason);
        expect(await page.locator('[data-laoke-badge]').count()).toBe(0);
        await expect.poll(async () => (await readDb(launched)).health[0]?.failCount).toBe(1);
        const dump = await readDb(launched);
        expect(dump.orders).toEqual([]);
        expect(dump.customers).toEqual([]);
        expect(dump.health[0]).toMatchObject({ pageKind: 'taobao.sold', lastOk: false, lastReason: expect.stringMatching(reason) });
      } finally {
        await launched.close();
      }
    });
  }
});

describe('DOM fallback', () => {
  it('reads a page whose rows came without a JSON request (server-rendered) and badges it', async () => {
    const launched = await launchWithExtension();
    try {
      const log = await installConsole(launched.context, { shop });
      const page = await launched.context.newPage();
      await page.goto(`${SOLD_URL}?ssr=1&pageNum=1&pageSize=${PAGE_SIZE}`);
      await expectBadges(page, pageOf(1), pageOf(1));
      expect(log.soldRequests).toEqual([]);
      const dump = await readDb(launched);
      expect(dump.orders).toHaveLength(PAGE_SIZE);
      expect(dump.orders.every((o) => o.source === 'dom')).toBe(true);
    } finally {
      await launched.close();
    }
  });
});

describe('page text is shown as text, never run as HTML', () => {
  it('a nick and an item title that look like HTML stay text on the page and in the buyer\'s card', async () => {
    const evil = structuredClone(JSON.parse(fixture('taobao-sold-page1.json'))) as { mainOrders: Record<string, any>[] };
    evil.mainOrders[0]!.buyer.nick = '<img src=x onerror="window.__pwned=1">';
    evil.mainOrders[1]!.buyer.nick = '<img src=x onerror="window.__pwned=1">';
    delete evil.mainOrders[0]!.buyer.id;
    delete evil.mainOrders[1]!.buyer.id;
    evil.mainOrders[0]!.subOrders[0].itemInfo.title = '<script>window.__pwned=2</script><b>茶</b>';
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop, soldReply: () => ({ body: JSON.stringify(evil) }) });
      const page = await launched.context.newPage();
      await page.goto(SOLD_URL);
      const badge = page.locator('[data-laoke-badge][data-laoke-order-id="4102938475610293847"]');
      await expect.poll(() => badge.getAttribute('data-laoke-orders')).toBe('2');
      // The hover card names no page text at all now; the buyer's card in the panel frame shows both as text.
      await badge.hover();
      const hover = page.locator('[data-laoke-card]');
      await hover.waitFor();
      expect(await hover.textContent()).not.toContain('茶');
      await badge.click();
      const card = panelFrame(page).locator('[data-testid="customer-card"]');
      await card.waitFor();
      expect(await card.locator('[data-testid="card-nick"]').textContent()).toBe('<img src=x onerror="window.__pwned=1">');
      expect(await card.textContent()).toContain('<script>window.__pwned=2</script><b>茶</b>');
      expect(await card.locator('script, b, img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    } finally {
      await launched.close();
    }
  });
});

describe('arriving from the 千牛 workbench (pushState, no page load)', () => {
  it('badges the sold list the seller navigated to, once per order', async () => {
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop });
      const page = await launched.context.newPage();
      await page.goto(HOME_URL);
      await page.click('#go-sold');
      await expectBadges(page, pageOf(1), pageOf(1));
      await goToPage(page, 2);
      await expectBadges(page, pageOf(2), [...pageOf(1), ...pageOf(2)]);
      expect(await page.locator('[data-laoke-health]').count()).toBe(0);
    } finally {
      await launched.close();
    }
  });
});

describe('several console tabs at once', () => {
  it('two tabs ingesting at the same time lose nothing and count nothing twice', async () => {
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop });
      const tabs = await Promise.all([1, 2, 3].map(() => launched.context.newPage()));
      // Tabs 1 and 2 show page 1 and page 2 (shared buyers); tab 3 shows page 1 again.
      await Promise.all([
        tabs[0]!.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`),
        tabs[1]!.goto(`${SOLD_URL}?pageNum=2&pageSize=${PAGE_SIZE}`),
        tabs[2]!.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`),
      ]);
      const seen = [...pageOf(1), ...pageOf(2)];
      // Every page was stored (each tab's own ingest answered with its rows).
      await expect.poll(async () => (await readDb(launched)).orders.length, { timeout: 15_000 }).toBe(seen.length);
      // A tab that rendered before another finished storing catches up on its next look. Which tab's
      // ingest lands last is up to the machine, so every tab takes that look (page 2's tab included: when
      // its page was stored first, its badges could not yet know page 1's orders of the same buyers).
      for (const [tab, rows] of [[tabs[1]!, pageOf(2)], [tabs[0]!, pageOf(1)], [tabs[2]!, pageOf(1)]] as const) {
        await tab.reload();
        await expectBadges(tab, rows, seen);
      }
      const dump = await readDb(launched);
      expect(dump.orders).toHaveLength(seen.length);
      const truth = expectedBadgeCounts(seen);
      for (const o of seen) {
        const stored = dump.orders.find((d) => d.orderId === o.orderId)!;
        const c = dump.customers.find((x) => x.key === stored.customerKey)!;
        expect(c.orderCount).toBe(truth.get(o.orderId));
      }
    } finally {
      await launched.close();
    }
  });
});
