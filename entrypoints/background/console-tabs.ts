// The console tabs Laoke's content scripts are reading in, as far as this worker knows (each asks for its
// badges: ingestOrders, orderFacts). When data arrives that no tab read — 团队同步 applying what another
// machine sent — those tabs are told to look again (refreshBadges), so an open order list shows the counts
// of the whole team without a reload. Kept in memory only: a worker that slept knows the tabs again at
// their next request, and a tab coming back into view refreshes by itself (sold-badges.ts).
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { isExtensionPage, type TabPush } from '@/utils/messaging';

const tabs = new Set<number>();
let listening = false;

/** A content script in a console tab asked for something: remember the tab. */
export function consoleTabSeen(sender: Runtime.MessageSender): void {
  const id = sender.tab?.id;
  if (id === undefined || id < 0 || isExtensionPage(sender)) return;
  tabs.add(id);
  if (!listening) {
    listening = true;
    browser.tabs.onRemoved.addListener((closed) => void tabs.delete(closed));
  }
}

/** What the rows show may have changed without the page reading anything: every known console tab looks again. */
export function refreshConsoleTabs(): void {
  for (const id of tabs) {
    void browser.tabs.sendMessage(id, { laokeTab: 'refreshBadges' } satisfies TabPush).catch(() => tabs.delete(id));
  }
}
