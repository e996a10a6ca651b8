// The one typed protocol between content scripts, extension pages and the background service worker.
// Every request is validated in the background (the data may come from a page that forged it), and
// errors are re-thrown at the caller.
//
// The background trusts by sender. A content script runs inside the console page, whose scripts can fake
// rows and script clicks, so it may only hand over what it read and ask what a badge shows
// (CONTENT_REQUESTS). Everything else (the card, notes, exports, tasks, delete) is answered only to the
// extension's own pages: popup, dashboard and the side panel (panel.html, in its iframe).
//
// This module is the protocol's types and the senders' side, with no runtime schema: the content script
// imports it and must stay small (issue 20). Each request's shape is its zod schema in
// utils/messaging-requests.ts, which only the background loads; utils/messaging-handle.ts (handleRequests)
// checks every request against it. The types here are taken from those schemas, so the two cannot part.

import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import type { z } from 'zod';
import type { IngestResult } from '@/utils/db/ingest';
import type { BadgeFacts } from '@/utils/crm/ingest';
import type { ReviewFacts } from '@/utils/crm/reviews';
import type { CustomerCardData } from '@/utils/db/customers';
import type { LinkCandidate, LinkView } from '@/utils/db/links';
import type { ReviewQueue } from '@/utils/db/reviews';
import type { DeleteReport } from '@/utils/db/privacy';
import type { CallbackTask, PlannedEvent } from '@/utils/crm/tasks';
import type { TaskSummary } from '@/utils/db/popup-figures';
import type { TodayList } from '@/utils/crm/care';
import type { PresetId } from '@/utils/crm/audience';
import type { ScriptBook } from '@/utils/crm/care-scripts';
import type { CareCounts, CareSettings, ReminderCheck } from '@/utils/crm/order-care';
import type { CareData, CareExport } from '@/utils/db/order-care';
import type { cardRef, panelTarget, requests } from './messaging-requests';

/** What a badge click opens in the side panel: a buyer's card, or a review in the review queue. */
export type PanelTarget = z.output<typeof panelTarget>;
export type CardRef = z.output<typeof cardRef>;

/** What a content script may ask. Every other request is refused unless it comes from an extension page. */
export const CONTENT_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>(['ingestOrders', 'ingestAfterSales', 'reportUnrecognized', 'reportRowsMissing', 'ingestReviews', 'orderFacts', 'openPanel', 'panelMoved']);

/** The open callback tasks (回访) as the background sends them: the most valuable, and every count. */
export interface TaskList {
  tasks: CallbackTask[];
  summary: TaskSummary;
  events: PlannedEvent[];
}

export interface Responses {
  ingestOrders: Omit<IngestResult, 'facts'> & { facts: BadgeFacts[] };
  /** Orders of the cases Laoke had read, and how many of them changed. */
  ingestAfterSales: { matched: number; changed: number };
  reportUnrecognized: null;
  reportRowsMissing: null;
  ingestReviews: ReviewFacts[];
  orderFacts: BadgeFacts[];
  customerCard: CustomerCardData | null;
  openPanel: null;
  panelMoved: null;
  closePanel: null;
  saveCustomerNotes: null;
  customerLinks: LinkView;
  linkCustomers: LinkView;
  unlinkCustomers: LinkView;
  linkCandidates: LinkCandidate[];
  panelOverview: PanelOverview;
  exportPreset: ExportFile[];
  reviewQueue: ReviewQueue;
  copyReply: null;
  correctAspects: { corrected: boolean };
  saveKnowledge: null;
  tasks: TaskList;
  setTaskState: null;
  saveEvent: null;
  deleteEvent: null;
  exportTasks: ExportFile[];
  openDashboard: null;
  careBoard: CareData;
  careCounts: CareCounts;
  careRecord: { recorded: boolean; check?: ReminderCheck };
  careExport: CareExport;
  careSaveSettings: CareSettings;
  careSaveScripts: ScriptBook;
  deleteCustomer: DeleteReport;
  syncSetup: { ok: true; status: SyncStatus } | { ok: false; error: SyncError };
  syncStatus: SyncStatus;
  syncNow: SyncStatus;
  syncStop: SyncStatus;
}

/** Why sync did not go through, in words the dashboard and popup show (i18n syncError_*). */
export type SyncError = 'badUrl' | 'wrongPassphrase' | 'damaged' | 'unreachable' | 'unauthorized' | 'noDatabase' | 'quota' | 'other';

/** Team sync as the popup and the sync page show it. */
export type SyncStatus =
  | { on: false }
  | {
    on: true; url: string; db: string; agent: string;
    /** Changes queued here, not yet sealed for the server. */
    pending: number;
    running: boolean;
    lastSyncAt?: number;
    error?: SyncError;
    errorAt?: number;
    /** Documents on the server that did not open under the shop's keys (skipped). */
    unreadable?: number;
  };

export interface PanelOverview {
  today: TodayList;
  presets: { id: PresetId; count: number }[];
}

export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
  count: number;
}

export type RequestType = keyof typeof requests;
export type RequestData<K extends RequestType> = z.input<(typeof requests)[K]>;

type Envelope = { laoke: RequestType; data: unknown };
type Reply<K extends RequestType> = { ok: true; value: Responses[K] } | { ok: false; error: string };

export async function sendToBackground<K extends RequestType>(type: K, data: RequestData<K>): Promise<Responses[K]> {
  const reply = (await browser.runtime.sendMessage({ laoke: type, data } satisfies Envelope)) as Reply<K> | undefined;
  if (!reply) throw new Error(`laoke: no answer to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export type Handlers = {
  [K in RequestType]: (data: z.output<(typeof requests)[K]>, sender: Runtime.MessageSender) => Promise<Responses[K]>;
};

/** The port the side panel page opens to the background, which pushes it the targets of badge clicks. */
export const PANEL_PORT = 'laoke-panel';
/** background → panel page, on PANEL_PORT. */
export type PanelPush = { target: PanelTarget | null } | { moved: true };
/** background → the top frame's content script (tabs.sendMessage). */
export interface TabPush {
  /** refreshBadges: the seller changed what the rows show (a tag on the card in this tab's panel). */
  laokeTab: 'showPanel' | 'hidePanel' | 'refreshBadges';
}

/** A page of this extension (popup, dashboard, the side panel frame), not a content script in a console page. */
export function isExtensionPage(sender: Pick<Runtime.MessageSender, 'id' | 'url'>): boolean {
  if (sender.id !== browser.runtime.id || !sender.url) return false;
  try {
    const { protocol } = new URL(sender.url);
    return protocol === 'chrome-extension:' || protocol === 'moz-extension:';
  } catch {
    return false;
  }
}
