// The generated shop as 抖店's order list (GET /api/order/searchlist), its after-sales list and its
// review list (GET /product/tcomment/commentList) answer it: shared/CONSOLES.md, "Douyin 抖店".
// Times in unix seconds, money in fen, one order per row with its items; every buyer has an opaque
// user_id (derived from the generated customer); nickname shown, receiver masked.
import type { Shop, ShopCustomer, ShopOrder } from './generate';
import type { ShopReview } from './reviews';

const STATUS: Record<ShopOrder['tradeStatus'], [number, string]> = {
  WAIT_BUYER_PAY: [1, '待支付'],
  WAIT_SELLER_SEND_GOODS: [2, '待发货'],
  WAIT_BUYER_CONFIRM_GOODS: [3, '已发货'],
  TRADE_FINISHED: [5, '已完成'],
  TRADE_CLOSED: [4, '已关闭'],
  TRADE_CLOSED_BY_TAOBAO: [4, '已关闭'],
};

/** Every order of the shop is listed (抖店 lists unpaid orders too). */
export const douyinOrdersOf = (shop: Shop): ShopOrder[] => shop.orders;

/** The opaque user_id 抖店 gives the buyer: one per generated customer. */
export function douyinUserId(c: ShopCustomer): string {
  let h = 2166136261;
  for (const ch of c.nick) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return `MS4wLjABAAAA${h.toString(36)}${c.index.toString(36).padStart(4, '0')}`;
}

export const douyinReceiver = (name: string) => `${[...name][0]}**`;

/** Per order number, the after-sale text of each item (退款中 while a refund is under way); '-' when none. */
export type AfterSaleOverride = Map<string, string>;

export function searchlistRow(o: ShopOrder, afterSale?: AfterSaleOverride): Record<string, unknown> {
  const [code, text] = STATUS[o.tradeStatus];
  const created = Math.floor(o.createdAt / 1000);
  const paid = o.tradeStatus !== 'WAIT_BUYER_PAY' && o.tradeStatus !== 'TRADE_CLOSED_BY_TAOBAO';
  const override = afterSale?.get(o.orderId);
  return {
    shop_order_id: o.orderId,
    order_status: code,
    order_status_info: { order_status_text: text },
    create_time: created,
    pay_time: paid ? created + 30 : 0,
    logistics_time: code === 3 || code === 5 ? created + 86_400 : 0,
    receipt_time: code === 5 ? created + 4 * 86_400 : 0,
    pay_amount: o.paidFen,
    post_amount: o.postFeeFen,
    promotion_amount: 0,
    buyer_words: '',
    remark: '',
    star: 0,
    user_id: douyinUserId(o.customer),
    user_nickname: o.customer.nick,
    user_profile_tag: [],
    receiver_info: {
      post_receiver: douyinReceiver(o.customer.receiverName), post_tel: '1**********',
      post_addr: { province: { name: o.customer.province }, city: { name: o.customer.city }, town: { name: o.customer.district } },
    },
    product_item: o.lines.map((l, i) => ({
      product_id: l.item.itemId, sku_id: `${l.item.itemId}${i}`, product_name: l.item.title,
      sku_spec: [{ name: l.item.skuName, value: l.sku }], combo_num: l.quantity, combo_amount: l.unitFen,
      after_sale_info: { after_sale_text: override ?? (l.refunded ? '退款成功' : '-') },
    })),
  };
}

/** One page (0-based, as 抖店 counts) of searchlist; `shape` 'list' answers as the versions with data.list do. */
export function searchlistPage(shop: Shop, page: number, pageSize: number, shape: 'array' | 'list' = 'array', afterSale?: AfterSaleOverride): Record<string, unknown> {
  const all = douyinOrdersOf(shop);
  const rows = all.slice(page * pageSize, (page + 1) * pageSize).map((o) => searchlistRow(o, afterSale));
  return shape === 'array'
    ? { st: 0, code: 0, msg: '', data: rows, total: all.length }
    : { st: 0, code: 0, msg: '', data: { list: rows, total: all.length } };
}

const STARS = { pos: 5, neu: 3, neg: 1, hidden: 5 } as const;

/** The shop's reviews as commentList answers them (0-based pages). */
export function commentListRow(rv: ShopReview): Record<string, unknown> {
  const line = rv.order.lines[0]!;
  return {
    id: `7${rv.feedId}`, order_id: rv.order.orderId, product_id: line.item.itemId, product_name: line.item.title,
    content: rv.text === '系统默认好评' ? '' : rv.text, comment_time: Math.floor(rv.date / 1000), rank: STARS[rv.kind],
    shop_reply: rv.reply ?? '', user_name: `${[...rv.order.customer.nick][0]}***`, photos: [],
  };
}

export function commentListPage(reviews: ShopReview[], page: number, pageSize: number): Record<string, unknown> {
  return { st: 0, code: 0, msg: '', data: reviews.slice(page * pageSize, (page + 1) * pageSize).map(commentListRow), total: reviews.length };
}

/**
 * The shop's after-sales cases as /after_sale/pc/list answers them: every fully refunded order (退款成功),
 * and `extra` cases by order number with their status text (待商家处理 while one is under way), newest first.
 */
export function afterSaleListPage(shop: Shop, page: number, pageSize: number, extra: Map<string, string> = new Map()): Record<string, unknown> {
  const cases = shop.orders.flatMap((o) => {
    const text = extra.get(o.orderId) ?? (o.tradeStatus === 'TRADE_CLOSED' ? '退款成功' : undefined);
    return text ? [{ o, text }] : [];
  });
  const rows = cases.slice(page * pageSize, (page + 1) * pageSize).map(({ o, text }, i) => ({
    after_sale_info: {
      after_sale_id: `71${o.orderId.slice(2)}`, related_id: o.orderId, after_sale_type: 2, refund_amount: o.paidFen,
      apply_time: Math.floor(o.createdAt / 1000) + 86_400 + i,
    },
    text_part: { after_sale_status_text: text, after_sale_type_text: '仅退款' },
    order_info: { product_name: o.lines[0]!.item.title },
  }));
  return { st: 0, code: 0, msg: '', data: { total: cases.length, items: rows } };
}
