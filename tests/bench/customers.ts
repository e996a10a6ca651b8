// 100,000 customers as ingest would have summarised them, for the audience benchmarks: most bought once,
// a long tail came back often; a tenth are masked (weak) buyers.
import type { Customer, Order } from '@/utils/crm/types';
import { rng } from '../shop/generate';

const DAY = 86_400_000;
const PROVINCES = ['广东省 深圳市 南山区', '浙江省 杭州市 西湖区', '江苏省 南京市 鼓楼区', '北京市 北京市 朝阳区', '四川省 成都市 武侯区', '上海市 上海市 浦东新区'];
const ITEMS = ['安溪铁观音 浓香型 小袋装 500g', '菊花茶 胎菊 独立包装 30包', '陈皮 新会 十年 100g', '玻璃公道杯 加厚耐热 分茶器', '大红袍 武夷岩茶 礼盒 2罐'];

export function syntheticCustomers(n: number, now: number): Customer[] {
  const r = rng(7);
  const out: Customer[] = [];
  for (let i = 0; i < n; i++) {
    const orders = r() < 0.62 ? 1 : r() < 0.6 ? 2 + Math.floor(r() * 2) : 4 + Math.floor(r() * 12);
    const first = now - Math.floor(r() * 540) * DAY - Math.floor(r() * DAY);
    const last = orders === 1 ? first : first + Math.floor(r() * (now - first));
    const purchases = Array.from({ length: orders }, (_, k) => String(4_000_000_000_000_000_000n + BigInt(i * 20 + k)));
    const item = Math.floor(r() * ITEMS.length);
    const pieces = orders + Math.floor(r() * orders * 2);
    const weak = r() < 0.1;
    const c: Customer = {
      key: weak ? `taobao:order:${purchases[0]}` : `taobao:id:B${i}`, platform: 'taobao',
      nick: weak ? `买**${i % 10}` : `买家${i}`, identity: weak ? 'weak' : 'strong', orderCount: weak ? 1 : orders,
      totalFen: orders * (2_000 + Math.floor(r() * 40_000)), firstPurchaseAt: first, lastPurchaseAt: last,
      purchases: weak ? purchases.slice(0, 1) : purchases, items: [{ title: ITEMS[item]!, quantity: pieces }],
      pieces, maxPieces: 1 + Math.floor(r() * 3), itemIds: [String(1000 + item)],
      region: PROVINCES[Math.floor(r() * PROVINCES.length)]!, refundOpen: r() < 0.01, tags: [], notes: '', updatedAt: now,
    };
    if (!weak && orders >= 2) c.usualGapDays = Math.round((last - first) / (orders - 1) / DAY * 10) / 10;
    if (!weak) c.buyerId = `B${i}`;
    out.push(c);
  }
  return out;
}


/**
 * The orders behind syntheticCustomers (each purchase id one completed order, first and last at the
 * customer's first and last purchase, the rest between), for the analytics benchmarks.
 */
export function syntheticOrders(customers: readonly Customer[]): Order[] {
  const r = rng(11);
  const out: Order[] = [];
  for (const c of customers) {
    const n = c.purchases.length;
    const first = c.firstPurchaseAt ?? 0;
    const last = c.lastPurchaseAt ?? first;
    const times = c.purchases.map((_, k) => (k === 0 ? first : k === n - 1 ? last : first + Math.floor(r() * (last - first)))).sort((a, b) => a - b);
    c.purchases.forEach((orderId, k) => {
      const amountFen = Math.round(c.totalFen / n);
      out.push({
        platform: 'taobao', orderId, customerKey: c.key, identity: c.identity, nick: c.nick, createdAt: times[k]!, status: 'completed',
        amountFen, refundFen: 0, source: 'json', firstSeenAt: times[k]!, lastSeenAt: times[k]!,
        items: [{ itemId: c.itemIds[0] ?? '1000', title: c.items[0]?.title ?? '', sku: '', quantity: 1, unitFen: amountFen, refunded: false }],
        ...(c.region ? { region: c.region } : {}),
      });
    });
  }
  return out;
}
