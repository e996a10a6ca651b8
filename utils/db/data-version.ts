// One data version for the whole database. Every write transaction, from any extension context (the
// background, the dashboard, the popup), bumps a counter in meta 'dataVersion' inside the same
// transaction, so a cache keyed on it can never outlive the data it was computed from, and no writer
// has to remember whom to tell. It is done once, in a Dexie middleware installed by the schema module.
//
// The counter also notes, per store (and per meta key), the version that last changed it, for the few
// caches that depend on one thing only (the sentiment model). Bookkeeping that is itself derived from
// the data (parser health, the popup's snapshot, the task counts, the conflict log, the retention
// clock) does not bump it: recomputing a cache must not invalidate the cache.
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction, type Middleware, type Table } from 'dexie';

export const DATA_VERSION_KEY = 'dataVersion';

export interface DataVersion {
  /** Bumped once by every write transaction that changed the seller's data. */
  version: number;
  /** Store name, or `meta:<key>`, → the version of the last transaction that changed it. */
  changed: Record<string, number>;
}

export const NO_VERSION: DataVersion = { version: 0, changed: {} };

/** Stores whose writes are bookkeeping, not data. */
const QUIET_STORES: ReadonlySet<string> = new Set(['health', 'digests', 'digestLog', 'syncOutbox', 'sync']);
/** Meta keys computed from the data or about the machine: writing them changes nothing a cache reads. */
const QUIET_META: ReadonlySet<string> = new Set([DATA_VERSION_KEY, 'pulse', 'taskSummary', 'identityConflicts', 'retentionRunAt', 'itemCycles']);

/** Transactions whose writes are bookkeeping only (see quietly). */
const QUIET_TRANSACTIONS = new WeakSet<object>();

/**
 * Run `fn` in a write transaction that does not move the data version: for refreshing what no cache
 * reads (when a record was last seen). Use it for nothing a derived value depends on.
 */
export function quietly<T>(db: Dexie, tables: Table[], fn: () => Promise<T>): Promise<T> {
  return db.transaction('rw', tables, () => {
    const trans = Dexie.currentTransaction?.idbtrans;
    if (trans) QUIET_TRANSACTIONS.add(trans);
    return fn();
  });
}

/** What a mutation touches, as `changed` names it; empty when it is bookkeeping only. */
function touched(table: string, req: DBCoreMutateRequest): string[] {
  if (QUIET_STORES.has(table)) return [];
  if (table !== 'meta') return [table];
  if (req.type === 'deleteRange') return ['meta:*'];
  const keys: unknown[] = req.type === 'delete' ? req.keys : req.keys ?? req.values.map((v: { key?: unknown }) => v?.key);
  return [...new Set(keys.filter((k): k is string => typeof k === 'string' && !QUIET_META.has(k)).map((k) => `meta:${k}`))];
}

function asIdb(trans: DBCoreTransaction): IDBTransaction {
  return trans as unknown as IDBTransaction;
}

/**
 * The middleware. Write transactions always include `meta` (added at the core level, as Dexie's own
 * add-ons add their change tables); the first write to each store in a transaction reads the counter
 * and writes it back within that transaction, so the bump commits or aborts with the data.
 */
export const dataVersionMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'laoke-data-version',
  create(down) {
    // Per transaction: the version it bumps to, and every name it changed so far.
    const bumped = new WeakMap<DBCoreTransaction, { version?: number; names: Set<string> }>();
    const meta = (): DBCoreTable => down.table('meta');

    function record(trans: DBCoreTransaction, names: string[]): void {
      const idb = asIdb(trans);
      if (QUIET_TRANSACTIONS.has(trans)) return;
      // Early schema upgrades run before the meta store exists (created in v3); later ones bump it.
      if (!idb.objectStoreNames?.contains('meta')) return;
      let state = bumped.get(trans);
      if (!state) bumped.set(trans, (state = { names: new Set() }));
      const fresh = names.filter((n) => !state.names.has(n));
      if (fresh.length === 0) return;
      for (const n of fresh) state.names.add(n);
      const s = state;
      // The read is issued now, before the data's own write, and the counter's write from its success:
      // both land before the data write completes, so before Dexie commits the transaction, and they
      // commit or abort with it. Each write carries every name of the transaction, whichever lands last.
      meta().get({ trans, key: DATA_VERSION_KEY })
        .then((row: { value?: DataVersion } | undefined) => {
          const current = row?.value ?? NO_VERSION;
          s.version ??= current.version + 1;
          const changed = { ...current.changed };
          for (const n of s.names) changed[n] = s.version;
          const value: DataVersion = { version: s.version, changed };
          return meta().mutate({ type: 'put', trans, values: [{ key: DATA_VERSION_KEY, value, updatedAt: Date.now() }] });
        })
        .catch(() => {
          try {
            idb.abort();
          } catch {
            // already finished or aborted
          }
        });
    }

    return {
      ...down,
      transaction(stores, mode, options) {
        const all = mode === 'readwrite' && !stores.includes('meta') && down.schema.tables.some((t) => t.name === 'meta') ? [...stores, 'meta'] : stores;
        return down.transaction(all, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate(req) {
            const names = touched(name, req);
            if (names.length > 0) record(req.trans, names);
            return table.mutate(req);
          },
        };
      },
    };
  },
};

/** The database's current data version (0 before the first write). */
export async function readDataVersion(db: { meta: { get(key: string): Promise<{ value: unknown } | undefined> } }): Promise<DataVersion> {
  return ((await db.meta.get(DATA_VERSION_KEY))?.value as DataVersion | undefined) ?? NO_VERSION;
}

/**
 * The version as far as a reader of `stores` is concerned: the last version that changed one of them
 * (a meta key is named `meta:<key>`; clearing meta changes every key). Without `stores`, any write counts.
 */
export function versionOf(dv: DataVersion, stores?: readonly string[]): number {
  if (!stores) return dv.version;
  let v = 0;
  for (const s of stores) v = Math.max(v, dv.changed[s] ?? 0, s.startsWith('meta:') ? dv.changed['meta:*'] ?? 0 : 0);
  return v;
}

type VersionSource = Parameters<typeof readDataVersion>[0];

/**
 * A value derived from the database, computed when first asked for and again whenever the data it
 * reads changed (by anyone, in any extension context), or when it is older than `maxAgeMs` (for values
 * that move with the clock, such as "days since the last purchase").
 */
export class VersionedCache<T> {
  private entry: { version: number; at: number; value: Promise<T> } | undefined;

  constructor(
    private readonly source: () => VersionSource,
    private readonly load: (now: number) => Promise<T>,
    private readonly opts: { stores?: readonly string[]; maxAgeMs?: number } = {},
  ) {}

  async get(now = Date.now()): Promise<T> {
    // Read before loading: the load sees this version or a later one, so a kept value is never older
    // than the version it is kept under (at worst it is computed once more).
    const version = versionOf(await readDataVersion(this.source()), this.opts.stores);
    const e = this.entry;
    if (e && e.version === version && now - e.at <= (this.opts.maxAgeMs ?? Infinity)) return e.value;
    const value = this.load(now);
    const entry = { version, at: now, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }

  /**
   * After a write of our own whose whole effect `update` applies to the kept value: keep it under the
   * write's version instead of computing it again. `prior` and `mine` are the version (as versionOf
   * these stores) read inside the writing transaction before and after its write, so the value is
   * adopted only when nothing but that write came between it and now.
   */
  wrote(prior: number, mine: number, update: (value: T) => Promise<T>): Promise<void> {
    const e = this.entry;
    if (!e || e.version !== prior) return Promise.resolve();
    const value = e.value.then(update);
    const entry = { version: mine, at: e.at, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value.then(() => undefined);
  }
}
