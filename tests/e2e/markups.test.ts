// Every console page in two markups, in headless Chromium with the built extension. Markup a is the one
// the adapters' selectors know (tests/console/<page>.js); markup b is a redesign of each page
// (tests/console/<page>-b.js: div blocks, hashed class names, an extra wrapper, the order number in a
// span apart from its label, and the 拼多多 orders and 千牛 reviews lists inside an open shadow root). Both
// fetch the same JSON the same way and show the same text per row, so the same badges must follow: one
// per order (or review) on screen, with the right counts, in the block that shows its number.
// Each flow first checks that the page's JSON was read (what is stored), then the badges: a failure
// of the second alone means the rows were read but not found on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { expectedBadgeCounts, generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { pddOrderSn, pddOrders, probableKeyOf } from '../shop/pdd';
import { expectedReading, shopReviews, type ShopReview } from '../shop/reviews';
import { installConsole, LEGACY_SOLD_URL, PDD_ORDERS_URL, PDD_REVIEWS_URL, QN_FRAME_URL, REVIEWS_URL, SOLD_URL, type ConsoleLog } from '../console/routes';
import { badges, launchWithExtension, readStore, type Launched } from './harness';
import { expectBadgeCounts, expectOrderBadgesInPlace, placedBadges } from './expect-badges';
import { evaluateDeep, waitForDeep } from './deep';

const PAGE_SIZE = 20;
// The shop of the other suites: buyers come back within the pages visited.
const shop = generateShop({ seed: 11, customers: 30, orders: 160, months: 2 });
const reviews = shopReviews(shop);
const pddListed = pddOrders(shop);
const pddReviewList = reviews.filter((r) => new Set(pddListed).has(r.order));
const slice = <T>(all: readonly T[], n: number) => all.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);

/** Waits until the stored records of `store` on `platform` are exactly `ids` (by `key`), all read from JSON. */
async function expectStored(launched: Launched, store: 'orders' | 'reviews', platform: string, key: 'orderId' | 'reviewId', ids: string[]) {
  const read = async () => (await readStore<Record<string, unknown>>(launched, store)).filter((r) => r.platform === platform);
  await expect.poll(async () => (await read()).map((r) => r[key] as string).sort(), { timeout: 15_000, interval: 300 }).toEqual([...ids].sort());
  if (store === 'orders') expect(new Set((await read()).map((r) => r.source))).toEqual(new Set(['json']));
}

async function onPage(target: Page | Frame, n: number) {
  await target.waitForFunction((p) => document.documentElement.getAttribute('data-demo-page') === String(p), n, { timeout: 15_000 });
}

/** Exactly `rows` carry Taobao badges, each with the valid purchases its buyer has among `seen`. */
async function expectTaobaoBadges(target: Page | Frame, rows: ShopOrder[], seen: ShopOrder[]) {
  const truth = expectedBadgeCounts(seen);
  await expectBadgeCounts(target, Object.fromEntries(rows.map((o) => [o.orderId, truth.get(o.orderId)!])));
  const got = await badges(target);
  expect(Object.fromEntries(rows.map((o) => [o.orderId, got.get(o.orderId)?.identity])))
    .toEqual(Object.fromEntries(rows.map((o) => [o.orderId, o.customer.masked ? 'weak' : 'strong'])));
  await expectOrderBadgesInPlace(target, rows.map((o) => o.orderId));
}

/** Pinduoduo: valid purchases per probable buyer (masked nick, masked receiver, district) among `seen`. */
function pddExpected(rows: ShopOrder[], seen: ShopOrder[]): Record<string, number> {
  const per = new Map<string, number>();
  for (const o of seen) if (isValidShopOrder(o)) per.set(probableKeyOf(o), (per.get(probableKeyOf(o)) ?? 0) + 1);
  return Object.fromEntries(rows.map((o) => [pddOrderSn(o), per.get(probableKeyOf(o)) ?? 0]));
}

async function expectPddBadges(page: Page, rows: ShopOrder[], seen: ShopOrder[]) {
  await expectBadgeCounts(page, pddExpected(rows, seen));
  const got = await badges(page);
  expect(new Set([...got.values()].map((b) => b.identity))).toEqual(new Set(['probable']));
  await expectOrderBadgesInPlace(page, rows.map(pddOrderSn));
}

/**
 * Exactly one review badge per review of `want`, in order, with Laoke's reading of each, each in the
 * block showing its review's order number.
 */
async function expectReviewBadges(page: Page, want: ShopReview[], platform: 'taobao' | 'pdd', groupHeader: boolean) {
  const sn = (r: ShopReview) => (platform === 'pdd' ? pddOrderSn(r.order) : r.order.orderId);
  try {
    await waitForDeep(page, (deepAll, n) => deepAll('[data-laoke-review-badge]').length === n, want.length);
  } finally {
    const count = await evaluateDeep(page, (deepAll) => deepAll('[data-laoke-review-badge]').length, undefined);
    expect(count, 'review badges on the page').toBe(want.length);
  }
  const got = await evaluateDeep(page, (deepAll) => deepAll('[data-laoke-review-badge]').map((el) => ({
    id: el.getAttribute('data-laoke-review-id'), sentiment: el.getAttribute('data-laoke-sentiment'), aspects: el.getAttribute('data-laoke-aspects'),
  })), undefined);
  expect(got.map((b) => b.id)).toEqual(want.map((r) => r.feedId));
  const truth = want.map((r) => expectedReading(r, platform));
  expect(got.map((b) => b.sentiment)).toEqual(truth.map((x) => x.sentiment));
  expect(got.map((b) => b.aspects)).toEqual(truth.map((x) => x.complaints.join(',')));
  const where = await placedBadges(page, '[data-laoke-review-badge]', 'data-laoke-review-id', [...new Set(want.map(sn))], groupHeader);
  expect(where.map((b) => b.near)).toEqual(want.map((r) => [sn(r)]));
}

describe('the pages the suites visit hold what they need', () => {
  it('repeat buyers on both sold pages, probable repeat buyers on Pinduoduo, two pages of reviews', () => {
    expect([...expectedBadgeCounts([...slice(shop.orders, 1), ...slice(shop.orders, 2)]).values()].some((n) => n >= 3)).toBe(true);
    expect(Object.values(pddExpected([...slice(pddListed, 1), ...slice(pddListed, 2)], [...slice(pddListed, 1), ...slice(pddListed, 2)])).some((n) => n >= 2)).toBe(true);
    expect(reviews.length).toBeGreaterThanOrEqual(2 * PAGE_SIZE);
    expect(pddReviewList.length).toBeGreaterThanOrEqual(2 * PAGE_SIZE);
  });
});

describe.each(['a', 'b'] as const)('markup %s', (markup) => {
  describe('千牛 已卖出的宝贝', () => {
    const pageOf = (n: number) => slice(shop.orders, n);
    let launched: Launched;
    let page: Page;
    beforeAll(async () => {
      launched = await launchWithExtension();
      await installConsole(launched.context, { shop, markup });
      page = await launched.context.newPage();
    });
    afterAll(async () => launched?.close());

    it('page 1: the rows are read from the page\'s JSON', async () => {
      await page.goto(`${SOLD_URL}?pageSize=${PAGE_SIZE}`);
      await onPage(page, 1);
      await expectStored(launched, 'orders', 'taobao', 'orderId', pageOf(1).map((o) => o.orderId));
    });
    it('page 1: exactly one badge per order, with the buyer\'s valid purchases so far, in the order\'s block', async () => {
      await expectTaobaoBadges(page, pageOf(1), pageOf(1));
    });
    it('page 2, paged in place: its rows are read', async () => {
      await page.locator('[data-page="2"]').first().click();
      await onPage(page, 2);
      await expectStored(launched, 'orders', 'taobao', 'orderId', [...pageOf(1), ...pageOf(2)].map((o) => o.orderId));
    });
    it('page 2: exactly one badge per order, counting what page 1 taught', async () => {
      await expectTaobaoBadges(page, pageOf(2), [...pageOf(1), ...pageOf(2)]);
    });
  });

  describe('legacy sold list (GBK) inside the 千牛 frame', () => {
    const pageOf = (n: number) => slice(shop.orders, n);
    let launched: Launched;
    let log: ConsoleLog;
    let frame: Frame;
    beforeAll(async () => {
      launched = await launchWithExtension();
      log = await installConsole(launched.context, { shop, markup });
    });
    afterAll(async () => launched?.close());

    it('page 1: the GBK answer is read', async () => {
      const page = await launched.context.newPage();
      await page.goto(QN_FRAME_URL);
      const found = await (await page.waitForSelector('iframe#qn-app-frame')).contentFrame();
      if (!found) throw new Error('no 千牛 app frame');
      frame = found;
      expect(frame.url().startsWith(LEGACY_SOLD_URL)).toBe(true);
      await onPage(frame, 1);
      await expectStored(launched, 'orders', 'taobao', 'orderId', pageOf(1).map((o) => o.orderId));
      expect(log.gbkAnswers).toBeGreaterThan(0);
      // Decoded right: the buyer's nick as the seller reads it.
      const o = pageOf(1).find((x) => !x.customer.masked)!;
      const stored = (await readStore<Record<string, unknown>>(launched, 'orders')).find((d) => d.orderId === o.orderId);
      expect(stored).toMatchObject({ nick: o.customer.nick });
    });
    it('page 1: exactly one badge per order, with the right counts, in the order\'s block', async () => {
      await expectTaobaoBadges(frame, pageOf(1), pageOf(1));
    });
    it('page 2 in the frame: its rows are read', async () => {
      await frame.locator('[data-page="2"]').first().click();
      await onPage(frame, 2);
      await expectStored(launched, 'orders', 'taobao', 'orderId', [...pageOf(1), ...pageOf(2)].map((o) => o.orderId));
    });
    it('page 2: exactly one badge per order, counting what page 1 taught', async () => {
      await expectTaobaoBadges(frame, pageOf(2), [...pageOf(1), ...pageOf(2)]);
    });
  });

  describe('拼多多 订单查询', () => {
    const pageOf = (n: number) => slice(pddListed, n);
    let launched: Launched;
    let page: Page;
    beforeAll(async () => {
      launched = await launchWithExtension();
      await installConsole(launched.context, { shop, markup });
      page = await launched.context.newPage();
    });
    afterAll(async () => launched?.close());

    it('page 1: the rows are read from the page\'s JSON', async () => {
      await page.goto(`${PDD_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
      await onPage(page, 1);
      await expectStored(launched, 'orders', 'pdd', 'orderId', pageOf(1).map(pddOrderSn));
    });
    it('page 1: exactly one badge per order, counted per probable buyer, in the order\'s block', async () => {
      await expectPddBadges(page, pageOf(1), pageOf(1));
    });
    it('page 2 (下一页): its rows are read', async () => {
      await page.click('[data-testid="beast-core-pagination-next"]');
      await onPage(page, 2);
      await expectStored(launched, 'orders', 'pdd', 'orderId', [...pageOf(1), ...pageOf(2)].map(pddOrderSn));
    });
    it('page 2: exactly one badge per order, counting what page 1 taught', async () => {
      await expectPddBadges(page, pageOf(2), [...pageOf(1), ...pageOf(2)]);
    });
  });

  describe('千牛 评价管理', () => {
    let launched: Launched;
    let page: Page;
    beforeAll(async () => {
      launched = await launchWithExtension();
      await installConsole(launched.context, { shop, markup });
      page = await launched.context.newPage();
    });
    afterAll(async () => launched?.close());

    it('page 1: the reviews are read from the page\'s JSON', async () => {
      await page.goto(`${REVIEWS_URL}?pageSize=${PAGE_SIZE}`);
      await onPage(page, 1);
      await expectStored(launched, 'reviews', 'taobao', 'reviewId', slice(reviews, 1).map((r) => r.feedId));
    });
    it('page 1: one review badge per review row, with Laoke\'s reading, in the review\'s block', async () => {
      await expectReviewBadges(page, slice(reviews, 1), 'taobao', false);
    });
    it('page 2: its reviews are read', async () => {
      await page.locator('[data-page="2"]').first().click();
      await onPage(page, 2);
      await expectStored(launched, 'reviews', 'taobao', 'reviewId', [...slice(reviews, 1), ...slice(reviews, 2)].map((r) => r.feedId));
    });
    it('page 2: one review badge per review row', async () => {
      await expectReviewBadges(page, slice(reviews, 2), 'taobao', false);
    });
  });

  describe('拼多多 评价管理', () => {
    let launched: Launched;
    let page: Page;
    beforeAll(async () => {
      launched = await launchWithExtension();
      await installConsole(launched.context, { shop, markup });
      page = await launched.context.newPage();
    });
    afterAll(async () => launched?.close());

    it('page 1: the reviews are read from the page\'s JSON', async () => {
      await page.goto(`${PDD_REVIEWS_URL}?pageSize=${PAGE_SIZE}`);
      await onPage(page, 1);
      await expectStored(launched, 'reviews', 'pdd', 'reviewId', slice(pddReviewList, 1).map((r) => r.feedId));
    });
    it('page 1: one review badge per review (the stars stand, the text reads the rest), in the review\'s block', async () => {
      await expectReviewBadges(page, slice(pddReviewList, 1), 'pdd', markup === 'a');
    });
    it('page 2: its reviews are read', async () => {
      await page.locator('[data-page="2"]').first().click();
      await onPage(page, 2);
      await expectStored(launched, 'reviews', 'pdd', 'reviewId', [...slice(pddReviewList, 1), ...slice(pddReviewList, 2)].map((r) => r.feedId));
    });
    it('page 2: one review badge per review', async () => {
      await expectReviewBadges(page, slice(pddReviewList, 2), 'pdd', markup === 'a');
    });
  });
});
