import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '@/tests/fixtures';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import type { ObservedOrder } from '@/utils/crm/types';
import { LaokeDB } from './schema';
import { readConflicts } from './health';
import { FloodGuard } from '@/utils/crm/intake';
import { IngestRefused, ingestOrders, LAST_SEEN_PRECISION_MS, lookupOrderFacts } from './ingest';

// The fixture page, as a seller could check it by hand:
//   茶客小林 (buyer id): ¥238.00 paid + ¥1,365.50 finished with ¥171.50 refunded → 2 purchases, ¥1,432
//   sunny爱喝茶 (full nick): ¥76.80 shipped + ¥29.00 unpaid → 1 purchase, ¥76.80
//   t**1: refunded ¥89.00 order and a ¥45.00 finished order → two separate customers, 0 and 1 purchases
function page1(): ObservedOrder[] {
  const r = parseSoldJson(JSON.parse(fixture('taobao-sold-page1.json')));
  if (!r.ok) throw new Error(r.reason);
  return r.orders;
}

let db: LaokeDB;
let n = 0;
beforeEach(() => {
  db = new LaokeDB(`laoke-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const customer = (key: string) => db.customers.get(key);

describe('ingest into the local database', () => {
  it('stores orders with the contract fields and customers with their figures', async () => {
    await ingestOrders(db, page1(), 1_000);
    expect(await db.orders.count()).toBe(6);
    const order = await db.orders.get(['taobao', '4102938475610293847']);
    expect(order).toMatchObject({ platform: 'taobao', orderId: '4102938475610293847', customerKey: 'taobao:id:AAFx1y2z3ExampleBuyer01', amountFen: 23800, status: 'paid', createdAt: Date.UTC(2025, 4, 20, 13, 14, 9) });
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 2, totalFen: 143200, identity: 'strong', nick: '茶客小林' });
    expect(await customer('taobao:nick:sunny爱喝茶')).toMatchObject({ orderCount: 1, totalFen: 7680 });
    expect(await customer('taobao:order:4102938475610290003')).toMatchObject({ orderCount: 0, totalFen: 0, identity: 'weak' });
    expect(await customer('taobao:order:4102938475610290004')).toMatchObject({ orderCount: 1, totalFen: 4500, identity: 'weak' });
    expect(await db.customers.count()).toBe(4);
  });

  it('a page seen again writes nothing', async () => {
    await ingestOrders(db, page1(), 1_000);
    const before = await db.orders.toArray();
    const result = await ingestOrders(db, page1(), 2_000);
    expect(result).toMatchObject({ changedOrders: 0, customers: 0 });
    expect(await db.orders.toArray()).toEqual(before);
  });

  it('is idempotent: the same page seen 100 times changes no figure', async () => {
    await ingestOrders(db, page1(), 1_000);
    const before = await db.customers.toArray();
    for (let i = 0; i < 100; i++) await ingestOrders(db, page1(), 2_000 + i);
    expect(await db.orders.count()).toBe(6);
    const after = await db.customers.toArray();
    expect(after.map(({ updatedAt: _, ...c }) => c)).toEqual(before.map(({ updatedAt: _, ...c }) => c));
  });

  it('follows a status change: paid → completed → refunded moves the order out of the count', async () => {
    await ingestOrders(db, page1(), 1_000);
    const first = page1()[0]!;
    await ingestOrders(db, [{ ...first, status: 'completed' }], 2_000);
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 2, totalFen: 143200 });
    await ingestOrders(db, [{ ...first, status: 'refunded', refundFen: 23800, items: first.items.map((i) => ({ ...i, refunded: true })) }], 3_000);
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 1, totalFen: 119400 });
    expect((await db.orders.get(['taobao', first.orderId]))).toMatchObject({ status: 'refunded', firstSeenAt: 1_000, lastSeenAt: 3_000 });
  });

  it('an unpaid order that gets paid starts to count', async () => {
    await ingestOrders(db, page1(), 1_000);
    const unpaid = page1()[5]!;
    await ingestOrders(db, [{ ...unpaid, status: 'paid' }], 2_000);
    expect(await customer('taobao:nick:sunny爱喝茶')).toMatchObject({ orderCount: 2, totalFen: 10580 });
  });

  it('a DOM reading never overwrites the JSON reading of the same order', async () => {
    await ingestOrders(db, page1(), 1_000);
    const dom = page1().map((o) => ({ ...o, buyer: { nick: o.buyer.nick }, source: 'dom' as const, status: 'closed' as const }));
    await ingestOrders(db, dom, 2_000);
    expect(await db.orders.get(['taobao', '4102938475610293847'])).toMatchObject({ source: 'json', status: 'paid', buyerId: 'AAFx1y2z3ExampleBuyer01', lastSeenAt: 1_000 });
    // "Last seen" moves when it is more than ten minutes old.
    await ingestOrders(db, dom, 1_000 + LAST_SEEN_PRECISION_MS);
    expect(await db.orders.get(['taobao', '4102938475610293847'])).toMatchObject({ source: 'json', status: 'paid', lastSeenAt: 1_000 + LAST_SEEN_PRECISION_MS });
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 2 });
  });

  it('a nick-only reading of a buyer known by id joins that buyer', async () => {
    await ingestOrders(db, page1(), 1_000);
    const later: ObservedOrder = { ...page1()[0]!, orderId: '4102938475610299999', buyer: { nick: '茶客小林' }, source: 'dom', createdAt: Date.UTC(2025, 5, 1) };
    await ingestOrders(db, [later], 2_000);
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 3 });
    expect(await customer('taobao:nick:茶客小林')).toBeUndefined();
  });

  it('ingest answers with the badge facts of its orders, the same as a lookup', async () => {
    const result = await ingestOrders(db, page1(), 1_000);
    expect(result).toMatchObject({ orders: 6, changedOrders: 6, customers: 4 });
    expect(result.facts).toEqual(await lookupOrderFacts(db, 'taobao', page1().map((o) => o.orderId)));
    expect((await ingestOrders(db, page1(), 2_000)).changedOrders).toBe(0);
  });

  it('a buyer first read by nick (DOM) and later by buyer id (JSON) is one customer, notes kept', async () => {
    const [withId, second] = [page1()[0]!, page1()[1]!];
    await ingestOrders(db, [{ ...second, buyer: { nick: '茶客小林' }, source: 'dom' }], 1_000);
    await db.customers.update('taobao:nick:茶客小林', { notes: '喜欢普洱', tags: ['VIP'] });
    await ingestOrders(db, [withId], 2_000);
    expect(await customer('taobao:nick:茶客小林')).toBeUndefined();
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 2, totalFen: 143200, notes: '喜欢普洱', tags: ['VIP'] });
    expect((await db.orders.toArray()).map((o) => o.customerKey)).toEqual(['taobao:id:AAFx1y2z3ExampleBuyer01', 'taobao:id:AAFx1y2z3ExampleBuyer01']);
  });

  it('merging into a buyer already known by id keeps the phone the seller typed on the nick-only record', async () => {
    const [withId, second, third] = [page1()[0]!, page1()[1]!, page1()[2]!];
    // The buyer id was first seen under an older nick; the nick-only record is a separate customer until now.
    await ingestOrders(db, [{ ...third, buyer: { id: 'AAFx1y2z3ExampleBuyer01', nick: '旧昵称' } }], 500);
    await ingestOrders(db, [{ ...second, buyer: { nick: '茶客小林' }, source: 'dom' }], 1_000);
    await db.customers.update('taobao:nick:茶客小林', { phone: '13800001111', notes: '喜欢普洱' });
    await ingestOrders(db, [withId], 2_000);
    expect(await customer('taobao:nick:茶客小林')).toBeUndefined();
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 3, phone: '13800001111', notes: '喜欢普洱' });
  });

  it('nick-only and buyer-id readings of one buyer in the same batch are one customer', async () => {
    const [withId, second] = [page1()[0]!, page1()[1]!];
    await ingestOrders(db, [{ ...second, buyer: { nick: '茶客小林' } }, withId], 1_000);
    expect(await db.customers.count()).toBe(1);
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 2 });
  });

  it.each([60_000, 3_600_000])('a stored nick-only order read again beside the buyer-id order (after %d ms) joins it', async (gap) => {
    const [withId, second] = [page1()[0]!, page1()[1]!];
    const nickOnly = { ...second, buyer: { nick: '茶客小林' } };
    await ingestOrders(db, [nickOnly], 1_000_000);
    const r = await ingestOrders(db, [nickOnly, withId], 1_000_000 + gap);
    expect(await db.customers.count()).toBe(1);
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 2, purchases: [second.orderId, withId.orderId] });
    expect((await db.orders.toArray()).every((o) => o.customerKey === 'taobao:id:AAFx1y2z3ExampleBuyer01')).toBe(true);
    const lookup = await lookupOrderFacts(db, 'taobao', [second.orderId, withId.orderId]);
    expect(lookup.map((f) => [f.orderCount, f.ordinal])).toEqual([[2, 1], [2, 2]]);
    expect(r.facts.map((f) => [f.orderCount, f.ordinal]).sort()).toEqual([[2, 1], [2, 2]]);
  });

  it('a buyer found by both lookups is merged once: notes are not doubled', async () => {
    const [withId, second, third] = [page1()[0]!, page1()[1]!, page1()[2]!];
    await ingestOrders(db, [{ ...second, buyer: { nick: '茶客小林' } }], 1_000);
    await db.customers.update('taobao:nick:茶客小林', { notes: '喜欢普洱' });
    await ingestOrders(db, [{ ...third, buyer: { nick: '茶客小林' }, source: 'dom' }, withId], 2_000);
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 3, notes: '喜欢普洱' });
  });

  it('a Pinduoduo nickname shown in full proves nothing: four 小明 in different places are four buyers', async () => {
    const places = ['广东省 深圳市 南山区', '浙江省 杭州市 西湖区', '北京 北京市 朝阳区'];
    const pdd = (n: number, receiver: string, region: string): ObservedOrder => ({
      ...page1()[2]!, platform: 'pdd', orderId: `250520-37291045881234${n}`, buyer: { nick: '小明', receiver }, region,
    });
    await ingestOrders(db, [pdd(1, '张**', places[0]!), pdd(2, '李**', places[0]!), pdd(3, '张**', places[1]!), pdd(4, '王**', places[2]!)], 1);
    const customers = await db.customers.toArray();
    expect(customers).toHaveLength(4);
    expect(customers.every((c) => c.identity === 'probable' && c.orderCount === 1)).toBe(true);
  });

  it('a later masked reading keeps the order with its proven buyer', async () => {
    await ingestOrders(db, page1(), 1_000);
    await ingestOrders(db, [{ ...page1()[0]!, buyer: { nick: '茶**林' } }], 2_000);
    expect(await customer('taobao:id:AAFx1y2z3ExampleBuyer01')).toMatchObject({ orderCount: 2, totalFen: 143200 });
  });

  it('answers badge facts for a whole page in one lookup', async () => {
    await ingestOrders(db, page1(), 1_000);
    const facts = new Map((await lookupOrderFacts(db, 'taobao', page1().map((o) => o.orderId).concat('1234567890'))).map((f) => [f.orderId, f]));
    expect(facts.size).toBe(6);
    expect(facts.get('4102938475610290001')).toMatchObject({ ordinal: 1, orderCount: 2, totalFen: 143200, identity: 'strong', valid: true });
    expect(facts.get('4102938475610293847')).toMatchObject({ ordinal: 2, orderCount: 2 });
    expect(facts.get('4102938475610290005')).toMatchObject({ valid: false, ordinal: null, orderCount: 1 });
    expect(facts.get('4102938475610290004')).toMatchObject({ identity: 'weak', orderCount: 1 });
    expect(facts.get('4102938475610290003')).toMatchObject({ identity: 'weak', orderCount: 0, valid: false });
  });
});

// Issue 14: the console page is untrusted. A forged reading never moves, overrides or deletes what the
// seller has, and nothing the seller typed is lost when an order moves to the buyer it proves.
describe('ingest against forged and weaker readings', () => {
  const LIN = 'taobao:id:AAFx1y2z3ExampleBuyer01';
  const REAL = '4102938475610293847'; // 茶客小林's ¥238.00 paid order

  it('a forged re-post of a real order number with another buyer id keeps the order and its buyer\'s notes, and records one conflict', async () => {
    await ingestOrders(db, page1(), 1_000);
    await db.customers.update(LIN, { notes: '老客，送小样', tags: ['VIP'] });
    const forged: ObservedOrder = { ...page1()[0]!, buyer: { id: 'AAFforged0000000001', nick: '茶客小林' }, status: 'refunded', amountFen: 1, refundFen: 1 };
    const ordersBefore = await db.orders.toArray();
    const r = await ingestOrders(db, [forged], 2_000);
    expect(r).toMatchObject({ conflicts: 1, changedOrders: 0 });
    expect(await db.orders.toArray()).toEqual(ordersBefore);
    expect(await customer(LIN)).toMatchObject({ orderCount: 2, totalFen: 143200, notes: '老客，送小样', tags: ['VIP'] });
    expect(await customer('taobao:id:AAFforged0000000001')).toBeUndefined();
    expect(r.facts).toEqual([expect.objectContaining({ orderId: REAL, orderCount: 2, ordinal: 2 })]);
    expect(await readConflicts(db)).toEqual({
      total: 1,
      recent: [{ platform: 'taobao', orderId: REAL, storedKey: LIN, seenKey: 'taobao:id:AAFforged0000000001', at: 2_000 }],
    });
    // The genuine page seen again is no conflict.
    expect((await ingestOrders(db, page1(), 3_000)).conflicts).toBe(0);
  });

  it('a forged buyer id for an order kept under a full nick is a conflict; the same nick with its id is the merge', async () => {
    await ingestOrders(db, page1(), 1_000);
    const sunny = page1().find((o) => o.buyer.nick === 'sunny爱喝茶')!;
    const r = await ingestOrders(db, [{ ...sunny, buyer: { id: 'AAFforged0000000002', nick: '别人' } }], 2_000);
    expect(r.conflicts).toBe(1);
    expect(await db.orders.get(['taobao', sunny.orderId])).toMatchObject({ customerKey: 'taobao:nick:sunny爱喝茶' });
    expect((await ingestOrders(db, [{ ...sunny, buyer: { id: 'AAFsunny', nick: 'sunny爱喝茶' } }], 3_000)).conflicts).toBe(0);
    expect(await db.orders.get(['taobao', sunny.orderId])).toMatchObject({ customerKey: 'taobao:id:AAFsunny' });
  });

  it('a DOM reading of a JSON order with a different nick changes nothing', async () => {
    await ingestOrders(db, page1(), 1_000);
    const [orders, customers] = [await db.orders.toArray(), await db.customers.toArray()];
    const dom: ObservedOrder = { ...page1()[0]!, buyer: { nick: 'sunny爱喝茶' }, source: 'dom', status: 'closed', amountFen: 100 };
    const r = await ingestOrders(db, [dom], 2_000);
    expect(r).toMatchObject({ changedOrders: 0, conflicts: 0 });
    expect(await db.orders.toArray()).toEqual(orders);
    expect(await db.customers.toArray()).toEqual(customers);
  });

  it('a DOM reading never triggers the nick → buyer id merge of a customer the JSON stored', async () => {
    await ingestOrders(db, page1(), 1_000);
    // A DOM-only order of 茶客小林, read again with another full nick: it stays with 茶客小林's id
    // (the latest order, so the record now shows that nick).
    const later = { ...page1()[0]!, orderId: '4102938475610299001', createdAt: Date.UTC(2025, 6, 1), source: 'dom' as const };
    await ingestOrders(db, [{ ...later, buyer: { nick: '茶客小林' } }], 2_000);
    await ingestOrders(db, [{ ...later, buyer: { nick: 'sunny爱喝茶' } }], 3_000);
    expect(await customer(LIN)).toMatchObject({ nick: 'sunny爱喝茶', orderCount: 3 });
    // A new DOM row with that nick does not move the JSON-stored sunny爱喝茶 (nick only) to 茶客小林's id.
    await ingestOrders(db, [{ ...later, orderId: '4102938475610299002', buyer: { nick: 'sunny爱喝茶' } }], 4_000);
    expect(await customer('taobao:nick:sunny爱喝茶')).toMatchObject({ orderCount: 1, totalFen: 7680 });
    const sunnyOrders = page1().filter((o) => o.buyer.nick === 'sunny爱喝茶').map((o) => o.orderId);
    for (const id of sunnyOrders) expect(await db.orders.get(['taobao', id])).toMatchObject({ customerKey: 'taobao:nick:sunny爱喝茶', source: 'json' });
  });

  it('orders known only from the page text keep source dom until a JSON reading', async () => {
    const dom = page1().map((o) => ({ ...o, buyer: { nick: o.buyer.nick }, source: 'dom' as const }));
    await ingestOrders(db, dom, 1_000);
    await ingestOrders(db, dom, 1_000 + LAST_SEEN_PRECISION_MS);
    expect((await db.orders.toArray()).every((o) => o.source === 'dom')).toBe(true);
    await ingestOrders(db, page1(), 2_000 + LAST_SEEN_PRECISION_MS);
    expect((await db.orders.toArray()).every((o) => o.source === 'json')).toBe(true);
  });

  it('fake DOM rows before the JSON (the red team\'s poisoning): the real page takes every order back, figures and all; no conflict; the seller\'s notes on the fake buyer follow', async () => {
    // A page script draws the six orders of page 1 under the full nick "attacker", ¥1.00 each, 交易成功.
    const drawn = page1().map((o) => ({ ...o, buyer: { nick: 'attacker' }, source: 'dom' as const, status: 'completed' as const, amountFen: 100, refundFen: 0 }));
    await ingestOrders(db, drawn, 1_000);
    const FAKE = 'taobao:nick:attacker';
    expect(await customer(FAKE)).toMatchObject({ identity: 'strong', orderCount: 6, totalFen: 600 });
    await db.customers.update(FAKE, { notes: '要发票', phone: '13800004444' });
    // The console's JSON for page 1 arrives.
    const r = await ingestOrders(db, page1(), 2_000);
    expect(r.conflicts).toBe(0);
    expect(await readConflicts(db)).toEqual({ total: 0, recent: [] });
    // Every order is the JSON's: its buyer, amount and status (the fixture's figures, as at the top).
    for (const o of page1()) {
      expect(await db.orders.get(['taobao', o.orderId])).toMatchObject({ source: 'json', amountFen: o.amountFen, status: o.status, firstSeenAt: 1_000 });
    }
    expect(await customer(LIN)).toMatchObject({ orderCount: 2, totalFen: 143200 });
    expect(await customer('taobao:nick:sunny爱喝茶')).toMatchObject({ orderCount: 1, totalFen: 7680 });
    expect(await customer('taobao:order:4102938475610290003')).toMatchObject({ orderCount: 0, identity: 'weak' });
    expect(await customer('taobao:order:4102938475610290004')).toMatchObject({ orderCount: 1, totalFen: 4500, identity: 'weak' });
    // What the seller typed on the fake buyer went with the orders (as for a masked buyer proven since);
    // the fake buyer, left with no order and nothing of its own, is gone.
    expect(await customer(LIN)).toMatchObject({ notes: '要发票', phone: '13800004444' });
    expect(await customer(FAKE)).toBeUndefined();
    expect(r.facts.find((f) => f.orderId === REAL)).toMatchObject({ orderCount: 2, identity: 'strong' });
    // The page drawn again afterwards (a DOM reading) changes nothing.
    const orders = await db.orders.toArray();
    await ingestOrders(db, drawn, 3_000);
    expect((await db.orders.toArray()).map(({ lastSeenAt: _, ...o }) => o)).toEqual(orders.map(({ lastSeenAt: _, ...o }) => o));
  });

  it('a weak buyer proven to be a buyer known by id: the weak record\'s notes, tags and phone fold into the strong one', async () => {
    await ingestOrders(db, page1(), 1_000);
    const masked = page1().find((o) => o.orderId === '4102938475610290004')!; // t**1, ¥45.00 finished
    const WEAK = 'taobao:order:4102938475610290004';
    await db.customers.update(WEAK, { notes: '包装要结实', tags: ['复购潜力', 'VIP'], phone: '13800002222', phoneSavedAt: 900 });
    await db.customers.update(LIN, { notes: '喜欢普洱', tags: ['VIP'] });
    await ingestOrders(db, [{ ...masked, buyer: { id: 'AAFx1y2z3ExampleBuyer01', nick: '茶客小林' } }], 2_000);
    expect(await customer(LIN)).toMatchObject({
      orderCount: 3, totalFen: 147700, notes: '喜欢普洱\n包装要结实', tags: ['VIP', '复购潜力'], phone: '13800002222', phoneSavedAt: 900,
    });
    // Everything it had lives on with 茶客小林: the weak record goes.
    expect(await customer(WEAK)).toBeUndefined();
  });

  it('a probable Pinduoduo buyer proven by a buyer id: notes fold into the buyer', async () => {
    const pdd: ObservedOrder = { ...page1()[2]!, platform: 'pdd', orderId: '250520-372910458812341', buyer: { nick: '阿***', receiver: '张**' }, region: '广东省 深圳市 南山区' };
    await ingestOrders(db, [pdd], 1_000);
    const PROBABLE = 'pdd:probable:阿***|张**|广东省 深圳市 南山区';
    await db.customers.update(PROBABLE, { notes: '只要顺丰' });
    await ingestOrders(db, [{ ...pdd, buyer: { id: '9876543', nick: '阿***', receiver: '张**' } }], 2_000);
    expect(await customer('pdd:id:9876543')).toMatchObject({ orderCount: 1, notes: '只要顺丰' });
    expect(await customer(PROBABLE)).toBeUndefined();
  });

  it('an annotated customer left without orders is kept (a phone the strong buyer cannot take too)', async () => {
    await ingestOrders(db, page1(), 1_000);
    const masked = page1().find((o) => o.orderId === '4102938475610290004')!;
    const WEAK = 'taobao:order:4102938475610290004';
    await db.customers.update(WEAK, { notes: '包装要结实', phone: '13800002222' });
    await db.customers.update(LIN, { phone: '13900003333' });
    await ingestOrders(db, [{ ...masked, buyer: { id: 'AAFx1y2z3ExampleBuyer01', nick: '茶客小林' } }], 2_000);
    expect(await customer(LIN)).toMatchObject({ orderCount: 3, phone: '13900003333', notes: '包装要结实' });
    // Its phone would be lost: the record stays, with no purchases.
    expect(await customer(WEAK)).toMatchObject({
      phone: '13800002222', notes: '包装要结实', orderCount: 0, totalFen: 0, purchases: [], items: [], pieces: 0, refundOpen: false,
    });
    expect(await customer(WEAK)).not.toHaveProperty('lastPurchaseAt');
    // An unannotated weak buyer proven the same way is removed.
    const other = page1().find((o) => o.orderId === '4102938475610290003')!;
    await ingestOrders(db, [{ ...other, buyer: { id: 'AAFx1y2z3ExampleBuyer01', nick: '茶客小林' } }], 3_000);
    expect(await customer('taobao:order:4102938475610290003')).toBeUndefined();
  });
});

describe('ingest asks the flood guard about new orders only (admitNew)', () => {
  it('asked with the orders never stored: 6 the first time, not at all for the page read again', async () => {
    const asked: number[] = [];
    const admitNew = (n: number) => (asked.push(n), true);
    await ingestOrders(db, page1(), 1_000, { admitNew });
    await ingestOrders(db, page1(), 2_000, { admitNew });
    // Two of the six read again with four new ones (the same order twice in a batch is one).
    const more = page1().slice(0, 4).map((o, i) => ({ ...o, orderId: `41029384756102999${i}0` }));
    await ingestOrders(db, [...page1().slice(0, 2), ...more, more[0]!], 3_000, { admitNew });
    expect(asked).toEqual([6, 4]);
  });

  it('refused: the batch is written not at all (its stored orders are not even marked seen), IngestRefused says how many were new', async () => {
    await ingestOrders(db, page1(), 1_000);
    const [orders, customers] = [await db.orders.toArray(), await db.customers.toArray()];
    const later = { ...page1()[0]!, status: 'completed' as const };
    const fresh = { ...page1()[1]!, orderId: '4102938475610299100' };
    const err = await ingestOrders(db, [later, fresh], 1_000 + LAST_SEEN_PRECISION_MS, { admitNew: () => false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IngestRefused);
    expect((err as IngestRefused).newOrders).toBe(1);
    expect(await db.orders.toArray()).toEqual(orders);
    expect(await db.customers.toArray()).toEqual(customers);
  });

  it('the red team\'s replay through a real guard: page 1 stored, then read 1,000 times (6,000 orders) in a minute, and a new page still goes in', async () => {
    const guard = new FloodGuard(10);
    const admitNew = (n: number) => guard.admit('tab', n, 1_000);
    await ingestOrders(db, page1(), 1_000, { admitNew }); // 6 of 10
    for (let i = 0; i < 1_000; i++) await ingestOrders(db, page1(), 1_000, { admitNew });
    const next = page1().slice(0, 4).map((o, i) => ({ ...o, orderId: `41029384756102998${i}0` }));
    await ingestOrders(db, next, 1_000, { admitNew }); // 10 of 10
    expect(await db.orders.count()).toBe(10);
    // Only a new order past the limit is refused; the stored ones still read.
    await expect(ingestOrders(db, [{ ...next[0]!, orderId: '4102938475610299990' }], 1_000, { admitNew })).rejects.toBeInstanceOf(IngestRefused);
    await expect(ingestOrders(db, [...page1(), ...next], 1_000, { admitNew })).resolves.toMatchObject({ orders: 10 });
  });
});

describe('a page read again, unchanged', () => {
  it('moves no data version (no cache recomputes); when each order was last seen still moves', async () => {
    const { readDataVersion } = await import('./data-version');
    await ingestOrders(db, page1(), 1_000);
    const first = await readDataVersion(db);
    await ingestOrders(db, page1(), 1_000 + LAST_SEEN_PRECISION_MS + 60_000);
    expect(await readDataVersion(db)).toEqual(first);
    expect((await db.orders.get(['taobao', '4102938475610293847']))!.lastSeenAt).toBe(1_000 + LAST_SEEN_PRECISION_MS + 60_000);
    // A status that moved is news.
    const later = page1().map((o) => (o.orderId === '4102938475610293847' ? { ...o, status: 'shipped' as const } : o));
    await ingestOrders(db, later, 1_000 + 2 * LAST_SEEN_PRECISION_MS);
    expect((await readDataVersion(db)).version).toBe(first.version + 1);
  });
});

describe('pages read again: what the service worker keeps of them', () => {
  /** `count` DOM-read orders of 200 items with 300-character titles (what a page script can draw): ~60,000 characters an order. */
  function drawn(prefix: string, count: number): ObservedOrder[] {
    return Array.from({ length: count }, (_, i) => ({
      platform: 'taobao' as const, orderId: `${prefix}${String(i).padStart(6, '0')}`, buyer: { nick: 'x***y' },
      createdAt: Date.UTC(2025, 0, 1), status: 'completed' as const, amountFen: 100, refundFen: 0, source: 'dom' as const,
      items: Array.from({ length: 200 }, (_, j) => ({ itemId: `${j}`, title: '茶'.repeat(300), sku: '', quantity: 1, unitFen: 100, refunded: false })),
    }));
  }
  /** Whether the second reading of `orders` was answered from what was kept (no transaction at all). */
  async function answeredFromCache(orders: ObservedOrder[]): Promise<boolean> {
    const { vi } = await import('vitest');
    const spy = vi.spyOn(db, 'transaction');
    try {
      await ingestOrders(db, orders, 1_000);
      return spy.mock.calls.length === 0;
    } finally {
      spy.mockRestore();
    }
  }

  it('a page read again is answered from what was kept; a drawn page of millions of characters is not kept at all', async () => {
    await ingestOrders(db, page1(), 1_000);
    await ingestOrders(db, page1(), 1_000);
    expect(await answeredFromCache(page1())).toBe(true);
    const huge = drawn('91', 40);
    await ingestOrders(db, huge, 1_000);
    await ingestOrders(db, huge, 1_000);
    expect(await answeredFromCache(huge)).toBe(false);
  }, 60_000);

  it('pages just under the size kept push out the oldest once 8 million characters are kept', async () => {
    const pages = Array.from({ length: 6 }, (_, p) => drawn(`8${p}`, 25));
    // Stored first (each write moves the data version, which would void what was kept before it), then read again.
    for (const orders of pages) await ingestOrders(db, orders, 1_000);
    for (const orders of pages) await ingestOrders(db, orders, 1_000);
    expect(await answeredFromCache(pages[5]!)).toBe(true);
    expect(await answeredFromCache(pages[0]!)).toBe(false);
  }, 120_000);
});
