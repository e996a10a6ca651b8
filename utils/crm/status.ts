import type { OrderStatus } from './types';

/**
 * The status half of a valid purchase: paid and not closed or fully refunded. Whether an order is a
 * purchase is decided by isPurchase (purchase.ts), which also asks that something is left after refunds.
 */
export function isValidStatus(status: OrderStatus): boolean {
  return status === 'paid' || status === 'shipped' || status === 'completed' || status === 'partially_refunded';
}

/**
 * A refund or return under way (售后中): the status text or an item's operation says so. Such a buyer
 * is left out of marketing until it is settled. Done refunds (退款成功) are not "under way".
 */
export function refundUnderWay(texts: readonly (string | undefined)[]): boolean {
  return texts.some((t) => t !== undefined && /退款中|待退货|退货中|请卖家处理/.test(t));
}
