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

import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONSOLE_MATCHES } from '@/utils/sites/hosts';
import { MAX_TAPPED_BODY_CHARS, TAPPED_ENDPOINTS } from '@/utils/sites/endpoints';
import { TAP_SOURCE, type TapHandover, type TapResponse } from '@/utils/sites/tap-protocol';

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
  const nativeFetch = window.fetch;
  const ResponseProto = Response.prototype;
  const resClone = ResponseProto.clone;
  const resArrayBuffer = ResponseProto.arrayBuffer;
  const resOk = getter(ResponseProto, 'ok');
  const resUrl = getter(ResponseProto, 'url');
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
  const stringify = JSON.stringify;
  const TextDecoderCtor = TextDecoder;
  const decode = TextDecoder.prototype.decode;
  const utf8 = construct(TextDecoderCtor, ['utf-8', { fatal: true }]) as TextDecoder;
  const gb18030 = construct(TextDecoderCtor, ['gb18030']) as TextDecoder;
  const portPost = MessagePort.prototype.postMessage;
  const endpoints = [...TAPPED_ENDPOINTS];

  const channel = new MessageChannel();
  const port = channel.port1;
  // The one handover. Nothing is ever read from `port`: a page that got hold of the other end could only
  // talk to a tap that does not listen.
  window.postMessage({ source: TAP_SOURCE, kind: 'port' } satisfies TapHandover, location.origin, [channel.port2]);

  const then = <T>(p: Promise<T>, ok: (v: T) => unknown) => apply(promiseThen, p, [ok, () => undefined]) as Promise<unknown>;
  const tapped = (url: unknown) => {
    if (typeof url !== 'string') return false;
    for (const re of endpoints) {
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
      return then(apply(resArrayBuffer, copy, []) as Promise<ArrayBuffer>, (buf) => hand(url, text(buf)));
    });
    return pending;
  } as typeof fetch;

  // Which URL a request went to is known only when it loaded (responseURL, after redirects): every
  // request gets one listener, which reads nothing unless the URL is a list endpoint.
  XhrProto.send = function laokeTappedSend(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const xhr = this;
    apply(addListener, xhr, ['load', (event: Event) => {
      // A scripted 'load' on a request still under way is not a response.
      if (!event.isTrusted || apply(xhrReadyState, xhr, []) !== 4) return;
      const status = apply(xhrStatus, xhr, []) as number;
      const url = apply(xhrResponseUrl, xhr, []) as string;
      if (status < 200 || status >= 300 || !tapped(url)) return;
      try {
        switch (apply(xhrResponseType, xhr, [])) {
          case '':
          case 'text': hand(url, apply(xhrResponseText, xhr, [])); break;
          case 'json': hand(url, stringify(apply(xhrResponse, xhr, []))); break;
          case 'arraybuffer': hand(url, text(apply(xhrResponse, xhr, []) as ArrayBuffer)); break;
          case 'blob': then(apply(blobArrayBuffer, apply(xhrResponse, xhr, []) as Blob, []) as Promise<ArrayBuffer>, (b) => hand(url, text(b))); break;
        }
      } catch {
        // A body we cannot read is simply not handed over.
      }
    }]);
    return apply(xhrSend, xhr, [body]);
  };
}
