import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { presetRule } from '@/utils/crm/audience';
import type { Customer, Order } from '@/utils/crm/types';
import { audienceMembers, campaignResults, exportAudience, exportFile, exportFiles, loadAudienceData, newestFirst } from './audiences';
import { LaokeDB } from './schema';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 22, 4);
let db: LaokeDB;

function customer(i: number, over: Partial<Customer> = {}): Customer {
  return {
    key: `taobao:id:b${i}`, platform: 'taobao', nick: `买家${i}`, buyerId: `b${i}`, identity: 'strong', orderCount: 1 + (i % 3),
    totalFen: 10_000 * (1 + (i % 3)), firstPurchaseAt: now - 200 * DAY, lastPurchaseAt: now - i * 10 * DAY, purchases: [`${1000 + i}`],
    items: [], pieces: 1, maxPieces: 1, itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: now, ...over,
  };
}

afterEach(async () => {
  db?.close();
  await db?.delete();
});

describe('audiences over the database', () => {
  it('newestFirst picks the most recent buyers without sorting everyone, ties by key', () => {
    const cs = [5, 1, 9, 3, 7, 2].map((i) => customer(i));
    expect(newestFirst(cs, 3).map((c) => c.nick)).toEqual(['买家1', '买家2', '买家3']);
    expect(newestFirst(cs, 10).map((c) => c.nick)).toEqual(['买家1', '买家2', '买家3', '买家5', '买家7', '买家9']);
  });

  it('a recorded campaign suppresses its members; attribution counts their later orders', async () => {
    db = new LaokeDB('laoke-audiences-test');
    // Ten customers; customers 0, 3, 6, 9 have bought 1 time (orderCount = 1 + i % 3).
    await db.customers.bulkPut(Array.from({ length: 10 }, (_, i) => customer(i)));
    let data = await loadAudienceData(db, now);
    const returning = audienceMembers(data, presetRule('returning', data.basis), {}, now);
    expect(returning.members).toHaveLength(6);

    const sentAt = now - 2 * DAY;
    const { campaign } = await exportAudience(db, returning.members, {
      name: '老客回访', sentAt, rule: presetRule('returning', data.basis), ruleText: '', channel: 'sms', message: '【小美家】…回T退订',
      parts: 1, priceLi: 40, holdoutShare: 0, format: 'orders', fileName: 'returning',
    });
    expect(campaign.members).toHaveLength(6);
    data = await loadAudienceData(db, now);
    const again = audienceMembers(data, presetRule('returning', data.basis), { contactedWithinDays: 7 }, now);
    expect(again.members).toHaveLength(0);
    expect(again.removed.contacted).toBe(6);

    // Customer 1 (a member) buys ¥88 a day after the send; customer 0 (not a member) buys too.
    const order = (key: string, orderId: string, at: number): Order => ({
      platform: 'taobao', orderId, customerKey: key, identity: 'strong', nick: '', createdAt: at, status: 'paid', amountFen: 8_800,
      refundFen: 0, items: [], source: 'json', firstSeenAt: at, lastSeenAt: at,
    });
    await db.orders.bulkPut([order('taobao:id:b1', '9001', sentAt + DAY), order('taobao:id:b0', '9002', sentAt + DAY), order('taobao:id:b2', '9003', sentAt - DAY)]);
    const [result] = await campaignResults(db, now);
    // 6 messages × ¥0.040 = ¥0.24; ¥88 back: ROI 366.7, one buyer of six.
    expect(result!.attribution).toMatchObject({ sent: 6, costFen: 24, members: { d3: { buyers: 1, revenueFen: 8_800 } } });
    expect(result!.attribution.roi).toBeCloseTo(8_800 / 24);
    expect(result!.attribution.repurchaseRate).toBeCloseTo(1 / 6);
  });

  it('order numbers of an audience on both platforms go to one list per platform; the CSV stays one file', () => {
    const cs = [customer(1), customer(2, { platform: 'pdd', key: 'pdd:probable:x', purchases: ['201122-0001'] }), customer(3)];
    const files = exportFiles(cs, 'orders', 'all', now);
    expect(files.map((f) => [f.filename, f.text])).toEqual([
      ['laoke-all-taobao-orders-20261122.txt', '1001\n1003'],
      ['laoke-all-pdd-orders-20261122.txt', '201122-0001'],
    ]);
    expect(exportFiles(cs, 'csv', 'all', now)).toHaveLength(1);
  });

  it('exports the members in the chosen format, in the order given', () => {
    const cs = [customer(2), customer(1)];
    const orders = exportFile(cs, 'orders', 'returning', now);
    expect(orders).toMatchObject({ filename: 'laoke-returning-orders-20261122.txt', text: '1002\n1001', count: 2 });
    const csv = exportFile(cs, 'csv', 'returning', now);
    expect(csv.filename).toBe('laoke-returning-20261122.csv');
    expect(csv.text.startsWith('\uFEFFcustomer_key,nick,platform,orders,total_yuan,last_order_id,last_order_at,phone\r\ntaobao:id:b2,买家2,taobao,3,300.00,1002,')).toBe(true);
  });

  it('an export with a hold-out records both groups and writes only the members to the file', async () => {
    db = new LaokeDB('laoke-audiences-test');
    const cs = Array.from({ length: 20 }, (_, i) => customer(i));
    const { files: [file], campaign } = await exportAudience(db, cs, {
      name: '全部', sentAt: now, rule: { kind: 'and', rules: [] }, ruleText: '', format: 'orders', fileName: 'all',
      message: '', parts: 1, priceLi: 0, holdoutShare: 0.2,
    });
    expect(campaign.holdout).toHaveLength(4);
    expect(campaign.members).toHaveLength(16);
    expect(campaign.channel).toBe('orders');
    const lines = file!.text.split('\n');
    expect(lines).toHaveLength(16);
    const held = new Set(campaign.holdout.map((k) => `${1000 + Number(k.slice('taobao:id:b'.length))}`));
    expect(lines.some((l) => held.has(l))).toBe(false);
    expect(await db.campaigns.get(campaign.id!)).toMatchObject({ members: campaign.members, holdout: campaign.holdout });
    // While the 7-day window is open the hold-out is reserved: "contacted" for suppression; afterwards free again.
    const during = await loadAudienceData(db, now + 2 * DAY);
    expect(campaign.holdout.every((k) => during.lastContactedAt.get(k) === now)).toBe(true);
    const after = await loadAudienceData(db, now + 8 * DAY);
    expect(campaign.holdout.some((k) => after.lastContactedAt.has(k))).toBe(false);
    expect(campaign.members.every((k) => after.lastContactedAt.get(k) === now)).toBe(true);
  });
});
