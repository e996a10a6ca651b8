// JD 订单管理 in headless Chromium with the built extension, in both markups: every buyer by userPin
// (strong), badges with the counts of everything seen across two pages, money in fen from yuan text,
// and the gateway call matched by its api= name (markup a the current name, markup b the older one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { jdOrderId, jdOrdersOf, jdPin } from '../shop/jd';
import { installConsole, JD_ORDERS_URL, type ConsoleLog } from '../console/routes';
import { badges, launchWithExtension, readDb, type Launched } from './harness';
import { CONSOLE_HOSTS } from '../../utils/sites/hosts';
import { expectBadgeCounts, expectOrderBadgesInPlace } from './expect-badges';

const PAGE_SIZE = 20;
const shop = generateShop({ seed: 23, customers: 25, orders: 120, months: 2 });
const listed = jdOrdersOf(shop);
const pageOf = (n: number) => listed.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);

/** What the badges should say having seen `seen`: valid purchases per buyer (pin). */
function expected(rows: ShopOrder[], seen: ShopOrder[]): Record<string, number> {
  const per = new Map<string, number>();
  for (const o of seen) if (isValidShopOrder(o)) per.set(jdPin(o.customer), (per.get(jdPin(o.customer)) ?? 0) + 1);
  return Object.fromEntries(rows.map((o) => [jdOrderId(o), per.get(jdPin(o.customer)) ?? 0]));
}

describe.each(['a', 'b'] as const)('京东 订单管理 (markup %s): badges by userPin', (markup) => {
  let launched: Launched;
  let log: ConsoleLog;
  let page: Page;
  beforeAll(async () => {
    launched = await launchWithExtension();
    log = await installConsole(launched.context, { shop, markup });
    page = await launched.context.newPage();
  });
  afterAll(async () => launched?.close());

  it('the pages visited hold repeat buyers across the two pages', () => {
    const both = [...pageOf(1), ...pageOf(2)];
    // Rows of page 2 whose buyer also bought on page 1: their counts grow when page 2 is read.
    const crossing = pageOf(2).filter((o) => expected([o], both)[jdOrderId(o)]! > expected([o], pageOf(2))[jdOrderId(o)]!);
    expect(crossing.length).toBeGreaterThan(0);
  });

  it('page 1, page 2 and back: counts per buyer over everything seen, strong, each badge in its order', async () => {
    await page.goto(`${JD_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await expectBadgeCounts(page, expected(pageOf(1), pageOf(1)));
    await expectOrderBadgesInPlace(page, pageOf(1).map(jdOrderId));
    await page.locator('[data-testid="pager-next"]').click();
    await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '2');
    await expectBadgeCounts(page, expected(pageOf(2), [...pageOf(1), ...pageOf(2)]));
    await expectOrderBadgesInPlace(page, pageOf(2).map(jdOrderId));
    await page.evaluate(() => (window as unknown as { __demoGoToPage(n: number): void }).__demoGoToPage(1));
    await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '1');
    const got = await expectBadgeCounts(page, expected(pageOf(1), [...pageOf(1), ...pageOf(2)])).then(() => badges(page));
    for (const b of got.values()) expect(b.identity).toBe('strong');
    expect([...got.values()].some((b) => b.orders >= 2 && /第\d+次/.test(b.text))).toBe(true);
  });

  it('stores orders in fen under jd:id:<pin>; nothing is requested but the page\'s own calls', async () => {
    const dump = await readDb(launched);
    const jd = dump.orders.filter((o) => o.platform === 'jd');
    expect(jd).toHaveLength(2 * PAGE_SIZE);
    const byId = new Map(listed.map((o) => [jdOrderId(o), o]));
    for (const o of jd) {
      const truth = byId.get(o.orderId as string)!;
      expect(o.amountFen).toBe(truth.paidFen);
      expect(o.customerKey).toBe(`jd:id:${jdPin(truth.customer)}`);
      expect(o.identity).toBe('strong');
    }
    const customers = dump.customers.filter((c) => c.platform === 'jd');
    const seen = [...pageOf(1), ...pageOf(2)];
    expect(customers.length).toBe(new Set(seen.map((o) => jdPin(o.customer))).size);
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    expect(await popup.getByTestId('health-jd.orders').getAttribute('data-health')).toBe('ok');
    await popup.close();
    expect(log.aborted).toEqual([]);
    expect(log.jdRequests.map((r) => r.page)).toEqual([1, 2, 1]);
    expect(new Set(log.jdRequests.map((r) => r.api))).toEqual(new Set([markup === 'a'
      ? 'dsm.order.bff.orderListBffService.queryOrderPage' : 'dsm.order.manage.orderlist.queryOrderPage']));
  });
});

describe('JD answers Laoke does not understand', () => {
  it('changed keys: 页面未识别 with a diagnosis, nothing written', async () => {
    const launched = await launchWithExtension();
    try {
      const answer = { code: 200, data: { list: [{ orderId: '301234567890' }], total: 1 } };
      await installConsole(launched.context, { shop, jdReply: () => ({ body: JSON.stringify(answer) }) });
      const page = await launched.context.newPage();
      await page.goto(JD_ORDERS_URL);
      const health = page.locator('[data-laoke-health="unrecognized"]');
      await health.waitFor({ timeout: 15_000 });
      expect(await health.textContent()).toMatch(/页面未识别/);
      expect(await health.textContent()).toMatch(/data\.results missing/);
      await expect.poll(async () => (await readDb(launched)).health.find((h) => h.pageKind === 'jd.orders')?.failCount).toBe(1);
      expect((await readDb(launched)).orders).toEqual([]);
    } finally {
      await launched.close();
    }
  });
});

describe('the privacy page names every console Laoke reads, the new ones included', () => {
  it('lists each host of the manifest\'s host list', async () => {
    const launched = await launchWithExtension();
    try {
      const dash = await launched.context.newPage();
      await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/privacy`);
      const text = (await dash.getByTestId('privacy-consoles').textContent()) ?? '';
      for (const host of CONSOLE_HOSTS) expect(text).toContain(host);
      expect(text).toContain('抖店');
      expect(text).toContain('京东');
    } finally {
      await launched.close();
    }
  });
});
