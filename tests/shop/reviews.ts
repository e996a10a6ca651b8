// Reviews for the generated shop, as 千牛 评价管理's mtop answer carries them (shared/CONSOLES.md).
// Texts are written here for the replay; nothing comes from the evaluation corpus.
import { rng, type Shop, type ShopOrder } from './generate';
import { pddOrderSn } from './pdd';

const TEXTS = {
  pos: ['茶很香，回购第三次了', '包装很用心，送人很有面子', '物流快，味道和店里说的一样', '性价比高，家里人都喜欢', '冲泡几次都不淡，好茶'],
  neu: ['还行吧，一般般', '味道可以，就是包装有点简陋', '和图片差不多，没有惊喜'],
  neg: ['快递太慢了，等了一个星期', '收到时盒子压坏了', '味道和描述不一样，有点失望', '杯子有裂痕，联系客服没人回'],
} as const;
const STATUS = { pos: 11, neu: 12, neg: 13 } as const;

export interface ShopReview {
  feedId: string;
  order: ShopOrder;
  line: number;
  sentiment: keyof typeof TEXTS;
  text: string;
  date: number;
  append?: { text: string; days: number };
}

/** About 45% of finished orders get a review of their first item; a tenth of those a 追评. Newest first. */
export function shopReviews(shop: Shop, seed = 7): ShopReview[] {
  const r = rng(seed);
  const out: ShopReview[] = [];
  for (const order of shop.orders) {
    if (order.tradeStatus !== 'TRADE_FINISHED' || r() > 0.45) continue;
    const roll = r();
    const sentiment = roll < 0.75 ? 'pos' : roll < 0.87 ? 'neu' : 'neg';
    const texts = TEXTS[sentiment];
    const date = Math.min(shop.end - 60_000, order.createdAt + Math.floor((5 + r() * 5) * 86_400_000));
    const review: ShopReview = {
      feedId: String(1_200_000_000_000 + out.length * 7919 + Math.floor(r() * 7000)),
      order, line: 0, sentiment, text: r() < 0.08 ? '系统默认好评' : texts[Math.floor(r() * texts.length)]!, date,
    };
    if (r() < 0.1) review.append = { text: sentiment === 'neg' ? '后来客服处理了，态度还行' : '喝了一段时间，还是很好', days: 10 + Math.floor(r() * 30) };
    out.push(review);
  }
  return out.sort((a, b) => b.date - a.date || a.feedId.localeCompare(b.feedId));
}

const maskUser = (nick: string) => `${[...nick][0]}**`;

export function mtopReviewRow(rv: ShopReview): Record<string, unknown> {
  const line = rv.order.lines[rv.line]!;
  return {
    rateContent: {
      mainRate: { feedId: rv.feedId, content: rv.text, date: rv.date, mediaList: [], expression: [] },
      appendRate: rv.append ? { feedId: `${rv.feedId}1`, content: rv.append.text, days: rv.append.days, mediaList: [] } : null,
    },
    emotionType: { status: STATUS[rv.sentiment] },
    userInfo: { userName: maskUser(rv.order.customer.nick) },
    orderInfo: { orderId: line.subOrderId, mainOrderId: rv.order.orderId },
    itemInfo: { itemId: line.item.itemId, title: line.item.title, link: `//item.taobao.com/item.htm?id=${line.item.itemId}` },
  };
}

/** One page of mtop.rm.sellercenter.list.data.pc. */
export function mtopReviewPage(reviews: ShopReview[], current: number, pageSize: number): Record<string, unknown> {
  const rows = reviews.slice((current - 1) * pageSize, current * pageSize);
  return {
    api: 'mtop.rm.sellercenter.list.data.pc', v: '1.0', ret: ['SUCCESS::调用成功'],
    data: { data: { dataSource: rows.map(mtopReviewRow), total: reviews.length, current, pageSize } },
  };
}

const STARS = { pos: 5, neu: 3, neg: 1 } as const;

/** The same reviews as Pinduoduo's /saturn/reviews/list answers them (one goods per order). */
export function pddReviewRow(rv: ShopReview): Record<string, unknown> {
  const line = rv.order.lines[0]!;
  const created = Math.floor(rv.date / 1000);
  return {
    reviewId: rv.feedId, userId: null, userName: `${[...rv.order.customer.nick][0]}***`, anonymous: 0,
    orderSn: pddOrderSn(rv.order), goodsId: Number(line.item.itemId), goodsName: line.item.title,
    specs: JSON.stringify([{ spec_key: line.item.skuName, spec_value: line.sku }]),
    descScore: STARS[rv.sentiment], logisticsScore: 5, serviceScore: 5,
    comment: rv.text === '系统默认好评' ? '' : rv.text, createTime: created, pictureUrls: [],
    append: rv.append ? 1 : 0, appendComment: rv.append?.text ?? '', appendCreateTime: rv.append ? created + rv.append.days * 86_400 : 0,
    reply: '', replyTime: 0, replyStatus: 0,
  };
}

export function pddReviewPage(reviews: ShopReview[], pageNo: number, pageSize: number): Record<string, unknown> {
  const rows = reviews.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  return { success: true, errorCode: 1000000, result: { totalRows: reviews.length, data: rows.map(pddReviewRow) } };
}
