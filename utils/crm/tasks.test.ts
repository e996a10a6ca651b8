import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemCycles, replenishmentDue, type Replenishment } from './cycles';
import { summarizeCustomer } from './ingest';
import {
  callbackTasks,
  countTasks,
  TASK_KINDS,
  type CallbackTask,
  type PlannedEvent,
  type TaskInputs,
  type TaskState,
} from './tasks';
import { parseShanghaiTime, shanghaiDate } from './time';
import type { Customer, Order } from './types';

const DAY = 86_400_000;

/** "2026-11-20 10:00" (Shanghai) → ms; a date alone is 10:00 that day. */
function at(text: string): number {
  const ms = parseShanghaiTime(text.length === 10 ? `${text} 10:00` : text);
  if (ms === null) throw new Error(`bad time ${text}`);
  return ms;
}

/** A strong customer whose latest purchase (the n-th) was at `last`; orders o1…on. */
function customer(key: string, orderCount: number, last: string, over: Partial<Customer> = {}): Customer {
  const purchases = Array.from({ length: orderCount }, (_, i) => `${key}-o${i + 1}`);
  return {
    key, platform: 'taobao', nick: `${key}的昵称`, identity: 'strong', orderCount, totalFen: orderCount * 10_000,
    firstPurchaseAt: at(last) - (orderCount - 1) * 30 * DAY, lastPurchaseAt: at(last), purchases,
    items: [], pieces: orderCount, maxPieces: 1, itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: 0, ...over,
  };
}

function run(over: Partial<TaskInputs> & { now: number }): CallbackTask[] {
  return callbackTasks({ customers: [], replenish: [], events: [], states: new Map(), ...over });
}

const ids = (tasks: CallbackTask[]) => tasks.map((t) => t.id);

// Today is Friday 2026-11-20, 12:00 in Shanghai. No holiday falls in 11-20 … 11-23.
const NOW = at('2026-11-20 12:00');

describe('after the 3rd or 4th purchase, and after a multi-item first (回访)', () => {
  const shop = [
    customer('third', 3, '2026-11-18', { totalFen: 30_000 }),
    customer('fourth', 4, '2026-11-19', { totalFen: 52_000 }),
    customer('fifth', 5, '2026-11-19'),
    customer('second', 2, '2026-11-19'),
    customer('multi', 1, '2026-11-17', { maxPieces: 3, pieces: 3, totalFen: 18_800 }),
    customer('single', 1, '2026-11-17'),
    customer('third-old', 3, '2026-11-12'), // 8 days ago: the week is over
    customer('masked-third', 3, '2026-11-18', { identity: 'weak' }),
    customer('masked-multi', 1, '2026-11-18', { identity: 'weak', maxPieces: 2, pieces: 2, totalFen: 9_900 }),
  ];

  it('thanks the 3rd and 4th purchase within a week; a masked nick only for a multi-item first', () => {
    // Most valuable first: fourth ¥520, third ¥300, multi ¥188, masked-multi ¥99.
    expect(run({ customers: shop, now: NOW })).toEqual([
      {
        id: 'loyal_purchase:fourth:fourth-o4', kind: 'loyal_purchase', customerKey: 'fourth', nick: 'fourth的昵称',
        dueAt: at('2026-11-26 00:00'), detail: { orderCount: 4, totalFen: 52_000 },
      },
      {
        id: 'loyal_purchase:third:third-o3', kind: 'loyal_purchase', customerKey: 'third', nick: 'third的昵称',
        dueAt: at('2026-11-25 00:00'), detail: { orderCount: 3, totalFen: 30_000 },
      },
      {
        id: 'multi_item_first:multi:multi-o1', kind: 'multi_item_first', customerKey: 'multi', nick: 'multi的昵称',
        dueAt: at('2026-11-24 00:00'), detail: { orderCount: 1, pieces: 3, totalFen: 18_800 },
      },
      {
        id: 'multi_item_first:masked-multi:masked-multi-o1', kind: 'multi_item_first', customerKey: 'masked-multi',
        nick: 'masked-multi的昵称', dueAt: at('2026-11-25 00:00'), detail: { orderCount: 1, pieces: 2, totalFen: 9_900 },
      },
    ]);
  });

  it('the week is Shanghai days: bought 11-13 00:10, open through 11-20 23:59, gone at 11-21 00:00', () => {
    const c = [customer('third', 3, '2026-11-13 00:10')];
    expect(ids(run({ customers: c, now: at('2026-11-20 23:59') }))).toEqual(['loyal_purchase:third:third-o3']);
    expect(run({ customers: c, now: at('2026-11-21 00:00') })).toEqual([]);
    // 11-13 00:10 in Shanghai is 11-12 16:10 UTC; counting in UTC would have closed it a day early.
    expect(new Date(at('2026-11-13 00:10')).toISOString()).toBe('2026-11-12T16:10:00.000Z');
    // Not before the purchase itself.
    expect(run({ customers: c, now: at('2026-11-12 23:00') })).toEqual([]);
  });

  it('the id stays the same from one run to the next', () => {
    const a = ids(run({ customers: shop, now: at('2026-11-19 20:00') }).filter((t) => t.customerKey === 'third'));
    const b = ids(run({ customers: shop, now: at('2026-11-24 09:00') }).filter((t) => t.customerKey === 'third'));
    expect(a).toEqual(['loyal_purchase:third:third-o3']);
    expect(b).toEqual(a);
  });
});

describe('done, dismissed, snoozed', () => {
  const shop = [customer('third', 3, '2026-11-18'), customer('fourth', 4, '2026-11-18')];
  const third = 'loyal_purchase:third:third-o3';
  const fourth = 'loyal_purchase:fourth:fourth-o4';

  it('done and dismissed never come back', () => {
    const states = new Map<string, TaskState>([
      [third, { state: 'done', at: at('2026-11-18 15:00') }],
      [fourth, { state: 'dismissed', at: at('2026-11-18 15:00') }],
    ]);
    for (const t of ['2026-11-18 16:00', '2026-11-20 12:00', '2026-11-25 23:00']) {
      expect(run({ customers: shop, states, now: at(t) })).toEqual([]);
    }
  });

  it('snoozed is hidden until `until`, then back with the same id', () => {
    const states = new Map<string, TaskState>([[third, { state: 'snoozed', until: at('2026-11-21 09:00'), at: at('2026-11-20 11:00') }]]);
    expect(ids(run({ customers: shop, states, now: at('2026-11-21 08:59') }))).toEqual([fourth]);
    expect(ids(run({ customers: shop, states, now: at('2026-11-21 09:00') })).sort()).toEqual([fourth, third]);
    // Snoozed past the end of its week, it does not come back: the week is over.
    const late = new Map<string, TaskState>([[third, { state: 'snoozed', until: at('2026-11-27 09:00'), at: NOW }]]);
    expect(ids(run({ customers: shop, states: late, now: at('2026-11-27 09:00') }))).toEqual([]);
  });

  it('a state for one task leaves the others alone', () => {
    fc.assert(fc.property(
      fc.subarray(TASK_STATES_POOL),
      fc.integer({ min: 0, max: 10 * 24 }),
      (chosen, hours) => {
        const now = at('2026-11-18 12:00') + hours * 3600_000;
        const states = new Map(chosen);
        const all = run({ customers: shop, now });
        const open = run({ customers: shop, now, states });
        // Open = all minus the ones whose state hides them now.
        expect(ids(open)).toEqual(ids(all).filter((id) => {
          const s = states.get(id);
          return !s || (s.state === 'snoozed' && now >= s.until);
        }));
      },
    ));
  });
});
const TASK_STATES_POOL: [string, TaskState][] = [
  ['loyal_purchase:third:third-o3', { state: 'snoozed', until: at('2026-11-20 09:00'), at: 0 }],
  ['loyal_purchase:fourth:fourth-o4', { state: 'done', at: 0 }],
  ['loyal_purchase:nobody:x', { state: 'dismissed', at: 0 }],
];

describe('before a planned event', () => {
  // 双12 starts 2026-12-12 00:00; remind 5 days ahead: 12-07 to 12-12, Shanghai days.
  const event: PlannedEvent = { id: 'ev-1212', name: '双12 老客专享', date: at('2026-12-12 00:00'), leadDays: 5 };
  const shop = [
    customer('loyal', 4, '2026-10-01', { totalFen: 80_000 }),
    customer('twice', 2, '2026-09-01', { totalFen: 20_000 }),
    customer('once', 1, '2026-11-01'),
    // One purchase of 2 pieces on 10-15 (its multi-item-first week long over): a multi-item customer.
    customer('once-multi', 1, '2026-10-15', { maxPieces: 2, pieces: 2, totalFen: 15_000 }),
    customer('masked', 2, '2026-09-01', { identity: 'weak' }),
    customer('masked-multi', 1, '2026-10-15', { identity: 'weak', maxPieces: 2, pieces: 2 }),
  ];

  it('tells returning (2+ purchases) and multi-item customers, one task each, from leadDays before to the day', () => {
    // loyal (4) and twice (2) return; once-multi bought 2 pieces at once; once (1 piece) and the masked nicks are not told.
    const tasks = run({ customers: shop, events: [event], now: at('2026-12-07 00:00') });
    expect(tasks).toEqual([
      { id: 'event:loyal:ev-1212', kind: 'event', customerKey: 'loyal', nick: 'loyal的昵称', dueAt: event.date, detail: { orderCount: 4, event: '双12 老客专享', totalFen: 80_000 } },
      { id: 'event:twice:ev-1212', kind: 'event', customerKey: 'twice', nick: 'twice的昵称', dueAt: event.date, detail: { orderCount: 2, event: '双12 老客专享', totalFen: 20_000 } },
      { id: 'event:once-multi:ev-1212', kind: 'event', customerKey: 'once-multi', nick: 'once-multi的昵称', dueAt: event.date, detail: { orderCount: 1, event: '双12 老客专享', totalFen: 15_000 } },
    ]);
    expect(run({ customers: shop, events: [event], now: at('2026-12-06 23:59') })).toEqual([]);
    expect(run({ customers: shop, events: [event], now: at('2026-12-12 23:59') })).toHaveLength(3);
    expect(run({ customers: shop, events: [event], now: at('2026-12-13 00:00') })).toEqual([]);
  });

  it('greetMinOrders sets who is told by purchases; multi-item customers are told whatever it is', () => {
    const keys = (n: number) => run({ customers: shop, events: [event], now: at('2026-12-10 12:00'), greetMinOrders: n }).map((t) => t.customerKey);
    // Most spent first: loyal ¥800, twice ¥200, once-multi ¥150, once ¥100.
    expect(keys(5)).toEqual(['once-multi']);
    expect(keys(3)).toEqual(['loyal', 'once-multi']);
    expect(keys(1)).toEqual(['loyal', 'twice', 'once-multi', 'once']);
    // Nobody without a purchase, even at 0; never a masked nick, not even a multi-item one.
    expect(keys(0)).toEqual(['loyal', 'twice', 'once-multi', 'once']);
  });
});

describe('holiday greetings', () => {
  const shop = [customer('loyal', 4, '2026-08-01', { totalFen: 80_000 }), customer('twice', 2, '2026-07-01'), customer('once', 1, '2026-07-01')];

  it('from 3 days before to the day: 中秋 2026-09-25', () => {
    const greet = (t: string) => ids(run({ customers: shop, now: at(t) }));
    expect(greet('2026-09-21 23:59')).toEqual([]);
    expect(greet('2026-09-22 00:00')).toEqual(['holiday:loyal:midautumn@2026-09-25', 'holiday:twice:midautumn@2026-09-25']);
    expect(greet('2026-09-25 23:59')).toEqual(['holiday:loyal:midautumn@2026-09-25', 'holiday:twice:midautumn@2026-09-25']);
    // 09-26: 中秋 is over; 国庆 (10-01) opens on 09-28.
    expect(greet('2026-09-26 00:00')).toEqual([]);
    expect(greet('2026-09-28 00:00')).toEqual(['holiday:loyal:national@2026-10-01', 'holiday:twice:national@2026-10-01']);
  });

  it('a one-time multi-item buyer (2 pieces) is greeted; a one-time single-piece buyer is not', () => {
    const oneTimers = [
      customer('once-multi', 1, '2026-07-01', { maxPieces: 2, pieces: 2 }),
      customer('once', 1, '2026-07-01'),
      // Not greeted either: 2 pieces but a masked nick; 2 pieces but no valid purchase.
      customer('masked-multi', 1, '2026-07-01', { identity: 'weak', maxPieces: 2, pieces: 2 }),
      customer('none', 0, '2026-07-01', { maxPieces: 2, pieces: 2, lastPurchaseAt: undefined, firstPurchaseAt: undefined }),
    ];
    // 09-22 opens 中秋 (09-25); the purchases were on 07-01, long past their multi-item-first week.
    expect(run({ customers: oneTimers, now: at('2026-09-22 00:00') })).toEqual([
      {
        id: 'holiday:once-multi:midautumn@2026-09-25', kind: 'holiday', customerKey: 'once-multi', nick: 'once-multi的昵称',
        dueAt: at('2026-09-25 00:00'), detail: { orderCount: 1, holiday: '中秋', totalFen: 10_000 },
      },
    ]);
    // Even with greetMinOrders at 3, the multi-item buyer is greeted (and the single-piece one still not).
    expect(ids(run({ customers: oneTimers, now: at('2026-09-22 00:00'), greetMinOrders: 3 }))).toEqual(['holiday:once-multi:midautumn@2026-09-25']);
  });

  it('names the holiday and is due on its day', () => {
    const [t] = run({ customers: shop, now: at('2026-02-15 09:00') });
    expect(t).toEqual({
      id: 'holiday:loyal:spring@2026-02-17', kind: 'holiday', customerKey: 'loyal', nick: 'loyal的昵称',
      dueAt: at('2026-02-17 00:00'), detail: { orderCount: 4, holiday: '春节', totalFen: 80_000 },
    });
  });

  it('元宵 2026-03-03 is a lunar day; the id carries the date, so 2027 is a new task', () => {
    expect(ids(run({ customers: [shop[0]!], now: at('2026-03-01 09:00') }))).toEqual(['holiday:loyal:lantern@2026-03-03']);
    // 元宵 2027 is 02-20; a greeting marked done in 2026 does not hide it.
    const states = new Map<string, TaskState>([['holiday:loyal:lantern@2026-03-03', { state: 'done', at: at('2026-03-02 09:00') }]]);
    expect(ids(run({ customers: [shop[0]!], states, now: at('2027-02-19 09:00') }))).toEqual(['holiday:loyal:lantern@2027-02-20']);
  });

  it('two holidays on one day make two tasks; 春节 2027 falls on 02-06', () => {
    // 2020-10-01 was both 中秋 and 国庆: two greetings for each customer.
    const tasks = run({ customers: [shop[0]!], now: at('2020-09-29 09:00') });
    expect(ids(tasks)).toEqual(['holiday:loyal:midautumn@2020-10-01', 'holiday:loyal:national@2020-10-01']);
    expect(ids(run({ customers: [shop[0]!], now: at('2027-02-03 09:00') }))).toEqual(['holiday:loyal:spring@2027-02-06']);
  });
});

describe('replenishment (补货)', () => {
  // 奶粉 bought every 25 days by five buyers (gaps 25 25 | 27 25 | 23 → median 25); A last on 10-26.
  // 10-26 + 25 days = 11-20: due today.
  const orders: Order[] = [
    ['A', '2026-09-06'], ['A', '2026-10-01'], ['A', '2026-10-26'],
    ['B', '2026-09-03'], ['B', '2026-09-30'], ['B', '2026-10-25'],
    ['C', '2026-09-05'], ['C', '2026-09-28'],
  ].map(([key, day], i) => ({
    platform: 'taobao', orderId: `m${i}`, customerKey: key!, identity: 'strong', nick: key!, createdAt: at(day!),
    status: 'completed', amountFen: 26_800, refundFen: 0,
    items: [{ itemId: 'milk', title: '婴儿奶粉 3段', sku: '', quantity: 1, unitFen: 26_800, refunded: false }],
    source: 'json', firstSeenAt: 0, lastSeenAt: 0,
  }));
  const customers = ['A', 'B', 'C'].map((k) => summarizeCustomer(orders.filter((o) => o.customerKey === k), undefined, NOW)!);
  const cycles = itemCycles(orders);
  const replenish = replenishmentDue(orders, cycles, new Map([['A', '宝妈A']]), NOW);

  it('passes the due list through, one task per customer and item', () => {
    // B: 10-25 + 25 = 11-19 (a day overdue, within grace). C: 09-28 + 25 = 10-23, long past.
    expect(replenish.map((r) => [r.customerKey, shanghaiDate(r.dueAt)])).toEqual([['B', '2026-11-19'], ['A', '2026-11-20']]);
    // A has spent 3 × ¥268 = ¥804, as has B: equal, so the one due sooner first.
    expect(run({ customers, replenish, now: NOW })).toEqual([
      {
        id: 'replenish:B:milk@2026-10-25', kind: 'replenish', customerKey: 'B', nick: 'B', dueAt: at('2026-11-19 00:00'),
        detail: { itemTitle: '婴儿奶粉 3段', orderCount: 3, totalFen: 80_400 },
      },
      {
        id: 'replenish:A:milk@2026-10-26', kind: 'replenish', customerKey: 'A', nick: '宝妈A', dueAt: at('2026-11-20 00:00'),
        detail: { itemTitle: '婴儿奶粉 3段', orderCount: 3, totalFen: 80_400 },
      },
    ]);
  });

  it('the id names the purchase being replenished, so a shifting cycle does not bring back a dismissed task', () => {
    const dismissed = new Map<string, TaskState>([['replenish:A:milk@2026-10-26', { state: 'dismissed', at: NOW }]]);
    // The shop median moves to 26 days: A's due day moves to 11-21, the task is still the dismissed one.
    const shifted: Replenishment[] = replenish.map((r) => ({ ...r, dueAt: r.dueAt + DAY, cycle: { ...r.cycle, medianDays: 26 } }));
    expect(ids(run({ customers, replenish: shifted, states: dismissed, now: NOW }))).toEqual(['replenish:B:milk@2026-10-25']);
  });

  it('a weak customer is dropped even if handed in; an unknown one still shows with ¥0', () => {
    const weak = customers.map((c) => (c.key === 'A' ? { ...c, identity: 'weak' as const } : c));
    expect(ids(run({ customers: weak, replenish, now: NOW }))).toEqual(['replenish:B:milk@2026-10-25']);
    expect(run({ customers: [], replenish, now: NOW }).map((t) => [t.customerKey, t.detail])).toEqual([
      ['B', { itemTitle: '婴儿奶粉 3段', totalFen: 0 }],
      ['A', { itemTitle: '婴儿奶粉 3段', totalFen: 0 }],
    ]);
  });
});

describe('all together', () => {
  const shop = [
    customer('vip', 3, '2026-09-20', { totalFen: 150_000 }),
    customer('third', 3, '2026-09-21', { totalFen: 30_000 }),
    customer('multi', 1, '2026-09-22', { maxPieces: 2, totalFen: 12_000 }),
  ];
  const event: PlannedEvent = { id: 'golden-week', name: '国庆大促', date: at('2026-10-01 00:00'), leadDays: 7 };
  const now = at('2026-09-24 10:00');
  const tasks = run({ customers: shop, events: [event], now });

  it('sorts by spend, then by due date', () => {
    // vip ¥1500: loyal (due 09-27), 中秋 (09-25), event (10-01) → by due: 中秋, loyal, event.
    // third ¥300: 中秋 09-25, loyal 09-28, event 10-01.
    // multi ¥120: 1 purchase of 2 pieces, a multi-item customer, so greeted too: 中秋 09-25,
    // multi-item first 09-29 (09-22 + 7), event 10-01.
    expect(ids(tasks)).toEqual([
      'holiday:vip:midautumn@2026-09-25', 'loyal_purchase:vip:vip-o3', 'event:vip:golden-week',
      'holiday:third:midautumn@2026-09-25', 'loyal_purchase:third:third-o3', 'event:third:golden-week',
      'holiday:multi:midautumn@2026-09-25', 'multi_item_first:multi:multi-o1', 'event:multi:golden-week',
    ]);
  });

  it('counts by kind for the popup', () => {
    // 3 customers greeted (event and 中秋 each), 2 loyal, 1 multi-item first: 9.
    expect(countTasks(tasks)).toEqual({ loyal_purchase: 2, multi_item_first: 1, event: 3, holiday: 3, replenish: 0, total: 9 });
    expect(countTasks([])).toEqual({ loyal_purchase: 0, multi_item_first: 0, event: 0, holiday: 0, replenish: 0, total: 0 });
  });

  it('ids are unique and sorted order holds for any day and shop', () => {
    const arbCustomer = fc.record({
      n: fc.integer({ min: 0, max: 6 }), daysAgo: fc.integer({ min: 0, max: 20 }), fen: fc.integer({ min: 0, max: 5 }).map((x) => x * 10_000),
      pieces: fc.integer({ min: 1, max: 3 }), weak: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(arbCustomer, { maxLength: 8 }), fc.integer({ min: 0, max: 400 }), (cs, d) => {
      const t = at('2026-01-01 09:00') + d * DAY;
      const customers = cs.map((c, i) => customer(`c${i}`, c.n, shanghaiDate(t - c.daysAgo * DAY), {
        totalFen: c.fen, maxPieces: c.pieces, identity: c.weak ? 'weak' : 'strong',
      }));
      const out = run({ customers, events: [event], now: t });
      expect(new Set(ids(out)).size).toBe(out.length);
      for (let i = 1; i < out.length; i++) {
        const a = out[i - 1]!;
        const b = out[i]!;
        expect(a.detail.totalFen > b.detail.totalFen || (a.detail.totalFen === b.detail.totalFen && a.dueAt <= b.dueAt)).toBe(true);
      }
      for (const task of out) {
        const c = customers.find((x) => x.key === task.customerKey)!;
        if (c.identity === 'weak') expect(task.kind).toBe('multi_item_first');
        expect(TASK_KINDS).toContain(task.kind);
      }
      expect(countTasks(out).total).toBe(out.length);
    }));
  });
});
