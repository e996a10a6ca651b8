// The digests' log folded into their bases in the background (the service worker, issue 20), so that
// the analytics page and the audience builder open on a base instead of folding a whole ingest's log.
//
// readShopDigest (digest.ts) decodes every row into an object, folds the log through a Map of every
// row and encodes the result again: over 250,000 orders that is seconds of one thread and a heap of
// objects. Here the fold is done on the columns themselves, in slices that yield (`pause`) every few
// milliseconds so the worker keeps answering the badges:
// - each source (the base, and every log entry after it) gives its rows' primary keys;
// - the log is folded by key in log order (the last write of a key wins; a deletion removes it);
// - the base (already in primary-key order) and the log's keys (sorted) are merged into one sequence
//   of (source, row) picks, in primary-key order, as `toArray()` would give the rows;
// - every column (and every child table: an order's items, a customer's lists) is copied from the
//   picks, strings remapped to one dictionary in first-use order, as the encoders build them.
// The result decodes to exactly the rows readShopDigest folds (utils/db/digest-compact.test.ts), and is
// written by the same rule (writeBases): only over a base unchanged since it was read, dropping only the
// log that base now holds, keeping the entries after the popup's state.
import {
  logAfter, mustRebuild, writeBases, type Columns, type DigestBase, type DigestDb, type DigestLogEntry, type DigestTable,
  type EncodedCustomers, type EncodedOrders, type NumCol, type StrCol,
} from './digest';

/** Waits between slices (the background's turn: utils/db callers pass what their thread needs). */
export type Pause = () => Promise<void>;

/** A table's encoding: the row columns and its child tables (each row's count of children in `rows.f[child]`, -1: absent). */
type Encoded = { rows: Columns } & Record<string, Columns>;
const CHILDREN: Record<DigestTable, readonly string[]> = { orders: ['items'], customers: ['items', 'ids', 'tags', 'bought'] };

/** Log entries read per transaction (each holds up to a bulk write's rows). */
const ENTRIES_PER_READ = 4;

/** Slices of work: `due()` once the slice has run its budget; `next()` pauses and starts a new slice. */
class Slices {
  private since = performance.now();
  constructor(private readonly pause: Pause, private readonly budgetMs: number) {}
  due(): boolean {
    return performance.now() - this.since >= this.budgetMs;
  }
  async next(): Promise<void> {
    await this.pause();
    this.since = performance.now();
  }
}

/** Every 1,024 iterations, a pause if the slice is over its budget. */
const STEP = 1023;

async function dictOf(c: StrCol, s: Slices): Promise<string[]> {
  const out = new Array<string>(c.lens.length);
  let p = 0;
  for (let i = 0; i < c.lens.length; i++) {
    if ((i & STEP) === 0 && s.due()) await s.next();
    const end = p + c.lens[i]!;
    out[i] = c.dict.substring(p, end);
    p = end;
  }
  return out;
}

/** The primary key of each row, as digest.ts's fold keys them (orders: platform, NUL, orderId; customers: key). */
async function keysOf(t: DigestTable, rows: Columns, s: Slices): Promise<string[]> {
  const out = new Array<string>(rows.n);
  const at = (d: string[], k: number) => (k < 0 ? 'undefined' : d[k]!);
  if (t === 'customers') {
    const c = rows.s.key!;
    const d = await dictOf(c, s);
    for (let i = 0; i < rows.n; i++) {
      if ((i & STEP) === 0 && s.due()) await s.next();
      out[i] = at(d, c.idx[i]!);
    }
    return out;
  }
  const pc = rows.s.platform!;
  const oc = rows.s.orderId!;
  const [pd, od] = [await dictOf(pc, s), await dictOf(oc, s)];
  for (let i = 0; i < rows.n; i++) {
    if ((i & STEP) === 0 && s.due()) await s.next();
    out[i] = `${at(pd, pc.idx[i]!)}\u0000${at(od, oc.idx[i]!)}`;
  }
  return out;
}

/** Strings sorted by code unit (IndexedDB's order), natively in runs and merged in slices. */
async function sortKeys(keys: string[], s: Slices): Promise<string[]> {
  const RUN = 4096;
  let runs: string[][] = [];
  for (let i = 0; i < keys.length; i += RUN) {
    if (s.due()) await s.next();
    runs.push(keys.slice(i, i + RUN).sort());
  }
  while (runs.length > 1) {
    const merged: string[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const a = runs[r]!;
      const b = runs[r + 1];
      if (!b) {
        merged.push(a);
        continue;
      }
      const out = new Array<string>(a.length + b.length);
      let i = 0;
      let j = 0;
      let k = 0;
      while (i < a.length && j < b.length) {
        if ((k & STEP) === 0 && s.due()) await s.next();
        out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
      }
      while (i < a.length) out[k++] = a[i++]!;
      while (j < b.length) out[k++] = b[j++]!;
      merged.push(out);
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

/** Rows picked from the sources, in order: source index and row index per output row. */
interface Picks { src: Int32Array; row: Int32Array; n: number }

/** One table's columns built from picked rows of the sources (all written by the same encoder). */
async function pickColumns(sources: readonly (Columns | undefined)[], picks: Picks, s: Slices): Promise<Columns> {
  const shape = sources.find((c) => c !== undefined)!;
  const { src, row, n } = picks;
  const out: Columns = { n, s: {}, f: {} };
  for (const name of Object.keys(shape.s)) {
    const idx = new Int32Array(n);
    const list: string[] = [];
    const seen = new Map<string, number>();
    // Per source, its dictionary index → the output's (-1: not seen yet), and its strings when needed.
    const remap = sources.map((c) => (c ? new Int32Array(c.s[name]!.lens.length).fill(-1) : null));
    const dicts: (string[] | null)[] = sources.map(() => null);
    for (let p = 0; p < n; p++) {
      if ((p & STEP) === 0 && s.due()) await s.next();
      const j = src[p]!;
      const col = sources[j]!.s[name]!;
      const k = col.idx[row[p]!]!;
      if (k < 0) {
        idx[p] = -1;
        continue;
      }
      const m = remap[j]!;
      let o = m[k]!;
      if (o < 0) {
        const d = (dicts[j] ??= await dictOf(col, s));
        const str = d[k]!;
        o = seen.get(str) ?? -1;
        if (o < 0) {
          o = list.length;
          list.push(str);
          seen.set(str, o);
        }
        m[k] = o;
      }
      idx[p] = o;
    }
    out.s[name] = { dict: list.join(''), lens: Uint32Array.from(list, (x) => x.length), idx };
  }
  for (const name of Object.keys(shape.f)) {
    const optional = shape.f[name]!.has !== undefined;
    const v = new Float64Array(n);
    const has = optional ? new Uint8Array(n) : undefined;
    for (let p = 0; p < n; p++) {
      if ((p & STEP) === 0 && s.due()) await s.next();
      const col: NumCol = sources[src[p]!]!.f[name]!;
      const r = row[p]!;
      v[p] = col.v[r]!;
      if (has) has[p] = col.has ? col.has[r]! : 1;
    }
    out.f[name] = has ? { v, has } : { v };
  }
  return out;
}

/** The child rows of picked rows: each picked row's children, in order (offsets per source from the counts). */
async function childPicks(sources: readonly (Encoded | undefined)[], picks: Picks, child: string, s: Slices): Promise<Picks> {
  const offsets = sources.map((e) => {
    if (!e) return null;
    const count = e.rows.f[child]!.v;
    const off = new Int32Array(e.rows.n + 1);
    for (let i = 0; i < e.rows.n; i++) off[i + 1] = off[i]! + Math.max(0, count[i]!);
    return off;
  });
  let total = 0;
  for (let p = 0; p < picks.n; p++) {
    const off = offsets[picks.src[p]!]!;
    const r = picks.row[p]!;
    total += off[r + 1]! - off[r]!;
  }
  const src = new Int32Array(total);
  const row = new Int32Array(total);
  let k = 0;
  for (let p = 0; p < picks.n; p++) {
    if ((p & STEP) === 0 && s.due()) await s.next();
    const j = picks.src[p]!;
    const off = offsets[j]!;
    const r = picks.row[p]!;
    for (let c = off[r]!; c < off[r + 1]!; c++, k++) {
      src[k] = j;
      row[k] = c;
    }
  }
  return { src, row, n: total };
}

/**
 * A table's base with its log folded in, on the columns: the same rows, in the same order, as decoding
 * the base and folding the log (digest.ts's fold) gives, encoded as the encoder would encode them.
 */
export async function foldColumns(t: DigestTable, base: Encoded | undefined, log: readonly DigestLogEntry[], pause: Pause, budgetMs = 8): Promise<Encoded> {
  const s = new Slices(pause, budgetMs);
  const entries = log.map((e) => (t === 'orders' ? e.orders : e.customers) as Encoded | undefined);
  // Source 0 is the base; source i + 1 is log entry i.
  const sources: (Encoded | undefined)[] = [base, ...entries];
  // The log by key, in log order: the last write wins, a deletion removes (-1). Ref: source × 2^26 + row.
  const SHIFT = 2 ** 26;
  const last = new Map<string, number>();
  for (let i = 0; i < log.length; i++) {
    const e = entries[i];
    if (e) {
      const keys = await keysOf(t, e.rows, s);
      for (let r = 0; r < keys.length; r++) {
        if ((r & STEP) === 0 && s.due()) await s.next();
        last.set(keys[r]!, (i + 1) * SHIFT + r);
      }
    }
    for (const k of log[i]!.deleted ?? []) last.set(k, -1);
  }
  const touched = await sortKeys([...last.keys()], s);
  const baseKeys = base ? await keysOf(t, base.rows, s) : [];
  // The base (in key order) and the log's keys (sorted), merged.
  const size = baseKeys.length + touched.length;
  const picks: Picks = { src: new Int32Array(size), row: new Int32Array(size), n: 0 };
  const take = (ref: number) => {
    if (ref < 0) return;
    picks.src[picks.n] = Math.floor(ref / SHIFT);
    picks.row[picks.n] = ref % SHIFT;
    picks.n++;
  };
  let i = 0;
  let j = 0;
  let steps = 0;
  while (i < baseKeys.length || j < touched.length) {
    if ((++steps & STEP) === 0 && s.due()) await s.next();
    if (j >= touched.length || (i < baseKeys.length && baseKeys[i]! < touched[j]!)) {
      picks.src[picks.n] = 0;
      picks.row[picks.n] = i++;
      picks.n++;
    } else {
      // A key the log wrote (or deleted): the log's version replaces the base's row, if any.
      if (i < baseKeys.length && baseKeys[i] === touched[j]) i++;
      take(last.get(touched[j++]!)!);
    }
  }
  const rows = await pickColumns(sources.map((e) => e?.rows), picks, s);
  const out: Encoded = { rows } as Encoded;
  for (const child of CHILDREN[t]) {
    out[child] = await pickColumns(sources.map((e) => e?.[child]), await childPicks(sources, picks, child, s), s);
  }
  return out;
}

export interface BackgroundCompaction {
  /** Log entries folded into the bases written, per table (absent: that table not written). */
  folded: Partial<Record<DigestTable, number>>;
  /** Tables left to the pages: their digest must be read again from the records (the pages do that). */
  rebuild: DigestTable[];
}

/**
 * Folds the log into both bases in slices (`pause` between them), reading the log a few entries per
 * transaction so that no write waits long behind a read; writes the bases by writeBases' rules. A table
 * whose digest must be rebuilt from its records is left to the pages (reading every record is theirs).
 */
export async function compactInBackground(db: DigestDb, pause: Pause, budgetMs = 8): Promise<BackgroundCompaction> {
  const { ob, cb, last } = await db.transaction('r', [db.digests, db.digestLog], async () => {
    const [ob, cb] = await db.digests.bulkGet(['orders', 'customers']);
    const lastKey = await db.digestLog.orderBy(':id').lastKey();
    return { ob, cb, last: typeof lastKey === 'number' ? lastKey : 0 };
  });
  // From the lowest entry a base still has in the log (entries kept for the popup's state included:
  // they are dropped here once the state has folded them).
  const from = Math.min(ob?.dropped ?? ob?.upTo ?? 0, cb?.dropped ?? cb?.upTo ?? 0);
  const result: BackgroundCompaction = { folded: {}, rebuild: [] };
  if (last <= from) return result;
  const log: DigestLogEntry[] = [];
  // Entries up to `last` are never rewritten, only dropped: one that another compaction drops meanwhile
  // is in the base it wrote, which then differs from the one read here, and writeBases writes nothing.
  for (let at = from; ;) {
    await pause();
    const chunk = await db.digestLog.where(':id').between(at, last, false, true).limit(ENTRIES_PER_READ).toArray();
    for (const e of chunk) log.push(e);
    if (chunk.length < ENTRIES_PER_READ) break;
    at = chunk[chunk.length - 1]!.id!;
  }
  const bases: DigestBase[] = [];
  const read: (DigestBase | undefined)[] = [];
  const drop: Partial<Record<DigestTable, number[]>> = {};
  for (const [t, base] of [['orders', ob], ['customers', cb]] as const) {
    const after = logAfter(log, t, base);
    if (after.length === 0) continue;
    if (mustRebuild(t, base, log)) {
      result.rebuild.push(t);
      continue;
    }
    const folded = await foldColumns(t, (t === 'orders' ? base?.orders : base?.customers) as Encoded | undefined, after, pause, budgetMs);
    bases.push(t === 'orders' ? { table: t, upTo: last, orders: folded as unknown as EncodedOrders } : { table: t, upTo: last, customers: folded as unknown as EncodedCustomers });
    read.push(base);
    drop[t] = log.filter((e) => e.table === t).map((e) => e.id!);
    result.folded[t] = after.length;
  }
  if (bases.length === 0) return result;
  await pause();
  await writeBases(db, last, bases, read, drop);
  return result;
}
