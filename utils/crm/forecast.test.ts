import { describe, expect, it } from 'vitest';
import { customersFromHistories, simulateBgNbd } from '../../tests/bench/clv-sim';
import { expectedPurchases, pAlive } from './clv';
import { FORECAST_MINIMUMS, forecastShop, historyOf, isAtRisk, isLikelySoon, overdueDays, shopHistory, type Forecast } from './forecast';
import type { Customer } from './types';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 22, 4);

function customer(extra: Partial<Customer>): Customer {
  return {
    key: 'taobao:id:b1', platform: 'taobao', nick: '小美', identity: 'strong', orderCount: 3, totalFen: 30_000,
    firstPurchaseAt: now - 100 * DAY, lastPurchaseAt: now - 40 * DAY, purchases: ['1', '2', '3'], items: [], pieces: 3,
    maxPieces: 1, itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: now, purchaseDays: 3, firstDayFen: 12_000, ...extra,
  };
}

const forecast = (f: Partial<Forecast>): Forecast => ({
  key: 'k', pAlive: 0.5, pAliveMonthAgo: 0.7, expected30: 0.1, expected90: 0.3, spendFen: 0, valueFen: 0, at: now, ...f,
});

describe('historyOf: a customer as the models see them, in days', () => {
  it('three purchase days, first 100 days ago, last 40 days ago: x = 2, t_x = 60, T = 100, repeat spend ¥90 each', () => {
    // Spend ¥300 in all, ¥120 on the first day: the two repeat days averaged (300 − 120) / 2 = ¥90.
    expect(historyOf(customer({}), now)).toEqual({ x: 2, tx: 60, T: 100, m: 9_000 });
  });

  it('two orders on one day are one transaction (purchaseDays, not orders)', () => {
    expect(historyOf(customer({ orderCount: 2, purchaseDays: 1, lastPurchaseAt: now - 100 * DAY }), now)).toMatchObject({ x: 0, tx: 0, T: 100, m: 0 });
  });

  it('masked buyers (weak identity) and customers without a purchase are left out', () => {
    expect(historyOf(customer({ identity: 'weak' }), now)).toBeNull();
    expect(historyOf(customer({ orderCount: 0, firstPurchaseAt: undefined, lastPurchaseAt: undefined }), now)).toBeNull();
  });
});

describe('shopHistory: too little history says which minimum is missing', () => {
  const sim = simulateBgNbd({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, 400, 100, 400, 3);
  it('a shop of 400 simulated buyers over a year is ready', () => {
    expect(shopHistory(customersFromHistories(sim, now), now).shortfall).toBeUndefined();
  });
  it('299 buyers: customers; 300 one-time buyers: repeat buyers; 60 days of orders: history days', () => {
    expect(shopHistory(customersFromHistories(sim.slice(0, FORECAST_MINIMUMS.customers - 1), now), now).shortfall).toBe('customers');
    const once = customersFromHistories(sim.map((h) => ({ ...h, x: 0, tx: 0 })), now);
    expect(shopHistory(once, now).shortfall).toBe('repeatBuyers');
    const young = customersFromHistories(sim.map((h) => ({ ...h, T: h.T % 60, tx: Math.min(h.tx, h.T % 60) })), now);
    expect(shopHistory(young, now)).toMatchObject({ shortfall: 'historyDays' });
  });
});

describe('forecastShop', () => {
  it('a ready shop: every known buyer forecast from the fitted model, figures consistent with clv.ts', () => {
    const sim = simulateBgNbd({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, 3_000, 100, 500, 5);
    const customers = customersFromHistories(sim, now);
    customers.push({ ...customers[0]!, key: 'taobao:order:9', identity: 'weak' });
    const { model, forecasts } = forecastShop(customers, now);
    expect(model.status).toBe('ok');
    expect(model.customers).toBe(3_000);
    expect(forecasts).toHaveLength(3_000);
    expect(forecasts.some((f) => f.key === 'taobao:order:9')).toBe(false);
    // Close to the parameters the shop was drawn from (3,000 buyers: within 25%).
    const bg = model.bgnbd!;
    expect(bg.r).toBeGreaterThan(0.375); expect(bg.r).toBeLessThan(0.625);
    expect(bg.a).toBeGreaterThan(0.6); expect(bg.a).toBeLessThan(1.0);
    const i = sim.findIndex((h) => h.x >= 2);
    const f = forecasts.find((x) => x.key === customers[i]!.key)!;
    const h = historyOf(customers[i]!, now)!;
    expect(f.pAlive).toBeCloseTo(pAlive(bg, h), 12);
    expect(f.expected90).toBeCloseTo(expectedPurchases(bg, h, 90), 12);
    expect(f.expected30).toBeLessThan(f.expected90);
    // One-time buyers get no P(active): the model cannot see them drop out.
    expect(forecasts.find((x) => x.key === customers[sim.findIndex((s) => s.x === 0)]!.key)!.pAlive).toBeNull();
    // Spend per order lies between the shop's mean and the buyer's own.
    expect(model.gammaGamma).toBeDefined();
    const { p, q, gamma } = model.gammaGamma!;
    const own = h.m!;
    const shop = (p * gamma) / (q - 1);
    expect(f.spendFen).toBeGreaterThanOrEqual(Math.round(Math.min(own, shop)));
    expect(f.spendFen).toBeLessThanOrEqual(Math.round(Math.max(own, shop)));
    expect(f.valueFen).toBeGreaterThan(0);
  });

  it('a small shop gets no forecast at all, and says why', () => {
    const sim = simulateBgNbd({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, 120, 100, 400, 3);
    const { model, forecasts } = forecastShop(customersFromHistories(sim, now), now);
    expect(model).toMatchObject({ status: 'insufficient', shortfall: 'customers', customers: 120 });
    expect(forecasts).toEqual([]);
  });
});

describe('predicted segments and 超期', () => {
  it('at risk: a returning buyer at 20–70% whose chance fell 10 points in 30 days', () => {
    expect(isAtRisk(forecast({ pAlive: 0.5, pAliveMonthAgo: 0.7 }))).toBe(true);
    expect(isAtRisk(forecast({ pAlive: 0.5, pAliveMonthAgo: 0.55 }))).toBe(false); // not falling
    expect(isAtRisk(forecast({ pAlive: 0.15, pAliveMonthAgo: 0.5 }))).toBe(false); // already gone
    expect(isAtRisk(forecast({ pAlive: 0.75, pAliveMonthAgo: 0.95 }))).toBe(false); // still fine
    expect(isAtRisk(forecast({ pAlive: null, pAliveMonthAgo: null }))).toBe(false); // one-time buyer
  });
  it('likely soon: half an order expected in 30 days, unless probably gone', () => {
    expect(isLikelySoon(forecast({ expected30: 0.5, pAlive: 0.9 }))).toBe(true);
    expect(isLikelySoon(forecast({ expected30: 0.49, pAlive: 0.9 }))).toBe(false);
    expect(isLikelySoon(forecast({ expected30: 0.8, pAlive: 0.3 }))).toBe(false);
    expect(isLikelySoon(forecast({ expected30: 0.6, pAlive: null }))).toBe(true);
  });
  it('overdue: 40 days since the last purchase against a usual gap of 25.5 days is 14 days overdue', () => {
    expect(overdueDays(customer({ usualGapDays: 25.5 }), now)).toBe(14);
    expect(overdueDays(customer({ usualGapDays: 45 }), now)).toBeNull();
    expect(overdueDays(customer({}), now)).toBeNull(); // no usual gap yet
  });
});
