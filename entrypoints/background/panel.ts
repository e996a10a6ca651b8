// The side panel's relay. A content script asks to open the panel (after a trusted click on a badge); the
// panel page (panel.html, in an iframe in that tab's top frame) keeps a port open to the background. The
// target goes to the panel page of the same tab over that port, never through the console page, which
// could otherwise choose which buyer's card the panel shows.
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { isExtensionPage, PANEL_PORT, type PanelPush, type PanelTarget, type TabPush } from '@/utils/messaging';

/**
 * Every panel page open in a tab. The console page can read our frame's URL and open panel.html in a
 * frame of its own; that copy cannot be read or scripted by the page either, and ours must keep working,
 * so every copy in the tab is told (none is replaced by a later one).
 */
const ports = new Map<number, Set<Runtime.Port>>();
/** A target asked for before the tab's panel page was connected. */
const pending = new Map<number, PanelTarget | null>();

export function startPanelRelay(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT) return;
    const tabId = port.sender?.tab?.id;
    // Only the panel page itself, inside a tab.
    if (tabId === undefined || !port.sender || !isExtensionPage(port.sender)) return port.disconnect();
    const open = ports.get(tabId) ?? new Set<Runtime.Port>();
    open.add(port);
    ports.set(tabId, open);
    port.onDisconnect.addListener(() => {
      open.delete(port);
      if (open.size === 0 && ports.get(tabId) === open) ports.delete(tabId);
    });
    if (pending.has(tabId)) {
      port.postMessage({ target: pending.get(tabId)! } satisfies PanelPush);
      pending.delete(tabId);
    }
  });
}

/** Tell every panel page of the tab that its frame moved on the page (it refuses clicks for a moment). */
export function panelMovedIn(tabId: number): void {
  for (const port of ports.get(tabId) ?? []) port.postMessage({ moved: true } satisfies PanelPush);
}

/** Fold the panel of a tab away (its top frame hosts it). */
export async function closePanelIn(tabId: number): Promise<void> {
  await browser.tabs.sendMessage(tabId, { laokeTab: 'hidePanel' } satisfies TabPush, { frameId: 0 }).catch(() => undefined);
}

/** Open the panel of `tabId` (shown by its top frame), on `target` when given. */
export async function openPanelIn(tabId: number, target: PanelTarget | null): Promise<void> {
  const open = ports.get(tabId);
  if (open?.size) for (const port of open) port.postMessage({ target } satisfies PanelPush);
  else pending.set(tabId, target);
  await browser.tabs.sendMessage(tabId, { laokeTab: 'showPanel' } satisfies TabPush, { frameId: 0 }).catch(() => undefined);
}
