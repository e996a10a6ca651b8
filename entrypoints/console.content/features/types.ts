import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OrderFacts } from '@/utils/crm/ingest';
import type { OrderListSite } from '@/utils/sites/types';

export interface IngestedDetail {
  /** Facts for the orders just stored, as the database has them now. */
  facts: OrderFacts[];
}

export interface FeatureContext {
  ctx: ContentScriptContext;
  site: OrderListSite;
  /** Fires `ingested` (a CustomEvent with IngestedDetail) after the background stored rows of this page. */
  dataChanged: EventTarget;
}

/** One on-page feature with one job. A feature that throws never breaks the others. */
export interface Feature {
  id: string;
  appliesTo(site: OrderListSite): boolean;
  init(context: FeatureContext): void;
}
