// 抖店 orders (订单管理, fxg.jinritemai.com/ffa/morder/order/list). See shared/CONSOLES.md, "Douyin 抖店".
// Sources (public code only, no live page seen): papysans/dystoretools (its scrape spec of
// GET /api/order/searchlist, "verified shape 2026-05"), zsmhub/doudian-sdk (the open platform's order
// fields and order_status codes, marked OP below), userscripts that read the same response.
// - JSON: GET fxg.jinritemai.com/api/order/searchlist → {code: 0, data: [order…]} (some versions
//   data.data or data.list); times in unix seconds, money in integer fen; one order per row with its
//   items in product_item[]; the buyer as an opaque user_id (probable identity: utils/crm/identity.ts).
// - DOM: no public description of the rendered list. The DOM is not read (a reading of an unknown markup
//   would be a guess); badges find their order by the number's text (订单号 + 19 digits, utils/sites/anchor.ts).

import * as z from '@/utils/shape';
import { proratedRefundFen } from '@/utils/crm/money';
import type { ObservedOrder, OrderItem, OrderStatus } from '@/utils/crm/types';
import { DOUYIN_ORDERS_ENDPOINT } from './endpoints';
import { DOUYIN_HOSTS } from './hosts';
import { labelledOrderBlocks } from './anchor';
import { checkedOrders, quoted } from './result';
import type { OrderBlock, OrderListSite, ParseResult } from './types';

const HOSTS = DOUYIN_HOSTS;
const PAGE_PATH = '/ffa/morder/order/list';
/** 抖店 shop_order_id: 19 digits (beyond 2^53: a number in the JSON would have lost digits). */
const ORDER_ID = /^\d{16,20}$/;

// order_status_info.order_status_text first (it says what happened to the money).
const STATUS_TEXT: [RegExp, OrderStatus][] = [
  [/退款成功|已退款/, 'refunded'],
  [/已关闭|已取消|交易关闭/, 'closed'],
  [/待支付|待付款|未支付/, 'unpaid'],
  [/已完成|交易成功|已收货|已签收/, 'completed'],
  [/已发货|部分发货|待收货/, 'shipped'],
  [/待发货|备货中|已支付|待确认/, 'paid'],
];
// order_status (OP, zsmhub/doudian-sdk order.orderDetail): 1 待确认/待支付, 105 已支付, 2 备货中,
// 101 部分发货, 3 已发货, 4 已取消, 5 已完成. Only when the text is absent or new.
const STATUS_CODE: Record<number, OrderStatus> = { 1: 'unpaid', 105: 'paid', 2: 'paid', 101: 'shipped', 3: 'shipped', 4: 'closed', 5: 'completed' };

export function douyinStatus(text: string | undefined, code: number | undefined): OrderStatus | null {
  const byText = text ? STATUS_TEXT.find(([re]) => re.test(text))?.[1] : undefined;
  if (byText) return byText;
  return code !== undefined && Object.hasOwn(STATUS_CODE, code) ? STATUS_CODE[code]! : null;
}

/** An item's after-sale text (after_sale_info.after_sale_text): done (退款成功), under way (退款中 …), or none ('-'). */
export function douyinAfterSale(text: string | undefined): 'refunded' | 'open' | null {
  if (!text) return null;
  if (/退款成功|已退款|退货退款成功/.test(text)) return 'refunded';
  if (/退款中|退货中|待退货|售后中|待商家处理|待买家退货|换货中|补寄中/.test(text)) return 'open';
  return null;
}

/** The order's status with its items' refunds: every item refunded is a refund; some, a partial one. */
function withRefunds(base: OrderStatus, refunded: boolean[]): OrderStatus {
  const n = refunded.filter(Boolean).length;
  if (n === 0 || base === 'unpaid' || base === 'unknown') return base;
  if (n === refunded.length) return 'refunded';
  return base === 'paid' || base === 'shipped' || base === 'completed' ? 'partially_refunded' : base;
}

const fen = z.number().int().min(0);
const count = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);
const id = z.union([z.string().regex(/^[0-9A-Za-z_-]{1,64}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String);
const item = z.object({
  product_id: id,
  sku_id: id.optional(),
  product_name: z.string(),
  sku_spec: z.array(z.object({ name: z.coerce.string(), value: z.coerce.string() })).optional(),
  combo_num: count,
  combo_amount: fen,
  after_sale_info: z.object({ after_sale_text: z.string().optional() }).nullable().optional(),
});
const row = z.object({
  shop_order_id: z.string().regex(ORDER_ID, 'shop_order_id is not a 19-digit string'),
  create_time: z.number().int().positive(),
  order_status: z.number().int().optional(),
  order_status_info: z.object({ order_status_text: z.string().optional() }).optional(),
  pay_amount: fen,
  product_item: z.array(item).min(1),
  user_id: z.unknown().optional(),
  user_nickname: z.unknown().optional(),
  // Read leniently, as extras: a value of a new kind is no reason to lose the page.
  pay_time: z.unknown().optional(),
  logistics_time: z.unknown().optional(),
  receipt_time: z.unknown().optional(),
  post_amount: z.unknown().optional(),
  promotion_amount: z.unknown().optional(),
  buyer_words: z.unknown().optional(),
  receiver_info: z.unknown().optional(),
});

/** Unix seconds of a time the page gives (0 or anything else: none) → ms. */
function secondsAt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 946_684_800 && v < 4_102_444_800 ? v * 1000 : undefined;
}

/** The opaque buyer id (user_id): a string or safe integer that looks like an id; a placeholder (0, '') is none. */
function userIdOf(v: unknown): string {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? String(v) : '';
  return /^[A-Za-z0-9_=+/.-]{4,128}$/.test(s) && !/^0+$/.test(s) ? s : '';
}

const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const nameOf = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'object' && v !== null ? str((v as { name?: unknown }).name, 30) : '');

/** The masked receiver and province/city/district from receiver_info, when it has them. */
function receiverOf(info: unknown): { receiver?: string; region?: string } {
  if (typeof info !== 'object' || info === null) return {};
  const r = info as Record<string, unknown>;
  const receiver = str(r.post_receiver ?? r.receiver_name, 64);
  const addr = (typeof r.post_addr === 'object' && r.post_addr !== null ? r.post_addr : r) as Record<string, unknown>;
  const parts = [nameOf(addr.province), nameOf(addr.city), nameOf(addr.town ?? addr.district)];
  return { ...(receiver ? { receiver } : {}), ...(parts.every(Boolean) ? { region: parts.join(' ').slice(0, 100) } : {}) };
}

/** The order rows, wherever this version of the page puts them: data, data.data or data.list. */
function rowsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (Array.isArray(d.data)) return d.data;
  if (Array.isArray(d.list)) return d.list;
  return null;
}

/** searchlist body → orders. Anything unexpected makes the whole response "not understood". */
export function parseDouyinOrdersJson(body: unknown): ParseResult {
  if (body === undefined) return { ok: false, reason: 'response is not JSON' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'response is not a JSON object' };
  const b = body as Record<string, unknown>;
  // A refusal (not logged in, a risk check) answers with another code in place of data: "no data", never "no orders".
  if (b.code !== undefined && b.code !== 0 && b.code !== '0') {
    return { ok: false, reason: `refused (code ${quoted(b.code)}${typeof b.msg === 'string' ? ` ${quoted(b.msg)}` : ''})` };
  }
  const rows = rowsOf(b.data);
  if (!rows) return { ok: false, reason: 'data (order list) missing' };
  const orders: ObservedOrder[] = [];
  const unknown = new Set<string>();
  for (const [i, raw] of rows.entries()) {
    const parsed = row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: `data[${i}].${issue.path.join('.')}: ${issue.message}` };
    }
    const r = parsed.data;
    let open = false;
    const items: OrderItem[] = r.product_item.map((p) => {
      const after = douyinAfterSale(p.after_sale_info?.after_sale_text);
      if (after === 'open') open = true;
      return {
        itemId: p.product_id,
        title: p.product_name,
        // As the console prints it: 颜色：黑色 尺码：M
        sku: (p.sku_spec ?? []).map((s) => `${s.name}：${s.value}`).join(' '),
        quantity: p.combo_num,
        unitFen: p.combo_amount,
        refunded: after === 'refunded',
      };
    });
    const text = r.order_status_info?.order_status_text;
    const base = douyinStatus(text, r.order_status);
    // A status not met before: the order is kept as `unknown` (no purchase), the value told in health.
    if (base === null) unknown.add(quoted(text ?? r.order_status ?? ''));
    const status = withRefunds(base ?? 'unknown', items.map((it) => it.refunded));
    const userId = userIdOf(r.user_id);
    const nick = str(r.user_nickname, 128);
    const { receiver, region } = receiverOf(r.receiver_info);
    const order: ObservedOrder = {
      platform: 'douyin',
      orderId: r.shop_order_id,
      buyer: { ...(userId ? { id: userId } : {}), nick, ...(receiver ? { receiver } : {}) },
      createdAt: r.create_time * 1000,
      status,
      amountFen: r.pay_amount,
      refundFen: status === 'refunded' ? r.pay_amount : proratedRefundFen(r.pay_amount, items),
      items,
      source: 'json',
    };
    if (open) order.refundOpen = true;
    if (region) order.region = region;
    // Each time only in its order (placed ≤ paid ≤ shipped ≤ received), as for Pinduoduo.
    const after = (v: unknown, from: number) => {
      const at = secondsAt(v);
      return at !== undefined && at >= from ? at : undefined;
    };
    const paidAt = after(r.pay_time, order.createdAt);
    if (paidAt !== undefined) order.paidAt = paidAt;
    const shippedAt = after(r.logistics_time, paidAt ?? order.createdAt);
    if (shippedAt !== undefined) order.shippedAt = shippedAt;
    const receivedAt = after(r.receipt_time, shippedAt ?? paidAt ?? order.createdAt);
    if (receivedAt !== undefined) order.receivedAt = receivedAt;
    const memo = str(r.buyer_words, 500);
    if (memo) order.buyerMemo = memo;
    orders.push(order);
  }
  return checkedOrders(orders, unknown);
}

/** The DOM is not read (module header): no rows from the screen, so nothing is guessed. */
export function parseDouyinOrdersDom(_root: ParentNode): ParseResult {
  return { ok: true, orders: [] };
}

/** Order blocks by their labelled number (订单号 / 订单编号 + 19 digits). */
export function douyinOrderBlocks(root: ParentNode): OrderBlock[] {
  return labelledOrderBlocks(root, /订单(?:编?号|ID)[：:]?\s*(\d{19})(?!\d)/);
}

export const douyinOrders: OrderListSite = {
  pageKind: 'douyin.orders',
  platform: 'douyin',
  hosts: HOSTS,
  matchesPage: (url) => HOSTS.includes(url.hostname) && url.pathname.startsWith(PAGE_PATH),
  matchesEndpoint: (url) => DOUYIN_ORDERS_ENDPOINT.test(url),
  parseJson: parseDouyinOrdersJson,
  parseDom: parseDouyinOrdersDom,
  orderBlocks: douyinOrderBlocks,
};
