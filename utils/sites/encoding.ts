// Taobao bodies can be GBK while claiming nothing (shared/CONSOLES.md, "Encoding"): decode as UTF-8 and,
// if that produced replacement characters, as gb18030 (a superset of GBK).
export function decodeBody(bytes: ArrayBuffer | Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (!utf8.includes('\uFFFD')) return utf8;
  try {
    return new TextDecoder('gb18030').decode(bytes);
  } catch {
    return utf8;
  }
}

/** Body text → JSON value, or undefined when it is not JSON (an HTML login or error page, say). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
