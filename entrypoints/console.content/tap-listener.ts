// The isolated side of the network tap. The MAIN-world tap hands over one end of a private
// MessageChannel at document_start (utils/sites/tap-protocol.ts); this script takes that first handover
// only, stops it before any page listener sees it, and reads nothing but what arrives on that port.
// Window messages are never data: a page posting the tap's old {kind: 'response'} shape, or a second
// handover with a port of its own, is ignored. What arrives on the port is still checked like any input
// (size, endpoint, charset), in this world, whose built-ins the page cannot patch.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { sendToBackground } from '@/utils/messaging';
import { diagnosisText, MAX_DIAGNOSIS_CHARS } from '@/utils/sites/diagnosis';
import { parseJsonText } from '@/utils/sites/encoding';
import { MAX_TAPPED_BODY_CHARS } from '@/utils/sites/endpoints';
import { TAP_SOURCE } from '@/utils/sites/tap-protocol';
import type { HealthView } from './health';

/** The background keeps at most this much of a reason. */
const MAX_REASON = 300;
/** Nor more of a diagnosis than this (a shape is small; a huge one is cut). */
const MAX_DIAGNOSIS = MAX_DIAGNOSIS_CHARS;

export type TappedBody = { ok: true; body: unknown } | { ok: false; reason: string };
type Subscriber = { matches: (url: string) => boolean; handle: (tapped: TappedBody) => void };

const subscribers: Subscriber[] = [];
let port: MessagePort | undefined;
let started = false;

/**
 * Listen for the tap's handover. Call first thing at document_start, before the page's scripts run: the
 * tap posts its port then, and the first handover is the only one accepted.
 */
export function acceptTapPort(ctx: ContentScriptContext): void {
  let taken = false;
  const onMessage = (event: MessageEvent) => {
    if (taken || event.source !== window) return;
    const msg = event.data as { source?: unknown; kind?: unknown } | null;
    if (msg?.source !== TAP_SOURCE || msg.kind !== 'port' || event.ports.length !== 1) return;
    taken = true;
    // The page's listeners come after ours: none of them sees the port.
    event.stopImmediatePropagation();
    window.removeEventListener('message', onMessage, true);
    port = event.ports[0];
    if (started) startPort();
  };
  window.addEventListener('message', onMessage, true);
  ctx.onInvalidated(() => {
    window.removeEventListener('message', onMessage, true);
    port?.close();
  });
}

function deliver(data: unknown): void {
  const msg = data as { url?: unknown; text?: unknown } | null;
  if (typeof msg?.url !== 'string' || typeof msg.text !== 'string' || msg.text.length > MAX_TAPPED_BODY_CHARS) return;
  const { url, text } = msg;
  for (const s of subscribers) {
    if (!s.matches(url)) continue;
    // A body in a charset nothing could decode (U+FFFD left in it) would store garbled names, and garbled
    // nicks of the same length could merge strangers.
    if (text.includes('\uFFFD')) s.handle({ ok: false, reason: 'response not decodable (charset)' });
    else s.handle({ ok: true, body: parseJsonText(text) });
  }
}

function startPort(): void {
  if (!port) return;
  // Messages the tap sent before this point waited in the port's queue.
  port.onmessage = (event) => deliver(event.data);
}

/** Calls `handle` with each tapped response of an endpoint `matches` accepts, parsed as JSON. */
export function onTappedBody(ctx: ContentScriptContext, matches: (url: string) => boolean, handle: (tapped: TappedBody) => void): void {
  const s: Subscriber = { matches, handle };
  subscribers.push(s);
  ctx.onInvalidated(() => subscribers.splice(subscribers.indexOf(s), 1));
}

/** Every listener is in place: start reading the port (the tap's earlier responses waited in it). */
export function tapReady(): void {
  started = true;
  startPort();
}

/**
 * Report a page or response not understood: the note on the page (with 复制诊断信息: the response's
 * shape, no value) and the background's health. `body`: the response as parsed, when it was JSON.
 */
export function unrecognizedReporter(pageKind: string, health: HealthView, onPage: () => boolean): (reason: string, body?: unknown) => void {
  return (reason, body) => {
    const short = reason.slice(0, MAX_REASON);
    const diagnosis = diagnosisText({ pageKind, version: browser.runtime.getManifest().version, reason, body, path: location.pathname }).slice(0, MAX_DIAGNOSIS);
    if (onPage()) health.unrecognized(short, diagnosis);
    void sendToBackground('reportUnrecognized', { pageKind, reason: short, diagnosis }).catch(() => undefined);
  };
}
