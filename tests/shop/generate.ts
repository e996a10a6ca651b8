// A deterministic generated shop: customers and orders with realistic repeat rates, hours of day,
// multi-item orders, refunds, closed and unpaid orders, and masked nicks. It feeds the demo console, the
// e2e tests and the benchmarks; the truth it knows (who really bought what) is what tests check against.
import { mulberry32 } from '../../utils/crm/random';
import { gammaSampler } from '../bench/clv-sim';

/** The shop's seeded generator. */
export const rng = mulberry32;

export interface ShopCustomer {
  index: number;
  /** The buyer's real nick. */
  nick: string;
  /** Opaque buyer id, when the console shows one. */
  buyerId?: string;
  /** The console shows this buyer's nick masked (t**1) and no id. */
  masked: boolean;
  province: string;
  city: string;
  district: string;
  /** The receiver's real name (lists show it masked: 张**). */
  receiverName: string;
}

export interface ShopItem {
  itemId: string;
  title: string;
  skuName: string;
  skuValues: string[];
  priceFen: number;
  code: string;
}

export interface ShopOrderLine {
  item: ShopItem;
  sku: string;
  quantity: number;
  unitFen: number;
  refunded: boolean;
  subOrderId: string;
}

export type ShopTradeStatus =
  | 'WAIT_BUYER_PAY' | 'WAIT_SELLER_SEND_GOODS' | 'WAIT_BUYER_CONFIRM_GOODS' | 'TRADE_FINISHED'
  | 'TRADE_CLOSED' | 'TRADE_CLOSED_BY_TAOBAO';

export interface ShopOrder {
  orderId: string;
  customer: ShopCustomer;
  createdAt: number;
  tradeStatus: ShopTradeStatus;
  lines: ShopOrderLine[];
  postFeeFen: number;
  /** What the buyer paid, fen (items + post, less a shop discount). */
  paidFen: number;
}

export interface Shop {
  customers: ShopCustomer[];
  /** Newest first, as the console lists them. */
  orders: ShopOrder[];
  items: ShopItem[];
  end: number;
}

export interface ShopOptions {
  seed?: number;
  customers?: number;
  orders?: number;
  months?: number;
  /** The moment "now" in the shop: the newest order is shortly before it. */
  end?: number;
  /**
   * Buyers who come back at their own rate and may stop for good after any purchase, as the BG/NBD
   * model has it (parameters in days); `orders` is then what comes of it, not a target. Without this,
   * repeat purchases are spread evenly up to the end and nobody ever stops buying.
   */
  lifetimes?: { r: number; alpha: number; a: number; b: number };
}


const PROVINCES: [string, string[], number][] = [
  ['广东省', ['广州市', '深圳市', '东莞市', '佛山市'], 14], ['浙江省', ['杭州市', '宁波市', '温州市'], 11],
  ['江苏省', ['南京市', '苏州市', '无锡市'], 10], ['上海', ['上海市'], 7], ['北京', ['北京市'], 6],
  ['山东省', ['济南市', '青岛市'], 7], ['四川省', ['成都市', '绵阳市'], 6], ['河南省', ['郑州市', '洛阳市'], 5],
  ['湖北省', ['武汉市', '宜昌市'], 5], ['福建省', ['福州市', '厦门市'], 5], ['湖南省', ['长沙市'], 4],
  ['安徽省', ['合肥市'], 3], ['河北省', ['石家庄市'], 3], ['陕西省', ['西安市'], 3], ['辽宁省', ['沈阳市', '大连市'], 3],
  ['重庆', ['重庆市'], 3], ['云南省', ['昆明市'], 2], ['新疆维吾尔自治区', ['乌鲁木齐市'], 1],
];

const CATALOGUE: [string, string, string[], number][] = [
  ['云南古树普洱茶饼 357g 2019年春茶', '规格', ['单饼', '两饼装'], 16800],
  ['福建白茶 白牡丹 散茶罐装 100g', '规格', ['100g', '200g'], 8900],
  ['西湖龙井 明前特级 礼盒 250g', '规格', ['礼盒装'], 39800],
  ['安溪铁观音 浓香型 小袋装 500g', '规格', ['500g'], 12800],
  ['桂花乌龙 冷泡茶 三角包 20包', '口味', ['桂花乌龙', '白桃乌龙', '蜜桃乌龙'], 3990],
  ['手工粗陶茶杯 复古 主人杯', '颜色分类', ['米白', '深褐', '青灰'], 4500],
  ['玻璃公道杯 加厚耐热 分茶器', '容量', ['250ml', '400ml'], 2900],
  ['竹制茶盘 家用 排水式', '尺寸', ['小号', '中号', '大号'], 15800],
  ['红茶 正山小种 罐装 150g', '规格', ['150g'], 6800],
  ['茉莉花茶 飘雪 特级 袋装 250g', '规格', ['250g', '500g'], 5600],
  ['陈皮 新会 十年 100g', '年份', ['五年', '十年'], 9900],
  ['菊花茶 胎菊 独立包装 30包', '规格', ['30包'], 2590],
  ['茶叶收纳罐 锡罐 密封', '颜色分类', ['金', '银'], 6900],
  ['便携旅行茶具 一壶三杯', '颜色分类', ['白瓷', '汝窑'], 12900],
  ['大红袍 武夷岩茶 礼盒 2罐', '规格', ['礼盒装'], 25800],
  ['绿茶 碧螺春 新茶 罐装 125g', '规格', ['125g'], 7800],
];

const DISTRICTS: Record<string, string[]> = {
  广州市: ['天河区', '越秀区', '海珠区', '白云区'], 深圳市: ['南山区', '福田区', '宝安区', '龙岗区'], 东莞市: ['南城街道', '东城街道'],
  佛山市: ['禅城区', '南海区', '顺德区'], 杭州市: ['西湖区', '拱墅区', '滨江区', '余杭区'], 宁波市: ['鄞州区', '海曙区'],
  温州市: ['鹿城区', '瓯海区'], 南京市: ['鼓楼区', '玄武区', '江宁区'], 苏州市: ['姑苏区', '工业园区', '吴中区'], 无锡市: ['梁溪区', '滨湖区'],
  上海市: ['浦东新区', '徐汇区', '闵行区', '静安区'], 北京市: ['朝阳区', '海淀区', '丰台区', '东城区'], 济南市: ['历下区', '市中区'],
  青岛市: ['市南区', '崂山区'], 成都市: ['武侯区', '锦江区', '高新区'], 绵阳市: ['涪城区'], 郑州市: ['金水区', '二七区'], 洛阳市: ['洛龙区'],
  武汉市: ['洪山区', '江汉区', '武昌区'], 宜昌市: ['西陵区'], 福州市: ['鼓楼区', '仓山区'], 厦门市: ['思明区', '湖里区'], 长沙市: ['岳麓区', '雨花区'],
  合肥市: ['蜀山区', '包河区'], 石家庄市: ['长安区', '裕华区'], 西安市: ['雁塔区', '碑林区'], 沈阳市: ['和平区', '浑南区'], 大连市: ['中山区', '甘井子区'],
  重庆市: ['渝北区', '江北区', '沙坪坝区'], 昆明市: ['五华区', '盘龙区'], 乌鲁木齐市: ['天山区'],
};
const SURNAMES: [string, number][] = [['王', 10], ['李', 10], ['张', 9], ['刘', 7], ['陈', 7], ['杨', 4], ['黄', 3], ['赵', 3], ['吴', 3], ['周', 3], ['徐', 2], ['孙', 2], ['马', 2], ['朱', 2], ['胡', 2], ['郭', 2], ['何', 1], ['林', 2], ['罗', 1], ['高', 1]];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华红建玲'];

const NICK_HEADS = ['小', '阿', '大', '老', '喵', '萌', '甜', 'tb', 'jia', 'lucky', 'sun', 'happy', '茶', '云', '小小', '木'];
const NICK_TAILS = ['鱼', '猫', '米', '豆', '茶客', 'cc', 'yy', '果子', '星', '007', 'baby', '同学', '不吃香菜', '爱喝茶', '宝', 'lin'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function weighted<T>(r: () => number, list: readonly [T, number][]): T {
  const total = list.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of list) if ((x -= w) < 0) return v;
  return list[list.length - 1]![0];
}

// When people buy: a morning peak, an afternoon plateau and the evening peak after work.
const HOUR_WEIGHTS: [number, number][] = [
  [0, 3], [1, 2], [2, 1], [3, 0.5], [4, 0.3], [5, 0.3], [6, 0.8], [7, 2], [8, 3], [9, 5], [10, 7], [11, 6],
  [12, 5], [13, 5], [14, 6], [15, 6], [16, 5], [17, 4], [18, 4], [19, 6], [20, 9], [21, 10], [22, 9], [23, 6],
];

export function maskNick(nick: string): string {
  const chars = [...nick];
  return chars.length <= 1 ? `${nick}**` : `${chars[0]}**${chars[chars.length - 1]}`;
}

function digits(r: () => number, n: number): string {
  let s = String(1 + Math.floor(r() * 9));
  while (s.length < n) s += String(Math.floor(r() * 10));
  return s;
}

const DAY = 86_400_000;
// Shanghai midnight of a UTC instant, in ms.
const shanghaiMidnight = (ms: number) => Math.floor((ms + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000;

export function generateShop(options: ShopOptions = {}): Shop {
  const { seed = 20261122, customers: nCustomers = 2000, orders: nOrders = 6000, months = 18 } = options;
  const end = options.end ?? Date.UTC(2026, 10, 22, 4, 0, 0);
  const start = end - Math.round(months * 30.4 * DAY);
  const r = rng(seed);
  const rPlace = rng(seed ^ 0x5eed);

  const items: ShopItem[] = CATALOGUE.map(([title, skuName, skuValues, priceFen], i) => ({
    itemId: String(680000000000 + i * 7919), title, skuName, skuValues, priceFen, code: `LK-${String(i + 1).padStart(3, '0')}`,
  }));

  const usedNicks = new Set<string>();
  const customers: ShopCustomer[] = [];
  for (let i = 0; i < nCustomers; i++) {
    let nick = '';
    do nick = `${pick(r, NICK_HEADS)}${pick(r, NICK_TAILS)}${r() < 0.6 ? Math.floor(r() * 9999) : ''}`;
    while (usedNicks.has(nick));
    usedNicks.add(nick);
    const [province, cities] = weighted(r, PROVINCES.map(([p, c, w]) => [[p, c] as const, w]));
    const kind = r();
    const masked = kind < 0.12; // the page was asked with isHideNick, or the buyer is protected
    const city = pick(r, cities);
    // Drawn from a stream of their own, so adding them left every other draw as it was.
    const district = pick(rPlace, DISTRICTS[city] ?? ['市辖区']);
    const receiverName = `${weighted(rPlace, SURNAMES)}${pick(rPlace, GIVEN)}${rPlace() < 0.6 ? pick(rPlace, GIVEN) : ''}`;
    const c: ShopCustomer = { index: i, nick, masked, province, city, district, receiverName };
    if (!masked && kind < 0.8) c.buyerId = `AAF${Array.from({ length: 21 }, () => pick(r, [...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'])).join('')}`;
    customers.push(c);
  }

  // Purchases per customer: about half buy once; the rest come back, a few very often.
  const counts = customers.map(() => (r() < 0.5 ? 1 : 2 + Math.floor(-Math.log(1 - r()) * 2.6)));
  let total = counts.reduce((a, b) => a + b, 0);
  while (total < nOrders) { counts[Math.floor(r() * nCustomers)]!++; total++; }
  while (total > nOrders) {
    const i = Math.floor(r() * nCustomers);
    if (counts[i]! > 1) { counts[i]!--; total--; }
  }

  const orders: ShopOrder[] = [];
  let serial = 0;
  const life = options.lifetimes;
  const rLife = rng(seed ^ 0x11fe);
  const gamma = gammaSampler(rLife);
  for (const c of customers) {
    const n = counts[c.index]!;
    let times: number[];
    if (life) {
      const first = start + rLife() * (end - start);
      const lambda = gamma(life.r, life.alpha) / DAY;
      const g = gamma(life.a, 1);
      const p = g / (g + gamma(life.b, 1));
      times = [first];
      for (let t = first; ;) {
        t += -Math.log(1 - rLife()) / lambda;
        if (t >= end) break;
        times.push(t);
        if (rLife() < p) break;
      }
    } else {
      const first = start + r() * (end - start) * (n > 1 ? 0.7 : 1);
      times = [first, ...Array.from({ length: n - 1 }, () => first + r() * (end - first))].sort((a, b) => a - b);
    }
    for (const t of times) {
      const day = shanghaiMidnight(t);
      const hour = weighted(r, HOUR_WEIGHTS);
      let createdAt = day + hour * 3600_000 + Math.floor(r() * 3600) * 1000;
      // Today's orders can only have come in before "now".
      if (createdAt >= end) createdAt = end - Math.floor(r() * (end - day) / 1000) * 1000 - 1000;
      const nLines = r() < 0.22 ? 2 + Math.floor(r() * 2) : 1; // 多件客户: several items in one order
      const lines: ShopOrderLine[] = [];
      const chosen = new Set<number>();
      for (let k = 0; k < nLines; k++) {
        let i = Math.floor(r() * items.length);
        while (chosen.has(i)) i = (i + 1) % items.length;
        chosen.add(i);
        const item = items[i]!;
        const quantity = r() < 0.8 ? 1 : 2 + Math.floor(r() * 3);
        const unitFen = r() < 0.3 ? Math.round(item.priceFen * 0.9) : item.priceFen;
        lines.push({ item, sku: pick(r, item.skuValues), quantity, unitFen, refunded: false, subOrderId: '' });
      }
      const age = end - createdAt;
      const roll = r();
      let tradeStatus: ShopTradeStatus;
      if (roll < 0.035) tradeStatus = 'TRADE_CLOSED_BY_TAOBAO'; // never paid, timed out
      else if (roll < 0.065) {
        tradeStatus = 'TRADE_CLOSED'; // paid, then every item refunded
        for (const l of lines) l.refunded = true;
      } else if (age < 12 * 3600_000 && roll < 0.2) tradeStatus = 'WAIT_BUYER_PAY';
      else if (age < 2 * DAY) tradeStatus = 'WAIT_SELLER_SEND_GOODS';
      else if (age < 8 * DAY) tradeStatus = 'WAIT_BUYER_CONFIRM_GOODS';
      else tradeStatus = 'TRADE_FINISHED';
      if (tradeStatus === 'TRADE_FINISHED' && lines.length > 1 && r() < 0.15) lines[0]!.refunded = true;
      const goods = lines.reduce((s, l) => s + l.unitFen * l.quantity, 0);
      const postFeeFen = goods >= 9900 ? 0 : 800;
      const discount = r() < 0.2 ? Math.min(1000, Math.floor(goods * 0.05)) : 0;
      serial++;
      const orderId = `${digits(r, 6)}${String(serial).padStart(6, '0')}${digits(r, 7)}`.slice(0, 19);
      lines.forEach((l, k) => { l.subOrderId = `${orderId.slice(0, 15)}${String(k + 1).padStart(4, '0')}`; });
      orders.push({ orderId, customer: c, createdAt, tradeStatus, lines, postFeeFen, paidFen: goods + postFeeFen - discount });
    }
  }
  orders.sort((a, b) => b.createdAt - a.createdAt || a.orderId.localeCompare(b.orderId));
  return { customers, orders, items, end };
}

/** The truth the badges should show: a valid purchase is paid and not closed or fully refunded. */
export function isValidShopOrder(o: ShopOrder): boolean {
  return o.tradeStatus !== 'WAIT_BUYER_PAY' && o.tradeStatus !== 'TRADE_CLOSED' && o.tradeStatus !== 'TRADE_CLOSED_BY_TAOBAO';
}

/**
 * Valid purchases Laoke can prove for the buyer of each order, having seen exactly `seen`:
 * strong buyers are counted across what was seen; a masked buyer counts only the order itself.
 */
export function expectedBadgeCounts(seen: ShopOrder[]): Map<string, number> {
  const perCustomer = new Map<number, number>();
  for (const o of seen) if (isValidShopOrder(o)) perCustomer.set(o.customer.index, (perCustomer.get(o.customer.index) ?? 0) + 1);
  return new Map(seen.map((o) => [
    o.orderId,
    o.customer.masked ? (isValidShopOrder(o) ? 1 : 0) : (perCustomer.get(o.customer.index) ?? 0),
  ]));
}
