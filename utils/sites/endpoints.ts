// JSON endpoints whose responses the MAIN-world network tap clones. Kept apart from the parsers so the
// tap, which runs at document_start in every console page, stays a few kilobytes.
export const TAOBAO_SOLD_ENDPOINT = /^https:\/\/trade\.taobao\.com\/trade\/itemlist\/asyncSold\.htm/;

export const PDD_ORDERS_ENDPOINT = /^https:\/\/mms\.pinduoduo\.com\/mangkhut\/mms\/recentOrderList/;

export const QIANNIU_REVIEWS_ENDPOINT = /^https:\/\/h5api\.m\.taobao\.com\/h5\/mtop\.rm\.sellercenter\.list\.data\.pc\/1\.0\//;

export const PDD_REVIEWS_ENDPOINT = /^https:\/\/mms\.pinduoduo\.com\/saturn\/reviews\/list/;

export const TAPPED_ENDPOINTS: readonly RegExp[] = [TAOBAO_SOLD_ENDPOINT, PDD_ORDERS_ENDPOINT, QIANNIU_REVIEWS_ENDPOINT, PDD_REVIEWS_ENDPOINT];

/** Responses bigger than this are not handed over (a sold page of 100 orders is ~300 KB). */
export const MAX_TAPPED_BODY_CHARS = 8 * 1024 * 1024;
