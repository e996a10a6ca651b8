// Capture: rows of the page's list become orders in the background's database.
// JSON from the MAIN-world tap comes first; the rendered DOM is read only for order blocks no JSON
// covered (Laoke installed after the page loaded, a server-rendered page, a request the tap missed).
// A response that is not understood turns the DOM fallback off until a good one arrives: rows rendered
// from data Laoke could not read are not guessed at from the screen either. Once this tab's tap has
// delivered the list's JSON, the DOM fallback is off for good in this tab: the tap works here, the rows
// are the JSON's, and a row that only the DOM has is one a page script could have faked (a route change
// the page can fake with pushState does not turn it back on).
// A DOM reading never overrides what a JSON reading stored (utils/crm/ingest.ts mergeOrder).

import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messaging';
import { MAX_ORDERS_PER_MESSAGE } from '@/utils/crm/observed';
import type { ObservedOrder } from '@/utils/crm/types';
import type { BadgeFacts } from '@/utils/crm/ingest';
import type { IngestedDetail } from './features/types';
import type { OrderListSite } from '@/utils/sites/types';
import type { HealthView } from './health';
import { isOurs, onPageOf } from './on-page';
import { onTappedBody, unrecognizedReporter } from './tap-listener';

/** Time the page's table must stay still before the DOM fallback reads it. */
const DOM_SETTLE_MS = 800;

export function startCapture(
  ctx: ContentScriptContext,
  site: OrderListSite,
  health: HealthView,
  events: EventTarget,
  captured: Set<string>,
  current: Set<string>,
): void {
  const onPage = onPageOf(site);
  const fromJson = new Set<string>();
  const fromDom = new Set<string>();
  let jsonFailed = false;
  let jsonSeen = false;

  // The features hear that rows are on their way ('ingesting'), then their facts ('ingested') or that
  // none will come ('ingest-failed'): a badge waits for the answer instead of asking the database twice.
  const ingest = async (orders: ObservedOrder[], source: 'json' | 'dom', unknown: readonly string[] = []) => {
    events.dispatchEvent(new Event('ingesting'));
    const facts: BadgeFacts[] = [];
    try {
      for (let i = 0; i < orders.length; i += MAX_ORDERS_PER_MESSAGE) {
        const chunk = orders.slice(i, i + MAX_ORDERS_PER_MESSAGE);
        const result = await sendToBackground('ingestOrders', { pageKind: site.pageKind, orders: chunk, ...(unknown.length ? { unknownValues: unknown.slice(0, 20) } : {}) });
        facts.push(...result.facts);
      }
    } catch (err) {
      events.dispatchEvent(new Event('ingest-failed'));
      throw err;
    }
    if (ctx.isValid) events.dispatchEvent(new CustomEvent<IngestedDetail>('ingested', { detail: { facts, source } }));
  };
  const unrecognized = unrecognizedReporter(site.pageKind, health, onPage);

  // Responses are read on any page of the console (the seller's orders are the seller's orders, wherever
  // the app fetched them); what is shown on screen follows the page the seller is on.
  onTappedBody(ctx, site.matchesEndpoint, (tapped) => {
    const result = tapped.ok ? site.parseJson(tapped.body) : tapped;
    if (!result.ok) {
      jsonFailed = true;
      return unrecognized(result.reason, tapped.ok ? tapped.body : undefined);
    }
    jsonFailed = false;
    jsonSeen = true;
    // The DOM fallback is off for good in this tab: its observer has nothing more to do.
    observer.disconnect();
    clearTimeout(timer);
    health.understood();
    // The rows of this response are the ones the page is about to show.
    current.clear();
    for (const o of result.orders) {
      fromJson.add(o.orderId);
      captured.add(o.orderId);
      current.add(o.orderId);
    }
    health.notice('unknown', result.unknown?.length ? t('noticeUnknownValues', result.unknown.join('、')) : null);
    ingest(result.orders, 'json', result.unknown).catch((err: unknown) => unrecognized(String(err)));
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const readDom = () => {
    if (jsonFailed || jsonSeen || !onPage()) return;
    const uncovered = site.orderBlocks(document).filter((b) => !fromJson.has(b.orderId) && !fromDom.has(b.orderId));
    if (uncovered.length === 0) return;
    const result = site.parseDom(document);
    if (!result.ok) {
      if (fromJson.size === 0) unrecognized(result.reason);
      return;
    }
    const wanted = new Set(uncovered.map((b) => b.orderId));
    const orders = result.orders.filter((o) => wanted.has(o.orderId));
    for (const o of orders) {
      fromDom.add(o.orderId);
      captured.add(o.orderId);
    }
    if (orders.length) ingest(orders, 'dom', result.unknown).catch((err: unknown) => unrecognized(String(err)));
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (ctx.isValid) readDom();
    }, DOM_SETTLE_MS);
  };
  // Laoke's own badges and notes changing are no reason to read the rows again.
  const observer = new MutationObserver((records) => {
    if (onPage() && !records.every(isOurs)) schedule();
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    clearTimeout(timer);
  });
  // 千牛 is a single-page app: a new route is a new page, which the DOM fallback may read afresh.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    jsonFailed = false;
    schedule();
  });
  schedule();
}
