// The generated shop as JD's order list (sff.jd.com queryOrderPage) answers it: shared/CONSOLES.md, "JD".
// Times in epoch ms, money in yuan strings, the buyer as userPin (derived from the generated customer).
import type { Shop, ShopCustomer, ShopOrder } from './generate';

const STATUS: Record<ShopOrder['tradeStatus'], string> = {
  WAIT_BUYER_PAY: '等待付款',
  WAIT_SELLER_SEND_GOODS: '等待出库',
  WAIT_BUYER_CONFIRM_GOODS: '已出库',
  TRADE_FINISHED: '已完成',
  TRADE_CLOSED: '已取消',
  TRADE_CLOSED_BY_TAOBAO: '已取消',
};

export const jdOrdersOf = (shop: Shop): ShopOrder[] => shop.orders;

/** JD order numbers: 12 digits (the generated order's serial and random digits). */
export const jdOrderId = (o: ShopOrder) => `3${o.orderId.slice(6, 17)}`;

/** The buyer's JD account (pin), one per generated customer. */
export function jdPin(c: ShopCustomer): string {
  let h = 2166136261;
  for (const ch of c.nick) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return `jd_${h.toString(16)}${c.index.toString(16)}`;
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export function queryOrderRow(o: ShopOrder): Record<string, unknown> {
  const status = STATUS[o.tradeStatus];
  const paid = status !== '等待付款' && o.tradeStatus !== 'TRADE_CLOSED_BY_TAOBAO';
  return {
    orderId: jdOrderId(o),
    orderCreateTime: o.createdAt,
    paymentConfirmTime: paid ? o.createdAt + 30_000 : null,
    consignTime: status === '已出库' || status === '已完成' ? o.createdAt + 86_400_000 : null,
    orderCompleteTime: status === '已完成' ? o.createdAt + 4 * 86_400_000 : null,
    orderStatusInfo: { orderStatusName: status },
    orderPaymentInfo: { shouldPay: yuan(o.paidFen), freight: yuan(o.postFeeFen) },
    userPin: jdPin(o.customer),
    consigneeInfo: { consigneeName: `${[...o.customer.receiverName][0]}**` },
    orderItems: o.lines.map((l) => ({ skuId: l.item.itemId, skuName: `${l.item.title} ${l.sku}`, num: l.quantity, jdPrice: yuan(l.unitFen) })),
  };
}

/** One page (1-based) of queryOrderPage. */
export function queryOrderPage(shop: Shop, page: number, pageSize: number): Record<string, unknown> {
  const all = jdOrdersOf(shop);
  return { code: 200, message: 'success', data: { totalItem: all.length, results: all.slice((page - 1) * pageSize, page * pageSize).map(queryOrderRow) } };
}
