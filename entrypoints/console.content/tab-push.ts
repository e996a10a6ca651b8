// What the background tells a console tab (browser.tabs.sendMessage: TabPush), for the features to act
// on. Only the extension itself can send to a content script that way; the sender is checked anyway (a
// message from a tab is another content script's, never the background's).
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { TabPush } from '@/utils/messaging';

export function onTabPush(ctx: ContentScriptContext, handle: (push: TabPush['laokeTab']) => void): void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab || !ctx.isValid) return undefined;
    const push = (message as TabPush | null)?.laokeTab;
    if (push === 'showPanel' || push === 'hidePanel' || push === 'refreshBadges') handle(push);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
