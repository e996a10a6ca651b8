import { describe, expect, it } from 'vitest';
import {
  careBoard, DEFAULT_CARE_SETTINGS, MAX_REMINDERS_PER_DAY, receiptTime, recovery, reminderCheck, reminderWindows, shipTime,
  unpaidPhase, type BoardInput, type CareAction,
} from './order-care';
import { mergeOrder } from './ingest';
import type { Customer, ObservedOrder, Order } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// 2026-12-01 12:00 China time.
const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);

function order(id: string, o: Partial<Order> = {}): Order {
  return {
    platform: 'taobao', orderId: id, customerKey: `taobao:id:b${id}`, identity: 'strong', nick: `买家${id}`, buyerId: `b${id}`,
    createdAt: NOW - HOUR, status: 'unpaid', amountFen: 10_000, refundFen: 0,
    items: [{ itemId: 'i1', title: '正山小种红茶 罐装', sku: '', quantity: 1, unitFen: 10_000, refunded: false }],
    source: 'json', firstSeenAt: NOW - HOUR, lastSeenAt: NOW - 5 * MIN, ...o,
  };
}

function customer(key: string, c: Partial<Customer> = {}): Customer {
  return {
    key, platform: 'taobao', nick: 'x', identity: 'strong', orderCount: 0, totalFen: 0, purchases: [], items: [], pieces: 0, maxPieces: 0,
    itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: NOW, ...c,
  };
}

function input(orders: Order[], more: Partial<BoardInput> = {}): BoardInput {
  return {
    orders, customers: new Map(), reviewedOrders: new Set(), orderComplaints: new Map(), complainedItems: new Set(), badReviewers: new Set(),
    actions: [], settings: DEFAULT_CARE_SETTINGS, now: NOW, ...more,
  };
}

const remind = (o: Order, at: number): CareAction => ({ platform: o.platform, orderId: o.orderId, customerKey: o.customerKey, kind: 'remind', at, via: 'copy' });

describe('催付 windows', () => {
  const close = 72 * HOUR;
  it('an order placed 20 minutes ago is in the first window (15–30 min)', () => {
    expect(unpaidPhase(20 * MIN, close)).toBe('first');
    const board = careBoard(input([order('1', { createdAt: NOW - 20 * MIN })]));
    expect(board.unpaid[0]).toMatchObject({ phase: 'first', dueNow: true });
    expect(board.counts.unpaid).toBe(1);
  });
  it('10 minutes is too early, 1 hour is between windows, 3 hours is the second, 71 hours the last, 73 hours past closing', () => {
    expect(unpaidPhase(10 * MIN, close)).toBe('early');
    expect(unpaidPhase(HOUR, close)).toBe('between_first');
    expect(unpaidPhase(3 * HOUR, close)).toBe('second');
    expect(unpaidPhase(10 * HOUR, close)).toBe('between_second');
    expect(unpaidPhase(71 * HOUR, close)).toBe('last');
    expect(unpaidPhase(73 * HOUR, close)).toBe('expired');
  });
  it('the last window is the 2 hours before closing, never before the second ends', () => {
    expect(reminderWindows(24 * HOUR).last).toEqual([22 * HOUR, 24 * HOUR]);
    expect(reminderWindows(5 * HOUR).last).toEqual([4 * HOUR, 5 * HOUR]);
    expect(reminderWindows(3 * HOUR).last).toEqual([3 * HOUR, 3 * HOUR]);
  });
  it('a Pinduoduo order closes after 24 hours by default, a Taobao one after 72', () => {
    const board = careBoard(input([order('1', { createdAt: NOW - 30 * HOUR }), order('2', { platform: 'pdd', customerKey: 'pdd:id:b2', createdAt: NOW - 30 * HOUR })]));
    expect(board.unpaid.find((u) => u.order.orderId === '1')!.phase).toBe('between_second');
    expect(board.unpaid.find((u) => u.order.orderId === '2')!.phase).toBe('expired');
    // Past closing it is still listed (the page may not have been read since), not counted as to remind.
    expect(board.counts.unpaid).toBe(1);
  });
  it('reminded in the first window: not due again until the second', () => {
    const o = order('1', { createdAt: NOW - 25 * MIN });
    expect(careBoard(input([o], { actions: [remind(o, NOW - 5 * MIN)] })).unpaid[0]!.dueNow).toBe(false);
    const later = { ...o, createdAt: NOW - 150 * MIN };
    expect(careBoard(input([later], { actions: [remind(later, NOW - 125 * MIN)] })).unpaid[0]!.dueNow).toBe(true);
  });
  it('returning and high-value buyers first among orders due', () => {
    const a = order('a', { createdAt: NOW - 20 * MIN });
    const b = order('b', { createdAt: NOW - 20 * MIN });
    const c = order('c', { createdAt: NOW - 20 * MIN });
    const customers = new Map([
      [b.customerKey, customer(b.customerKey, { orderCount: 3, totalFen: 90_000 })],
      [c.customerKey, customer(c.customerKey, { orderCount: 3, totalFen: 120_000 })],
    ]);
    expect(careBoard(input([a, b, c], { customers })).unpaid.map((u) => u.order.orderId)).toEqual(['c', 'b', 'a']);
  });
});

describe('at most 3 reminders in 24 hours', () => {
  it('the 4th reminder in 24 h is refused, and allowed again once the first is 24 h old', () => {
    const times = [NOW - 20 * HOUR, NOW - 10 * HOUR, NOW - HOUR];
    expect(MAX_REMINDERS_PER_DAY).toBe(3);
    expect(reminderCheck('unpaid', times.slice(0, 2), NOW)).toEqual({ ok: true });
    expect(reminderCheck('unpaid', times, NOW)).toEqual({ ok: false, reason: 'limit', nextAt: NOW - 20 * HOUR + DAY });
    expect(reminderCheck('unpaid', times, NOW + 4 * HOUR + 1)).toEqual({ ok: true });
  });
  it('an order already paid is not reminded', () => {
    expect(reminderCheck('paid', [], NOW)).toEqual({ ok: false, reason: 'not_unpaid' });
  });
  it('on the board: the order at its limit is not due and not counted', () => {
    const o = order('1', { createdAt: NOW - 3 * HOUR });
    const board = careBoard(input([o], { actions: [remind(o, NOW - 170 * MIN), remind(o, NOW - 100 * MIN), remind(o, NOW - 10 * MIN)] }));
    expect(board.unpaid[0]).toMatchObject({ dueNow: false, remindersToday: 3, check: { ok: false, reason: 'limit' } });
    expect(board.counts.unpaid).toBe(0);
  });
});

describe('挽回: reminded orders later paid', () => {
  // The order as Laoke reads it: unpaid at first, then paid 3 hours after the reminder.
  const seen = (status: Order['status']): ObservedOrder => ({
    platform: 'taobao', orderId: '1', buyer: { id: 'b1', nick: '买家1' }, createdAt: NOW - 30 * MIN, status, amountFen: 23_800, refundFen: 0,
    items: [{ itemId: 'i1', title: 't', sku: '', quantity: 1, unitFen: 23_800, refunded: false }], source: 'json',
  });
  it('a reminded order seen paid 3 h later counts ¥238 recovered', () => {
    const unpaid = mergeOrder(undefined, seen('unpaid'), NOW).order;
    const paid = mergeOrder(unpaid, seen('paid'), NOW + 3 * HOUR).order;
    expect(paid.statusSeenAt).toEqual({ unpaid: NOW, paid: NOW + 3 * HOUR });
    expect(recovery([paid], [remind(paid, NOW + MIN)])).toEqual({ reminded: 1, recovered: 1, recoveredFen: 23_800, notReminded: 0, paidAnyway: 0 });
  });
  it('paid before the reminder (Pinduoduo gives the time): not recovered; never paid: not recovered', () => {
    const early = order('1', { platform: 'pdd', customerKey: 'pdd:id:b1', status: 'paid', paidAt: NOW - 10 * MIN, statusSeenAt: { unpaid: NOW - HOUR, paid: NOW } });
    const never = order('2');
    expect(recovery([early, never], [remind(early, NOW - 5 * MIN), remind(never, NOW - 5 * MIN)])).toMatchObject({ reminded: 2, recovered: 0, recoveredFen: 0 });
  });
  it('orders seen unpaid and never reminded are the comparison', () => {
    const paidAnyway = order('3', { status: 'paid', statusSeenAt: { unpaid: NOW - 2 * HOUR, paid: NOW - HOUR } });
    const closed = order('4', { status: 'closed', statusSeenAt: { unpaid: NOW - 2 * HOUR, closed: NOW - HOUR } });
    expect(recovery([paidAnyway, closed], [])).toEqual({ reminded: 0, recovered: 0, recoveredFen: 0, notReminded: 2, paidAnyway: 1 });
  });
});

describe('待发货 and 物流停滞', () => {
  it('paid 44 hours ago on Pinduoduo: due within 6 hours of the 48-hour promise; 50 hours: late; a Taobao order counts from its creation', () => {
    const soon = order('1', { platform: 'pdd', customerKey: 'pdd:id:b1', status: 'paid', createdAt: NOW - 45 * HOUR, paidAt: NOW - 44 * HOUR });
    const late = order('2', { platform: 'pdd', customerKey: 'pdd:id:b2', status: 'paid', createdAt: NOW - 50 * HOUR, paidAt: NOW - 50 * HOUR });
    const tb = order('3', { status: 'paid', createdAt: NOW - 10 * HOUR });
    const board = careBoard(input([tb, soon, late]));
    expect(board.unshipped.map((u) => [u.order.orderId, u.urgency, u.dueBasis])).toEqual([['2', 'overdue', 'paid'], ['1', 'soon', 'paid'], ['3', 'ok', 'created']]);
    expect(board.unshipped[1]!.dueAt).toBe(NOW + 4 * HOUR);
    expect(board.counts.shipSoon).toBe(2);
  });
  it('shipped 6 days ago and not received: stalled, grouped by area', () => {
    const region = '广东省 深圳市 南山区';
    const a = order('1', { platform: 'pdd', customerKey: 'pdd:id:b1', status: 'shipped', shippedAt: NOW - 6 * DAY, region });
    const b = order('2', { platform: 'pdd', customerKey: 'pdd:id:b2', status: 'shipped', shippedAt: NOW - 7 * DAY, region: '广东省 深圳市 福田区' });
    const c = order('3', { platform: 'pdd', customerKey: 'pdd:id:b3', status: 'shipped', shippedAt: NOW - 9 * DAY, region: '浙江省 杭州市 西湖区' });
    const fresh = order('4', { platform: 'pdd', customerKey: 'pdd:id:b4', status: 'shipped', shippedAt: NOW - 2 * DAY, region });
    const board = careBoard(input([c, a, b, fresh]));
    expect(board.stalled.map((s) => [s.order.orderId, s.area, s.daysInTransit])).toEqual([['2', '广东省 深圳市', 7], ['1', '广东省 深圳市', 6], ['3', '浙江省 杭州市', 9]]);
  });
  it('a Taobao order: shipped when first read shipped after a reading before it; first read shipped, estimated at the ship promise', () => {
    const seenShip = order('1', { status: 'shipped', createdAt: NOW - 8 * DAY, firstSeenAt: NOW - 8 * DAY, statusSeenAt: { paid: NOW - 8 * DAY, shipped: NOW - 6 * DAY }, statusPrevAt: { shipped: NOW - 6 * DAY - 3 * HOUR } });
    expect(shipTime(seenShip, DEFAULT_CARE_SETTINGS)).toEqual({ at: NOW - 6 * DAY, basis: 'seen' });
    // Read paid, then shipped only 5 days later: when it shipped in between is not known; the promise is the estimate.
    const gap = { ...seenShip, statusPrevAt: { shipped: NOW - 11 * DAY } };
    expect(shipTime(gap, DEFAULT_CARE_SETTINGS)).toEqual({ at: NOW - 6 * DAY, basis: 'estimated' });
    const firstShipped = order('2', { status: 'shipped', createdAt: NOW - 8 * DAY, firstSeenAt: NOW - HOUR, statusSeenAt: { shipped: NOW - HOUR } });
    expect(shipTime(firstShipped, DEFAULT_CARE_SETTINGS)).toEqual({ at: NOW - 6 * DAY, basis: 'estimated' });
  });
});

describe('收货关怀', () => {
  const received = (id: string, at: number, more: Partial<Order> = {}) =>
    order(id, { status: 'completed', createdAt: at - 4 * DAY, statusSeenAt: { shipped: at - 2 * DAY, completed: at }, statusPrevAt: { completed: at - 2 * HOUR }, ...more });
  it('received 2 days ago with no review: due; yesterday evening (less than a day): tomorrow; 4 days ago: no longer listed', () => {
    const board = careBoard(input([received('1', NOW - 2 * DAY), received('2', NOW - 10 * HOUR), received('3', NOW - 4 * DAY)]));
    expect(board.received.map((r) => [r.order.orderId, r.stage])).toEqual([['1', 'due'], ['2', 'soon']]);
    expect(board.counts.receivedDue).toBe(1);
  });
  it('read shipped on day 0 and received on day 9: the receipt time is not known (listed only while the order is young)', () => {
    const late = received('1', NOW - 2 * DAY, { statusPrevAt: { completed: NOW - 11 * DAY }, createdAt: NOW - 13 * DAY });
    expect(receiptTime(late)).toBeNull();
    expect(careBoard(input([late])).received).toEqual([]);
  });
  it('an order with a review is not asked again', () => {
    const o = received('1', NOW - 2 * DAY);
    expect(careBoard(input([o], { reviewedOrders: new Set(['taobao:1']) })).received).toEqual([]);
  });
  it('first read already received: receipt time unknown, listed while the order is under 10 days old', () => {
    const young = order('1', { status: 'completed', createdAt: NOW - 6 * DAY, statusSeenAt: { completed: NOW - HOUR } });
    const old = order('2', { status: 'completed', createdAt: NOW - 20 * DAY, statusSeenAt: { completed: NOW - HOUR } });
    expect(receiptTime(young)).toBeNull();
    expect(careBoard(input([young, old])).received.map((r) => [r.order.orderId, r.stage])).toEqual([['1', 'unknown']]);
  });
  it('first-time buyers and items with complaints first', () => {
    const repeat = received('1', NOW - 2 * DAY);
    const first = received('2', NOW - 2 * DAY);
    const complained = received('3', NOW - 2 * DAY, { items: [{ itemId: 'bad', title: 't', sku: '', quantity: 1, unitFen: 1, refunded: false }] });
    const customers = new Map([
      [repeat.customerKey, customer(repeat.customerKey, { orderCount: 4, purchases: ['a', 'b', 'c', '1'] })],
      [first.customerKey, customer(first.customerKey, { orderCount: 1, purchases: ['2'] })],
      [complained.customerKey, customer(complained.customerKey, { orderCount: 3, purchases: ['a', 'b', '3'] })],
    ]);
    const board = careBoard(input([repeat, complained, first], { customers, complainedItems: new Set(['taobao:bad']) }));
    expect(board.received.map((r) => r.order.orderId)).toEqual(['2', '3', '1']);
  });
});

describe('a buyer\'s record', () => {
  it('a buyer with a refund among the horizon\'s orders is flagged on the order waiting to ship', () => {
    const before = order('0', { status: 'refunded', customerKey: 'taobao:id:b1', createdAt: NOW - 20 * DAY });
    const now = order('1', { status: 'paid', customerKey: 'taobao:id:b1' });
    expect(careBoard(input([now], { allOrders: [before, now] })).unshipped[0]!.buyer.risk).toEqual(['refunds']);
  });
});

describe('售后', () => {
  it('a refund under way is listed with the buyer\'s value and the problem its review named', () => {
    const o = order('1', { status: 'shipped', refundOpen: true, amountFen: 5_000 });
    const customers = new Map([[o.customerKey, customer(o.customerKey, { orderCount: 3, totalFen: 45_000, purchases: ['0', '1', '2'] })]]);
    const board = careBoard(input([o], { customers, orderComplaints: new Map([['taobao:1', ['damage']]]) }));
    expect(board.refunds[0]).toMatchObject({ problem: 'damage', problemBasis: 'review', buyer: { orderCount: 3, previous: 2, totalFen: 45_000, nth: 2 } });
    // Not also in the shipping lists, and counted for the popup.
    expect(board.stalled).toEqual([]);
    expect(board.counts.refunds).toBe(1);
  });
  it('the seller\'s outcome names the problem and the compensation', () => {
    const o = order('1', { status: 'shipped', refundOpen: true });
    const outcome: CareAction = { platform: 'taobao', orderId: '1', customerKey: o.customerKey, kind: 'refund', at: NOW, via: 'outcome', outcome: 'compensated', compensationFen: 1_000, problem: 'mismatch' };
    expect(careBoard(input([o], { actions: [outcome] })).refunds[0]).toMatchObject({ problem: 'mismatch', problemBasis: 'seller', outcome: { compensationFen: 1_000 } });
  });
});

describe('statusSeenAt from readings', () => {
  const seen: ObservedOrder = {
    platform: 'taobao', orderId: '9', buyer: { id: 'b9', nick: 'n' }, createdAt: NOW - DAY, status: 'shipped', amountFen: 100, refundFen: 0,
    items: [], source: 'json',
  };
  it('the same page read again changes nothing; a new status is stamped once', () => {
    const first = mergeOrder(undefined, seen, NOW).order;
    const again = mergeOrder(first, seen, NOW + HOUR);
    expect(again.changed).toBe(false);
    expect(again.order.statusSeenAt).toEqual({ shipped: NOW });
    const done = mergeOrder({ ...again.order, lastSeenAt: NOW + HOUR }, { ...seen, status: 'completed' }, NOW + 2 * HOUR).order;
    expect(done.statusSeenAt).toEqual({ shipped: NOW, completed: NOW + 2 * HOUR });
    expect(done.statusPrevAt).toEqual({ completed: NOW + HOUR });
    expect(receiptTime(done)).toEqual({ at: NOW + 2 * HOUR, basis: 'seen' });
  });
  it('a JSON reading of an order stored from the page\'s text starts its history anew', () => {
    const dom = mergeOrder(undefined, { ...seen, source: 'dom' }, NOW).order;
    const json = mergeOrder(dom, { ...seen, status: 'completed' }, NOW + HOUR).order;
    expect(json.statusSeenAt).toEqual({ completed: NOW + HOUR });
    expect(json.statusPrevAt).toBeUndefined();
  });
  it('an order stored before statuses were stamped counts its last reading as one in its old status', () => {
    const { statusSeenAt: _s, ...legacy } = mergeOrder(undefined, seen, NOW).order;
    const done = mergeOrder({ ...legacy, lastSeenAt: NOW + HOUR }, { ...seen, status: 'completed' }, NOW + 3 * HOUR).order;
    expect(done.statusSeenAt).toEqual({ shipped: NOW + HOUR, completed: NOW + 3 * HOUR });
  });
});
