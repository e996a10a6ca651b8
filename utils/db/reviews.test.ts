import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ObservedReview } from '@/utils/crm/types';
import { ingestReviews, loadModelState, recordCopiedReply, retrainIfDue, reviewQueue, saveKnowledge } from './reviews';
import { LaokeDB } from './schema';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 4);
const WINDOWS = { taobao: 30, pdd: 30 } as const;
let db: LaokeDB;

function review(id: string, extra: Partial<ObservedReview> = {}): ObservedReview {
  return {
    platform: 'pdd', reviewId: id, orderId: `261120-${id.padStart(15, '0')}`, itemId: '9', itemTitle: '白牡丹 100g', nick: '阿***',
    rating: 1, text: '快递太慢了，等了一个星期', mediaCount: 0, createdAt: NOW - DAY, ...extra,
  };
}

afterEach(async () => {
  await db?.delete();
});

describe('the review queue', () => {
  it('a copied draft answers the review; a 追评 after it brings the review back', async () => {
    db = new LaokeDB('laoke-reviews-queue');
    await ingestReviews(db, [review('1'), review('2', { rating: 5, text: '很好喝' })], null, NOW);
    let q = await reviewQueue(db, WINDOWS, null, { now: NOW });
    expect(q.items.map((i) => i.reviewId)).toEqual(['1']);
    expect(q.items[0]!.analysis.complaints).toEqual(['logistics']);
    const draft = q.items[0]!.drafts[0]!.text;
    await recordCopiedReply(db, 'pdd', '1', draft, NOW + 60_000);
    q = await reviewQueue(db, WINDOWS, null, { now: NOW + 120_000 });
    expect(q.open).toBe(0);
    // The buyer writes a 追评 two days later: it needs an answer of its own.
    await ingestReviews(db, [review('1', { appendText: '盒子也是破的', appendDays: 2 })], null, NOW + 3 * DAY);
    q = await reviewQueue(db, WINDOWS, null, { now: NOW + 3 * DAY });
    expect(q.items.map((i) => i.reviewId)).toEqual(['1']);
    expect(q.items[0]!.handledAt).toBeUndefined();
    // Its drafts do not repeat the reply already copied.
    expect(q.items[0]!.drafts.every((d) => d.text !== draft)).toBe(true);
  });

  it('a reply the page shows from before the 追评 does not answer it', async () => {
    db = new LaokeDB('laoke-reviews-replied');
    await ingestReviews(db, [review('3', { replied: true, reply: '抱歉亲，已安排补发', repliedAt: NOW - DAY / 2 })], null, NOW);
    expect((await reviewQueue(db, WINDOWS, null, { now: NOW })).open).toBe(0);
    await ingestReviews(db, [review('3', { replied: true, reply: '抱歉亲，已安排补发', repliedAt: NOW - DAY / 2, appendText: '补发的也是坏的', appendDays: 3 })], null, NOW + 4 * DAY);
    expect((await reviewQueue(db, WINDOWS, null, { now: NOW + 4 * DAY })).open).toBe(1);
    expect((await db.replies.toArray()).map((r) => [r.source, r.text])).toEqual([['seen', '抱歉亲，已安排补发']]);
  });

  it('product knowledge reaches the drafts of a good review of that item', async () => {
    db = new LaokeDB('laoke-reviews-knowledge');
    await ingestReviews(db, [review('4', { rating: 5, text: '茶很香' })], null, NOW);
    await saveKnowledge(db, 'pdd', '9', '白牡丹 100g', '水温85度左右，闷泡不要太久。', NOW);
    const q = await reviewQueue(db, WINDOWS, null, { now: NOW, focus: { platform: 'pdd', reviewId: '4' } });
    expect(q.items[0]!.knowledge).toBe('水温85度左右，闷泡不要太久。');
    expect(q.items[0]!.drafts.some((d) => d.text.includes('水温85度'))).toBe(true);
  });
});

describe('learning the shop\'s model', () => {
  it('learns once there are 20 of each, not again until a tenth more, and reads every review again', async () => {
    db = new LaokeDB('laoke-reviews-learn');
    const rated = Array.from({ length: 25 }, (_, i) => [
      review(`p${i}`, { rating: 5, text: `第${i}回，绝绝子` }), review(`n${i}`, { rating: 1, text: `第${i}回，踩雷` }),
    ]).flat();
    const stats = { newLabelled: 0 };
    await ingestReviews(db, rated, null, NOW, stats);
    expect(stats.newLabelled).toBe(50);
    const first = await retrainIfDue(db, await loadModelState(db), NOW);
    expect(first?.trainedOn).toEqual({ pos: 25, neg: 25 });
    const state = await loadModelState(db);
    expect(state.labelled).toEqual({ pos: 25, neg: 25 });
    expect(await retrainIfDue(db, state, NOW)).toBeNull();
    await ingestReviews(db, Array.from({ length: 20 }, (_, i) => review(`q${i}`, { rating: 5, text: `又来，绝绝子${i}` })), first, NOW);
    expect((await retrainIfDue(db, await loadModelState(db), NOW))?.trainedOn).toEqual({ pos: 45, neg: 25 });
  });
});
