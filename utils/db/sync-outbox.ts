// Team sync's outbox (团队同步, issue 21): what changed here since it was last sealed for the shop's
// server. Written in the same transaction as the change, so a change is queued exactly when it commits
// (the worker may be stopped at any time; the server may be down for days): nothing is lost and nothing
// is sent twice for one write. Only while sync is on: with it off a write costs nothing more.
//
// Two ways in:
// - a Dexie middleware logs every write of the stores that sync as records (orders, reviews, the
//   seller's settings and logs: SYNCED_STORES), by primary key; the record is read when it is sealed,
//   so ten writes of one order send it once;
// - the seller's own fields on a customer (tags, notes, phone) and deletions (删除此客户, retention) are
//   logged by the functions that write them (logSellerFields, logTombstones), since a customer record
//   is mostly derived (recomputed by every machine from the orders) and only those fields are the
//   seller's.
// Writes applied from the server run inside fromServer(): they are not logged again (no echo).

import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTransaction, type Middleware, type Table } from 'dexie';

export const SYNC_OUTBOX = 'syncOutbox';
export const SYNC_STATE = 'sync';
/** The sync stores: this machine's queue, settings and keys; never backed up, never synced. */
export const SYNC_STORES: readonly string[] = [SYNC_OUTBOX, SYNC_STATE];

/** Stores synced record by record (everything else is derived or this machine's own). */
export const SYNCED_STORES: ReadonlySet<string> = new Set(['orders', 'reviews', 'knowledge', 'replies', 'taskStates', 'events', 'campaigns', 'careActions', 'meta', 'links']);
/** Settings the whole shop shares (the others are models and caches, or this machine's: retention). */
export const SYNCED_META: ReadonlySet<string> = new Set(['careSettings', 'careScripts', 'memberTiers']);
/** A customer's fields the seller writes: the only part of a customer record that syncs. */
export const SELLER_FIELDS = ['tags', 'notes', 'phone', 'phoneSavedAt'] as const;
export type SellerField = (typeof SELLER_FIELDS)[number];

/**
 * One queued change. `s`: a store of SYNCED_STORES, 'seller' (a customer's seller fields) or 'tomb' (a
 * customer deleted); `k`: the primary key as JSON (a customer key for seller and tomb); `at`: when.
 * `nk`: for a deleted record of a store with local ids (campaigns, the care log), the natural key it
 * had, since it cannot be read any more. `f`: the seller fields written.
 */
export interface OutboxEntry {
  id?: number;
  s: string;
  k: string;
  at: number;
  del?: true;
  nk?: string;
  f?: SellerField[];
}

let logging = false;
/** Turned on in every extension context when sync is set up (and at open, from the stored settings). */
export function setSyncLogging(on: boolean): void {
  logging = on;
}
export function syncLogging(): boolean {
  return logging;
}

/** Told whenever a change is queued in this context (the background schedules a cycle: sync.ts syncSoon). */
let queued: (() => void) | null = null;
export function onQueued(fn: (() => void) | null): void {
  queued = fn;
}
function told<T>(p: PromiseLike<T>): PromiseLike<T> {
  return p.then((v) => {
    queued?.();
    return v;
  });
}

const FROM_SERVER = new WeakSet<object>();

/** Run `fn` in a write transaction whose writes came from the server: not queued for it again. */
export function fromServer<T>(db: Dexie, tables: Table[], fn: () => Promise<T>): Promise<T> {
  // An async scope: Dexie keeps its transaction across the awaits of an async function it called.
  return db.transaction('rw', tables, async () => {
    const trans = Dexie.currentTransaction?.idbtrans;
    if (trans) FROM_SERVER.add(trans);
    return await fn();
  });
}

/**
 * The natural key of a record of a store with local ids: two machines number their campaigns and care
 * log each their own way, so the shop's copy is named by what the record is.
 */
export function naturalKey(store: string, record: Record<string, unknown>): string | null {
  if (store === 'campaigns') return JSON.stringify([record.sentAt, record.name]);
  if (store === 'careActions') {
    return JSON.stringify([record.platform, record.orderId, record.kind, record.at, record.via, record.outcome ?? null, record.compensationFen ?? null]);
  }
  return null;
}
const LOCAL_IDS: ReadonlySet<string> = new Set(['campaigns', 'careActions']);

function metaKeys(req: DBCoreMutateRequest, results: unknown[] | undefined): unknown[] {
  if (req.type === 'delete') return req.keys;
  if (req.type === 'deleteRange') return [];
  return req.keys ?? results ?? req.values.map((v: { key?: unknown }) => v?.key);
}

/** The middleware: adds the outbox to write transactions of synced stores and logs their writes. */
export const syncOutboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'laoke-sync-outbox',
  create(down) {
    if (!down.schema.tables.some((t) => t.name === SYNC_OUTBOX)) return down;
    const outbox = () => down.table(SYNC_OUTBOX);
    const add = (trans: DBCoreTransaction, values: OutboxEntry[]) => {
      if (values.length === 0) return Promise.resolve();
      return told(outbox().mutate({ type: 'add', trans, values })).then(() => undefined);
    };
    return {
      ...down,
      transaction(stores, mode, options) {
        const all = mode === 'readwrite' && !stores.includes(SYNC_OUTBOX) && stores.some((s) => SYNCED_STORES.has(s) || s === 'customers') ? [...stores, SYNC_OUTBOX] : stores;
        return down.transaction(all, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!SYNCED_STORES.has(name)) return table;
        return {
          ...table,
          mutate(req) {
            const idb = req.trans as unknown as IDBTransaction;
            if (!logging || FROM_SERVER.has(idb) || !idb.objectStoreNames?.contains(SYNC_OUTBOX)) return table.mutate(req);
            const at = Date.now();
            const abort = (err: unknown) => {
              try {
                idb.abort();
              } catch {
                // already finished
              }
              throw err;
            };
            if (req.type === 'deleteRange') {
              // A store cleared (a replace restore): everything in it is sent again as it is afterwards.
              return table.mutate(req).then((res) => add(req.trans, [{ s: name, k: '*', at }]).then(() => res, abort));
            }
            if (req.type === 'delete' && LOCAL_IDS.has(name)) {
              // Read what is deleted first: afterwards its natural key is gone with it.
              return table.getMany({ trans: req.trans, keys: req.keys }).then((before) => table.mutate(req).then((res) => {
                const entries = before.flatMap((r, i): OutboxEntry[] => {
                  const nk = r ? naturalKey(name, r as Record<string, unknown>) : null;
                  return nk ? [{ s: name, k: JSON.stringify(req.keys[i]), at, del: true, nk }] : [];
                });
                return add(req.trans, entries).then(() => res, abort);
              }));
            }
            return table.mutate(req).then((res) => {
              let keys = metaKeys(req, res.results as unknown[] | undefined);
              if (name === 'meta') keys = keys.filter((k) => typeof k === 'string' && SYNCED_META.has(k));
              const entries: OutboxEntry[] = keys.map((k) => ({ s: name, k: JSON.stringify(k), at, ...(req.type === 'delete' ? { del: true as const } : {}) }));
              return add(req.trans, entries).then(() => res, abort);
            });
          },
        };
      },
    };
  },
};

/** The outbox table as the logging functions need it (inside a transaction that includes it). */
interface OutboxDb {
  table(name: string): Table<OutboxEntry, number>;
}

/**
 * The seller wrote these fields of these customers (call inside the writing transaction, with the outbox
 * in it). Not async: it returns Dexie's own promise, which a transaction's scope may await.
 */
export function logSellerFields(db: OutboxDb, keys: readonly string[], fields: readonly SellerField[], at: number): PromiseLike<unknown> {
  if (!logging || fields.length === 0 || keys.length === 0 || FROM_SERVER.has(Dexie.currentTransaction?.idbtrans ?? {})) return Dexie.Promise.resolve();
  return told(db.table(SYNC_OUTBOX).bulkAdd(keys.map((k) => ({ s: 'seller', k, at, f: [...fields] }))));
}

/** These customers were deleted by the seller or by retention: a tombstone for each, for every machine. */
export function logTombstones(db: OutboxDb, keys: readonly string[], at: number): PromiseLike<unknown> {
  if (!logging || keys.length === 0 || FROM_SERVER.has(Dexie.currentTransaction?.idbtrans ?? {})) return Dexie.Promise.resolve();
  return told(db.table(SYNC_OUTBOX).bulkAdd(keys.map((k) => ({ s: 'tomb', k, at }))));
}
