// 千牛 评价管理: a review badge on every review row, reviews stored and linked to orders and buyers.
import { describe, expect, it } from 'vitest';
import { generateShop } from '../shop/generate';
import { expectedReading, shopReviews } from '../shop/reviews';
import { installConsole, PDD_ORDERS_URL, PDD_REVIEWS_URL, REVIEWS_URL, SOLD_URL } from '../console/routes';
import { pddOrderSn, pddOrders } from '../shop/pdd';
import { launchWithExtension, readDb } from './harness';

const shop = generateShop({ seed: 11, customers: 30, orders: 160, months: 2 });
const reviews = shopReviews(shop);
const PAGE_SIZE = 20;

async function reviewBadges(page: import('playwright-core').Page) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-laoke-review-badge]').length === n, Math.min(PAGE_SIZE, reviews.length), { timeout: 15_000 });
  return page.$$eval('[data-laoke-review-badge]', (els) => els.map((el) => ({
    id: el.getAttribute('data-laoke-review-id')!,
    sentiment: el.getAttribute('data-laoke-sentiment')!,
    aspects: el.getAttribute('data-laoke-aspects') ?? '(missing)',
    text: el.textContent ?? '',
    rowOrder: /订单号：(\d+)/.exec(el.closest('tr')?.textContent ?? '')?.[1],
  })));
}

describe('千牛 评价管理', () => {
  it('every review row gets one badge; reviews are stored and linked to their orders and buyers', async () => {
    expect(reviews.length).toBeGreaterThan(PAGE_SIZE);
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop });
      const page = await launched.context.newPage();
      // The seller looks at the reviews first, then at the sold orders they belong to.
      await page.goto(`${REVIEWS_URL}?pageSize=${PAGE_SIZE}`);
      const got = await reviewBadges(page);
      const first = reviews.slice(0, PAGE_SIZE);
      expect(got.map((b) => b.id)).toEqual(first.map((r) => r.feedId));
      // Laoke's reading, as a seller reading each text would have it (tests/shop/reviews.ts).
      const truth = first.map((r) => expectedReading(r, 'taobao'));
      expect(got.map((b) => b.sentiment)).toEqual(truth.map((x) => x.sentiment));
      expect(got.map((b) => b.aspects)).toEqual(truth.map((x) => x.complaints.join(',')));
      expect(truth.some((x) => x.complaints.length > 0)).toBe(true);
      expect(got.map((b) => b.rowOrder)).toEqual(first.map((r) => r.order.orderId));
      got.forEach((b, i) => expect(b.text.startsWith(truth[i]!.hidden ? '隐藏差评' : { pos: '好评', neu: '中评', neg: '差评' }[truth[i]!.sentiment])).toBe(true));
      expect(got.filter((b) => b.aspects.includes('logistics')).every((b) => b.text.includes('物流'))).toBe(true);

      let dump = await readDb(launched);
      expect(dump.reviews).toHaveLength(PAGE_SIZE);
      for (const r of dump.reviews) expect(r).toMatchObject({ platform: 'taobao', reviewId: expect.any(String), orderId: expect.stringMatching(/^\d{19}$/), text: expect.any(String) });
      expect(dump.reviews.every((r) => r.customerKey === undefined)).toBe(true);
      // Placeholders are not review text.
      const placeholder = first.find((r) => r.text === '系统默认好评');
      if (placeholder) expect(dump.reviews.find((r) => r.reviewId === placeholder.feedId)!.text).toBe('');

      // Now the sold orders: the reviews whose orders appear find their buyer.
      const sold = await launched.context.newPage();
      await sold.goto(`${SOLD_URL}?pageSize=100`);
      await sold.waitForFunction(() => document.querySelectorAll('[data-laoke-badge]').length === 100, null, { timeout: 15_000 });
      dump = await readDb(launched);
      const orderKeys = new Map(dump.orders.map((o) => [o.orderId as string, o.customerKey as string]));
      for (const r of dump.reviews) expect(r.customerKey).toBe(orderKeys.get(r.orderId as string));
      expect(dump.reviews.filter((r) => r.customerKey).length).toBe(dump.reviews.filter((r) => orderKeys.has(r.orderId as string)).length);
      expect(dump.reviews.some((r) => r.customerKey)).toBe(true);

      // Back on the reviews: each badge now says whether the buyer is a returning one, as the database knows it.
      await page.reload();
      const byCustomer = new Map(dump.customers.map((c) => [c.key as string, c]));
      const want = Object.fromEntries(dump.reviews.map((r) => {
        const c = r.customerKey ? byCustomer.get(r.customerKey as string) : undefined;
        const repeat = c && c.identity !== 'weak' && (c.orderCount as number) >= 2;
        return [r.reviewId as string, repeat ? `已购${c.orderCount as number}次` : null];
      }));
      expect(Object.values(want).some((w) => w)).toBe(true);
      await expect.poll(async () => Object.fromEntries((await reviewBadges(page)).map((b) => [b.id, /老客 · (已购\d+次)/.exec(b.text)?.[1] ?? null])))
        .toEqual(want);
    } finally {
      await launched.close();
    }
  });

  it.each([
    ['a refused mtop answer (FAIL_SYS_USER_VALIDATE)', REVIEWS_URL, 'taobao.reviews',
      { reviewsReply: () => ({ body: JSON.stringify({ api: 'mtop.rm.sellercenter.list.data.pc', ret: ['FAIL_SYS_USER_VALIDATE::哎哟喂,被挤爆啦,请稍后重试'], data: {} }) }) }, /FAIL_SYS_USER_VALIDATE/],
    ['changed keys (千牛)', REVIEWS_URL, 'taobao.reviews',
      { reviewsReply: () => ({ body: JSON.stringify({ ret: ['SUCCESS::调用成功'], data: { result: { list: [] } } }) }) }, /dataSource missing/],
    ['changed keys (拼多多)', PDD_REVIEWS_URL, 'pdd.reviews',
      { pddReviewsReply: () => ({ body: JSON.stringify({ success: true, result: { rows: [] } }) }) }, /result\.data missing/],
  ])('%s: 页面未识别, nothing written', async (_what, url, pageKind, options, reason) => {
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop, ...options });
      const page = await launched.context.newPage();
      await page.goto(url);
      const health = page.locator('[data-laoke-health="unrecognized"]');
      await health.waitFor({ timeout: 15_000 });
      expect(await health.textContent()).toMatch(/页面未识别/);
      expect(await health.textContent()).toMatch(reason);
      await expect.poll(async () => (await readDb(launched)).health.find((h) => h.pageKind === pageKind)?.failCount).toBe(1);
      expect((await readDb(launched)).reviews).toEqual([]);
    } finally {
      await launched.close();
    }
  });
});

describe('拼多多 评价管理', () => {
  it('every review row gets one badge (the stars the buyer gave stand, the text reads the rest); reviews link to probable buyers', async () => {
    const listed = new Set(pddOrders(shop));
    const pddReviews = reviews.filter((r) => listed.has(r.order));
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop });
      const orders = await launched.context.newPage();
      await orders.goto(`${PDD_ORDERS_URL}?pageSize=100`);
      await orders.waitForFunction(() => document.querySelectorAll('[data-laoke-badge]').length === 100, null, { timeout: 15_000 });
      const page = await launched.context.newPage();
      await page.goto(`${PDD_REVIEWS_URL}?pageSize=${PAGE_SIZE}`);
      const want = pddReviews.slice(0, PAGE_SIZE);
      await page.waitForFunction((n) => document.querySelectorAll('[data-laoke-review-badge]').length === n, want.length, { timeout: 15_000 });
      const got = await page.$$eval('[data-laoke-review-badge]', (els) => els.map((el) => ({
        id: el.getAttribute('data-laoke-review-id'), sentiment: el.getAttribute('data-laoke-sentiment'), aspects: el.getAttribute('data-laoke-aspects'),
        sn: /订单编号：(\d{6}-\d{15})/.exec(el.closest('tr')?.nextElementSibling?.textContent ?? '')?.[1],
      })));
      expect(got.map((b) => b.id)).toEqual(want.map((r) => r.feedId));
      const truth = want.map((r) => expectedReading(r, 'pdd'));
      // 5 stars over a complaint: 隐藏差评 on the badge.
      expect(truth.some((x) => x.hidden)).toBe(true);
      expect(got.map((b) => b.sentiment)).toEqual(truth.map((x) => x.sentiment));
      expect(got.map((b) => b.aspects)).toEqual(truth.map((x) => x.complaints.join(',')));
      expect(got.map((b) => b.sn)).toEqual(want.map((r) => pddOrderSn(r.order)));
      const dump = await readDb(launched);
      const pdd = dump.reviews.filter((r) => r.platform === 'pdd');
      expect(pdd).toHaveLength(want.length);
      const keyOf = new Map(dump.orders.map((o) => [o.orderId as string, o.customerKey as string]));
      for (const r of pdd) expect(r.customerKey).toBe(keyOf.get(r.orderId as string));
      expect(pdd.some((r) => (r.customerKey as string | undefined)?.startsWith('pdd:probable:'))).toBe(true);
    } finally {
      await launched.close();
    }
  });
});
