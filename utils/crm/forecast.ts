// The shop's forecasts (预测): the lifetime models (clv.ts) fitted on the seller's own customers, and what
// they say about each one — still active?, orders expected, value in the coming year. Pure.
//
// "Dormant after 90 days" treats a buyer who orders every 10 days and one who orders twice a year alike;
// the model judges each against their own rhythm and the shop's. It is only trusted with enough history:
// below the minimums the forecast says which one is missing and the simple day-count rules stay in charge.

import {
  customerValue,
  expectedPurchases,
  expectedSpend,
  fitBgNbdSteps,
  fitGammaGammaSteps,
  pAlive,
  runSteps,
  type Steps,
  type BgNbdParams,
  type CustomerHistory,
  type GammaGammaParams,
} from './clv';
import type { Customer } from './types';
import { DAY_MS } from './time';


/**
 * Below these the fit is not trusted. Klaviyo asks for 500 customers and 180 days; a small shop's
 * seller deserves a forecast sooner, so: 300 customers to estimate four parameters with some stability,
 * 50 of them returning (the drop-out parameters are learned only from repeat buyers), and 90 days, at
 * least one typical repurchase cycle of consumables.
 */
export const FORECAST_MINIMUMS = { customers: 300, repeatBuyers: 50, historyDays: 90 } as const;

/** The horizons the product shows: the card's 90 days, "soon" as 30 days, value over a year. */
export const HORIZON_DAYS = { soon: 30, card: 90, value: 365 } as const;
/** Value in the coming year, discounted 1% a month (about 12% a year: money later is worth less). */
const VALUE_OPTIONS = { horizon: HORIZON_DAYS.value, period: HORIZON_DAYS.value / 12, discountRate: 0.01 } as const;

/** One customer's forecast, as stored (store `forecasts`), at the time of the fit. */
export interface Forecast {
  key: string;
  /**
   * P(active): the chance the buyer has not drifted away. Null for a buyer with one purchase day: BG/NBD
   * only lets a buyer drop out after a repeat purchase, so it would call every one-time buyer certainly
   * active, a confident number the model has no grounds for.
   */
  pAlive: number | null;
  /** P(active) 30 days earlier, had they bought nothing since (how fast it is falling). */
  pAliveMonthAgo: number | null;
  /** Orders (purchase days) expected in the next 30 and 90 days. */
  expected30: number;
  expected90: number;
  /** Expected spend per order (Gamma-Gamma), fen. */
  spendFen: number;
  /** Value of the coming year, discounted, fen. */
  valueFen: number;
  at: number;
}

export type ForecastShortfall = 'customers' | 'repeatBuyers' | 'historyDays' | 'fit';

export interface ForecastModel {
  status: 'ok' | 'insufficient';
  /** What is missing, when insufficient; the minimums are FORECAST_MINIMUMS. */
  shortfall?: ForecastShortfall;
  /** Customers the model saw (known buyers with a purchase), repeat buyers, days of history. */
  customers: number;
  repeatBuyers: number;
  historyDays: number;
  bgnbd?: BgNbdParams;
  /**
   * Absent when spend could not be modelled (few repeat buyers with spend, or q ≤ 1): each buyer's own
   * mean repeat spend is used, and the shop's (`meanRepeatFen`) for a buyer who has none.
   */
  gammaGamma?: GammaGammaParams;
  meanRepeatFen?: number;
  ll?: number;
  /**
   * The end of observation: when order pages were last read, not the clock. Days nobody looked at the
   * console are not silence from the buyers (a seller away for three weeks would otherwise see every
   * buyer drifting away).
   */
  observedUntil: number;
  fittedAt: number;
  fitMs: number;
  /**
   * The customers' data version the fit read (utils/db/data-version.ts): this machine's count, so a
   * backup does not carry it (a restored model is fitted again).
   */
  customersVersion?: number;
}

/**
 * The customer as the models see them, in days. Buyers whose identity is weak (masked nicks: each order
 * may be a different person) are left out, as they would add one-time buyers who are not.
 */
export function historyOf(c: Customer, now: number): CustomerHistory | null {
  if (c.orderCount <= 0 || c.firstPurchaseAt === undefined || c.lastPurchaseAt === undefined || c.identity === 'weak') return null;
  const x = Math.max(0, (c.purchaseDays ?? c.orderCount) - 1);
  const first = c.firstPurchaseAt;
  const T = Math.max(0, (now - first) / DAY_MS);
  const tx = Math.min(T, Math.max(0, (c.lastPurchaseAt - first) / DAY_MS));
  const repeatFen = c.firstDayFen !== undefined ? c.totalFen - c.firstDayFen : (c.totalFen * x) / Math.max(1, x + 1);
  return { x, tx, T, m: x > 0 ? Math.max(0, repeatFen) / x : 0 };
}

/** The shop's readiness, without fitting. */
export function shopHistory(customers: readonly Customer[], now: number) {
  return runSteps(shopHistorySteps(customers, now));
}

/** Customers read between pauses by shopHistorySteps (5,000 take a few milliseconds). */
const CUSTOMERS_PER_STEP = 5_000;

function* shopHistorySteps(customers: readonly Customer[], now: number) {
  const histories: { key: string; h: CustomerHistory }[] = [];
  let repeatBuyers = 0;
  let earliest = Infinity;
  let latest = -Infinity;
  let seen = 0;
  for (const c of customers) {
    if (++seen % CUSTOMERS_PER_STEP === 0) yield;
    const h = historyOf(c, now);
    if (!h) continue;
    histories.push({ key: c.key, h });
    if (h.x > 0) repeatBuyers++;
    earliest = Math.min(earliest, c.firstPurchaseAt!);
    latest = Math.max(latest, c.lastPurchaseAt!);
  }
  const historyDays = histories.length > 0 ? Math.floor((latest - earliest) / DAY_MS) : 0;
  const shortfall: ForecastShortfall | undefined =
    histories.length < FORECAST_MINIMUMS.customers ? 'customers'
      : repeatBuyers < FORECAST_MINIMUMS.repeatBuyers ? 'repeatBuyers'
        : historyDays < FORECAST_MINIMUMS.historyDays ? 'historyDays'
          : undefined;
  return { histories, repeatBuyers, historyDays, shortfall };
}

/**
 * A purchase rate this far from 1 a day (e^±12) means the fit ran along a ridge of the likelihood, not to
 * a peak. The drop-out shapes may go much further: a → 0 with b → ∞ is the honest answer of a shop in
 * which nobody has visibly stopped buying (the model is then the NBD, and every P(active) is near 1).
 */
const saneRate = (r: number, alpha: number) => [r, alpha].every((v) => Number.isFinite(v) && Math.abs(Math.log(v)) < 12);
const saneShape = (values: number[]) => values.every((v) => Number.isFinite(v) && Math.abs(Math.log(v)) < 24);

/**
 * Fit the shop and forecast every known buyer. With too little history, or a fit that did not settle
 * on sane parameters, the model is 'insufficient' and there are no forecasts at all.
 */
export function forecastShop(customers: readonly Customer[], now: number, clock: () => number = () => now): { model: ForecastModel; forecasts: Forecast[] } {
  return runSteps(forecastShopSteps(customers, now, clock));
}

/** Customers forecast between pauses (see Steps): a slice stays within a few milliseconds at 100,000. */
const FORECASTS_PER_STEP = 500;

/**
 * forecastShop, pausing after every evaluation of a likelihood and every few hundred forecasts, so the
 * service worker answers badges while it fits (the same result as forecastShop).
 */
export function* forecastShopSteps(customers: readonly Customer[], now: number, clock: () => number = () => now): Steps<{ model: ForecastModel; forecasts: Forecast[] }> {
  const started = clock();
  const { histories, repeatBuyers, historyDays, shortfall } = yield* shopHistorySteps(customers, now);
  const base = { customers: histories.length, repeatBuyers, historyDays, observedUntil: now, fittedAt: now };
  const insufficient = (why: ForecastShortfall) => ({
    model: { status: 'insufficient' as const, shortfall: why, ...base, fitMs: clock() - started },
    forecasts: [],
  });
  if (shortfall) return insufficient(shortfall);

  yield;
  const plain = histories.map((e) => e.h);
  const fit = yield* fitBgNbdSteps(plain);
  const bg = fit.params;
  if (!fit.converged || !saneRate(bg.r, bg.alpha) || !saneShape([bg.a, bg.b])) return insufficient('fit');

  let gg: GammaGammaParams | undefined;
  try {
    const spend = yield* fitGammaGammaSteps(plain);
    const { p, q, gamma } = spend.params;
    if (spend.converged && q > 1 && saneShape([p, q, gamma])) gg = spend.params;
  } catch {
    // No repeat buyer with spend: each buyer's own mean stands.
  }
  const model: ForecastModel = {
    status: 'ok', ...base, bgnbd: bg, ...(gg ? { gammaGamma: gg } : {}), meanRepeatFen: meanRepeatSpend(plain), ll: fit.ll, fitMs: 0,
  };
  const forecasts: Forecast[] = [];
  for (const { key, h } of histories) {
    forecasts.push(forecastOne(key, h, model, now));
    if (forecasts.length % FORECASTS_PER_STEP === 0) yield;
  }
  model.fitMs = clock() - started;
  return { model, forecasts };
}

/** The shop's mean spend per repeat purchase: the value of a buyer whose own spend the models cannot tell. */
function meanRepeatSpend(histories: readonly CustomerHistory[]): number {
  let sum = 0;
  let n = 0;
  for (const h of histories) if (h.x > 0 && (h.m ?? 0) > 0) (sum += h.m!), n++;
  return n > 0 ? sum / n : 0;
}

/**
 * One customer's forecast from the shop's fitted model, as of the end of observation (or their latest
 * purchase, if that came after the fit): the card computes it afresh, so an order captured since the fit
 * shows at once.
 */
export function forecastCustomer(c: Customer, model: ForecastModel): Forecast | null {
  if (model.status !== 'ok' || !model.bgnbd) return null;
  const end = Math.max(model.observedUntil, c.lastPurchaseAt ?? 0);
  const h = historyOf(c, end);
  return h ? forecastOne(c.key, h, model, end) : null;
}

function forecastOne(key: string, h: CustomerHistory, model: ForecastModel, now: number): Forecast {
  const bg = model.bgnbd!;
  const gg = model.gammaGamma;
  const repeat = h.x > 0;
  const spend = gg ? expectedSpend(gg, h.x, h.m ?? 0) : h.m && h.m > 0 ? h.m : model.meanRepeatFen ?? 0;
  return {
    key,
    pAlive: repeat ? pAlive(bg, h) : null,
    pAliveMonthAgo: repeat ? pAlive(bg, { ...h, T: Math.max(h.tx, h.T - HORIZON_DAYS.soon) }) : null,
    expected30: expectedPurchases(bg, h, HORIZON_DAYS.soon),
    expected90: expectedPurchases(bg, h, HORIZON_DAYS.card),
    spendFen: Math.round(spend),
    valueFen: Math.round(customerValue(bg, spend, h, VALUE_OPTIONS)),
    at: now,
  };
}

/**
 * 流失风险 (predicted): a returning buyer the model still gives a fair chance (20–70%) whose chance fell
 * by at least 10 points over the last 30 days of silence: worth a word now, before they are gone.
 */
export function isAtRisk(f: Forecast): boolean {
  return f.pAlive !== null && f.pAliveMonthAgo !== null && f.pAlive >= 0.2 && f.pAlive < 0.7 && f.pAliveMonthAgo - f.pAlive >= 0.1;
}

/** 近期可能回购 (predicted): at least half an order expected in the next 30 days. */
export function isLikelySoon(f: Forecast): boolean {
  return f.expected30 >= 0.5 && (f.pAlive === null || f.pAlive >= 0.5);
}

/**
 * 超期 (overdue): days past the buyer's own usual gap (复购周期) since the last purchase, or null when
 * they have no usual gap yet or are not past it. Needs no model.
 */
export function overdueDays(c: Customer, now: number): number | null {
  if (c.usualGapDays === undefined || c.lastPurchaseAt === undefined) return null;
  const since = Math.floor((now - c.lastPurchaseAt) / DAY_MS);
  const over = since - Math.ceil(c.usualGapDays);
  return over > 0 ? over : null;
}
