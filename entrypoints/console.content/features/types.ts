import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OrderListSite } from '@/utils/sites/types';

export interface FeatureContext {
  ctx: ContentScriptContext;
  site: OrderListSite;
  /** Fires after the background stored new rows from this page. */
  dataChanged: EventTarget;
}

/** One on-page feature with one job. A feature that throws never breaks the others. */
export interface Feature {
  id: string;
  appliesTo(site: OrderListSite): boolean;
  init(context: FeatureContext): void;
}
