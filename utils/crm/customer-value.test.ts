import { describe, expect, it } from 'vitest';
import { PRESET_LADDER, refundEvidence, refundRecord, refundsOften, riskFlags, tierOf, toNextTier, validLadder, type TierLadder } from './customer-value';
import type { OrderStatus } from './types';

const orders = (...s: OrderStatus[]) => s.map((status) => ({ status, source: 'json' as const }));
const strong = { identity: 'strong' as const, tags: [] as string[] };

describe('risk flags on the row', () => {
  it('2 of 3 paid orders refunded is 退款多; 2 of 5 is not; 1 of 1 is not', () => {
    expect(refundRecord(orders('refunded', 'partially_refunded', 'completed'))).toEqual({ paid: 3, refunded: 2 });
    expect(refundsOften(refundRecord(orders('refunded', 'partially_refunded', 'completed')))).toBe(true);
    expect(refundsOften(refundRecord(orders('refunded', 'refunded', 'completed', 'completed', 'shipped')))).toBe(false);
    expect(refundsOften(refundRecord(orders('refunded')))).toBe(false);
    // An unpaid order that closed was never paid: it is neither a purchase nor a refund.
    expect(refundRecord(orders('closed', 'refunded', 'refunded'))).toEqual({ paid: 2, refunded: 2 });
  });
  it('a bad review before, a refund under way, the 黑名单 tag; in the contract\'s order', () => {
    const bad = { rating: 1, analysis: undefined };
    expect(riskFlags({ ...strong, tags: ['黑名单'] }, refundEvidence([...orders('refunded', 'refunded'), { status: 'paid', refundOpen: true, source: 'json' }]), [bad]))
      .toEqual(['bad-review', 'refunds', 'refund-open', 'blacklist']);
    // The same orders drawn on the page only (source 'dom', no JSON reading) are no evidence.
    const drawn = [...orders('refunded', 'refunded'), { status: 'paid' as const, refundOpen: true }].map((o) => ({ ...o, source: 'dom' as const }));
    expect(refundEvidence([...drawn, ...orders('completed')])).toEqual({ paid: 1, refunded: 0, open: false });
    expect(riskFlags(strong, refundEvidence([...drawn, ...orders('completed')]), [])).toEqual([]);
    expect(riskFlags(strong, refundEvidence(orders('completed')), [{ rating: 5, analysis: undefined }])).toEqual([]);
  });
  it('a masked buyer is never flagged, whatever their orders say', () => {
    for (const identity of ['weak', 'probable'] as const) {
      expect(riskFlags({ ...strong, identity, tags: ['黑名单'] }, refundEvidence(orders('refunded', 'refunded')), [{ rating: 1, analysis: undefined }])).toEqual([]);
    }
  });
});

describe('member tiers (会员等级)', () => {
  it('the boundary at exactly ¥1,000 reaches 高级会员; ¥999.99 does not', () => {
    expect(tierOf({ totalFen: 100_000, orderCount: 3 }, PRESET_LADDER)).toBe('高级会员');
    expect(tierOf({ totalFen: 99_999, orderCount: 3 }, PRESET_LADDER)).toBe('普通会员');
    expect(toNextTier({ totalFen: 99_999, orderCount: 3 }, PRESET_LADDER)).toEqual({ name: '高级会员', short: 1 });
    expect(tierOf({ totalFen: 0, orderCount: 0 }, PRESET_LADDER)).toBeNull();
    expect(toNextTier({ totalFen: 2_000_000, orderCount: 9 }, PRESET_LADDER)).toBeNull();
  });
  it('a ladder by valid purchases; no ladder, no tier', () => {
    const byOrders: TierLadder = { by: 'orders', levels: [{ name: '回头客', min: 2 }, { name: '铁粉', min: 5 }] };
    expect(tierOf({ totalFen: 1, orderCount: 5 }, byOrders)).toBe('铁粉');
    expect(tierOf({ totalFen: 1, orderCount: 1 }, byOrders)).toBeNull();
    expect(tierOf({ totalFen: 1, orderCount: 5 }, null)).toBeNull();
  });
  it('a ladder is checked: at most 6 levels, names unique, thresholds rising', () => {
    expect(validLadder(PRESET_LADDER)).toBeNull();
    expect(validLadder({ by: 'spend', levels: [{ name: 'a', min: 5 }, { name: 'b', min: 5 }] })).toBe('order');
    expect(validLadder({ by: 'spend', levels: [{ name: 'a', min: 1 }, { name: 'a', min: 5 }] })).toBe('names');
    expect(validLadder({ by: 'spend', levels: Array.from({ length: 7 }, (_, i) => ({ name: `L${i}`, min: i })) })).toBe('count');
    // A level from ¥0 would give a tier to a buyer who never paid.
    expect(validLadder({ by: 'spend', levels: [{ name: 'a', min: 0 }, { name: 'b', min: 5 }] })).toBe('min');
    expect(tierOf({ totalFen: 50_000, orderCount: 0 }, PRESET_LADDER)).toBeNull();
    // A masked nick alone (each masked order its own customer) is never placed on the ladder.
    expect(tierOf({ totalFen: 500_000, orderCount: 1, identity: 'weak' }, PRESET_LADDER)).toBeNull();
    expect(toNextTier({ totalFen: 99_999, orderCount: 1, identity: 'weak' }, PRESET_LADDER)).toBeNull();
    expect(tierOf({ totalFen: 100_000, orderCount: 1, identity: 'probable' }, PRESET_LADDER)).toBe('高级会员');
  });
});
