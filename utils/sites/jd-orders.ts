// JD orders (京东商家后台 订单管理, shop.jd.com/jdm/trade/orders/order-list). See shared/CONSOLES.md, "JD".
// Sources (public code only, no live page seen): userscripts and desktop tools that read the page's own
// sff.jd.com gateway answers (the call named by api=), XiBao/jos (the open platform's order fields, OP).
// - JSON: POST sff.jd.com/api?…&api=dsm.order.bff.orderListBffService.queryOrderPage (older
//   dsm.order.manage.orderlist.queryOrderPage) → {code: 200 or 0, data: {results: [order…], totalItem}};
//   times in epoch ms, money in yuan strings ("238.00", read as text into fen, never through floats);
//   the buyer as userPin, the JD-wide account (strong identity).
// - DOM: no public description of the rendered list. The DOM is not read (a reading of an unknown markup
//   would be a guess); badges find their order by the number's text (订单号 + digits, utils/sites/anchor.ts).

import * as z from '@/utils/shape';
import { yuanToFen } from '@/utils/crm/money';
import type { ObservedOrder, OrderItem, OrderStatus } from '@/utils/crm/types';
import { JD_ORDERS_ENDPOINT } from './endpoints';
import { JD_SHOP_HOSTS } from './hosts';
import { labelledOrderBlocks } from './anchor';
import { checkedOrders, quoted } from './result';
import type { OrderBlock, OrderListSite, ParseResult } from './types';

const HOSTS = JD_SHOP_HOSTS;
const PAGE_PATH = '/jdm/trade/orders/';
/** JD order numbers: 10 to 16 digits (safe integers, so a number in the JSON is whole). */
const ORDER_ID = /^\d{9,16}$/;

// orderStatusInfo.orderStatusName, the text the list shows. 锁定 (locked): JD holds an order while a
// cancellation or refund the buyer asked for is decided; it was paid and is not to be marketed to.
const STATUS_TEXT: [RegExp, OrderStatus][] = [
  [/退款成功|已退款/, 'refunded'],
  [/已取消|取消|已关闭/, 'closed'],
  [/等待付款|待付款|未付款/, 'unpaid'],
  [/已完成|完成|已收货|已妥投/, 'completed'],
  [/已出库|等待确认收货|待收货|已发货|配送中/, 'shipped'],
  [/等待出库|待出库|等待发货|待发货|已付款|锁定/, 'paid'],
];

export function jdStatus(text: string | undefined): OrderStatus | null {
  return text ? STATUS_TEXT.find(([re]) => re.test(text))?.[1] ?? null : null;
}

/** The status texts that say a cancellation or refund is under way. */
export const jdRefundUnderWay = (text: string | undefined): boolean => !!text && /锁定|退款中|取消中|售后中/.test(text);

const money = z.union([z.string(), z.number()]);
const ms = z.union([z.number().int().positive(), z.string().regex(/^\d{12,13}$/).transform(Number)]);
const id = z.union([z.string().regex(/^[0-9A-Za-z_-]{1,64}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);
const item = z.object({
  skuId: id,
  skuName: z.string(),
  num: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]),
  jdPrice: money,
});
const row = z.object({
  orderId: z.union([z.string().regex(ORDER_ID, 'orderId is not a digit string'), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)]).transform(String),
  orderCreateTime: ms,
  orderStatusInfo: z.object({ orderStatusName: z.string().optional() }),
  orderPaymentInfo: z.object({ shouldPay: money, freight: z.unknown().optional() }),
  orderItems: z.array(item).min(1),
  userPin: z.unknown().optional(),
  // Read leniently, as extras.
  paymentConfirmTime: z.unknown().optional(),
  consignTime: z.unknown().optional(),
  orderCompleteTime: z.unknown().optional(),
});

/** Epoch ms of a time the page gives (0, '' or anything else: none). */
function msAt(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{12,13}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 946_684_800_000 && n < 4_102_444_800_000 ? n : undefined;
}

/** The buyer's pin as the JSON gives it; a shortened one (with …) or a placeholder is none. */
function pinOf(v: unknown): string {
  const s = typeof v === 'string' ? v.trim() : '';
  return s && s.length <= 128 && !/[*＊…]|\.\.\./.test(s) && !/^0+$/.test(s) && !/\s/.test(s) ? s : '';
}

/** queryOrderPage body → orders. Anything unexpected makes the whole response "not understood". */
export function parseJdOrdersJson(body: unknown): ParseResult {
  if (body === undefined) return { ok: false, reason: 'response is not JSON' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'response is not a JSON object' };
  const b = body as Record<string, unknown>;
  // A refusal (a risk check, a lapsed login) answers with another code: "no data", never "no orders".
  if (b.code !== undefined && ![0, 200, '0', '200'].includes(b.code as never)) {
    return { ok: false, reason: `refused (code ${quoted(b.code)}${typeof b.message === 'string' ? ` ${quoted(b.message)}` : typeof b.msg === 'string' ? ` ${quoted(b.msg)}` : ''})` };
  }
  const results = (b.data as { results?: unknown } | null | undefined)?.results;
  if (!Array.isArray(results)) return { ok: false, reason: 'data.results missing' };
  const orders: ObservedOrder[] = [];
  const unknown = new Set<string>();
  for (const [i, raw] of results.entries()) {
    const parsed = row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: `data.results[${i}].${issue.path.join('.')}: ${issue.message}` };
    }
    const r = parsed.data;
    const amountFen = yuanTextToFen(r.orderPaymentInfo.shouldPay);
    if (amountFen === null) return { ok: false, reason: `data.results[${i}].orderPaymentInfo.shouldPay: not money` };
    const items: OrderItem[] = [];
    for (const [j, it] of r.orderItems.entries()) {
      const unitFen = yuanTextToFen(it.jdPrice);
      if (unitFen === null) return { ok: false, reason: `data.results[${i}].orderItems[${j}].jdPrice: not money` };
      items.push({ itemId: it.skuId, title: it.skuName, sku: '', quantity: it.num, unitFen, refunded: false });
    }
    const text = r.orderStatusInfo.orderStatusName;
    // A status not met before: the order is kept as `unknown` (no purchase), the value told in health.
    const status = jdStatus(text) ?? 'unknown';
    if (status === 'unknown') unknown.add(quoted(text ?? ''));
    const pin = pinOf(r.userPin);
    const order: ObservedOrder = {
      platform: 'jd',
      orderId: r.orderId,
      buyer: pin ? { id: pin, nick: pin } : { nick: '' },
      createdAt: r.orderCreateTime,
      status,
      amountFen,
      refundFen: status === 'refunded' ? amountFen : 0,
      items,
      source: 'json',
    };
    if (jdRefundUnderWay(text)) order.refundOpen = true;
    const after = (v: unknown, from: number) => {
      const at = msAt(v);
      return at !== undefined && at >= from ? at : undefined;
    };
    const paidAt = after(r.paymentConfirmTime, order.createdAt);
    if (paidAt !== undefined) order.paidAt = paidAt;
    const shippedAt = after(r.consignTime, paidAt ?? order.createdAt);
    if (shippedAt !== undefined) order.shippedAt = shippedAt;
    const receivedAt = status === 'completed' ? after(r.orderCompleteTime, shippedAt ?? paidAt ?? order.createdAt) : undefined;
    if (receivedAt !== undefined) order.receivedAt = receivedAt;
    orders.push(order);
  }
  return checkedOrders(orders, unknown);
}

/**
 * JD money: yuan as a decimal string ("238.00", "1,238.5"), read as text; a number is taken as yuan too
 * (yuanToFen rounds it to the fen), and a negative or otherwise unreadable amount is not money.
 */
function yuanTextToFen(v: string | number): number | null {
  const fen = yuanToFen(typeof v === 'string' ? v.trim() : v);
  return fen === null || fen < 0 ? null : fen;
}

/** The DOM is not read (module header): no rows from the screen, so nothing is guessed. */
export function parseJdOrdersDom(_root: ParentNode): ParseResult {
  return { ok: true, orders: [] };
}

/** Order blocks by their labelled number (订单号 / 订单编号 + digits). */
export function jdOrderBlocks(root: ParentNode): OrderBlock[] {
  return labelledOrderBlocks(root, /订单(?:编?号)[：:]?\s*(\d{9,16})(?!\d)/);
}

export const jdOrders: OrderListSite = {
  pageKind: 'jd.orders',
  platform: 'jd',
  hosts: HOSTS,
  matchesPage: (url) => HOSTS.includes(url.hostname) && url.pathname.startsWith(PAGE_PATH),
  matchesEndpoint: (url) => JD_ORDERS_ENDPOINT.test(url),
  parseJson: parseJdOrdersJson,
  parseDom: parseJdOrdersDom,
  orderBlocks: jdOrderBlocks,
};
