// A diagnosis the seller can send (issue 16): when a page is not understood, what the maintainers need
// to fix the adapter — the page kind, the version, the reason and the *shape* of the response — with
// every value removed. No name, id, amount, address or text of the page survives: keys are kept (they
// are the platform's field names), values become their kind, strings their length and the classes of
// characters in them, arrays their length and the shapes of their elements.

/** How deep and how wide a shape is written; beyond, "…". */
const MAX_DEPTH = 8;
const MAX_KEYS = 60;
/** The elements of an array whose shapes are merged: enough to see a field appear or change kind. */
const SAMPLED_ELEMENTS = 20;
/** The longest diagnosis written (what the background keeps). */
export const MAX_DIAGNOSIS_CHARS = 20_000;

/** The classes of characters in a string: d digits, a latin letters, h 汉字, s space, p punctuation, o other. */
function classes(s: string): string {
  const seen = new Set<string>();
  for (const ch of s) {
    if (/\d/.test(ch)) seen.add('d');
    else if (/[A-Za-z]/.test(ch)) seen.add('a');
    else if (/\p{Script=Han}/u.test(ch)) seen.add('h');
    else if (/\s/.test(ch)) seen.add('s');
    else if (/[\p{P}\p{S}]/u.test(ch)) seen.add('p');
    else seen.add('o');
  }
  return [...seen].sort().join('');
}

/** A string's shape: `str L<length> <classes>`, e.g. "茶客小林" → `str L4 h`; no character of it. */
function stringShape(s: string): string {
  return `str L${[...s].length}${s ? ` ${classes(s)}` : ''}`;
}

function numberShape(n: number): string {
  if (!Number.isFinite(n)) return 'num non-finite';
  if (Number.isInteger(n)) return `int${n < 0 ? ' neg' : ''} D${String(Math.abs(n)).length}`;
  return `float${n < 0 ? ' neg' : ''}`;
}

export type ArrayShape = { array: string; of: Shape[] };
export type Shape = string | { [key: string]: Shape } | ArrayShape;
const isArrayShape = (s: Shape): s is ArrayShape => typeof s === 'object' && typeof s.array === 'string' && Array.isArray((s as ArrayShape).of);

const STR = /^str L(\d+)(?:-(\d+))? ?([a-z]*)$/;
const INT = /^int( neg)? D(\d+)(?:-(\d+))?$/;

/**
 * Two shapes met at one place (elements of one list) as one: string lengths and digit counts become a
 * range, character classes a union, objects the union of their keys (a key missing from some is marked
 * `?`), and different kinds are listed (`a | b`). Forty rows with names of different lengths read as one
 * row shape, so a diagnosis stays small and a field that changed kind still shows.
 */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return a;
    const sa = STR.exec(a), sb = STR.exec(b);
    if (sa && sb) {
      const lo = Math.min(Number(sa[1]), Number(sb[1])), hi = Math.max(Number(sa[2] ?? sa[1]), Number(sb[2] ?? sb[1]));
      const cls = [...new Set([...(sa[3] ?? ''), ...(sb[3] ?? '')])].sort().join('');
      return `str L${lo === hi ? lo : `${lo}-${hi}`}${cls ? ` ${cls}` : ''}`;
    }
    const ia = INT.exec(a), ib = INT.exec(b);
    if (ia && ib) {
      const lo = Math.min(Number(ia[2]), Number(ib[2])), hi = Math.max(Number(ia[3] ?? ia[2]), Number(ib[3] ?? ib[2]));
      return `int${ia[1] || ib[1] ? ' neg' : ''} D${lo === hi ? lo : `${lo}-${hi}`}`;
    }
    const kinds = new Set([...a.split(' | '), ...b.split(' | ')]);
    return [...kinds].slice(0, 6).join(' | ');
  }
  if (typeof a === 'object' && typeof b === 'object' && !isArrayShape(a) && !isArrayShape(b)) {
    const out: { [key: string]: Shape } = {};
    const plain = (k: string) => k.replace(/^\?/, '');
    const at = (o: { [key: string]: Shape }, k: string) => o[k] ?? o[`?${k}`];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)].map(plain))];
    for (const k of keys.slice(0, MAX_KEYS)) {
      const x = at(a, k), y = at(b, k);
      const optional = x === undefined || y === undefined || `?${k}` in a || `?${k}` in b;
      out[optional ? `?${k}` : k] = x === undefined ? y! : y === undefined ? x : mergeShapes(x, y);
    }
    return out;
  }
  if (isArrayShape(a) && isArrayShape(b)) {
    const of = a.of.length === 1 && b.of.length === 1 ? [mergeShapes(a.of[0]!, b.of[0]!)] : [...a.of, ...b.of].slice(0, 5);
    return { array: a.array === b.array ? a.array : `${a.array}|${b.array}`, of };
  }
  return typeof a === 'string' ? `${a} | object` : typeof b === 'string' ? `object | ${b}` : a;
}

/** The shape of a JSON value, with no value in it. */
export function shapeOf(value: unknown, depth = 0, maxDepth = MAX_DEPTH): Shape {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return stringShape(value);
  if (typeof value === 'number') return numberShape(value);
  if (typeof value === 'boolean') return 'bool';
  if (typeof value !== 'object') return typeof value;
  if (depth >= maxDepth) return '…';
  if (Array.isArray(value)) {
    // The sampled elements merged into one shape (most lists hold one kind of row).
    const sampled = value.slice(0, SAMPLED_ELEMENTS).map((el) => shapeOf(el, depth + 1, maxDepth));
    const merged = sampled.length ? [sampled.reduce((x, y) => mergeShapes(x, y))] : [];
    return { array: `×${value.length}`, of: merged };
  }
  const out: { [key: string]: Shape } = {};
  const keys = Object.keys(value);
  for (const key of keys.slice(0, MAX_KEYS)) out[safeKey(key)] = shapeOf((value as Record<string, unknown>)[key], depth + 1, maxDepth);
  if (keys.length > MAX_KEYS) out['…'] = `+${keys.length - MAX_KEYS} keys`;
  return out;
}

/**
 * Keys are the platform's field names, except where a page keys a map by values (order numbers, buyer
 * ids as keys): a key that is not a plain identifier is written as its shape.
 */
function safeKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]{0,40}$/.test(key) && !/\d{4,}/.test(key) ? key : `<${stringShape(key)}>`;
}

/**
 * A reason with its values removed: a quoted part becomes its shape, a run of digits its length (an
 * order number or an amount), and any run of 汉字 or letters outside the adapter's own words (which
 * name fields and rules in ASCII) becomes its shape too.
 */
export function scrubReason(reason: string): string {
  return reason
    .replace(/"[^"]*"|'[^']*'|“[^”]*”|「[^」]*」/g, (q) => `<${stringShape(q.slice(1, -1))}>`)
    .replace(/[^\x00-\x7f]+/g, (run) => `<${stringShape(run)}>`)
    .replace(/(?<![LD\d])\d{3,}/g, (digits) => `<D${digits.length}>`);
}

export interface DiagnosisInput {
  pageKind: string;
  version: string;
  reason: string;
  /** The response as parsed (JSON), when it was one; its shape only is written. */
  body?: unknown;
  /** The page's path (never its query: it may carry ids). */
  path?: string;
}

/** The text 复制诊断信息 copies. */
export function diagnosisText(d: DiagnosisInput): string {
  // Shallower until it fits what the background keeps: a cut text would not parse.
  for (const depth of [MAX_DEPTH, 5, 3, 1]) {
    const text = JSON.stringify({
      laokeDiagnosis: 1,
      pageKind: d.pageKind,
      version: d.version,
      ...(d.path ? { path: d.path.replace(/\d{4,}/g, (n) => `<D${n.length}>`).slice(0, 200) } : {}),
      reason: scrubReason(d.reason),
      ...(d.body !== undefined ? { shape: shapeOf(d.body, 0, depth) } : {}),
    }, null, 1);
    if (text.length <= MAX_DIAGNOSIS_CHARS || depth === 1) return text.slice(0, MAX_DIAGNOSIS_CHARS);
  }
  return '';
}
