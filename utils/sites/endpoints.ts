// JSON endpoints whose responses the MAIN-world network tap clones. Kept apart from the parsers so the
// tap, which runs at document_start in every console page, stays a few kilobytes.
export const TAOBAO_SOLD_ENDPOINT = /^https:\/\/trade\.taobao\.com\/trade\/itemlist\/asyncSold\.htm/;

export const PDD_ORDERS_ENDPOINT = /^https:\/\/mms\.pinduoduo\.com\/mangkhut\/mms\/recentOrderList/;

export const QIANNIU_REVIEWS_ENDPOINT = /^https:\/\/h5api\.m\.taobao\.com\/h5\/mtop\.rm\.sellercenter\.list\.data\.pc\/1\.0\//;

export const PDD_REVIEWS_ENDPOINT = /^https:\/\/mms\.pinduoduo\.com\/saturn\/reviews\/list/;

/** 抖店 订单管理: GET /api/order/searchlist. */
export const DOUYIN_ORDERS_ENDPOINT = /^https:\/\/fxg\.jinritemai\.com\/api\/order\/searchlist(?:[?#]|$)/;

/** 抖店 售后工作台: POST /after_sale/pc/list. */
export const DOUYIN_AFTERSALE_ENDPOINT = /^https:\/\/fxg\.jinritemai\.com\/after_sale\/pc\/list(?:[?#]|$)/;

/** 抖店 评价管理: GET /product/tcomment/commentList. */
export const DOUYIN_REVIEWS_ENDPOINT = /^https:\/\/fxg\.jinritemai\.com\/product\/tcomment\/commentList(?:[?#]|$)/;

/**
 * JD 订单管理: one gateway (sff.jd.com/api) for every call, the call named by its api= parameter: the
 * current dsm.order.bff.orderListBffService.queryOrderPage and the older dsm.order.manage.orderlist.queryOrderPage.
 */
export const JD_ORDERS_ENDPOINT = /^https:\/\/sff\.jd\.com\/api\?(?:[^#]*&)?api=dsm\.order\.(?:bff\.orderListBffService|manage\.orderlist)\.queryOrderPage(?:[&#]|$)/;

export const TAPPED_ENDPOINTS: readonly RegExp[] = [
  TAOBAO_SOLD_ENDPOINT, PDD_ORDERS_ENDPOINT, QIANNIU_REVIEWS_ENDPOINT, PDD_REVIEWS_ENDPOINT,
  DOUYIN_ORDERS_ENDPOINT, DOUYIN_AFTERSALE_ENDPOINT, DOUYIN_REVIEWS_ENDPOINT, JD_ORDERS_ENDPOINT,
];

/** Responses bigger than this are not handed over (a sold page of 100 orders is ~300 KB). */
export const MAX_TAPPED_BODY_CHARS = 8 * 1024 * 1024;
