import { describe, expect, it } from 'vitest';
import { complaintTrends, dsrWeeks, isAlert, photoReviews, weeksAgo } from './review-trends';
import { parseShanghaiTime } from './time';
import type { AspectId, ReviewAnalysis } from './types';

const at = (s: string) => parseShanghaiTime(s)!;
const NOW = at('2026-12-04 12:00');
let n = 0;
const review = (when: string, itemId: string, complaints: AspectId[], over: Record<string, unknown> = {}) => ({
  platform: 'pdd' as const, reviewId: `r${++n}`, itemId, itemTitle: itemId === 'cup' ? '玻璃杯' : '陶瓷碗', createdAt: at(when), mediaCount: 0,
  analysis: { complaints } as unknown as ReviewAnalysis, ...over,
});

describe('complaint trends per item (差评趋势)', () => {
  it('weeks are the last 7 China days, then the 7 before: 12-04 and 11-28 are week 0, 11-27 week 1', () => {
    expect(weeksAgo(at('2026-12-04 00:01'), NOW)).toBe(0);
    expect(weeksAgo(at('2026-11-28 23:59'), NOW)).toBe(0);
    expect(weeksAgo(at('2026-11-27 10:00'), NOW)).toBe(1);
  });

  it('破损 on the cup: 6 this week against 1 a week in the 4 weeks before is an alert', () => {
    const reviews = [
      // this week: 6 damage complaints on the cup
      ...['12-04', '12-03', '12-02', '12-01', '11-30', '11-29'].map((d) => review(`2026-${d} 10:00`, 'cup', ['damage'])),
      // the 4 weeks before: one a week
      ...['11-27', '11-20', '11-13', '11-06'].map((d) => review(`2026-${d} 10:00`, 'cup', ['damage'])),
      // the bowl: one logistics complaint this week, none before
      review('2026-12-03 09:00', 'bowl', ['logistics']),
    ];
    const trends = complaintTrends(reviews, NOW);
    expect(trends[0]).toEqual({ itemId: 'cup', title: '玻璃杯', aspect: 'damage', weekly: [6, 1, 1, 1, 1, 0, 0, 0], baseline: 1, alert: true });
    expect(trends[1]).toMatchObject({ itemId: 'bowl', aspect: 'logistics', weekly: [1, 0, 0, 0, 0, 0, 0, 0], alert: false });
  });

  it('the threshold: one review is never an alert; 3 against nothing is; 5 against 2 a week is not (needs 6)', () => {
    expect(isAlert(1, 0)).toBe(false);
    expect(isAlert(2, 0)).toBe(false);
    expect(isAlert(3, 0)).toBe(true);
    expect(isAlert(3, 0.25)).toBe(true);
    expect(isAlert(5, 2)).toBe(false);
    expect(isAlert(6, 2)).toBe(true);
  });

  it('DSR per week from the buyers\' 物流 and 服务 scores (Pinduoduo); 买家秀 per item, newest first', () => {
    const reviews = [
      review('2026-12-03 10:00', 'cup', [], { logisticsScore: 5, serviceScore: 4 }),
      review('2026-12-02 10:00', 'cup', [], { logisticsScore: 2, serviceScore: 5, mediaCount: 3 }),
      review('2026-11-25 10:00', 'bowl', [], { logisticsScore: 4, mediaCount: 1 }),
      review('2026-12-01 10:00', 'cup', [], { mediaCount: 2 }),
    ];
    const dsr = dsrWeeks(reviews, NOW);
    expect(dsr[0]).toEqual({ week: 0, reviews: 2, logistics: 3.5, service: 4.5 });
    expect(dsr[1]).toEqual({ week: 1, reviews: 1, logistics: 4, service: null });
    const photos = photoReviews(reviews);
    expect(photos.map((p) => [p.itemId, p.reviews.map((r) => r.mediaCount)])).toEqual([['cup', [3, 2]], ['bowl', [1]]]);
  });
});
