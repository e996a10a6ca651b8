// The isolated content script on console pages: capture rows, then run the on-page features.
// It starts on every page of the console hosts: 千牛 is a single-page app, so the seller may arrive on
// another page and navigate to a list with pushState. Each part checks the page it is on when it acts.
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { orderListSites, reviewListSites } from '@/utils/sites';
import type { OrderListSite } from '@/utils/sites/types';
import { startCapture } from './capture';
import { features } from './features';
import type { IngestedDetail } from './features/types';
import { healthView, type HealthView } from './health';
import { onPageOf } from './on-page';
import { tapReady } from './tap-listener';
import { startReviewBadges } from './features/review-badges';
import { startSidePanel } from './features/side-panel';

export default defineContentScript({
  matches: ['https://myseller.taobao.com/*', 'https://qn.taobao.com/*', 'https://trade.taobao.com/*', 'https://mms.pinduoduo.com/*'],
  // The legacy sold list runs inside the 千牛 workbench as an iframe.
  allFrames: true,
  runAt: 'document_start',
  // The side panel's styles go into its shadow root, never onto the console page.
  cssInjectionMode: 'ui',
  main(ctx) {
    const here = location.hostname;
    // One 页面未识别 note per tab (the DESIGN.md contract), whichever list failed; a new route of the
    // single-page app starts without it.
    const health = healthView();
    ctx.addEventListener(window, 'wxt:locationchange', () => health.understood());
    for (const site of orderListSites) if (site.hosts.includes(here)) run(ctx, site, health);
    for (const site of reviewListSites) {
      if (site.hosts.includes(here)) startReviewBadges(ctx, site, health, onPageOf(site));
    }
    // Every listener is in place: the tap may hand over what it kept.
    tapReady();
    startSidePanel(ctx);
  },
});

function run(ctx: ContentScriptContext, site: OrderListSite, health: HealthView): void {
  const dataChanged = new EventTarget();
  startCapture(ctx, site, health, (facts) => dataChanged.dispatchEvent(new CustomEvent<IngestedDetail>('ingested', { detail: { facts } })));
  for (const feature of features) {
    if (!feature.appliesTo(site)) continue;
    try {
      feature.init({ ctx, site, dataChanged });
    } catch (err) {
      console.error(`[laoke] feature ${feature.id} failed`, err);
    }
  }
}
