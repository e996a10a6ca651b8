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

export type Shape = string | { [key: string]: Shape } | { array: string; of: Shape[] };

/** The shape of a JSON value, with no value in it. */
export function shapeOf(value: unknown, depth = 0): Shape {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return stringShape(value);
  if (typeof value === 'number') return numberShape(value);
  if (typeof value === 'boolean') return 'bool';
  if (typeof value !== 'object') return typeof value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) {
    // Distinct element shapes, in the order first met (most lists have one).
    const seen = new Map<string, Shape>();
    for (const el of value.slice(0, SAMPLED_ELEMENTS)) {
      const s = shapeOf(el, depth + 1);
      seen.set(JSON.stringify(s), s);
    }
    return { array: `×${value.length}`, of: [...seen.values()] };
  }
  const out: { [key: string]: Shape } = {};
  const keys = Object.keys(value);
  for (const key of keys.slice(0, MAX_KEYS)) out[safeKey(key)] = shapeOf((value as Record<string, unknown>)[key], depth + 1);
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
  return JSON.stringify({
    laokeDiagnosis: 1,
    pageKind: d.pageKind,
    version: d.version,
    ...(d.path ? { path: d.path.replace(/\d{4,}/g, (n) => `<D${n.length}>`).slice(0, 200) } : {}),
    reason: scrubReason(d.reason),
    ...(d.body !== undefined ? { shape: shapeOf(d.body) } : {}),
  }, null, 1);
}
