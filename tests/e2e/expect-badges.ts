// Waiting for badges to say what the truth says, shared by the e2e suites (vitest only).
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until exactly these orders carry badges with these counts, then asserts it (a clear diff on failure). */
export async function expectBadgeCounts(target: Page | Frame, want: Record<string, number>): Promise<void> {
  try {
    await target.waitForFunction((w) => {
      const els = [...document.querySelectorAll('[data-laoke-badge]')];
      const got = Object.fromEntries(els.map((el) => [el.getAttribute('data-laoke-order-id'), Number(el.getAttribute('data-laoke-orders'))]));
      return els.length === Object.keys(w).length && Object.entries(w).every(([id, n]) => got[id] === n);
    }, want, { timeout: 15_000 });
  } finally {
    const got = await target.$$eval('[data-laoke-badge]', (els) =>
      Object.fromEntries(els.map((el) => [el.getAttribute('data-laoke-order-id'), Number(el.getAttribute('data-laoke-orders'))])));
    expect(got).toEqual(want);
  }
}
