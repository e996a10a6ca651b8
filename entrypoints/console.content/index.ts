// The isolated content script on console pages: capture rows, then run the on-page features.
// It starts on every page of the console hosts: 千牛 is a single-page app, so the seller may arrive on
// another page and navigate to a list with pushState. Each part checks the page it is on when it acts.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONSOLE_MATCHES } from '@/utils/sites/hosts';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { orderListSites, reviewListSites } from '@/utils/sites';
import type { OrderListSite } from '@/utils/sites/types';
import { startCapture } from './capture';
import { features } from './features';
import type { IngestedDetail } from './features/types';
import { healthView, type HealthView } from './health';
import { onPageOf } from './on-page';
import { acceptTapPort, tapReady } from './tap-listener';
import { startReviewBadges } from './features/review-badges';
import { startSidePanel } from './features/side-panel';

export default defineContentScript({
  matches: CONSOLE_MATCHES,
  // The legacy sold list runs inside the 千牛 workbench as an iframe.
  allFrames: true,
  runAt: 'document_start',
  main(ctx) {
    // First of all: the tap hands over its private port at document_start, before any page script.
    acceptTapPort(ctx);
    const here = location.hostname;
    // One 页面未识别 note per tab (the DESIGN.md contract), whichever list failed; a new route of the
    // single-page app starts without it.
    const health = healthView();
    ctx.addEventListener(window, 'wxt:locationchange', () => health.understood());
    for (const site of orderListSites) if (site.hosts.includes(here)) run(ctx, site, health);
    for (const site of reviewListSites) {
      if (site.hosts.includes(here)) guarded('review-badges', () => startReviewBadges(ctx, site, health, onPageOf(site)));
    }
    // Every listener is in place: the tap may hand over what it kept.
    tapReady();
    guarded('side-panel', () => startSidePanel(ctx));
  },
});

/** One on-page part that throws never stops the others (nor capture). */
function guarded(id: string, start: () => void): void {
  try {
    start();
  } catch (err) {
    console.error(`[laoke] feature ${id} failed`, err);
  }
}

function run(ctx: ContentScriptContext, site: OrderListSite, health: HealthView): void {
  const dataChanged = new EventTarget();
  const captured = new Set<string>();
  startCapture(ctx, site, health, (facts) => dataChanged.dispatchEvent(new CustomEvent<IngestedDetail>('ingested', { detail: { facts } })), captured);
  for (const feature of features) {
    if (feature.appliesTo(site)) guarded(feature.id, () => feature.init({ ctx, site, dataChanged, captured }));
  }
}
