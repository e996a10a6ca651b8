// The isolated side of the network tap: what the MAIN-world script hands over, checked like any page
// input (the page can post the same shape), and the one way a page's reading is reported as not understood.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '@/utils/messaging';
import { parseJsonText } from '@/utils/sites/encoding';
import { MAX_TAPPED_BODY_CHARS } from '@/utils/sites/endpoints';
import { TAP_SOURCE } from '@/utils/sites/tap-protocol';
import type { HealthView } from './health';

/** The background keeps at most this much of a reason. */
const MAX_REASON = 300;

export type TappedBody = { ok: true; body: unknown } | { ok: false; reason: string };

/** Calls `handle` with each tapped response of an endpoint `matches` accepts, parsed as JSON. */
export function onTappedBody(ctx: ContentScriptContext, matches: (url: string) => boolean, handle: (tapped: TappedBody) => void): void {
  ctx.addEventListener(window, 'message', (event: MessageEvent) => {
    if (event.source !== window) return;
    const msg = event.data as { source?: unknown; kind?: unknown; url?: unknown; text?: unknown } | null;
    if (msg?.source !== TAP_SOURCE || msg.kind !== 'response') return;
    if (typeof msg.url !== 'string' || typeof msg.text !== 'string' || msg.text.length > MAX_TAPPED_BODY_CHARS) return;
    if (!matches(msg.url)) return;
    // A body in a charset nothing could decode (U+FFFD left in it) would store garbled names, and garbled
    // nicks of the same length could merge strangers.
    if (msg.text.includes('\uFFFD')) return handle({ ok: false, reason: 'response not decodable (charset)' });
    handle({ ok: true, body: parseJsonText(msg.text) });
  });
}

/** Tells the tap this isolated script listens now (it keeps earlier responses until then). */
export function tapReady(): void {
  window.postMessage({ source: TAP_SOURCE, kind: 'ready' }, location.origin);
}

/** "页面未识别" on the page (when the seller is on it) and in the page kind's health record. */
export function unrecognizedReporter(pageKind: string, health: HealthView, onPage: () => boolean): (reason: string) => void {
  return (reason) => {
    const short = reason.slice(0, MAX_REASON);
    if (onPage()) health.unrecognized(short);
    void sendToBackground('reportUnrecognized', { pageKind, reason: short }).catch(() => undefined);
  };
}
