import { invalidOrderReason } from '@/utils/crm/validate';
import type { ObservedOrder } from '@/utils/crm/types';
import type { ParseResult } from './types';

/** An adapter's answer: all orders if every one would pass the background's validation, else the reason. */
export function checkedOrders(orders: ObservedOrder[]): ParseResult {
  const reason = invalidOrderReason(orders);
  return reason ? { ok: false, reason } : { ok: true, orders };
}
