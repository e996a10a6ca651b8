// Issue 7 as a seller lives it: orders captured from the 千牛 sold list; while the shop is small the
// card and the dashboard say the model has too little history; once enough is captured, the background
// fits the lifetime models and the card shows P(active), orders expected in 90 days, the year's value and
// 超期, each checked against the models fitted here on the generated shop's truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { customerValue, expectedPurchases, expectedSpend, fitBgNbd, fitGammaGamma, pAlive, type CustomerHistory } from '@/utils/crm/clv';
import { FORECAST_MINIMUMS, isAtRisk, isLikelySoon, type Forecast, type ForecastModel } from '@/utils/crm/forecast';
import { formatFen, proratedRefundFen } from '@/utils/crm/money';
import { shanghaiDay } from '@/utils/crm/time';
import { installConsole } from '../console/routes';
import { generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { readSoldPage } from './expect-badges';
import { launchWithExtension, panelFrame, readStore, type Launched } from './harness';

const DAY = 86_400_000;
const PAGE_SIZE = 100;
const shop = generateShop({ seed: 71, customers: 700, months: 12, end: Date.now() - 3_600_000, lifetimes: { r: 0.8, alpha: 40, a: 1, b: 3 } });
const pages = Math.ceil(shop.orders.length / PAGE_SIZE);
const net = (o: ShopOrder) => o.paidFen - proratedRefundFen(o.paidFen, o.lines);

/** Known buyers (not masked) and their purchase days, from the truth of the orders seen. */
function truthHistories(seen: readonly ShopOrder[], now: number) {
  const byBuyer = new Map<number, ShopOrder[]>();
  for (const o of seen) {
    if (o.customer.masked || !isValidShopOrder(o)) continue;
    byBuyer.set(o.customer.index, [...(byBuyer.get(o.customer.index) ?? []), o]);
  }
  const out = new Map<number, CustomerHistory>();
  for (const [index, orders] of byBuyer) {
    orders.sort((a, b) => a.createdAt - b.createdAt);
    const first = orders[0]!.createdAt;
    const firstDay = shanghaiDay(first);
    const days = new Set(orders.map((o) => shanghaiDay(o.createdAt)));
    const x = days.size - 1;
    const repeatFen = orders.filter((o) => shanghaiDay(o.createdAt) !== firstDay).reduce((s, o) => s + net(o), 0);
    out.set(index, { x, tx: (orders.at(-1)!.createdAt - first) / DAY, T: (now - first) / DAY, m: x > 0 ? repeatFen / x : 0 });
  }
  return out;
}

async function modelAfter(launched: Launched, after: number): Promise<ForecastModel> {
  let model: ForecastModel | undefined;
  await expect.poll(async () => {
    const meta = await readStore<{ key: string; value: ForecastModel }>(launched, 'meta');
    model = meta.find((m) => m.key === 'forecastModel')?.value;
    return model !== undefined && model.fittedAt > after;
  }, { timeout: 40_000, interval: 1_000 }).toBe(true);
  return model!;
}

async function openCard(sold: Page, order: ShopOrder) {
  await sold.locator(`[data-laoke-badge][data-laoke-order-id="${order.orderId}"]`).click();
  const card = panelFrame(sold).locator('[data-testid="customer-card"]');
  await card.locator('[data-testid="card-forecast"]').waitFor();
  return card;
}

describe('lifetime models in the product', () => {
  let launched: Launched;
  let sold: Page;
  const seen: ShopOrder[] = [];

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
  });
  afterAll(async () => launched?.close());

  it('with one page of orders, the card and the dashboard say there is too little history', async () => {
    const start = Date.now();
    await readSoldPage(sold, shop.orders, 1, PAGE_SIZE, seen);
    const model = await modelAfter(launched, start - 1);
    const known = truthHistories(seen, model.observedUntil);
    expect(known.size).toBeLessThan(FORECAST_MINIMUMS.customers);
    expect(model).toMatchObject({ status: 'insufficient', shortfall: 'customers', customers: known.size });
    expect(await readStore(launched, 'forecasts')).toEqual([]);

    const order = seen.find((o) => !o.customer.masked && isValidShopOrder(o))!;
    const card = await openCard(sold, order);
    expect(await card.locator('[data-testid="card-forecast"]').getAttribute('data-status')).toBe('insufficient');
    expect(await card.locator('[data-testid="card-forecast-status"]').textContent()).toBe(
      `数据还不够，暂不预测：需要至少 ${FORECAST_MINIMUMS.customers} 位已知买家（现有 ${known.size} 位），仍按天数规则分组`);
    expect(await card.locator('[data-testid="card-p-active"]').count()).toBe(0);

    const dash = await launched.context.newPage();
    await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/audiences`);
    await dash.locator('[data-testid="audience-preset"]').selectOption('churn_risk');
    await expect.poll(() => dash.locator('[data-testid="audience-count"]').textContent()).toBe('0');
    expect(await dash.locator('[data-testid="forecast-status"]').getAttribute('data-status')).toBe('insufficient');
    await dash.close();
  });

  it('with the whole shop, the background fits the models and the card shows the forecast', async () => {
    const start = Date.now();
    for (let p = 2; p <= pages; p++) await readSoldPage(sold, shop.orders, p, PAGE_SIZE, seen);
    const model = await modelAfter(launched, start);
    expect(model.status).toBe('ok');

    // The same models, fitted here on the truth of the orders, as of the end of observation (the last order page read).
    const truth = truthHistories(shop.orders, model.observedUntil);
    expect(model.customers).toBe(truth.size);
    expect(model.repeatBuyers).toBe([...truth.values()].filter((h) => h.x > 0).length);
    const bg = fitBgNbd([...truth.values()]).params;
    // Equal to the optimiser's tolerance (the background's fit ran in the browser, this one in Node).
    const close = (got: number, want: number) => expect(Math.abs(got - want) / want).toBeLessThan(1e-5);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) close(model.bgnbd![k], bg[k]);
    const gg = fitGammaGamma([...truth.values()]).params;
    for (const k of ['p', 'q', 'gamma'] as const) close(model.gammaGamma![k], gg[k]);

    // A buyer with three or more purchase days whose order is on the last page (showing now).
    const lastPage = shop.orders.slice((pages - 1) * PAGE_SIZE);
    const order = lastPage.find((o) => !o.customer.masked && isValidShopOrder(o) && truth.get(o.customer.index)!.x >= 2)!;
    const h = truth.get(order.customer.index)!;
    const card = await openCard(sold, order);
    expect(await card.locator('[data-testid="card-forecast"]').getAttribute('data-status')).toBe('ok');
    expect(await card.locator('[data-testid="card-p-active"]').textContent()).toBe(`${Math.round(pAlive(bg, h) * 100)}%`);
    expect(await card.locator('[data-testid="card-expected-90"]').textContent()).toBe(expectedPurchases(bg, h, 90).toFixed(1));
    const spend = expectedSpend(gg, h.x, h.m!);
    const value = Math.round(customerValue(bg, spend, h, { horizon: 365, period: 365 / 12, discountRate: 0.01 }));
    expect(await card.locator('[data-testid="card-predicted-value"]').textContent()).toBe(formatFen(value));

    // A one-time buyer: no P(active) (BG/NBD cannot see them drop out), but orders expected are shown.
    const once = lastPage.find((o) => !o.customer.masked && isValidShopOrder(o) && truth.get(o.customer.index)!.x === 0)!;
    const firstKey = await card.getAttribute('data-customer-key');
    const card2 = await openCard(sold, once);
    await expect.poll(() => card2.getAttribute('data-customer-key')).not.toBe(firstKey);
    expect(await card2.locator('[data-testid="card-p-active"]').textContent()).toBe('—');
    expect(await card2.locator('[data-testid="card-expected-90"]').textContent()).toBe(expectedPurchases(bg, truth.get(once.customer.index)!, 90).toFixed(1));
  });

  it('the dashboard\'s predicted presets count the buyers the forecasts put there', async () => {
    const forecasts = await readStore<Forecast>(launched, 'forecasts');
    const atRisk = forecasts.filter(isAtRisk).length;
    const soon = forecasts.filter(isLikelySoon).length;
    expect(atRisk).toBeGreaterThan(0);
    expect(soon).toBeGreaterThan(0);
    const dash = await launched.context.newPage();
    await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/audiences`);
    const preset = dash.locator('[data-testid="audience-preset"]');
    await preset.selectOption('churn_risk');
    await expect.poll(() => dash.locator('[data-testid="audience-count"]').textContent()).toBe(String(atRisk));
    expect(await dash.locator('[data-testid="forecast-status"]').getAttribute('data-status')).toBe('ok');
    await preset.selectOption('buy_soon');
    await expect.poll(() => dash.locator('[data-testid="audience-count"]').textContent()).toBe(String(soon));
    await dash.close();
  });
});
