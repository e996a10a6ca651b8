// The legacy Taobao sold list, alone and inside the 千牛 workbench iframe, with GBK answers.
import { describe, expect, it } from 'vitest';
import { expectedBadgeCounts, generateShop } from '../shop/generate';
import { installConsole, LEGACY_SOLD_URL, QN_FRAME_URL } from '../console/routes';
import { launchWithExtension, readDb } from './harness';
import { expectBadgeCounts } from './expect-badges';
import { fixture } from '../fixtures';

const shop = generateShop({ seed: 11, customers: 30, orders: 160, months: 2 });
const PAGE_SIZE = 20;
const pageOf = (n: number) => shop.orders.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);

describe('legacy sold list (list_sold_items.htm)', () => {
  it('inside the 千牛 iframe: GBK answers read, one badge per order with the right counts', async () => {
    const launched = await launchWithExtension();
    try {
      const log = await installConsole(launched.context, { shop });
      const page = await launched.context.newPage();
      await page.goto(QN_FRAME_URL);
      await page.waitForFunction(() => !!document.querySelector('iframe#qn-app-frame'));
      const frame = await (await page.$('iframe#qn-app-frame'))!.contentFrame();
      if (!frame) throw new Error('no 千牛 app frame');
      expect(frame.url().startsWith(LEGACY_SOLD_URL)).toBe(true);
      await frame.waitForSelector('.trade-order-main');
      const truth = expectedBadgeCounts(pageOf(1));
      const want = Object.fromEntries(pageOf(1).map((o) => [o.orderId, truth.get(o.orderId)!]));
      await expectBadgeCounts(frame, want);
      // The GBK body was decoded right: nicks and titles are stored as the seller reads them.
      const dump = await readDb(launched);
      const o = pageOf(1).find((x) => !x.customer.masked)!;
      expect(dump.orders.find((d) => d.orderId === o.orderId)).toMatchObject({ nick: o.customer.nick, source: 'json' });
      expect((dump.orders.find((d) => d.orderId === o.orderId)!.items as { title: string }[])[0]!.title).toBe(o.lines[0]!.item.title);
      expect(log.gbkAnswers).toBeGreaterThan(0);
      // Page 2 in the frame.
      await frame.click('.pager button[data-page="2"]');
      await frame.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '2');
      const truth2 = expectedBadgeCounts([...pageOf(1), ...pageOf(2)]);
      const want2 = Object.fromEntries(pageOf(2).map((x) => [x.orderId, truth2.get(x.orderId)!]));
      await expectBadgeCounts(frame, want2);
    } finally {
      await launched.close();
    }
  });
});

describe('legacy answers Laoke does not understand', () => {
  it.each([
    ['a GBK answer that names no charset (would be garbled)', { gbkCharsetNamed: false }, /not decodable/],
    ['changed keys', { soldReply: () => ({ body: fixture('taobao-sold-changed-keys.json') }) }, /mainOrders missing/],
  ])('%s: 页面未识别, nothing written', async (_what, options, reason) => {
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, { shop, ...options });
      const page = await launched.context.newPage();
      await page.goto(`${LEGACY_SOLD_URL}?pageSize=${PAGE_SIZE}`);
      const health = page.locator('[data-laoke-health="unrecognized"]');
      await health.waitFor({ timeout: 15_000 });
      expect(await health.textContent()).toMatch(/页面未识别/);
      expect(await health.textContent()).toMatch(reason);
      await expect.poll(async () => (await readDb(launched)).health.find((h) => h.pageKind === 'taobao.sold-legacy')?.failCount).toBe(1);
      expect((await readDb(launched)).orders).toEqual([]);
    } finally {
      await launched.close();
    }
  });
});
