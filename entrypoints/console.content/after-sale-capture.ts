// Capture on an after-sales list (售后工作台): the cases of the page's own JSON responses (from the
// MAIN-world tap's private channel, as every reading) go to the background, which marks the orders it
// already read as having a refund under way or not. Nothing is read from the DOM: the rows carry no
// order of their own, and a row a page script drew would be no evidence.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messaging';
import { MAX_ORDERS_PER_MESSAGE } from '@/utils/crm/observed';
import type { AfterSaleListSite } from '@/utils/sites/types';
import type { HealthView } from './health';
import { onPageOf } from './on-page';
import { onTappedBody, unrecognizedReporter } from './tap-listener';

export function startAfterSaleCapture(ctx: ContentScriptContext, site: AfterSaleListSite, health: HealthView): void {
  const onPage = onPageOf(site);
  const unrecognized = unrecognizedReporter(site.pageKind, health, onPage);
  onTappedBody(ctx, site.matchesEndpoint, (tapped) => {
    const result = tapped.ok ? site.parseJson(tapped.body) : tapped;
    if (!result.ok) return unrecognized(result.reason, tapped.ok ? tapped.body : undefined);
    if (onPage()) {
      health.understood();
      health.notice('unknown', result.unknown?.length ? t('noticeUnknownValues', result.unknown.join('、')) : null);
    }
    void (async () => {
      for (let i = 0; i < Math.max(1, result.cases.length); i += MAX_ORDERS_PER_MESSAGE) {
        await sendToBackground('ingestAfterSales', {
          pageKind: site.pageKind, platform: site.platform, cases: result.cases.slice(i, i + MAX_ORDERS_PER_MESSAGE),
          ...(result.unknown?.length ? { unknownValues: result.unknown.slice(0, 20) } : {}),
        });
      }
    })().catch((err: unknown) => unrecognized(String(err)));
  });
}
