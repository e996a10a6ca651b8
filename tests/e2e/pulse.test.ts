// Issue 6 as a seller lives it: orders captured from the 千牛 sold list, then the popup's pulse (today
// and the last 7 days, callback tasks) and the dashboard's analytics, each figure against the truth of
// the generated shop.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { proratedRefundFen } from '@/utils/crm/money';
import { installConsole, SOLD_URL } from '../console/routes';
import { generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { expectBadgeCounts } from './expect-badges';
import { expectedBadgeCounts } from '../shop/generate';
import { launchWithExtension, panelFrame, type Launched, seenClick } from './harness';

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;
const shop = generateShop({ seed: 43, customers: 80, orders: 200, months: 4, end: Date.now() - 3_600_000 });

const net = (o: ShopOrder) => o.paidFen - proratedRefundFen(o.paidFen, o.lines);
const valid = shop.orders.filter((o) => isValidShopOrder(o) && net(o) > 0);
/** Midnight in China of the day `days` before today. */
const dayStart = (now: number, daysBack: number) => Math.floor((now + SHANGHAI) / DAY) * DAY - SHANGHAI - daysBack * DAY;
/** A masked buyer has no known identity: each of their orders is its own (new) buyer. */
const buyerOf = (o: ShopOrder) => (o.customer.masked ? `masked:${o.orderId}` : `c${o.customer.index}`);
const firstPurchase = new Map<string, number>();
for (const o of valid) if (!o.customer.masked) firstPurchase.set(buyerOf(o), Math.min(firstPurchase.get(buyerOf(o)) ?? Infinity, o.createdAt));

/** The figures a seller would count by hand for [from, to). */
function truth(from: number, to: number) {
  const inRange = valid.filter((o) => o.createdAt >= from && o.createdAt < to);
  const buyers = new Map<string, ShopOrder[]>();
  for (const o of inRange) buyers.set(buyerOf(o), [...(buyers.get(buyerOf(o)) ?? []), o]);
  const returning = [...buyers.keys()].filter((b) => (firstPurchase.get(b) ?? Infinity) < from);
  const sales = (os: ShopOrder[]) => os.reduce((n, o) => n + net(o), 0);
  const returningOrders = returning.flatMap((b) => buyers.get(b)!);
  return {
    orders: inRange.length, buyers: buyers.size, returning: returning.length, salesFen: sales(inRange),
    newBuyers: buyers.size - returning.length, newOrders: inRange.length - returningOrders.length,
    returningOrders: returningOrders.length, returningFen: sales(returningOrders),
    inRange,
  };
}
const percent = (x: number, n: number) => (n === 0 ? '—' : `${(Math.round((x / n) * 1000) / 10).toFixed(1)}%`);

describe('shop pulse', () => {
  let launched: Launched;
  let sold: Page;

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
    await sold.goto(`${SOLD_URL}?pageSize=100`);
    await expectBadgeCounts(sold, Object.fromEntries([...expectedBadgeCounts(shop.orders.slice(0, 100))]));
    await sold.click('.next-pagination-list button[data-page="2"]:not(.next-next)');
    await expectBadgeCounts(sold, Object.fromEntries([...expectedBadgeCounts(shop.orders)].filter(([id]) => shop.orders.slice(100).some((o) => o.orderId === id))));
  });
  afterAll(async () => launched?.close());

  it('the popup: orders, buyers and the returning share of today and the last 7 days', async () => {
    const now = Date.now();
    const week = truth(dayStart(now, 6), dayStart(now, -1));
    const today = truth(dayStart(now, 0), dayStart(now, -1));
    expect(week.orders).toBeGreaterThan(3);
    expect(week.returning).toBeGreaterThan(0);
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    const text = (id: string) => popup.locator(`[data-testid="${id}"]`).textContent();
    await popup.locator('[data-testid="stat-orders-7d"]').waitFor();
    expect(await text('stat-orders-7d')).toBe(String(week.orders));
    expect(await text('stat-buyers-7d')).toBe(String(week.buyers));
    expect(await text('stat-returning-share-7d')).toBe(percent(week.returning, week.buyers));
    expect(await text('stat-orders-today')).toBe(String(today.orders));
    expect(await text('stat-buyers-today')).toBe(String(today.buyers));
    // The whole shop's figures follow, as before.
    await popup.locator('[data-testid="stat-customers"]').waitFor();

    // Callback tasks: one done leaves the list.
    await expect.poll(async () => Number(await text('stat-tasks-due')), { timeout: 10_000 }).toBeGreaterThan(0);
    const before = Number(await text('stat-tasks-due'));
    const first = popup.locator('[data-testid="task-item"]').first();
    const id = await first.getAttribute('data-task-id');
    await seenClick(first.locator('[data-testid="task-done"]'));
    await expect.poll(async () => Number(await text('stat-tasks-due'))).toBe(before - 1);
    expect(await popup.locator(`[data-testid="task-item"][data-task-id="${id}"]`).count()).toBe(0);
    await popup.close();
  });

  it('the dashboard: new vs returning in two ranges, regions, hours, items and cohorts against the truth', async () => {
    const now = Date.now();
    const a = truth(dayStart(now, 29), dayStart(now, -1));
    const b = truth(dayStart(now, 59), dayStart(now, 29));
    const dash = await launched.context.newPage();
    await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/pulse`);
    await dash.waitForFunction(() => document.querySelector('[data-testid="pulse"]')?.getAttribute('aria-busy') === 'false', null, { timeout: 20_000 });
    const cell = (table: string, row: string, col: string) => dash.locator(`[data-testid="${table}"] tr[data-row="${row}"] td[data-col="${col}"]`).textContent();
    for (const [table, x] of [['pulse-nvr-a', a], ['pulse-nvr-b', b]] as const) {
      expect(await cell(table, 'new', 'buyers')).toBe(String(x.newBuyers));
      expect(await cell(table, 'returning', 'buyers')).toBe(String(x.returning));
      expect(await cell(table, 'returning', 'orders')).toBe(String(x.returningOrders));
      expect(await cell(table, 'total', 'orders')).toBe(String(x.orders));
      expect(await cell(table, 'returning', 'share')).toBe(percent(x.returningFen, x.salesFen));
    }
    // Regions: 千牛's sold list shows no address, so every order of the range is under 未知地区 (the
    // Pinduoduo list does show one; the unit tests cover the breakdown).
    expect(await cell('pulse-provinces', '', 'orders')).toBe(String(a.orders));
    expect(await cell('pulse-provinces', '', 'name')).toBe('未知地区');
    // Hours: every order in the range is in one cell of the heatmap.
    const heat = await dash.locator('[data-testid="pulse-heatmap"] td').evaluateAll((tds) => tds.reduce((n, td) => n + Number(td.getAttribute('title') ?? 0), 0));
    expect(heat).toBe(a.orders);
    // Items and cohorts are there, with CSVs.
    expect(await dash.locator('[data-testid="pulse-item-table"] tbody tr').count()).toBeGreaterThan(0);
    expect(await dash.locator('[data-testid="pulse-cohort-table"] tbody tr').count()).toBeGreaterThan(3);
    const [download] = await Promise.all([dash.waitForEvent('download'), dash.locator('[data-testid="pulse-nvr-a-csv"]').click()]);
    expect(download.suggestedFilename()).toBe('laoke-new-vs-returning-a.csv');

    // A planned event: every returning or multi-item buyer gets a callback task.
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    const due = () => popup.locator('[data-testid="stat-tasks-due"]').textContent().then(Number);
    await expect.poll(due).toBeGreaterThan(0);
    const before = await due();
    // Greeted: buyers known by identity with 2+ valid purchases, or a valid purchase of 2+ pieces (SELLERS.md).
    const pieces = (o: ShopOrder) => o.lines.filter((l) => !l.refunded).reduce((n, l) => n + l.quantity, 0);
    const greeted = new Set(valid.filter((o) => !o.customer.masked).map(buyerOf)
      .filter((k) => { const mine = valid.filter((o) => buyerOf(o) === k); return mine.length >= 2 || mine.some((o) => pieces(o) >= 2); })).size;
    const tomorrow = new Date(dayStart(now, -1) + SHANGHAI).toISOString().slice(0, 10);
    await dash.locator('[data-testid="event-name"]').fill('双十二');
    await dash.locator('[data-testid="event-date"]').fill(tomorrow);
    await dash.locator('[data-testid="event-add"]').click();
    await dash.locator('[data-testid="event-item"]').waitFor();
    await popup.reload();
    await expect.poll(due).toBe(before + greeted);
    await popup.close();
    await dash.close();
  });

  it('the panel: callback tasks exported as an audience (order numbers), recorded as a campaign', async () => {
    await sold.bringToFront();
    await sold.locator('[data-testid=\"panel-launcher\"]').click();
    await panelFrame(sold).locator('[data-testid="panel-tab-today"]').click();
    await panelFrame(sold).locator('[data-testid="task-export"]').waitFor();
    const [file] = await Promise.all([sold.waitForEvent('download'), seenClick(panelFrame(sold).locator('[data-testid="task-export"]'))]);
    const lines = (await readFile((await file.path())!, 'utf8')).trim().split(/\r?\n/).filter(Boolean);
    // One order number per customer with an open task, each a real order of the shop.
    expect(lines.length).toBeGreaterThan(1);
    expect(new Set(lines).size).toBe(lines.length);
    const ids = new Set(shop.orders.map((o) => o.orderId));
    expect(lines.every((l) => ids.has(l))).toBe(true);
    expect(await panelFrame(sold).locator('[data-testid="task-exported"]').textContent()).toContain(`已导出 ${lines.length} 位客户`);
    // Exporting them is doing them: the tasks are done, and the export is a campaign.
    await panelFrame(sold).locator('[data-testid="panel-tab-audiences"]').click();
    await panelFrame(sold).locator('[data-testid="panel-tab-today"]').click();
    await panelFrame(sold).locator('[data-testid="tasks-empty"]').waitFor();
    const campaigns = await launched.context.newPage();
    await campaigns.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/campaigns`);
    await expect.poll(() => campaigns.getByText('回访：待回访').count()).toBeGreaterThan(0);
    await campaigns.close();
  });
});
