// Issue 19 in the review queue: the seller corrects what a review complains about with one click (× on a
// wrong complaint, a list to add the one Laoke missed); the correction stands on the review's badge when
// the page is read again, and is kept for the shop's aspect model to learn from. A 中评 whose text praises
// is flagged for follow-up and can be listed alone.
import { describe, expect, it } from 'vitest';
import { installConsole, PDD_REVIEWS_URL } from '../console/routes';
import { generateShop, type ShopOrder } from '../shop/generate';
import { pddReviewPage, type ShopReview } from '../shop/reviews';
import { launchWithExtension, panelFrame, readDb, seenClick } from './harness';

const DAY = 86_400_000;
const now = Date.now();
const shop = generateShop({ seed: 8, customers: 20, orders: 60, months: 2, end: now - 3_600_000 });
let seq = 0;
function review(daysAgo: number, text: string, kind: ShopReview['kind'], complaints: ShopReview['complaints']): ShopReview {
  const base = shop.orders[seq % shop.orders.length]!;
  const order: ShopOrder = { ...base, orderId: String(BigInt(base.orderId) + 2_000_000n + BigInt(seq)) };
  return { feedId: String(1_400_000_000_000 + ++seq), order, line: 0, kind, text, complaints, date: now - daysAgo * DAY - 3_600_000 };
}
const crushed = review(1, '收到时盒子压坏了', 'neg', ['damage']);
const praisingMid = review(2, '很好用，很喜欢，推荐给朋友', 'neu', []);
const lukewarm = review(3, '收到了，还没用', 'neu', []);
const reviews = [crushed, praisingMid, lukewarm, review(4, '快递太慢了，等了一个星期', 'neg', ['logistics'])];

describe('correcting a review\'s complaints (拼多多 评价)', () => {
  it('× removes a wrong complaint, the list adds a missed one; the badge keeps the correction; a praising 中评 is flagged', async () => {
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop, pddReviewsReply: (pageNo, pageSize) => ({ body: JSON.stringify(pddReviewPage(reviews, pageNo, pageSize)) }) });
      const page = await launched.context.newPage();
      await page.goto(`${PDD_REVIEWS_URL}?pageSize=100`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-laoke-review-badge]').length === n, reviews.length, { timeout: 15_000 });
      const badge = (id: string) => page.locator(`[data-laoke-review-badge][data-laoke-review-id="${id}"]`);
      expect(await badge(crushed.feedId).getAttribute('data-laoke-aspects')).toBe('damage');

      await page.locator('[data-testid="panel-launcher"]').click();
      const queue = panelFrame(page).locator('[data-testid="review-queue"]');
      await queue.waitFor({ timeout: 15_000 });
      const item = (id: string) => panelFrame(page).locator(`[data-testid="review-item"][data-review-id="${id}"]`);

      // The 3-star review whose words praise says so; the lukewarm one does not.
      await item(praisingMid.feedId).locator('[data-testid="review-praising-mid"]').waitFor();
      expect(await item(lukewarm.feedId).locator('[data-testid="review-praising-mid"]').count()).toBe(0);
      await panelFrame(page).locator('[data-testid="review-filter-praising-mid"]').check();
      await expect.poll(async () => panelFrame(page).locator('[data-testid="review-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-review-id')))).toEqual([praisingMid.feedId]);
      await panelFrame(page).locator('[data-testid="review-filter-praising-mid"]').uncheck();

      // The box was fine, the colour was wrong: × on 破损, then add 货不对板.
      const it = item(crushed.feedId);
      await it.waitFor();
      expect(await it.getAttribute('data-aspects')).toBe('damage');
      await seenClick(it.locator('[data-testid="review-aspect-remove"][data-aspect="damage"]'));
      await expect.poll(async () => it.getAttribute('data-aspects')).toBe('');
      expect(await it.locator('[data-testid="review-complaints"]').getAttribute('data-corrected')).toBe('true');
      await seenClick(it.locator('[data-testid="review-aspect-add"]'));
      await seenClick(it.locator('[data-testid="review-aspect-add-option"][data-aspect="mismatch"]'));
      await expect.poll(async () => it.getAttribute('data-aspects')).toBe('mismatch');
      await it.locator('[data-testid="review-aspects-corrected"]').waitFor();
      const stored = (await readDb(launched)).reviews.find((r) => r.reviewId === crushed.feedId)!;
      expect(stored.aspectCorrection).toMatchObject({ complaints: ['mismatch'] });
      expect(stored.analysis).toMatchObject({ complaints: ['mismatch'], corrected: true });
      // The other reviews are as Laoke read them.
      expect((await readDb(launched)).reviews.find((r) => r.reviewId === reviews[3]!.feedId)!.analysis).toMatchObject({ complaints: ['logistics'] });

      // Two corrections in a row, the second before the queue has reloaded: the second builds on the first.
      const slow = item(reviews[3]!.feedId);
      await seenClick(slow.locator('[data-testid="review-aspect-add"]'));
      await seenClick(slow.locator('[data-testid="review-aspect-add-option"][data-aspect="damage"]'));
      await seenClick(slow.locator('[data-testid="review-aspect-remove"][data-aspect="logistics"]'));
      await expect.poll(async () => (await readDb(launched)).reviews.find((r) => r.reviewId === reviews[3]!.feedId)?.aspectCorrection).toMatchObject({ complaints: ['damage'] });
      await expect.poll(async () => slow.getAttribute('data-aspects')).toBe('damage');

      // The page read again: the badge says what the seller said.
      await page.reload();
      await page.waitForFunction((n) => document.querySelectorAll('[data-laoke-review-badge]').length === n, reviews.length, { timeout: 15_000 });
      await expect.poll(async () => badge(crushed.feedId).getAttribute('data-laoke-aspects')).toBe('mismatch');
    } finally {
      await launched.close();
    }
  });
});
