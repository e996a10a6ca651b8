// npm run demo: the built extension on local replays of the seller consoles (千牛 已卖出的宝贝 new and
// legacy, 千牛 评价管理, 拼多多 订单查询 and 评价管理, 抖店 订单管理/售后工作台/评价管理, 京东 订单管理), filled from the generated shop (2,000 customers, 6,000 orders over 18 months). No network:
// pages are served at their real URLs by request routing.
//   npm run demo                                a browser window with every console page (needs a display)
//   npm run demo -- --screenshot out.png        headless; page through like a seller, then save page 1
//   npm run demo -- --screenshot out.png --pdd  the same on the Pinduoduo order list
//   npm run demo -- --screenshot out.png --douyin  the same on the 抖店 order list (--jd: the JD order list)
//   npm run demo -- --screenshot out.png --panel      then click a repeat buyer's badge: the side panel's card
//   npm run demo -- --screenshot out.png --dashboard  then the audience builder (dashboard.html#/audiences)
//   npm run demo -- --screenshot out.png --campaigns  then export an audience and show its campaign results
//   npm run demo -- --screenshot out.png --privacy    then the dashboard's 隐私与数据 page
//   npm run demo -- --screenshot out.png --sync       then the dashboard's 团队同步 page (sync off: the form)
//   npm run demo -- --screenshot out.png --reviews    then the Pinduoduo review list with the panel's review queue
//   npm run demo -- --screenshot out.png --pulse      then the shop analytics (dashboard.html#/pulse)
//   npm run demo -- --screenshot out.png --popup      then the toolbar popup (as a page)
//   npm run demo -- --screenshot out.png --links      then the card's 其他平台: the buyer linked to their 拼多多 record (关联)
//   npm run demo -- --screenshot out.png --members    reviews read and the preset tier ladder saved first: tiers and risk chips on the rows

import type { Page } from 'playwright-core';
import { generateShop } from '../shop/generate';
import { pddOrders, pddOrderSn } from '../shop/pdd';
import {
  DOUYIN_AFTERSALE_URL, DOUYIN_ORDERS_URL, DOUYIN_REVIEWS_URL, installConsole, JD_ORDERS_URL, PDD_ORDERS_URL, PDD_REVIEWS_URL, QN_FRAME_URL, REVIEWS_URL,
  SOLD_URL,
} from '../console/routes';
import { launchWithExtension, panelFrame, seenClick } from '../e2e/harness';

const args = process.argv.slice(2);
const shotAt = args.indexOf('--screenshot');
const pdd = args.includes('--pdd');
const douyin = args.includes('--douyin');
const jd = args.includes('--jd');
/** The order list the screenshot pages through. */
const ordersUrl = pdd ? PDD_ORDERS_URL : douyin ? DOUYIN_ORDERS_URL : jd ? JD_ORDERS_URL : SOLD_URL;
const panel = args.includes('--panel');
const dashboard = args.includes('--dashboard');
const campaigns = args.includes('--campaigns');
const privacy = args.includes('--privacy');
const syncPage = args.includes('--sync');
const reviewQueue = args.includes('--reviews');
const pulse = args.includes('--pulse');
const popup = args.includes('--popup');
const members = args.includes('--members');
const linksDemo = args.includes('--links');
const screenshot = shotAt >= 0 ? (args[shotAt + 1] ?? 'laoke-demo.png') : !process.env.DISPLAY ? 'laoke-demo.png' : undefined;

// The shop ends an hour ago, so that today's list and the review queue (30-day reply window) have something to show.
const shop = generateShop({ end: Date.now() - 3_600_000 });
const launched = await launchWithExtension({ headless: !!screenshot });
await installConsole(launched.context, { shop });
const page = launched.context.pages()[0] ?? (await launched.context.newPage());

const goTo = async (p: Page, n: number) => {
  await p.evaluate((k) => (window as unknown as { __demoGoToPage(k: number): void }).__demoGoToPage(k), n);
  await p.waitForFunction((k) => document.documentElement.getAttribute('data-demo-page') === String(k), n);
};

/**
 * 关联: the Pinduoduo list read in another tab, then, on the open card, the buyer's Pinduoduo record found
 * by one of its order numbers and linked with the seller's click.
 */
async function linkToPdd(p: Page): Promise<void> {
  const card = panelFrame(p).locator('[data-testid="customer-card"]');
  // A buyer of the rows shown (with a Taobao buyer id) who has an order on the Pinduoduo list too.
  const shown = new Set(await p.locator('[data-laoke-badge]').evaluateAll((els) => els.map((e) => e.getAttribute('data-laoke-order-id'))));
  const mine = shop.orders.filter((o) => shown.has(o.orderId) && o.customer.buyerId && !o.customer.masked)
    .find((o) => pddOrders(shop).some((x) => x.customer.index === o.customer.index));
  if (!mine) return;
  const theirs = pddOrders(shop).find((o) => o.customer.index === mine.customer.index)!;
  await p.locator(`[data-laoke-badge][data-laoke-order-id="${mine.orderId}"]`).first().click();
  await card.waitFor();
  const tab = await launched.context.newPage();
  await tab.goto(`${PDD_ORDERS_URL}?pageSize=100`);
  await tab.waitForSelector('[data-laoke-badge]');
  for (let n = 2; n <= Math.ceil(pddOrders(shop).length / 100); n++) await goTo(tab, n);
  await tab.close();
  await card.locator('[data-testid="card-link-open"]').click();
  await card.locator('[data-testid="card-link-query"]').fill(pddOrderSn(theirs));
  await card.locator('[data-testid="card-link-search"]').click();
  const link = card.locator('[data-testid="card-link-candidate"] [data-testid="card-link"]').first();
  await link.waitFor();
  await seenClick(link);
  await card.locator('[data-testid="card-linked-record"]').waitFor();
  await card.locator('[data-testid="card-platforms"]').scrollIntoViewIfNeeded();
}

if (screenshot && members) {
  // The seller has read the reviews (bad reviewers get their chip) and saved the preset tier ladder.
  await page.goto(`${REVIEWS_URL}?pageSize=100`);
  await page.waitForSelector('[data-laoke-review-badge]');
  await page.waitForTimeout(1500);
  const dash = await launched.context.newPage();
  await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/members`);
  const save = dash.locator('[data-testid="tiers-save"]');
  await save.waitFor();
  await dash.waitForTimeout(300);
  await save.click();
  await dash.locator('[data-testid="tiers-saved"]').waitFor();
  await dash.close();
}

if (screenshot) {
  // A seller's morning: page through the recent orders, then come back to page 1.
  // The dashboard needs the whole history (dormant buyers are months old): 100 orders a page, every page.
  const size = dashboard || campaigns || pulse || popup ? 100 : 20;
  await page.goto(`${ordersUrl}?pageSize=${size}`);
  await page.waitForSelector('[data-laoke-badge]');
  for (let p = 2; p <= (size === 100 ? Math.ceil(shop.orders.length / 100) : 25); p++) await goTo(page, p);
  if (size === 100) await page.goto(`${ordersUrl}?pageSize=20`);
  await goTo(page, 1);
  await page.waitForFunction(() => document.querySelectorAll('[data-laoke-badge]').length === 20);
  await page.waitForTimeout(300);
  const repeat = page.locator('[data-laoke-badge][data-laoke-orders="3"], [data-laoke-badge][data-laoke-orders="4"]').first();
  if (await repeat.count()) {
    await repeat.scrollIntoViewIfNeeded();
    await repeat.hover();
    if (panel || linksDemo) {
      await repeat.click();
      await panelFrame(page).locator('[data-testid="customer-card"]').waitFor();
      await page.mouse.move(0, 0);
    }
    if (linksDemo) await linkToPdd(page);
  }
  let shot = page;
  if (reviewQueue) {
    // The seller opens 评价管理: the reviews are read, the shop's model learns, the queue ranks them.
    shot = await launched.context.newPage();
    await shot.setViewportSize({ width: 1400, height: 1000 });
    await shot.goto(`${PDD_REVIEWS_URL}?pageSize=100`);
    await shot.waitForSelector('[data-laoke-review-badge]');
    await shot.waitForTimeout(2500);
    await shot.locator('[data-testid="panel-launcher"]').click();
    await panelFrame(shot).locator('[data-testid="review-item"]').first().waitFor();
  }
  if (pulse || popup) {
    shot = await launched.context.newPage();
    await shot.setViewportSize(pulse ? { width: 1400, height: 2400 } : { width: 420, height: 760 });
    if (pulse) {
      await shot.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/pulse`);
      await shot.waitForFunction(() => document.querySelector('[data-testid="pulse"]')?.getAttribute('aria-busy') === 'false');
    } else {
      await shot.goto(`chrome-extension://${launched.extensionId}/popup.html`);
      await shot.locator('[data-testid="stat-customers"]').waitFor();
      await shot.waitForTimeout(1500);
    }
  }
  if (dashboard || campaigns) {
    shot = await launched.context.newPage();
    await shot.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/audiences`);
    await shot.locator('[data-testid="audience-preset"]').selectOption('potential');
    await shot.locator('[data-testid="sms-signature"]').fill('小美家');
    await shot.locator('[data-testid="sms-body"]').fill('{昵称}您好，您上次买的{商品}快用完了吧？老客本周下单享九折，好评返现5元');
    await shot.waitForFunction(() => document.querySelector('[data-testid="audience-count"]')?.getAttribute('aria-busy') === 'false');
    if (campaigns) {
      await shot.locator('[data-testid="sms-body"]').fill('{昵称}您好，您上次买的{商品}快用完了吧？老客本周下单享九折');
      await shot.locator('[data-testid="holdout-share"]').selectOption('0.1');
      await shot.locator('[data-testid="export-orders"]').click();
      await shot.locator('[data-testid="campaign-recorded"]').waitFor();
      await shot.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/campaigns`);
      await shot.locator('[data-testid="campaign-chart"]').waitFor();
    }
    await shot.setViewportSize({ width: 1400, height: 1100 });
  }
  if (privacy) {
    shot = await launched.context.newPage();
    await shot.setViewportSize({ width: 1400, height: 900 });
    await shot.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/privacy`);
    await shot.locator('[data-testid="storage-usage"]').waitFor();
  }
  if (syncPage) {
    shot = await launched.context.newPage();
    await shot.setViewportSize({ width: 1400, height: 900 });
    await shot.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/sync`);
    await shot.locator('[data-testid="sync-url"]').waitFor();
  }
  await shot.screenshot({ path: screenshot, fullPage: dashboard || members });
  console.log(`saved ${screenshot}`);
  await launched.close();
} else {
  await page.goto(`${SOLD_URL}?pageSize=20`);
  for (const url of [
    REVIEWS_URL, `${PDD_ORDERS_URL}?pageSize=20`, PDD_REVIEWS_URL, QN_FRAME_URL,
    `${DOUYIN_ORDERS_URL}?pageSize=20`, DOUYIN_AFTERSALE_URL, DOUYIN_REVIEWS_URL, `${JD_ORDERS_URL}?pageSize=20`,
  ]) {
    await (await launched.context.newPage()).goto(url);
  }
  await page.bringToFront();
  console.log('Demo consoles open: 千牛 sold, 千牛 reviews, 拼多多 orders, 拼多多 reviews, legacy list in the 千牛 frame, 抖店 orders, after-sales and reviews, 京东 orders.');
  console.log('Close the browser window to end.');
  await new Promise<void>((done) => launched.context.on('close', () => done()));
}
