// Customers drawn from the BG/NBD model itself, for the benchmark (fit time and how well the fit finds
// the parameters it was drawn from) and for the forecast e2e shop.
import { mulberry32 } from '../../utils/crm/random';
import type { BgNbdParams, CustomerHistory } from '../../utils/crm/clv';
import type { Customer } from '../../utils/crm/types';

/** Gamma(shape, rate) by Marsaglia and Tsang, with the shape < 1 boost. */
export function gammaSampler(r: () => number) {
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const sample = (shape: number, rate: number): number => {
    if (shape < 1) return sample(shape + 1, rate) * Math.pow(1 - r(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - r();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
    }
  };
  return sample;
}

/**
 * n customers with ages T uniform in [minT, maxT] (in the parameters' time unit): a purchase rate λ ~
 * Gamma(r, α), a drop-out chance p ~ Beta(a, b) after each repeat purchase, purchases a Poisson process
 * from the first one at time 0. Returns each customer's x, t_x, T and their purchase times.
 */
export function simulateBgNbd(params: BgNbdParams, n: number, minT: number, maxT: number, seed = 1): (CustomerHistory & { times: number[] })[] {
  const r = mulberry32(seed);
  const gamma = gammaSampler(r);
  const out: (CustomerHistory & { times: number[] })[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(params.r, params.alpha);
    const g1 = gamma(params.a, 1);
    const p = g1 / (g1 + gamma(params.b, 1));
    const T = minT + r() * (maxT - minT);
    const times = [0];
    let t = 0;
    for (;;) {
      t += -Math.log(1 - r()) / lambda;
      if (t > T) break;
      times.push(t);
      if (r() < p) break;
    }
    out.push({ x: times.length - 1, tx: times[times.length - 1]!, T, times });
  }
  return out;
}

const DAY = 86_400_000;

/**
 * Simulated histories (in days) as the extension stores customers: the first day ¥88 to ¥118, the repeat
 * days at a mean of their own (¥40 to ¥159, spread across buyers, as Gamma-Gamma expects).
 */
export function customersFromHistories(histories: readonly CustomerHistory[], now: number): Customer[] {
  return histories.map((h, i) => {
    const first = now - h.T * DAY;
    const days = h.x + 1;
    const firstDayFen = 8_800 + (i % 7) * 500;
    return {
      key: `taobao:id:B${i}`, platform: 'taobao', nick: `买家${i}`, buyerId: `B${i}`, identity: 'strong', orderCount: days,
      totalFen: firstDayFen + h.x * (4_000 + ((i * 7_919) % 120) * 100), firstPurchaseAt: first, lastPurchaseAt: first + h.tx * DAY, purchases: [], items: [],
      pieces: days, maxPieces: 1, itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: now, purchaseDays: days, firstDayFen,
    };
  });
}
