// (h) The lifetime models' speed: see run.ts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fitBgNbd, fitGammaGamma, type BgNbdParams } from '../../utils/crm/clv';
import { forecastShop } from '../../utils/crm/forecast';
import { dayNumber, historiesInWeeks, readPurchases } from '../eval/clv';
import { customersFromHistories, simulateBgNbd } from './clv-sim';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function timed<T>(f: () => T, runs: number): { ms: number; value: T } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = f();
    times.push(performance.now() - t0);
  }
  return { ms: round(median(times), 1), value };
}

function cdnow() {
  const sample = resolve(import.meta.dirname, '../../../shared/data/cdnow/CDNOW_sample.txt');
  if (!existsSync(sample)) return null;
  const csv = ['customer_id,date,amount', ...readFileSync(sample, 'utf8').trim().split('\n').map((line) => {
    const [, id, d, , amount] = line.trim().split(/\s+/) as string[];
    return `${id},${d!.slice(0, 4)}-${d!.slice(4, 6)}-${d!.slice(6, 8)},${amount}`;
  })].join('\n');
  const histories = historiesInWeeks(readPurchases(csv), dayNumber('1997-09-30')!).map((c) => c.h);
  const bg = timed(() => fitBgNbd(histories), 5);
  const gg = timed(() => fitGammaGamma(histories), 5);
  const p = bg.value.params;
  return {
    customers: histories.length,
    bgnbdFitMs: bg.ms, iterations: bg.value.iterations,
    params: { r: round(p.r, 4), alpha: round(p.alpha, 4), a: round(p.a, 4), b: round(p.b, 4), ll: round(bg.value.ll, 2) },
    gammaGammaFitMs: gg.ms,
    gammaGamma: { p: round(gg.value.params.p, 3), q: round(gg.value.params.q, 3), gamma: round(gg.value.params.gamma, 3) },
  };
}

export async function clvBench() {
  const truth: BgNbdParams = { r: 0.5, alpha: 20, a: 0.8, b: 2.5 };
  const n = Number(process.env.BENCH_CLV_CUSTOMERS ?? 100_000);
  const sim = simulateBgNbd(truth, n, 30, 540, 7);
  const fit = timed(() => fitBgNbd(sim), 3);
  const p = fit.value.params;
  const error = (got: number, want: number) => round((100 * (got - want)) / want, 1);

  // The extension's whole path: customers as stored, the shop fitted, every customer forecast.
  const now = Date.UTC(2026, 10, 22);
  const customers = customersFromHistories(sim, now);
  const shop = timed(() => forecastShop(customers, now), 3);
  return {
    cdnow: cdnow(),
    generated: {
      customers: n, repeatBuyers: sim.filter((h) => h.x > 0).length, truth,
      bgnbdFitMs: fit.ms, iterations: fit.value.iterations,
      fitted: { r: round(p.r, 3), alpha: round(p.alpha, 2), a: round(p.a, 3), b: round(p.b, 3) },
      errorPercent: { r: error(p.r, truth.r), alpha: error(p.alpha, truth.alpha), a: error(p.a, truth.a), b: error(p.b, truth.b) },
    },
    extension: {
      customers: n, status: shop.value.model.status,
      fitAndForecastEveryCustomerMs: shop.ms,
      forecasts: shop.value.forecasts.length,
    },
  };
}
