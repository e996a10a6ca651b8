import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { db } from '@/utils/db/schema';
import { ingestOrders, lookupOrderFacts } from '@/utils/db/ingest';
import { applyAfterSales } from '@/utils/db/after-sales';
import { withValue } from '@/utils/db/customer-value';
import { recordHealth, recordRowsMissing } from '@/utils/db/health';
import { recordCopiedReply, saveKnowledge } from '@/utils/db/reviews';
import type { TabPush } from '@/utils/messaging';
import { handleRequests } from '@/utils/messaging-handle';
import { isQuotaError } from '@/utils/db/quota';
import { t } from '@/utils/i18n';
import { DAY_MS } from '@/utils/crm/time';
import { customerCard, customerKeyOfOrder, saveCustomerNotes } from '@/utils/db/customers';
import { linkCandidates, linkCustomers, linkView, unlinkCustomers } from '@/utils/db/links';
import { cardContext, exportPreset, panelOverview } from './audiences';
import { correctAspects, ingestReviewPage, queue, startReviewCare } from './reviews';
import { ordersRead, startForecasts } from './forecasts';
import { inForeground, popupFigures } from './foreground';
import { isExtensionPage } from '@/utils/messaging';
import { checkDigests, digestsWritten, startDigests } from './digests';
import { deleteCustomerEverywhere, retentionIfDue } from './privacy';
import { deleteEvent, exportTaskAudience, saveEvent, setTaskState, taskList } from './tasks';
import { closePanelIn, openPanelIn, panelMovedIn, startPanelRelay } from './panel';
import { careHandlers } from './care';
import { badgeFacts } from '@/utils/crm/ingest';
import { FloodGuard, futureTime } from '@/utils/crm/intake';
import type { Runtime } from 'webextension-polyfill';
import { setupSync, startSync, stopSync, syncNow, syncSoon, syncStatus } from './sync';
import { onQueued } from '@/utils/db/sync-outbox';
import { consoleTabSeen } from './console-tabs';

const flood = new FloodGuard();
/** Which tab (and frame) a content script's request came from; extension pages have no frame of a tab. */
const tabOf = (sender: Runtime.MessageSender) => `${sender.tab?.id ?? 'none'}`;

export default defineBackground(() => {
  // Handlers are registered synchronously so a message that wakes the worker is answered.
  handleRequests({
    ingestOrders: ({ pageKind, orders, unknownValues }, sender) => inForeground(async () => {
      consoleTabSeen(sender);
      const now = Date.now();
      // A time the console cannot have shown: the page is refused whole.
      if (futureTime(orders.flatMap((o) => [o.createdAt, o.paidAt, o.shippedAt, o.receivedAt]), now) !== undefined) {
        await recordHealth(db(), pageKind, { ok: false, rows: 0, reason: t('intakeFuture') });
        throw new Error(t('intakeFuture'));
      }
      // The flood guard counts only orders new to the database (asked inside the ingest's transaction):
      // pages read again, however often, are never refused.
      let flooded = false;
      const admitNew = (n: number) => {
        flooded = !flood.admit(tabOf(sender), n, now);
        return !flooded;
      };
      const result = await ingestOrders(db(), orders, now, { admitNew }).catch(async (err: unknown) => {
        if (flooded) {
          await recordHealth(db(), pageKind, { ok: false, rows: 0, reason: t('intakeFlood') });
          throw new Error(t('intakeFlood'));
        }
        if (!isQuotaError(err)) throw err;
        // The page was not stored, and nothing stored before was touched (one transaction).
        await recordHealth(db(), pageKind, { ok: false, rows: 0, reason: t('quotaFull') }).catch(() => undefined);
        throw new Error(t('quotaFull'));
      });
      // The badges are answered first; the bookkeeping follows (every cache keys on the data version).
      void recordHealth(db(), pageKind, { ok: true, rows: orders.length, ...(unknownValues ? { unknown: unknownValues } : {}) }).catch((err: unknown) => console.error('[laoke] health', err));
      void ordersRead().catch((err: unknown) => console.error('[laoke] forecast', err));
      digestsWritten();
      // The rows' risk flags and tier are read after the write, from what is stored now.
      return { ...result, facts: (await withValue(db(), result.facts)).map(badgeFacts) };
    }),
    ingestAfterSales: ({ pageKind, platform, cases, unknownValues }) => inForeground(async () => {
      const applied = await applyAfterSales(db(), platform, cases).catch(async (err: unknown) => {
        if (!isQuotaError(err)) throw err;
        await recordHealth(db(), pageKind, { ok: false, rows: 0, reason: t('quotaFull') }).catch(() => undefined);
        throw new Error(t('quotaFull'));
      });
      void recordHealth(db(), pageKind, { ok: true, rows: cases.length, ...(unknownValues ? { unknown: unknownValues } : {}) }).catch((err: unknown) => console.error('[laoke] health', err));
      if (applied.changed > 0) {
        void ordersRead().catch((err: unknown) => console.error('[laoke] forecast', err));
        digestsWritten();
      }
      return { matched: applied.matched, changed: applied.changed };
    }),
    async ingestReviews({ pageKind, reviews }) {
      if (futureTime(reviews.flatMap((r) => [r.createdAt, r.repliedAt]), Date.now()) !== undefined) {
        await recordHealth(db(), pageKind, { ok: false, rows: 0, reason: t('intakeFuture') });
        throw new Error(t('intakeFuture'));
      }
      const facts = await ingestReviewPage(reviews);
      void recordHealth(db(), pageKind, { ok: true, rows: reviews.length }).catch((err: unknown) => console.error('[laoke] health', err));
      return facts;
    },
    async reportUnrecognized({ pageKind, reason, diagnosis }) {
      await recordHealth(db(), pageKind, { ok: false, rows: 0, reason, ...(diagnosis ? { diagnosis } : {}) });
      return null;
    },
    async reportRowsMissing({ pageKind, read, missing }) {
      await recordRowsMissing(db(), pageKind, { read, missing: Math.min(read, missing) });
      return null;
    },
    orderFacts: ({ platform, orderIds }, sender) => {
      consoleTabSeen(sender);
      return inForeground(async () => (await lookupOrderFacts(db(), platform, orderIds)).map(badgeFacts));
    },
    async openPanel({ target }, sender) {
      if (sender.tab?.id === undefined) throw new Error('openPanel: not from a tab');
      await openPanelIn(sender.tab.id, target);
      return null;
    },
    async panelMoved(_data, sender) {
      // Only the top frame hosts the panel.
      if (sender.tab?.id !== undefined && sender.frameId === 0) panelMovedIn(sender.tab.id);
      return null;
    },
    async closePanel(_data, sender) {
      // Only the panel page asks (an extension page framed in a tab); the tab is the one it is in.
      if (sender.tab?.id !== undefined) await closePanelIn(sender.tab.id);
      return null;
    },
    async customerCard(ref) {
      const key = 'key' in ref ? ref.key : await customerKeyOfOrder(db(), ref.platform, ref.orderId);
      if (!key) return null;
      return customerCard(db(), key, await cardContext());
    },
    async saveCustomerNotes({ key, ...notes }, sender) {
      await saveCustomerNotes(db(), key, notes);
      // A tag such as 黑名单 changes the rows of the console the panel sits on: every frame looks again.
      if (sender.tab?.id !== undefined) {
        void browser.tabs.sendMessage(sender.tab.id, { laokeTab: 'refreshBadges' } satisfies TabPush).catch(() => undefined);
      }
      return null;
    },
    // 关联: each record keeps its own figures (nothing is merged), so no badge changes and none is refreshed.
    customerLinks: ({ key }) => linkView(db(), key),
    linkCustomers: ({ key, other }) => linkCustomers(db(), key, other),
    unlinkCustomers: ({ key, other }) => unlinkCustomers(db(), key, other),
    linkCandidates: ({ key, query }) => linkCandidates(db(), key, query),
    panelOverview: () => {
      void checkDigests().catch((err: unknown) => console.error('[laoke] digests', err));
      return panelOverview();
    },
    exportPreset: ({ preset, format }) => exportPreset(preset, format),
    reviewQueue: ({ focus, badBefore, praisingMid }) => queue(focus, { ...(badBefore ? { badBefore } : {}), ...(praisingMid ? { praisingMid } : {}) }),
    correctAspects: async ({ platform, reviewId, complaints }) => ({ corrected: await correctAspects(platform, reviewId, complaints) }),
    async copyReply({ platform, reviewId, text }) {
      await recordCopiedReply(db(), platform, reviewId, text);
      return null;
    },
    async saveKnowledge({ platform, itemId, itemTitle, text, unitDays }) {
      await saveKnowledge(db(), platform, itemId, itemTitle, text, Date.now(), unitDays);
      return null;
    },
    tasks: () => {
      // Laoke's own pages ask: whatever they (or a restore) wrote is folded into the digests after quiet.
      void checkDigests().catch((err: unknown) => console.error('[laoke] digests', err));
      return taskList();
    },
    async setTaskState({ id, state, days }) {
      const now = Date.now();
      await setTaskState(id, state === 'snoozed' ? { state, until: now + (days ?? 1) * DAY_MS, at: now } : { state, at: now });
      return null;
    },
    async saveEvent(event) {
      await saveEvent(event);
      return null;
    },
    async deleteEvent({ id }) {
      await deleteEvent(id);
      return null;
    },
    exportTasks: ({ format, kind }) => exportTaskAudience(format, kind),
    deleteCustomer: ({ key }) => deleteCustomerEverywhere(key),
    ...careHandlers,
    syncSetup: (settings) => setupSync(settings),
    syncStatus: () => syncStatus(),
    async syncNow() {
      await syncNow();
      return syncStatus();
    },
    async syncStop() {
      await stopSync();
      return syncStatus();
    },
    async openDashboard({ route }) {
      await browser.tabs.create({ url: browser.runtime.getURL(`/dashboard.html#/${route}`) });
      return null;
    },
  });
  // 团队同步: what a write queues for the server (the database's own middleware) brings a cycle a few
  // seconds later; reads (badges, the sync page asking its state) bring none.
  onQueued(syncSoon);
  // The popup says when it opens and when its first figures are shown (a bare message, sent before the
  // protocol loads): background work holds back meanwhile (foreground.ts).
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const state = (message as { laokePopup?: unknown } | null)?.laokePopup;
    if (sender.id === browser.runtime.id && isExtensionPage(sender) && (state === 'opening' || state === 'shown')) popupFigures(state);
    return undefined;
  });
  startPanelRelay();
  void startSync().catch((err: unknown) => console.error('[laoke] sync', err));
  startReviewCare();
  startForecasts();
  startDigests();
  void retentionIfDue().catch((err: unknown) => console.error('[laoke] retention', err));
});
