// The generated shop as Pinduoduo's order list endpoint (recentOrderList) answers it: shared/CONSOLES.md.
// One goods per row (PDD orders hold one goods: the first line of a generated order), money in fen,
// times in unix seconds, nickname and receiver masked. Unpaid orders are not listed.
import type { Shop, ShopOrder } from './generate';

export const pddNick = (nick: string) => `${[...nick][0]}***`;
export const pddReceiver = (name: string) => `${[...name][0]}**`;

const STATUS: Record<ShopOrder['tradeStatus'], [number, string] | null> = {
  WAIT_BUYER_PAY: null,
  WAIT_SELLER_SEND_GOODS: [1, '待发货'],
  WAIT_BUYER_CONFIRM_GOODS: [2, '已发货，待签收'],
  TRADE_FINISHED: [3, '已签收'],
  TRADE_CLOSED: [0, '未发货，退款成功'],
  TRADE_CLOSED_BY_TAOBAO: [0, '已取消'],
};

export function pddOrders(shop: Shop): ShopOrder[] {
  return shop.orders.filter((o) => STATUS[o.tradeStatus] !== null);
}

/** What the buyer paid for the PDD version of an order (its first line). */
export const pddAmountFen = (o: ShopOrder) => o.lines[0]!.unitFen * o.lines[0]!.quantity;

export function pddOrderSn(o: ShopOrder): string {
  const d = new Date(o.createdAt + 8 * 3600_000).toISOString();
  return `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-${o.orderId.slice(-15)}`;
}

/** A shop coupon on every 5th order (¥3), a platform discount on every 7th (¥2): by the order's own number. */
export function pddDiscount(o: ShopOrder): { shopFen: number; platformFen: number } {
  const n = Number(o.orderId.slice(-6));
  return { shopFen: n % 5 === 0 ? 300 : 0, platformFen: n % 7 === 0 ? 200 : 0 };
}

export function pddRow(o: ShopOrder): Record<string, unknown> {
  const [code, text] = STATUS[o.tradeStatus]!;
  const line = o.lines[0]!;
  const amount = pddAmountFen(o);
  const discount = pddDiscount(o);
  return {
    order_sn: pddOrderSn(o),
    order_status: code,
    order_status_str: text,
    created_at: Math.floor(o.createdAt / 1000),
    confirm_time: Math.floor(o.createdAt / 1000) + 60,
    shipping_time: code >= 2 ? Math.floor(o.createdAt / 1000) + 86_400 : 0,
    goods_id: Number(line.item.itemId),
    goods_name: line.item.title,
    goods_number: line.quantity,
    goods_price: line.unitFen,
    goods_amount: amount + discount.shopFen + discount.platformFen,
    order_amount: amount,
    merchant_discount: discount.shopFen,
    platform_discount: discount.platformFen,
    shipping_amount: 0,
    spec: line.sku,
    out_sku_sn: line.item.code,
    thumb_url: `https://img.pddpic.com/laoke-demo/${line.item.itemId}.jpg`,
    receive_name: pddReceiver(o.customer.receiverName),
    province_name: o.customer.province,
    city_name: o.customer.city,
    district_name: o.customer.district,
    nickname: pddNick(o.customer.nick),
    buyer_memo: '',
    // 10 退款成功 (the open platform's codes, utils/sites/pdd-orders.ts): the replay's refunds are done.
    after_sales_status: o.tradeStatus === 'TRADE_CLOSED' ? 10 : 0,
  };
}

export function recentOrderListPage(shop: Shop, pageNumber: number, pageSize: number): Record<string, unknown> {
  const all = pddOrders(shop);
  const rows = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return { success: true, errorCode: 1000000, errorMsg: null, result: { totalItemNum: all.length, pageItems: rows.map(pddRow) } };
}

/** The probable-identity key a buyer gets from what the list shows. */
export function probableKeyOf(o: ShopOrder): string {
  const c = o.customer;
  return `${pddNick(c.nick)}|${pddReceiver(c.receiverName)}|${c.province} ${c.city} ${c.district}`;
}
