// The side panel (侧边栏) as an extension page, shown in an iframe inside <laoke-panel> on console pages
// (DESIGN.md): the console's scripts cannot read or script a cross-origin frame. Which card or review
// to open comes from the background, which relays what a trusted click on a badge chose in this tab;
// nothing the console page posts to this frame is read.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { Panel, type PanelTarget } from '@/components/panel/Panel';
import { PANEL_PORT, sendToBackground, type PanelPush } from '@/utils/messaging';
import { noteFrameMoved } from '@/components/seen-by-seller';
import './style.css';

const startTab = new URLSearchParams(location.search).get('start') === 'reviews' ? 'reviews' : 'today';

/**
 * Fold the panel away: through the background, which tells this tab's top frame (the content script
 * takes no window message but the tap's port handover).
 */
function close(): void {
  void sendToBackground('closePanel', {}).catch(() => undefined);
}

function PanelApp() {
  const [target, setTarget] = useState<PanelTarget | null>(null);
  useEffect(() => {
    let port: Runtime.Port | undefined;
    let stopped = false;
    const connect = () => {
      port = browser.runtime.connect({ name: PANEL_PORT });
      port.onMessage.addListener((msg: unknown) => {
        const push = msg as PanelPush;
        if (push && 'moved' in push) noteFrameMoved();
        else if (push?.target) setTarget({ ...push.target });
      });
      // The service worker may stop; the panel keeps listening once it is back.
      port.onDisconnect.addListener(() => {
        if (!stopped) setTimeout(connect, 500);
      });
    };
    connect();
    return () => {
      stopped = true;
      port?.disconnect();
    };
  }, []);
  return <Panel open setOpen={(o) => { if (!o) close(); }} target={target} startTab={startTab} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelApp />
  </StrictMode>,
);
