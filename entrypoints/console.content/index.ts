// The isolated content script on console pages: capture rows, then run the on-page features.
// It starts on every page of the console hosts: 千牛 is a single-page app, so the seller may arrive on
// another page and navigate to a list with pushState. Each part checks the page it is on when it acts.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '@/utils/messaging';
import { CONSOLE_MATCHES } from '@/utils/sites/hosts';
import { afterSaleListSites, orderListSites, reviewListSites } from '@/utils/sites';
import { startCapture } from './capture';
import { startAfterSaleCapture } from './after-sale-capture';
import { FEATURES, startIsolated, type FeatureFailure } from './features';
import type { ConsoleContext } from './features/types';
import { healthView } from './health';
import { acceptTapPort, tapReady } from './tap-listener';

export default defineContentScript({
  matches: CONSOLE_MATCHES,
  // The legacy sold list runs inside the 千牛 workbench as an iframe.
  allFrames: true,
  runAt: 'document_start',
  // WXT would post a window message naming the extension to the page: the page has no need to know.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // First of all: the tap hands over its private port at document_start, before any page script.
    acceptTapPort(ctx);
    guardAgainstPageInvalidation();
    const here = location.hostname;
    const context: ConsoleContext = { ctx, health: healthView() };
    const failed: FeatureFailure = (id, err) => {
      console.error(`[laoke] feature ${id} failed`, err);
      void sendToBackground('reportUnrecognized', { pageKind: `feature-${id}`, reason: String(err).slice(0, 300) }).catch(() => undefined);
    };
    for (const site of orderListSites) {
      if (!site.hosts.includes(here)) continue;
      // Capture is not a feature: it runs whatever the features do.
      const capture = new EventTarget();
      const captured = new Set<string>();
      const current = new Set<string>();
      startCapture(ctx, site, context.health, capture, captured, current);
      for (const f of FEATURES) if (f.runsOn === 'order-list') startIsolated(f.id, () => f.start({ ...context, site, capture, captured, current }), failed);
    }
    // After-sales lists: capture only (their cases mark orders already read; no badges of their own).
    for (const site of afterSaleListSites) if (site.hosts.includes(here)) startAfterSaleCapture(ctx, site, context.health);
    for (const site of reviewListSites) {
      if (!site.hosts.includes(here)) continue;
      for (const f of FEATURES) if (f.runsOn === 'review-list') startIsolated(f.id, () => f.start({ ...context, site }), failed);
    }
    for (const f of FEATURES) {
      if (f.runsOn !== 'console' || (f.topFrameOnly && window.top !== window)) continue;
      startIsolated(f.id, () => f.start(context), failed);
    }
    // Every listener is in place: the tap may hand over what it kept.
    tapReady();
  },
});

/**
 * WXT stops an older copy of this script when a newer one announces itself with a CustomEvent on the
 * document. A page script can send that event too (its name is not secret) and would silently stop
 * capture. A newer copy only comes with a reloaded extension, whose old copies are cut off from the
 * background anyway: the announcement is stopped before WXT's listener sees it.
 */
function guardAgainstPageInvalidation(): void {
  // WXT keeps the event's name private; the red-team e2e test fails if this stops matching it.
  const type = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: unknown }).SCRIPT_STARTED_MESSAGE_TYPE;
  if (typeof type !== 'string') return console.error('[laoke] WXT no longer names its script-started event');
  window.addEventListener(type, (e) => e.stopImmediatePropagation(), { capture: true });
}
