// The console hosts Laoke reads: the one list. Each page kind names its hosts from here; both content
// scripts' `matches` and the side panel's web_accessible_resources (wxt.config.ts) are derived from it.
// No imports: Node evaluates this module when it loads wxt.config.ts, and the MAIN-world tap bundles it.

/** The 千牛 workbench (the new sold list and the review list, one single-page app on either host). */
export const QIANNIU_HOSTS: readonly string[] = ['myseller.taobao.com', 'qn.taobao.com'];

/** The legacy Taobao sold list, also framed inside the 千牛 workbench. */
export const TAOBAO_TRADE_HOSTS: readonly string[] = ['trade.taobao.com'];

/** The Pinduoduo merchant console (拼多多商家后台). */
export const PDD_MMS_HOSTS: readonly string[] = ['mms.pinduoduo.com'];

export const CONSOLE_HOSTS: readonly string[] = [...QIANNIU_HOSTS, ...TAOBAO_TRADE_HOSTS, ...PDD_MMS_HOSTS];

/** Match patterns for every page of the console hosts (content scripts, web_accessible_resources). */
export const CONSOLE_MATCHES: string[] = CONSOLE_HOSTS.map((host) => `https://${host}/*`);
