// Team sync (团队同步, issue 21): how two machines' versions of the same shared document become one, the
// same on every machine whatever order the versions arrive in. Pure: no database, no network.
//
// The seller's own data (a buyer's tags, note, phone; a setting; a task's state) is kept per field, each
// field with who wrote it and when. Two versions merge field by field, the later write winning
// (last-writer-wins); at the same millisecond the larger agent name wins, and at the same agent the
// larger value (as canonical JSON), so that every machine picks the same. The merge is a join: it does
// not matter in which order, how often or in which grouping versions are merged (the unit tests check
// commutativity, associativity and idempotence on random versions). CouchDB's `_conflicts` are resolved
// by merging all of the conflicting revisions this way.
//
// A deletion (删除此客户, retention) is a tombstone with its time: it removes every field written at or
// before it, on every machine; what an agent writes after it (a new note on a buyer who came back) stays.

/** One field as written: the value, when (ms since epoch, the writer's clock) and by which agent. */
export interface Stamped<T = unknown> {
  v: T;
  at: number;
  agent: string;
}

/** A shared document of the seller's own data: field name → its last write. */
export type FieldDoc = Record<string, Stamped>;

/** A deletion: every field written at or before `at` is gone. */
export interface Tombstone {
  at: number;
  agent: string;
}

/** JSON with object keys sorted: two equal values give the same text on every machine. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Which of two writes of one field wins: > 0 when `a` does. A total order: equal only when identical. */
export function compareWrites(a: Stamped, b: Stamped): number {
  if (a.at !== b.at) return a.at - b.at;
  const byAgent = compareText(a.agent, b.agent);
  if (byAgent !== 0) return byAgent;
  return compareText(canonicalJson(a.v), canonicalJson(b.v));
}

/** Two versions of a document, field by field. */
export function mergeFields(a: FieldDoc, b: FieldDoc): FieldDoc {
  const out: FieldDoc = { ...a };
  for (const [k, w] of Object.entries(b)) {
    const mine = out[k];
    if (!mine || compareWrites(w, mine) > 0) out[k] = w;
  }
  return out;
}

/** Every version of a document (CouchDB's winner and its `_conflicts`) as one; empty for none. */
export function resolveVersions(versions: readonly FieldDoc[]): FieldDoc {
  return versions.reduce<FieldDoc>((acc, v) => mergeFields(acc, v), {});
}

/** The later of two deletions of the same thing (the same rule as a field's write). */
export function laterTombstone(a: Tombstone | undefined, b: Tombstone | undefined): Tombstone | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareWrites({ v: null, ...a }, { v: null, ...b }) >= 0 ? a : b;
}

/** What of a document a deletion leaves: only the fields written after it. */
export function afterTombstone(doc: FieldDoc, tomb: Tombstone | undefined): FieldDoc {
  if (!tomb) return doc;
  const out: FieldDoc = {};
  for (const [k, w] of Object.entries(doc)) if (w.at > tomb.at) out[k] = w;
  return out;
}

/** A field written now by this agent, on top of what the document holds. */
export function writeField<T>(doc: FieldDoc, field: string, v: T, at: number, agent: string): FieldDoc {
  return mergeFields(doc, { [field]: { v, at, agent } });
}

/** The document's values without their stamps (what the local database stores). */
export function valuesOf(doc: FieldDoc): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).map(([k, w]) => [k, w.v]));
}
