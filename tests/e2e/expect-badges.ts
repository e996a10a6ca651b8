// Waiting for badges to say what the truth says, shared by the e2e suites (vitest only).
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SOLD_URL } from '../console/routes';
import { expectedBadgeCounts, type ShopOrder } from '../shop/generate';
import { evaluateDeep, waitForDeep, type DeepQueryAll } from './deep';

/**
 * Waits until exactly these orders carry badges with these counts, then asserts it (a clear diff on
 * failure). Badges are counted in the document and in the page's open shadow roots alike.
 */
export async function expectBadgeCounts(target: Page | Frame, want: Record<string, number>): Promise<void> {
  try {
    await waitForDeep(target, badgeCountsAre, want);
  } finally {
    expectBadgeReading(await evaluateDeep(target, badgeCountsNow, undefined), want);
  }
}

/** In the page: exactly the orders of `w` carry badges, with these counts (the Firefox suite runs it too). */
export function badgeCountsAre(deepAll: DeepQueryAll, w: Record<string, number>): boolean {
  const els = deepAll('[data-laoke-badge]');
  const got = Object.fromEntries(els.map((el) => [el.getAttribute('data-laoke-order-id'), Number(el.getAttribute('data-laoke-orders'))]));
  return els.length === Object.keys(w).length && Object.entries(w).every(([id, n]) => got[id] === n);
}

/** In the page: each order's badge count, and the orders with more than one badge. */
export function badgeCountsNow(deepAll: DeepQueryAll): { counts: Record<string, number>; twice: (string | null)[] } {
  const els = deepAll('[data-laoke-badge]');
  // Two badges of one order would collapse into one key: count them apart.
  const ids = els.map((el) => el.getAttribute('data-laoke-order-id'));
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  return { counts: Object.fromEntries(els.map((el) => [el.getAttribute('data-laoke-order-id'), Number(el.getAttribute('data-laoke-orders'))])), twice };
}

/** Asserts a reading of badgeCountsNow against what the truth says (a clear diff on failure). */
export function expectBadgeReading(got: ReturnType<typeof badgeCountsNow>, want: Record<string, number>): void {
  expect(got.counts).toEqual(want);
  expect(got.twice, 'orders with more than one badge').toEqual([]);
}

/**
 * Each badge matching `badge` (keyed by its `key` attribute), in tree order, with the numbers of `shown`
 * that the nearest element around it shows (climbing out of shadow roots to their hosts). With
 * `groupHeader` (拼多多 reviews, markup a) the badge's block is its group-header row and the row after it,
 * as that table lays a review out.
 */
export function placedBadges(target: Page | Frame, badge: string, key: string, shown: string[], groupHeader = false) {
  return evaluateDeep(target, (deepAll, a) => deepAll(a.badge).map((el) => {
    const showing = (text: string) => [...new Set(a.shown.filter((id) => text.includes(id)))];
    let near: string[] = [];
    if (a.groupHeader) {
      const tr = el.closest('tr');
      near = showing(`${tr?.textContent ?? ''} ${tr?.nextElementSibling?.textContent ?? ''}`);
    } else {
      for (let node: Element | null = el; node && near.length === 0; node = node.parentElement ?? (node.parentNode instanceof ShadowRoot ? node.parentNode.host : null)) {
        near = showing(node.textContent ?? '');
      }
    }
    return { id: el.getAttribute(a.key) ?? '', near };
  }), { badge, key, shown, groupHeader });
}

/** Every order badge sits in the block of its own order: the nearest element showing an order number shows its number only. */
export async function expectOrderBadgesInPlace(target: Page | Frame, shownIds: string[]) {
  const got = await placedBadges(target, '[data-laoke-badge]', 'data-laoke-order-id', shownIds);
  expect(got.filter((b) => b.near.length !== 1 || b.near[0] !== b.id)).toEqual([]);
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
