// MAIN-world network tap, installed at document_start before the console's own scripts run.
// It wraps fetch and XMLHttpRequest, and hands the bodies of known list endpoints (clones; the page's
// own request is untouched and nothing is ever replayed) to the isolated content script.
// Everything here runs in the page's world: the page can see it, and anything the page posts is
// validated on the other side.

import { defineContentScript } from 'wxt/utils/define-content-script';
import { decodeBody } from '@/utils/sites/encoding';
import { isTappedEndpoint, MAX_TAPPED_BODY_CHARS } from '@/utils/sites/endpoints';
import { TAP_SOURCE, type TapMessage } from '@/utils/sites/tap-protocol';

export default defineContentScript({
  matches: ['https://myseller.taobao.com/*', 'https://qn.taobao.com/*', 'https://trade.taobao.com/*', 'https://mms.pinduoduo.com/*'],
  // The legacy sold list runs inside the 千牛 workbench as an iframe.
  allFrames: true,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    // The isolated script may start after the first responses arrive: keep them until it says ready.
    let ready = false;
    const queue: TapMessage[] = [];
    const hand = (url: string, text: string) => {
      if (text.length > MAX_TAPPED_BODY_CHARS) return;
      const msg: TapMessage = { source: TAP_SOURCE, kind: 'response', url, text };
      if (ready) window.postMessage(msg, location.origin);
      else queue.push(msg);
    };
    window.addEventListener('message', (e) => {
      if (e.source !== window || (e.data as { source?: unknown; kind?: unknown } | null)?.source !== TAP_SOURCE) return;
      if ((e.data as { kind?: unknown }).kind !== 'ready' || ready) return;
      ready = true;
      for (const msg of queue.splice(0)) window.postMessage(msg, location.origin);
    });

    const absolute = (url: string) => {
      try {
        return new URL(url, location.href).href;
      } catch {
        return '';
      }
    };

    const nativeFetch = window.fetch;
    window.fetch = function laokeTappedFetch(this: unknown, ...args: Parameters<typeof fetch>) {
      const pending = nativeFetch.apply(this, args);
      const [input] = args;
      const url = absolute(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if (isTappedEndpoint(url)) {
        pending
          .then((res) => (res.ok ? res.clone().arrayBuffer() : null))
          .then((buf) => buf && hand(url, decodeBody(buf)))
          .catch(() => undefined);
      }
      return pending;
    } as typeof fetch;

    const urls = new WeakMap<XMLHttpRequest, string>();
    const nativeOpen = XMLHttpRequest.prototype.open;
    const nativeSend = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function laokeTappedOpen(this: XMLHttpRequest, ...args: unknown[]) {
      urls.set(this, absolute(String(args[1])));
      return (nativeOpen as (...a: unknown[]) => void).apply(this, args);
    } as typeof XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.send = function laokeTappedSend(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      const url = urls.get(this) ?? '';
      if (isTappedEndpoint(url)) {
        this.addEventListener('load', () => {
          if (this.status < 200 || this.status >= 300) return;
          try {
            switch (this.responseType) {
              case '':
              case 'text': hand(url, this.responseText); break;
              case 'json': hand(url, JSON.stringify(this.response)); break;
              case 'arraybuffer': hand(url, decodeBody(this.response as ArrayBuffer)); break;
              case 'blob': void (this.response as Blob).arrayBuffer().then((b) => hand(url, decodeBody(b))); break;
            }
          } catch {
            // A body we cannot read is simply not handed over.
          }
        });
      }
      return nativeSend.call(this, body);
    };
  },
});
