// The platform-neutral domain model (shared/DESIGN.md, "Domain model").
// Money is integer fen (分); time is epoch milliseconds.

/** Taobao/Tmall (千牛), Pinduoduo (mms), Douyin 抖店 (fxg), JD 京东商家后台 (shop.jd.com). */
export type Platform = 'taobao' | 'pdd' | 'douyin' | 'jd';

/** A small neutral status enum; every platform's statuses map onto it (utils/sites: taobao-status.ts, pdd-orders.ts). */
export type OrderStatus =
  | 'unpaid'
  | 'paid'
  | 'shipped'
  | 'completed'
  | 'closed'
  | 'refunded'
  | 'partially_refunded'
  /** A status the adapter has not met (a new text on the page): no purchase until a later reading knows it. */
  | 'unknown';

/**
 * How sure we are who the buyer is.
 * - strong: an opaque buyer id, or a nick shown in full;
 * - probable: masked, but the same masked nick, masked receiver and province/city/district within one
 *   shop (Pinduoduo lists show nothing more); merged for counting, always shown as 可能是回头客;
 *   Also 抖店's opaque user_id: sellers' tools count a buyer's orders by it, but its format and scope
 *   (per shop or platform-wide, stable or not) are not known from a live page; until they are, a
 *   repeat buyer by it is shown as probable too;
 * - weak: only a masked nick such as `t**1`. Weak buyers are never merged with anyone.
 */
export type IdentityStrength = 'strong' | 'probable' | 'weak';

export interface OrderItem {
  itemId: string;
  title: string;
  sku: string;
  quantity: number;
  /** Unit price as shown on the row, fen. */
  unitFen: number;
  /** The platform shows this item as refunded (退款成功). */
  refunded: boolean;
}

/** What one observation of an order on a page says, before it meets the database. */
export interface BuyerRef {
  /** Opaque platform buyer id, when the page has one. */
  id?: string;
  /** Nick exactly as shown, masked or not. */
  nick: string;
  /** Receiver name as shown (masked on every list page), when the page has one. */
  receiver?: string;
}

export interface ObservedOrder {
  platform: Platform;
  orderId: string;
  buyer: BuyerRef;
  createdAt: number;
  paidAt?: number;
  status: OrderStatus;
  /** What the buyer paid (实收款), fen. */
  amountFen: number;
  /** Part of amountFen refunded item by item, fen (never above amountFen). */
  refundFen: number;
  items: OrderItem[];
  /** Province, city and district as shown, separated by spaces: "广东省 深圳市 南山区". */
  region?: string;
  /** A refund or return is under way (退款中, 待退货, 请卖家处理): the buyer is not to be marketed to. */
  refundOpen?: boolean;
  /** Discounts on the order when the page gives them (Pinduoduo: the shop's coupon, the platform's), fen. */
  discount?: { shopFen: number; platformFen: number };
  /** When the order was shipped (发货), when the page gives it. */
  shippedAt?: number;
  /** When the buyer received it (签收/确认收货), when the page gives it. */
  receivedAt?: number;
  /** The buyer's note on the order (买家留言), as the page shows it: text, never markup. */
  buyerMemo?: string;
  /** The seller's own flag on the order (Taobao 旗帜): 1 red, 2 yellow, 3 green, 4 blue, 5 purple. */
  sellerFlag?: number;
  source: 'json' | 'dom';
}

export interface Order extends Omit<ObservedOrder, 'buyer'> {
  customerKey: string;
  identity: IdentityStrength;
  nick: string;
  buyerId?: string;
  firstSeenAt: number;
  lastSeenAt: number;
  /**
   * The first time Laoke read the order in each status. A status first read after another one was read
   * tells when the order changed (paid, shipped, received), give or take a reading: the order care
   * lists (utils/crm/order-care.ts) use it where the page gives no time (Taobao lists give none).
   */
  statusSeenAt?: Partial<Record<OrderStatus, number>>;
  /** For a status first read after a reading in another one: when that reading was (the change happened between the two). */
  statusPrevAt?: Partial<Record<OrderStatus, number>>;
}

/** One item in a buyer's valid purchases: its latest title, units bought, first and last purchase. */
export interface ItemBought {
  id: string;
  title: string;
  quantity: number;
  firstAt: number;
  lastAt: number;
}

export interface Customer {
  key: string;
  platform: Platform;
  nick: string;
  buyerId?: string;
  identity: IdentityStrength;
  /** Valid purchases: paid and not closed or fully refunded. */
  orderCount: number;
  /** Net spend over valid purchases (paid minus item refunds), fen. */
  totalFen: number;
  firstPurchaseAt?: number;
  lastPurchaseAt?: number;
  /** Order ids of the valid purchases, oldest first: order N here is the buyer's 第N次购买. */
  purchases: string[];
  /** Distinct item titles bought in valid purchases, most bought first (at most 10). */
  items: { title: string; quantity: number }[];
  /** Pieces bought over valid purchases (quantities of items not refunded). */
  pieces: number;
  /** Most pieces in one valid purchase: 2 or more makes a 多件客户 (multi-item buyer). */
  maxPieces: number;
  /** Distinct item ids bought in valid purchases. */
  itemIds: string[];
  /**
   * Every item of the valid purchases (refunded lines left out), first bought first: the cross-sell
   * conditions (bought X at least N days ago, a category from the title) and the shop's first→second
   * item paths read it. Absent on records written before schema v8 until recomputed.
   */
  itemsBought?: ItemBought[];
  /** Province, city and district of the latest order that showed them: "广东省 深圳市 南山区". */
  region?: string;
  /** Median days between consecutive valid purchases, when there are two or more. */
  usualGapDays?: number;
  /** One of the customer's orders has a refund or return under way. */
  refundOpen: boolean;
  /**
   * The refund record as risk evidence (utils/crm/customer-value.ts): over the orders read from the
   * page's JSON only (a row drawn on the page is no evidence), paid orders, refunded ones (whole or an
   * item), and whether one has a refund under way. Absent on records written before schema v8.
   */
  refunds?: { paid: number; refunded: number; open: boolean };
  /**
   * China days with a valid purchase: several orders on one day are one transaction, as the lifetime
   * models count them (utils/crm/clv.ts). Absent on records written before schema v5 until recomputed.
   */
  purchaseDays?: number;
  /** Net spend on the first of those days, fen: the models leave the first transaction out of spend. */
  firstDayFen?: number;
  /** What the seller wrote: tags, free notes, and a phone number they hold lawfully (never read from a page). */
  tags: string[];
  notes: string;
  phone?: string;
  /** When the seller last typed the phone number (set or changed): retention counts its age from here. */
  phoneSavedAt?: number;
  updatedAt: number;
}

/**
 * The fields of a customer that audiences read: the rules, suppression, the shop-wide basis (quintile
 * cuts, item catalog and paths) and the member preview. The customers digest (utils/db/digest.ts) keeps
 * exactly these, so the builder counts from it without loading every record.
 */
export type AudienceCustomer = Pick<Customer,
  'key' | 'platform' | 'nick' | 'identity' | 'orderCount' | 'totalFen' | 'firstPurchaseAt' | 'lastPurchaseAt' | 'items' | 'pieces'
  | 'maxPieces' | 'itemIds' | 'itemsBought' | 'region' | 'refundOpen' | 'tags'>;

/** Where an exported audience goes. */
export type Channel = 'sms' | 'orders' | 'buyers' | 'csv';

/**
 * An exported audience (营销活动), recorded so that later orders can be attributed to it.
 * Members were exported; the hold-out group (对照组) was left out at random, to measure the lift.
 */
export interface Campaign {
  id?: number;
  name: string;
  /** When the export happened; attribution counts orders created after it. */
  sentAt: number;
  /** The audience rule as built (JSON of utils/crm/audience.ts AudienceRule) and read back in words. */
  rule: unknown;
  ruleText: string;
  channel: Channel;
  /** The message text as composed (SMS), empty for other channels. */
  message: string;
  /** Billed messages per member (1 for a 70-character SMS). */
  parts: number;
  /** Price of one billed message in 厘 (0.001 yuan): ¥0.036 = 36. */
  priceLi: number;
  members: string[];
  holdout: string[];
}

/** Review sentiment as the badge contract names it (data-laoke-sentiment). */
export type Sentiment = 'pos' | 'neu' | 'neg';

/**
 * What a review talks about, in the terms a seller acts on (ASPECTS.md of the review evaluation data):
 * 物流, 破损/污染, 货不对板, 质量, 尺码, 口感/新鲜, 客服, 价格, 使用体验.
 */
export const ASPECT_IDS = ['logistics', 'damage', 'mismatch', 'quality', 'size', 'taste', 'service', 'price', 'usage'] as const;
export type AspectId = (typeof ASPECT_IDS)[number];

/** One aspect a review names: '-' where it complains about it, '+' where it praises it. */
export interface AspectMark {
  aspect: AspectId;
  polarity: '+' | '-';
}

/** What one review row on a console page says. */
export interface ObservedReview {
  platform: Platform;
  reviewId: string;
  /** The order the review belongs to (Taobao: the main order, as the sold list shows it). */
  orderId: string;
  itemId: string;
  itemTitle: string;
  /** The reviewer as shown (always masked on review lists). */
  nick: string;
  /** Stars when the platform has them (Pinduoduo); Taobao review lists show none. */
  rating: number | null;
  /** The buyer's own 物流 and 服务 scores (1–5, Pinduoduo), beside the goods' stars. */
  logisticsScore?: number;
  serviceScore?: number;
  /** The platform's own reading of the review, when it gives one. */
  platformSentiment?: Sentiment;
  /** The review text; empty for placeholders such as 系统默认好评. */
  text: string;
  /** The platform filled in 系统默认好评: the buyer did not rate, the platform counted it as good. */
  defaultPositive?: boolean;
  /** 追评: the follow-up review, written some days after receipt. */
  appendText?: string;
  appendDays?: number;
  mediaCount: number;
  createdAt: number;
  /** The shop's reply (评价回复) when the page shows it (Pinduoduo does; 千牛's list does not). */
  reply?: string;
  repliedAt?: number;
  /** The page says the review has been answered; undefined where the page does not say. */
  replied?: boolean;
}

/** Laoke's reading of a review (utils/crm/review-analysis.ts). */
export interface ReviewAnalysis {
  /**
   * The whole review. Stars the buyer gave (1–3: 差评/中评) stand; over 4–5 stars, the platform's
   * reading or no rating, the text (with its 追评) decides — a 5-star text that complains is 'neg'.
   */
  sentiment: Sentiment;
  /** The text alone; null when the buyer wrote nothing. */
  textSentiment: Sentiment | null;
  /** Probability that the text is praise, 0–1; null without text. */
  praise: number | null;
  aspects: AspectMark[];
  /** Aspects complained about, in ASPECT_IDS order (the badge's data-laoke-aspects). */
  complaints: AspectId[];
  /** 隐藏差评: a good rating (or 系统默认好评) over a text that complains. */
  hidden: boolean;
  /** The 追评 is worse than the first review. */
  appendWorse: boolean;
  /** What read the text: the hand-written lexicon, or the model learned from the shop's own reviews. */
  by: 'lexicon' | 'model';
  /** The complaints are the seller's own correction (Review.aspectCorrection), not Laoke's reading. */
  corrected?: boolean;
  /** The reader that read it (READER_VERSION); absent: before issue 19. */
  v?: number;
  /** A 中评 (3 stars) whose text praises and names no complaint: worth asking the buyer what was missing. */
  praisingMid?: boolean;
}

export interface Review extends ObservedReview {
  /** The buyer, when the review's order is in the database. */
  customerKey?: string;
  firstSeenAt: number;
  lastSeenAt: number;
  analysis?: ReviewAnalysis;
  /** When the seller copied a reply draft for it (Laoke never posts; the seller pastes it). */
  handledAt?: number;
  /**
   * The seller's own list of what the review complains about (one click in the review queue): it replaces
   * Laoke's reading of the complaints and teaches the shop's aspect model. Kept while the text is the one
   * corrected.
   */
  aspectCorrection?: { complaints: AspectId[]; at: number };
}
