// Shop analytics in a worker of the extension's origin: every order and customer loaded once, each
// report computed off the page's thread (a shop of 100,000 customers has some 300,000 orders).
import { itemCycles, replenishmentDue, RESTOCK_DAYS, restockForecast, type ItemCycle, type Replenishment, type RestockRow } from '@/utils/crm/cycles';
import { sellerUnitDays } from '@/utils/db/reviews';
import { complaintTrends, dsrWeeks, photoReviews, TREND_WEEKS, type DsrWeek, type ItemTrend, type PhotoItem } from '@/utils/crm/review-trends';
import { DAY_MS, shanghaiDay, shanghaiMidnight } from '@/utils/crm/time';
import type { Review } from '@/utils/crm/types';
import {
  buyingHours, cohorts, discountUse, itemPaths, itemStats, newVsReturning, regionBreakdown,
  type BuyerFacts, type CohortRow, type DiscountUse, type ItemPath, type ItemRow, type RegionRow,
} from '@/utils/crm/analytics';
import type { DateRange } from '@/utils/crm/time';
import type { Order } from '@/utils/crm/types';
import { db } from '@/utils/db/schema';

export type AnalyticsRequest = { type: 'report'; key: string; a: DateRange; b: DateRange | null; now: number };

export interface RangeReport {
  range: DateRange;
  nvr: ReturnType<typeof newVsReturning>;
  regions: { provinces: RegionRow[]; cities: RegionRow[] };
  hours: { orders: number[][]; salesFen: number[][] };
  items: ItemRow[];
  discounts: DiscountUse;
}

export interface AnalyticsReport {
  key: string;
  orders: number;
  customers: number;
  a: RangeReport;
  b: RangeReport | null;
  paths: ItemPath[];
  cohorts: CohortRow[];
  cycles: ItemCycle[];
  replenish: Replenishment[];
  /** Returning buyers expected to buy each item again in the next 14 days, and the pieces (备货). */
  restock: RestockRow[];
  /** Complaints per item per week over the last 8 weeks, alerts first (差评趋势). */
  trends: ItemTrend[];
  /** The buyers' 物流 and 服务 scores per week (Pinduoduo). */
  dsr: DsrWeek[];
  /** 买家秀 of the last 8 weeks, per item. */
  photos: PhotoItem[];
  loadMs: number;
  computeMs: number;
}

export type AnalyticsResponse = { type: 'report'; report: AnalyticsReport } | { type: 'error'; message: string };

interface Loaded { orders: Order[]; buyers: Map<string, BuyerFacts>; nicks: Map<string, string>; unitDays: Map<string, number>; reviews: Review[]; loadMs: number }
let loaded: Promise<Loaded> | undefined;

async function load(): Promise<Loaded> {
  const t0 = performance.now();
  // Reviews of the trend window only (by their date index), with a day to spare.
  const since = Date.now() - (TREND_WEEKS * 7 + 1) * DAY_MS;
  const [orders, customers, unitDays, reviews] = await Promise.all([
    db().orders.toArray(), db().customers.toArray(), sellerUnitDays(db()), db().reviews.where('createdAt').aboveOrEqual(since).toArray(),
  ]);
  const buyers = new Map<string, BuyerFacts>();
  const nicks = new Map<string, string>();
  for (const c of customers) {
    buyers.set(c.key, { identity: c.identity, firstPurchaseAt: c.firstPurchaseAt });
    nicks.set(c.key, c.nick);
  }
  return { orders, buyers, nicks, unitDays, reviews, loadMs: performance.now() - t0 };
}

function rangeReport(l: Loaded, range: DateRange): RangeReport {
  return {
    range,
    nvr: newVsReturning(l.orders, l.buyers, range),
    regions: regionBreakdown(l.orders, range),
    hours: buyingHours(l.orders, range),
    items: itemStats(l.orders, range),
    discounts: discountUse(l.orders, range),
  };
}

onmessage = async (e: MessageEvent<AnalyticsRequest>) => {
  const req = e.data;
  try {
    loaded ??= load();
    const l = await loaded;
    const t0 = performance.now();
    // With the seller's "one unit lasts N days", as the callback tasks count them.
    const cycles = itemCycles(l.orders, l.unitDays);
    // One pass for both lists: due from 3 days ago to 14 ahead; the 补货 list is the next 7 of it, the
    // restock figure (备货) the next 14 from today.
    const due = replenishmentDue(l.orders, cycles, l.nicks, req.now, RESTOCK_DAYS, 3);
    const today = shanghaiMidnight(shanghaiDay(req.now));
    const report: AnalyticsReport = {
      key: req.key, orders: l.orders.length, customers: l.buyers.size,
      a: rangeReport(l, req.a), b: req.b ? rangeReport(l, req.b) : null,
      paths: itemPaths(l.orders, 20), cohorts: cohorts(l.orders, req.now),
      cycles: [...cycles.values()].sort((x, y) => y.samples - x.samples || x.medianDays - y.medianDays),
      replenish: due.filter((r) => r.dueAt <= today + 7 * DAY_MS).slice(0, 100),
      restock: restockForecast(due.filter((r) => r.dueAt >= today)).slice(0, 50),
      trends: complaintTrends(l.reviews, req.now).slice(0, 50),
      dsr: dsrWeeks(l.reviews, req.now),
      photos: photoReviews(l.reviews).slice(0, 20),
      loadMs: l.loadMs, computeMs: 0,
    };
    report.computeMs = performance.now() - t0;
    postMessage({ type: 'report', report } satisfies AnalyticsResponse);
  } catch (err) {
    loaded = undefined;
    postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies AnalyticsResponse);
  }
};
