import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BadgeFacts } from '@/utils/crm/ingest';
import type { OrderListSite } from '@/utils/sites/types';

export interface IngestedDetail {
  /** Facts for the orders just stored, as the database has them now. */
  facts: BadgeFacts[];
}

export interface FeatureContext {
  ctx: ContentScriptContext;
  site: OrderListSite;
  /** Fires `ingested` (a CustomEvent with IngestedDetail) after the background stored rows of this page. */
  dataChanged: EventTarget;
  /** Order ids this tab read itself (the tap's JSON or, where none came, the page's rows). */
  captured: ReadonlySet<string>;
}

/** One on-page feature with one job. A feature that throws never breaks the others. */
export interface Feature {
  id: string;
  appliesTo(site: OrderListSite): boolean;
  init(context: FeatureContext): void;
}
