// Reviews for the generated shop, as 千牛 评价管理's mtop answer carries them (shared/CONSOLES.md).
// Texts are written here for the replay; nothing comes from the evaluation corpus.
import { ASPECT_IDS, type AspectId } from '../../utils/crm/types';
import { rng, type Shop, type ShopOrder } from './generate';
import { pddOrderSn } from './pdd';

// Each text with what a seller reading it sees: the aspects it complains about. The kinds: 好评 (5 stars,
// 千牛's reading 正面), 中评 (3, 中性), 差评 (1, 负面) and the hidden complaint (隐藏差评: 5 stars, 正面, over
// a text that complains).
type Kind = 'pos' | 'neu' | 'neg' | 'hidden';
interface Text {
  text: string;
  complaints: AspectId[];
}
const TEXTS: Record<Kind, Text[]> = {
  pos: [
    { text: '茶很香，回购第三次了', complaints: [] },
    { text: '包装很用心，送人很有面子', complaints: [] },
    { text: '物流快，味道和店里说的一样', complaints: [] },
    { text: '性价比高，家里人都喜欢', complaints: [] },
    { text: '冲泡几次都不淡，好茶', complaints: [] },
  ],
  neu: [
    { text: '收到了，还没喝', complaints: [] },
    { text: '帮家里人买的，还没开封', complaints: [] },
  ],
  neg: [
    { text: '快递太慢了，等了一个星期', complaints: ['logistics'] },
    { text: '收到时盒子压坏了', complaints: ['damage'] },
    { text: '杯子有裂痕，联系客服没人回', complaints: ['damage', 'service'] },
  ],
  hidden: [
    { text: '东西还行，就是快递太慢了，等了五天', complaints: ['logistics'] },
    { text: '茶不错，可惜罐子有点瘪了', complaints: ['damage'] },
  ],
};
/** 追评: after a complaint the shop made it right; after praise, still good — or not (追评变差). */
const APPENDS = {
  better: { text: '后来客服处理了，态度还行', complaints: [] },
  same: { text: '喝了一段时间，还是很好', complaints: [] },
  worse: { text: '喝了几天发现有股霉味，不敢再喝了', complaints: ['taste'] },
} as const satisfies Record<string, Text>;
const STATUS = { pos: 11, neu: 12, neg: 13, hidden: 11 } as const;
const STARS = { pos: 5, neu: 3, neg: 1, hidden: 5 } as const;
const PLACEHOLDER = '系统默认好评';
/** Replies the shop wrote itself (Pinduoduo shows them): its own wording, 宝宝 and 小店. */
const SHOP_REPLIES = ['谢谢宝宝的支持，小店会继续努力的～', '宝宝喜欢就好，小店随时欢迎您再来～', '感谢宝宝的认可，祝您生活愉快！'];

export interface ShopReview {
  feedId: string;
  order: ShopOrder;
  line: number;
  kind: Kind;
  text: string;
  complaints: AspectId[];
  date: number;
  append?: { text: string; days: number; complaints: readonly AspectId[] };
  /** The shop's reply, shown on Pinduoduo's list (older good reviews only). */
  reply?: string;
}

/** About 45% of finished orders get a review of their first item; a tenth of those a 追评. Newest first. */
export function shopReviews(shop: Shop, seed = 7): ShopReview[] {
  const r = rng(seed);
  const out: ShopReview[] = [];
  for (const order of shop.orders) {
    if (order.tradeStatus !== 'TRADE_FINISHED' || r() > 0.45) continue;
    const roll = r();
    const kind: Kind = roll < 0.7 ? 'pos' : roll < 0.8 ? 'neu' : roll < 0.92 ? 'neg' : 'hidden';
    const texts = TEXTS[kind];
    const date = Math.min(shop.end - 60_000, order.createdAt + Math.floor((5 + r() * 5) * 86_400_000));
    const picked = texts[Math.floor(r() * texts.length)]!;
    const placeholder = kind === 'pos' && r() < 0.1;
    const review: ShopReview = {
      feedId: String(1_200_000_000_000 + out.length * 7919 + Math.floor(r() * 7000)),
      order, line: 0, kind, text: placeholder ? PLACEHOLDER : picked.text, complaints: placeholder ? [] : picked.complaints, date,
    };
    if (r() < 0.15) {
      const a = kind === 'neg' ? APPENDS.better : kind === 'pos' ? (r() < 0.5 ? APPENDS.worse : APPENDS.same) : null;
      if (a) review.append = { ...a, days: 10 + Math.floor(r() * 30) };
    }
    if (kind === 'pos' && !review.append && r() < 0.4) review.reply = SHOP_REPLIES[Math.floor(r() * SHOP_REPLIES.length)]!;
    out.push(review);
  }
  return out.sort((a, b) => b.date - a.date || a.feedId.localeCompare(b.feedId));
}

/**
 * What Laoke should show for a review, worked out by hand from the rules (not by calling the analyser):
 * the buyer's own 1–3 stars stand; otherwise a text that says something decides, a complaining 追评
 * last; no text, or a text that says nothing either way, falls back to the stars or 千牛's reading.
 */
export function expectedReading(rv: ShopReview, platform: 'taobao' | 'pdd'): { sentiment: 'pos' | 'neu' | 'neg'; complaints: AspectId[]; hidden: boolean } {
  const complaints = ASPECT_IDS.filter((a) => rv.complaints.includes(a) || rv.append?.complaints.includes(a));
  const appendBad = rv.append === undefined ? false : rv.append.complaints.length > 0;
  const ofKind = { pos: 'pos', neu: 'neu', neg: 'neg', hidden: 'neg' } as const;
  const stars = platform === 'pdd' ? STARS[rv.kind] : null;
  const placeholder = rv.text === PLACEHOLDER;
  let sentiment: 'pos' | 'neu' | 'neg';
  if (stars !== null && stars <= 3) sentiment = ofKind[rv.kind];
  else if (appendBad) sentiment = 'neg';
  else if (placeholder) sentiment = 'pos';
  else sentiment = ofKind[rv.kind];
  // A good rating is the buyer's 4–5 stars, or 系统默认好评; 千牛's 正面 is the platform's guess, not a rating.
  const goodRating = platform === 'pdd' ? rv.kind === 'pos' || rv.kind === 'hidden' : placeholder;
  return { sentiment, complaints, hidden: goodRating && (sentiment === 'neg' || complaints.length > 0) };
}

const maskUser = (nick: string) => `${[...nick][0]}**`;

export function mtopReviewRow(rv: ShopReview): Record<string, unknown> {
  const line = rv.order.lines[rv.line]!;
  return {
    rateContent: {
      mainRate: { feedId: rv.feedId, content: rv.text, date: rv.date, mediaList: [], expression: [] },
      appendRate: rv.append ? { feedId: `${rv.feedId}1`, content: rv.append.text, days: rv.append.days, mediaList: [] } : null,
    },
    emotionType: { status: STATUS[rv.kind] },
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

/** The same reviews as Pinduoduo's /saturn/reviews/list answers them (one goods per order). */
export function pddReviewRow(rv: ShopReview): Record<string, unknown> {
  const line = rv.order.lines[0]!;
  const created = Math.floor(rv.date / 1000);
  return {
    reviewId: rv.feedId, userId: null, userName: `${[...rv.order.customer.nick][0]}***`, anonymous: 0,
    orderSn: pddOrderSn(rv.order), goodsId: Number(line.item.itemId), goodsName: line.item.title,
    specs: JSON.stringify([{ spec_key: line.item.skuName, spec_value: line.sku }]),
    descScore: STARS[rv.kind], logisticsScore: 5, serviceScore: 5,
    comment: rv.text === PLACEHOLDER ? '' : rv.text, createTime: created, pictureUrls: [],
    append: rv.append ? 1 : 0, appendComment: rv.append?.text ?? '', appendCreateTime: rv.append ? created + rv.append.days * 86_400 : 0,
    reply: rv.reply ?? '', replyTime: rv.reply ? created + 86_400 : 0, replyStatus: rv.reply ? 1 : 0,
  };
}

export function pddReviewPage(reviews: ShopReview[], pageNo: number, pageSize: number): Record<string, unknown> {
  const rows = reviews.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  return { success: true, errorCode: 1000000, result: { totalRows: reviews.length, data: rows.map(pddReviewRow) } };
}
