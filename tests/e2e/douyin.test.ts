// 抖店 in headless Chromium with the built extension, in both markups: the order list's buyers by their
// opaque user_id (probable: 可能是回头客), badges with the counts of everything seen across two pages; a
// review linked to its buyer through its order_id; and a refund under way (an item's after-sale text
// 退款中) that leaves the buyer out of the audiences that suppress refunds, as the 拼多多 售后中 test does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { douyinOrdersOf, douyinUserId, searchlistPage } from '../shop/douyin';
import { shopReviews } from '../shop/reviews';
import { DOUYIN_AFTERSALE_URL, DOUYIN_ORDERS_URL, DOUYIN_REVIEWS_URL, installConsole, type ConsoleLog } from '../console/routes';
import { badges, launchWithExtension, panelFrame, readDb, readStore, type Launched } from './harness';
import { expectBadgeCounts, expectOrderBadgesInPlace } from './expect-badges';
import { evaluateDeep } from './deep';

const PAGE_SIZE = 50;
const shop = generateShop({ seed: 32, customers: 30, orders: 100, months: 2, end: Date.now() - 3_600_000 });
const listed = douyinOrdersOf(shop);
const pageOf = (n: number) => listed.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
const keyOf = (o: ShopOrder) => `douyin:id:${douyinUserId(o.customer)}`;

/** What the badges should say having seen `seen`: valid purchases per buyer (user_id). */
function expected(rows: ShopOrder[], seen: ShopOrder[]): Record<string, number> {
  const per = new Map<string, number>();
  for (const o of seen) if (isValidShopOrder(o)) per.set(keyOf(o), (per.get(keyOf(o)) ?? 0) + 1);
  return Object.fromEntries(rows.map((o) => [o.orderId, per.get(keyOf(o)) ?? 0]));
}

async function goToPage(page: Page, n: number) {
  await evaluateDeep(page, (deepAll, want) => (deepAll(`[data-page="${want}"]`)[0] as HTMLElement | undefined)?.click(), n);
  await page.waitForFunction((want) => document.documentElement.getAttribute('data-demo-page') === String(want), n);
}

describe.each(['a', 'b'] as const)('抖店 订单管理 and 评价管理 (markup %s)', (markup) => {
  let launched: Launched;
  let log: ConsoleLog;
  let page: Page;
  beforeAll(async () => {
    launched = await launchWithExtension();
    log = await installConsole(launched.context, { shop, markup });
    page = await launched.context.newPage();
  });
  afterAll(async () => launched?.close());

  it('the shop has buyers whose orders span both pages', () => {
    expect(listed.length).toBe(2 * PAGE_SIZE);
    const both = [...pageOf(1), ...pageOf(2)];
    expect(pageOf(2).some((o) => expected([o], both)[o.orderId]! > expected([o], pageOf(2))[o.orderId]!)).toBe(true);
  });

  it('page 1, page 2 and back: counts per user_id over everything seen, shown as 可能是回头客', async () => {
    await page.goto(`${DOUYIN_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await expectBadgeCounts(page, expected(pageOf(1), pageOf(1)));
    await expectOrderBadgesInPlace(page, pageOf(1).map((o) => o.orderId));
    await goToPage(page, 2);
    await expectBadgeCounts(page, expected(pageOf(2), listed));
    await expectOrderBadgesInPlace(page, pageOf(2).map((o) => o.orderId));
    await goToPage(page, 1);
    await expectBadgeCounts(page, expected(pageOf(1), listed));
    const got = await badges(page);
    for (const b of got.values()) expect(b.identity).toBe('probable');
    expect([...got.values()].some((b) => b.orders >= 2 && /^可能是回头客 · 第\d+次 · 累计¥/.test(b.text))).toBe(true);
    // The hover card gives 抖店's reason (the user_id, not yet confirmed), not Pinduoduo's masked nick and receiver.
    const returning = [...got.entries()].find(([, b]) => b.orders >= 2)![0];
    await page.locator(`[data-laoke-badge][data-laoke-order-id="${returning}"]`).hover();
    const card = page.locator('[data-laoke-card]');
    await card.waitFor();
    expect(await card.textContent()).toContain('抖店按买家 ID（user_id）认出这位买家');
    expect(await card.textContent()).not.toContain('打码');
    await page.mouse.move(0, 0);
    // 抖店 counts pages from 0.
    expect(log.douyinRequests.map((r) => r.page)).toEqual([0, 1, 0]);
  });

  it('stores seconds as ms and fen as fen, keyed by user_id, with the region', async () => {
    const dump = await readDb(launched);
    const orders = dump.orders.filter((o) => o.platform === 'douyin');
    expect(orders).toHaveLength(listed.length);
    const byId = new Map(listed.map((o) => [o.orderId, o]));
    for (const o of orders) {
      const truth = byId.get(o.orderId as string)!;
      expect(o.amountFen).toBe(truth.paidFen);
      expect(o.createdAt).toBe(Math.floor(truth.createdAt / 1000) * 1000);
      expect(o.customerKey).toBe(keyOf(truth));
      expect(o.region).toBe(`${truth.customer.province} ${truth.customer.city} ${truth.customer.district}`);
    }
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    expect(await popup.getByTestId('health-douyin.orders').getAttribute('data-health')).toBe('ok');
    // The popup counts 抖店 buyers by user_id among the probable ones, as it does Pinduoduo's.
    const probable = dump.customers.filter((c) => c.platform === 'douyin' && c.identity === 'probable' && (c.orderCount as number) > 0).length;
    expect(probable).toBeGreaterThan(0);
    expect(await popup.getByTestId('stat-probable').textContent()).toContain(`${probable} 位`);
    await popup.close();
  });

  it('a review is linked to its buyer through its order_id; every review row gets one badge', async () => {
    const reviews = shopReviews(shop).slice(0, 20);
    expect(reviews.length).toBeGreaterThan(3);
    const rp = await launched.context.newPage();
    try {
      await rp.goto(`${DOUYIN_REVIEWS_URL}?pageSize=20`);
      await expect.poll(async () => (await evaluateDeep(rp, (deepAll) => deepAll('[data-laoke-review-badge]').length, undefined)), { timeout: 15_000 })
        .toBe(reviews.length);
      const ids = await evaluateDeep(rp, (deepAll) => deepAll('[data-laoke-review-badge]').map((el) => el.getAttribute('data-laoke-review-id')), undefined);
      expect(ids).toEqual(reviews.map((r) => `7${r.feedId}`));
      const dump = await readDb(launched);
      const stored = dump.reviews.filter((r) => r.platform === 'douyin');
      expect(stored).toHaveLength(reviews.length);
      const byReview = new Map(stored.map((r) => [r.reviewId as string, r]));
      for (const r of reviews) {
        expect(byReview.get(`7${r.feedId}`)).toMatchObject({ orderId: r.order.orderId, customerKey: keyOf(r.order) });
      }
      // The badge of a returning buyer's review says so.
      const repeat = reviews.find((r) => expected([r.order], listed)[r.order.orderId]! >= 2)!;
      expect(repeat).toBeDefined();
      const text = await evaluateDeep(rp, (deepAll, id) => deepAll(`[data-laoke-review-badge][data-laoke-review-id="${id}"]`)[0]?.textContent ?? '', `7${repeat.feedId}`);
      expect(text).toContain(`老客 · 已购${expected([repeat.order], listed)[repeat.order.orderId]}次`);
    } finally {
      await rp.close();
    }
    expect(log.aborted).toEqual([]);
  });
});

interface StoredCustomer { key: string; platform: string; orderCount: number; refundOpen: boolean }

describe('抖店 售后中: a buyer with a refund under way (退款中) is left out of the audiences that suppress refunds', () => {
  let launched: Launched;
  let page: Page;
  /** Order numbers whose items show 退款中 in the list's answer. */
  const underWay = new Map<string, string>();
  const per = new Map<string, ShopOrder[]>();
  for (const o of listed.filter(isValidShopOrder)) per.set(keyOf(o), [...(per.get(keyOf(o)) ?? []), o]);
  const returning = [...per].filter(([, l]) => l.length >= 2).map(([k]) => k);
  // B: a returning buyer whose latest order is on page 1.
  const bKey = returning.find((k) => pageOf(1).includes(per.get(k)!.sort((x, y) => y.createdAt - x.createdAt)[0]!))!;
  const bOrder = per.get(bKey)![0]!;

  async function countShows(p: Page, n: number) {
    await p.waitForFunction((want) => {
      const el = document.querySelector('[data-testid="audience-count"]');
      return el?.getAttribute('aria-busy') === 'false' && el.textContent === String(want);
    }, n, { timeout: 10_000 });
  }

  async function dashboardCounts(want: { off: number; on: number; removed: number }) {
    const dash = await launched.context.newPage();
    try {
      await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/audiences`);
      await dash.locator('[data-testid="audience-preset"]').selectOption('returning');
      await countShows(dash, want.off);
      await dash.locator('[data-testid="supp-refund"]').check();
      await countShows(dash, want.on);
      const removed = dash.locator('[data-testid="audience-removed"]');
      if (want.removed) expect(await removed.textContent()).toContain(`售后中 ${want.removed} 人`);
      else expect(await removed.count()).toBe(0);
    } finally {
      await dash.close();
    }
  }

  /** The order ids 订单关怀 lists under 售后中. */
  async function careRefunds(): Promise<string[]> {
    const dash = await launched.context.newPage();
    try {
      await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/care`);
      await dash.locator('[data-testid="care-refunds"]').waitFor();
      return await dash.locator('[data-testid="care-refunds"] [data-order-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id') ?? ''));
    } finally {
      await dash.close();
    }
  }

  async function readBothPages() {
    await page.goto(`${DOUYIN_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await expectBadgeCounts(page, expected(pageOf(1), seenOnce ? listed : pageOf(1)));
    await goToPage(page, 2);
    await expectBadgeCounts(page, expected(pageOf(2), listed));
    seenOnce = true;
  }
  let seenOnce = false;

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, {
      shop,
      douyinReply: (p, size) => ({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(searchlistPage(shop, p, size, 'array', underWay)) }),
    });
    page = await launched.context.newPage();
  });
  afterAll(async () => launched?.close());

  it('control: nothing under way; B is among the returning buyers, suppressed or not', async () => {
    expect(returning.length).toBeGreaterThanOrEqual(3);
    expect(bKey).toBeDefined();
    await readBothPages();
    const customers = await readStore<StoredCustomer>(launched, 'customers');
    expect(customers.filter((c) => c.refundOpen)).toEqual([]);
    await dashboardCounts({ off: returning.length, on: returning.length, removed: 0 });
  });

  it('B\'s latest order shows 退款中: the record and the card say so, 排除售后 leaves B out, the purchases still count', async () => {
    underWay.set(bOrder.orderId, '退款中');
    await readBothPages();
    await expect.poll(async () => (await readStore<StoredCustomer>(launched, 'customers')).filter((c) => c.refundOpen).map((c) => c.key)).toEqual([bKey]);
    const b = (await readStore<StoredCustomer>(launched, 'customers')).find((c) => c.key === bKey)!;
    expect(b.orderCount).toBe(per.get(bKey)!.length);
    await goToPage(page, 1);
    // The seller's own (trusted) click on the badge opens the side panel on B.
    await page.locator(`[data-laoke-badge][data-laoke-order-id="${bOrder.orderId}"]`).click();
    const card = panelFrame(page).locator('[data-testid="customer-card"]');
    await card.waitFor();
    expect(await card.textContent()).toContain('有售后进行中');
    await dashboardCounts({ off: returning.length, on: returning.length - 1, removed: 1 });
    // 订单关怀's 售后中 lists the order, as it does Taobao's and Pinduoduo's.
    expect(await careRefunds()).toEqual([bOrder.orderId]);
  });

  it('the refund is settled without a refund (the text goes back to -): B is back', async () => {
    underWay.delete(bOrder.orderId);
    await readBothPages();
    await expect.poll(async () => (await readStore<StoredCustomer>(launched, 'customers')).filter((c) => c.refundOpen).length).toBe(0);
    await dashboardCounts({ off: returning.length, on: returning.length, removed: 0 });
    expect(await careRefunds()).toEqual([]);
  });
});

describe.each(['a', 'b'] as const)('抖店 售后工作台 (markup %s): a case under way marks the order read before, a closed one clears it', (markup) => {
  let launched: Launched;
  let page: Page;
  const cases = new Map<string, string>();
  const per = new Map<string, ShopOrder[]>();
  for (const o of listed.filter(isValidShopOrder)) per.set(keyOf(o), [...(per.get(keyOf(o)) ?? []), o]);
  const returning = [...per].filter(([, l]) => l.length >= 2).map(([k]) => k).sort();
  const bKey = returning[0]!;
  const bOrder = per.get(bKey)![0]!;
  const refundOpen = async () => (await readStore<StoredCustomer>(launched, 'customers')).filter((c) => c.refundOpen).map((c) => c.key);

  async function openAfterSales() {
    const p = await launched.context.newPage();
    try {
      await p.goto(`${DOUYIN_AFTERSALE_URL}?pageSize=50`);
      await p.waitForFunction(() => document.documentElement.hasAttribute('data-demo-loaded'));
    } finally {
      await p.close();
    }
  }

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop, markup, douyinAfterSales: cases });
    page = await launched.context.newPage();
    await page.goto(`${DOUYIN_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await expectBadgeCounts(page, expected(pageOf(1), pageOf(1)));
    await goToPage(page, 2);
    await expectBadgeCounts(page, expected(pageOf(2), listed));
  });
  afterAll(async () => launched?.close());

  it('the shop\'s refunds done (退款成功) mark nothing under way; 待商家处理 on B\'s order marks B; 售后关闭 clears it', async () => {
    await openAfterSales();
    await expect.poll(async () => (await readDb(launched)).health.find((h) => h.pageKind === 'douyin.aftersale')?.okCount).toBeGreaterThan(0);
    expect(await refundOpen()).toEqual([]);
    cases.set(bOrder.orderId, '待商家处理');
    await openAfterSales();
    await expect.poll(refundOpen).toEqual([bKey]);
    const stored = (await readDb(launched)).orders.find((o) => o.orderId === bOrder.orderId)!;
    // The order is as the order list read it: only the mark changed, and no order was made from a case.
    expect(stored).toMatchObject({ status: expect.any(String), amountFen: bOrder.paidFen, refundOpen: true });
    expect((await readDb(launched)).orders.filter((o) => o.platform === 'douyin')).toHaveLength(listed.length);
    expect((await readStore<StoredCustomer>(launched, 'customers')).find((c) => c.key === bKey)!.orderCount).toBe(per.get(bKey)!.length);
    cases.set(bOrder.orderId, '售后关闭');
    await openAfterSales();
    await expect.poll(refundOpen).toEqual([]);
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    expect(await popup.getByTestId('health-douyin.aftersale').getAttribute('data-health')).toBe('ok');
    await popup.close();
  });
});
