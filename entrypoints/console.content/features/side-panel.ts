// The side panel's host on console pages (DESIGN.md contract): <laoke-panel>, whose shadow root holds a
// small launcher and, once opened, an iframe of the extension page panel.html. Everything the seller
// sees about a buyer (card, notes, tasks, audiences, review queue, exports) lives in that frame, out of
// the console scripts' reach; this host knows only whether the panel is open.
//
// A badge click (trusted, in any frame of the tab) asks the background to open the panel on a target; the
// background tells the top frame to unfold the panel and hands the target to the panel page itself.
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '@/utils/i18n';
import { sendToBackground, type PanelTarget } from '@/utils/messaging';
import { onTabPush } from '../tab-push';
import { reviewListSites } from '@/utils/sites';
import type { Feature } from './types';

const WIDTH = 380;

interface Host {
  show(): void;
  hide(): void;
}

let host: Host | undefined;
let context: ContentScriptContext | undefined;

function createHost(ctx: ContentScriptContext): Host {
  const el = document.createElement('laoke-panel');
  // Open, so automated checks can find the frame; nothing in it but the launcher and the frame.
  const root = el.attachShadow({ mode: 'open' });
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.textContent = t('panelLauncher');
  launcher.title = t('panelOpen');
  launcher.setAttribute('data-testid', 'panel-launcher');
  Object.assign(launcher.style, {
    position: 'fixed', right: '0', top: '33%', zIndex: '2147483000', writingMode: 'vertical-rl', padding: '12px 6px',
    border: '0', borderRadius: '8px 0 0 8px', background: '#f97316', color: '#fff', cursor: 'pointer',
    font: 'bold 13px/16px -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif', boxShadow: '0 4px 12px rgba(0,0,0,.2)',
  });
  let frame: HTMLIFrameElement | undefined;
  // Where the frame sits, sampled while it shows: the page can restyle it (the shadow root is open) or its
  // host; a change tells the panel, which refuses clicks for a moment (seen-by-seller.ts). The first
  // sample after showing is the baseline; a window resize also counts (rare, and harmless: a click again).
  let placed: string | null = null;
  let lastTold = 0;
  let watcher: ReturnType<typeof setInterval> | undefined;
  const sample = () => {
    if (!frame || frame.style.display === 'none' || document.visibilityState !== 'visible') return;
    const r = frame.getBoundingClientRect();
    const now = `${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.width)},${Math.round(r.height)}`;
    if (placed !== null && now !== placed && Date.now() - lastTold > 150) {
      lastTold = Date.now();
      void sendToBackground('panelMoved', {}).catch(() => undefined);
    }
    placed = now;
  };
  const watchPlace = () => {
    if (!frame || frame.style.display === 'none') return;
    placed = null;
    if (watcher === undefined) watcher = setInterval(sample, 100);
  };
  ctx.onInvalidated(() => clearInterval(watcher));
  const show = () => {
    if (!frame) {
      frame = document.createElement('iframe');
      // On a review list the reviews come first.
      const start = reviewListSites.some((site) => site.matchesPage(new URL(location.href))) ? 'reviews' : 'today';
      frame.src = browser.runtime.getURL(`/panel.html?start=${start}` as '/panel.html');
      frame.title = t('extName');
      frame.setAttribute('allow', 'clipboard-write');
      Object.assign(frame.style, {
        position: 'fixed', right: '0', top: '0', width: `${WIDTH}px`, height: '100%', border: '0', zIndex: '2147483000',
        colorScheme: 'light', background: 'transparent',
      });
      root.append(frame);
    }
    frame.style.display = 'block';
    launcher.style.display = 'none';
    // The baseline is taken once the frame has laid out.
    setTimeout(watchPlace, 300);
  };
  const hide = () => {
    clearInterval(watcher);
    watcher = undefined;
    if (frame) frame.style.display = 'none';
    launcher.style.display = 'block';
  };
  launcher.addEventListener('click', (e) => {
    // A click the page scripted opens nothing.
    if (!e.isTrusted) return;
    show();
  });
  root.append(launcher);
  const attach = () => document.body?.append(el);
  if (document.body) attach();
  else ctx.addEventListener(document, 'DOMContentLoaded', attach);
  ctx.onInvalidated(() => el.remove());
  return { show, hide };
}

/** Show the launcher (top frame of a console tab) and follow the background's word to open the panel. */
export function startSidePanel(ctx: ContentScriptContext): void {
  context = ctx;
  if (window.top !== window) return;
  host ??= createHost(ctx);
  onTabPush(ctx, (push) => {
    if (push === 'showPanel') host?.show();
    else if (push === 'hidePanel') host?.hide();
  });
}

/**
 * Open the panel on a buyer's card or a review. Call only from a trusted click, with the target the
 * content script recorded for the badge (never an attribute read from the page's DOM).
 */
export function openPanel(target: PanelTarget | null): void {
  if (!context?.isValid) return;
  if (window.top === window) host?.show();
  void sendToBackground('openPanel', { target }).catch(() => undefined);
}

export const sidePanel: Feature = {
  id: 'side-panel',
  // Every frame: a badge in the legacy list's frame opens the panel too (only the top frame hosts it).
  runsOn: 'console',
  start: ({ ctx }) => startSidePanel(ctx),
};
