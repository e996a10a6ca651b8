// The background's side of the protocol (utils/messaging.ts): the one listener, which answers only our own
// content scripts and pages, refuses a content script what only an extension page may ask, and checks
// every request against its schema (utils/messaging-requests.ts) before a handler sees it.

import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { CONTENT_REQUESTS, isExtensionPage, type Handlers, type RequestType } from './messaging';
import { requests } from './messaging-requests';

type Envelope = { laoke: RequestType; data: unknown };

/** Register the background's handlers; call synchronously when the service worker starts. */
export function handleRequests(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own content scripts and pages may talk to the database.
    if (sender.id !== browser.runtime.id) return undefined;
    const envelope = message as Partial<Envelope> | null;
    const type = envelope?.laoke;
    // Own keys only: 'constructor' or 'toString' is in every object, and is no request.
    if (typeof type !== 'string' || !Object.hasOwn(requests, type)) return undefined;
    if (!CONTENT_REQUESTS.has(type) && !isExtensionPage(sender)) {
      return Promise.resolve({ ok: false, error: `${type}: only for Laoke's own pages` });
    }
    const parsed = requests[type].safeParse(envelope!.data);
    if (!parsed.success) {
      return Promise.resolve({ ok: false, error: `invalid ${type}: ${parsed.error.issues[0]?.message}` });
    }
    const handler = handlers[type] as (data: unknown, sender: Runtime.MessageSender) => Promise<unknown>;
    return handler(parsed.data, sender).then(
      (value) => ({ ok: true, value }),
      (err: unknown) => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}
