// Waiting for badges to say what the truth says, shared by the e2e suites (vitest only).
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SOLD_URL } from '../console/routes';
import { expectedBadgeCounts, type ShopOrder } from '../shop/generate';

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

/**
 * The seller opens page `page` of the 千牛 sold list (`pageSize` orders a page, at its real URL) and
 * Laoke badges it: `seen` (the orders read so far, in order) grows by the page's orders, and each badge
 * must show the truth of everything seen so far.
 */
export async function readSoldPage(target: Page, orders: readonly ShopOrder[], page: number, pageSize: number, seen: ShopOrder[]): Promise<void> {
  const onPage = orders.slice((page - 1) * pageSize, page * pageSize);
  seen.push(...onPage);
  await target.goto(`${SOLD_URL}?pageNum=${page}&pageSize=${pageSize}`);
  const counts = expectedBadgeCounts(seen);
  await expectBadgeCounts(target, Object.fromEntries(onPage.flatMap((o) => (counts.has(o.orderId) ? [[o.orderId, counts.get(o.orderId)!]] : []))));
}
