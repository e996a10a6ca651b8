// Customer value over the database: the badge facts of a page carry each proven buyer's risk flags and
// tier; the card says the same, with the way to the next tier and local points.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '../../tests/support/db';
import type { ObservedOrder, ObservedReview } from '@/utils/crm/types';
import { segmentContext } from '@/utils/crm/segments';
import { ingestOrders, lookupOrderFacts } from './ingest';
import { ingestReviews } from './reviews';
import { customerCard, saveCustomerNotes } from './customers';
import { memberTiers, saveMemberTiers, withValue } from './customer-value';

const freshDb = freshDbs('laoke-customer-value');
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 4);

let seq = 0;
const seen = (buyer: ObservedOrder['buyer'], o: Partial<ObservedOrder> = {}): ObservedOrder => ({
  platform: 'taobao', orderId: String(3_700_000_000_000_000_000n + BigInt(++seq)), buyer, createdAt: NOW - (40 - seq) * DAY, status: 'completed',
  amountFen: 50_000, refundFen: 0, items: [{ itemId: 'i1', title: '正山小种红茶', sku: '', quantity: 1, unitFen: 50_000, refunded: false }],
  source: 'json', ...o,
});

describe('risk flags and tier on the badge facts', () => {
  it('2 of 3 paid orders refunded (one closed after a full refund) flags 退款多; a masked buyer with the same is never flagged', async () => {
    const db = freshDb();
    const refunder = { id: 'b1', nick: '退款王' };
    const masked = { nick: 't**1' };
    const orders = [
      seen(refunder, { status: 'refunded', refundFen: 50_000 }), seen(refunder, { status: 'partially_refunded', refundFen: 20_000 }), seen(refunder),
      seen(masked, { status: 'refunded', refundFen: 50_000 }), seen(masked, { status: 'refunded', refundFen: 50_000 }), seen(masked),
    ];
    const { facts } = await ingestOrders(db, orders, NOW);
    const valued = await withValue(db, facts);
    expect(valued.slice(0, 3).map((f) => f.risk)).toEqual([['refunds'], ['refunds'], ['refunds']]);
    expect(valued.slice(3).every((f) => f.risk === undefined && f.identity === 'weak')).toBe(true);
    // The lookup a page change makes says the same.
    expect((await lookupOrderFacts(db, 'taobao', orders.map((o) => o.orderId))).map((f) => f.risk ?? null)).toEqual(valued.map((f) => f.risk ?? null));
  });

  it('a bad review before, the 黑名单 tag, a refund under way; the tier once a ladder is saved (¥1,000 exactly is 高级会员)', async () => {
    const db = freshDb();
    const a = { id: 'a', nick: '差评师' };
    const b = { id: 'b', nick: '老顾客' };
    const first = seen(a);
    await ingestOrders(db, [first, seen(b, { amountFen: 100_000 }), seen(b, { amountFen: 20_000, refundOpen: true, status: 'paid' })], NOW);
    const review: ObservedReview = {
      platform: 'taobao', reviewId: 'r1', orderId: first.orderId, itemId: 'i1', itemTitle: '正山小种红茶', nick: '差**', rating: 1,
      text: '茶叶受潮发霉，味道很差，非常失望', mediaCount: 0, createdAt: NOW - 10 * DAY,
    };
    await ingestReviews(db, [review], null, NOW);
    await saveCustomerNotes(db, 'taobao:id:b', { tags: ['黑名单'], notes: '', phone: '' });
    let facts = await lookupOrderFacts(db, 'taobao', [first.orderId]);
    expect(facts[0]).toMatchObject({ risk: ['bad-review'] });
    expect(facts[0]!.tier).toBeUndefined();
    await saveMemberTiers(db, { by: 'spend', levels: [{ name: '普通会员', min: 1 }, { name: '高级会员', min: 100_000 }] }, NOW);
    facts = await lookupOrderFacts(db, 'taobao', [first.orderId]);
    expect(facts[0]).toMatchObject({ risk: ['bad-review'], tier: '普通会员' });
    const card = (await customerCard(db, 'taobao:id:b', segmentContext([], NOW)))!;
    // ¥1,000 + ¥200 paid, the second still in refund: valid spend ¥1,200, 高级会员 (¥1,000 is the line).
    expect(card.value).toMatchObject({ risk: ['refund-open', 'blacklist'], tier: '高级会员', next: null, points: null });
    await saveMemberTiers(db, { by: 'orders', levels: [{ name: '回头客', min: 2 }, { name: '铁粉', min: 5 }], points: true }, NOW);
    expect((await customerCard(db, 'taobao:id:b', segmentContext([], NOW)))!.value).toMatchObject({ tier: '回头客', next: { name: '铁粉', short: 3 }, by: 'orders', points: 1_200 });
  });

  it('a row drawn on the page (a DOM reading with a real buyer\'s nick) learns no flag and is no evidence', async () => {
    const db = freshDb();
    const buyer = { id: 'b9', nick: '老顾客九' };
    const real = seen(buyer);
    await ingestOrders(db, [real], NOW);
    await saveCustomerNotes(db, 'taobao:id:b9', { tags: ['黑名单'], notes: '', phone: '' });
    // The page draws two refunded orders and one in refund under the buyer's full nick (no JSON reading).
    const drawn = [seen({ nick: '老顾客九' }, { status: 'refunded', refundFen: 50_000, source: 'dom' }),
      seen({ nick: '老顾客九' }, { status: 'refunded', refundFen: 50_000, source: 'dom' }), seen({ nick: '老顾客九' }, { status: 'paid', refundOpen: true, source: 'dom' })];
    const { facts } = await ingestOrders(db, drawn, NOW);
    // They join the buyer (a Taobao nick in full is the login name), yet show nothing of the seller's tag.
    expect(facts.every((f) => f.customerKey === 'taobao:id:b9')).toBe(true);
    expect((await withValue(db, facts)).map((f) => f.risk)).toEqual([undefined, undefined, undefined]);
    // The JSON-read order shows the tag, and nothing the drawn rows claimed.
    expect((await lookupOrderFacts(db, 'taobao', [real.orderId]))[0]!.risk).toEqual(['blacklist']);
  });

  it('a ladder that breaks the rules is refused and the saved one stays', async () => {
    const db = freshDb();
    await saveMemberTiers(db, { by: 'spend', levels: [{ name: 'VIP', min: 100 }] }, NOW);
    await expect(saveMemberTiers(db, { by: 'spend', levels: [{ name: 'A', min: 500 }, { name: 'B', min: 100 }] }, NOW)).rejects.toThrow();
    await expect(saveMemberTiers(db, { by: 'spend', levels: Array.from({ length: 7 }, (_, i) => ({ name: `L${i}`, min: i })) }, NOW)).rejects.toThrow();
    expect(await memberTiers(db)).toEqual({ by: 'spend', levels: [{ name: 'VIP', min: 100 }] });
    await saveMemberTiers(db, null, NOW);
    expect(await memberTiers(db)).toBeNull();
  });
});
