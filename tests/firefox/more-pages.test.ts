// Firefox, where the console's pages are not one plain document: the 千牛 workbench navigating to the sold
// list with pushState (no page load), and the legacy sold list inside the workbench's iframe with GBK
// answers (both content scripts in a child frame, the MAIN-world tap included); and 拼多多's order list,
// whose buyers are masked (可能是回头客).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { expectedBadgeCounts, generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { pddOrderSn, pddOrders, probableKeyOf } from '../shop/pdd';
import { HOME_URL, LEGACY_SOLD_URL, PDD_ORDERS_URL, QN_FRAME_URL } from '../console/routes';
import { badgeCountsAre, badgeCountsNow, expectBadgeReading } from '../e2e/expect-badges';
import { badges, evaluateDeep, launchFirefox, readDb, waitForDeep, type FirefoxLaunched } from './harness';

const PAGE_SIZE = 20;
const shop = generateShop({ seed: 11, customers: 30, orders: 160, months: 2 });
const pageOf = (n: number) => shop.orders.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);

async function expectCounts(target: Page | Frame, rows: ShopOrder[], seen: ShopOrder[]) {
  const truth = expectedBadgeCounts(seen);
  await expectWanted(target, Object.fromEntries(rows.map((o) => [o.orderId, truth.get(o.orderId)!])));
}

/** 拼多多 (as tests/e2e/pdd-orders): valid purchases per probable buyer (nick, receiver, district), by order number. */
function pddExpected(rows: ShopOrder[], seen: ShopOrder[]): Record<string, number> {
  const per = new Map<string, number>();
  for (const o of seen) if (isValidShopOrder(o)) per.set(probableKeyOf(o), (per.get(probableKeyOf(o)) ?? 0) + 1);
  return Object.fromEntries(rows.map((o) => [pddOrderSn(o), per.get(probableKeyOf(o)) ?? 0]));
}

async function expectWanted(target: Page | Frame, want: Record<string, number>) {
  try {
    await waitForDeep(target, badgeCountsAre, want);
  } finally {
    expectBadgeReading(await evaluateDeep(target, badgeCountsNow, undefined), want);
  }
}

describe('Firefox: pushState navigation, the legacy list in the 千牛 frame, 拼多多 orders', () => {
  let ff: FirefoxLaunched;

  beforeAll(async () => {
    ff = await launchFirefox({ shop });
  }, 60_000);
  afterAll(async () => ff?.close());

  it('from the 千牛 workbench to the sold list with pushState: badges once per order', async () => {
    const page = await ff.consolePage();
    await page.goto(HOME_URL);
    await page.click('#go-sold');
    await expectCounts(page, pageOf(1), pageOf(1));
    expect(await page.$$eval('[data-laoke-health]', (els) => els.length)).toBe(0);
    await page.close();
  });

  it('the legacy list inside the 千牛 iframe: GBK answers read, the same orders counted once, page 2 in the frame', async () => {
    const page = await ff.consolePage();
    await page.goto(QN_FRAME_URL);
    const handle = await page.waitForSelector('iframe#qn-app-frame', { timeout: 15_000 });
    const frame = await handle!.contentFrame();
    expect(frame.url().startsWith(LEGACY_SOLD_URL)).toBe(true);
    await frame.waitForSelector('.trade-order-main', { timeout: 15_000 });
    // Page 1 was read on the new list already: nothing counts twice.
    await expectCounts(frame, pageOf(1), pageOf(1));
    const dump = await readDb(ff);
    expect(dump.orders).toHaveLength(PAGE_SIZE);
    const o = pageOf(1).find((x) => !x.customer.masked)!;
    expect(dump.orders.find((d) => d.orderId === o.orderId)).toMatchObject({ nick: o.customer.nick, source: 'json' });
    expect((dump.orders.find((d) => d.orderId === o.orderId)!.items as { title: string }[])[0]!.title).toBe(o.lines[0]!.item.title);
    expect(ff.log.gbkAnswers).toBeGreaterThan(0);
    await page.bringToFront();
    await frame.click('.pager button[data-page="2"]');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '2', { timeout: 15_000 });
    await expectCounts(frame, pageOf(2), [...pageOf(1), ...pageOf(2)]);
    await page.close();
  });

  it('拼多多 订单查询, page 1, page 2 and back: counts per probable buyer, shown as 可能是回头客', async () => {
    const listed = pddOrders(shop);
    const pdd = (n: number) => listed.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
    const page = await ff.consolePage();
    await page.goto(`${PDD_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await expectWanted(page, pddExpected(pdd(1), pdd(1)));
    await page.click('[data-testid="beast-core-pagination-next"]');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '2', { timeout: 15_000 });
    await expectWanted(page, pddExpected(pdd(2), [...pdd(1), ...pdd(2)]));
    await page.click('li[data-page="1"]');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '1', { timeout: 15_000 });
    await expectWanted(page, pddExpected(pdd(1), [...pdd(1), ...pdd(2)]));
    const got = await badges(page);
    for (const b of got.values()) expect(b.identity).toBe('probable');
    expect([...got.values()].some((b) => b.orders >= 2 && /^可能是回头客 · 第\d+次 · 累计¥/.test(b.text))).toBe(true);
    expect((await readDb(ff)).orders.filter((o) => o.platform === 'pdd')).toHaveLength(2 * PAGE_SIZE);
    await page.close();
  });

  it('nothing left the console pages, nothing reached the network', () => {
    expect(ff.log.aborted).toEqual([]);
    expect(ff.leaked).toEqual([]);
  });
});
