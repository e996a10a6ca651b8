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
});
