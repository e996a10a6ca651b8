import { describe, expect, it } from 'vitest';
import {
  bgnbdLogLikelihood,
  customerValue,
  digamma,
  expectedPurchases,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  lgamma,
  minimizeBfgs,
  pAlive,
  summarisePurchases,
  type BgNbdParams,
  type CustomerHistory,
  type GammaGammaParams,
} from './clv';
import { mulberry32 } from './random';

// ---- Helpers written for these tests, independent of clv.ts ----

const EULER_GAMMA = 0.5772156649015329;

/** |got − want| ≤ tol · max(|want|, tiny): a relative check that also works at 0. */
function expectRel(got: number, want: number, tol: number, tiny = 1e-300): void {
  expect(Number.isFinite(got)).toBe(true);
  const err = Math.abs(got - want) / Math.max(Math.abs(want), tiny);
  if (!(err <= tol)) throw new Error(`got ${got}, want ${want}: relative error ${err} > ${tol}`);
}

/** Standard normal by Box–Muller. */
function normal(rng: () => number): number {
  const u = 1 - rng(); // (0, 1]
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, rate 1) by Marsaglia and Tsang (2000); shape < 1 by the boost Gamma(k+1)·U^(1/k). */
function gammaSample(rng: () => number, shape: number): number {
  if (shape < 1) {
    const u = 1 - rng();
    return gammaSample(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal(rng);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b) as G_a / (G_a + G_b). */
function betaSample(rng: () => number, a: number, b: number): number {
  const x = gammaSample(rng, a);
  const y = gammaSample(rng, b);
  return x / (x + y);
}

/**
 * BG/NBD customers: λ ~ Gamma(r, rate α), p ~ Beta(a, b); the first purchase is at 0 (not counted),
 * repeat purchases arrive as a Poisson process of rate λ, and after each repeat the customer drops out
 * with probability p. Observed until T, drawn uniformly from [tMin, tMax].
 */
function simulateBgNbd(seed: number, n: number, pr: BgNbdParams, tMin: number, tMax: number): CustomerHistory[] {
  const rng = mulberry32(seed);
  const out: CustomerHistory[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gammaSample(rng, pr.r) / pr.alpha;
    const p = betaSample(rng, pr.a, pr.b);
    const T = tMin + (tMax - tMin) * rng();
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - rng()) / lambda;
      if (!(t <= T)) break;
      x++;
      tx = t;
      if (rng() < p) break;
    }
    out.push({ x, tx, T });
  }
  return out;
}

function totalLl(pr: BgNbdParams, hs: readonly CustomerHistory[]): number {
  let s = 0;
  for (const h of hs) s += bgnbdLogLikelihood(pr, h);
  return s;
}

/** P(alive), written out from FHL 2005 eq. 11 (not taken from clv.ts). */
function pAliveRef(pr: BgNbdParams, h: CustomerHistory): number {
  if (h.x === 0) return 1;
  const logOdds = Math.log(pr.a / (pr.b + h.x - 1)) + (pr.r + h.x) * Math.log((pr.alpha + h.T) / (pr.alpha + h.tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** ln cosh u without overflow. */
function logCosh(u: number): number {
  const v = Math.abs(u);
  return v + Math.log1p(Math.exp(-2 * v)) - Math.LN2;
}

/**
 * Tanh-sinh (double exponential) quadrature of one piece of length `len`: f receives the distances of
 * the node from the two ends (both accurate even next to an end) and returns [ln weight, value]; the sum
 * accumulates Σ e^(ln weight)·[1, value]. Algebraic singularities at the ends (p^(a−1), (1−p)^(b+x−1))
 * cost nothing extra with this rule.
 */
function tanhSinhPiece(len: number, h: number, f: (dLo: number, dHi: number) => [number, number], acc: [number, number]): void {
  const half = len / 2;
  const tMax = 5.5; // ends reached to e^(−2·π/2·sinh 5.5) ≈ 1e-167 of the piece: no truncation left
  const steps = Math.ceil(tMax / h);
  for (let k = -steps; k <= steps; k++) {
    const t = k * h;
    const u = (Math.PI / 2) * Math.sinh(t);
    const lc = logCosh(u);
    const logJac = Math.log(half * (Math.PI / 2) * Math.cosh(t) * h) - 2 * lc;
    const dLo = half * Math.exp(u - lc);
    const dHi = half * Math.exp(-u - lc);
    if (!(dLo > 0 && dHi > 0)) continue;
    const [lw, g] = f(dLo, dHi);
    const w = Math.exp(lw + logJac);
    acc[0] += w;
    acc[1] += w * g;
  }
}

/**
 * E[Y(t) | x, t_x, T] = P(alive) · ∫₀¹ (1/p)·[1 − ((α+T)/(α+T+p·t))^(r+x)] · Beta(p; a, b+x) dp, by
 * quadrature: the integral over λ is done in closed form (Gamma posterior), the one over p numerically,
 * as ∫ g·w / ∫ w with w = p^(a−1)(1−p)^(b+x−1), so no Beta function (and no lgamma from clv.ts) is
 * needed. [0, 1] is cut into dyadic pieces towards both ends (…, [1/8, 1/4], [1/4, 1/2] and their
 * mirror images) so that a posterior concentrated near 0 (large x) or g varying on a scale of
 * (α+T)/((r+x)t) is resolved. Returns the value at step h and at h/2 so the caller can see it converged.
 */
function expectedPurchasesByQuadrature(pr: BgNbdParams, hs: CustomerHistory, t: number): { value: number; coarse: number } {
  const { r, alpha, a, b } = pr;
  const rx = r + hs.x;
  const c = b + hs.x;
  const k = t / (alpha + hs.T);
  // g(p) = (1 − (1 + p·k)^(−(r+x))) / p, accurate for tiny p.
  const g = (p: number) => -Math.expm1(-rx * Math.log1p(p * k)) / p;
  const lower = (dLo: number): [number, number] => [(a - 1) * Math.log(dLo) + (c - 1) * Math.log1p(-dLo), g(dLo)];
  const upper = (q: number): [number, number] => [(a - 1) * Math.log1p(-q) + (c - 1) * Math.log(q), g(1 - q)];
  const run = (h: number) => {
    const acc: [number, number] = [0, 0];
    const K = 30;
    for (let j = 0; j <= K; j++) {
      // Piece j: [2^−(j+1), 2^−j] for j ≥ 1, [0, 2^−K] last; mirrored for the upper half.
      const lo = j === K ? 0 : Math.pow(2, -(j + 1));
      const hi = j === K ? Math.pow(2, -K) : Math.pow(2, -j);
      if (j === 0) continue;
      tanhSinhPiece(hi - lo, h, (dLo) => lower(lo + dLo), acc);
      tanhSinhPiece(hi - lo, h, (dLo) => upper(lo + dLo), acc);
    }
    return (acc[1] / acc[0]) * pAliveRef(pr, hs);
  };
  return { value: run(1 / 16), coarse: run(1 / 8) };
}

/** The textbook closed form (FHL 2005 eq. 10) with ₂F₁ summed term by term: only for a > 1 and small z. */
function expectedPurchasesTextbook(pr: BgNbdParams, h: CustomerHistory, t: number): number {
  const { r, alpha, a, b } = pr;
  const { x, T } = h;
  const z = t / (alpha + T + t);
  const A = r + x, B = b + x, C = a + b + x - 1;
  let term = 1;
  let f = 1;
  for (let n = 0; n < 10_000; n++) {
    term *= ((A + n) * (B + n) * z) / ((C + n) * (n + 1));
    f += term;
    if (Math.abs(term) < 1e-17 * f) break;
  }
  const num = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * f);
  return num * pAliveRef(pr, h);
}

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };


// ---- Special functions ----

describe('lgamma', () => {
  it('matches known values', () => {
    // Γ(1) = Γ(2) = 1; Γ(1/2) = √π; Γ(10) = 9! = 362880; Γ(3.5) = (15/8)√π.
    expect(Math.abs(lgamma(1))).toBeLessThan(1e-13);
    expect(Math.abs(lgamma(2))).toBeLessThan(1e-13);
    expectRel(lgamma(0.5), 0.5 * Math.log(Math.PI), 1e-12);
    expectRel(lgamma(10), Math.log(362880), 1e-12);
    expectRel(lgamma(3.5), Math.log(15 / 8) + 0.5 * Math.log(Math.PI), 1e-12);
    // ln 99! = Σ ln k, k = 2..99.
    let logFact = 0;
    for (let k = 2; k <= 99; k++) logFact += Math.log(k);
    expectRel(lgamma(100), logFact, 1e-12);
  });

  it('is right for tiny and huge arguments', () => {
    // ln Γ(x) = −ln x − γx + O(x²) as x → 0: at 1e-8 the O(x²) term is ~1e-16.
    expectRel(lgamma(1e-8), -Math.log(1e-8) - EULER_GAMMA * 1e-8, 1e-12);
    expectRel(lgamma(1e-300), -Math.log(1e-300), 1e-12);
    // Stirling: (x − ½)ln x − x + ½ln 2π + 1/(12x) − 1/(360x³); the next term is ~1e-32 at x = 1e6.
    const x = 1e6;
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
    expectRel(lgamma(x), stirling, 1e-12);
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-1)).toBeNaN();
  });

  it('satisfies the recurrence and Legendre duplication formula', () => {
    // ln Γ(x+1) − ln Γ(x) = ln x; ln Γ(2x) = (2x−1) ln 2 + ln Γ(x) + ln Γ(x+½) − ½ ln π.
    const rng = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      const x = Math.exp(-6 + 14 * rng()); // 0.0025 … 2.2e3
      expect(Math.abs(lgamma(x + 1) - lgamma(x) - Math.log(x))).toBeLessThan(1e-12 * Math.max(1, Math.abs(lgamma(x))));
      const dup = (2 * x - 1) * Math.LN2 + lgamma(x) + lgamma(x + 0.5) - 0.5 * Math.log(Math.PI);
      expect(Math.abs(lgamma(2 * x) - dup)).toBeLessThan(1e-12 * Math.max(1, Math.abs(dup)));
    }
  });
});

describe('digamma', () => {
  it('matches known values', () => {
    // ψ(1) = −γ; ψ(½) = −γ − 2 ln 2; ψ(n) = −γ + Σ_{k<n} 1/k.
    expectRel(digamma(1), -EULER_GAMMA, 1e-12);
    expectRel(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2, 1e-12);
    expectRel(digamma(5), -EULER_GAMMA + 1 + 1 / 2 + 1 / 3 + 1 / 4, 1e-12);
    // ψ(x) = −1/x − γ + (π²/6)x + O(x²) near 0.
    expectRel(digamma(1e-8), -1e8 - EULER_GAMMA + (Math.PI ** 2 / 6) * 1e-8, 1e-12);
    // ψ(x) = ln x − 1/(2x) − 1/(12x²) + O(x⁻⁴) for large x.
    expectRel(digamma(1e6), Math.log(1e6) - 0.5e-6 - 1 / 12e12, 1e-12);
    expect(digamma(0)).toBeNaN();
  });

  it('satisfies the recurrence and is the derivative of lgamma', () => {
    // ψ(x+1) − ψ(x) = 1/x; and a central difference of lgamma (error ~h² ψ'' /6 + rounding).
    const rng = mulberry32(11);
    for (let i = 0; i < 200; i++) {
      const x = Math.exp(-5 + 12 * rng());
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThan(1e-12 * Math.max(1, 1 / x));
      if (x > 0.05) {
        const h = 1e-5 * x;
        const fd = (lgamma(x + h) - lgamma(x - h)) / (2 * h);
        expect(Math.abs(fd - digamma(x))).toBeLessThan(1e-6 * Math.max(1, Math.abs(digamma(x))));
      }
    }
  });
});

describe('minimizeBfgs', () => {
  it('finds the minimum of the Rosenbrock function from the classic start', () => {
    // f = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1); start (−1.2, 1).
    const res = minimizeBfgs(([x, y]) => {
      const X = x!, Y = y!;
      return {
        value: (1 - X) ** 2 + 100 * (Y - X * X) ** 2,
        grad: [-2 * (1 - X) - 400 * X * (Y - X * X), 200 * (Y - X * X)],
      };
    }, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(Math.abs(res.x[0]! - 1)).toBeLessThan(1e-6);
    expect(Math.abs(res.x[1]! - 1)).toBeLessThan(1e-6);
    expect(res.value).toBeLessThan(1e-12);
  });
});

// ---- BG/NBD likelihood ----

describe('bgnbdLogLikelihood', () => {
  it('equals FHL 2005 eq. 6 written with plain products for small x', () => {
    // L = B(a,b+x)/B(a,b)·Γ(r+x)α^r/(Γ(r)(α+T)^(r+x)) + [x>0]·B(a+1,b+x−1)/B(a,b)·Γ(r+x)α^r/(Γ(r)(α+t_x)^(r+x)),
    // with Γ(r+x)/Γ(r) = Π(r+k), B(a,b+x)/B(a,b) = Π(b+k)/(a+b+k), B(a+1,b+x−1)/B(a,b) = a·Π_{k<x−1}(b+k)/Π_{k<x}(a+b+k).
    for (const pr of [CDNOW, { r: 2, alpha: 30, a: 2.5, b: 4 }, { r: 0.5, alpha: 10, a: 0.3, b: 0.4 }]) {
      for (const h of [{ x: 0, tx: 0, T: 10 }, { x: 1, tx: 3, T: 20 }, { x: 2, tx: 30.43, T: 38.86 }, { x: 7, tx: 50, T: 52 }]) {
        const { r, alpha, a, b } = pr;
        let gammaRatio = 1, betaActive = 1, betaDropped = a / (a + b + h.x - 1);
        for (let k = 0; k < h.x; k++) {
          gammaRatio *= r + k;
          betaActive *= (b + k) / (a + b + k);
          if (k < h.x - 1) betaDropped *= (b + k) / (a + b + k);
        }
        const active = betaActive * gammaRatio * alpha ** r / (alpha + h.T) ** (r + h.x);
        const dropped = h.x > 0 ? betaDropped * gammaRatio * alpha ** r / (alpha + h.tx) ** (r + h.x) : 0;
        expectRel(bgnbdLogLikelihood(pr, h), Math.log(active + dropped), 1e-12);
      }
    }
  });
});

// ---- Conditional expectation ----

describe('expectedPurchases', () => {
  const paramSets: [string, BgNbdParams][] = [
    ['CDNOW, a < 1', CDNOW],
    ['a = 1 exactly', { r: 0.5, alpha: 10, a: 1, b: 2.5 }],
    ['a > 1', { r: 2, alpha: 30, a: 2.5, b: 4 }],
    ['a + b < 1', { r: 0.5, alpha: 10, a: 0.3, b: 0.4 }],
    ['a > 1, b < 1, small α', { r: 0.8, alpha: 0.5, a: 1.7, b: 0.2 }],
    ['a just above 1 (u ≈ 0 in the Euler form)', { r: 0.5, alpha: 10, a: 1 + 1e-9, b: 2.5 }],
    ['a + b = 1 exactly (the textbook a+b+x−1 = 0 at x = 0)', { r: 0.5, alpha: 10, a: 0.4, b: 0.6 }],
  ];
  const histories: CustomerHistory[] = [
    { x: 0, tx: 0, T: 0 },
    { x: 0, tx: 0, T: 3650 },
    { x: 1, tx: 1, T: 1 },
    { x: 3, tx: 200, T: 365 },
    { x: 500, tx: 3600, T: 3650 },
    { x: 500, tx: 3000, T: 3650 },
  ];
  const horizons = [0.5, 39, 3650];

  it('agrees with a numerical integral over the drop-out probability to 1e-6', () => {
    // For each case a reader can recompute ∫₀¹ (1/p)[1 − ((α+T)/(α+T+pt))^(r+x)] Beta(p; a, b+x) dp · P(alive)
    // with any quadrature package; here tanh-sinh at two step sizes must agree before the comparison counts.
    let worst = 0;
    for (const [, pr] of paramSets) {
      for (const h of histories) {
        for (const t of horizons) {
          const ref = expectedPurchasesByQuadrature(pr, h, t);
          expectRel(ref.coarse, ref.value, 1e-10);
          const got = expectedPurchases(pr, h, t);
          const err = Math.abs(got - ref.value) / ref.value;
          worst = Math.max(worst, err);
          if (!(err <= 1e-6)) throw new Error(`${JSON.stringify(pr)} ${JSON.stringify(h)} t=${t}: got ${got}, integral ${ref.value}`);
        }
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('agrees with the textbook hypergeometric form where that converges (a > 1, small z)', () => {
    // FHL 2005 eq. 10 with ₂F₁ summed directly; z = t/(α+T+t) is 0.21 and 0.25 here.
    const cases: [BgNbdParams, CustomerHistory, number][] = [
      [{ r: 0.5, alpha: 10, a: 2.5, b: 4 }, { x: 3, tx: 50, T: 100 }, 30],
      [{ r: 1.2, alpha: 10, a: 1.5, b: 0.8 }, { x: 0, tx: 0, T: 20 }, 10],
      [{ r: 0.9, alpha: 5, a: 3, b: 1.1 }, { x: 12, tx: 90, T: 95 }, 20],
    ];
    for (const [pr, h, t] of cases) expectRel(expectedPurchases(pr, h, t), expectedPurchasesTextbook(pr, h, t), 1e-10);
  });

  it('reproduces the FHL 2005 worked example', () => {
    // CDNOW fit; x = 2, t_x = 30.43, T = 38.86 weeks → 1.226 purchases expected in the next 39 weeks.
    expect(expectedPurchases(CDNOW, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });

  it('is 0 for t = 0, grows with t, and is linear in t for small t', () => {
    // E[Y(t)] ≈ t·(r+x)/(α+T)·E[p⁰…] at first order: d/dt at 0 is P(alive)·(r+x)/(α+T).
    const h = { x: 2, tx: 30.43, T: 38.86 };
    expect(expectedPurchases(CDNOW, h, 0)).toBe(0);
    let prev = 0;
    for (const t of [1, 5, 20, 50, 100, 1000]) {
      const e = expectedPurchases(CDNOW, h, t);
      expect(e).toBeGreaterThan(prev);
      prev = e;
    }
    const slope = (pAliveRef(CDNOW, h) * (CDNOW.r + h.x)) / (CDNOW.alpha + h.T);
    expectRel(expectedPurchases(CDNOW, h, 1e-7) / 1e-7, slope, 1e-6);
  });
});

describe('pAlive', () => {
  it('is 1 without repeat purchases and matches FHL 2005 eq. 11', () => {
    expect(pAlive(CDNOW, { x: 0, tx: 0, T: 50 })).toBe(1);
    expect(pAlive(CDNOW, { x: 0, tx: 0, T: 0 })).toBe(1);
    // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) for x = 2, t_x = 30.43, T = 38.86.
    const want = 1 / (1 + (0.793 / (2.426 + 1)) * ((4.414 + 38.86) / (4.414 + 30.43)) ** (0.243 + 2));
    expectRel(pAlive(CDNOW, { x: 2, tx: 30.43, T: 38.86 }), want, 1e-14);
  });

  it('falls as T grows and rises with t_x', () => {
    // More silence since the last purchase → less likely alive; a later last purchase → more likely.
    let prev = 1;
    for (const T of [31, 35, 40, 60, 100, 500]) {
      const p = pAlive(CDNOW, { x: 2, tx: 30.43, T });
      expect(p).toBeLessThan(prev);
      prev = p;
    }
    prev = 0;
    for (const tx of [1, 5, 10, 20, 30, 38.86]) {
      const p = pAlive(CDNOW, { x: 2, tx, T: 38.86 });
      expect(p).toBeGreaterThan(prev);
      prev = p;
    }
    // At t_x = T the odds are just a/(b+x−1).
    expectRel(pAlive(CDNOW, { x: 2, tx: 38.86, T: 38.86 }), 1 / (1 + 0.793 / 3.426), 1e-14);
  });
});

describe('expectedPurchases far ahead of a short history', () => {
  it('stays accurate when t is huge next to α + T (new customer, small α)', () => {
    // Same integral as above, CDNOW shapes, a customer first seen today (x = 0, T = 0), ten years ahead.
    // z = t/(α+T+t) = 1 − 2.7e-6 (α = 0.01) and 1 − 2.7e-7 (α = 0.001), so the series' terms fall only
    // like zⁿ·n^(a−r−x−2) and need ~4·10⁶ and ~4·10⁷ terms to reach 1e-16; the loop in clv.ts stops at
    // 10⁶. Integral 60.126790 and 103.035567 (the same series summed without the cap gives 103.0355666);
    // clv.ts returns 60.127780 and 103.102641 (relative errors 1.6e-5 and 6.5e-4).
    for (const alpha of [0.01, 0.001]) {
      const pr = { ...CDNOW, alpha };
      const h = { x: 0, tx: 0, T: 0 };
      const ref = expectedPurchasesByQuadrature(pr, h, 3650);
      expectRel(ref.coarse, ref.value, 1e-10);
      expectRel(expectedPurchases(pr, h, 3650), ref.value, 1e-6);
    }
  });
});

// ---- Edge cases (the `lifetimes` issue tracker) ----

/** Every number finite. */
function expectFinite(...values: number[]): void {
  for (const v of values) expect(Number.isFinite(v), `${v} is not finite`).toBe(true);
}

/**
 * The best a single customer (λ, p) can do: the BG/NBD likelihood of one history is a mixture over
 * (λ, p) of (1−p)^x λ^x e^(−λT) + [x>0] p(1−p)^(x−1) λ^x e^(−λ t_x), so it can never exceed that
 * function's maximum. For fixed λ the best p is (D − x)/(x(D − 1)) with D = e^(λ(T − t_x)) (0 if
 * D ≤ x), by setting the derivative in p to 0; λ is then found by a grid and golden-section search.
 */
function singleCustomerSupremum(h: CustomerHistory): number {
  const { x, tx, T } = h;
  const at = (logLam: number) => {
    const lam = Math.exp(logLam);
    const D = Math.exp(lam * (T - tx));
    const p = D > x ? (D - x) / (x * (D - 1)) : 0;
    return x * logLam - lam * T + (x - 1) * Math.log1p(-p) + Math.log(1 - p + p * D);
  };
  let bi = 0, best = -Infinity;
  const grid = (i: number) => -15 + (i * 25) / 5000;
  for (let i = 0; i <= 5000; i++) if (at(grid(i)) > best) [best, bi] = [at(grid(i)), i];
  let lo = grid(bi - 1), hi = grid(bi + 1);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 200; it++) {
    const m1 = hi - g * (hi - lo), m2 = lo + g * (hi - lo);
    if (at(m1) < at(m2)) lo = m1;
    else hi = m2;
  }
  return Math.max(best, at((lo + hi) / 2));
}

describe('edge cases', () => {
  it('a + b < 1 given directly: finite and non-negative everywhere', () => {
    // The textbook form divides by a − 1 and its ₂F₁ diverges near z = 1; lifetimes returns NaN here.
    for (const pr of [{ r: 0.5, alpha: 10, a: 0.3, b: 0.4 }, { r: 0.1, alpha: 1, a: 0.05, b: 0.1 }]) {
      for (const h of [{ x: 0, tx: 0, T: 0 }, { x: 1, tx: 1, T: 3650 }, { x: 40, tx: 300, T: 3650 }, { x: 10_000, tx: 3650, T: 3650 }]) {
        for (const t of [0.5, 30, 3650]) {
          const e = expectedPurchases(pr, h, t);
          expectFinite(e, pAlive(pr, h), bgnbdLogLikelihood(pr, h));
          expect(e).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('a + b < 1 in simulated data: the fit is finite, beats the truth and finds a + b < 1', () => {
    // 5,000 customers with p ~ Beta(0.3, 0.4). At this size the standard errors are a few per cent, so
    // the 20% band is a sanity check that the fit lands near the truth, not a precision claim.
    const truth = { r: 0.5, alpha: 10, a: 0.3, b: 0.4 };
    const hs = simulateBgNbd(3, 5000, truth, 200, 400);
    const fit = fitBgNbd(hs);
    const { r, alpha, a, b } = fit.params;
    expectFinite(r, alpha, a, b, fit.ll);
    expect(fit.ll).toBeGreaterThanOrEqual(totalLl(truth, hs));
    expect(a + b).toBeLessThan(1);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit.params[k] / truth[k] - 1)).toBeLessThan(0.2);
    for (const h of hs.slice(0, 500)) expectFinite(expectedPurchases(fit.params, h, 365), pAlive(fit.params, h));
  });

  it('no repeat purchases at all: a finite fit, pAlive 1, finite expectations', () => {
    // Every x = 0: the log-likelihood is Σ r·ln(α/(α+T)) < 0, which only tends to 0 as r → 0 or α → ∞
    // (a and b drop out). So any finite answer with ll ≥ that at a sensible point and ll ≤ 0 is right.
    const hs = Array.from({ length: 500 }, (_, i) => ({ x: 0, tx: 0, T: 10 + i }));
    const fit = fitBgNbd(hs);
    const { r, alpha, a, b } = fit.params;
    expectFinite(r, alpha, a, b, fit.ll);
    expect(fit.ll).toBeLessThanOrEqual(0);
    expect(fit.ll).toBeGreaterThanOrEqual(totalLl({ r: 0.5, alpha: 10, a: 0.8, b: 2.5 }, hs));
    expect(fit.ll).toBeGreaterThanOrEqual(totalLl({ r: 0.01, alpha: 1000, a: 1, b: 1 }, hs));
    for (const h of [hs[0]!, hs[499]!, { x: 0, tx: 0, T: 0 }]) {
      expect(pAlive(fit.params, h)).toBe(1);
      const e = expectedPurchases(fit.params, h, 3650);
      expectFinite(e);
      expect(e).toBeGreaterThanOrEqual(0);
    }
  });

  it('a single customer, and 1,000 identical ones: finite fits that reach the single-(λ, p) bound', () => {
    // x = 3, t_x = 20, T = 50: the MLE runs off to infinity along a ridge (all mixing collapses), so
    // only finiteness and ll ≈ the bound from singleCustomerSupremum (−10.5765877) can be asked for.
    const h = { x: 3, tx: 20, T: 50 };
    const bound = singleCustomerSupremum(h);
    const one = fitBgNbd([h]);
    const many = fitBgNbd(Array.from({ length: 1000 }, () => h));
    for (const fit of [one, many]) {
      const { r, alpha, a, b } = fit.params;
      expectFinite(r, alpha, a, b, fit.ll);
      expectFinite(pAlive(fit.params, h), expectedPurchases(fit.params, h, 30));
    }
    // Out on the ridge (parameters ~1e8) the ll is a sum of lgamma terms ~1e9 that cancel to ~10, so it
    // carries ~1e-6 of rounding: hence the 1e-5 slack above the bound (and 1000 × that for the copies).
    expect(one.ll).toBeLessThanOrEqual(bound + 1e-5);
    expect(one.ll).toBeGreaterThan(bound - 0.01);
    expect(many.ll).toBeLessThanOrEqual(1000 * bound + 1e-2);
    expect(many.ll).toBeGreaterThan(1000 * (bound - 0.01));
    expect(one.customers).toBe(1);
    expect(many.customers).toBe(1000);
  });

  it('ten years and ten thousand purchases: finite, and still matching the integral', () => {
    // x = 10,000 repeat purchases over T = 3650 days: every term is kept in logarithms, so nothing
    // overflows; the posterior of p sits near 1e-4, which the integral's dyadic pieces resolve.
    for (const pr of [CDNOW, { r: 0.5, alpha: 10, a: 0.3, b: 0.4 }, { r: 2, alpha: 30, a: 2.5, b: 4 }]) {
      for (const tx of [3650, 3640, 1]) {
        const h = { x: 10_000, tx, T: 3650 };
        const ll = bgnbdLogLikelihood(pr, h);
        const pa = pAlive(pr, h);
        const e = expectedPurchases(pr, h, 365);
        expectFinite(ll, pa, e);
        expect(pa).toBeGreaterThanOrEqual(0);
        expect(pa).toBeLessThanOrEqual(1);
        if (tx >= 3640) expectRel(e, expectedPurchasesByQuadrature(pr, h, 365).value, 1e-6);
      }
      // t_x = 1 with 10,000 purchases then ten years of silence: surely gone.
      expect(pAlive(pr, { x: 10_000, tx: 1, T: 3650 })).toBeLessThan(1e-100);
      expectFinite(bgnbdLogLikelihood(pr, { x: 0, tx: 0, T: 3650 }));
    }
  });

  it('the penalty pulls the parameters toward 0', () => {
    // θ₀ minimises −ll/n, θ_λ minimises −ll/n + λ‖θ‖²; adding the two optimality inequalities gives
    // ‖θ_λ‖² ≤ ‖θ₀‖² and ll(θ_λ) ≤ ll(θ₀). With λ = 0.01 the shrinkage is large (α ≈ 10 → ≈ 2.5), and
    // on this data every parameter comes out smaller (not a theorem, but far from the margin).
    const hs = simulateBgNbd(1, 5000, { r: 0.5, alpha: 10, a: 0.8, b: 2.5 }, 200, 400);
    const free = fitBgNbd(hs);
    const pen = fitBgNbd(hs, { penalty: 0.01 });
    const norm = (q: BgNbdParams) => q.r ** 2 + q.alpha ** 2 + q.a ** 2 + q.b ** 2;
    expect(norm(pen.params)).toBeLessThan(norm(free.params));
    expect(pen.ll).toBeLessThan(free.ll);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(pen.params[k]).toBeLessThan(free.params[k]);
    // And the reported ll is the plain log-likelihood, without the penalty.
    expectRel(pen.ll, totalLl(pen.params, hs), 1e-10);
  });

  it('rejects empty and impossible input', () => {
    expect(() => fitBgNbd([])).toThrow(RangeError);
    expect(() => fitBgNbd([{ x: 1, tx: 10, T: 5 }])).toThrow(RangeError);
    expect(() => fitBgNbd([{ x: -1, tx: 0, T: 5 }])).toThrow(RangeError);
    expect(() => fitGammaGamma([{ x: 0, tx: 0, T: 5, m: 0 }])).toThrow(RangeError);
  });
});

// ---- Simulation recovery ----

describe('fitBgNbd on simulated data', () => {
  it('recovers r = 0.5, α = 10, a = 0.8, b = 2.5 from 20,000 customers', () => {
    // Standard errors at the fit (inverse observed information, computed once for this seed) are
    // 1.1% for r, 1.8% for α, 2.7% for a and 3.8% for b; the bands below are about four of them,
    // so the test is not flaky across samplers yet catches a biased likelihood or a stalled search.
    const truth = { r: 0.5, alpha: 10, a: 0.8, b: 2.5 };
    const hs = simulateBgNbd(1, 20_000, truth, 200, 400);
    const fit = fitBgNbd(hs);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(20_000);
    const tol = { r: 0.05, alpha: 0.07, a: 0.1, b: 0.15 };
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit.params[k] / truth[k] - 1)).toBeLessThan(tol[k]);
    // The maximum is at least as good as the truth, and ll is the sum of the per-customer ones.
    expect(fit.ll).toBeGreaterThanOrEqual(totalLl(truth, hs));
    expectRel(fit.ll, totalLl(fit.params, hs), 1e-10);
    // Nudging any parameter by 1% lowers the likelihood (a maximum, not just a stopping point).
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.99, 1.01]) expect(totalLl({ ...fit.params, [k]: fit.params[k] * f }, hs)).toBeLessThan(fit.ll);
    }
  });

  it('the simulator itself matches the model: mean x against E[X(T)] (FHL 2005 eq. 7)', () => {
    // E[X(t)] = (a+b−1)/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] needs a > 1; with a = 2.5,
    // b = 4, r = 2, α = 30, t = 20 (z = 0.4) the mean count over 40,000 customers has a standard
    // error of about 0.4%, so 2% catches a broken sampler.
    const pr = { r: 2, alpha: 30, a: 2.5, b: 4 };
    const hs = simulateBgNbd(5, 40_000, pr, 20, 20);
    const mean = hs.reduce((s, h) => s + h.x, 0) / hs.length;
    const z = 20 / 50;
    let term = 1, f = 1;
    for (let n = 0; n < 200; n++) {
      term *= ((pr.r + n) * (pr.b + n) * z) / ((pr.a + pr.b - 1 + n) * (n + 1));
      f += term;
    }
    const want = ((pr.a + pr.b - 1) / (pr.a - 1)) * (1 - (30 / 50) ** pr.r * f);
    expectRel(mean, want, 0.02);
  });
});

// ---- Gamma-Gamma ----

/** ln n! for a small integer n. */
function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/** Spend data: ν ~ Gamma(q, rate γ) per customer, x ~ uniform 1..10 transactions each Gamma(p, rate ν), m their mean. */
function simulateSpend(seed: number, n: number, gg: GammaGammaParams): CustomerHistory[] {
  const rng = mulberry32(seed);
  const out: CustomerHistory[] = [];
  for (let c = 0; c < n; c++) {
    const nu = gammaSample(rng, gg.q) / gg.gamma;
    const x = 1 + Math.floor(10 * rng());
    let sum = 0;
    for (let k = 0; k < x; k++) sum += gammaSample(rng, gg.p) / nu;
    out.push({ x, tx: x, T: x, m: sum / x });
  }
  return out;
}

describe('Gamma-Gamma', () => {
  it('the likelihood is the Gamma(px, xν) density of m mixed over ν ~ Gamma(q, γ)', () => {
    // Integer p·x and q so the constants are factorials: Γ(px) = (px−1)!, Γ(q) = (q−1)!. The integral
    // over ν runs on ln ν with the trapezoid rule, which is spectrally accurate for these smooth,
    // fast-decaying integrands.
    const gg = { p: 6, q: 4, gamma: 15 };
    for (const x of [1, 3]) {
      for (const m of [5, 30, 120]) {
        const px = gg.p * x;
        let sum = 0;
        const h = 0.01;
        for (let y = -30; y <= 30; y += h) {
          const nu = Math.exp(y);
          const logSpend = px * Math.log(x * nu) + (px - 1) * Math.log(m) - x * nu * m - logFactorial(px - 1);
          const logNu = gg.q * Math.log(gg.gamma) + (gg.q - 1) * y - gg.gamma * nu - logFactorial(gg.q - 1);
          sum += Math.exp(logSpend + logNu + y) * h;
        }
        expectRel(gammaGammaLogLikelihood(gg, x, m), Math.log(sum), 1e-10);
      }
    }
  });

  it('the likelihood is a density in m (integrates to 1)', () => {
    // Non-integer p and q; trapezoid in ln m over [e^−40, e^60], where the tails are below 1e-30.
    for (const [gg, x] of [[{ p: 2.5, q: 1.5, gamma: 3 }, 2], [{ p: 0.7, q: 5, gamma: 40 }, 7]] as [GammaGammaParams, number][]) {
      let sum = 0;
      const h = 0.005;
      for (let y = -40; y <= 60; y += h) sum += Math.exp(gammaGammaLogLikelihood(gg, x, Math.exp(y)) + y) * h;
      expectRel(sum, 1, 1e-9);
    }
  });

  it('recovers p = 6, q = 4, γ = 15 from 5,000 simulated customers', () => {
    // p and γ lie on a ridge (their standard errors at this size are 11% and 13%, from the inverse
    // observed information), q is sharp (2.8%) and so is the shop mean pγ/(q−1) = 30 (about 1.5%).
    // The bands are about three standard errors each.
    const truth = { p: 6, q: 4, gamma: 15 };
    const hs = simulateSpend(1, 5000, truth);
    const fit = fitGammaGamma(hs);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(5000);
    expect(Math.abs(fit.params.p / truth.p - 1)).toBeLessThan(0.35);
    expect(Math.abs(fit.params.q / truth.q - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.params.gamma / truth.gamma - 1)).toBeLessThan(0.4);
    const shopMean = (fit.params.p * fit.params.gamma) / (fit.params.q - 1);
    expect(Math.abs(shopMean / 30 - 1)).toBeLessThan(0.05);
    let llTruth = 0, llFit = 0;
    for (const h of hs) {
      llTruth += gammaGammaLogLikelihood(truth, h.x, h.m!);
      llFit += gammaGammaLogLikelihood(fit.params, h.x, h.m!);
    }
    expect(fit.ll).toBeGreaterThanOrEqual(llTruth);
    expectRel(fit.ll, llFit, 1e-10);
  });

  it('skips customers without repeat purchases or spend', () => {
    // Same data plus 100 customers with x = 0 or m = 0: the fit must be identical.
    const hs = simulateSpend(2, 500, { p: 6, q: 4, gamma: 15 });
    const noisy = [...hs, ...Array.from({ length: 50 }, () => ({ x: 0, tx: 0, T: 10, m: 0 })), ...Array.from({ length: 50 }, () => ({ x: 2, tx: 3, T: 10, m: 0 }))];
    const a = fitGammaGamma(hs);
    const b = fitGammaGamma(noisy);
    expect(b.customers).toBe(500);
    expect(b.params).toEqual(a.params);
  });

  it('expectedSpend shrinks the customer mean toward the shop mean, less as x grows', () => {
    // p = 6, q = 4, γ = 15: shop mean 6·15/3 = 30; weight px/(px+q−1); x = 2, m = 50 → 0.8·50 + 0.2·30 = 46.
    const gg = { p: 6, q: 4, gamma: 15 };
    expectRel(expectedSpend(gg, 2, 50), 46, 1e-14);
    for (const m of [50, 10]) {
      let prevGap = Infinity;
      for (let x = 1; x <= 100; x++) {
        const e = expectedSpend(gg, x, m);
        expect(e).toBeGreaterThanOrEqual(Math.min(30, m));
        expect(e).toBeLessThanOrEqual(Math.max(30, m));
        const gap = Math.abs(e - m);
        expect(gap).toBeLessThan(prevGap);
        prevGap = gap;
      }
    }
    // m equal to the shop mean stays there; no repeats (x = 0, or m = 0) → the shop mean.
    expectRel(expectedSpend(gg, 5, 30), 30, 1e-14);
    expect(expectedSpend(gg, 0, 0)).toBe(30);
    expect(expectedSpend(gg, 3, 0)).toBe(30);
  });

  it('expectedSpend falls back to the customer mean when q ≤ 1 (no finite shop mean)', () => {
    for (const q of [1, 0.5]) {
      expect(expectedSpend({ p: 6, q, gamma: 15 }, 3, 42)).toBe(42);
      expect(expectedSpend({ p: 6, q, gamma: 15 }, 1, 7.5)).toBe(7.5);
    }
  });
});

// ---- CLV ----

describe('customerValue', () => {
  it('a hand-computable case: no drop-out in practice, E[Y(t)] = t/10', () => {
    // b = 10⁶ makes p ≈ 1e-6, so E[Y(t)] ≈ (r+x)t/(α+T) = 2t/20 = t/10 (relative correction ~1e-5 at
    // t = 90). Monthly periods of 30, three months, ¥10 a purchase, 10% a month:
    // 3·10·(1/1.1 + 1/1.1² + 1/1.1³) = 30 · 2.4868520 = 74.605560.
    const bg = { r: 2, alpha: 10, a: 1, b: 1e6 };
    const h = { x: 0, tx: 0, T: 10 };
    expectRel(expectedPurchases(bg, h, 90), 9, 1e-4);
    expectRel(customerValue(bg, 10, h, { horizon: 90, period: 30, discountRate: 0.1 }), 74.60556, 1e-4);
  });

  it('is the discounted sum of per-period expected purchases (with a partial last period)', () => {
    // Horizon 52 weeks, "months" of 4.33 weeks: 13 periods, the last one ending at 52, not 56.29.
    // E(t_i) from the independent integral; CLV = Σ (E(t_i) − E(t_{i−1}))·spend/1.01^i.
    const h = { x: 2, tx: 30.43, T: 38.86 };
    const spend = 35;
    let want = 0, before = 0;
    for (let i = 1; i <= 13; i++) {
      const e = expectedPurchasesByQuadrature(CDNOW, h, Math.min(52, i * 4.33)).value;
      want += ((e - before) * spend) / 1.01 ** i;
      before = e;
    }
    expectRel(customerValue(CDNOW, spend, h, { horizon: 52, period: 4.33, discountRate: 0.01 }), want, 1e-6);
  });

  it('without discounting is expected purchases over the horizon times spend', () => {
    // The per-period increments telescope.
    for (const h of [{ x: 0, tx: 0, T: 5 }, { x: 2, tx: 30.43, T: 38.86 }, { x: 40, tx: 70, T: 78 }]) {
      expectRel(customerValue(CDNOW, 12.5, h, { horizon: 52, period: 4, discountRate: 0 }), expectedPurchases(CDNOW, h, 52) * 12.5, 1e-12);
    }
  });

  it('a horizon shorter than one period is discounted once', () => {
    const h = { x: 2, tx: 30.43, T: 38.86 };
    expectRel(customerValue(CDNOW, 20, h, { horizon: 3, period: 4.33, discountRate: 0.05 }), (expectedPurchases(CDNOW, h, 3) * 20) / 1.05, 1e-12);
  });

  it('is 0 without spend, and never negative', () => {
    const h = { x: 2, tx: 30.43, T: 38.86 };
    expect(customerValue(CDNOW, 0, h, { horizon: 52, period: 4, discountRate: 0.01 })).toBe(0);
    expect(customerValue(CDNOW, -5, h, { horizon: 52, period: 4, discountRate: 0.01 })).toBe(0);
    expect(customerValue(CDNOW, 5, h, { horizon: 52, period: 4, discountRate: 0.01 })).toBeGreaterThan(0);
  });
});

// ---- Summaries ----

describe('summarisePurchases', () => {
  it('summarises a small shop by hand', () => {
    // End day 40.
    //   A: day 10 (¥5 + ¥7, one transaction), day 15 (¥20 + ¥10 → ¥30), day 30 (¥40), day 50 (after the end,
    //      ignored) → x = 2, t_x = 20, T = 30, m = (30 + 40)/2 = 35 (the first day's ¥12 left out).
    //   B: first purchase on day 45, after the end → left out.
    //   C: one purchase on the last day → x = 0, t_x = 0, T = 0, m = 0.
    //   D: two orders on day 5 only → still x = 0, T = 35.
    //   E: out of order (day 20 ¥2 listed before day 12 ¥6) → x = 1, t_x = 8, T = 28, m = 2.
    const purchases = [
      { customer: 'A', day: 10, amount: 5 },
      { customer: 'E', day: 20, amount: 2 },
      { customer: 'A', day: 15, amount: 20 },
      { customer: 'B', day: 45, amount: 100 },
      { customer: 'A', day: 10, amount: 7 },
      { customer: 'C', day: 40, amount: 8 },
      { customer: 'A', day: 50, amount: 999 },
      { customer: 'D', day: 5, amount: 3 },
      { customer: 'A', day: 30, amount: 40 },
      { customer: 'E', day: 12, amount: 6 },
      { customer: 'A', day: 15, amount: 10 },
      { customer: 'D', day: 5, amount: 4 },
    ];
    const out = summarisePurchases(purchases, 40);
    expect([...out.keys()].sort()).toEqual(['A', 'C', 'D', 'E']);
    expect(out.get('A')).toEqual({ x: 2, tx: 20, T: 30, m: 35 });
    expect(out.get('C')).toEqual({ x: 0, tx: 0, T: 0, m: 0 });
    expect(out.get('D')).toEqual({ x: 0, tx: 0, T: 35, m: 0 });
    expect(out.get('E')).toEqual({ x: 1, tx: 8, T: 28, m: 2 });
    expect(summarisePurchases([], 40).size).toBe(0);
  });

  it('feeds the models: summaries of simulated purchases fit without error', () => {
    // 300 customers buying on random days 0..199, observed to day 199.
    const rng = mulberry32(99);
    const purchases = [];
    for (let c = 0; c < 300; c++) {
      const start = Math.floor(150 * rng());
      const n = Math.floor(8 * rng());
      purchases.push({ customer: `c${c}`, day: start, amount: 10 });
      for (let k = 0; k < n; k++) purchases.push({ customer: `c${c}`, day: start + Math.floor(50 * rng()), amount: 5 + 20 * rng() });
    }
    const hs = [...summarisePurchases(purchases, 199).values()];
    expect(hs.length).toBe(300);
    for (const h of hs) {
      expect(h.tx).toBeLessThanOrEqual(h.T);
      expect(Number.isInteger(h.x)).toBe(true);
    }
    const bg = fitBgNbd(hs);
    const gg = fitGammaGamma(hs);
    expectFinite(bg.ll, gg.ll, bg.params.r, bg.params.alpha, bg.params.a, bg.params.b, gg.params.p, gg.params.q, gg.params.gamma);
  });
});

describe('expectedPurchases: the quadrature used where the series would be too long', () => {
  it('agrees with the series to 1e-9 wherever both apply', async () => {
    const { expectedPurchasesByQuadrature } = await import('./clv');
    const params: BgNbdParams[] = [
      { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      { r: 2, alpha: 30, a: 3, b: 0.4 },
      { r: 0.3, alpha: 2, a: 0.3, b: 0.4 },
    ];
    const histories: CustomerHistory[] = [{ x: 0, tx: 0, T: 0 }, { x: 2, tx: 30.43, T: 38.86 }, { x: 40, tx: 300, T: 320 }];
    for (const p of params) {
      for (const h of histories) {
        for (const t of [1, 39, 400]) {
          const series = expectedPurchases(p, h, t);
          expectRel(expectedPurchasesByQuadrature(p, h, t / (p.alpha + h.T)), series, 1e-9);
        }
      }
    }
  });
});
