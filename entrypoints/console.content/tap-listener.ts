// The isolated side of the network tap. The MAIN-world tap hands over one end of a private
// MessageChannel at document_start, on a node out of the document (utils/sites/tap-protocol.ts); this
// script takes that first handover only, and reads nothing but what arrives on that port.
// Window messages are never data: a page posting the tap's old {kind: 'response'} shape, or a second
// handover with a port of its own, is ignored. What arrives on the port is still checked like any input
// (size, endpoint, charset), in this world, whose built-ins the page cannot patch.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser } from 'wxt/browser';
import { sendToBackground } from '@/utils/messaging';
import { diagnosisText, MAX_DIAGNOSIS_CHARS } from '@/utils/sites/diagnosis';
import { parseJsonText } from '@/utils/sites/encoding';
import { MAX_TAPPED_BODY_CHARS } from '@/utils/sites/endpoints';
import { TAP_PORT, TAP_READY, TAP_SPOT } from '@/utils/sites/tap-protocol';
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
 * Meet the tap for its handover. Call first thing at document_start, before the page's scripts run: the
 * two scripts meet on a node out of the document (utils/sites/tap-protocol.ts), and the first port is
 * the only one accepted. No window message is ever taken: a page that made this frame (same origin) may
 * have listened on its Window before it loaded, and could post one from inside it.
 */
export function acceptTapPort(ctx: ContentScriptContext): void {
  let taken = false;
  const take = (event: Event) => {
    if (taken || !(event instanceof MessageEvent) || event.ports.length !== 1) return;
    taken = true;
    port = event.ports[0];
    if (started) startPort();
  };
  const root = document.documentElement;
  const waiting = root?.querySelector(`:scope > ${TAP_SPOT}`);
  if (waiting) {
    // The tap came first and waits on it: out of the document, then tell it we listen.
    waiting.remove();
    waiting.addEventListener(TAP_PORT, take);
    waiting.dispatchEvent(new Event(TAP_READY));
  } else if (root) {
    // The tap comes next, still at document_start (no page script runs between): it takes the spot out
    // and hands over on it.
    const spot = document.createElement(TAP_SPOT);
    spot.addEventListener(TAP_PORT, (event) => {
      // Only once the tap took it out of the document.
      if (!spot.isConnected) take(event);
    });
    root.append(spot);
  }
  ctx.onInvalidated(() => port?.close());
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
