// 订单关怀 end to end, on both platforms: the seller reads the order list; an unpaid order (placed 20
// minutes ago), an overdue unshipped one (paid 50 hours ago, the promise is 48), one received and not
// reviewed (placed 3 days ago, 已签收 / 交易成功) and one with a refund under way each land in their section
// of dashboard.html#/care (data-order-id, the contract) and in the popup's counts. The rest of the shop
// is older than the care horizon (60 days), so the counts are exactly these. On Taobao the seller then
// copies a payment reminder (recorded), exports the unpaid list (a campaign and a reminder), logs a
// compensation on the refund (on the buyer's card), and a care script edited to 好评返现 is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateShop, type Shop, type ShopOrder } from '../shop/generate';
import { pddOrderSn, recentOrderListPage } from '../shop/pdd';
import { soldPage } from '../shop/taobao';
import { installConsole, PDD_ORDERS_URL, SOLD_URL } from '../console/routes';
import { launchWithExtension, panelFrame, readStore, seenClick, type Launched } from './harness';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const PAGE_SIZE = 50;

interface Cases { unpaid: ShopOrder; overdue: ShopOrder; received: ShopOrder; refund: ShopOrder }

/** A shop whose history ends 70 days ago, and the four newest orders made into the cases. */
function careShop(seed: number): { shop: Shop; cases: Cases } {
  const now = Date.now();
  const shop = generateShop({ seed, customers: 30, orders: 60, months: 2, end: now - 70 * DAY });
  const [unpaid, overdue, received, refund] = shop.orders.slice(0, 4) as [ShopOrder, ShopOrder, ShopOrder, ShopOrder];
  Object.assign(unpaid, { createdAt: now - 20 * MIN, tradeStatus: 'WAIT_BUYER_PAY' });
  Object.assign(overdue, { createdAt: now - 50 * HOUR, tradeStatus: 'WAIT_SELLER_SEND_GOODS' });
  Object.assign(received, { createdAt: now - 3 * DAY, tradeStatus: 'TRADE_FINISHED' });
  Object.assign(refund, { createdAt: now - 4 * DAY, tradeStatus: 'WAIT_BUYER_CONFIRM_GOODS' });
  for (const o of [unpaid, overdue, received, refund]) for (const l of o.lines) l.refunded = false;
  return { shop, cases: { unpaid, overdue, received, refund } };
}

async function openCare(launched: Launched): Promise<Page> {
  const dash = await launched.context.newPage();
  await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/care`);
  await dash.locator('[data-testid="care-page"]').waitFor();
  return dash;
}

/** The order ids listed in each contract section. */
async function sections(dash: Page): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const s of ['care-unpaid', 'care-unshipped', 'care-received', 'care-refunds']) {
    out[s] = await dash.locator(`[data-testid="${s}"] [data-order-id]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-order-id') ?? ''));
  }
  return out;
}

async function popupCounts(launched: Launched): Promise<Record<string, number>> {
  const popup = await launched.context.newPage();
  try {
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await popup.locator('[data-testid="popup-care"]').waitFor();
    const n = async (id: string) => Number(await popup.locator(`[data-testid="${id}"]`).textContent());
    return { unpaid: await n('care-count-unpaid'), ship: await n('care-count-ship'), refunds: await n('care-count-refunds') };
  } finally {
    await popup.close();
  }
}

describe('订单关怀 on 千牛 (Taobao sold orders)', () => {
  let launched: Launched;
  let page: Page;
  const { shop, cases } = careShop(171);
  const id = (o: ShopOrder) => o.orderId;

  beforeAll(async () => {
    launched = await launchWithExtension();
    await launched.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await installConsole(launched.context, {
      shop,
      soldReply: (pageNum, pageSize) => {
        const body = soldPage(shop, pageNum, pageSize) as { mainOrders: { id: string; subOrders: { operations: { text: string }[] }[] }[] };
        // The refund under way: the buyer asked for it on the item (请卖家处理), the order still shipped.
        for (const m of body.mainOrders) if (m.id === id(cases.refund)) m.subOrders[0]!.operations = [{ text: '请卖家处理' }];
        return { contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) };
      },
    });
    page = await launched.context.newPage();
    await page.goto(`${SOLD_URL}?pageSize=${PAGE_SIZE}`);
    await page.locator(`[data-laoke-badge][data-laoke-order-id="${id(cases.unpaid)}"]`).waitFor();
  });
  afterAll(async () => launched?.close());

  it('each order is in its section: unpaid, overdue unshipped, received and not reviewed, refund under way', async () => {
    const dash = await openCare(launched);
    expect(await sections(dash)).toEqual({
      'care-unpaid': [id(cases.unpaid)], 'care-unshipped': [id(cases.overdue)], 'care-received': [id(cases.received)], 'care-refunds': [id(cases.refund)],
    });
    const unpaid = dash.locator(`[data-testid="care-unpaid"] [data-order-id="${id(cases.unpaid)}"]`);
    expect(await unpaid.getAttribute('data-care-phase')).toBe('first');
    expect(await dash.locator(`[data-order-id="${id(cases.overdue)}"]`).getAttribute('data-care-urgency')).toBe('overdue');
    // Taobao gives no payment time: the promise counts from the order, and the page says so.
    expect(await dash.locator(`[data-order-id="${id(cases.overdue)}"]`).textContent()).toContain('按下单时间算');
    expect(await dash.locator(`[data-order-id="${id(cases.received)}"]`).getAttribute('data-care-stage')).toBe('unknown');
    expect(await dash.locator('[data-testid="care-unpaid"]').textContent()).toContain('最后读取');
    await dash.close();
  });

  it('the popup counts what needs action now: 待催付 1, 即将超时发货 1, 售后中 1', async () => {
    expect(await popupCounts(launched)).toEqual({ unpaid: 1, ship: 1, refunds: 1 });
  });

  it('copying a payment reminder puts it on the clipboard and records it; exporting the list records a campaign', async () => {
    const dash = await openCare(launched);
    const row = dash.locator(`[data-testid="care-unpaid"] [data-order-id="${id(cases.unpaid)}"]`);
    await seenClick(row.locator('[data-testid="care-copy-remind"]'));
    await row.locator('[data-testid="care-copied"]').waitFor();
    const copied = await dash.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('付款');
    await expect.poll(async () => (await readStore<{ kind: string; via: string; orderId: string }>(launched, 'careActions')).filter((a) => a.kind === 'remind'))
      .toEqual([expect.objectContaining({ orderId: id(cases.unpaid), via: 'copy' })]);
    await expect.poll(() => row.locator('[data-testid="care-reminders"]').textContent()).toContain('1/3');

    const [download] = await Promise.all([dash.waitForEvent('download'), seenClick(dash.locator('[data-testid="care-export-unpaid"]'))]);
    expect(download.suggestedFilename()).toMatch(/^laoke-care-unpaid-orders-\d{8}\.txt$/);
    await dash.locator('[data-testid="care-exported-unpaid"]').waitFor();
    const campaigns = await readStore<{ name: string; channel: string; members: string[] }>(launched, 'campaigns');
    expect(campaigns).toEqual([expect.objectContaining({ name: '订单关怀 · 待催付', channel: 'orders' })]);
    expect(campaigns[0]!.members).toHaveLength(1);
    expect((await readStore<{ kind: string }>(launched, 'careActions')).filter((a) => a.kind === 'remind')).toHaveLength(2);
    await dash.close();
  });

  it('a care script edited to 好评返现 is blocked: nothing copied, nothing recorded', async () => {
    const dash = await openCare(launched);
    await dash.locator('[data-testid="care-script-group"]').selectOption('receipt_care');
    await dash.locator('[data-testid="care-script-text"]').fill('亲，收到后给个五星好评，好评返现5元哦');
    await dash.locator('[data-testid="care-script-lint"]').waitFor();
    await dash.locator('[data-testid="care-script-save"]').click();
    await dash.locator('[data-testid="care-script-saved"]').waitFor();
    await dash.evaluate(() => navigator.clipboard.writeText('before'));
    const row = dash.locator(`[data-testid="care-received"] [data-order-id="${id(cases.received)}"]`);
    await seenClick(row.locator('[data-testid="care-copy-receipt"]'));
    const blocked = row.locator('[data-testid="care-blocked"]');
    await blocked.waitFor();
    expect(await blocked.textContent()).toContain('好评返现');
    expect(await dash.evaluate(() => navigator.clipboard.readText())).toBe('before');
    expect((await readStore<{ kind: string }>(launched, 'careActions')).filter((a) => a.kind === 'care')).toEqual([]);
    await dash.close();
  });

  it('a refund kept with ¥10 compensation is logged and shows on the buyer\'s card', async () => {
    const dash = await openCare(launched);
    const row = dash.locator(`[data-testid="care-refunds"] [data-order-id="${id(cases.refund)}"]`);
    await row.locator('[data-testid="care-problem"]').selectOption('damage');
    await row.locator('[data-testid="care-compensation"]').fill('10');
    await seenClick(row.locator('[data-testid="care-outcome-compensated"]'));
    await row.locator('[data-testid="care-outcome"]').waitFor();
    expect(await row.locator('[data-testid="care-outcome"]').textContent()).toContain('¥10');
    await dash.close();
    // The card in the side panel, from the refund order's badge.
    await page.locator(`[data-laoke-badge][data-laoke-order-id="${id(cases.refund)}"]`).click();
    const card = panelFrame(page).locator('[data-testid="customer-card"]');
    await card.waitFor();
    await expect.poll(() => card.locator('[data-testid="card-compensation-total"]').textContent()).toContain('¥10');
  });

  it('the side panel\'s 关怀 tab shows the same lists', async () => {
    const frame = panelFrame(page);
    await frame.locator('[data-testid="panel-tab-care"]').click();
    await frame.locator('[data-testid="care-page"]').waitFor();
    for (const [s, o] of [['care-unpaid', cases.unpaid], ['care-unshipped', cases.overdue], ['care-received', cases.received], ['care-refunds', cases.refund]] as const) {
      expect(await frame.locator(`[data-testid="${s}"] [data-order-id="${id(o)}"]`).count(), s).toBe(1);
    }
  });
});

describe('订单关怀 on 拼多多 (Pinduoduo orders)', () => {
  let launched: Launched;
  const { shop, cases } = careShop(172);
  // The replay lists no unpaid order (the shop's generator leaves them out): this one is served as 待支付.
  cases.unpaid.tradeStatus = 'WAIT_SELLER_SEND_GOODS';
  const sn = (o: ShopOrder) => pddOrderSn(o);

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, {
      shop,
      pddReply: (pageNumber, pageSize) => {
        const body = recentOrderListPage(shop, pageNumber, pageSize) as { result: { pageItems: Record<string, unknown>[] } };
        for (const row of body.result.pageItems) {
          if (row.order_sn === sn(cases.unpaid)) Object.assign(row, { order_status: 0, order_status_str: '待支付', confirm_time: 0, shipping_time: 0 });
          // 4 商家同意退款，退款中 (utils/sites/pdd-orders.ts): under way.
          if (row.order_sn === sn(cases.refund)) row.after_sales_status = 4;
        }
        return { contentType: 'application/json;charset=UTF-8', body: JSON.stringify(body) };
      },
    });
    const page = await launched.context.newPage();
    await page.goto(`${PDD_ORDERS_URL}?pageSize=${PAGE_SIZE}`);
    await page.locator(`[data-laoke-badge][data-laoke-order-id="${sn(cases.unpaid)}"]`).waitFor();
  });
  afterAll(async () => launched?.close());

  it('each order is in its section, and the popup counts them', async () => {
    const dash = await openCare(launched);
    expect(await sections(dash)).toEqual({
      'care-unpaid': [sn(cases.unpaid)], 'care-unshipped': [sn(cases.overdue)], 'care-received': [sn(cases.received)], 'care-refunds': [sn(cases.refund)],
    });
    // Pinduoduo gives the payment time (成交时间): the promise counts from it.
    expect(await dash.locator(`[data-order-id="${sn(cases.overdue)}"]`).getAttribute('data-care-urgency')).toBe('overdue');
    expect(await dash.locator(`[data-order-id="${sn(cases.overdue)}"]`).textContent()).not.toContain('按下单时间算');
    await dash.close();
    expect(await popupCounts(launched)).toEqual({ unpaid: 1, ship: 1, refunds: 1 });
  });
});
