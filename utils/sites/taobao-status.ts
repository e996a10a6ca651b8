// Taobao's trade statuses (extra.tradeStatus codes and statusInfo.text wording, shared/CONSOLES.md)
// mapped onto the neutral enum. Read by both Taobao sold lists, the new one and the legacy one.
import type { OrderStatus } from '@/utils/crm/types';

const TAOBAO_TRADE_STATUS: Record<string, OrderStatus> = {
  WAIT_BUYER_PAY: 'unpaid',
  WAIT_SELLER_SEND_GOODS: 'paid',
  SELLER_CONSIGNED_PART: 'paid',
  WAIT_BUYER_CONFIRM_GOODS: 'shipped',
  TRADE_BUYER_SIGNED: 'shipped',
  TRADE_FINISHED: 'completed',
  // A paid order whose every item was refunded is also TRADE_CLOSED: see taobaoStatus.
  TRADE_CLOSED: 'closed',
  TRADE_CLOSED_BY_TAOBAO: 'closed',
};

// statusInfo.text, for rows where extra.tradeStatus is missing (and for the DOM fallback).
const TAOBAO_STATUS_TEXT: [RegExp, OrderStatus][] = [
  [/等待买家付款/, 'unpaid'],
  [/交易关闭/, 'closed'],
  [/交易成功/, 'completed'],
  [/已发货|待退货/, 'shipped'],
  [/买家已付款|等待.*发货|部分退款/, 'paid'],
];

/**
 * Taobao status from the trade status code (or the status text when the code is absent) and the
 * per-item refund marks. Null when neither is recognised: the caller treats the row as not understood.
 */
export function taobaoStatus(
  tradeStatus: string | undefined,
  statusText: string | undefined,
  itemsRefunded: boolean[],
): OrderStatus | null {
  let base: OrderStatus | null = null;
  if (tradeStatus && Object.hasOwn(TAOBAO_TRADE_STATUS, tradeStatus)) base = TAOBAO_TRADE_STATUS[tradeStatus]!;
  else if (statusText) base = TAOBAO_STATUS_TEXT.find(([re]) => re.test(statusText))?.[1] ?? null;
  if (base === null) return null;
  const refunded = itemsRefunded.filter(Boolean).length;
  const all = itemsRefunded.length > 0 && refunded === itemsRefunded.length;
  // Every item refunded: no purchase is left, whether the trade closed or (after 交易成功) stayed finished.
  if (all && base !== 'unpaid') return 'refunded';
  if (refunded > 0 && !all && (base === 'paid' || base === 'shipped' || base === 'completed')) {
    return 'partially_refunded';
  }
  return base;
}

/**
 * A refund or return under way (售后中): the status text or an item's operation says so, in Taobao's
 * wording. Such a buyer is left out of marketing until it is settled. Done refunds (退款成功) are not
 * "under way".
 */
export function refundUnderWay(texts: readonly (string | undefined)[]): boolean {
  return texts.some((t) => t !== undefined && /退款中|待退货|退货中|请卖家处理/.test(t));
}
