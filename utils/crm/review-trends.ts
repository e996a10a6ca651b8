// Complaint trends per item (差评趋势), pure. Sellers read reviews one at a time; a bad batch, a bad courier
// or a misleading picture shows first as one complaint growing on one item, days before the rating drops.
// Weeks here are the last seven China days up to today, and the seven before that, and so on: "this week"
// is always the last 7 days, whatever the weekday.
//
// Alert (预警) when, for one item and one complaint aspect, the last 7 days hold at least ALERT_MIN
// complaints and at least ALERT_RATIO times the weekly average of the BASELINE_WEEKS weeks before (an
// average under one a week counts as one): 破损 ×6 this week against about 1 a week is an alert; one
// review, or two, never is.
import { shanghaiDay } from './time';
import type { AspectId, Review } from './types';

export const TREND_WEEKS = 8;
export const BASELINE_WEEKS = 4;
export const ALERT_MIN = 3;
export const ALERT_RATIO = 3;

type TrendReview = Pick<Review, 'itemId' | 'itemTitle' | 'createdAt' | 'analysis' | 'logisticsScore' | 'serviceScore' | 'mediaCount' | 'platform' | 'reviewId'>;

/** Week index back from today: 0 is the last 7 days (today included), 1 the 7 before, … */
export function weeksAgo(at: number, now: number): number {
  return Math.floor((shanghaiDay(now) - shanghaiDay(at)) / 7);
}

export interface ItemTrend {
  itemId: string;
  /** The title of the item's newest review. */
  title: string;
  aspect: AspectId;
  /** Complaints per week, index 0 the last 7 days, up to TREND_WEEKS weeks back. */
  weekly: number[];
  /** The weekly average over the BASELINE_WEEKS weeks before the last 7 days. */
  baseline: number;
  alert: boolean;
}

/** Per item and complaint aspect with any complaint in the window: the weekly counts and whether it jumped. */
export function complaintTrends(reviews: readonly TrendReview[], now: number): ItemTrend[] {
  const byKey = new Map<string, ItemTrend>();
  const titles = new Map<string, [string, number]>();
  for (const r of reviews) {
    const w = weeksAgo(r.createdAt, now);
    const t = titles.get(r.itemId);
    if (!t || r.createdAt > t[1]) titles.set(r.itemId, [r.itemTitle, r.createdAt]);
    if (w < 0 || w >= TREND_WEEKS) continue;
    for (const aspect of r.analysis?.complaints ?? []) {
      const key = `${r.itemId}\u0000${aspect}`;
      let trend = byKey.get(key);
      if (!trend) byKey.set(key, (trend = { itemId: r.itemId, title: '', aspect, weekly: new Array<number>(TREND_WEEKS).fill(0), baseline: 0, alert: false }));
      trend.weekly[w]!++;
    }
  }
  for (const trend of byKey.values()) {
    trend.title = titles.get(trend.itemId)?.[0] ?? trend.itemId;
    trend.baseline = trend.weekly.slice(1, 1 + BASELINE_WEEKS).reduce((a, b) => a + b, 0) / BASELINE_WEEKS;
    trend.alert = isAlert(trend.weekly[0]!, trend.baseline);
  }
  return [...byKey.values()].sort((a, b) => Number(b.alert) - Number(a.alert) || b.weekly[0]! - a.weekly[0]! || a.itemId.localeCompare(b.itemId) || a.aspect.localeCompare(b.aspect));
}

/** The alert rule: at least ALERT_MIN this week and at least ALERT_RATIO times the baseline (at least one a week). */
export function isAlert(thisWeek: number, baseline: number): boolean {
  return thisWeek >= ALERT_MIN && thisWeek >= ALERT_RATIO * Math.max(1, baseline);
}

export interface DsrWeek {
  /** Weeks back from today (0: the last 7 days). */
  week: number;
  reviews: number;
  /** Average of the buyers' own 物流 and 服务 scores (1–5, Pinduoduo), null without any. */
  logistics: number | null;
  service: number | null;
}

/** The buyers' logistics and service scores per week (Pinduoduo gives them with each review): a DSR view. */
export function dsrWeeks(reviews: readonly TrendReview[], now: number): DsrWeek[] {
  const weeks = Array.from({ length: TREND_WEEKS }, (_, week) => ({ week, reviews: 0, l: [0, 0], s: [0, 0] }));
  for (const r of reviews) {
    const w = weeksAgo(r.createdAt, now);
    if (w < 0 || w >= TREND_WEEKS || (r.logisticsScore === undefined && r.serviceScore === undefined)) continue;
    const week = weeks[w]!;
    week.reviews++;
    if (r.logisticsScore !== undefined) week.l = [week.l[0]! + r.logisticsScore, week.l[1]! + 1];
    if (r.serviceScore !== undefined) week.s = [week.s[0]! + r.serviceScore, week.s[1]! + 1];
  }
  const avg = ([sum, n]: number[]) => (n ? Math.round((sum! / n) * 100) / 100 : null);
  return weeks.map((w) => ({ week: w.week, reviews: w.reviews, logistics: avg(w.l), service: avg(w.s) }));
}

export interface PhotoItem {
  itemId: string;
  title: string;
  /** Reviews with photos or video (买家秀), newest first: their ids and counts. */
  reviews: { platform: Review['platform']; reviewId: string; mediaCount: number; createdAt: number }[];
}

/** 买家秀: per item, the reviews that carry photos or video, items with most first. */
export function photoReviews(reviews: readonly TrendReview[], perItem = 10): PhotoItem[] {
  const byItem = new Map<string, PhotoItem>();
  for (const r of reviews) {
    if (!(r.mediaCount > 0)) continue;
    const item = byItem.get(r.itemId) ?? { itemId: r.itemId, title: r.itemTitle, reviews: [] };
    item.reviews.push({ platform: r.platform, reviewId: r.reviewId, mediaCount: r.mediaCount, createdAt: r.createdAt });
    byItem.set(r.itemId, item);
  }
  const items = [...byItem.values()];
  for (const it of items) it.reviews.sort((a, b) => b.createdAt - a.createdAt);
  return items.sort((a, b) => b.reviews.length - a.reviews.length || a.itemId.localeCompare(b.itemId))
    .map((it) => ({ ...it, reviews: it.reviews.slice(0, perItem) }));
}
