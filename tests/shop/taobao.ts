// The generated shop as the Taobao sold-orders endpoint (asyncSold.htm) answers it: shared/CONSOLES.md.
import type { Shop, ShopOrder } from './generate';

const STATUS_TEXT: Record<ShopOrder['tradeStatus'], string> = {
  WAIT_BUYER_PAY: '等待买家付款',
  WAIT_SELLER_SEND_GOODS: '买家已付款，等待商家发货',
  WAIT_BUYER_CONFIRM_GOODS: '商家已发货，等待买家确认',
  TRADE_FINISHED: '交易成功',
  TRADE_CLOSED: '交易关闭',
  TRADE_CLOSED_BY_TAOBAO: '交易关闭',
};

const yuan = (fen: number) => (fen / 100).toFixed(2);

function shanghai(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function statusText(o: ShopOrder): string {
  return STATUS_TEXT[o.tradeStatus];
}

export function taobaoMainOrder(o: ShopOrder, seq: number): Record<string, unknown> {
  const buyer: Record<string, unknown> = {
    nick: o.customer.masked ? `${[...o.customer.nick][0]}**${[...o.customer.nick].at(-1)}` : o.customer.nick,
    operations: [],
  };
  if (o.customer.buyerId) buyer.id = o.customer.buyerId;
  return {
    id: o.orderId,
    extra: { sellerFlag: seq % 11 === 0 ? 1 : 0, currency: 'CNY', tradeStatus: o.tradeStatus },
    orderInfo: { id: o.orderId, createTime: shanghai(o.createdAt) },
    buyer,
    payInfo: { actualFee: yuan(o.paidFen), postType: `(含快递:￥${yuan(o.postFeeFen)})`, icons: [] },
    statusInfo: { text: statusText(o) },
    subOrders: o.lines.map((l, k) => ({
      idStr: l.subOrderId,
      // The console sends quantity as a number or as a string.
      quantity: (seq + k) % 3 === 0 ? String(l.quantity) : l.quantity,
      priceInfo: l.unitFen === l.item.priceFen ? { realTotal: yuan(l.unitFen) } : { realTotal: yuan(l.unitFen), original: yuan(l.item.priceFen) },
      itemInfo: {
        title: l.item.title,
        pic: `//img.alicdn.com/laoke-demo/${l.item.itemId}.jpg`,
        itemUrl: `//item.taobao.com/item.htm?id=${l.item.itemId}`,
        skuText: [{ name: l.item.skuName, value: l.sku }],
        extra: [{ name: '商家编码', value: l.item.code }],
      },
      operations: l.refunded ? [{ text: '退款成功' }] : o.tradeStatus === 'WAIT_SELLER_SEND_GOODS' ? [{ text: '发货' }] : [],
    })),
  };
}

/** One page of asyncSold.htm for the shop, newest first. */
export function soldPage(shop: Shop, pageNum: number, pageSize: number): Record<string, unknown> {
  const from = (pageNum - 1) * pageSize;
  const rows = shop.orders.slice(from, from + pageSize);
  return {
    error: '',
    extra: {},
    query: { pageNum, pageSize },
    page: { currentPage: pageNum, pageSize, totalNumber: shop.orders.length, totalPage: Math.ceil(shop.orders.length / pageSize) },
    mainOrders: rows.map((o, i) => taobaoMainOrder(o, from + i)),
  };
}
