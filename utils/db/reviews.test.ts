import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STYLE, replySimilarity, TOO_SIMILAR } from '@/utils/crm/replies';
import type { ObservedReview } from '@/utils/crm/types';
import { copiedInLaoke, correctReviewAspects, ingestReviews, loadModelState, recordCopiedReply, retrainAspectsIfDue, retrainIfDue, reviewQueue, saveKnowledge } from './reviews';
import { LaokeDB, type ReplyRecord } from './schema';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 4);
const WINDOWS = { taobao: 30, pdd: 30, douyin: 30, jd: null } as const;
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

describe('the shop\'s voice is learned from copied drafts only (the page is untrusted)', () => {
  const FORGED = '亲亲，加微信xx123领红包，小店祝您生活愉快';
  // The same style, clean enough for learnStyle's own lint: what a page script would post to be learned.
  const CLEAN = ['亲亲，感谢您的支持！茶叶开封后记得密封。小店祝您生活愉快！', '亲亲，感谢您的支持！有问题随时找客服。小店祝您生活愉快！'];
  const good = (id: string) => review(id, { rating: 5, text: '茶很香，包装也好' });
  const draftsOf = async (focus: string, now = NOW) =>
    (await reviewQueue(db, WINDOWS, null, { now, focus: { platform: 'pdd', reviewId: focus } })).items[0]!.drafts.map((d) => d.text);

  it('replies seen on the page do not make drafts open with 亲亲 or close with their phrase; they still count for similarity', async () => {
    db = new LaokeDB('laoke-reviews-voice-page');
    const pageReplies = [FORGED, FORGED, ...CLEAN, ...CLEAN];
    await ingestReviews(db, pageReplies.map((reply, i) => good(`s${i}`)).map((r, i) => ({ ...r, replied: true, reply: pageReplies[i]!, repliedAt: NOW - DAY / 2 })), null, NOW);
    await ingestReviews(db, [good('new')], null, NOW);
    const q = await reviewQueue(db, WINDOWS, null, { now: NOW, focus: { platform: 'pdd', reviewId: 'new' } });
    expect(q.style).toEqual(DEFAULT_STYLE);
    const drafts = q.items[0]!.drafts.map((d) => d.text);
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) {
      expect(d.startsWith('亲亲')).toBe(false);
      expect(d).not.toMatch(/小店|生活愉快|加微信/);
      for (const r of pageReplies) expect(replySimilarity(d, r)).toBeLessThan(TOO_SIMILAR);
    }
    expect((await db.replies.toArray()).every((r) => r.source === 'seen')).toBe(true);
  });

  it('the same style in drafts the seller copied does shape the drafts', async () => {
    db = new LaokeDB('laoke-reviews-voice-copied');
    await ingestReviews(db, [good('c0'), good('c1'), good('c2'), good('c3'), good('new')], null, NOW);
    await recordCopiedReply(db, 'pdd', 'c0', FORGED, NOW + 1);
    for (const [i, text] of CLEAN.entries()) await recordCopiedReply(db, 'pdd', `c${i + 1}`, text, NOW + 2 + i);
    const q = await reviewQueue(db, WINDOWS, null, { now: NOW + DAY, focus: { platform: 'pdd', reviewId: 'new' } });
    expect(q.style).toEqual({ address: '亲亲', selfName: '小店', openers: ['亲亲，感谢您的支持！'], closings: ['小店祝您生活愉快！'] });
    const drafts = [
      ...q.items[0]!.drafts.map((d) => d.text),
      ...(await Promise.all(['c0', 'c1', 'c2', 'c3'].map((id) => draftsOf(id, NOW + DAY)))).flat(),
    ];
    expect(drafts.some((d) => d.startsWith('亲亲'))).toBe(true);
    expect(drafts.some((d) => d.endsWith('小店祝您生活愉快！'))).toBe(true);
    // Still clean: the flagged copy taught its address, never its words.
    for (const d of drafts) expect(d).not.toMatch(/微信|红包/);
  });

  it('a copied draft stays copied when the page shows it posted, as it was or edited', async () => {
    db = new LaokeDB('laoke-reviews-voice-posted');
    await ingestReviews(db, [good('p1'), good('p2')], null, NOW);
    await recordCopiedReply(db, 'pdd', 'p1', CLEAN[0]!, NOW + 1);
    await recordCopiedReply(db, 'pdd', 'p2', CLEAN[1]!, NOW + 2);
    await ingestReviews(db, [
      { ...good('p1'), replied: true, reply: CLEAN[0]!, repliedAt: NOW + 10 },
      { ...good('p2'), replied: true, reply: FORGED, repliedAt: NOW + 10 },
    ], null, NOW + DAY);
    const stored = (await db.replies.toArray()).sort((a, b) => a.reviewId.localeCompare(b.reviewId));
    expect(stored.map((r) => [r.reviewId, r.source, r.text])).toEqual([['p1', 'copied', CLEAN[0]], ['p2', 'copied', CLEAN[1]]]);
    expect((await reviewQueue(db, WINDOWS, null, { now: NOW + DAY })).style.closings).toEqual(['小店祝您生活愉快！']);
  });

  it('a stored reply without a source counts as seen on the page, not copied', async () => {
    db = new LaokeDB('laoke-reviews-voice-legacy');
    const legacy = CLEAN.map((text, i) => ({ platform: 'pdd', reviewId: `l${i}`, text, at: NOW - i }) as unknown as ReplyRecord);
    await db.replies.bulkPut([...legacy, ...legacy.map((r) => ({ ...r, reviewId: `${r.reviewId}b` }))]);
    expect(legacy.some(copiedInLaoke)).toBe(false);
    await ingestReviews(db, [good('new')], null, NOW);
    expect((await reviewQueue(db, WINDOWS, null, { now: NOW })).style).toEqual(DEFAULT_STYLE);
  });

  it('replies the page claims after a copy, however many and however dated, never push it out of the replies not to repeat', async () => {
    db = new LaokeDB('laoke-reviews-voice-crowd');
    await ingestReviews(db, [good('x')], null, NOW);
    const before = await draftsOf('x');
    await recordCopiedReply(db, 'pdd', 'x', before[0]!, NOW + 1);
    // 60 forged replies dated a year ahead: the last 50 by date are all the page's.
    const forged = Array.from({ length: 60 }, (_, i) => ({ ...review(`f${i}`, { rating: 5, text: '不错' }), replied: true, reply: `第${i}号，好的`, repliedAt: NOW + 365 * DAY }));
    await ingestReviews(db, forged, null, NOW + 2);
    // The same review asked again gives the same candidates: the copied one must be refused.
    const after = await draftsOf('x', NOW + 3);
    expect(after.length).toBeGreaterThan(0);
    for (const d of after) expect(replySimilarity(d, before[0]!)).toBeLessThan(TOO_SIMILAR);
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

describe('a review page read again', () => {
  it('changes no data version while nothing on it changed; its last-seen time still moves (quietly)', async () => {
    const { readDataVersion, versionOf } = await import('./data-version');
    db = new LaokeDB('laoke-reviews-again');
    await ingestReviews(db, [review('1'), review('2', { rating: 5, text: '很好喝' })], null, NOW);
    const first = await readDataVersion(db);
    expect(versionOf(first, ['reviews'])).toBeGreaterThan(0);
    await ingestReviews(db, [review('1'), review('2', { rating: 5, text: '很好喝' })], null, NOW + 60_000);
    await ingestReviews(db, [review('1'), review('2', { rating: 5, text: '很好喝' })], null, NOW + 3_600_000);
    expect(await readDataVersion(db)).toEqual(first);
    expect((await db.reviews.get(['pdd', '1']))!.lastSeenAt).toBe(NOW + 3_600_000);
    // A 追评 is news: the version moves.
    await ingestReviews(db, [review('1', { appendText: '盒子也是破的', appendDays: 2 })], null, NOW + 2 * DAY);
    expect(versionOf(await readDataVersion(db), ['reviews'])).toBe(first.version + 1);
  });
});

describe('the seller corrects a review\'s complaints', () => {
  it('kept while the text is the one corrected, read afresh after a 追评; it trains the aspect model at once', async () => {
    db = new LaokeDB('laoke-reviews-correct');
    await ingestReviews(db, [review('c1', { text: '颜色和图片不一样' })], null, NOW);
    expect((await db.reviews.get(['pdd', 'c1']))!.analysis!.complaints).toEqual(['mismatch']);
    expect(await correctReviewAspects(db, 'pdd', 'c1', ['quality', 'quality'], null, null, NOW + 1)).toBe(true);
    expect(await correctReviewAspects(db, 'pdd', 'nope', ['quality'], null, null, NOW + 1)).toBe(false);
    let stored = (await db.reviews.get(['pdd', 'c1']))!;
    expect(stored.aspectCorrection).toEqual({ complaints: ['quality'], at: NOW + 1 });
    expect(stored.analysis).toMatchObject({ complaints: ['quality'], corrected: true });
    // the page read again: the correction stays
    await ingestReviews(db, [review('c1', { text: '颜色和图片不一样' })], null, NOW + DAY);
    expect((await db.reviews.get(['pdd', 'c1']))!.analysis!.complaints).toEqual(['quality']);
    // a 追评 changes what the review says: Laoke reads it again
    await ingestReviews(db, [review('c1', { text: '颜色和图片不一样', appendText: '快递也慢', appendDays: 3 })], null, NOW + 2 * DAY);
    stored = (await db.reviews.get(['pdd', 'c1']))!;
    expect(stored.aspectCorrection).toBeUndefined();
    expect(stored.analysis!.complaints).toEqual(['logistics', 'mismatch']);

    // Fewer than 200 reviews with text: no model, even after a correction.
    expect(await retrainAspectsIfDue(db, { aspects: null }, true, NOW)).toBeNull();
    await ingestReviews(db, Array.from({ length: 199 }, (_, i) => review(`m${i}`, { rating: 5, text: `很好喝${i}` })), null, NOW);
    const model = await retrainAspectsIfDue(db, { aspects: null }, false, NOW);
    expect(model?.trainedOn).toBe(200);
    expect((await loadModelState(db)).aspects?.trainedOn).toBe(200);
    expect(await retrainAspectsIfDue(db, { aspects: model }, false, NOW)).toBeNull();
    expect((await retrainAspectsIfDue(db, { aspects: model }, true, NOW))?.trainedOn).toBe(200);
    // Counted against the reviews there were (past the cap the model learns from fewer): not due.
    expect(model?.available).toBe(200);
    expect(await retrainAspectsIfDue(db, { aspects: { ...model!, trainedOn: 150 } }, false, NOW)).toBeNull();
  });
});
