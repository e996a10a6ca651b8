// Pinduoduo orders in headless Chromium with the built extension: masked buyers, 可能是回头客.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { pddOrderSn, pddOrders, probableKeyOf } from '../shop/pdd';
import { installConsole, PDD_ORDERS_URL, type ConsoleLog } from '../console/routes';
import { badges, launchWithExtension, readDb, type Launched } from './harness';
import { expectBadgeCounts } from './expect-badges';

const PAGE_SIZE = 20;
const shop = generateShop({ seed: 11, customers: 30, orders: 160, months: 2 });
const listed = pddOrders(shop);
const pageOf = (n: number) => listed.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);

/** What the badges should say having seen `seen`: valid purchases per probable buyer (nick, receiver, district). */
function expected(rows: ShopOrder[], seen: ShopOrder[]): Record<string, number> {
  const per = new Map<string, number>();
  for (const o of seen) if (isValidShopOrder(o)) per.set(probableKeyOf(o), (per.get(probableKeyOf(o)) ?? 0) + 1);
  return Object.fromEntries(rows.map((o) => [pddOrderSn(o), per.get(probableKeyOf(o)) ?? 0]));
}

async function expectBadges(page: Page, rows: ShopOrder[], seen: ShopOrder[]) {
  await expectBadgeCounts(page, expected(rows, seen));
  return badges(page);
}

describe('拼多多 订单查询: badges for masked buyers', () => {
  let launched: Launched;
  let log: ConsoleLog;
  let page: Page;
  beforeAll(async () => {
    launched = await launchWithExtension();
    log = await installConsole(launched.context, { shop });
    page = await launched.context.newPage();
  });
  afterAll(async () => launched?.close());

  it('the pages visited hold probable repeat buyers', () => {
    const counts = Object.values(expected([...pageOf(1), ...pageOf(2)], [...pageOf(1), ...pageOf(2)]));
    expect(counts.some((n) => n >= 2)).toBe(true);
  });

  it('page 1, page 2 and back: counts per probable buyer, shown as 可能是回头客', async () => {
    await page.goto(`${PDD_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await expectBadges(page, pageOf(1), pageOf(1));
    await page.click('[data-testid="beast-core-pagination-next"]');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '2');
    await expectBadges(page, pageOf(2), [...pageOf(1), ...pageOf(2)]);
    await page.click('li[data-page="1"]');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '1');
    const got = await expectBadges(page, pageOf(1), [...pageOf(1), ...pageOf(2)]);
    for (const b of got.values()) expect(b.identity).toBe('probable');
    const repeat = [...got.values()].find((b) => b.orders >= 2 && /^可能是回头客 · 第\d+次 · 累计¥/.test(b.text));
    expect(repeat).toBeDefined();
  });

  it('stores orders in fen with their region; nothing is requested but the page\'s own calls', async () => {
    const dump = await readDb(launched);
    const pdd = dump.orders.filter((o) => o.platform === 'pdd');
    expect(pdd).toHaveLength(2 * PAGE_SIZE);
    for (const o of pdd) {
      expect(o.orderId).toMatch(/^\d{6}-\d{15}$/);
      expect(Number.isInteger(o.amountFen)).toBe(true);
      expect(o.region).toMatch(/^\S+ \S+ \S+$/);
    }
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    const probable = dump.customers.filter((c) => c.identity === 'probable' && (c.orderCount as number) > 0).length;
    expect(await popup.getByTestId('stat-probable').textContent()).toContain(`${probable} 位`);
    expect(await popup.getByTestId('health-pdd.orders').getAttribute('data-health')).toBe('ok');
    await popup.close();
    expect(log.aborted).toEqual([]);
    expect(log.pddRequests.map((r) => r.pageNumber)).toEqual([1, 2, 1]);
  });
});

describe('Pinduoduo answers Laoke does not understand', () => {
  it.each([
    ['rate limiting (54001)', { success: false, error_code: 54001, errorMsg: '操作太过频繁' }, /54001/],
    ['changed keys', { success: true, errorCode: 1000000, result: { total: 3, list: [] } }, /pageItems missing/],
  ])('%s: 页面未识别, nothing written', async (_what, answer, reason) => {
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop, pddReply: () => ({ body: JSON.stringify(answer) }) });
      const page = await launched.context.newPage();
      await page.goto(PDD_ORDERS_URL);
      const health = page.locator('[data-laoke-health="unrecognized"]');
      await health.waitFor({ timeout: 15_000 });
      expect(await health.textContent()).toMatch(/页面未识别/);
      expect(await health.textContent()).toMatch(reason);
      await expect.poll(async () => (await readDb(launched)).health.find((h) => h.pageKind === 'pdd.orders')?.failCount).toBe(1);
      expect((await readDb(launched)).orders).toEqual([]);
      // 复制诊断信息: the seller's click copies the answer's shape (keys and kinds), none of its values.
      await launched.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://mms.pinduoduo.com' });
      await health.locator('[data-laoke-copy-diagnosis]').click();
      await expect.poll(() => health.locator('[data-laoke-copy-diagnosis]').textContent()).toMatch(/已复制/);
      const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
      expect(copied).toMatchObject({ laokeDiagnosis: 1, pageKind: 'pdd.orders', path: '/orders/list' });
      expect(Object.keys(copied.shape)).toEqual(Object.keys(answer));
      expect(JSON.stringify(copied)).not.toContain('操作太过频繁');
    } finally {
      await launched.close();
    }
  });
});
