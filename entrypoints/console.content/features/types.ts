import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BadgeFacts } from '@/utils/crm/ingest';
import type { OrderListSite, ReviewListSite } from '@/utils/sites/types';
import type { HealthView } from '../health';

export interface IngestedDetail {
  /** Facts for the orders just stored, as the database has them now. */
  facts: BadgeFacts[];
  /** Read from the page's JSON, or from its rows (the DOM fallback). */
  source: 'json' | 'dom';
}

/** What every feature gets: the script's context and the tab's one 页面未识别 note. */
export interface ConsoleContext {
  ctx: ContentScriptContext;
  health: HealthView;
}

/** An order list this tab shows, with what its capture learned. */
export interface OrderListContext extends ConsoleContext {
  site: OrderListSite;
  /**
   * The capture's events: `ingesting` when rows of this list are sent to the background, then `ingested`
   * (a CustomEvent with IngestedDetail) once it stored them, or `ingest-failed`.
   */
  capture: EventTarget;
  /** Order ids this tab read itself (the tap's JSON or, where none came, the page's rows). */
  captured: ReadonlySet<string>;
  /** Order ids of the list response read last: the rows the page shows now (or is about to). */
  current: ReadonlySet<string>;
}

export interface ReviewListContext extends ConsoleContext {
  site: ReviewListSite;
}

/**
 * One on-page feature with one job, and the pages it runs on: with each order list or review list of
 * this host, or once per console page. A feature that throws is reported and never stops the others
 * nor the capture.
 */
export type Feature =
  | { id: string; runsOn: 'order-list'; start(context: OrderListContext): void }
  | { id: string; runsOn: 'review-list'; start(context: ReviewListContext): void }
  | { id: string; runsOn: 'console'; topFrameOnly?: boolean; start(context: ConsoleContext): void };
