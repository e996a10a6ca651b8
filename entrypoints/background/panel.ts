// The side panel's relay. A content script asks to open the panel (after a trusted click on a badge); the
// panel page (panel.html, in an iframe in that tab's top frame) keeps a port open to the background. The
// target goes to the panel page of the same tab over that port, never through the console page, which
// could otherwise choose which buyer's card the panel shows.
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { isExtensionPage, PANEL_PORT, type PanelPush, type PanelTarget, type TabPush } from '@/utils/messaging';

const ports = new Map<number, Runtime.Port>();
/** A target asked for before the tab's panel page was connected. */
const pending = new Map<number, PanelTarget | null>();

export function startPanelRelay(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT) return;
    const tabId = port.sender?.tab?.id;
    // Only the panel page itself, inside a tab.
    if (tabId === undefined || !port.sender || !isExtensionPage(port.sender)) return port.disconnect();
    ports.set(tabId, port);
    port.onDisconnect.addListener(() => {
      if (ports.get(tabId) === port) ports.delete(tabId);
    });
    if (pending.has(tabId)) {
      port.postMessage({ target: pending.get(tabId)! } satisfies PanelPush);
      pending.delete(tabId);
    }
  });
}

/** Open the panel of `tabId` (shown by its top frame), on `target` when given. */
export async function openPanelIn(tabId: number, target: PanelTarget | null): Promise<void> {
  const port = ports.get(tabId);
  if (port) port.postMessage({ target } satisfies PanelPush);
  else pending.set(tabId, target);
  await browser.tabs.sendMessage(tabId, { laokeTab: 'showPanel' } satisfies TabPush, { frameId: 0 }).catch(() => undefined);
}
