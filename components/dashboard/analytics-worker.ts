// Shop analytics in a worker of the extension's origin: every order and customer loaded once, from
// their columnar digests (utils/db/digest.ts: the same rows as the records, only the fields read, in a
// tenth of the time), each report computed off the page's thread (a shop of 100,000 customers has some
// 300,000 orders). The figures over the whole history (cycles, paths, cohorts, trends) are computed
// once per page (its `now`): a range change computes only the ranges' figures.
import { cyclesAndDue, RESTOCK_DAYS, restockForecast, type ItemCycle, type Replenishment, type RestockRow } from '@/utils/crm/cycles';
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
import { readShopDigest } from '@/utils/db/digest';

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
  /** Digest log entries folded in at load (a rebuild counts one): the page then has the log compacted. */
  folded: number;
  loadMs: number;
  computeMs: number;
}

export type AnalyticsResponse = { type: 'report'; report: AnalyticsReport } | { type: 'error'; message: string };

interface Loaded { orders: Order[]; buyers: Map<string, BuyerFacts>; nicks: Map<string, string>; unitDays: Map<string, number>; reviews: Review[]; folded: number; loadMs: number }
let loaded: Promise<Loaded> | undefined;

async function load(): Promise<Loaded> {
  const t0 = performance.now();
  // Reviews of the trend window only (by their date index), with a day to spare.
  const since = Date.now() - (TREND_WEEKS * 7 + 1) * DAY_MS;
  const [digest, unitDays, reviews] = await Promise.all([
    readShopDigest(db()), sellerUnitDays(db()), db().reviews.where('createdAt').aboveOrEqual(since).toArray(),
  ]);
  const buyers = new Map<string, BuyerFacts>();
  const nicks = new Map<string, string>();
  for (const c of digest.customers) {
    buyers.set(c.key, { identity: c.identity, firstPurchaseAt: c.firstPurchaseAt });
    nicks.set(c.key, c.nick);
  }
  // The digest holds every field the analytics read; the rest of an Order is never looked at here.
  return { orders: digest.orders as Order[], buyers, nicks, unitDays, reviews, folded: digest.folded + (digest.rebuilt ? 1 : 0), loadMs: performance.now() - t0 };
}

type Whole = Omit<AnalyticsReport, 'key' | 'a' | 'b' | 'folded' | 'loadMs' | 'computeMs'>;
/** The figures over the whole history, for the page's `now`. */
let whole: { now: number; value: Whole } | undefined;

function wholeReport(l: Loaded, now: number): Whole {
  if (whole?.now === now) return whole.value;
  // With the seller's "one unit lasts N days", as the callback tasks count them.
  // One pass for both lists: due from 3 days ago to 14 ahead; the 补货 list is the next 7 of it, the
  // restock figure (备货) the next 14 from today.
  const { cycles, due } = cyclesAndDue(l.orders, l.unitDays, l.nicks, now, RESTOCK_DAYS, 3);
  const today = shanghaiMidnight(shanghaiDay(now));
  const value: Whole = {
    orders: l.orders.length, customers: l.buyers.size,
    paths: itemPaths(l.orders, 20), cohorts: cohorts(l.orders, now),
    cycles: [...cycles.values()].sort((x, y) => y.samples - x.samples || x.medianDays - y.medianDays),
    replenish: due.filter((r) => r.dueAt <= today + 7 * DAY_MS).slice(0, 100),
    restock: restockForecast(due.filter((r) => r.dueAt >= today)).slice(0, 50),
    trends: complaintTrends(l.reviews, now).slice(0, 50),
    dsr: dsrWeeks(l.reviews, now),
    photos: photoReviews(l.reviews).slice(0, 20),
  };
  whole = { now, value };
  return value;
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
    const report: AnalyticsReport = {
      key: req.key, ...wholeReport(l, req.now),
      a: rangeReport(l, req.a), b: req.b ? rangeReport(l, req.b) : null,
      folded: l.folded, loadMs: l.loadMs, computeMs: 0,
    };
    report.computeMs = performance.now() - t0;
    postMessage({ type: 'report', report } satisfies AnalyticsResponse);
  } catch (err) {
    loaded = undefined;
    whole = undefined;
    postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies AnalyticsResponse);
  }
};
