// Taobao sold orders (已卖出的宝贝), the new 千牛 page. See shared/CONSOLES.md, "Taobao / Tmall".
// - JSON: POST trade.taobao.com/trade/itemlist/asyncSold.htm, called cross-origin by the page.
// - DOM: div.next-table-body holds one <table> per order; its first row is the order header.

import * as z from '@/utils/shape';
import { proratedRefundFen, yuanToFen } from '@/utils/crm/money';
import { parseShanghaiTime } from '@/utils/crm/time';
import type { ObservedOrder, OrderItem } from '@/utils/crm/types';
import { TAOBAO_SOLD_ENDPOINT } from './endpoints';
import { QIANNIU_HOSTS } from './hosts';
import { checkedOrders, quoted } from './result';
import { refundUnderWay, taobaoStatus } from './taobao-status';
import type { OrderBlock, OrderListSite, ParseResult } from './types';

const PAGE_HOSTS = QIANNIU_HOSTS;
const PAGE_PATH = '/home.htm/trade-platform/tp/sold';

// Taobao order ids are 19 digits, beyond 2^53: they must arrive as strings.
const orderId = z.string().regex(/^\d{6,25}$/, 'order id is not a digit string');
const quantity = z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]);
const label = z.object({ name: z.string(), value: z.coerce.string() });

const subOrder = z.object({
  idStr: z.coerce.string().optional(),
  quantity,
  priceInfo: z.object({ realTotal: z.union([z.string(), z.number()]) }),
  itemInfo: z.object({
    title: z.string(),
    itemUrl: z.string().optional(),
    skuId: z.coerce.string().optional(),
    skuText: z.array(label).optional(),
    extra: z.array(label).optional(),
  }),
  operations: z.array(z.object({ text: z.string().optional() })).optional(),
});

const mainOrder = z.object({
  id: orderId,
  extra: z.object({ tradeStatus: z.string().optional(), sellerFlag: z.unknown().optional() }).optional(),
  orderInfo: z.object({ createTime: z.string() }),
  buyer: z.object({ nick: z.string(), id: z.union([z.string(), z.number()]).optional() }),
  payInfo: z.object({ actualFee: z.union([z.string(), z.number()]) }),
  statusInfo: z.object({ text: z.string().optional() }).optional(),
  subOrders: z.array(subOrder).min(1),
});

const response = z.object({
  mainOrders: z.array(z.unknown()),
  page: z.object({ currentPage: z.coerce.number().optional(), totalNumber: z.coerce.number().optional() }).optional(),
});

const REFUNDED = /退款成功/;
const OPAQUE_ID = /^[A-Za-z0-9_=+/-]{6,128}$/;

function itemIdOf(url: string | undefined, fallback: string): string {
  const m = url ? /[?&]id=(\d+)/.exec(url) : null;
  return m?.[1] ?? fallback;
}

function describe(issue: z.Issue): string {
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

function toOrder(raw: unknown, index: number, unknown: Set<string>): ObservedOrder | string {
  const parsed = mainOrder.safeParse(raw);
  if (!parsed.success) return `mainOrders[${index}].${describe(parsed.error.issues[0]!)}`;
  const o = parsed.data;
  const createdAt = parseShanghaiTime(o.orderInfo.createTime);
  if (createdAt === null) return `mainOrders[${index}].orderInfo.createTime: not a time`;
  const amountFen = yuanToFen(o.payInfo.actualFee);
  if (amountFen === null || amountFen < 0) return `mainOrders[${index}].payInfo.actualFee: not money`;
  const items: OrderItem[] = [];
  for (const [j, s] of o.subOrders.entries()) {
    const unitFen = yuanToFen(s.priceInfo.realTotal);
    if (unitFen === null || unitFen < 0) return `mainOrders[${index}].subOrders[${j}].priceInfo.realTotal: not money`;
    items.push({
      itemId: itemIdOf(s.itemInfo.itemUrl, s.itemInfo.skuId ?? s.idStr ?? ''),
      title: s.itemInfo.title,
      // As the console prints it: 颜色分类：黑色 尺码：M
      sku: (s.itemInfo.skuText ?? []).map((t) => `${t.name}：${t.value}`).join(' '),
      quantity: s.quantity,
      unitFen,
      refunded: (s.operations ?? []).some((op) => REFUNDED.test(op.text ?? '')),
    });
  }
  // A status not met before: the order is kept as `unknown` (no purchase), the value told in health.
  const status = taobaoStatus(o.extra?.tradeStatus, o.statusInfo?.text, items.map((i) => i.refunded)) ?? 'unknown';
  if (status === 'unknown') unknown.add(quoted([o.extra?.tradeStatus, o.statusInfo?.text].filter(Boolean).join(' ')));
  // Only an opaque-looking id identifies a buyer: a placeholder such as 0 would merge strangers.
  const rawId = o.buyer.id === undefined ? '' : String(o.buyer.id).trim();
  const buyerId = OPAQUE_ID.test(rawId) && !/^0+$/.test(rawId) ? rawId : '';
  return {
    platform: 'taobao',
    orderId: o.id,
    buyer: buyerId ? { id: buyerId, nick: o.buyer.nick } : { nick: o.buyer.nick },
    createdAt,
    status,
    amountFen,
    refundFen: proratedRefundFen(amountFen, items),
    items,
    source: 'json',
    // The seller's own flag colour (旗帜, CONSOLES.md: 0 none … 5 purple): a value of another kind is ignored.
    ...(typeof o.extra?.sellerFlag === 'number' && Number.isInteger(o.extra.sellerFlag) && o.extra.sellerFlag >= 1 && o.extra.sellerFlag <= 5
      ? { sellerFlag: o.extra.sellerFlag } : {}),
    ...(refundUnderWay([o.statusInfo?.text, ...o.subOrders.flatMap((s) => (s.operations ?? []).map((op) => op.text))])
      ? { refundOpen: true } : {}),
  };
}

/** asyncSold.htm body → orders. Anything unexpected makes the whole response "not understood". */
export function parseSoldJson(body: unknown): ParseResult {
  if (body === undefined) return { ok: false, reason: 'response is not JSON' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, reason: 'response is not a JSON object' };
  }
  // Risk control (slider check) answers in place of data: that is "no data", never "no orders".
  if ('rgv587_flag' in body) return { ok: false, reason: 'risk control (rgv587_flag)' };
  const top = response.safeParse(body);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    return { ok: false, reason: issue.path[0] === 'mainOrders' && issue.code === 'invalid_type' && !('mainOrders' in body)
      ? 'mainOrders missing' : describe(issue) };
  }
  const orders: ObservedOrder[] = [];
  const unknown = new Set<string>();
  for (const [i, raw] of top.data.mainOrders.entries()) {
    const o = toOrder(raw, i, unknown);
    if (typeof o === 'string') return { ok: false, reason: o };
    orders.push(o);
  }
  return checkedOrders(orders, unknown);
}

// ---- DOM ----------------------------------------------------------------------------------------

const ORDER_ID_TEXT = /订单号[：:]?\s*(\d{6,25})/;
const CREATED_TEXT = /创建时间[：:]?\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?)/;

// A price cell may show the original price struck through after the real one: take the first amount.
const MONEY_IN_TEXT = /[-+]?[￥¥]?\s*\d[\d,]*(?:\.\d{1,2})?/;
function firstMoney(cellText: string): number | null {
  const m = MONEY_IN_TEXT.exec(cellText);
  return m ? yuanToFen(m[0]) : null;
}

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function orderTables(root: ParentNode): HTMLTableElement[] {
  return [...root.querySelectorAll<HTMLTableElement>('.next-table .next-table-body table')];
}

function headerRow(table: HTMLTableElement): HTMLTableRowElement | null {
  return table.querySelector<HTMLTableRowElement>('tbody > tr:first-child');
}

/**
 * The buyer nick in an order header, from an element named for it (hashed class names: match by
 * substring). No such element, no nick: guessing from other header text could turn a memo or a tag into
 * one "buyer" for every order, so the order stays weak instead.
 */
function headerNick(header: Element): string {
  return text(header.querySelector('[class*="buyer"], [class*="nick"]'));
}

/** Column positions from the table head labels: 宝贝 / 单价 / 数量 / 履约/售后状态 / 交易状态 / 实收款. */
function columns(root: ParentNode): Record<'price' | 'qty' | 'after' | 'status' | 'paid', number> | null {
  const heads = [...root.querySelectorAll('.next-table .next-table-header th')].map(text);
  const at = (re: RegExp) => heads.findIndex((h) => re.test(h));
  const cols = { price: at(/^单价/), qty: at(/^数量/), after: at(/售后/), status: at(/^交易状态/), paid: at(/^实收款/) };
  return Object.values(cols).some((i) => i < 0) ? null : cols;
}

export function parseSoldDom(root: ParentNode): ParseResult {
  const tables = orderTables(root);
  if (tables.length === 0) return { ok: true, orders: [] };
  const cols = columns(root);
  if (!cols) return { ok: false, reason: 'table header columns not found' };
  const orders: ObservedOrder[] = [];
  const unknown = new Set<string>();
  for (const [i, table] of tables.entries()) {
    const header = headerRow(table);
    const head = text(header);
    const id = ORDER_ID_TEXT.exec(head)?.[1];
    const created = parseShanghaiTime(CREATED_TEXT.exec(head)?.[1]);
    if (!header || !id || created === null) return { ok: false, reason: `order block ${i}: 订单号 or 创建时间 not found` };
    const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody > tr')].slice(1);
    const first = rows[0];
    if (!first) return { ok: false, reason: `order ${id}: no item rows` };
    const cells = (row: HTMLTableRowElement) => [...row.cells];
    const firstCells = cells(first);
    const statusText = text(firstCells[cols.status]);
    const amountFen = firstMoney(text(firstCells[cols.paid]));
    if (amountFen === null || amountFen < 0) return { ok: false, reason: `order ${id}: 实收款 not money` };
    const items: OrderItem[] = [];
    for (const row of rows) {
      const c = cells(row);
      // Later item rows lack the cells spanning the whole order (交易状态, 实收款, 操作), which come
      // after 宝贝/单价/数量/售后: the columns read here keep their positions.
      // The picture is often wrapped in a link too: take the titled element, else the first link with text.
      const links = [...(c[0]?.querySelectorAll('a') ?? [])];
      const title = text(c[0]?.querySelector('[class*="title"]') ?? links.find((a) => text(a)) ?? c[0]);
      const unitFen = firstMoney(text(c[cols.price]));
      const qty = Number(text(c[cols.qty]));
      if (unitFen === null || unitFen < 0 || !Number.isInteger(qty) || qty <= 0) return { ok: false, reason: `order ${id}: item row not understood` };
      items.push({
        itemId: c[0]?.querySelector('a[href*="id="]')?.getAttribute('href')?.match(/[?&]id=(\d+)/)?.[1] ?? '',
        title,
        sku: text(c[0]?.querySelector('[class*="sku"]')).replace(/\s*[:：]\s*/g, '：'),
        quantity: qty,
        unitFen,
        refunded: REFUNDED.test(text(c[cols.after])),
      });
    }
    const status = taobaoStatus(undefined, statusText, items.map((it) => it.refunded)) ?? 'unknown';
    if (status === 'unknown') unknown.add(quoted(statusText));
    orders.push({
      platform: 'taobao', orderId: id, buyer: { nick: headerNick(header) }, createdAt: created, status,
      amountFen, refundFen: proratedRefundFen(amountFen, items), items, source: 'dom',
      ...(refundUnderWay([statusText, ...rows.map((row) => text(cells(row)[cols.after]))]) ? { refundOpen: true } : {}),
    });
  }
  return checkedOrders(orders, unknown);
}

export function soldOrderBlocks(root: ParentNode): OrderBlock[] {
  const blocks: OrderBlock[] = [];
  for (const table of orderTables(root)) {
    const header = headerRow(table);
    const id = ORDER_ID_TEXT.exec(text(header))?.[1];
    const anchor = header?.cells[0];
    if (id && anchor) blocks.push({ orderId: id, block: table, anchor });
  }
  return blocks;
}

export const taobaoSold: OrderListSite = {
  pageKind: 'taobao.sold',
  platform: 'taobao',
  hosts: PAGE_HOSTS,
  matchesPage: (url) => PAGE_HOSTS.includes(url.hostname) && url.pathname.startsWith(PAGE_PATH),
  matchesEndpoint: (url) => TAOBAO_SOLD_ENDPOINT.test(url),
  parseJson: parseSoldJson,
  parseDom: parseSoldDom,
  orderBlocks: soldOrderBlocks,
};
