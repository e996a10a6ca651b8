// Storing observations: load what the batch touches, apply the pure rules of utils/crm/ingest.ts, and
// write orders and the customers they affect in one transaction (all or nothing).
//
// A buyer's record keeps their figures and their valid purchases in time order (so 第N次购买 is a lookup),
// all recomputed from the buyer's orders whenever one of them changes. Seeing a page again, the common
// case, reads only the page's orders and their buyers and writes nothing.

import { identify, isMaskedNick, type Identity } from '@/utils/crm/identity';
import { identityConflict, jsonOverDom, mergeOrder, orderFacts, summarizeBuyers, type OrderFacts } from '@/utils/crm/ingest';
import type { Customer, ObservedOrder, Order, Platform } from '@/utils/crm/types';
import { recordConflicts, type IdentityConflict } from './health';
import type { Table } from 'dexie';
import { DATA_VERSION_KEY, NO_VERSION, quietly, readDataVersion, type DataVersion } from './data-version';
import { withValue } from './customer-value';
import type { LaokeDB } from './schema';
import { carryLinks } from './link-records';

export type { OrderFacts };

export interface IngestResult {
  orders: number;
  changedOrders: number;
  customers: number;
  /**
   * Readings set aside because they named another buyer id than the one their order is stored under
   * (recorded in health.ts, the order kept with its buyer).
   */
  conflicts: number;
  /** Badge facts for every order of the batch, as stored now. */
  facts: OrderFacts[];
}

/** "Last seen" is kept to this precision, so a page seen again and again is not rewritten each time. */
export const LAST_SEEN_PRECISION_MS = 10 * 60_000;

const orderKey = (o: { platform: Platform; orderId: string }) => [o.platform, o.orderId] as [Platform, string];
const nickKey = (platform: Platform, nick: string) => `${platform}\u0000${nick}`;
/** One order across platforms: the same order id can exist on two of them. */
const uid = (o: { platform: Platform; orderId: string }) => `${o.platform}\u0000${o.orderId}`;

/** A customer first known by full nick, now proven to have a buyer id: one person, two keys. */
interface KeyMerge {
  from: Customer;
  to: string;
}

/**
 * Identities for a batch. A Taobao nick shown in full is unique, so a full-nick reading (the DOM
 * fallback, a page without buyer ids) and a buyer-id reading with the same nick are one buyer:
 * - a nick-only order joins the buyer known by id with that nick, in this batch or stored before;
 * - a buyer-id order whose nick was stored as a nick-only customer moves that customer's orders to
 *   the buyer id (the merge is returned so the caller recomputes both and keeps the seller's notes).
 * An order already stored with a strong identity keeps its buyer when read again without an id.
 * Only JSON readings prove a nick/id pair and trigger the merge: a DOM row is easy to forge and never
 * moves what is stored (a DOM reading of an order the JSON stored keeps that order's buyer), and what a
 * DOM reading stored is no evidence against a JSON reading (jsonOverDom: resolved as a new order).
 * Readings that name another buyer id than their stored order's (identityConflict) prove nothing either.
 */
async function resolveIdentities(
  db: LaokeDB,
  batch: ObservedOrder[],
  existing: (Order | undefined)[],
  buyers: BuyerReader,
): Promise<{ identities: Identity[]; merges: KeyMerge[] }> {
  // A DOM reading of an order the JSON stored changes nothing (mergeOrder): it keeps the stored buyer.
  const domOverJson = batch.map((o, i) => o.source === 'dom' && existing[i]?.source === 'json');
  // A JSON reading of an order stored from the DOM only is resolved as if the order were new: the DOM
  // reading (which a page script may have drawn) proves nothing against it (jsonOverDom).
  const prior = batch.map((o, i) => (jsonOverDom(existing[i], o) ? undefined : existing[i]));
  const identities = batch.map((o, i): Identity => {
    const who = identify(o.platform, o.orderId, o.buyer, o.region);
    const before = prior[i];
    if (before && domOverJson[i]) return { key: before.customerKey, strength: before.identity };
    return before?.identity === 'strong' && who.strength === 'strong' && !o.buyer.id
      ? { key: before.customerKey, strength: 'strong' as const }
      : who;
  });
  const trusted = batch.map((o, i) => !domOverJson[i] && !identityConflict(prior[i], o, identities[i]!));
  // Only readings new to the database can introduce a nick/id pair not resolved before.
  const fresh = batch.filter((o, i) => trusted[i] && (prior[i]?.identity !== 'strong' || (o.buyer.id && prior[i]!.customerKey !== identities[i]!.key))
    && identities[i]!.strength === 'strong' && o.buyer.nick.trim() !== '' && !isMaskedNick(o.buyer.nick));
  if (fresh.length === 0) return { identities, merges: [] };
  // The nicks a JSON reading of this batch vouches for: only these merge stored customers.
  const jsonNicks = new Set(fresh.filter((o) => o.source === 'json').map((o) => nickKey(o.platform, o.buyer.nick)));

  const idByNick = new Map<string, string>();
  batch.forEach((o, i) => {
    if (trusted[i] && o.source === 'json' && o.buyer.id && o.buyer.nick.trim() && !isMaskedNick(o.buyer.nick)) idByNick.set(nickKey(o.platform, o.buyer.nick), identities[i]!.key);
  });
  // A buyer-id reading: is there a customer keyed by the same full nick? (a primary-key get)
  const withId = [...new Set(fresh.filter((o) => o.buyer.id).map((o) => identify(o.platform, o.orderId, { nick: o.buyer.nick }).key))];
  // A nick-only reading: is there a customer with a buyer id and this nick? (an index query)
  const nickOnly = [...new Set(fresh.filter((o) => !o.buyer.id).map((o) => nickKey(o.platform, o.buyer.nick)))];
  const [byNickKey, byIndex] = await Promise.all([
    buyers.get(withId),
    Promise.all(nickOnly.map((k) => {
      const [platform, nick] = k.split('\u0000') as [Platform, string];
      return db.customers.where('[platform+nick]').equals([platform, nick]).toArray();
    })),
  ]);
  for (const c of byIndex.flat()) buyers.know(c);
  // One customer can be found by both lookups: keep each once, or its notes would be merged twice.
  const stored = [...new Map([...byNickKey.filter((c): c is Customer => !!c), ...byIndex.flat()].map((c) => [c.key, c])).values()];
  for (const c of stored) {
    if (c.buyerId && !idByNick.has(nickKey(c.platform, c.nick))) idByNick.set(nickKey(c.platform, c.nick), c.key);
  }

  const merges: KeyMerge[] = [];
  for (const c of stored) {
    const to = idByNick.get(nickKey(c.platform, c.nick));
    if (!c.buyerId && c.identity === 'strong' && to && to !== c.key && jsonNicks.has(nickKey(c.platform, c.nick))) {
      await db.orders.where('customerKey').equals(c.key).modify({ customerKey: to });
      merges.push({ from: c, to });
    }
  }
  // Readings resolved to a key that was just merged away follow it to the buyer id.
  const movedTo = new Map(merges.map((m) => [m.from.key, m.to]));
  return {
    identities: batch.map((o, i) => {
      const to = o.buyer.id || prior[i]?.identity === 'strong' || !trusted[i] ? undefined : idByNick.get(nickKey(o.platform, o.buyer.nick));
      const who = to && identities[i]!.strength === 'strong' ? { key: to, strength: 'strong' as const } : identities[i]!;
      const moved = movedTo.get(who.key);
      return moved ? { key: moved, strength: who.strength } : who;
    }),
    merges,
  };
}

/**
 * Customer records as stored, each read once per ingest: the buyers a batch's readings name are read
 * with its orders, in one round trip, and the identity lookups, the recompute and the badge facts take
 * them from here. Valid within one transaction that writes customers only at its end.
 */
class BuyerReader {
  private readonly known = new Map<string, Customer | undefined>();
  constructor(private readonly db: LaokeDB) {}
  /** The stored records of these keys (undefined: none), reading only those not read before. */
  async get(keys: readonly string[]): Promise<(Customer | undefined)[]> {
    const missing = [...new Set(keys.filter((k) => !this.known.has(k)))];
    if (missing.length > 0) {
      const found = await this.db.customers.bulkGet(missing);
      missing.forEach((k, i) => this.known.set(k, found[i]));
    }
    return keys.map((k) => this.known.get(k));
  }
  /** A record read by another query of the same transaction. */
  know(c: Customer): void {
    this.known.set(c.key, c);
  }
  /** Keys a query of the same transaction found no record under. */
  absent(keys: readonly string[]): void {
    for (const k of keys) if (!this.known.has(k)) this.known.set(k, undefined);
  }
}

/**
 * The keys of the buyers a batch's readings name: each reading's own identity (`own`), and a buyer id's
 * full nick (`nicks`: a customer first known by nick alone, see resolveIdentities).
 */
function namedBuyers(batch: readonly ObservedOrder[]): { own: string[]; nicks: Map<Platform, string[]> } {
  const own = new Set<string>();
  const nicks = new Map<Platform, Set<string>>();
  for (const o of batch) {
    own.add(identify(o.platform, o.orderId, o.buyer, o.region).key);
    if (o.buyer.id && o.buyer.nick.trim() !== '' && !isMaskedNick(o.buyer.nick)) {
      const key = identify(o.platform, o.orderId, { nick: o.buyer.nick }).key;
      // (Where a nick is not unique, e.g. Pinduoduo, it is no key of its own: read like the rest.)
      if (!key.startsWith(`${o.platform}:nick:`)) own.add(key);
      else {
        if (!nicks.has(o.platform)) nicks.set(o.platform, new Set());
        nicks.get(o.platform)!.add(key);
      }
    }
  }
  return { own: [...own], nicks: new Map([...nicks].map(([p, keys]) => [p, [...keys]])) };
}

/**
 * Read the buyers a batch names. Customers keyed by nick alone exist only where an order was read from
 * the page's text without a buyer id (rare: most shops have none), so one probe per platform for any
 * such key stands in for a read of every buyer id's nick key (a request each).
 */
async function readNamedBuyers(db: LaokeDB, buyers: BuyerReader, named: ReturnType<typeof namedBuyers>): Promise<void> {
  const platforms = [...named.nicks.keys()];
  const [, probes] = await Promise.all([
    buyers.get(named.own),
    Promise.all(platforms.map((p) => db.customers.where(':id').startsWith(`${p}:nick:`).limit(1).primaryKeys())),
  ]);
  const toRead: string[] = [];
  platforms.forEach((p, i) => {
    if (probes[i]!.length > 0) toRead.push(...named.nicks.get(p)!);
    else buyers.absent(named.nicks.get(p)!);
  });
  if (toRead.length > 0) await buyers.get(toRead);
}

/** All stored orders of these customers, grouped by customer: one equals() query each, issued together. */
export async function ordersByCustomer(db: LaokeDB, keys: string[]): Promise<Map<string, Order[]>> {
  // In Chromium this is several times faster than an anyOf() cursor over the same keys (npm run bench).
  const lists = await Promise.all(keys.map((k) => db.orders.where('customerKey').equals(k).toArray()));
  return new Map(keys.map((k, i) => [k, lists[i]!]));
}

export interface IngestOptions {
  /**
   * Asked, inside the transaction once the stored orders are read, how many orders of the batch are new
   * to the database (never stored: not a re-reading, not an order stored before); false refuses the batch
   * whole (IngestRefused, nothing written). Not asked when none is new: a batch of stored orders is
   * always admitted. The flood guard (utils/crm/intake.ts) counts these.
   */
  admitNew?: (count: number) => boolean;
}

/** The batch was refused by IngestOptions.admitNew: the transaction was aborted, nothing was written. */
export class IngestRefused extends Error {
  constructor(readonly newOrders: number) {
    super(`ingest refused: ${newOrders} new orders`);
    this.name = 'IngestRefused';
  }
}

/**
 * Pages read again unchanged (the seller paging back and forth): the answer of the last ingest of the
 * same readings, when that ingest wrote nothing, the database's data version has not moved since (no
 * write but "last seen" stamps, which nothing here reads) and no order of the page is due a "last seen"
 * stamp: the whole ingest would read the same, answer the same and write nothing. Kept per connection
 * (a database deleted and made anew starts without), for the last REPEAT_PAGES pages.
 */
const REPEAT_PAGES = 64;
/**
 * Nor more than this many characters of readings kept as their keys, and no page over a quarter of it.
 * A console page's 100 orders read as ~100 kB of JSON; a page script can draw rows far bigger (500
 * orders of 200 items with 300-character titles a message, tens of MB), which would otherwise be kept
 * 64 times over in the service worker.
 */
const REPEAT_CHARS = 8_000_000;
interface Repeat {
  version: number;
  /** The earliest "last seen" of the page's orders as stored: a stamp is due LAST_SEEN_PRECISION_MS after it. */
  lastSeenBy: number;
  result: IngestResult;
}
const repeats = new WeakMap<object, Map<string, Repeat>>();
const connection = (db: LaokeDB): object | undefined => (db.isOpen() ? db.backendDB() : undefined);

export async function ingestOrders(db: LaokeDB, observed: ObservedOrder[], now = Date.now(), options: IngestOptions = {}): Promise<IngestResult> {
  if (observed.length === 0) return { orders: 0, changedOrders: 0, customers: 0, conflicts: 0, facts: [] };
  const digest = JSON.stringify(observed);
  const conn = connection(db);
  const kept = conn && repeats.get(conn)?.get(digest);
  if (kept && now - kept.lastSeenBy < LAST_SEEN_PRECISION_MS && (await readDataVersion(db)).version === kept.version && connection(db) === conn) {
    return structuredClone(kept.result);
  }
  // The last reading of an order within one batch wins.
  const latest = new Map<string, ObservedOrder>();
  for (const o of observed) latest.set(uid(o), o);
  const batch = [...latest.values()];

  // Orders seen again unchanged: only when they were last seen moves (to within LAST_SEEN_PRECISION_MS),
  // which no cache keys on; order care shows it as 最后读取 and may lag by that much.
  const seenAgain: [Platform, string][] = [];
  /** Set when the ingest wrote nothing: the version it read, and the earliest "last seen" of its orders. */
  let unchanged: { version: number; lastSeenBy: number } | undefined;
  const result = await db.transaction('rw', [db.orders, db.customers, db.reviews, db.meta, db.links], async () => {
    // The page's orders and the buyers its readings name, read together (one round trip); a buyer an
    // order is stored under that no reading names is read when needed.
    const buyers = new BuyerReader(db);
    const [existing, , versionRow] = await Promise.all([
      db.orders.bulkGet(batch.map(orderKey)), readNamedBuyers(db, buyers, namedBuyers(batch)), db.meta.get(DATA_VERSION_KEY),
    ]);
    // Thrown inside the transaction, which aborts: the batch is written whole or not at all.
    const fresh = existing.filter((o) => !o).length;
    if (fresh > 0 && options.admitNew && !options.admitNew(fresh)) throw new IngestRefused(fresh);
    const { identities, merges } = await resolveIdentities(db, batch, existing, buyers);
    // The merge moved stored orders in the database; the copies read before it move too.
    for (const m of merges) {
      existing.forEach((o, i) => {
        if (o?.customerKey === m.from.key) existing[i] = { ...o, customerKey: m.to };
      });
    }

    const merged = new Map<string, Order>();
    const touched = new Set<string>(merges.flatMap((m) => [m.from.key, m.to]));
    const writes = new Map<string, Order>();
    /** Orders that changed buyer (the merges' and each order moved to a buyer proven since): from → to. */
    const moves = new Map<string, Set<string>>();
    const moved = (from: string, to: string) => moves.set(from, (moves.get(from) ?? new Set()).add(to));
    for (const m of merges) moved(m.from.key, m.to);
    const conflicts: Omit<IdentityConflict, 'at'>[] = [];
    let changedOrders = 0;
    for (const [i, seen] of batch.entries()) {
      const before = existing[i];
      const { order, changed, conflict } = mergeOrder(before, seen, now, identities[i]);
      merged.set(uid(order), order);
      if (conflict) {
        conflicts.push({ platform: order.platform, orderId: order.orderId, storedKey: order.customerKey, seenKey: identities[i]!.key });
        continue;
      }
      if (changed) {
        changedOrders++;
        touched.add(order.customerKey);
        if (before && before.customerKey !== order.customerKey) {
          touched.add(before.customerKey);
          moved(before.customerKey, order.customerKey);
        }
        writes.set(uid(order), order);
      } else if (!before) {
        writes.set(uid(order), order);
      } else if (now - before.lastSeenAt >= LAST_SEEN_PRECISION_MS) {
        seenAgain.push(orderKey(order));
      }
    }

    // Recompute every touched buyer from all of their orders: stored ones, with this batch's readings
    // in place of the stored versions, and without orders that moved to another buyer.
    const keys = [...touched];
    const previous = await buyers.get(keys);
    // Every stored order has its buyer's record: a buyer without one (and not just merged into) has no
    // stored orders to read.
    const mergedInto = new Set(merges.map((m) => m.to));
    const storedOrders = await ordersByCustomer(db, keys.filter((k, i) => previous[i] || mergedInto.has(k)));
    const theirs = new Map(keys.map((key) => {
      const list = (storedOrders.get(key) ?? []).map((o) => merged.get(uid(o)) ?? o).filter((o) => o.customerKey === key);
      for (const o of merged.values()) if (o.customerKey === key && !list.some((t) => uid(t) === uid(o))) list.push(o);
      return [key, list];
    }));
    // The buyer an order moved to keeps what the seller typed on the one it left (the nick-only record
    // of a buyer now known by id, a masked buyer proven since, a probable one on Pinduoduo); the one
    // left without orders goes only when all of that went along.
    const next = summarizeBuyers(keys, theirs, new Map(keys.map((k, i) => [k, previous[i]])), moves, now);
    const customers = new Map<string, Customer | undefined>();
    const puts: Customer[] = [];
    const deletes: string[] = [];
    for (const key of keys) {
      const c = next.get(key)!;
      customers.set(key, c ?? undefined);
      if (c) puts.push(c);
      else deletes.push(key);
    }
    // The buyers of the page's other orders (unchanged, or set aside as conflicts), as stored: nothing
    // below writes them. Read before the writes are issued, so that those go out together.
    if (merges.length === 0 && writes.size === 0 && puts.length === 0 && deletes.length === 0 && conflicts.length === 0) {
      const seen = new Set(seenAgain.map(([platform, orderId]) => uid({ platform, orderId })));
      unchanged = {
        version: ((versionRow?.value as DataVersion | undefined) ?? NO_VERSION).version,
        lastSeenBy: Math.min(...existing.map((o) => (seen.has(uid(o!)) ? now : o!.lastSeenAt))),
      };
    }
    const missing = [...new Set([...merged.values()].map((o) => o.customerKey))].filter((k) => !customers.has(k));
    const rest = await buyers.get(missing);
    missing.forEach((k, i) => customers.set(k, rest[i]));
    // The writes touch different stores (and disjoint keys): issued together, awaited together; any
    // failing aborts the transaction whole.
    await Promise.all([
      writes.size ? db.orders.bulkPut([...writes.values()]) : undefined,
      // Reviews read before their order (the seller opened 评价管理 first) now find their buyer; an order
      // that moved to another buyer takes its reviews along.
      relinkReviews(db, [...merged.values()].filter((o, i) => !existing[i] || existing[i]!.customerKey !== o.customerKey)),
      puts.length ? db.customers.bulkPut(puts) : undefined,
      deletes.length ? db.customers.bulkDelete(deletes) : undefined,
      // A buyer gone into the one they were proven to be takes the seller's links (关联) along.
      deletes.length ? carryLinks(db, deletes, moves) : undefined,
      recordConflicts(db, conflicts, now),
    ]);
    return {
      orders: batch.length,
      changedOrders,
      customers: puts.length,
      conflicts: conflicts.length,
      facts: [...merged.values()].map((o) => orderFacts(o, customers.get(o.customerKey))),
    };
  });
  if (seenAgain.length > 0) await seenAt(db, db.orders, seenAgain, now);
  const after = connection(db);
  if (after && unchanged && digest.length <= REPEAT_CHARS / 4) {
    const kept = repeats.get(after) ?? new Map<string, Repeat>();
    repeats.set(after, kept);
    kept.delete(digest);
    kept.set(digest, { ...unchanged, result: structuredClone(result) });
    let chars = 0;
    for (const k of kept.keys()) chars += k.length;
    for (const oldest of kept.keys()) {
      if (kept.size <= REPEAT_PAGES && chars <= REPEAT_CHARS) break;
      kept.delete(oldest);
      chars -= oldest.length;
    }
  }
  return result;
}

/**
 * Stamp records seen again, unchanged, with the time: quietly (no cache reads it, so the data version
 * stays), on the records as stored now (another tab may have changed them since they were read).
 */
export async function seenAt<K, R extends { lastSeenAt: number }>(db: LaokeDB, table: Table<R, K>, keys: K[], now: number): Promise<void> {
  await quietly(db, [table], async () => {
    const current = (await table.bulkGet(keys)).filter((r): r is R => !!r && r.lastSeenAt < now);
    if (current.length > 0) await table.bulkPut(current.map((r) => ({ ...r, lastSeenAt: now })));
  });
}

/**
 * The reviews of these orders take the buyer each order has (the last of an order given twice): reviews
 * read before their order, and those of an order that moved to another buyer. Joins a caller's
 * transaction on reviews.
 */
export async function relinkReviews(db: LaokeDB, orders: readonly Order[]): Promise<void> {
  if (orders.length === 0) return;
  const byUid = new Map(orders.map((o) => [uid(o), o]));
  await db.reviews.where('orderId').anyOf([...new Set(orders.map((o) => o.orderId))]).modify((r) => {
    const o = byUid.get(uid(r));
    if (o && r.customerKey !== o.customerKey) r.customerKey = o.customerKey;
  });
}

/** Facts for all order rows on a page, with each buyer's risk flags and tier, answered by one lookup. Unknown orders are left out. */
export async function lookupOrderFacts(db: LaokeDB, platform: Platform, orderIds: string[]): Promise<OrderFacts[]> {
  return db.transaction('r', [db.orders, db.customers, db.reviews, db.meta], async () => {
    // (withValue joins this transaction: the rows' facts and their value read one state.)
    const orders = (await db.orders.bulkGet(orderIds.map((orderId) => orderKey({ platform, orderId }))))
      .filter((o): o is Order => !!o);
    const keys = [...new Set(orders.map((o) => o.customerKey))];
    const customers = await db.customers.bulkGet(keys);
    const byKey = new Map(keys.map((k, i) => [k, customers[i]]));
    return withValue(db, orders.map((o) => orderFacts(o, byKey.get(o.customerKey))));
  });
}
