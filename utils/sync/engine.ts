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
import { RECORD_SCHEMAS, SELLER_FIELD_SCHEMAS } from '@/utils/db/records';
import type { LaokeDB, MetaRecord } from '@/utils/db/schema';
import { afterTombstone, canonicalJson, compareWrites, laterTombstone, resolveVersions, writeField, type FieldDoc, type Stamped, type Tombstone } from '@/utils/crm/sync-merge';
import type { Customer, Order } from '@/utils/crm/types';
import { docId, KEY_CHECK_ID, openBody, sealBody, type SyncKeys } from './crypto';
import type { Pouch, PouchDoc, Replication, ReplicationResult } from './pouch';

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
  /** The longest one replication (one way) of a cycle may run: REPLICATION_MS; shorter in tests. */
  replicationMs?: number;
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
 * Outbox entries sealed and sent per round, and local changes applied per round (each round one Dexie
 * write transaction; an apply's spans every store, so the badges' lookups wait for it: kept short).
 * Pulling runs two batches of 500 documents ahead at most (the worker holds less, in shorter bursts,
 * between the badges' answers). npm run bench, section sync, measures it: rounds of 200 brought the
 * badges' median during a first push from ~6× to ~2× that with sync off (README, Measured → Team sync).
 */
export const PUSH_BATCH = 200;
export const APPLY_BATCH = 200;
const REPLICATION = { batch_size: 500, batches_limit: 2 };
/** Up: one round's batch in one request. */
const REPLICATION_UP = { batch_size: PUSH_BATCH, batches_limit: 1 };
/**
 * Red team: PouchDB's replication fetches changes for as long as the server's _changes has any, so a
 * server answering every request with one more change kept a cycle (and, by keepAlive, the worker) running
 * forever, the popup saying 同步中. A replication is cancelled after this long: the cycle fails as
 * unreachable, and the next one goes on from the checkpoints (a long first sync of a big shop too).
 */
export const REPLICATION_MS = 10 * 60_000;

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
const MERGED = new Set(['orders', 'reviews', 'knowledge', 'replies', 'taskStates', 'campaigns', 'careActions', 'links']);

export class SyncEngine {
  private readonly db: LaokeDB;
  private readonly local: Pouch;
  private readonly remote: Pouch;
  private readonly keys: SyncKeys;
  private readonly agent: string;
  private readonly origin: string;
  private readonly now: () => number;
  private readonly pause: () => Promise<void>;
  private readonly replicationMs: number;
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
    this.replicationMs = o.replicationMs ?? REPLICATION_MS;
  }

  /** One replication, cancelled when it runs past replicationMs (then this rejects). */
  private async bounded(start: () => Replication): Promise<ReplicationResult> {
    const run = start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        run.cancel?.();
        reject(new Error(`sync: replication stopped after ${Math.round(this.replicationMs / 1000)} s (the server kept sending changes)`));
      }, this.replicationMs);
    });
    try {
      return await Promise.race([run, limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Everything that syncs, queued (sync just turned on: what this machine knew before is shared too). */
  async enqueueAll(): Promise<number> {
    const at = this.now();
    let n = 0;
    const stores = ['orders', 'reviews', 'knowledge', 'replies', 'taskStates', 'events', 'campaigns', 'careActions', 'links'] as const;
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
    const down = await this.bounded(() => this.local.replicate.from(this.remote, REPLICATION));
    const applied = await this.applyChanges();
    // Up in rounds: a batch of the queue sealed, then sent, then the console pages' requests go first.
    // Sealing the whole queue and then replicating it in one go (a first sync of 100,000 orders) held the
    // worker for minutes with no pause, and a badge waited seconds now and then (npm run bench, sync).
    // The first round also sends what an earlier cycle sealed and could not send.
    let pushed = 0;
    let sent = 0;
    for (;;) {
      await this.pause();
      const n = await this.pushOutbox();
      pushed += n;
      await this.pause();
      sent += (await this.bounded(() => this.local.replicate.to(this.remote, REPLICATION_UP))).docs_written;
      if (n < PUSH_BATCH) break;
    }
    return { pushed, sent, received: down.docs_written, ...applied };
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
    return b && typeof b === 'object' && typeof b.k === 'string' && typeof b.key === 'string' && Number.isFinite(b.at) ? b : null;
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
        const tomb: Tombstone = { at: e.at, agent: this.agent };
        const d = await this.seal('tomb', e.k, tomb, e.at);
        docs.set(d._id, d);
        // Red team (privacy): the buyer's seller-fields document (note, phone, tags) stayed live on the
        // server after 删除此客户, readable by every agent and every machine joining later. It is deleted
        // with the tombstone (a deleted document naming only the buyer), and the copy kept here goes.
        const f = await this.seal('seller', e.k, null, e.at);
        docs.set(f._id, f);
        await this.rememberTomb(e.k, tomb);
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
      if (LAST_WRITE_WINS.has(store)) await this.db.sync.bulkPut(list.map((e) => ({ key: `${WRITTEN}${store}:${e.k}`, at: e.at })));
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
    // What this machine last knew of the fields too: a replayed old revision on the server (the local
    // PouchDB's current one) does not take the later writes back out (see knownFields).
    const known = (await this.knownFields([key])).get(key) ?? {};
    let doc: FieldDoc = afterTombstone(resolveVersions([known, (current?.k === 'seller' ? fieldDocOf(current.v) : null) ?? {}]), (await this.tombstones([key])).get(key));
    for (const { fields, at } of edits) {
      for (const f of fields) doc = writeField(doc, f, c[f] ?? null, at, this.agent);
    }
    await this.db.sync.put({ key: FIELDS + key, doc });
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
    const pending = await this.pendingEdits();
    const deletedHere = await this.pendingTombstones();
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
      state = { ...state, waiting: await this.apply(bodies, state.waiting, pending, deletedHere) };
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
    const opened = await Promise.all(all.map((d) => this.open(d)));
    const bodies = opened.filter((b): b is SyncBody => b !== null);
    // Red team: the server can make a revision that does not open the winner (a deeper branch written
    // with new_edits=false); every readable version was then deleted as a loser, here and, replicated,
    // on the server. When the winner does not open, what does is written on top of it instead.
    const winnerOpens = opened[0] !== null;
    const removals: PouchDoc[] = losers.map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true }));
    const out: SyncBody[] = bodies;
    const winner = bodies[0];
    if (winner?.k === 'seller') {
      const merged = resolveVersions(bodies.map((b) => fieldDocOf(b.v) ?? {}));
      if (!winnerOpens || canonicalJson(merged) !== canonicalJson(winner.v)) {
        const sealed = await this.seal('seller', winner.key, merged, Math.max(...bodies.map((b) => b.at)));
        removals.push({ ...sealed, _rev: doc._rev! });
      }
      out.splice(0, out.length, { ...winner, v: merged, o: '' });
    } else if (winner?.k === 'tomb') {
      const later = bodies.map((b) => tombOf(b.v) ?? undefined).reduce<Tombstone | undefined>((a, b) => laterTombstone(a, b), undefined);
      if (!winnerOpens && later) removals.push({ ...(await this.seal('tomb', winner.key, later, later.at)), _rev: doc._rev! });
      out.splice(0, out.length, { ...winner, v: later ?? null, o: '' });
    } else if (winner) {
      // Records: every version goes into Dexie; the merged record there is sent if it differs from the winner.
      if (!winnerOpens) removals.push({ ...(await this.seal(winner.k, winner.key, winner.v, winner.at)), _rev: doc._rev! });
      for (const b of out) b.o = '';
    }
    await this.local.bulkDocs(removals);
    if (winner && winner.k !== 'seller' && winner.k !== 'tomb' && winner.v !== null && !LOCAL_IDS.has(winner.k)) {
      this.contested.push({ store: winner.k, key: winner.key, value: winner.v });
    }
    return out;
  }

  /** Opened bodies merged into Dexie; returns the customers still waiting for their seller fields. */
  private async apply(bodies: SyncBody[], waitingBefore: string[], pending: Map<string, Map<string, number>>, deletedHere: ReadonlyMap<string, Tombstone> = new Map()): Promise<string[]> {
    const db = this.db;
    const now = this.now();
    const tombs = new Map<string, Tombstone>();
    const sellers = new Map<string, FieldDoc>();
    const byStore = new Map<string, SyncBody[]>();
    for (const b of bodies) {
      if (b.k === 'tomb') {
        const t = tombOf(b.v);
        if (t) tombs.set(b.key, laterTombstone(tombs.get(b.key), t)!);
      } else if (b.k === 'seller') {
        // Red team: another agent's document of the wrong types (tags a string, a note an object, a
        // null where a field's write belongs) was written onto the customer as it came, or threw.
        const d = fieldDocOf(b.v);
        if (d) sellers.set(b.key, resolveVersions([sellers.get(b.key) ?? {}, d]));
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
    // A link (关联) names two buyers: one deleted anywhere takes the link with them.
    for (const b of byStore.get('links') ?? []) {
      const l = b.v as { a?: unknown; b?: unknown } | null;
      for (const k of [l?.a, l?.b]) if (typeof k === 'string') named.add(k);
    }
    const knownTombs = await this.tombstones([...named].filter((k) => !tombs.has(k)));
    for (const [k, t] of knownTombs) tombs.set(k, t);
    // Red team (关联): a buyer deleted here whose tombstone is still in the outbox (a cycle pulls before it
    // pushes) was not known dead, and another agent's link to them, pulled in that cycle, stayed here for
    // good, naming the buyer deleted. What was deleted here counts as a tombstone already.
    for (const [k, t] of deletedHere) if (named.has(k)) tombs.set(k, laterTombstone(tombs.get(k), t)!);

    // Everything not in Dexie is read before its transaction (an await of anything else would end it).
    const waiting = new Set(waitingBefore);
    for (const k of sellers.keys()) waiting.add(k);
    const keys = [...waiting];
    const docs = new Map(sellers);
    for (const [k, d] of await this.sellerDocs(keys.filter((k) => !docs.has(k)))) docs.set(k, d);
    // Red team: the server (no passphrase) can write an old revision's sealed body again as the newest
    // one (it opens: same id), and the buyer's 黑名单 tag or note went back to what it was. What this
    // machine knew of each field is kept (the sync store) and merged in: a replay's older writes lose.
    const known = await this.knownFields([...new Set([...keys, ...tombs.keys()])]);
    // Red team: events are put as they come (no merge rule, no time of their own): the server wrote an
    // old body of a planned event again and its name went back, or a deleted one came back. The time of
    // the last write applied or sent here is kept per record; a body not later than it is a replay.
    const stampedBodies = bodies.filter((b) => LAST_WRITE_WINS.has(b.k));
    const written = new Map<string, number>();
    const rows = await this.db.sync.bulkGet(stampedBodies.map((b) => `${WRITTEN}${b.k}:${b.key}`));
    rows.forEach((r, i) => {
      if (r && typeof r.at === 'number') written.set(`${stampedBodies[i]!.k}:${stampedBodies[i]!.key}`, r.at);
    });
    const replayed = (b: SyncBody) => {
      if (!LAST_WRITE_WINS.has(b.k)) return false;
      const last = written.get(`${b.k}:${b.key}`);
      if (last !== undefined && b.at <= last) return true;
      written.set(`${b.k}:${b.key}`, b.at);
      return false;
    };
    const repair: string[] = [];
    for (const k of keys) {
      const merged = resolveVersions([known.get(k) ?? {}, docs.get(k) ?? {}]);
      if (sellers.has(k) && canonicalJson(merged) !== canonicalJson(sellers.get(k))) repair.push(k);
      docs.set(k, merged);
    }

    const still = await fromServer(db, db.tables, async () => {
      // 1. Deletions: a buyer not read on a page since the deletion goes, everything about them with them.
      for (const [key, tomb] of tombs) {
        if (!bodies.some((b) => b.k === 'tomb' && b.key === key)) continue;
        // Kept here too: the server could overwrite its tombstone and write the orders' bodies again.
        await db.sync.put({ key: TOMB + key, tomb });
        const left = afterTombstone(known.get(key) ?? {}, tomb);
        if (Object.keys(left).length > 0) await db.sync.put({ key: FIELDS + key, doc: left });
        else await db.sync.delete(FIELDS + key);
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
        let live: unknown[] = [];
        for (const b of list) {
          if (replayed(b)) continue;
          if (LAST_WRITE_WINS.has(store)) await db.sync.put({ key: `${WRITTEN}${store}:${b.key}`, at: b.at });
          if (b.v === null) {
            await this.deleteRecord(store, b.key);
            continue;
          }
          const parsed = schema?.safeParse(b.v);
          if (!parsed?.success) continue;
          const rec = parsed.data as Record<string, unknown>;
          if (store === 'orders' && deadBefore(rec.customerKey, (rec as unknown as Order).lastSeenAt)) continue;
          if ((store === 'reviews' || store === 'careActions') && deadBefore(rec.customerKey, b.at)) continue;
          if (store === 'links' && (deadBefore(rec.a, b.at) || deadBefore(rec.b, b.at))) continue;
          live.push(rec);
        }
        if (live.length === 0) continue;
        if (store === 'meta') {
          // Red team: only the shop's shared settings; another machine's document naming 'retention'
          // (forget buyers after 1 month) would have made this machine erase its customers.
          live = live.filter((m) => SYNCED_META.has((m as MetaRecord).key));
          if (live.length === 0) continue;
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
      const knownPuts: { key: string; doc: FieldDoc }[] = [];
      const still: string[] = [];
      keys.forEach((k, i) => {
        const c = customers[i];
        const doc = afterTombstone(docs.get(k) ?? {}, tombs.get(k));
        if (!c) {
          if (Object.keys(doc).length > 0 && still.length < 10_000) still.push(k);
          return;
        }
        if (Object.keys(doc).length > 0) knownPuts.push({ key: FIELDS + k, doc });
        const before = known.get(k) ?? {};
        const next: Customer = { ...c };
        for (const f of SELLER_FIELDS) {
          const w = doc[f];
          if (!w) continue;
          // A write this machine already had is on the customer (or an edit of it waits in the outbox).
          if (before[f] && canonicalJson(before[f]) === canonicalJson(w)) continue;
          // An edit made here and not sent yet, later than the pulled write: it stays (it is sealed next,
          // stamped with its own time). Overwriting it sent the other agent's earlier text under this
          // edit's later time: the later edit was lost on every machine.
          const mine = pending.get(k)?.get(f);
          if (mine !== undefined && compareWrites({ v: c[f] ?? null, at: mine, agent: this.agent }, w) > 0) continue;
          if (w.v === null || w.v === undefined) {
            if (f === 'tags') next.tags = [];
            else if (f === 'notes') next.notes = '';
            else delete next[f];
          } else (next as unknown as Record<string, unknown>)[f] = f === 'tags' && Array.isArray(w.v) ? w.v.filter((t) => typeof t === 'string') : w.v;
        }
        if (canonicalJson(next) !== canonicalJson(c)) puts.push(next);
      });
      if (puts.length) await db.customers.bulkPut(puts);
      if (knownPuts.length) await db.sync.bulkPut(knownPuts);
      return still;
    });
    // What the server has lost of a buyer's fields (a replay) is sent again, merged.
    const at = this.now();
    if (repair.length > 0) await this.db.syncOutbox.bulkAdd(repair.map((k) => ({ s: 'seller', k, at, f: [] })));
    return still;
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
      const t = b?.k === 'tomb' ? tombOf(b.v) : null;
      if (t) out.set(keys[i]!, t);
    }));
    const stored = await this.db.sync.bulkGet(keys.map((k) => TOMB + k));
    stored.forEach((row, i) => {
      const t = tombOf(row?.tomb);
      if (t) out.set(keys[i]!, laterTombstone(out.get(keys[i]!), t)!);
    });
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
      const d = b?.k === 'seller' ? fieldDocOf(b.v) : null;
      if (d) out.set(keys[i]!, d);
    }));
    return out;
  }

  /** The seller's edits queued here and not sealed yet: customer → field → latest time. */
  /** Buyers deleted here (删除此客户, retention) whose tombstones wait in the outbox: buyer → the latest. */
  private async pendingTombstones(): Promise<Map<string, Tombstone>> {
    const out = new Map<string, Tombstone>();
    await this.db.syncOutbox.each((e) => {
      if (e.s === 'tomb') out.set(e.k, laterTombstone(out.get(e.k), { at: e.at, agent: this.agent })!);
    });
    return out;
  }

  private async pendingEdits(): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>();
    await this.db.syncOutbox.each((e) => {
      if (e.s !== 'seller' || !e.f?.length) return;
      const m = out.get(e.k) ?? new Map<string, number>();
      for (const f of e.f) m.set(f, Math.max(m.get(f) ?? -Infinity, e.at));
      out.set(e.k, m);
    });
    return out;
  }

  /** The seller fields as this machine last knew them (applied or sent), per customer. */
  private async knownFields(keys: string[]): Promise<Map<string, FieldDoc>> {
    const out = new Map<string, FieldDoc>();
    if (keys.length === 0) return out;
    const rows = await this.db.sync.bulkGet(keys.map((k) => FIELDS + k));
    rows.forEach((row, i) => {
      const d = fieldDocOf(row?.doc);
      if (d && Object.keys(d).length > 0) out.set(keys[i]!, d);
    });
    return out;
  }

  /** A deletion made here: kept, and the fields known of the buyer dropped (what is written later stays). */
  private async rememberTomb(key: string, tomb: Tombstone): Promise<void> {
    await this.db.sync.put({ key: TOMB + key, tomb });
    const left = afterTombstone((await this.knownFields([key])).get(key) ?? {}, tomb);
    if (Object.keys(left).length > 0) await this.db.sync.put({ key: FIELDS + key, doc: left });
    else await this.db.sync.delete(FIELDS + key);
  }
}


/** Rows of the sync store: a customer's seller fields as last known here, and deletions seen or made here. */
const FIELDS = 'fields:';
/** Rows of the sync store: when a record of a last-writer-wins store was last written here or applied. */
const WRITTEN = 'written:';
/**
 * Stores whose old bodies a server may write again to undo a deletion: events (applied by putting what
 * comes, no merge rule) and links (关联: the red team wrote a link's old body back after 取消关联 and the
 * link returned on every machine, since a merge adds a record that is absent). The time of the last write
 * applied or sent here is kept per record; a body not later than it is a replay.
 */
const LAST_WRITE_WINS: ReadonlySet<string> = new Set(['events', 'links']);
const TOMB = 'tomb:';

/**
 * A seller-fields document as another machine (or the server's replay) gives it, checked: only the
 * seller's fields, each a stamped write (finite time, agent name) of a value a customer record may hold
 * (RECORD_SCHEMAS' customer shape) or null (cleared). Anything else of it is dropped; null when it is
 * not a document at all.
 */
export function fieldDocOf(v: unknown): FieldDoc | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const out: FieldDoc = {};
  for (const f of SELLER_FIELDS) {
    if (!Object.hasOwn(v, f)) continue;
    const w = (v as Record<string, unknown>)[f] as Partial<Stamped> | null;
    if (!w || typeof w !== 'object' || !Number.isFinite(w.at) || typeof w.agent !== 'string' || w.agent.length > 100) continue;
    const value = w.v ?? null;
    if (value !== null && !SELLER_FIELD_SCHEMAS[f].safeParse(value).success) continue;
    out[f] = { v: value, at: w.at!, agent: w.agent };
  }
  return out;
}

/** A tombstone as a document holds it, checked. */
function tombOf(v: unknown): Tombstone | null {
  const t = v as Partial<Tombstone> | null;
  return t && typeof t === 'object' && Number.isFinite(t.at) && typeof t.agent === 'string' ? { at: t.at!, agent: t.agent } : null;
}

function hasValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  return !Array.isArray(v) || v.length > 0;
}
