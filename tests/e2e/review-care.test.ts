// Review care on the console: the review queue in the side panel (most urgent first, with what each
// review complains about), reply drafts that use the shop's own wording and never repeat its replies,
// copying a draft, product knowledge in drafts, and the shop's own model learned from its rated reviews.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lintClaims } from '../../utils/crm/claims';
import { replySimilarity, TOO_SIMILAR } from '../../utils/crm/replies';
import { installConsole, PDD_ORDERS_URL, PDD_REVIEWS_URL, REVIEWS_URL } from '../console/routes';
import { generateShop } from '../shop/generate';
import { pddOrders } from '../shop/pdd';
import { expectedReading, shopReviews } from '../shop/reviews';
import { launchWithExtension, panelFrame, readDb, seenClick } from './harness';

interface QueueRow { id: string; urgency: number; sentiment: string; aspects: string; hidden: string; drafts: string[] }

async function queueRows(page: Page): Promise<QueueRow[]> {
  await panelFrame(page).locator('[data-testid="review-queue"]').waitFor({ timeout: 15_000 });
  return panelFrame(page).locator('[data-testid="review-item"]').evaluateAll((els) => els.map((el) => ({
    id: el.getAttribute('data-review-id')!, urgency: Number(el.getAttribute('data-urgency')), sentiment: el.getAttribute('data-sentiment')!,
    aspects: el.getAttribute('data-aspects')!, hidden: el.getAttribute('data-hidden')!,
    drafts: [...el.querySelectorAll('[data-testid="review-draft-text"]')].map((d) => d.textContent ?? ''),
  })));
}

describe('review care (评价)', () => {
  it('拼多多: the queue ranks what needs care, drafts answer each complaint in the shop\'s wording, a copied draft is never offered again', async () => {
    const shop = generateShop({ seed: 11, customers: 30, orders: 160, months: 2, end: Date.now() - 3_600_000 });
    const listed = new Set(pddOrders(shop));
    const reviews = shopReviews(shop).filter((r) => listed.has(r.order));
    const shopReplies = reviews.flatMap((r) => (r.reply ? [r.reply] : []));
    expect(shopReplies.length).toBeGreaterThan(2);
    const launched = await launchWithExtension();
    try {
      await launched.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://mms.pinduoduo.com' });
      await installConsole(launched.context, { shop });
      const orders = await launched.context.newPage();
      await orders.goto(`${PDD_ORDERS_URL}?pageSize=100`);
      await orders.waitForFunction(() => document.querySelectorAll('[data-laoke-badge]').length === 100, null, { timeout: 15_000 });
      await orders.close();

      const page = await launched.context.newPage();
      await page.goto(`${PDD_REVIEWS_URL}?pageSize=100`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-laoke-review-badge]').length === n, reviews.length, { timeout: 15_000 });

      // The queue: every review that needs care and nothing else, most urgent first.
      await page.locator('[data-testid="panel-launcher"]').click();
      const rows = await queueRows(page);
      const truth = new Map(reviews.map((r) => [r.feedId, expectedReading(r, 'pdd')]));
      // Pinduoduo reviews can be answered for 30 days (utils/sites REPLY_WINDOW_DAYS) from their latest
      // part (a 追评 opens its own); older ones are past care.
      const DAY = 86_400_000;
      const windowOpen = (r: { date: number; append?: { days: number } }) =>
        Date.now() <= Math.min(Date.now(), r.date + (r.append?.days ?? 0) * DAY) + 30 * DAY;
      const needCare = reviews.filter((r) => {
        const x = truth.get(r.feedId)!;
        return !r.reply && windowOpen(r) && (x.sentiment !== 'pos' || x.hidden || x.complaints.length > 0);
      });
      expect(reviews.some((r) => !windowOpen(r))).toBe(true);
      expect(Number(await panelFrame(page).locator('[data-testid="review-queue-count"]').getAttribute('data-count'))).toBe(needCare.length);
      expect(rows.length).toBe(Math.min(30, needCare.length));
      expect(rows.map((r) => r.urgency)).toEqual([...rows.map((r) => r.urgency)].sort((a, b) => b - a));
      for (const row of rows) {
        const x = truth.get(row.id)!;
        expect({ id: row.id, sentiment: row.sentiment, aspects: row.aspects, hidden: row.hidden === 'true' })
          .toEqual({ id: row.id, sentiment: x.sentiment, aspects: x.complaints.join(','), hidden: x.hidden });
      }
      // Complaints come before the merely neutral.
      const firstNeutral = rows.findIndex((r) => r.sentiment === 'neu' && r.hidden === 'false');
      if (firstNeutral >= 0) expect(rows.slice(firstNeutral).every((r) => r.sentiment !== 'neg')).toBe(true);

      // Drafts: several per review, each naming what went wrong, clean of
      // 好评返现/WeChat/absolute words, and never close to a reply the shop already wrote.
      const seen: string[] = [];
      for (const row of rows) {
        expect(row.drafts.length).toBeGreaterThanOrEqual(2);
        for (const d of row.drafts) {
          expect(lintClaims(d)).toEqual([]);
          for (const r of [...shopReplies, ...seen]) expect(replySimilarity(d, r)).toBeLessThan(TOO_SIMILAR);
          if (row.aspects.includes('logistics')) expect(d).toMatch(/物流|快递|送达|派送|配送|到货|发货|收货|包裹/);
          if (row.aspects.includes('damage')) expect(d).toMatch(/破损|压|损|包装|磕|裂|坏|碎|漏|瘪/);
        }
        seen.push(row.drafts[0]!);
      }
      // The page's replies call buyers 宝宝; page text never becomes the shop's voice (issue 14): only
      // drafts the seller copied teach it, and none has been copied yet.
      expect(rows.flatMap((r) => r.drafts).some((d) => d.includes('宝宝'))).toBe(false);

      // Copy the most urgent review's first draft: it is on the clipboard, remembered as the shop's
      // reply, and the review leaves the queue; no later draft comes close to it.
      const top = rows[0]!;
      const item = panelFrame(page).locator(`[data-testid="review-item"][data-review-id="${top.id}"]`);
      await seenClick(item.locator('[data-testid="review-draft-copy"]').first());
      await item.locator('[data-testid="review-copied"]').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(top.drafts[0]);
      await expect.poll(async () => (await readDb(launched)).replies.find((r) => r.reviewId === top.id && r.source === 'copied')?.text).toBe(top.drafts[0]);
      const dump = await readDb(launched);
      expect(dump.reviews.find((r) => r.reviewId === top.id)!.handledAt).toEqual(expect.any(Number));
      // The shop's replies seen on the page are kept, for the similarity check only.
      expect(dump.replies.filter((r) => r.source === 'seen').map((r) => r.text).sort()).toEqual([...shopReplies].sort());

      await panelFrame(page).locator('[data-testid="panel-tab-today"]').click();
      await panelFrame(page).locator('[data-testid="panel-tab-reviews"]').click();
      await expect.poll(async () => Number(await panelFrame(page).locator('[data-testid="review-queue-count"]').getAttribute('data-count'))).toBe(needCare.length - 1);
      const after = await queueRows(page);
      expect(after.some((r) => r.id === top.id)).toBe(false);
      for (const d of after.flatMap((r) => r.drafts)) expect(replySimilarity(d, top.drafts[0]!)).toBeLessThan(TOO_SIMILAR);
    } finally {
      await launched.close();
    }
  });

  it('千牛: a badge click opens that review; product knowledge goes into its drafts; the shop\'s model learns from its rated reviews', async () => {
    // Enough reviews of both kinds for the shop's own model (20 each).
    const shop = generateShop({ seed: 5, customers: 220, orders: 900, months: 4, end: Date.now() - 3_600_000 });
    const reviews = shopReviews(shop);
    const rated = { pos: reviews.filter((r) => r.kind === 'pos' || r.kind === 'hidden').length, neg: reviews.filter((r) => r.kind === 'neg').length };
    expect(rated.neg).toBeGreaterThanOrEqual(20);
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop });
      const page = await launched.context.newPage();
      const pages = Math.ceil(reviews.length / 100);
      for (let current = pages; current >= 1; current--) {
        await page.goto(`${REVIEWS_URL}?pageSize=100&current=${current}`);
        const n = Math.min(100, reviews.length - (current - 1) * 100);
        await page.waitForFunction((k) => document.querySelectorAll('[data-laoke-review-badge]').length === k, n, { timeout: 15_000 });
      }
      // The model is learned shortly after the pages arrive; the queue says what reads the reviews.
      // Texted reviews only teach (系统默认好评 has no text); 千牛's own reading (正面/负面) is the label.
      const want = { pos: reviews.filter((r) => (r.kind === 'pos' || r.kind === 'hidden') && r.text !== '系统默认好评').length, neg: rated.neg };
      await expect.poll(async () => (await readDb(launched)).meta.find((m) => m.key === 'sentimentModel')?.trainedOn, { timeout: 20_000 }).toEqual(want);
      const model = (await readDb(launched)).meta.find((m) => m.key === 'sentimentModel')!;
      expect(model.bytes).toBeGreaterThan(0);
      // The shop's aspect model learns from the same reviews (every one with text, 200 at least); the
      // two models together stay under 2 MB.
      const texted = reviews.filter((r) => r.text !== '系统默认好评' || r.append).length;
      expect(texted).toBeGreaterThanOrEqual(200);
      await expect.poll(async () => (await readDb(launched)).meta.find((m) => m.key === 'aspectModel')?.trainedOn, { timeout: 20_000 }).toBe(texted);
      const aspects = (await readDb(launched)).meta.find((m) => m.key === 'aspectModel')!;
      expect(aspects.bytes).toBe(9 * ((1 << 14) + 1) * 4);
      expect(model.bytes + aspects.bytes).toBeLessThan(2 * 1024 * 1024);

      // Click the badge of a plain good review on page 1: the panel opens on it, with drafts that thank.
      const good = reviews.slice(0, 100).find((r) => r.kind === 'pos' && r.text !== '系统默认好评' && !r.append)!;
      await page.locator(`[data-laoke-review-badge][data-laoke-review-id="${good.feedId}"]`).click();
      const item = panelFrame(page).locator(`[data-testid="review-item"][data-review-id="${good.feedId}"]`);
      await item.waitFor({ timeout: 15_000 });
      expect(await panelFrame(page).locator('[data-testid="review-model"]').getAttribute('data-by')).toBe('model');
      expect(await item.getAttribute('data-sentiment')).toBe('pos');
      const before = await item.locator('[data-testid="review-draft-text"]').allTextContents();
      expect(before.length).toBeGreaterThanOrEqual(2);
      expect(before.every((d) => /谢|感谢|多谢/.test(d))).toBe(true);

      // The seller writes what they know about the item; the good review's drafts pass it on.
      const tip = '第一泡洗茶，95度水冲泡更香';
      await item.locator('summary').click();
      await item.locator('[data-testid="review-knowledge-input"]').fill(tip);
      await seenClick(item.locator('[data-testid="review-knowledge-save"]'));
      await expect.poll(async () => (await item.locator('[data-testid="review-draft-text"]').allTextContents()).some((d) => d.includes('95度'))).toBe(true);
    } finally {
      await launched.close();
    }
  }, 120_000);
});
