import { describe, expect, it } from 'vitest';
import { FLOOD_LIMIT, FloodGuard, futureTime } from './intake';

const NOW = Date.UTC(2026, 11, 2, 12);

describe('futureTime', () => {
  it('passes times up to a day ahead (a clock a little fast), refuses the first later one', () => {
    expect(futureTime([NOW - 1000, NOW + 23 * 3_600_000, undefined], NOW)).toBeUndefined();
    expect(futureTime([NOW, NOW + 25 * 3_600_000, NOW + 48 * 3_600_000], NOW)).toBe(NOW + 25 * 3_600_000);
  });
});

describe('FloodGuard', () => {
  it('a seller paging 100 orders a second for a minute (6,000) is never refused', () => {
    const g = new FloodGuard();
    for (let s = 0; s < 60; s++) expect(g.admit('tab1', 100, NOW + s * 1000)).toBe(true);
  });

  it('50,000 forged orders in batches of 500: the first 20,000 pass, the rest are refused whole, other tabs unaffected', () => {
    const g = new FloodGuard();
    let admitted = 0;
    for (let i = 0; i < 100; i++) if (g.admit('tab1', 500, NOW + i * 10)) admitted += 500;
    expect(admitted).toBe(FLOOD_LIMIT);
    expect(g.admit('tab2', 500, NOW + 1000)).toBe(true);
  });

  it('the window slides: a minute later the tab may read again; refused batches did not count', () => {
    const g = new FloodGuard();
    expect(g.admit('t', FLOOD_LIMIT, NOW)).toBe(true);
    expect(g.admit('t', 1, NOW + 59_999)).toBe(false);
    expect(g.admit('t', 1, NOW + 60_000)).toBe(true);
    expect(g.admit('t', FLOOD_LIMIT - 1, NOW + 60_001)).toBe(true);
  });

  // Worked examples: the ingest asks the guard with the number of orders of a batch that were never
  // stored (utils/db/ingest.ts admitNew). `store` stands for the database's order ids.
  const asked = (g: FloodGuard, store: Set<string>, tab: string, ids: string[], now: number): boolean => {
    const fresh = [...new Set(ids)].filter((id) => !store.has(id));
    if (fresh.length > 0 && !g.admit(tab, fresh.length, now)) return false;
    for (const id of fresh) store.add(id);
    return true;
  };
  const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `order-${from + i}`);

  it('the red team\'s replay: page 1 (100 orders) asked for 230 times counts 100, once; the seller\'s next page (20 new) is admitted', () => {
    const g = new FloodGuard();
    const store = new Set<string>();
    // 230 × 100 = 23,000 orders handed over in a minute, of which 100 are new: 100 counted.
    for (let i = 0; i < 230; i++) expect(asked(g, store, 'tab1', ids(0, 100), NOW + i * 100)).toBe(true);
    expect(store.size).toBe(100);
    // The window holds 100 of 20,000: page 6 (orders 100–119) goes in.
    expect(asked(g, store, 'tab1', ids(100, 20), NOW + 30_000)).toBe(true);
    expect(store.size).toBe(120);
  });

  it('a forger of unique orders is still stopped at 20,000 new a minute, and the stored ones can still be read again', () => {
    const g = new FloodGuard();
    const store = new Set<string>();
    // 50,000 invented orders in batches of 500: 40 batches (20,000) pass, the other 60 are refused whole.
    let admitted = 0;
    for (let b = 0; b < 100; b++) if (asked(g, store, 'tab1', ids(b * 500, 500), NOW + b * 10)) admitted++;
    expect(admitted).toBe(40);
    expect(store.size).toBe(FLOOD_LIMIT);
    // Within the same minute: a page of 100 already stored is not asked about, and is admitted; a page
    // with one new order among 99 stored counts 1, which the full window refuses (the whole page).
    expect(asked(g, store, 'tab1', ids(0, 100), NOW + 2_000)).toBe(true);
    expect(asked(g, store, 'tab1', [...ids(0, 99), 'order-new'], NOW + 2_000)).toBe(false);
    expect(store.has('order-new')).toBe(false);
    // A minute after the first 20,000: the window has slid, the page goes in.
    expect(asked(g, store, 'tab1', [...ids(0, 99), 'order-new'], NOW + 60_000 + 400)).toBe(true);
  });

  it('a batch with no new order asks nothing; asked with 0 the guard admits even a full window', () => {
    const g = new FloodGuard();
    expect(g.admit('t', FLOOD_LIMIT, NOW)).toBe(true);
    expect(g.admit('t', 0, NOW + 1)).toBe(true);
    expect(g.admit('t', 1, NOW + 2)).toBe(false);
  });
});
