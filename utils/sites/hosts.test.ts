import { describe, expect, it } from 'vitest';
import { CONSOLE_HOSTS, CONSOLE_MATCHES } from './hosts';
import { afterSaleListSites, orderListSites, reviewListSites } from './index';

describe('the console host list', () => {
  const sites = [...orderListSites, ...reviewListSites, ...afterSaleListSites];

  it('holds every host a page kind reads, and no host that none reads', () => {
    expect(new Set(sites.flatMap((s) => s.hosts))).toEqual(new Set(CONSOLE_HOSTS));
  });

  it('matches every page of those hosts over https only', () => {
    expect(CONSOLE_MATCHES).toEqual([
      'https://myseller.taobao.com/*', 'https://qn.taobao.com/*', 'https://trade.taobao.com/*', 'https://mms.pinduoduo.com/*',
      'https://fxg.jinritemai.com/*', 'https://shop.jd.com/*',
    ]);
  });
});
