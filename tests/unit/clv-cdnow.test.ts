// Issue 7's yardstick: the BG/NBD and Gamma-Gamma fits on the CDNOW sample (2,357 customers who first
// bought in Q1 1997), 39-week calibration to 1997-09-30, against the published figures (Fader, Hardie and
// Lee 2005: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4; Gamma-Gamma p = 6.25, q = 3.74,
// γ = 15.44). The sample is public data kept beside the repository, never shipped: without it these
// tests are skipped, and say so.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedPurchases, fitGammaGamma } from '@/utils/crm/clv';
import { parseCsv, parseCsvRecords } from '@/utils/crm/csv';
import { dayNumber, historiesInWeeks, readPurchases } from '../eval/clv';

const root = path.resolve(__dirname, '../..');
const SAMPLE = path.resolve(root, '../shared/data/cdnow/CDNOW_sample.txt');
const SUMMARY = path.resolve(root, '../shared/data/cdnow/cdnow_customers_summary.csv');
const present = existsSync(SAMPLE);
if (!present) console.warn(`[skipped] CDNOW sample not found at ${SAMPLE}`);

/** CDNOW_sample.txt (id, sample id, yyyymmdd, CDs, dollars) as the command's CSV: customer_id,date,amount. */
function cdnowCsv(): string {
  const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n');
  const rows = lines.map((line) => {
    const [, id, d, , amount] = line.trim().split(/\s+/) as [string, string, string, string, string];
    return `${id},${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)},${amount}`;
  });
  return ['customer_id,date,amount', ...rows].join('\n') + '\n';
}

const within = (got: number, want: number, relative: number) => Math.abs(got - want) <= relative * Math.abs(want);

describe.skipIf(!present)('CDNOW (39-week calibration)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'laoke-clv-'));
  const file = path.join(dir, 'cdnow.csv');
  const csv = present ? cdnowCsv() : '';
  if (present) writeFileSync(file, csv);
  const run = (...args: string[]) => execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'tests/eval/clv-cli.ts'), ...args], { cwd: root, encoding: 'utf8' });
  const end = dayNumber('1997-09-30')!;

  it('summarises each customer as the literature does (checked against lifetimes\' cdnow_customers_summary.csv)', () => {
    const mine = historiesInWeeks(readPurchases(csv), end);
    expect(mine).toHaveLength(2357);
    const theirs = parseCsvRecords(readFileSync(SUMMARY, 'utf8'));
    expect(theirs).toHaveLength(2357);
    // Their IDs are 1..2357 in the sample's order, ours the sample ids "0001".."2357".
    for (const row of theirs) {
      const c = mine.find((m) => Number(m.id) === Number(row.ID))!;
      expect(c.h.x).toBe(Number(row.frequency));
      expect(c.h.tx).toBeCloseTo(Number(row.recency), 1);
      expect(c.h.T).toBeCloseTo(Number(row.T), 1);
    }
  });

  it('`clv fit` reproduces r, α, a, b within 1% and the log-likelihood within 0.5', () => {
    const out = JSON.parse(run('fit', file, '--calibration-end', '1997-09-30')) as Record<string, number>;
    expect(Object.keys(out)).toEqual(['r', 'alpha', 'a', 'b', 'll', 'customers']);
    expect(out.customers).toBe(2357);
    expect(within(out.r!, 0.243, 0.01)).toBe(true);
    expect(within(out.alpha!, 4.414, 0.01)).toBe(true);
    expect(within(out.a!, 0.793, 0.01)).toBe(true);
    expect(within(out.b!, 2.426, 0.01)).toBe(true);
    expect(Math.abs(out.ll! - -9582.4)).toBeLessThan(0.5);
  });

  it('`clv predict` gives P(alive) and expected purchases per customer; customer 1 expects 1.226 in 39 weeks (FHL 2005)', () => {
    const [header, ...rows] = parseCsv(run('predict', file, '--calibration-end', '1997-09-30', '--horizon-days', '273'));
    expect(header).toEqual(['customer_id', 'p_alive', 'expected_purchases']);
    expect(rows).toHaveLength(2357);
    const one = rows.find((r) => r[0] === '0001')!;
    // Customer 1: x = 2, t_x = 30.43, T = 38.86 weeks.
    expect(Number(one[2])).toBeCloseTo(1.226, 3);
    expect(Number(one[1])).toBeGreaterThan(0);
    expect(Number(one[1])).toBeLessThan(1);
    for (const r of rows) {
      expect(Number(r[1])).toBeGreaterThan(0);
      expect(Number(r[1])).toBeLessThanOrEqual(1);
      expect(Number.isFinite(Number(r[2]))).toBe(true);
    }
    // Out of sample: the purchase days the customers actually had in the next 39 weeks (to 1997-06-30
    // of the next year), against what the model expected from the calibration period alone. The model
    // expects 1,653 where 1,882 happened (12% under; reported as measured, not tuned for). A broken
    // expectation would be far off, which is what this guards.
    const actual = new Set(readPurchases(csv).filter((p) => p.day > end && p.day <= end + 273).map((p) => `${p.customer}|${p.day}`)).size;
    const total = rows.reduce((s, r) => s + Number(r[2]), 0);
    console.log(`CDNOW weeks 40–78: expected ${total.toFixed(0)} purchase days, actual ${actual}`);
    expect(Math.abs(total - actual) / actual).toBeLessThan(0.15);
  });

  it('Gamma-Gamma on the repeat buyers gives p ≈ 6.25, q ≈ 3.74, γ ≈ 15.44 (within 1%)', () => {
    const histories = historiesInWeeks(readPurchases(csv), end).map((c) => c.h);
    const fit = fitGammaGamma(histories);
    expect(fit.customers).toBe(946);
    expect(within(fit.params.p, 6.25, 0.01)).toBe(true);
    expect(within(fit.params.q, 3.74, 0.01)).toBe(true);
    expect(within(fit.params.gamma, 15.44, 0.01)).toBe(true);
  });

  it('the published parameters give the same expectation for customer 1 (the formula, independent of our fit)', () => {
    expect(expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });
});
