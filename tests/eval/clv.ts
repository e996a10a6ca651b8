// The lifetime models on a transaction file, as `npm run clv` runs them: the extension's own code
// (utils/crm/clv.ts), in weeks, the unit of the CDNOW literature, so parameters compare with published ones.
import { parseCsvRecords, toPlainCsv } from '../../utils/crm/csv';
import { expectedPurchases, fitBgNbd, pAlive, summarisePurchases, type CustomerHistory, type Purchase } from '../../utils/crm/clv';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_PER_WEEK = 7;

/** 'YYYY-MM-DD' → a day number (days since 1970-01-01); null when it is not a real date. */
export function dayNumber(text: string): number | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).getUTCDate() !== Number(m[3])) return null;
  return ms / 86_400_000;
}

/** Rows of `customer_id,date,amount`; throws on the first bad row, naming its line. */
export function readPurchases(csv: string): Purchase[] {
  const records = parseCsvRecords(csv);
  if (records.length > 0 && !['customer_id', 'date', 'amount'].every((k) => k in records[0]!)) {
    throw new Error('the file needs the header customer_id,date,amount');
  }
  return records.map((r, i) => {
    const day = dayNumber(r.date ?? '');
    const amount = Number(r.amount);
    const customer = (r.customer_id ?? '').trim();
    if (!customer || day === null || r.amount?.trim() === '' || !Number.isFinite(amount)) {
      throw new Error(`line ${i + 2}: expected customer_id,YYYY-MM-DD,amount, got ${JSON.stringify([r.customer_id, r.date, r.amount].join(','))}`);
    }
    return { customer, day, amount };
  });
}

/** Customers as of the calibration end, in weeks, in the order they first appear in the file. */
export function historiesInWeeks(purchases: readonly Purchase[], calibrationEnd: number): { id: string; h: CustomerHistory }[] {
  const summary = summarisePurchases(purchases, calibrationEnd);
  const order = [...new Set(purchases.map((p) => p.customer))].filter((id) => summary.has(id));
  return order.map((id) => {
    const h = summary.get(id)!;
    return { id, h: { x: h.x, tx: h.tx / DAYS_PER_WEEK, T: h.T / DAYS_PER_WEEK, m: h.m } };
  });
}

export function fitCommand(csv: string, calibrationEnd: number): string {
  const customers = historiesInWeeks(readPurchases(csv), calibrationEnd);
  if (customers.length === 0) throw new Error('no customer bought on or before the calibration end');
  const fit = fitBgNbd(customers.map((c) => c.h));
  const { r, alpha, a, b } = fit.params;
  if (!fit.converged) process.stderr.write('warning: the fit did not converge; the figures are the best point reached\n');
  return JSON.stringify({ r, alpha, a, b, ll: fit.ll, customers: fit.customers });
}

export function predictCommand(csv: string, calibrationEnd: number, horizonDays: number): string {
  const customers = historiesInWeeks(readPurchases(csv), calibrationEnd);
  if (customers.length === 0) throw new Error('no customer bought on or before the calibration end');
  const { params } = fitBgNbd(customers.map((c) => c.h));
  const t = horizonDays / DAYS_PER_WEEK;
  const rows = [['customer_id', 'p_alive', 'expected_purchases']];
  for (const { id, h } of customers) rows.push([id, String(pAlive(params, h)), String(expectedPurchases(params, h, t))]);
  return toPlainCsv(rows);
}
