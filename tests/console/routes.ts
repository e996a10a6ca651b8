// Serves the demo console at its real URLs by request routing; everything else is aborted and logged.
// Used by the demo, the e2e tests (Chromium through Playwright, Firefox through puppeteer: consoleRoutes)
// and the benchmark.

import { readFileSync } from 'node:fs';
import type { BrowserContext, Route } from 'playwright-core';
import type { Shop } from '../shop/generate';
import { soldPage } from '../shop/taobao';
import { pddOrders, recentOrderListPage } from '../shop/pdd';
import { encodeGbk } from '../shop/gbk';
import { mtopReviewPage, pddReviewPage, shopReviews, type ShopReview } from '../shop/reviews';
import { afterSaleListPage, commentListPage, searchlistPage } from '../shop/douyin';
import { queryOrderPage } from '../shop/jd';

const here = new URL('.', import.meta.url);
/** The 千牛 sold page's HTML, for a test that serves it with a script of the page's own added. */
export const PAGE_HTML = readFileSync(new URL('qianniu-sold.html', here), 'utf8');
const read = (name: string) => readFileSync(new URL(name, here), 'utf8');
/** The replays' files: markup a (tests/console/<page>.html/.js), markup b (<page>-b.html/.js, a redesign). */
const MARKUPS = {
  a: {
    soldHtml: PAGE_HTML, soldJs: read('qianniu-sold.js'), legacyHtml: read('legacy-sold.html'), legacyJs: read('legacy-sold.js'),
    reviewsHtml: read('qianniu-reviews.html'), reviewsJs: read('qianniu-reviews.js'),
    pddReviewsHtml: read('pdd-reviews.html'), pddReviewsJs: read('pdd-reviews.js'), pddHtml: read('pdd-orders.html'), pddJs: read('pdd-orders.js'),
    douyinHtml: read('douyin-orders.html'), douyinJs: read('douyin-orders.js'), douyinReviewsHtml: read('douyin-reviews.html'), douyinReviewsJs: read('douyin-reviews.js'),
    douyinAfterSaleHtml: read('douyin-aftersale.html'), douyinAfterSaleJs: read('douyin-aftersale.js'),
    jdHtml: read('jd-orders.html'), jdJs: read('jd-orders.js'),
  },
  b: {
    soldHtml: read('qianniu-sold-b.html'), soldJs: read('qianniu-sold-b.js'), legacyHtml: read('legacy-sold-b.html'), legacyJs: read('legacy-sold-b.js'),
    reviewsHtml: read('qianniu-reviews-b.html'), reviewsJs: read('qianniu-reviews-b.js'),
    pddReviewsHtml: read('pdd-reviews-b.html'), pddReviewsJs: read('pdd-reviews-b.js'), pddHtml: read('pdd-orders-b.html'), pddJs: read('pdd-orders-b.js'),
    douyinHtml: read('douyin-orders-b.html'), douyinJs: read('douyin-orders-b.js'), douyinReviewsHtml: read('douyin-reviews-b.html'), douyinReviewsJs: read('douyin-reviews-b.js'),
    douyinAfterSaleHtml: read('douyin-aftersale-b.html'), douyinAfterSaleJs: read('douyin-aftersale-b.js'),
    jdHtml: read('jd-orders-b.html'), jdJs: read('jd-orders-b.js'),
  },
} as const;
const HOME_HTML = read('qianniu-home.html');
const FRAME_HTML = read('qianniu-frame.html');

export const SOLD_URL = 'https://myseller.taobao.com/home.htm/trade-platform/tp/sold';
export const LEGACY_SOLD_URL = 'https://trade.taobao.com/trade/itemlist/list_sold_items.htm';
const LEGACY_SOLD_PAGE = /^https:\/\/trade\.taobao\.com\/trade\/itemlist\/list_sold_items\.htm/;
const LEGACY_JS_URL = 'https://g.alicdn.com/laoke-demo/legacy-sold.js';
/** The 千牛 workbench showing the legacy list in an iframe (isFrame=true). */
export const QN_FRAME_URL = 'https://qn.taobao.com/home.htm/app-frame/trade';

export const REVIEWS_URL = 'https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC';
const REVIEWS_PAGE = /^https:\/\/(myseller|qn)\.taobao\.com\/home\.htm\/comment-manage\/list\/rateWait4PC/;
const REVIEWS_JS_URL = 'https://g.alicdn.com/laoke-demo/qianniu-reviews.js';
const REVIEWS_API = /^https:\/\/h5api\.m\.taobao\.com\/h5\/mtop\.rm\.sellercenter\.list\.data\.pc\/1\.0\//;

export const PDD_REVIEWS_URL = 'https://mms.pinduoduo.com/goods/evaluation/index';
const PDD_REVIEWS_PAGE = /^https:\/\/mms\.pinduoduo\.com\/goods\/evaluation\/index/;
const PDD_REVIEWS_JS_URL = 'https://mms-static.pddpic.com/laoke-demo/pdd-reviews.js';
const PDD_REVIEWS_API = 'https://mms.pinduoduo.com/saturn/reviews/list';

export const PDD_ORDERS_URL = 'https://mms.pinduoduo.com/orders/list';
const PDD_ORDERS_PAGE = /^https:\/\/mms\.pinduoduo\.com\/orders\/list/;
const PDD_JS_URL = 'https://mms-static.pddpic.com/laoke-demo/pdd-orders.js';
const PDD_ORDER_LIST = 'https://mms.pinduoduo.com/mangkhut/mms/recentOrderList';

export const DOUYIN_ORDERS_URL = 'https://fxg.jinritemai.com/ffa/morder/order/list';
const DOUYIN_ORDERS_PAGE = /^https:\/\/fxg\.jinritemai\.com\/ffa\/morder\/order\/list/;
const DOUYIN_JS_URL = 'https://lf3-fxg.bytescm.com/laoke-demo/douyin-orders.js';
const DOUYIN_SEARCHLIST = /^https:\/\/fxg\.jinritemai\.com\/api\/order\/searchlist\?/;
export const DOUYIN_REVIEWS_URL = 'https://fxg.jinritemai.com/ffa/maftersale/comment';
const DOUYIN_REVIEWS_PAGE = /^https:\/\/fxg\.jinritemai\.com\/ffa\/maftersale\/comment/;
const DOUYIN_REVIEWS_JS_URL = 'https://lf3-fxg.bytescm.com/laoke-demo/douyin-reviews.js';
const DOUYIN_COMMENT_LIST = /^https:\/\/fxg\.jinritemai\.com\/product\/tcomment\/commentList\?/;
export const DOUYIN_AFTERSALE_URL = 'https://fxg.jinritemai.com/ffa/maftersale/aftersale/list';
const DOUYIN_AFTERSALE_PAGE = /^https:\/\/fxg\.jinritemai\.com\/ffa\/maftersale\/aftersale\/list/;
const DOUYIN_AFTERSALE_JS_URL = 'https://lf3-fxg.bytescm.com/laoke-demo/douyin-aftersale.js';
const DOUYIN_AFTERSALE_LIST = /^https:\/\/fxg\.jinritemai\.com\/after_sale\/pc\/list\?/;

export const JD_ORDERS_URL = 'https://shop.jd.com/jdm/trade/orders/order-list';
const JD_ORDERS_PAGE = /^https:\/\/shop\.jd\.com\/jdm\/trade\/orders\/order-list/;
const JD_JS_URL = 'https://storage.360buyimg.com/laoke-demo/jd-orders.js';
/** The gateway, by the call's api= name (the current one in markup a, the older one in markup b). */
const JD_QUERY_ORDER_PAGE = /^https:\/\/sff\.jd\.com\/api\?.*\bapi=dsm\.order\.(?:bff\.orderListBffService|manage\.orderlist)\.queryOrderPage(?:&|$)/;

/** The 千牛 workbench home, from which the seller navigates (pushState) to the sold list. */
export const HOME_URL = 'https://myseller.taobao.com/home.htm';
const SOLD_PAGE = /^https:\/\/(myseller|qn)\.taobao\.com\/home\.htm\/trade-platform\/tp\/sold/;
const SOLD_JS = 'https://g.alicdn.com/laoke-demo/qianniu-sold.js';
const ASYNC_SOLD = /^https:\/\/trade\.taobao\.com\/trade\/itemlist\/asyncSold\.htm/;

export interface Reply {
  status?: number;
  contentType?: string;
  body: string | Buffer;
}

export interface ConsoleOptions {
  shop: Shop;
  /** Replace the asyncSold answer (risk control, changed keys, HTML…); undefined keeps the shop's. */
  soldReply?: (pageNum: number, pageSize: number) => Reply | undefined;
  /** The legacy page's GBK answers name their charset (true, as they should) or not. */
  gbkCharsetNamed?: boolean;
  /** Replace the 千牛 reviews (mtop) answer; undefined keeps the shop's. */
  reviewsReply?: (current: number, pageSize: number) => Reply | undefined;
  /** Replace the Pinduoduo reviews answer; undefined keeps the shop's. */
  pddReviewsReply?: (pageNo: number, pageSize: number) => Reply | undefined;
  /** Replace the Pinduoduo recentOrderList answer; undefined keeps the shop's. */
  pddReply?: (pageNumber: number, pageSize: number) => Reply | undefined;
  /**
   * Which markup the console pages have (same URLs, same JSON requests, same text per row): 'a' (default)
   * is the one the adapters' selectors know; 'b' a redesign of every page (div blocks, hashed class names,
   * the order number in a span apart from its label; the 拼多多 orders and 千牛 reviews lists inside an open
   * shadow root) that none of those selectors matches, so that only the order number's text places badges.
   */
  markup?: 'a' | 'b';
  /** Replace the 抖店 searchlist answer (page 0-based); undefined keeps the shop's (markup b: the data.list version). */
  douyinReply?: (page: number, pageSize: number) => Reply | undefined;
  /** Replace the 抖店 commentList answer (page 0-based); undefined keeps the shop's. */
  douyinReviewsReply?: (page: number, pageSize: number) => Reply | undefined;
  /** Status texts of after-sales cases by order number, on top of the shop's refunds done (退款成功). */
  douyinAfterSales?: Map<string, string>;
  /** Replace the JD queryOrderPage answer; undefined keeps the shop's. */
  jdReply?: (page: number, pageSize: number) => Reply | undefined;
}

export interface ConsoleLog {
  /** Every request the browser made, in order. */
  requests: { method: string; url: string }[];
  /** Requests that left the console's own pages and were aborted. */
  aborted: string[];
  soldRequests: { pageNum: number; pageSize: number }[];
  pddRequests: { pageNumber: number; pageSize: number }[];
  reviewRequests: { current: number; pageSize: number }[];
  /** 抖店 searchlist requests (page 0-based, as the console counts). */
  douyinRequests: { page: number; pageSize: number }[];
  /** JD queryOrderPage requests, with the api name each used. */
  jdRequests: { page: number; pageSize: number; api: string }[];
  /** asyncSold.htm answers sent GBK-encoded (to the legacy page). */
  gbkAnswers: number;
}

/** A request as the browser made it, whichever tool intercepted it. */
export interface ConsoleRequest {
  method: string;
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  postData?: string;
}

/** What the replay does with a request: lets an extension page's own load through, answers it, or refuses it. */
export type ConsoleAnswer =
  | { action: 'continue' }
  | { action: 'abort' }
  | { action: 'fulfill'; status?: number; headers?: Record<string, string>; contentType?: string; body?: string | Buffer };

export interface ConsoleRoutes {
  log: ConsoleLog;
  answer(req: ConsoleRequest): ConsoleAnswer;
}

/**
 * The replays' answers, independent of the tool that intercepts requests (Playwright's context.route for
 * Chromium, puppeteer's request interception over WebDriver BiDi for Firefox): both serve the same bytes.
 */
export function consoleRoutes(options: ConsoleOptions): ConsoleRoutes {
  const m = MARKUPS[options.markup ?? 'a'];
  const log: ConsoleLog = { requests: [], aborted: [], soldRequests: [], pddRequests: [], reviewRequests: [], douyinRequests: [], jdRequests: [], gbkAnswers: 0 };
  let douyinReviewList: ShopReview[] | undefined;
  let reviews: ShopReview[] | undefined;
  let pddReviewList: ShopReview[] | undefined;
  const pddListed = (shop: Shop) => new Set(pddOrders(shop));
  const fulfill = (reply: Omit<Extract<ConsoleAnswer, { action: 'fulfill' }>, 'action'>): ConsoleAnswer => ({ action: 'fulfill', ...reply });
  const answer = (req: ConsoleRequest): ConsoleAnswer => {
    const url = req.url;
    // The extension's own pages (the panel frame, the popup): Chromium's and Firefox's schemes.
    if (url.startsWith('chrome-extension://') || url.startsWith('moz-extension://')) return { action: 'continue' };
    log.requests.push({ method: req.method, url });
    if (SOLD_PAGE.test(url)) {
      const query = new URL(url).searchParams;
      let html: string = m.soldHtml;
      if (query.get('ssr') === '1') {
        const data = soldPage(options.shop, Number(query.get('pageNum') ?? 1), Number(query.get('pageSize') ?? 20));
        const inline = JSON.stringify(data).replace(/</g, '\\u003c');
        html = html.replace('<script src=', `<script>window.__SSR__ = ${inline};</script>\n<script src=`);
      }
      return fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    }
    // The legacy page and its asyncSold.htm answers are GBK, as the real ones are.
    if (LEGACY_SOLD_PAGE.test(url)) return fulfill({ contentType: 'text/html; charset=GBK', body: encodeGbk(m.legacyHtml) });
    if (url === LEGACY_JS_URL) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.legacyJs });
    if (url === QN_FRAME_URL) return fulfill({ contentType: 'text/html; charset=utf-8', body: FRAME_HTML });
    if (REVIEWS_PAGE.test(url)) return fulfill({ contentType: 'text/html; charset=utf-8', body: m.reviewsHtml });
    if (url === REVIEWS_JS_URL) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.reviewsJs });
    if (REVIEWS_API.test(url)) {
      const cors = { 'access-control-allow-origin': req.headers['origin'] ?? 'https://myseller.taobao.com', 'access-control-allow-credentials': 'true' };
      if (req.method === 'OPTIONS') return fulfill({ status: 204, headers: { ...cors, 'access-control-allow-headers': 'content-type' } });
      const data = JSON.parse(new URLSearchParams(req.postData ?? '').get('data') ?? '{}') as { current?: number; pageSize?: number };
      const current = Math.max(1, Number(data.current ?? 1));
      const pageSize = Math.min(100, Math.max(1, Number(data.pageSize ?? 20)));
      log.reviewRequests.push({ current, pageSize });
      const custom = options.reviewsReply?.(current, pageSize);
      if (custom) return fulfill({ status: custom.status ?? 200, headers: cors, contentType: custom.contentType ?? 'application/json', body: custom.body });
      reviews ??= shopReviews(options.shop);
      return fulfill({ headers: cors, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(mtopReviewPage(reviews, current, pageSize)) });
    }
    if (PDD_REVIEWS_PAGE.test(url)) return fulfill({ contentType: 'text/html; charset=utf-8', body: m.pddReviewsHtml });
    if (url === PDD_REVIEWS_JS_URL) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.pddReviewsJs });
    if (url === PDD_REVIEWS_API && req.method === 'POST') {
      const body = JSON.parse(req.postData ?? '{}') as { pageNo?: number; pageSize?: number };
      const pageNo = Math.max(1, Number(body.pageNo ?? 1));
      const pageSize = Math.min(100, Math.max(1, Number(body.pageSize ?? 20)));
      const custom = options.pddReviewsReply?.(pageNo, pageSize);
      if (custom) return fulfill({ status: custom.status ?? 200, contentType: custom.contentType ?? 'application/json', body: custom.body });
      pddReviewList ??= shopReviews(options.shop).filter((rv) => pddListed(options.shop).has(rv.order));
      return fulfill({ contentType: 'application/json;charset=UTF-8', body: JSON.stringify(pddReviewPage(pddReviewList, pageNo, pageSize)) });
    }
    if (PDD_ORDERS_PAGE.test(url)) return fulfill({ contentType: 'text/html; charset=utf-8', body: m.pddHtml });
    if (url === PDD_JS_URL) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.pddJs });
    if (url === PDD_ORDER_LIST && req.method === 'POST') {
      const body = JSON.parse(req.postData ?? '{}') as { pageNumber?: number; pageSize?: number };
      const pageNumber = Math.max(1, Number(body.pageNumber ?? 1));
      const pageSize = Math.min(100, Math.max(1, Number(body.pageSize ?? 20)));
      log.pddRequests.push({ pageNumber, pageSize });
      const custom = options.pddReply?.(pageNumber, pageSize);
      if (custom) return fulfill({ status: custom.status ?? 200, contentType: custom.contentType ?? 'application/json', body: custom.body });
      return fulfill({ contentType: 'application/json;charset=UTF-8', body: JSON.stringify(recentOrderListPage(options.shop, pageNumber, pageSize)) });
    }
    if (DOUYIN_ORDERS_PAGE.test(url)) return fulfill({ contentType: 'text/html; charset=utf-8', body: m.douyinHtml });
    if (url === DOUYIN_JS_URL) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.douyinJs });
    if (DOUYIN_SEARCHLIST.test(url) && req.method === 'GET') {
      const query = new URL(url).searchParams;
      const page = Math.max(0, Number(query.get('page') ?? 0));
      const pageSize = Math.min(200, Math.max(1, Number(query.get('pageSize') ?? 20)));
      log.douyinRequests.push({ page, pageSize });
      const custom = options.douyinReply?.(page, pageSize);
      if (custom) return fulfill({ status: custom.status ?? 200, contentType: custom.contentType ?? 'application/json', body: custom.body });
      return fulfill({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(searchlistPage(options.shop, page, pageSize, options.markup === 'b' ? 'list' : 'array')) });
    }
    if (DOUYIN_REVIEWS_PAGE.test(url)) return fulfill({ contentType: 'text/html; charset=utf-8', body: m.douyinReviewsHtml });
    if (url === DOUYIN_REVIEWS_JS_URL) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.douyinReviewsJs });
    if (DOUYIN_COMMENT_LIST.test(url) && req.method === 'GET') {
      const query = new URL(url).searchParams;
      const page = Math.max(0, Number(query.get('page') ?? 0));
      const pageSize = Math.min(100, Math.max(1, Number(query.get('pageSize') ?? 20)));
      const custom = options.douyinReviewsReply?.(page, pageSize);
      if (custom) return fulfill({ status: custom.status ?? 200, contentType: custom.contentType ?? 'application/json', body: custom.body });
      douyinReviewList ??= shopReviews(options.shop);
      return fulfill({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(commentListPage(douyinReviewList, page, pageSize)) });
    }
    if (DOUYIN_AFTERSALE_PAGE.test(url)) return fulfill({ contentType: 'text/html; charset=utf-8', body: m.douyinAfterSaleHtml });
    if (url === DOUYIN_AFTERSALE_JS_URL) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.douyinAfterSaleJs });
    if (DOUYIN_AFTERSALE_LIST.test(url) && req.method === 'POST') {
      const body = JSON.parse(req.postData ?? '{}') as { page?: number; pageSize?: number };
      const page = Math.max(0, Number(body.page ?? 0));
      const pageSize = Math.min(100, Math.max(1, Number(body.pageSize ?? 20)));
      return fulfill({ contentType: 'application/json; charset=utf-8', body: JSON.stringify(afterSaleListPage(options.shop, page, pageSize, options.douyinAfterSales)) });
    }
    if (JD_ORDERS_PAGE.test(url)) return fulfill({ contentType: 'text/html; charset=utf-8', body: m.jdHtml });
    if (url === JD_JS_URL) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.jdJs });
    if (JD_QUERY_ORDER_PAGE.test(url)) {
      const cors = { 'access-control-allow-origin': req.headers['origin'] ?? 'https://shop.jd.com', 'access-control-allow-credentials': 'true' };
      if (req.method === 'OPTIONS') return fulfill({ status: 204, headers: { ...cors, 'access-control-allow-headers': 'content-type' } });
      const form = JSON.parse(new URLSearchParams(req.postData ?? '').get('body') ?? '{}') as { current?: number; pageSize?: number };
      const page = Math.max(1, Number(form.current ?? 1));
      const pageSize = Math.min(100, Math.max(1, Number(form.pageSize ?? 20)));
      log.jdRequests.push({ page, pageSize, api: new URL(url).searchParams.get('api') ?? '' });
      const custom = options.jdReply?.(page, pageSize);
      if (custom) return fulfill({ status: custom.status ?? 200, headers: cors, contentType: custom.contentType ?? 'application/json', body: custom.body });
      return fulfill({ headers: cors, contentType: 'application/json; charset=utf-8', body: JSON.stringify(queryOrderPage(options.shop, page, pageSize)) });
    }
    if (url === HOME_URL) return fulfill({ contentType: 'text/html; charset=utf-8', body: HOME_HTML });
    if (url === SOLD_JS) return fulfill({ contentType: 'application/javascript; charset=utf-8', body: m.soldJs });
    if (ASYNC_SOLD.test(url)) {
      const origin = req.headers['origin'] ?? 'https://myseller.taobao.com';
      const cors = { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
      if (req.method === 'OPTIONS') return fulfill({ status: 204, headers: { ...cors, 'access-control-allow-headers': 'content-type' } });
      const form = new URLSearchParams(req.postData ?? '');
      const pageNum = Math.max(1, Number(form.get('pageNum') ?? 1));
      const pageSize = Math.min(100, Math.max(1, Number(form.get('pageSize') ?? 20)));
      log.soldRequests.push({ pageNum, pageSize });
      const custom = options.soldReply?.(pageNum, pageSize);
      if (custom) {
        return fulfill({ status: custom.status ?? 200, headers: cors, contentType: custom.contentType ?? 'application/json', body: custom.body });
      }
      const json = JSON.stringify(soldPage(options.shop, pageNum, pageSize));
      const legacy = (req.headers['referer'] ?? '').startsWith('https://trade.taobao.com/');
      if (legacy) log.gbkAnswers++;
      return fulfill({
        headers: cors,
        contentType: legacy ? (options.gbkCharsetNamed === false ? 'application/json' : 'application/json;charset=GBK') : 'application/json;charset=UTF-8',
        body: legacy ? encodeGbk(json) : json,
      });
    }
    log.aborted.push(url);
    return { action: 'abort' };
  };
  return { log, answer };
}

/** Serves the console replays to a Playwright (Chromium) context; everything else is aborted. */
export async function installConsole(context: BrowserContext, options: ConsoleOptions): Promise<ConsoleLog> {
  const { log, answer } = consoleRoutes(options);
  await context.route('**/*', async (route: Route) => {
    const req = route.request();
    const a = answer({ method: req.method(), url: req.url(), headers: req.headers(), postData: req.postData() ?? undefined });
    if (a.action === 'continue') return route.continue();
    if (a.action === 'abort') return route.abort('internetdisconnected');
    return route.fulfill({ status: a.status, headers: a.headers, contentType: a.contentType, body: a.body });
  });
  return log;
}
