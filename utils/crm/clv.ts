// Who will come back, and what they are worth (客户终身价值 CLV): the BG/NBD model (Fader, Hardie and Lee,
// "Counting your customers the easy way", 2005) for whether a buyer is still active and how often they
// will buy, and the Gamma-Gamma model (Fader, Hardie and Lee 2005, "RFM and CLV") for what they spend.
// Pure; the same code fits the seller's shop in the extension and CDNOW on the command line.
//
// A customer is summarised as x, t_x, T (in any one time unit: the extension uses days, the CDNOW
// literature weeks):
//   x   = repeat transactions (days with a purchase after the first; several orders on one day are one),
//   t_x = time from the first purchase to the last,
//   T   = time from the first purchase to the end of the observation (now, or the calibration end).
//
// Numerically, everything is kept in logarithms, so long histories and large counts do not overflow,
// and the conditional expectation uses a form of the hypergeometric series that stays finite for every
// a, b > 0 (the textbook form divides by a − 1 and diverges as its argument nears 1; `lifetimes` returns
// NaN for a + b < 1 there).

// ---- Special functions ----

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0, to about 1e-15: Stirling's series after shifting x to 10 or more. */
export function lgamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  let shift = 0;
  let product = 1;
  while (x < 10) {
    product *= x;
    x += 1;
    // Keep the running product far from overflow (only reached from tiny x).
    if (product > 1e280) {
      shift += Math.log(product);
      product = 1;
    }
  }
  shift += Math.log(product);
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series = inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
}

/** ψ(x) = d ln Γ(x) / dx for x > 0: the asymptotic series after shifting x to 10 or more. */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  return acc + Math.log(x) - 0.5 / x - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
}

/** ln(e^p + e^q) without overflow; either may be −∞. */
function logAddExp(p: number, q: number): number {
  if (p === -Infinity) return q;
  if (q === -Infinity) return p;
  return p > q ? p + Math.log1p(Math.exp(q - p)) : q + Math.log1p(Math.exp(p - q));
}

// ---- Optimiser ----

export interface Minimum {
  /** The minimising point. */
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  /** The gradient fell below the tolerance (or the value stopped moving) before the iteration limit. */
  converged: boolean;
}

/**
 * BFGS with a backtracking (Armijo) line search, for smooth objectives of a few variables. Points where
 * the objective is not finite are treated as infinitely bad, so the search backs off from them; the
 * inverse-Hessian update is skipped when the curvature condition fails, which keeps it positive definite.
 */
export function minimizeBfgs(
  f: (x: readonly number[]) => { value: number; grad: number[] },
  x0: readonly number[],
  opts: { maxIterations?: number; gradTolerance?: number; bounds?: number } = {},
): Minimum {
  return runSteps(bfgsSteps(f, x0, opts));
}

/**
 * A computation that pauses (yields) between pieces of work of a few milliseconds at most, so a caller
 * on a busy thread (the service worker answering badges) can let other work run between them. The
 * result is the same whether it is run through at once (runSteps) or in slices.
 */
export type Steps<T> = Generator<void, T, void>;

/** Run a computation through at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** minimizeBfgs, pausing after every evaluation of the objective. */
export function* bfgsSteps(
  f: (x: readonly number[]) => { value: number; grad: number[] },
  x0: readonly number[],
  opts: { maxIterations?: number; gradTolerance?: number; bounds?: number } = {},
): Steps<Minimum> {
  const n = x0.length;
  const maxIterations = opts.maxIterations ?? 500;
  const gtol = opts.gradTolerance ?? 1e-9;
  const bound = opts.bounds ?? Infinity;
  const clamp = (v: number[]) => v.map((e) => Math.min(bound, Math.max(-bound, e)));
  let x = clamp([...x0]);
  let cur = f(x);
  let evaluations = 1;
  yield;
  if (!Number.isFinite(cur.value) || cur.grad.some((g) => !Number.isFinite(g))) {
    return { x, value: cur.value, iterations: 0, evaluations, converged: false };
  }
  let H = identity(n);
  let fresh = true;
  let stalled = 0;
  for (let it = 1; it <= maxIterations; it++) {
    if (maxAbs(cur.grad) < gtol) return { x, value: cur.value, iterations: it - 1, evaluations, converged: true };
    let dir = H.map((row) => -dot(row, cur.grad));
    let slope = dot(dir, cur.grad);
    if (!(slope < 0)) {
      // Not a descent direction (H lost its way): restart from steepest descent.
      H = identity(n);
      fresh = true;
      dir = cur.grad.map((g) => -g);
      slope = dot(dir, cur.grad);
    }
    // Never step more than 5 in log-parameters at once: e^5 is a 150-fold change.
    const longest = maxAbs(dir);
    let step = longest > 5 ? 5 / longest : 1;
    let next: { value: number; grad: number[] } | undefined;
    let xNext: number[] = x;
    for (let tries = 0; tries < 60; tries++) {
      xNext = clamp(x.map((v, i) => v + step * dir[i]!));
      const candidate = f(xNext);
      evaluations++;
      yield;
      if (Number.isFinite(candidate.value) && candidate.value <= cur.value + 1e-4 * step * slope && candidate.grad.every(Number.isFinite)) {
        next = candidate;
        break;
      }
      step *= 0.5;
    }
    if (!next) return { x, value: cur.value, iterations: it, evaluations, converged: maxAbs(cur.grad) < gtol * 1e3 };
    const s = xNext.map((v, i) => v - x[i]!);
    const y = next.grad.map((g, i) => g - cur.grad[i]!);
    const sy = dot(s, y);
    const change = cur.value - next.value;
    x = xNext;
    cur = next;
    if (sy > 1e-14 * Math.sqrt(dot(s, s) * dot(y, y))) {
      // Before the first update, scale H to the curvature just seen (Nocedal and Wright, eq. 6.20):
      // the identity's step length says nothing about the objective's scale.
      if (it === 1 || fresh) {
        const scale = sy / dot(y, y);
        H = identity(n).map((row) => row.map((v) => v * scale));
        fresh = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = H.map((row) => dot(row, y));
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i]![j] = H[i]![j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }
    // Converged when the value has stopped moving for a few steps (flat ridges: a single customer).
    stalled = change <= 1e-15 * Math.max(1, Math.abs(cur.value)) ? stalled + 1 : 0;
    if (stalled >= 3) return { x, value: cur.value, iterations: it, evaluations, converged: true };
  }
  return { x, value: cur.value, iterations: maxIterations, evaluations, converged: maxAbs(cur.grad) < gtol };
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
function maxAbs(a: readonly number[]): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

// ---- Customers ----

/** One customer as the models see them (see the top of this file); m is the mean spend of the repeat transactions. */
export interface CustomerHistory {
  x: number;
  tx: number;
  T: number;
  /** Mean value of the repeat transactions (the first is left out, as Fader and Hardie do); 0 without repeats. */
  m?: number;
}

/** A purchase: whose, which day (an integer day number), how much. */
export interface Purchase {
  customer: string;
  day: number;
  amount: number;
}

/**
 * Purchases up to and including `endDay` summarised per customer, in days. Several purchases by one
 * customer on one day are one transaction of their summed amount. Customers whose first purchase is
 * after `endDay` are left out. T counts from the first purchase to `endDay` (a buyer whose first
 * purchase is on the last day has T = 0).
 */
export function summarisePurchases(purchases: Iterable<Purchase>, endDay: number): Map<string, CustomerHistory> {
  const days = new Map<string, Map<number, number>>();
  for (const p of purchases) {
    if (p.day > endDay) continue;
    let byDay = days.get(p.customer);
    if (!byDay) days.set(p.customer, (byDay = new Map()));
    byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.amount);
  }
  const out = new Map<string, CustomerHistory>();
  for (const [customer, byDay] of days) {
    const sorted = [...byDay.keys()].sort((a, b) => a - b);
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;
    let repeatSpend = 0;
    for (let i = 1; i < sorted.length; i++) repeatSpend += byDay.get(sorted[i]!)!;
    const x = sorted.length - 1;
    out.set(customer, { x, tx: last - first, T: endDay - first, m: x > 0 ? repeatSpend / x : 0 });
  }
  return out;
}

// ---- BG/NBD ----

/** r, α: the Gamma mixing of purchase rates λ; a, b: the Beta mixing of the drop-out probability p. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** The log-likelihood of one customer's history (FHL 2005, eq. 6, in logarithms). */
export function bgnbdLogLikelihood(p: BgNbdParams, h: CustomerHistory): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = h;
  const common = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
  const stillActive = -(r + x) * Math.log(alpha + T);
  const droppedOut = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return common + logAddExp(stillActive, droppedOut);
}

export interface FitOptions {
  /** L2 penalty on the parameters (not their logarithms), per customer, as in `lifetimes`. 0 by default. */
  penalty?: number;
  maxIterations?: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Total log-likelihood at the fit (without the penalty). */
  ll: number;
  customers: number;
  converged: boolean;
  iterations: number;
  evaluations: number;
}

/** Log-parameters are kept within ±LOG_BOUND: e^±25 is beyond any real shop, and keeps every term finite. */
const LOG_BOUND = 25;

/**
 * Customers grouped by identical (x, t_x, T), with per-x terms computed once per distinct x: a fit
 * evaluates the likelihood a few hundred times, and most of the work is then a few logarithms per group.
 */
interface Groups {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Index of each group's x among the distinct xs. */
  xi: Int32Array;
  xs: number[];
  total: number;
}

/** Histories read between pauses by the fits' preparation (5,000 take a few milliseconds). */
const HISTORIES_PER_STEP = 5_000;

function* groupHistories(histories: readonly CustomerHistory[]): Steps<Groups> {
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  let seen = 0;
  for (const h of histories) {
    if (++seen % HISTORIES_PER_STEP === 0) yield;
    if (!(h.x >= 0 && h.tx >= 0 && h.T >= h.tx) || !Number.isFinite(h.T)) throw new RangeError(`bad history x=${h.x} tx=${h.tx} T=${h.T}`);
    const k = `${h.x}|${h.tx}|${h.T}`;
    const at = index.get(k);
    if (at !== undefined) w[at]!++;
    else {
      index.set(k, x.length);
      x.push(h.x);
      tx.push(h.tx);
      T.push(h.T);
      w.push(1);
    }
  }
  const xs = [...new Set(x)].sort((p, q) => p - q);
  const xIndex = new Map(xs.map((v, i) => [v, i]));
  return {
    x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), w: Float64Array.from(w),
    xi: Int32Array.from(x, (v) => xIndex.get(v)!), xs, total: histories.length,
  };
}

/** Minus the mean log-likelihood plus the penalty, and its gradient in log-parameters. */
function bgnbdObjective(g: Groups, penalty: number) {
  const m = g.xs.length;
  const perX = new Float64Array(m);
  const dRx = new Float64Array(m);
  const dAx = new Float64Array(m);
  const dBx = new Float64Array(m);
  const logBx1 = new Float64Array(m);
  return (theta: readonly number[]) => {
    const [r, alpha, a, b] = theta.map(Math.exp) as [number, number, number, number];
    const constant = -lgamma(r) + r * Math.log(alpha) + lgamma(a + b) - lgamma(b);
    const dConst = { r: -digamma(r) + Math.log(alpha), a: digamma(a + b), b: digamma(a + b) - digamma(b) };
    for (let i = 0; i < m; i++) {
      const x = g.xs[i]!;
      perX[i] = lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x);
      dRx[i] = digamma(r + x);
      dAx[i] = -digamma(a + b + x);
      dBx[i] = digamma(b + x) - digamma(a + b + x);
      logBx1[i] = x > 0 ? Math.log(b + x - 1) : 0;
    }
    const logA = Math.log(a);
    let ll = 0;
    let gr = 0, gal = 0, ga = 0, gb = 0;
    for (let k = 0; k < g.x.length; k++) {
      const x = g.x[k]!;
      const i = g.xi[k]!;
      const w = g.w[k]!;
      const lT = Math.log(alpha + g.T[k]!);
      const stillActive = -(r + x) * lT;
      let total = stillActive;
      let share = 0; // weight of the dropped-out term
      let ltx = 0;
      if (x > 0) {
        ltx = Math.log(alpha + g.tx[k]!);
        const droppedOut = logA - logBx1[i]! - (r + x) * ltx;
        total = logAddExp(stillActive, droppedOut);
        share = Math.exp(droppedOut - total);
      }
      ll += w * (constant + perX[i]! + total);
      const keep = 1 - share;
      gr += w * (dConst.r + dRx[i]! - keep * lT - share * ltx);
      gal += w * (r / alpha - (r + x) * (keep / (alpha + g.T[k]!) + (x > 0 ? share / (alpha + g.tx[k]!) : 0)));
      ga += w * (dConst.a + dAx[i]! + share / a);
      gb += w * (dConst.b + dBx[i]! - (x > 0 ? share / (b + x - 1) : 0));
    }
    const n = g.total;
    const pen = penalty * (r * r + alpha * alpha + a * a + b * b);
    return {
      value: -ll / n + pen,
      ll,
      // d/d(log θ) = θ · d/dθ
      grad: [
        r * (-gr / n + 2 * penalty * r),
        alpha * (-gal / n + 2 * penalty * alpha),
        a * (-ga / n + 2 * penalty * a),
        b * (-gb / n + 2 * penalty * b),
      ],
    };
  };
}

/** Log-parameters this close to the bounds mean the search ran off along a ridge. */
const atBound = (m: Minimum) => m.x.some((v) => Math.abs(v) > LOG_BOUND - 1);

/** The first start's result when it converged inside the bounds; otherwise the best of all starts. */
function* bestOf(starts: number[][], run: (start: number[]) => Steps<Minimum>): Steps<Minimum> {
  let best: Minimum | undefined;
  for (const start of starts) {
    const found = yield* run(start);
    if (!best || (found.converged && !best.converged) || (found.converged === best.converged && found.value < best.value)) best = found;
    if (best.converged && !atBound(best)) break;
  }
  return best!;
}

/**
 * The maximum-likelihood BG/NBD fit. Parameters are searched in logarithms (so they stay positive)
 * from several starting points; the best converged fit wins. Throws on an empty or invalid input.
 */
export function fitBgNbd(histories: readonly CustomerHistory[], opts: FitOptions = {}): BgNbdFit {
  return runSteps(fitBgNbdSteps(histories, opts));
}

/** fitBgNbd, pausing after every evaluation of the likelihood. */
export function* fitBgNbdSteps(histories: readonly CustomerHistory[], opts: FitOptions = {}): Steps<BgNbdFit> {
  if (histories.length === 0) throw new RangeError('no customers to fit');
  const groups = yield* groupHistories(histories);
  yield;
  const objective = bgnbdObjective(groups, opts.penalty ?? 0);
  // α is on the scale of the time unit: start it at the mean age, the rest at 1 (and, should that not
  // converge to an interior point, a second try at the usual shapes).
  let meanT = 0;
  for (let k = 0; k < groups.T.length; k++) meanT += groups.T[k]! * groups.w[k]!;
  meanT = Math.max(1e-6, meanT / groups.total);
  const starts = [
    [0, Math.log(meanT), 0, 0],
    [Math.log(0.5), Math.log(meanT / 4), Math.log(0.8), Math.log(2.5)],
  ];
  const best = yield* bestOf(starts, (start) => bfgsSteps(objective, start, { maxIterations: opts.maxIterations ?? 1000, bounds: LOG_BOUND }));
  const [r, alpha, a, b] = best!.x.map(Math.exp) as [number, number, number, number];
  return {
    params: { r, alpha, a, b },
    ll: objective(best!.x).ll,
    customers: groups.total,
    converged: best!.converged,
    iterations: best!.iterations,
    evaluations: best!.evaluations,
  };
}

/**
 * P(alive | x, t_x, T): the chance the customer has not dropped out. BG/NBD lets a customer drop out
 * only right after a repeat purchase, so a customer with no repeat purchase is always "alive" (1): the
 * product does not show this number for them.
 */
export function pAlive(p: BgNbdParams, h: CustomerHistory): number {
  if (h.x <= 0) return 1;
  const { r, alpha, a, b } = p;
  const logOdds = Math.log(a) - Math.log(b + h.x - 1) + (r + h.x) * (Math.log(alpha + h.T) - Math.log(alpha + h.tx));
  // 1 / (1 + e^logOdds), without overflow either way.
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | x, t_x, T]: purchases expected in the next t time units (FHL 2005, eq. 10).
 *
 * The textbook form is (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)] · P(alive),
 * z = t/(α+T+t). Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns it into
 *   [ −C·ln(1−z)·(e^u − 1)/u − e^u · Σₙ≥₁ (C−r−x)ₙ (a)ₙ₋₁ / ((C+1)ₙ₋₁ n!) zⁿ ] · P(alive),
 * with C = a+b+x−1 and u = (a−1)·ln(1−z). This has no pole at a = 1, no pole at C = 0 (a + b = 1 with
 * x = 0), its terms are small (so large x cannot overflow), and it converges at least as fast as zⁿ.
 */
export function expectedPurchases(p: BgNbdParams, h: CustomerHistory, t: number): number {
  if (!(t > 0)) return 0;
  const { r, alpha, a, b } = p;
  const C = a + b + h.x - 1;
  const A = a + b - 1 - r;
  const ratio = t / (alpha + h.T);
  const z = ratio / (1 + ratio);
  const L = -Math.log1p(ratio); // ln(1 − z)
  const u = (a - 1) * L;
  const expm1OverU = u === 0 ? 1 : Math.expm1(u) / u;
  let term = A * z;
  let sum = term;
  let converged = false;
  for (let n = 1; n < SERIES_TERMS; n++) {
    term *= ((A + n) * (a + n - 1) * z) / ((C + n) * (n + 1));
    sum += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(sum) || term === 0) {
      converged = true;
      break;
    }
  }
  // z within about 1e-4 of 1 (a horizon thousands of times α + T, as after a degenerate fit) would need
  // millions of terms: the integral is taken directly instead.
  if (!converged) return expectedPurchasesByQuadrature(p, h, ratio);
  const value = (-C * L * expm1OverU - Math.exp(u) * sum) * pAlive(p, h);
  return Math.max(0, value);
}

const SERIES_TERMS = 100_000;

/**
 * E[Y(t) | x, t_x, T] as the integral it comes from (ratio = t/(α+T)): a customer still active with drop-out chance p
 * expects (1/p)·(1 − (1 + p·t/(α+T))^−(r+x)) more purchases (the purchase rate integrated out), averaged
 * over p's posterior Beta(a, b+x), times P(alive). Tanh-sinh quadrature on p ∈ (0, 1): its nodes crowd
 * doubly exponentially to both ends, where the Beta density may be infinite and where the sharp change
 * at p ≈ (α+T)/t lies; weights are kept in logarithms and normalised, so no Beta function is needed.
 */
export function expectedPurchasesByQuadrature(p: BgNbdParams, h: CustomerHistory, ratio: number): number {
  const { r, a, b } = p;
  const k = r + h.x;
  const step = 1 / 32;
  const logW: number[] = [];
  const g: number[] = [];
  for (let s = -6; s <= 6 + 1e-9; s += step) {
    const v = (Math.PI / 2) * Math.sinh(s);
    // p = (1 + tanh v)/2 and 1 − p, each without cancellation; dp/ds = π·cosh(s)·p·(1 − p).
    const logP = -Math.log1p(Math.exp(-2 * v));
    const logQ = -Math.log1p(Math.exp(2 * v));
    const prob = Math.exp(logP);
    if (prob === 0 || logQ === -Infinity) continue;
    logW.push(a * logP + (b + h.x) * logQ + Math.log(Math.PI * Math.cosh(s)));
    g.push(-Math.expm1(-k * Math.log1p(prob * ratio)) / prob);
  }
  const top = Math.max(...logW);
  let num = 0;
  let den = 0;
  for (let i = 0; i < g.length; i++) {
    const w = Math.exp(logW[i]! - top);
    num += w * g[i]!;
    den += w;
  }
  return (num / den) * pAlive(p, h);
}

// ---- Gamma-Gamma ----

/** p, q, γ: spend per transaction is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  ll: number;
  customers: number;
  converged: boolean;
  iterations: number;
}

/** The log-likelihood of a customer's mean repeat spend m over x transactions (x ≥ 1, m > 0). */
export function gammaGammaLogLikelihood(gg: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = gg;
  const px = p * x;
  return lgamma(px + q) - lgamma(px) - lgamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + m * x);
}

/**
 * The maximum-likelihood Gamma-Gamma fit over customers with at least one repeat purchase and a
 * positive mean spend (the others carry no information about spend per transaction and are skipped).
 */
export function fitGammaGamma(histories: readonly CustomerHistory[], opts: FitOptions = {}): GammaGammaFit {
  return runSteps(fitGammaGammaSteps(histories, opts));
}

/** fitGammaGamma, pausing after every evaluation of the likelihood. */
export function* fitGammaGammaSteps(histories: readonly CustomerHistory[], opts: FitOptions = {}): Steps<GammaGammaFit> {
  const xs: number[] = [];
  const ms: number[] = [];
  let seen = 0;
  for (const h of histories) {
    if (++seen % HISTORIES_PER_STEP === 0) yield;
    if (h.x >= 1 && (h.m ?? 0) > 0 && Number.isFinite(h.m)) {
      xs.push(h.x);
      ms.push(h.m!);
    }
  }
  if (xs.length === 0) throw new RangeError('no repeat buyers with spend to fit');
  const n = xs.length;
  const penalty = opts.penalty ?? 0;
  const logM = ms.map(Math.log);
  const logX = xs.map(Math.log);
  // The Gamma functions depend on x alone: computed once per distinct x (a shop has a few dozen), the
  // same values in the same sums as per customer, so the fit is unchanged and several times faster.
  const distinct = [...new Set(xs)];
  const at = new Map(distinct.map((x, i) => [x, i]));
  const xi = Int32Array.from(xs, (x) => at.get(x)!);
  yield;
  const lgPxq = new Float64Array(distinct.length);
  const lgPx = new Float64Array(distinct.length);
  const dgPxq = new Float64Array(distinct.length);
  const dgPx = new Float64Array(distinct.length);
  const objective = (theta: readonly number[]) => {
    const [p, q, gamma] = theta.map(Math.exp) as [number, number, number];
    let ll = 0, gp = 0, gq = 0, gg = 0;
    const lgq = lgamma(q), dq = digamma(q), lg = Math.log(gamma);
    for (let j = 0; j < distinct.length; j++) {
      const px = p * distinct[j]!;
      lgPxq[j] = lgamma(px + q);
      lgPx[j] = lgamma(px);
      dgPxq[j] = digamma(px + q);
      dgPx[j] = digamma(px);
    }
    for (let i = 0; i < n; i++) {
      const x = xs[i]!, m = ms[i]!, j = xi[i]!;
      const px = p * x;
      const lden = Math.log(gamma + m * x);
      const dpxq = dgPxq[j]!;
      ll += lgPxq[j]! - lgPx[j]! - lgq + q * lg + (px - 1) * logM[i]! + px * logX[i]! - (px + q) * lden;
      gp += x * (dpxq - dgPx[j]! + logM[i]! + logX[i]! - lden);
      gq += dpxq - dq + lg - lden;
      gg += q / gamma - (px + q) / (gamma + m * x);
    }
    return {
      value: -ll / n + penalty * (p * p + q * q + gamma * gamma),
      ll,
      grad: [p * (-gp / n + 2 * penalty * p), q * (-gq / n + 2 * penalty * q), gamma * (-gg / n + 2 * penalty * gamma)],
    };
  };
  let meanM = 0;
  for (const m of ms) meanM += m / n;
  const starts = [[0, 0, 0], [Math.log(5), Math.log(3), Math.log(Math.max(1e-6, meanM))]];
  const best = yield* bestOf(starts, (start) => bfgsSteps(objective, start, { maxIterations: opts.maxIterations ?? 1000, bounds: LOG_BOUND }));
  const [p, q, gamma] = best!.x.map(Math.exp) as [number, number, number];
  return { params: { p, q, gamma }, ll: objective(best!.x).ll, customers: n, converged: best!.converged, iterations: best!.iterations };
}

/**
 * E[spend per transaction | x, m]: the customer's own mean shrunk toward the shop's, the more so the
 * fewer their transactions. Needs q > 1 (the shop's mean is then finite); otherwise, and without
 * repeat purchases, the shop's mean pγ/(q−1) or, failing that, the customer's own mean.
 */
export function expectedSpend(gg: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = gg;
  if (!(q > 1)) return x > 0 ? m : NaN;
  const shopMean = (p * gamma) / (q - 1);
  if (x <= 0 || !(m > 0)) return shopMean;
  const weight = (p * x) / (p * x + q - 1);
  return (1 - weight) * shopMean + weight * m;
}

export interface ClvOptions {
  /** How far ahead, in the model's time unit. */
  horizon: number;
  /** Length of one discounting period, in the model's time unit (30 for months in days). */
  period: number;
  /** Discount rate per period (0.01 = 1% a month). */
  discountRate: number;
}

/**
 * Customer lifetime value over the horizon: the purchases expected in each period times the expected
 * spend, discounted to today at the end of each period (as `lifetimes` does).
 */
export function customerValue(bg: BgNbdParams, spend: number, h: CustomerHistory, o: ClvOptions): number {
  if (!(spend > 0)) return 0;
  let value = 0;
  let before = 0;
  const periods = Math.max(1, Math.ceil(o.horizon / o.period));
  for (let i = 1; i <= periods; i++) {
    const t = Math.min(o.horizon, i * o.period);
    const upTo = expectedPurchases(bg, h, t);
    value += ((upTo - before) * spend) / Math.pow(1 + o.discountRate, i);
    before = upTo;
  }
  return value;
}
