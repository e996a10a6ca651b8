// A Pinduoduo buyer with a refund under way (after_sales_status 4, 商家同意退款，退款中), end to end: the
// seller reads the order list, the buyer's record says so, the audiences that leave out refunds under
// way (the side panel's presets, the dashboard with 排除售后 ticked) and today's callback tasks leave
// them out, while the same audiences without that suppression keep them. The control is the same shop
// read with the order not under way (0 first, then 11 买家撤销 once the buyer withdraws the request),
// and another due buyer whose after-sales closed without a refund (9) throughout.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { pddAmountFen, pddOrders, pddOrderSn, probableKeyOf, recentOrderListPage } from '../shop/pdd';
import { installConsole, PDD_ORDERS_URL, type ConsoleLog } from '../console/routes';
import { launchWithExtension, panelFrame, readStore, seenClick, type Launched } from './harness';
import { expectBadgeCounts } from './expect-badges';

const DAY = 86_400_000;
const PAGE_SIZE = 100;
// Three months of a small shop ending an hour ago, the list two pages long. Seed chosen so that whatever
// the hour the test runs, several buyers are on their 3rd or 4th purchase this week and the two of them
// who spent most are among the shop's top 4 spenders: today's list is sorted by spend and the panel
// shows 50, so their tasks are on it even on a holiday's eve (a greeting for every returning buyer).
const shop = generateShop({ seed: 90, customers: 40, orders: 130, months: 3, end: Date.now() - 3_600_000 });
const listed = pddOrders(shop);
const pageOf = (n: number) => listed.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
const PAGES = Math.ceil(listed.length / PAGE_SIZE);

/** The customer key Laoke gives a buyer it knows by masked nick, receiver and district (utils/crm/identity.ts). */
const keyOf = (o: ShopOrder) => `pdd:probable:${probableKeyOf(o)}`;
/** The Asia/Shanghai calendar day of an instant, as a day number. */
const chinaDay = (ms: number) => Math.floor((ms + 8 * 3_600_000) / DAY);

/** Valid purchases per probable buyer, oldest first (the truth the audiences and tasks follow). */
function purchasesByBuyer(): Map<string, ShopOrder[]> {
  const per = new Map<string, ShopOrder[]>();
  for (const o of listed.filter(isValidShopOrder)) per.set(keyOf(o), [...(per.get(keyOf(o)) ?? []), o]);
  for (const l of per.values()) l.sort((a, b) => a.createdAt - b.createdAt || pddOrderSn(a).localeCompare(pddOrderSn(b)));
  return per;
}

interface Truth {
  /** 老客复购 (2 or more valid purchases). */
  returning: Set<string>;
  /** 忠实客户 (3 or more). */
  loyal: Set<string>;
  /** Due a thank-you callback today: the 3rd or 4th purchase, on its China day or the 7 after (shared/SELLERS.md). */
  loyalTask: Set<string>;
  latest: Map<string, ShopOrder>;
  /** What each buyer paid for valid purchases, fen. */
  spent: Map<string, number>;
}

function truth(now: number): Truth {
  const per = purchasesByBuyer();
  const keys = (f: (l: ShopOrder[]) => boolean) => new Set([...per].filter(([, l]) => f(l)).map(([k]) => k));
  return {
    returning: keys((l) => l.length >= 2),
    loyal: keys((l) => l.length >= 3),
    loyalTask: keys((l) => (l.length === 3 || l.length === 4) && chinaDay(now) <= chinaDay(l.at(-1)!.createdAt) + 7),
    latest: new Map([...per].map(([k, l]) => [k, l.at(-1)!])),
    spent: new Map([...per].map(([k, l]) => [k, l.reduce((s, o) => s + pddAmountFen(o), 0)])),
  };
}

/** Badge counts per order row having seen `seen` (valid purchases of the row's probable buyer). */
function expectedBadges(rows: ShopOrder[], seen: ShopOrder[]): Record<string, number> {
  const per = new Map<string, number>();
  for (const o of seen) if (isValidShopOrder(o)) per.set(keyOf(o), (per.get(keyOf(o)) ?? 0) + 1);
  return Object.fromEntries(rows.map((o) => [pddOrderSn(o), per.get(keyOf(o)) ?? 0]));
}

interface StoredCustomer { key: string; platform: string; orderCount: number; refundOpen: boolean }

async function countShows(page: Page, n: number) {
  await page.waitForFunction((want) => {
    const el = document.querySelector('[data-testid="audience-count"]');
    return el?.getAttribute('aria-busy') === 'false' && el.textContent === String(want);
  }, n, { timeout: 10_000 });
}

describe('拼多多 售后中: a buyer with a refund under way is left out of audiences and callbacks', () => {
  let launched: Launched;
  let log: ConsoleLog;
  let page: Page;
  /** after_sales_status by order_sn, as the console answers it now (0 for every other row, 10 for refunded ones). */
  const afterSales = new Map<string, number>();
  const now = Date.now();
  const t = truth(now);
  // B, the buyer whose refund comes under way, and C, another buyer due the same callback: the two who
  // spent most of those on their 3rd or 4th purchase this week, so in 老客复购, 忠实客户 and today's list.
  const [bKey, cKey] = [...t.loyalTask].sort((x, y) => t.spent.get(y)! - t.spent.get(x)! || x.localeCompare(y));
  /** Today's list in the control reading (nothing under way for B). */
  let control: { ids: string[]; total: number } = { ids: [], total: NaN };
  const bOrder = t.latest.get(bKey!)!;
  const cOrder = t.latest.get(cKey!)!;
  const bSn = pddOrderSn(bOrder);
  const cSn = pddOrderSn(cOrder);

  /** The seller opens the order list's first page again (a reload: the page fetches recentOrderList anew). */
  async function rereadFirstPage(): Promise<void> {
    const before = log.pddRequests.length;
    await page.goto(`${PDD_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await expectBadgeCounts(page, expectedBadges(pageOf(1), listed));
    expect(log.pddRequests.slice(before)).toEqual([{ pageNumber: 1, pageSize: PAGE_SIZE }]);
  }

  async function refundOpenOf(key: string): Promise<boolean | undefined> {
    return (await readStore<StoredCustomer>(launched, 'customers')).find((c) => c.key === key)?.refundOpen;
  }

  /** B's card in the side panel (a click on the badge of B's latest order), then the tab asked for. */
  async function openPanelOnB(): Promise<string> {
    await page.locator(`[data-laoke-badge][data-laoke-order-id="${bSn}"]`).click();
    const card = panelFrame(page).locator('[data-testid="customer-card"]');
    await card.waitFor();
    return (await card.textContent()) ?? '';
  }

  /** Today's list in the side panel: every task's id, and the count of thank-you callbacks. */
  async function todaysTasks(): Promise<{ ids: string[]; loyal: number; total: number }> {
    const frame = panelFrame(page);
    await frame.locator('[data-testid="panel-tab-today"]').click();
    const today = frame.locator('[data-testid="panel-today"]');
    await today.locator('[data-testid="task-list"], [data-testid="tasks-empty"]').first().waitFor();
    const ids = await today.locator('[data-testid="task-item"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-task-id') ?? ''));
    const counter = today.locator('[data-testid="task-count-loyal_purchase"]');
    const loyal = (await counter.count()) ? Number(await counter.textContent()) : 0;
    const heading = (await today.locator('h3').first().textContent()) ?? '';
    const total = Number(/(\d+)\s*$/.exec(heading)?.[1] ?? NaN);
    // The panel lists the 50 most valuable.
    expect(ids).toHaveLength(Math.min(total, 50));
    return { ids, loyal, total };
  }

  const tasksOf = (ids: string[], key: string) => ids.filter((id) => id.split(':').slice(1, -1).join(':') === key);

  /** The side panel's preset counts (the panel leaves out refunds under way and recent contacts). */
  async function panelCounts(): Promise<{ returning: number; loyal: number }> {
    const frame = panelFrame(page);
    await frame.locator('[data-testid="panel-tab-audiences"]').click();
    const count = (p: string) => frame.locator(`[data-testid="panel-count-${p}"]`);
    await count('returning').waitFor();
    return { returning: Number(await count('returning').textContent()), loyal: Number(await count('loyal').textContent()) };
  }

  /** The dashboard's audience builder on 老客复购: its count with 排除售后 off, then on. */
  async function dashboardCounts(want: { off: number; on: number; removed: number }): Promise<void> {
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

  beforeAll(async () => {
    launched = await launchWithExtension();
    log = await installConsole(launched.context, {
      shop,
      pddReply: (pageNumber, pageSize) => {
        const body = recentOrderListPage(shop, pageNumber, pageSize) as { result: { pageItems: Record<string, unknown>[] } };
        for (const row of body.result.pageItems) {
          const code = afterSales.get(row.order_sn as string);
          if (code !== undefined) row.after_sales_status = code;
        }
        return { contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) };
      },
    });
    page = await launched.context.newPage();
  });
  afterAll(async () => launched?.close());

  it('the shop holds two buyers due a thank-you callback, their latest orders on page 1, and refunds done (10) elsewhere', () => {
    expect(PAGES).toBe(2);
    expect(t.loyalTask.size).toBeGreaterThanOrEqual(2);
    expect(bKey).not.toBe(cKey);
    for (const k of [bKey!, cKey!]) {
      expect(t.returning.has(k)).toBe(true);
      expect(t.loyal.has(k)).toBe(true);
    }
    expect(pageOf(1)).toContain(bOrder);
    expect(pageOf(1)).toContain(cOrder);
    // The shop's own refunded orders carry after_sales_status 10 (退款成功): a refund done, not under way.
    expect(listed.filter((o) => o.tradeStatus === 'TRADE_CLOSED').length).toBeGreaterThan(0);
  });

  it('control: with no refund under way, B is in the audiences and on today\'s list', async () => {
    await page.goto(`${PDD_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await expectBadgeCounts(page, expectedBadges(pageOf(1), pageOf(1)));
    await page.click('[data-testid="beast-core-pagination-next"]');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '2');
    await expectBadgeCounts(page, expectedBadges(pageOf(2), listed));
    await expect.poll(async () => (await readStore<StoredCustomer>(launched, 'customers')).filter((c) => c.platform === 'pdd' && c.orderCount > 0).length)
      .toBe(new Set(listed.filter(isValidShopOrder).map(keyOf)).size);
    // Every row was read, the refunds done (10) among them: nobody's refund is under way.
    const customers = await readStore<StoredCustomer>(launched, 'customers');
    expect(customers.filter((c) => c.refundOpen)).toEqual([]);
    expect(customers.find((c) => c.key === bKey)).toMatchObject({ orderCount: purchasesByBuyer().get(bKey!)!.length, refundOpen: false });

    await page.click('li[data-page="1"]');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-demo-page') === '1');
    expect(await openPanelOnB()).not.toContain('有售后进行中');
    const tasks = await todaysTasks();
    expect(tasks.loyal).toBe(t.loyalTask.size);
    expect(tasksOf(tasks.ids, bKey!)).toContain(`loyal_purchase:${bKey}:${bSn}`);
    expect(tasksOf(tasks.ids, cKey!)).toContain(`loyal_purchase:${cKey}:${cSn}`);
    control = tasks;
    expect(await panelCounts()).toEqual({ returning: t.returning.size, loyal: t.loyal.size });
    await dashboardCounts({ off: t.returning.size, on: t.returning.size, removed: 0 });
  });

  it('B\'s refund comes under way (4): the record says so, the suppressed audiences and today\'s list leave B out, the rest stays', async () => {
    afterSales.set(bSn, 4);
    // C asked too and the platform refused (9 平台拒绝退款，退款关闭): nothing is under way for C.
    afterSales.set(cSn, 9);
    await rereadFirstPage();
    await expect.poll(() => refundOpenOf(bKey!)).toBe(true);
    const customers = await readStore<StoredCustomer>(launched, 'customers');
    expect(customers.filter((c) => c.refundOpen).map((c) => c.key)).toEqual([bKey]);
    // A refund asked for is no refund made: B's purchases still count.
    expect(customers.find((c) => c.key === bKey)!.orderCount).toBe(purchasesByBuyer().get(bKey!)!.length);

    expect(await openPanelOnB()).toContain('有售后进行中');
    const tasks = await todaysTasks();
    expect(tasksOf(tasks.ids, bKey!)).toEqual([]);
    expect(tasksOf(tasks.ids, cKey!)).toContain(`loyal_purchase:${cKey}:${cSn}`);
    // Exactly B's tasks left the list (the control's others kept their places; the list is
    // sorted by spend, so a task beyond the panel's 50 may have moved up behind them).
    const othersBefore = control.ids.filter((id) => tasksOf([id], bKey!).length === 0);
    expect(tasks.ids.slice(0, othersBefore.length)).toEqual(othersBefore);
    expect(tasks.total).toBe(control.total - tasksOf(control.ids, bKey!).length);
    expect(tasks.loyal).toBe(t.loyalTask.size - 1);
    expect(await panelCounts()).toEqual({ returning: t.returning.size - 1, loyal: t.loyal.size - 1 });
    await dashboardCounts({ off: t.returning.size, on: t.returning.size - 1, removed: 1 });
  });

  it('the buyer withdraws the request (11 买家撤销): B is back in the audiences and on today\'s list', async () => {
    afterSales.set(bSn, 11);
    await rereadFirstPage();
    await expect.poll(() => refundOpenOf(bKey!)).toBe(false);
    expect(await openPanelOnB()).not.toContain('有售后进行中');
    const tasks = await todaysTasks();
    expect(tasksOf(tasks.ids, bKey!)).toContain(`loyal_purchase:${bKey}:${bSn}`);
    expect(tasks).toEqual(control);
    expect(tasks.loyal).toBe(t.loyalTask.size);
    expect(await panelCounts()).toEqual({ returning: t.returning.size, loyal: t.loyal.size });
    await dashboardCounts({ off: t.returning.size, on: t.returning.size, removed: 0 });
  });

  it('under way again: the panel\'s export and the dashboard\'s CSV with 排除售后 leave B out; the CSV without it keeps B', async () => {
    afterSales.set(bSn, 4);
    await rereadFirstPage();
    await expect.poll(() => refundOpenOf(bKey!)).toBe(true);
    expect(await openPanelOnB()).toContain('有售后进行中');
    expect(tasksOf((await todaysTasks()).ids, bKey!)).toEqual([]);

    // The side panel's 老客复购, exported as order numbers: each member's latest purchase, B's not among them.
    const frame = panelFrame(page);
    await frame.locator('[data-testid="panel-tab-audiences"]').click();
    await frame.locator('[data-testid="panel-export-format"]').selectOption('orders');
    const [download] = await Promise.all([page.waitForEvent('download'), seenClick(frame.locator('[data-testid="panel-export-returning"]'))]);
    const lines = readFileSync((await download.path())!, 'utf8').split('\n');
    const want = new Set([...t.returning].filter((k) => k !== bKey).map((k) => pddOrderSn(t.latest.get(k)!)));
    expect(new Set(lines)).toEqual(want);
    expect(lines).toHaveLength(t.returning.size - 1);
    expect(lines).not.toContain(bSn);
    expect(lines).toContain(cSn);
    await frame.locator('[data-testid="panel-export-done"]').waitFor();

    // The dashboard's 老客复购 as CSV, with 排除售后 ticked and then without.
    const dash = await launched.context.newPage();
    try {
      await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/audiences`);
      await dash.locator('[data-testid="audience-preset"]').selectOption('returning');
      await countShows(dash, t.returning.size);
      const csvKeys = async (): Promise<string[]> => {
        const [file] = await Promise.all([dash.waitForEvent('download'), dash.locator('[data-testid="export-csv"]').click()]);
        const rows = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((r) => r.split(','));
        expect(rows[0]![0]).toBe('customer_key');
        return rows.slice(1).map((r) => r[0]!);
      };
      await dash.locator('[data-testid="supp-refund"]').check();
      await countShows(dash, t.returning.size - 1);
      const suppressed = await csvKeys();
      expect(new Set(suppressed)).toEqual(new Set([...t.returning].filter((k) => k !== bKey)));
      expect(suppressed).toHaveLength(t.returning.size - 1);
      await dash.locator('[data-testid="campaign-recorded"]').waitFor();
      await dash.locator('[data-testid="supp-refund"]').uncheck();
      await countShows(dash, t.returning.size);
      const everyone = await csvKeys();
      expect(new Set(everyone)).toEqual(t.returning);
      expect(everyone).toContain(bKey);
    } finally {
      await dash.close();
    }
    expect(log.aborted).toEqual([]);
  });
});
