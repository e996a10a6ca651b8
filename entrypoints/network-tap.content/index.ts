// MAIN-world network tap, installed at document_start before the console's own scripts run.
// It wraps fetch and XMLHttpRequest and hands the bodies of known list endpoints (clones; the page's own
// request is untouched and nothing is ever replayed) to the isolated content script over a private
// MessageChannel (utils/sites/tap-protocol.ts).
//
// The page's scripts share this world and run after it: they may patch Response.prototype, XMLHttpRequest
// getters, TextDecoder, Promise.prototype.then, RegExp.prototype.exec or MessagePort.prototype.postMessage
// to make the tap forward a forged body. So every built-in the tap relies on is captured here, at install,
// and only those captured references are called (through a captured Reflect.apply). The URL handed over
// is the one the browser reports for the response it fetched (Response#url, XMLHttpRequest#responseURL),
// never the argument the caller passed, and the isolated side checks it again in its own world.
//
// Nothing page-patchable is ever run on a page object: an XHR's parsed 'json' response is read by a
// private walker (utils/sites/tap-json.ts: own data properties only, never a getter, never toJSON), not
// by JSON.stringify, which would call a toJSON the page put on Object.prototype. No for…of (the page may
// patch the array iterator), no template or String() of a page value (toString, Symbol.toPrimitive).
//
// A parsed 'json' object and an 'arraybuffer' are the page's as much as ours, and any listener that runs
// before ours could change them. So the tap's listener is registered when the request is constructed
// (XMLHttpRequest is wrapped for that; its prototype, constants and instanceof are the native ones) and
// runs first, on readystatechange at DONE, before any listener of the page; those two kinds are read
// only there. A request made otherwise (another realm's constructor, send() applied to it) is read
// only when its body is a string or a Blob, which no earlier listener can change.

import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONSOLE_MATCHES } from '@/utils/sites/hosts';
import { MAX_TAPPED_BODY_CHARS, TAPPED_ENDPOINTS } from '@/utils/sites/endpoints';
import { TAP_PORT, TAP_READY, TAP_SPOT, type TapResponse } from '@/utils/sites/tap-protocol';
import { parsedJsonText } from '@/utils/sites/tap-json';

export default defineContentScript({
  matches: CONSOLE_MATCHES,
  // The legacy sold list runs inside the 千牛 workbench as an iframe.
  allFrames: true,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installTap();
  },
});

type AnyFn = (...args: never[]) => unknown;
const getter = (proto: object, name: string) => Object.getOwnPropertyDescriptor(proto, name)!.get as AnyFn;

function installTap(): void {
  // Everything below is captured before any page script can have touched it.
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const defineProperty = Object.defineProperty;
  const nativeFetch = window.fetch;
  const ResponseProto = Response.prototype;
  const resClone = ResponseProto.clone;
  const resArrayBuffer = ResponseProto.arrayBuffer;
  const resOk = getter(ResponseProto, 'ok');
  const resUrl = getter(ResponseProto, 'url');
  const NativeXhr = XMLHttpRequest;
  const XhrProto = XMLHttpRequest.prototype;
  const xhrSend = XhrProto.send;
  const xhrStatus = getter(XhrProto, 'status');
  const xhrReadyState = getter(XhrProto, 'readyState');
  const xhrResponseType = getter(XhrProto, 'responseType');
  const xhrResponseText = getter(XhrProto, 'responseText');
  const xhrResponse = getter(XhrProto, 'response');
  const xhrResponseUrl = getter(XhrProto, 'responseURL');
  const addListener = EventTarget.prototype.addEventListener;
  const blobArrayBuffer = Blob.prototype.arrayBuffer;
  const promiseThen = Promise.prototype.then;
  const regexExec = RegExp.prototype.exec;
  const TextDecoderCtor = TextDecoder;
  const decode = TextDecoder.prototype.decode;
  const utf8 = construct(TextDecoderCtor, ['utf-8', { fatal: true }]) as TextDecoder;
  const gb18030 = construct(TextDecoderCtor, ['gb18030']) as TextDecoder;
  const portPost = MessagePort.prototype.postMessage;
  const weakAdd = WeakSet.prototype.add;
  const weakHas = WeakSet.prototype.has;
  const endpoints = [...TAPPED_ENDPOINTS];
  /** Requests made with our constructor: the tap's listener is their first. */
  const ours = new WeakSet<object>();
  /** Requests that got the listener when sent (made otherwise): one listener each. */
  const late = new WeakSet<object>();

  const channel = new MessageChannel();
  const port = channel.port1;
  // The one handover, on a node out of the document (utils/sites/tap-protocol.ts), never through the
  // window, whose listeners a page that made this frame may have set before it loaded. Nothing is ever
  // read from `port`: a page that got hold of the other end could only talk to a tap that does not listen.
  const handOver = (spot: Element) => spot.dispatchEvent(new MessageEvent(TAP_PORT, { ports: [channel.port2] }));
  const root = document.documentElement;
  const waiting = root?.querySelector(`:scope > ${TAP_SPOT}`);
  if (waiting) {
    // The isolated script came first and listens on it.
    waiting.remove();
    handOver(waiting);
  } else if (root) {
    // The isolated script comes next, still at document_start: it takes the spot out and says it listens.
    const spot = document.createElement(TAP_SPOT);
    spot.addEventListener(TAP_READY, () => {
      spot.remove();
      handOver(spot);
    }, { once: true });
    root.append(spot);
  }

  const then = <T>(p: Promise<T>, ok: (v: T) => unknown) => apply(promiseThen, p, [ok, () => undefined]) as Promise<unknown>;
  const tapped = (url: unknown) => {
    if (typeof url !== 'string') return false;
    // An index loop: for…of would call the array iterator, which the page may have patched.
    for (let i = 0; i < endpoints.length; i++) {
      const re = endpoints[i]!;
      re.lastIndex = 0;
      if (apply(regexExec, re, [url]) !== null) return true;
    }
    return false;
  };
  /** A body as text: UTF-8 when it is valid UTF-8, else GB18030 (the legacy sold list). */
  const text = (bytes: ArrayBuffer): string => {
    try {
      return apply(decode, utf8, [bytes]) as string;
    } catch {
      return apply(decode, gb18030, [bytes]) as string;
    }
  };
  const hand = (url: string, body: unknown) => {
    if (typeof body !== 'string' || body.length > MAX_TAPPED_BODY_CHARS) return;
    apply(portPost, port, [{ url, text: body } satisfies TapResponse]);
  };

  window.fetch = function laokeTappedFetch(this: unknown, ...args: Parameters<typeof fetch>) {
    const pending = apply(nativeFetch, this, args) as Promise<Response>;
    then(pending, (res) => {
      const url = apply(resUrl, res, []) as string;
      if (!tapped(url) || !apply(resOk, res, [])) return;
      const copy = apply(resClone, res, []) as Response;
      // Not returned: resolving with a promise would look up its `then`, which the page may have patched.
      then(apply(resArrayBuffer, copy, []) as Promise<ArrayBuffer>, (buf) => hand(url, text(buf)));
    });
    return pending;
  } as typeof fetch;

  /**
   * The tap's listener on one request: at DONE, the body of a list endpoint is handed over. `first`: the
   * listener was registered when the request was constructed, so no listener of the page ran before it
   * and the parsed object or the bytes are as the browser made them.
   */
  const listen = (xhr: XMLHttpRequest, first: boolean) => {
    apply(addListener, xhr, ['readystatechange', (event: Event) => {
      // A scripted event on a request still under way is not a response.
      if (!event.isTrusted || apply(xhrReadyState, xhr, []) !== 4) return;
      const status = apply(xhrStatus, xhr, []) as number;
      const url = apply(xhrResponseUrl, xhr, []) as string;
      if (status < 200 || status >= 300 || !tapped(url)) return;
      try {
        switch (apply(xhrResponseType, xhr, [])) {
          case '':
          case 'text': hand(url, apply(xhrResponseText, xhr, [])); break;
          case 'json': if (first) hand(url, parsedJsonText(apply(xhrResponse, xhr, []), MAX_TAPPED_BODY_CHARS)); break;
          case 'arraybuffer': if (first) hand(url, text(apply(xhrResponse, xhr, []) as ArrayBuffer)); break;
          case 'blob': then(apply(blobArrayBuffer, apply(xhrResponse, xhr, []) as Blob, []) as Promise<ArrayBuffer>, (b) => hand(url, text(b))); break;
        }
      } catch {
        // A body we cannot read is simply not handed over.
      }
    }]);
  };

  // The constructor the page gets: the native one's instance, with the tap's listener first.
  const TappedXhr = function XMLHttpRequest(this: unknown) {
    if (new.target === undefined) {
      throw new TypeError("Failed to construct 'XMLHttpRequest': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
    }
    const xhr = construct(NativeXhr, [], new.target) as XMLHttpRequest;
    apply(weakAdd, ours, [xhr]);
    listen(xhr, true);
    return xhr;
  };
  defineProperty(TappedXhr, 'prototype', { value: XhrProto, writable: false, enumerable: false, configurable: false });
  Object.setPrototypeOf(TappedXhr, Object.getPrototypeOf(NativeXhr) as object);
  for (const name of ['UNSENT', 'OPENED', 'HEADERS_RECEIVED', 'LOADING', 'DONE'] as const) {
    defineProperty(TappedXhr, name, { value: NativeXhr[name], writable: false, enumerable: true, configurable: false });
  }
  defineProperty(XhrProto, 'constructor', { value: TappedXhr, writable: true, enumerable: false, configurable: true });
  defineProperty(window, 'XMLHttpRequest', { value: TappedXhr, writable: true, enumerable: false, configurable: true });

  // A request not made with our constructor (another realm's, say) gets the listener when it is sent.
  XhrProto.send = function laokeTappedSend(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const xhr = this;
    if (!apply(weakHas, ours, [xhr]) && !apply(weakHas, late, [xhr])) {
      apply(weakAdd, late, [xhr]);
      listen(xhr, false);
    }
    return apply(xhrSend, xhr, [body]);
  };
}
