// An after-sales list (售后工作台) marks orders already read: a refund, return or exchange under way, or
// none any more. Its rows are no orders (no buyer, no items, no purchase time), so they never create one
// nor move money: what an order paid and refunded is the order list's reading. Pure: the background
// applies the readings this returns through the ordinary ingest (utils/db/ingest.ts), so the customer's
// figures, suppression and care lists follow as for any reading.
import type { ObservedOrder, Order } from './types';

export interface AfterSaleMark {
  orderId: string;
  state: 'open' | 'refunded' | 'closed';
}

/** Per order, whether a case is under way: one open case is enough; cases all ended mean none is. */
export function openByOrder(cases: readonly AfterSaleMark[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const c of cases) out.set(c.orderId, (out.get(c.orderId) ?? false) || c.state === 'open');
  return out;
}

/** A stored order as the page's reading it was made from. */
export function readingOf(o: Order): ObservedOrder {
  const { customerKey: _key, identity: _identity, nick, buyerId, firstSeenAt: _first, lastSeenAt: _last, statusSeenAt: _seen, statusPrevAt: _prev, ...reading } = o;
  return { ...reading, buyer: buyerId ? { id: buyerId, nick } : { nick } };
}

/**
 * The readings that change a stored order's refund-under-way mark, for the stored orders the cases name
 * (orders not stored are left alone: Laoke has not read them).
 */
export function afterSaleReadings(stored: readonly Order[], cases: readonly AfterSaleMark[]): ObservedOrder[] {
  const open = openByOrder(cases);
  const out: ObservedOrder[] = [];
  for (const o of stored) {
    const want = open.get(o.orderId);
    if (want === undefined || !!o.refundOpen === want) continue;
    const reading = readingOf(o);
    if (want) reading.refundOpen = true;
    else delete reading.refundOpen;
    out.push(reading);
  }
  return out;
}
