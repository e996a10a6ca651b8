// The console hosts Laoke reads: the one list. Each page kind names its hosts from here; both content
// scripts' `matches` and the side panel's web_accessible_resources (wxt.config.ts) are derived from it.
// No imports: Node evaluates this module when it loads wxt.config.ts, and the MAIN-world tap bundles it.

/** The 千牛 workbench (the new sold list and the review list, one single-page app on either host). */
export const QIANNIU_HOSTS: readonly string[] = ['myseller.taobao.com', 'qn.taobao.com'];

/** The legacy Taobao sold list, also framed inside the 千牛 workbench. */
export const TAOBAO_TRADE_HOSTS: readonly string[] = ['trade.taobao.com'];

/** The Pinduoduo merchant console (拼多多商家后台). */
export const PDD_MMS_HOSTS: readonly string[] = ['mms.pinduoduo.com'];

/** 抖店 (Douyin's seller console): orders, after-sales and reviews on one host. */
export const DOUYIN_HOSTS: readonly string[] = ['fxg.jinritemai.com'];

/**
 * JD's seller console (京东商家后台). Its list calls go to sff.jd.com, read from the page's own responses
 * by the tap on shop.jd.com: no script needs to run on sff.jd.com, so it is not listed.
 */
export const JD_SHOP_HOSTS: readonly string[] = ['shop.jd.com'];

export const CONSOLE_HOSTS: readonly string[] = [...QIANNIU_HOSTS, ...TAOBAO_TRADE_HOSTS, ...PDD_MMS_HOSTS, ...DOUYIN_HOSTS, ...JD_SHOP_HOSTS];

/** Match patterns for every page of the console hosts (content scripts, web_accessible_resources). */
export const CONSOLE_MATCHES: string[] = CONSOLE_HOSTS.map((host) => `https://${host}/*`);
