// What counts as a purchase (有效订单), defined once. Badges, customer records, the card, analytics,
// repurchase cycles, forecasts, campaigns and audiences all ask here, so a seller sees one count.
//
// An order is a purchase when its status is a paid one that was not closed or fully refunded AND
// something is left after item refunds. An order whose paid item was refunded while its ¥0 gift was
// not (status 部分退款, nothing left to pay for) is not a purchase anywhere.
import type { Order, OrderItem, OrderStatus } from './types';

/** The status half of the rule: paid and not closed or fully refunded. */
export function isValidStatus(status: OrderStatus): boolean {
  return status === 'paid' || status === 'shipped' || status === 'completed' || status === 'partially_refunded';
}

/** Net spend of an order: what was paid less what was refunded item by item, never below zero. */
export function netFen(order: Pick<Order, 'amountFen' | 'refundFen'>): number {
  return Math.max(0, order.amountFen - order.refundFen);
}

/** The one rule: a paid status (not closed or fully refunded) and money left after item refunds. */
export function isPurchase(order: Pick<Order, 'status' | 'amountFen' | 'refundFen'>): boolean {
  return isValidStatus(order.status) && netFen(order) > 0;
}

/** The items a purchase still holds: those not refunded. */
export function keptItems(order: Pick<Order, 'items'>): OrderItem[] {
  return order.items.filter((it) => !it.refunded);
}
