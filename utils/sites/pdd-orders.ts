// Pinduoduo orders (商家后台 订单查询). See shared/CONSOLES.md, "Pinduoduo".
// - JSON: POST mms.pinduoduo.com/mangkhut/mms/recentOrderList, one goods per row; money in integer fen,
//   times in unix seconds; buyer nick and receiver name masked; no phone, no address.
// - DOM: inside #mf-mms-orders-container one block per order, headed 订单编号：<sn> and 订单成交时间：….

import * as z from '@/utils/shape';
import type { ObservedOrder, OrderItem, OrderStatus } from '@/utils/crm/types';
import { PDD_ORDERS_ENDPOINT } from './endpoints';
import { PDD_MMS_HOSTS } from './hosts';
import { checkedOrders, quoted } from './result';
import type { OrderBlock, OrderListSite, ParseResult } from './types';

const HOSTS = PDD_MMS_HOSTS;
const PAGE_PATH = '/orders/list';
/** PDD order numbers: YYMMDD-15 digits. */
const ORDER_SN = /^\d{6}-\d{15}$/;

// Status text first (it says what happened to the money); the numeric code only when the text is new.
const STATUS_TEXT: [RegExp, OrderStatus][] = [
  [/退款成功/, 'refunded'],
  [/已取消|交易关闭/, 'closed'],
  [/待支付|未支付|待付款/, 'unpaid'],
  [/已签收|已收货|交易成功/, 'completed'],
  [/已发货/, 'shipped'],
  [/待发货/, 'paid'],
];
const STATUS_CODE: Record<number, OrderStatus> = { 1: 'paid', 2: 'shipped', 3: 'completed' };

export function pddStatus(text: string | undefined, code: number | undefined): OrderStatus | null {
  const byText = text ? STATUS_TEXT.find(([re]) => re.test(text))?.[1] : undefined;
  if (byText) return byText;
  return code !== undefined && Object.hasOwn(STATUS_CODE, code) ? STATUS_CODE[code]! : null;
}

/**
 * after_sales_status (售后状态) codes still waiting on someone: the buyer has a refund, return or exchange
 * under way and is not to be marketed to (as 退款中 on Taobao). The code list is Pinduoduo's open
 * platform's (0 无售后, 2 买家申请退款待商家处理, 3 退货退款待商家处理, 4 商家同意退款退款中, 5 平台同意退款
 * 退款中, 6 驳回退款待买家处理, 7 已同意退货退款待用户发货, 8 平台处理中, 9 平台拒绝退款退款关闭, 10 退款成功,
 * 11 买家撤销, 12/13 逾期, 14/15/18 换货补寄待处理, 16/17 换货补寄成功/失败, 21/22/27 维修待处理, 24/25 维修
 * 关闭/成功, 31 拒收退款待用户拒收, 32 补寄待商家发货, 33 待商家召回), as the `pdd` crate's docs for
 * pdd.refund.list.increment.get give it (docs.rs/crate/pdd, src/requests/pdd_refund_list_increment_get.rs);
 * the mms list is assumed to use the same codes (CONSOLES.md names the field, not its values). A code
 * not listed here is not taken for a refund under way.
 */
const AFTER_SALES_UNDER_WAY: ReadonlySet<number> = new Set([2, 3, 4, 5, 6, 7, 8, 14, 15, 18, 21, 22, 27, 31, 32, 33]);

/** A refund, return or exchange under way, from after_sales_status (a number, or digits as text). */
export function pddAfterSalesOpen(code: unknown): boolean {
  const n = typeof code === 'number' ? code : typeof code === 'string' && /^\d{1,3}$/.test(code) ? Number(code) : NaN;
  return AFTER_SALES_UNDER_WAY.has(n);
}

const fen = z.number().int().min(0);
const seconds = z.number().int().positive();
const row = z.object({
  order_sn: z.string().regex(ORDER_SN, 'order_sn is not YYMMDD-15 digits'),
  order_status: z.number().int().optional(),
  order_status_str: z.string().optional(),
  created_at: seconds,
  goods_id: z.union([z.number(), z.string()]).transform(String),
  goods_name: z.string(),
  goods_number: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]),
  goods_price: fen,
  order_amount: fen,
  // The shop's coupon and the platform's discount on the order (fen), when the list carries them.
  merchant_discount: fen.optional(),
  platform_discount: fen.optional(),
  spec: z.string().optional(),
  receive_name: z.string().optional(),
  province_name: z.string().optional(),
  city_name: z.string().optional(),
  district_name: z.string().optional(),
  nickname: z.string().optional(),
  // 成交时间 and 发货时间 (unix seconds; 0 when not yet), the buyer's 留言: read leniently, as extras.
  confirm_time: z.unknown().optional(),
  shipping_time: z.unknown().optional(),
  // 确认收货时间, when the list carries it (CONSOLES.md does not name it; the open platform's order does).
  receive_time: z.unknown().optional(),
  buyer_memo: z.unknown().optional(),
  // Read leniently: a value of a new kind is no reason to lose the page.
  after_sales_status: z.unknown().optional(),
});
const response = z.object({
  success: z.boolean().optional(),
  result: z.object({ pageItems: z.array(z.unknown()) }),
});

/** Unix seconds of a time the page gives (0 or anything else: none). */
function secondsAt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 946_684_800 && v < 4_102_444_800 ? v * 1000 : undefined;
}

function regionOf(parts: (string | undefined)[]): string | undefined {
  const clean = parts.map((p) => p?.trim() ?? '');
  return clean.every(Boolean) ? clean.join(' ') : undefined;
}

/** recentOrderList body → orders (rows of one order_sn are one order). */
export function parsePddOrdersJson(body: unknown): ParseResult {
  if (body === undefined) return { ok: false, reason: 'response is not JSON' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'response is not a JSON object' };
  const b = body as Record<string, unknown>;
  // Rate limiting (操作太过频繁) and other refusals answer in place of data: "no data", never "no orders".
  if (b.success === false || b.error_code != null) {
    return { ok: false, reason: `refused (${String(b.error_code ?? b.errorCode ?? 'success=false')}${typeof b.errorMsg === 'string' ? ` ${b.errorMsg.slice(0, 60)}` : ''})` };
  }
  const top = response.safeParse(body);
  if (!top.success) return { ok: false, reason: 'result.pageItems missing' };
  const byOrder = new Map<string, ObservedOrder>();
  const unknown = new Set<string>();
  for (const [i, raw] of top.data.result.pageItems.entries()) {
    const parsed = row.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: `pageItems[${i}].${issue.path.join('.')}: ${issue.message}` };
    }
    const r = parsed.data;
    // A status not met before: the order is kept as `unknown` (no purchase), the value told in health.
    const status = pddStatus(r.order_status_str, r.order_status) ?? 'unknown';
    if (status === 'unknown') unknown.add(quoted(r.order_status_str ?? r.order_status ?? ''));
    const item: OrderItem = {
      itemId: r.goods_id, title: r.goods_name, sku: r.spec ?? '', quantity: r.goods_number, unitFen: r.goods_price,
      refunded: status === 'refunded',
    };
    const afterSales = pddAfterSalesOpen(r.after_sales_status);
    const known = byOrder.get(r.order_sn);
    if (known) {
      known.items.push(item);
      if (afterSales) known.refundOpen = true;
      continue;
    }
    const order: ObservedOrder = {
      platform: 'pdd',
      orderId: r.order_sn,
      buyer: r.receive_name ? { nick: r.nickname ?? '', receiver: r.receive_name } : { nick: r.nickname ?? '' },
      createdAt: r.created_at * 1000,
      status,
      // What the buyer paid (order_amount); a refunded order gave all of it back.
      amountFen: r.order_amount,
      refundFen: status === 'refunded' ? r.order_amount : 0,
      items: [item],
      source: 'json',
    };
    if (afterSales) order.refundOpen = true;
    // Each time only in its order (placed ≤ paid ≤ shipped ≤ received): one before the step it follows
    // is not a time of this order (a shipping_time in 2000 would put a parcel 9,000 days in transit).
    const after = (v: unknown, from: number) => {
      const at = secondsAt(v);
      return at !== undefined && at >= from ? at : undefined;
    };
    const paidAt = after(r.confirm_time, order.createdAt);
    if (paidAt !== undefined) order.paidAt = paidAt;
    const shippedAt = after(r.shipping_time, paidAt ?? order.createdAt);
    if (shippedAt !== undefined) order.shippedAt = shippedAt;
    const receivedAt = after(r.receive_time, shippedAt ?? paidAt ?? order.createdAt);
    if (receivedAt !== undefined) order.receivedAt = receivedAt;
    const memo = typeof r.buyer_memo === 'string' ? r.buyer_memo.trim().slice(0, 500) : '';
    if (memo) order.buyerMemo = memo;
    const region = regionOf([r.province_name, r.city_name, r.district_name]);
    if (region) order.region = region;
    if (r.merchant_discount !== undefined && r.platform_discount !== undefined) {
      order.discount = { shopFen: r.merchant_discount, platformFen: r.platform_discount };
    }
    byOrder.set(r.order_sn, order);
  }
  return checkedOrders([...byOrder.values()], unknown);
}

// ---- DOM ----------------------------------------------------------------------------------------

const SN_TEXT = /订单编号[：:]\s*(\d{6}-\d{15})/;
const TIME_TEXT = /订单成交时间[：:]\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?)/;

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Orders: each group-header row (订单编号：<sn>) with the rows after it up to the next header. Keyed on
 * the header row, so it holds whether the page gives each order a body of its own or not.
 */
function blocksIn(root: ParentNode): { sn: string; head: Element; rows: Element[]; anchor: Element | null }[] {
  const container = root.querySelector('#mf-mms-orders-container');
  if (!container) return [];
  const heads = [...container.querySelectorAll('tr')].filter((tr) => SN_TEXT.test(text(tr)) && tr.querySelectorAll('tr').length === 0);
  return heads.map((head) => {
    const rows: Element[] = [];
    for (let next = head.nextElementSibling; next && !heads.includes(next as HTMLTableRowElement); next = next.nextElementSibling) rows.push(next);
    return { sn: SN_TEXT.exec(text(head))![1]!, head, rows, anchor: head.querySelector('td, th') };
  });
}

type Column = '商品' | '订单状态' | '数量' | '商品总价' | '实收金额' | '收货人' | '买家昵称';
const COLUMNS: Column[] = ['商品', '订单状态', '数量', '商品总价', '实收金额', '收货人', '买家昵称'];

/** Column positions from the table head labels. */
function columns(root: ParentNode): Record<Column, number> | null {
  const heads = [...root.querySelectorAll('#mf-mms-orders-container thead th')].map(text);
  const at = Object.fromEntries(COLUMNS.map((c) => [c, heads.indexOf(c)])) as Record<Column, number>;
  return COLUMNS.every((c) => at[c] >= 0) ? at : null;
}

const yuanText = (s: string): number | null => {
  const m = /[￥¥]\s*(\d[\d,]*)(?:\.(\d{1,2}))?/.exec(s);
  if (!m) return null;
  return Number(m[1]!.replace(/,/g, '')) * 100 + Number(((m[2] ?? '') + '00').slice(0, 2));
};

/**
 * The rendered list. The page shows no region, so a DOM reading cannot make a probable identity: its
 * masked buyers stay weak (unmerged) until the JSON is read.
 */
export function parsePddOrdersDom(root: ParentNode): ParseResult {
  const blocks = blocksIn(root);
  if (blocks.length === 0) return { ok: true, orders: [] };
  const cols = columns(root);
  if (!cols) return { ok: false, reason: 'table header columns not found' };
  const orders: ObservedOrder[] = [];
  const unknown = new Set<string>();
  for (const { sn, head, rows } of blocks) {
    const created = TIME_TEXT.exec(text(head))?.[1];
    const createdAt = created ? Date.parse(`${created.replace(' ', 'T')}+08:00`) : NaN;
    if (!Number.isFinite(createdAt)) return { ok: false, reason: `order ${sn}: 订单成交时间 not found` };
    const cells = rows[0] ? [...rows[0].querySelectorAll(':scope > td')] : [];
    const at = (c: Column) => text(cells[cols[c]]);
    const status = pddStatus(at('订单状态'), undefined) ?? 'unknown';
    if (status === 'unknown') unknown.add(quoted(at('订单状态')));
    const quantity = Number(at('数量'));
    const goodsFen = yuanText(at('商品总价'));
    const amountFen = yuanText(at('实收金额'));
    if (!Number.isInteger(quantity) || quantity <= 0 || goodsFen === null || amountFen === null) {
      return { ok: false, reason: `order ${sn}: goods cells not understood` };
    }
    const goods = cells[cols['商品']];
    const receiver = at('收货人');
    const order: ObservedOrder = {
      platform: 'pdd', orderId: sn,
      buyer: receiver ? { nick: at('买家昵称'), receiver } : { nick: at('买家昵称') },
      createdAt, status, amountFen, refundFen: status === 'refunded' ? amountFen : 0,
      items: [{
        itemId: /ID[：:]\s*(\d+)/.exec(text(goods))?.[1] ?? '',
        title: text(goods?.querySelector('[class*="goods-name"]')),
        sku: text(goods?.querySelector('[class*="goods-spec"]')),
        quantity, unitFen: Math.round(goodsFen / quantity), refunded: status === 'refunded',
      }],
      source: 'dom',
    };
    orders.push(order);
  }
  return checkedOrders(orders, unknown);
}

export function pddOrderBlocks(root: ParentNode): OrderBlock[] {
  return blocksIn(root).flatMap(({ sn, head, anchor }) => (anchor ? [{ orderId: sn, block: head, anchor }] : []));
}

export const pddOrders: OrderListSite = {
  pageKind: 'pdd.orders',
  platform: 'pdd',
  hosts: HOSTS,
  matchesPage: (url) => HOSTS.includes(url.hostname) && url.pathname.startsWith(PAGE_PATH),
  matchesEndpoint: (url) => PDD_ORDERS_ENDPOINT.test(url),
  parseJson: parsePddOrdersJson,
  parseDom: parsePddOrdersDom,
  orderBlocks: pddOrderBlocks,
};
