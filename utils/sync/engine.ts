// Team sync (团队同步, issue 21): Dexie stays the store every feature reads; beside it a local PouchDB
// holds this shop's shared documents, sealed, and CouchDB replication moves them to and from the shop's
// own server. One cycle:
// 1. push: the outbox (utils/db/sync-outbox.ts) read, each changed record sealed under its keyed-hash id
//    into the local PouchDB (one document per record; a deletion is a deleted document that still
//    carries what was deleted, sealed, so the other machines know what to delete);
// 2. replicate both ways with the server (PouchDB's replication protocol: _revs_diff, _bulk_docs,
//    _changes, checkpoints), so a cycle cut off anywhere goes on where it stopped;
// 3. apply: the local PouchDB's changes since the last applied one, opened and merged into Dexie by the
//    rules a backup merge uses (utils/db/backup-merge.ts, which are ingest's for orders and buyers),
//    inside fromServer() so they are not queued back.
// Conflicts (two machines wrote one document before seeing each other's) are resolved the same on every
// machine: the seller's fields of a customer by last-writer-wins per field (utils/crm/sync-merge.ts),
// records by merging every version into Dexie (the merge rules are idempotent and order-free) while
// CouchDB's own winner stays and the other versions are deleted. A machine whose merge of a record
// differs from the winner sends its merge, which every other machine then merges to the same record.
// Deletions are tombstones: a buyer deleted anywhere is deleted everywhere, unless read again on a
// console page after the deletion (as on the machine that deleted them).

import type { IndexableType } from 'dexie';
import { fromServer, naturalKey, SELLER_FIELDS, SYNC_OUTBOX, SYNCED_META, type OutboxEntry, type SellerField } from '@/utils/db/sync-outbox';
import { mergeRecords } from '@/utils/db/backup-merge';
import { deleteCustomer } from '@/utils/db/privacy';
import { RECORD_SCHEMAS } from '@/utils/db/records';
import type { LaokeDB, MetaRecord } from '@/utils/db/schema';
import { afterTombstone, canonicalJson, laterTombstone, resolveVersions, writeField, type FieldDoc, type Tombstone } from '@/utils/crm/sync-merge';
import type { Customer, Order } from '@/utils/crm/types';
import { docId, KEY_CHECK_ID, openBody, sealBody, type SyncKeys } from './crypto';
import type { Pouch, PouchDoc } from './pouch';

/** What a sealed document holds: its kind (a store, 'seller' or 'tomb'), natural key, value (null: deleted), who wrote it. */
export interface SyncBody {
  k: string;
  key: string;
  v: unknown;
  /** The machine that wrote it (a random id of the local sync settings): its own changes are not applied again. */
  o: string;
  a: string;
  at: number;
}

export interface EngineOptions {
  db: LaokeDB;
  local: Pouch;
  remote: Pouch;
  keys: SyncKeys;
  /** The agent's name (子账号), kept on every write of theirs. */
  agent: string;
  /** This machine's id. */
  origin: string;
  now?: () => number;
  /** Between batches: the background lets a console page's requests go first (foreground.ts backgroundTurn). */
  pause?: () => Promise<void>;
}

export interface CycleReport {
  pushed: number;
  sent: number;
  received: number;
  applied: number;
  /** Documents that did not open under the shop's keys (another passphrase, or damaged): skipped. */
  unreadable: number;
  conflicts: number;
}

/**
 * Outbox entries sealed per round, and local changes applied per round (each round one Dexie write
 * transaction; an apply's spans every store, so the badges' lookups wait for it: kept short). Replication
 * runs two batches of 500 documents ahead at most (the worker holds less, in shorter bursts, between the
 * badges' answers). npm run bench, section sync, measures it.
 */
export const PUSH_BATCH = 500;
export const APPLY_BATCH = 200;
const REPLICATION = { batch_size: 500, batches_limit: 2 };

const STATE = 'applied';

interface EngineState {
  key: string;
  /** The local PouchDB's last change applied to Dexie. */
  since: number | string;
  /** Customers whose seller fields came before any order of theirs: applied when they appear. */
  waiting: string[];
}

/** Stores whose records are merged by the backup's rules (mergeAll); meta and events are last-writer-wins here. */
/** Stores whose records have ids of each machine's own counting: named on the server by what they are. */
const LOCAL_IDS: ReadonlySet<string> = new Set(['campaigns', 'careActions']);
const MERGED = new Set(['orders', 'reviews', 'knowledge', 'replies', 'taskStates', 'campaigns', 'careActions']);

export class SyncEngine {
  private readonly db: LaokeDB;
  private readonly local: Pouch;
  private readonly remote: Pouch;
  private readonly keys: SyncKeys;
  private readonly agent: string;
  private readonly origin: string;
  private readonly now: () => number;
  private readonly pause: () => Promise<void>;
  private readonly ids = new Map<string, string>();
  /** Records whose versions conflicted in the batch being applied: CouchDB's winner, to compare with the merge. */
  private contested: { store: string; key: string; value: unknown }[] = [];

  constructor(o: EngineOptions) {
    this.db = o.db;
    this.local = o.local;
    this.remote = o.remote;
    this.keys = o.keys;
    this.agent = o.agent;
    this.origin = o.origin;
    this.now = o.now ?? Date.now;
    this.pause = o.pause ?? (() => Promise.resolve());
  }

  /** Everything that syncs, queued (sync just turned on: what this machine knew before is shared too). */
  async enqueueAll(): Promise<number> {
    const at = this.now();
    let n = 0;
    const stores = ['orders', 'reviews', 'knowledge', 'replies', 'taskStates', 'events', 'campaigns', 'careActions'] as const;
    for (const s of stores) {
      const keys = await this.db.table(s).toCollection().primaryKeys();
      for (let i = 0; i < keys.length; i += 5000) {
        await this.db.syncOutbox.bulkAdd(keys.slice(i, i + 5000).map((k) => ({ s, k: JSON.stringify(k), at })));
      }
      n += keys.length;
    }
    const meta = (await this.db.meta.bulkGet([...SYNCED_META])).flatMap((m) => (m ? [m.key] : []));
    await this.db.syncOutbox.bulkAdd(meta.map((k) => ({ s: 'meta', k: JSON.stringify(k), at })));
    // The seller's fields, stamped when they were last written here (the record's time: older than any edit to come).
    const sellers: OutboxEntry[] = [];
    await this.db.customers.each((c) => {
      const f = SELLER_FIELDS.filter((field) => hasValue(c[field]));
      if (f.length > 0) sellers.push({ s: 'seller', k: c.key, at: c.updatedAt, f });
    });
    await this.db.syncOutbox.bulkAdd(sellers);
    return n + meta.length + sellers.length;
  }

  /** Changes waiting to reach the server (queued here; the local PouchDB's unsent ones are counted by replicate). */
  pending(): Promise<number> {
    return this.db.syncOutbox.count();
  }

  /**
   * One whole cycle: what the server has first (pulled and applied, so what this machine seals next is
   * written on the server's latest revisions and holds what the others wrote), then what waits here.
   * Throws when the server cannot be reached; the queue and what the local PouchDB has not sent stay.
   */
  async cycle(): Promise<CycleReport> {
    const down = await this.local.replicate.from(this.remote, REPLICATION);
    const applied = await this.applyChanges();
    let pushed = 0;
    for (;;) {
      await this.pause();
      const n = await this.pushOutbox();
      pushed += n;
      if (n < PUSH_BATCH) break;
    }
    const up = await this.local.replicate.to(this.remote, REPLICATION);
    return { pushed, sent: up.docs_written, received: down.docs_written, ...applied };
  }

  // ---- Push ----

  private async id(kind: string, key: string): Promise<string> {
    const name = `${kind}\u0000${key}`;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = await docId(this.keys, kind, key);
      if (this.ids.size > 50_000) this.ids.clear();
      this.ids.set(name, id);
    }
    return id;
  }

  private async seal(kind: string, key: string, v: unknown, at: number): Promise<PouchDoc> {
    const _id = await this.id(kind, key);
    const body: SyncBody = { k: kind, key, v, o: this.origin, a: this.agent, at };
    return { _id, s: await sealBody(this.keys, _id, body), ...(v === null ? { _deleted: true } : {}) };
  }

  private async open(doc: PouchDoc): Promise<SyncBody | null> {
    if (!doc.s) return null;
    const opened = await openBody(this.keys, doc._id, doc.s);
    if (!opened.ok) return null;
    const b = opened.body as SyncBody;
    return b && typeof b === 'object' && typeof b.k === 'string' && typeof b.key === 'string' ? b : null;
  }

  /** Up to PUSH_BATCH outbox entries sealed into the local PouchDB; returns how many entries were taken. */
  async pushOutbox(): Promise<number> {
    const entries = await this.db.syncOutbox.orderBy('id').limit(PUSH_BATCH).toArray();
    if (entries.length === 0) return 0;
    const docs = new Map<string, PouchDoc>();
    const records = new Map<string, Map<string, OutboxEntry>>();
    const sellers = new Map<string, { fields: Set<SellerField>; at: number }[]>();
    for (const e of entries) {
      if (e.s === 'seller') {
        const list = sellers.get(e.k) ?? [];
        list.push({ fields: new Set(e.f ?? []), at: e.at });
        sellers.set(e.k, list);
      } else if (e.s === 'tomb') {
        const d = await this.seal('tomb', e.k, { at: e.at, agent: this.agent } satisfies Tombstone, e.at);
        docs.set(d._id, d);
      } else if (e.k === '*') {
        const keys = await this.db.table(e.s).toCollection().primaryKeys();
        const m = records.get(e.s) ?? new Map<string, OutboxEntry>();
        for (const k of keys) m.set(JSON.stringify(k), { s: e.s, k: JSON.stringify(k), at: e.at });
        records.set(e.s, m);
      } else {
        const m = records.get(e.s) ?? new Map<string, OutboxEntry>();
        m.set(e.k, e);
        records.set(e.s, m);
      }
    }
    for (const [store, byKey] of records) {
      const list = [...byKey.values()];
      const found = (await this.db.table(store).bulkGet(list.map((e) => JSON.parse(e.k) as IndexableType))) as (Record<string, unknown> | undefined)[];
      const sealed = await Promise.all(list.map(async (e, i) => {
        const rec = found[i];
        if (!rec) {
          // Deleted here: a deleted document, naming the record by its natural key.
          const key = e.nk ?? (LOCAL_IDS.has(store) ? null : e.k);
          return key === null ? null : this.seal(store, key, null, e.at);
        }
        // Only replies the seller copied are the shop's voice; a reply seen on a page is read by each machine itself.
        if (store === 'replies' && rec.source !== 'copied') return null;
        const { id: _localId, ...value } = rec;
        return this.seal(store, naturalKey(store, rec) ?? e.k, store === 'campaigns' || store === 'careActions' ? value : rec, e.at);
      }));
      for (const d of sealed) if (d) docs.set(d._id, d);
    }
    for (const [key, edits] of sellers) {
      const d = await this.sellerDoc(key, edits);
      if (d) docs.set(d._id, d);
    }
    await this.writeLocal([...docs.values()]);
    const last = entries[entries.length - 1]!.id!;
    await this.db.table(SYNC_OUTBOX).where('id').belowOrEqual(last).delete();
    return entries.length;
  }

  /** The customer's seller fields as the shop's document has them, with these edits of this machine stamped in. */
  private async sellerDoc(key: string, edits: { fields: Set<SellerField>; at: number }[]): Promise<PouchDoc | null> {
    const c = await this.db.customers.get(key);
    if (!c) return null;
    const id = await this.id('seller', key);
    const current = await this.localDoc(id);
    let doc: FieldDoc = (current?.v as FieldDoc | undefined) ?? {};
    for (const { fields, at } of edits) {
      for (const f of fields) doc = writeField(doc, f, c[f] ?? null, at, this.agent);
    }
    return this.seal('seller', key, doc, Math.max(...edits.map((e) => e.at)));
  }

  private async localDoc(id: string): Promise<SyncBody | null> {
    const row = (await this.local.allDocs({ keys: [id], include_docs: true })).rows[0];
    return row?.doc ? this.open(row.doc) : null;
  }

  /** New revisions of these documents in the local PouchDB, each on its current revision. */
  private async writeLocal(docs: PouchDoc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 500) {
      const chunk = docs.slice(i, i + 500);
      const { rows } = await this.local.allDocs({ keys: chunk.map((d) => d._id) });
      const revs = new Map(rows.flatMap((r) => (r.value ? [[r.key, r.value.rev] as const] : [])));
      const out = chunk.map((d) => (revs.has(d._id) ? { ...d, _rev: revs.get(d._id)! } : d));
      const results = await this.local.bulkDocs(out);
      const failed = results.filter((r) => r.error);
      if (failed.length > 0) throw new Error(`sync: ${failed.length} local writes failed (${String(failed[0]!.error)})`);
    }
  }

  // ---- Apply ----

  private async state(): Promise<EngineState> {
    const s = (await this.db.sync.get(STATE)) as EngineState | undefined;
    return { key: STATE, since: s?.since ?? 0, waiting: s?.waiting ?? [] };
  }

  /** The local PouchDB's changes since the last applied, merged into Dexie. */
  async applyChanges(): Promise<Omit<CycleReport, 'pushed' | 'sent' | 'received'>> {
    const report = { applied: 0, unreadable: 0, conflicts: 0 };
    let state = await this.state();
    for (;;) {
      await this.pause();
      const res = await this.local.changes({ since: state.since, include_docs: true, conflicts: true, limit: APPLY_BATCH, return_docs: true });
      const bodies: SyncBody[] = [];
      for (const ch of res.results) {
        const doc = ch.doc;
        if (!doc || doc._id === KEY_CHECK_ID || doc._id.startsWith('_design/')) continue;
        if (doc._conflicts?.length) {
          report.conflicts++;
          const merged = await this.resolve(doc);
          bodies.push(...merged);
          continue;
        }
        const b = await this.open(doc);
        if (!b) {
          report.unreadable++;
          continue;
        }
        if (b.o === this.origin) continue;
        bodies.push(b);
      }
      state = { ...state, waiting: await this.apply(bodies, state.waiting) };
      await this.sendMerges();
      report.applied += bodies.length;
      state.since = res.last_seq;
      await this.db.sync.put(state as unknown as { key: string });
      if (res.results.length < APPLY_BATCH) break;
    }
    return report;
  }

  /**
   * A document with conflicting versions: every version opened; the seller's fields merged field by
   * field, records each merged into Dexie. CouchDB's winner (the same on every machine) stays unless the
   * merge of the fields differs from it; the other versions are deleted, here and, by replication, on
   * the server. Returns the bodies to apply.
   */
  private async resolve(doc: PouchDoc): Promise<SyncBody[]> {
    const losers = doc._conflicts ?? [];
    const versions = await Promise.all(losers.map((rev) => this.local.get(doc._id, { rev }).catch(() => null)));
    const all = [doc, ...versions.filter((v): v is PouchDoc => v !== null)];
    const bodies = (await Promise.all(all.map((d) => this.open(d)))).filter((b): b is SyncBody => b !== null);
    const removals: PouchDoc[] = losers.map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true }));
    const out: SyncBody[] = bodies;
    const winner = bodies[0];
    if (winner?.k === 'seller') {
      const merged = resolveVersions(bodies.map((b) => (b.v ?? {}) as FieldDoc));
      if (canonicalJson(merged) !== canonicalJson(winner.v)) {
        const sealed = await this.seal('seller', winner.key, merged, Math.max(...bodies.map((b) => b.at)));
        removals.push({ ...sealed, _rev: doc._rev! });
      }
      out.splice(0, out.length, { ...winner, v: merged, o: '' });
    } else if (winner?.k === 'tomb') {
      const later = bodies.map((b) => b.v as Tombstone).reduce<Tombstone | undefined>((a, b) => laterTombstone(a, b), undefined);
      out.splice(0, out.length, { ...winner, v: later, o: '' });
    } else if (winner) {
      // Records: every version goes into Dexie; the merged record there is sent if it differs from the winner.
      for (const b of out) b.o = '';
    }
    await this.local.bulkDocs(removals);
    if (winner && winner.k !== 'seller' && winner.k !== 'tomb' && winner.v !== null && !LOCAL_IDS.has(winner.k)) {
      this.contested.push({ store: winner.k, key: winner.key, value: winner.v });
    }
    return out;
  }

  /** Opened bodies merged into Dexie; returns the customers still waiting for their seller fields. */
  private async apply(bodies: SyncBody[], waitingBefore: string[]): Promise<string[]> {
    const db = this.db;
    const now = this.now();
    const tombs = new Map<string, Tombstone>();
    const sellers = new Map<string, FieldDoc>();
    const byStore = new Map<string, SyncBody[]>();
    for (const b of bodies) {
      if (b.k === 'tomb') {
        const t = b.v as Tombstone | null;
        if (t && typeof t.at === 'number') tombs.set(b.key, laterTombstone(tombs.get(b.key), t)!);
      } else if (b.k === 'seller') {
        if (b.v && typeof b.v === 'object') sellers.set(b.key, resolveVersions([sellers.get(b.key) ?? {}, b.v as FieldDoc]));
      } else if (MERGED.has(b.k) || b.k === 'meta' || b.k === 'events') {
        byStore.set(b.k, [...(byStore.get(b.k) ?? []), b]);
      }
    }
    // Every tombstone that bears on this batch: the ones in it, and those stored for the buyers it names.
    const named = new Set<string>([...sellers.keys()]);
    for (const b of [...(byStore.get('orders') ?? []), ...(byStore.get('reviews') ?? []), ...(byStore.get('careActions') ?? [])]) {
      const ck = (b.v as { customerKey?: unknown } | null)?.customerKey;
      if (typeof ck === 'string') named.add(ck);
    }
    const knownTombs = await this.tombstones([...named].filter((k) => !tombs.has(k)));
    for (const [k, t] of knownTombs) tombs.set(k, t);

    // Everything not in Dexie is read before its transaction (an await of anything else would end it).
    const waiting = new Set(waitingBefore);
    for (const k of sellers.keys()) waiting.add(k);
    const keys = [...waiting];
    const docs = new Map(sellers);
    for (const [k, d] of await this.sellerDocs(keys.filter((k) => !docs.has(k)))) docs.set(k, d);

    return fromServer(db, db.tables, async () => {
      // 1. Deletions: a buyer not read on a page since the deletion goes, everything about them with them.
      for (const [key, tomb] of tombs) {
        if (!bodies.some((b) => b.k === 'tomb' && b.key === key)) continue;
        const orders = await db.orders.where('customerKey').equals(key).toArray();
        const seenSince = orders.some((o) => o.lastSeenAt > tomb.at);
        if (!seenSince) await deleteCustomer(db, key);
      }
      const deadBefore = (ck: unknown, at: number) => {
        const t = typeof ck === 'string' ? tombs.get(ck) : undefined;
        return t !== undefined && at <= t.at;
      };
      // 2. Records, checked as a backup's are, by the merge rules of a backup.
      const merge = new Map<string, unknown[]>();
      for (const [store, list] of byStore) {
        const schema = RECORD_SCHEMAS.get(store);
        const live: unknown[] = [];
        for (const b of list) {
          if (b.v === null) {
            await this.deleteRecord(store, b.key);
            continue;
          }
          const parsed = schema?.safeParse(b.v);
          if (!parsed?.success) continue;
          const rec = parsed.data as Record<string, unknown>;
          if (store === 'orders' && deadBefore(rec.customerKey, (rec as unknown as Order).lastSeenAt)) continue;
          if ((store === 'reviews' || store === 'careActions') && deadBefore(rec.customerKey, b.at)) continue;
          live.push(rec);
        }
        if (live.length === 0) continue;
        if (store === 'meta') {
          const here = await db.meta.bulkGet(live.map((m) => (m as MetaRecord).key));
          const puts = (live as MetaRecord[]).filter((m, i) => !here[i] || m.updatedAt > here[i]!.updatedAt);
          if (puts.length) await db.meta.bulkPut(puts);
        } else if (store === 'events') {
          await db.events.bulkPut(live as never[]);
        } else {
          merge.set(store, live);
        }
      }
      if (merge.size > 0) await mergeRecords(db, merge, now);
      // 3. The seller's fields, on the buyers stored here (others wait for their first order).
      const customers = await db.customers.bulkGet(keys);
      const puts: Customer[] = [];
      const still: string[] = [];
      keys.forEach((k, i) => {
        const c = customers[i];
        const doc = afterTombstone(docs.get(k) ?? {}, tombs.get(k));
        if (!c) {
          if (Object.keys(doc).length > 0 && still.length < 10_000) still.push(k);
          return;
        }
        const next: Customer = { ...c };
        for (const f of SELLER_FIELDS) {
          const w = doc[f];
          if (!w) continue;
          if (w.v === null || w.v === undefined) {
            if (f === 'tags') next.tags = [];
            else if (f === 'notes') next.notes = '';
            else delete next[f];
          } else (next as unknown as Record<string, unknown>)[f] = f === 'tags' && Array.isArray(w.v) ? w.v.filter((t) => typeof t === 'string') : w.v;
        }
        if (canonicalJson(next) !== canonicalJson(c)) puts.push(next);
      });
      if (puts.length) await db.customers.bulkPut(puts);
      return still;
    });
  }

  /**
   * After a batch with conflicting records: where the merge here differs from the server's winner, the
   * merge is sent (every machine merges it to the same record; where it equals the winner, nothing is
   * sent, so two machines resolving one conflict at once settle in one more round).
   */
  private async sendMerges(): Promise<void> {
    const list = this.contested;
    this.contested = [];
    for (const { store, key, value } of list) {
      const here = await this.db.table(store).get(JSON.parse(key) as never);
      if (here && canonicalJson(here) !== canonicalJson(value)) await this.db.syncOutbox.add({ s: store, k: key, at: this.now() });
    }
  }

  private async deleteRecord(store: string, key: string): Promise<void> {
    const table = this.db.table(store);
    if (store === 'campaigns' || store === 'careActions') {
      const all = (await table.toArray()) as Record<string, unknown>[];
      const ids = all.filter((r) => naturalKey(store, r) === key).map((r) => r.id);
      if (ids.length) await table.bulkDelete(ids as IndexableType[]);
      return;
    }
    await table.delete(JSON.parse(key) as never);
  }

  private async tombstones(keys: string[]): Promise<Map<string, Tombstone>> {
    const out = new Map<string, Tombstone>();
    if (keys.length === 0) return out;
    const ids = await Promise.all(keys.map((k) => this.id('tomb', k)));
    const { rows } = await this.local.allDocs({ keys: ids, include_docs: true });
    await Promise.all(rows.map(async (r, i) => {
      if (!r.doc) return;
      const b = await this.open(r.doc);
      const t = b?.v as Tombstone | undefined;
      if (b?.k === 'tomb' && t && typeof t.at === 'number') out.set(keys[i]!, t);
    }));
    return out;
  }

  private async sellerDocs(keys: string[]): Promise<Map<string, FieldDoc>> {
    const out = new Map<string, FieldDoc>();
    if (keys.length === 0) return out;
    const ids = await Promise.all(keys.map((k) => this.id('seller', k)));
    const { rows } = await this.local.allDocs({ keys: ids, include_docs: true });
    await Promise.all(rows.map(async (r, i) => {
      if (!r.doc) return;
      const b = await this.open(r.doc);
      if (b?.k === 'seller' && b.v && typeof b.v === 'object') out.set(keys[i]!, b.v as FieldDoc);
    }));
    return out;
  }
}


function hasValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  return !Array.isArray(v) || v.length > 0;
}
