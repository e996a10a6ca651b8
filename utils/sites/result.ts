import { invalidOrderReason } from '@/utils/crm/observed';
import type { ObservedOrder } from '@/utils/crm/types';
import type { ParseResult } from './types';

/**
 * An adapter's answer: all orders if every one would pass the background's validation, else the reason;
 * with the values it did not know (read as status `unknown`).
 */
export function checkedOrders(orders: ObservedOrder[], unknown: ReadonlySet<string> = new Set()): ParseResult {
  const reason = invalidOrderReason(orders);
  if (reason) return { ok: false, reason };
  return unknown.size ? { ok: true, orders, unknown: [...unknown].slice(0, 20) } : { ok: true, orders };
}

/** A value quoted in health: short and on one line (it is the page's text). */
export function quoted(value: unknown): string {
  return String(value).replace(/\s+/g, ' ').trim().slice(0, 40);
}
