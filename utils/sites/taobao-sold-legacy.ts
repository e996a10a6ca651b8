// Taobao sold orders, the legacy list (trade.taobao.com/trade/itemlist/list_sold_items.htm), often shown
// inside the 千牛 workbench as an iframe (isFrame=true). See shared/CONSOLES.md, "Legacy sold page DOM".
// Its rows come from the same asyncSold.htm JSON as the new page; only the DOM differs:
// div.trade-order-main per order, items in tr[class^="suborder-mod__item___"], the buyer in
// a[class^="buyer-mod__name___"], the paid amount in div[class^="price-mod__price___"].

import { proratedRefundFen, yuanToFen } from '@/utils/crm/money';
import { parseShanghaiTime } from '@/utils/crm/time';
import type { ObservedOrder, OrderItem } from '@/utils/crm/types';
import { TAOBAO_SOLD_ENDPOINT } from './endpoints';
import { TAOBAO_TRADE_HOSTS } from './hosts';
import { parseSoldJson } from './taobao-sold';
import { checkedOrders, quoted } from './result';
import { refundUnderWay, taobaoStatus } from './taobao-status';
import type { OrderBlock, OrderListSite, ParseResult } from './types';

const HOSTS = TAOBAO_TRADE_HOSTS;
const PAGE_PATH = '/trade/itemlist/list_sold_items.htm';
const HEADER = /订单号[：:]\s*(\d{6,25})[\s\S]*?创建时间[：:]\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?)/;
const MONEY = /[￥¥]\s*(\d[\d,]*(?:\.\d{1,2})?)/;

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function orderMains(root: ParentNode): { id: string; main: Element; head: Element }[] {
  const out: { id: string; main: Element; head: Element }[] = [];
  for (const main of root.querySelectorAll('div.trade-order-main')) {
    const head = main.querySelector('[class*="order-head"], [class^="bought-wrapper-mod__head"], thead, tbody > tr:first-child') ?? main;
    const id = HEADER.exec(text(head))?.[1] ?? /\$(\d{6,25})/.exec(main.getAttribute('data-reactid') ?? '')?.[1];
    if (id) out.push({ id, main, head });
  }
  return out;
}

export function parseLegacyDom(root: ParentNode): ParseResult {
  const orders: ObservedOrder[] = [];
  const unknown = new Set<string>();
  for (const { id, main, head } of orderMains(root)) {
    const created = parseShanghaiTime(HEADER.exec(text(head))?.[2]);
    if (created === null) return { ok: false, reason: `order ${id}: 创建时间 not found` };
    const items: OrderItem[] = [];
    for (const row of main.querySelectorAll('tr[class^="suborder-mod__item___"]')) {
      const title = text(row.querySelector('[class*="title"]') ?? [...row.querySelectorAll('a[href*="item.htm"]')].find((a) => text(a)));
      const unitFen = yuanToFen(MONEY.exec(text(row.querySelector('[class^="price-mod__price___"], [class*="price"]')))?.[1] ?? '');
      const qty = Number(/(\d+)/.exec(text(row.querySelector('[class*="quantity"]')))?.[1]);
      if (unitFen === null || !Number.isInteger(qty) || qty <= 0) return { ok: false, reason: `order ${id}: item row not understood` };
      items.push({
        itemId: /[?&]id=(\d+)/.exec(row.querySelector('a[href*="id="]')?.getAttribute('href') ?? '')?.[1] ?? '',
        title,
        sku: text(row.querySelector('[class*="sku"]')).replace(/\s*[:：]\s*/g, '：'),
        quantity: qty,
        unitFen,
        refunded: /退款成功/.test(text(row)),
      });
    }
    if (items.length === 0) return { ok: false, reason: `order ${id}: no item rows` };
    // 实收款: a real-pay cell where the page names one, else the last price in the first item row.
    const firstRow = main.querySelector('tr[class^="suborder-mod__item___"]');
    const prices = firstRow ? [...firstRow.querySelectorAll('[class^="price-mod__price___"]')] : [];
    const paidText = text(main.querySelector('[class*="real-pay"]') ?? prices[prices.length - 1]);
    const amountFen = yuanToFen(MONEY.exec(paidText)?.[1] ?? '');
    if (amountFen === null) return { ok: false, reason: `order ${id}: 实收款 not found` };
    const statusText = text(main.querySelector('[class*="status"]') ?? firstRow);
    const status = taobaoStatus(undefined, statusText, items.map((i) => i.refunded)) ?? 'unknown';
    if (status === 'unknown') unknown.add(quoted(statusText));
    orders.push({
      platform: 'taobao', orderId: id, buyer: { nick: text(main.querySelector('a[class^="buyer-mod__name___"]')) },
      createdAt: created, status, amountFen, refundFen: proratedRefundFen(amountFen, items), items, source: 'dom',
      ...(refundUnderWay([statusText]) ? { refundOpen: true } : {}),
    });
  }
  return checkedOrders(orders, unknown);
}

export function legacyOrderBlocks(root: ParentNode): OrderBlock[] {
  return orderMains(root).flatMap(({ id, main, head }) => {
    // A badge goes into a cell (or a plain header element), never straight into a table row or body.
    const anchor = head.matches('table, thead, tbody, tr') ? head.querySelector('td, th') : head;
    return anchor ? [{ orderId: id, block: main, anchor }] : [];
  });
}

export const taobaoSoldLegacy: OrderListSite = {
  pageKind: 'taobao.sold-legacy',
  platform: 'taobao',
  hosts: HOSTS,
  matchesPage: (url) => HOSTS.includes(url.hostname) && url.pathname === PAGE_PATH,
  matchesEndpoint: (url) => TAOBAO_SOLD_ENDPOINT.test(url),
  parseJson: parseSoldJson,
  parseDom: parseLegacyDom,
  orderBlocks: legacyOrderBlocks,
};
