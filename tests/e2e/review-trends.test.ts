// Issue 19 (complaint trends) as a seller lives it: 千牛 评价管理 shows a week in which one item drew six
// 破损 complaints against about one a week before; the analytics page (dashboard.html#/pulse) says so as an
// alert, and an item with a single complaint this week gets none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateShop, type ShopOrder } from '../shop/generate';
import { mtopReviewPage, type ShopReview } from '../shop/reviews';
import { installConsole, REVIEWS_URL } from '../console/routes';
import { launchWithExtension, type Launched } from './harness';

const DAY = 86_400_000;
const now = Date.now();
const shop = generateShop({ seed: 5, customers: 40, orders: 120, months: 3, end: now - 3_600_000 });
const [cup, bowl] = shop.items as [ShopOrder['lines'][number]['item'], ShopOrder['lines'][number]['item']];
let seq = 0;
/** A review of one item on its own order (the order's buyer, the item as its only line), written `daysAgo` days ago. */
function review(item: typeof cup, daysAgo: number, text: string, kind: ShopReview['kind'], complaints: ShopReview['complaints']): ShopReview {
  const base = shop.orders[seq % shop.orders.length]!;
  const order: ShopOrder = { ...base, orderId: String(BigInt(base.orderId) + 1_000_000n + BigInt(seq)), lines: [{ ...base.lines[0]!, item }] };
  return { feedId: String(1_300_000_000_000 + ++seq), order, line: 0, kind, text, complaints, date: now - daysAgo * DAY - 3_600_000 };
}
const reviews: ShopReview[] = [
  // This week (the last 7 days): six 破损 on the cup.
  ...[0, 1, 2, 3, 4, 5].map((d) => review(cup, d, '收到时盒子压坏了', 'neg', ['damage'])),
  // The four weeks before: one a week.
  ...[8, 15, 22, 29].map((d) => review(cup, d, '收到时盒子压坏了', 'neg', ['damage'])),
  // The bowl: one this week; and praise besides.
  review(bowl, 2, '收到时盒子压坏了', 'neg', ['damage']),
  ...[1, 3, 9, 16].map((d) => review(bowl, d, '很好用，质量不错，下次还来', 'pos', [])),
].sort((a, b) => b.date - a.date);

describe('complaint trends on the analytics page', () => {
  let launched: Launched;
  let dash: Page;
  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop, reviewsReply: (current, pageSize) => ({ body: JSON.stringify(mtopReviewPage(reviews, current, pageSize)) }) });
    const page = await launched.context.newPage();
    await page.goto(`${REVIEWS_URL}?pageSize=100`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-laoke-review-badge]').length === n, reviews.length, { timeout: 15_000 });
    // Laoke read every one of them as a 破损 complaint or as praise.
    expect(await page.$$eval('[data-laoke-review-badge]', (els) => els.filter((e) => e.getAttribute('data-laoke-aspects') === 'damage').length)).toBe(11);
    dash = await launched.context.newPage();
    await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/pulse`);
    await dash.waitForFunction(() => document.querySelector('[data-testid="pulse"]')?.getAttribute('aria-busy') === 'false', undefined, { timeout: 20_000 });
  });
  afterAll(async () => launched?.close());

  it('破损 on the cup: 6 this week against 1 a week before is an alert; the bowl\'s single complaint is not', async () => {
    const alerts = dash.locator('[data-testid="pulse-trend-alert"]');
    await alerts.first().waitFor();
    expect(await alerts.count()).toBe(1);
    expect(await alerts.first().getAttribute('data-item-id')).toBe(cup.itemId);
    expect(await alerts.first().getAttribute('data-aspect')).toBe('damage');
    expect(await alerts.first().textContent()).toBe(`预警：“${cup.title}”的破损吐槽本周 6 条，前 4 周平均每周 1 条`);
    // The table behind it: weekly counts, this week first.
    const row = dash.locator(`[data-testid="pulse-trend-table"] tr[data-row="${cup.itemId}|damage"]`);
    expect(await row.locator('td').allTextContents()).toEqual([cup.title, '破损', '6', '1', '1', '1', '1', '是']);
    const bowlRow = dash.locator(`[data-testid="pulse-trend-table"] tr[data-row="${bowl.itemId}|damage"]`);
    expect(await bowlRow.locator('td[data-col="alert"]').textContent()).toBe('');
  });

  it('the popup says it too, with a link to the analytics page', async () => {
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    const alert = popup.locator('[data-testid="popup-trend-alert"]');
    await alert.first().waitFor();
    expect(await alert.count()).toBe(1);
    expect(await alert.first().textContent()).toBe(`预警：“${cup.title}”的破损吐槽本周 6 条，前 4 周平均每周 1 条`);
    await popup.close();
  });
});
