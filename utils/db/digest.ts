// Compact columnar copies ("digests") of the orders and customers, for the pages that read the whole
// shop at once (the analytics page). Reading 247,564 order records through IndexedDB takes seconds:
// every record is a value of its own, deserialised object by object, every title and region string
// again. A digest holds only the fields the analytics read, column by column (numbers in typed arrays,
// strings once each in a dictionary), and opens in tens of milliseconds.
//
// Kept exact without costing ingest anything worth measuring, as a log-structured copy:
// - every write of orders or customers, by anyone (ingest, privacy, backups, upgrades), goes through a
//   Dexie middleware that appends what it wrote (the projected rows, or the deleted keys) to the store
//   `digestLog`, in the same transaction: it commits or aborts with the data;
// - `digests` holds one base per table (rows in primary-key order, and the last log entry folded in);
// - a reader takes the base and the log after it in one read transaction, folds the log in (by primary
//   key, in log order), and may write the folded base back (compact), dropping the log it folded.
// A base marked `rebuild` (after the upgrade that introduced digests, or after a range delete) is
// rebuilt from the records themselves, once. The rows come out exactly as `toArray()` would give them
// (same order, same values of the projected fields), so every figure computed from them is the same.
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTransaction, Middleware } from 'dexie';
import type { Customer, Order, OrderItem } from '@/utils/crm/types';
import type Dexie from 'dexie';
import type { EntityTable, Table } from 'dexie';

export const DIGEST_LOG = 'digestLog';
export const DIGESTS = 'digests';
export type DigestTable = 'orders' | 'customers';
/** The digest stores: derived copies, never backed up (a restore writes the records, and they are logged). */
export const DIGEST_STORES: readonly string[] = [DIGESTS, DIGEST_LOG];
const TABLES: readonly DigestTable[] = ['orders', 'customers'];

/** The fields of an order the analytics page reads (utils/crm/analytics.ts, cycles.ts, purchase.ts). */
export type OrderDigest = Pick<Order, 'platform' | 'orderId' | 'customerKey' | 'identity' | 'nick' | 'createdAt' | 'status' | 'amountFen' | 'refundFen' | 'region' | 'discount'> & {
  items: OrderItem[];
};
/** The fields of a customer the analytics page (and the builder's first count) read. */
export type CustomerDigest = Pick<Customer, 'key' | 'platform' | 'identity' | 'nick' | 'orderCount' | 'firstPurchaseAt' | 'lastPurchaseAt'>;

// ---- Columns ----

/** A string column: each distinct value once (concatenated, with lengths), and per row its index (-1: absent). */
interface StrCol { dict: string; lens: Uint32Array; idx: Int32Array }
/** A number column; `has` (0/1 per row) only for optional fields. */
interface NumCol { v: Float64Array; has?: Uint8Array }
export interface Columns { n: number; s: Record<string, StrCol>; f: Record<string, NumCol> }

class StrEnc {
  private readonly map = new Map<string, number>();
  private readonly list: string[] = [];
  private readonly idx: number[] = [];
  push(v: unknown): void {
    if (v === undefined || v === null) {
      this.idx.push(-1);
      return;
    }
    const s = String(v);
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.map.set(s, i);
      this.list.push(s);
    }
    this.idx.push(i);
  }
  done(): StrCol {
    return { dict: this.list.join(''), lens: Uint32Array.from(this.list, (s) => s.length), idx: Int32Array.from(this.idx) };
  }
}

class NumEnc {
  private readonly v: number[] = [];
  private readonly has: number[] | null;
  constructor(optional: boolean) {
    this.has = optional ? [] : null;
  }
  push(x: number | undefined): void {
    if (this.has) this.has.push(x === undefined || x === null ? 0 : 1);
    this.v.push(x ?? 0);
  }
  done(): NumCol {
    return this.has ? { v: Float64Array.from(this.v), has: Uint8Array.from(this.has) } : { v: Float64Array.from(this.v) };
  }
}

function strings(c: StrCol): (string | undefined)[] {
  const dict: string[] = new Array<string>(c.lens.length);
  let p = 0;
  for (let i = 0; i < c.lens.length; i++) {
    const end = p + c.lens[i]!;
    dict[i] = c.dict.substring(p, end);
    p = end;
  }
  const out = new Array<string | undefined>(c.idx.length);
  for (let i = 0; i < c.idx.length; i++) {
    const k = c.idx[i]!;
    out[i] = k < 0 ? undefined : dict[k];
  }
  return out;
}

function encoder(strs: readonly string[], nums: readonly string[], optional: readonly string[] = []) {
  const s = Object.fromEntries(strs.map((k) => [k, new StrEnc()]));
  const f = Object.fromEntries([...nums.map((k) => [k, new NumEnc(false)] as const), ...optional.map((k) => [k, new NumEnc(true)] as const)]);
  return {
    s, f,
    done: (n: number): Columns => ({
      n,
      s: Object.fromEntries(Object.entries(s).map(([k, e]) => [k, e.done()])),
      f: Object.fromEntries(Object.entries(f).map(([k, e]) => [k, e.done()])),
    }),
  };
}

// ---- The two projections ----

export interface EncodedOrders { rows: Columns; items: Columns }

export function encodeOrders(list: readonly Order[] | readonly OrderDigest[]): EncodedOrders {
  const o = encoder(['platform', 'orderId', 'customerKey', 'identity', 'nick', 'status', 'region'], ['createdAt', 'amountFen', 'refundFen', 'items'], ['shopFen', 'platformFen']);
  const it = encoder(['itemId', 'title', 'sku'], ['quantity', 'unitFen', 'refunded']);
  let items = 0;
  for (const r of list) {
    o.s.platform!.push(r.platform);
    o.s.orderId!.push(r.orderId);
    o.s.customerKey!.push(r.customerKey);
    o.s.identity!.push(r.identity);
    o.s.nick!.push(r.nick);
    o.s.status!.push(r.status);
    o.s.region!.push(r.region);
    o.f.createdAt!.push(r.createdAt);
    o.f.amountFen!.push(r.amountFen);
    o.f.refundFen!.push(r.refundFen);
    o.f.shopFen!.push(r.discount?.shopFen);
    o.f.platformFen!.push(r.discount?.platformFen);
    const lines = Array.isArray(r.items) ? r.items : [];
    o.f.items!.push(lines.length);
    for (const line of lines) {
      it.s.itemId!.push(line.itemId);
      it.s.title!.push(line.title);
      it.s.sku!.push(line.sku);
      it.f.quantity!.push(line.quantity);
      it.f.unitFen!.push(line.unitFen);
      it.f.refunded!.push(line.refunded ? 1 : 0);
      items++;
    }
  }
  return { rows: o.done(list.length), items: it.done(items) };
}

export function decodeOrders(e: EncodedOrders): OrderDigest[] {
  const { rows, items } = e;
  const [platform, orderId, customerKey, identity, nick, status, region] = ['platform', 'orderId', 'customerKey', 'identity', 'nick', 'status', 'region'].map((k) => strings(rows.s[k]!));
  const [itemId, title, sku] = ['itemId', 'title', 'sku'].map((k) => strings(items.s[k]!));
  const { createdAt, amountFen, refundFen, shopFen, platformFen, items: count } = rows.f;
  const { quantity, unitFen, refunded } = items.f;
  const out = new Array<OrderDigest>(rows.n);
  let j = 0;
  for (let i = 0; i < rows.n; i++) {
    const lines: OrderItem[] = new Array<OrderItem>(count!.v[i]!);
    for (let k = 0; k < lines.length; k++, j++) {
      lines[k] = { itemId: itemId![j]!, title: title![j]!, sku: sku![j]!, quantity: quantity!.v[j]!, unitFen: unitFen!.v[j]!, refunded: refunded!.v[j] === 1 };
    }
    const o = {
      platform: platform![i], orderId: orderId![i], customerKey: customerKey![i], identity: identity![i], nick: nick![i],
      createdAt: createdAt!.v[i], status: status![i], amountFen: amountFen!.v[i], refundFen: refundFen!.v[i], items: lines,
    } as OrderDigest;
    if (region![i] !== undefined) o.region = region![i];
    if (shopFen!.has![i]) o.discount = { shopFen: shopFen!.v[i]!, platformFen: platformFen!.v[i]! };
    out[i] = o;
  }
  return out;
}

export function encodeCustomers(list: readonly Customer[] | readonly CustomerDigest[]): Columns {
  const c = encoder(['key', 'platform', 'identity', 'nick'], ['orderCount'], ['firstPurchaseAt', 'lastPurchaseAt']);
  for (const r of list) {
    c.s.key!.push(r.key);
    c.s.platform!.push(r.platform);
    c.s.identity!.push(r.identity);
    c.s.nick!.push(r.nick);
    c.f.orderCount!.push(r.orderCount);
    c.f.firstPurchaseAt!.push(r.firstPurchaseAt);
    c.f.lastPurchaseAt!.push(r.lastPurchaseAt);
  }
  return c.done(list.length);
}

export function decodeCustomers(c: Columns): CustomerDigest[] {
  const [key, platform, identity, nick] = ['key', 'platform', 'identity', 'nick'].map((k) => strings(c.s[k]!));
  const { orderCount, firstPurchaseAt, lastPurchaseAt } = c.f;
  const out = new Array<CustomerDigest>(c.n);
  for (let i = 0; i < c.n; i++) {
    const r = { key: key![i], platform: platform![i], identity: identity![i], nick: nick![i], orderCount: orderCount!.v[i] } as CustomerDigest;
    if (firstPurchaseAt!.has![i]) r.firstPurchaseAt = firstPurchaseAt!.v[i];
    if (lastPurchaseAt!.has![i]) r.lastPurchaseAt = lastPurchaseAt!.v[i];
    out[i] = r;
  }
  return out;
}

/** The primary key as one string: orders by [platform+orderId], customers by key. */
function orderPk(o: { platform: unknown; orderId: unknown }): string {
  return `${String(o.platform)}\u0000${String(o.orderId)}`;
}

/** IndexedDB's order of the primary keys (strings by code unit, as `<` compares them). */
function byOrderPk(a: OrderDigest, b: OrderDigest): number {
  return a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;
}

function byCustomerPk(a: CustomerDigest, b: CustomerDigest): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

// ---- Stores ----

/** One write, as logged: the rows put (projected), the keys deleted, or "rebuild from the records". */
export interface DigestLogEntry {
  id?: number;
  table: DigestTable;
  orders?: EncodedOrders;
  customers?: Columns;
  deleted?: string[];
  rebuild?: true;
}

export interface DigestBase {
  table: DigestTable;
  /** The last log entry folded into this base. */
  upTo: number;
  /** The last log entry dropped (absent: upTo); entries between are kept for the popup's state. */
  dropped?: number;
  /** Set when the base cannot be trusted (the upgrade that created digests): rebuilt from the records. */
  rebuild?: true;
  orders?: EncodedOrders;
  customers?: Columns;
}

function logEntry(table: DigestTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse): DigestLogEntry | null {
  if (req.type === 'deleteRange') return { table, rebuild: true };
  if (req.type === 'delete') {
    const keys = req.keys.filter((_, i) => !res.failures[i]);
    if (keys.length === 0) return null;
    return { table, deleted: keys.map((k) => (table === 'orders' ? (Array.isArray(k) ? orderPk({ platform: k[0], orderId: k[1] }) : String(k)) : String(k))) };
  }
  // add and put: the values written (a put without values, should Dexie ever send one, is a rebuild).
  if (!req.values) return { table, rebuild: true };
  const values = res.numFailures > 0 ? req.values.filter((_, i) => !res.failures[i]) : req.values;
  if (values.length === 0) return null;
  return table === 'orders' ? { table, orders: encodeOrders(values as Order[]) } : { table, customers: encodeCustomers(values as Customer[]) };
}

/**
 * The middleware: every successful write to orders or customers is logged in `digestLog`, in its own
 * transaction (which it adds the store to, as the data version adds meta).
 */
export const digestMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'laoke-digest',
  create(down) {
    const enabled = down.schema.tables.some((t) => t.name === DIGEST_LOG);
    if (!enabled) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        const all = mode === 'readwrite' && !stores.includes(DIGEST_LOG) && stores.some((s) => s === 'orders' || s === 'customers') ? [...stores, DIGEST_LOG] : stores;
        return down.transaction(all, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'orders' && name !== 'customers') return table;
        return {
          ...table,
          mutate(req) {
            return table.mutate(req).then((res) => {
              const idb = req.trans as unknown as IDBTransaction;
              // Upgrades of versions before digests existed run without the store: that upgrade marks a rebuild.
              if (!idb.objectStoreNames?.contains(DIGEST_LOG)) return res;
              const entry = logEntry(name, req, res);
              if (!entry) return res;
              return down.table(DIGEST_LOG).mutate({ type: 'add', trans: req.trans as DBCoreTransaction, values: [entry] }).then(
                () => res,
                (err: unknown) => {
                  try {
                    idb.abort();
                  } catch {
                    // already finished
                  }
                  throw err;
                },
              );
            });
          },
        };
      },
    };
  },
};

/** The base of each table as the upgrade that introduces digests leaves it: to be rebuilt from the records. */
/** The popup's state, kept in the digests store beside the bases (db/popup-figures.ts), and how much log it may hold back. */
export const POPUP_STATE = 'pulse';
export const HOLD_FOR_POPUP = 2_000;

export const REBUILD_BASES: DigestBase[] = TABLES.map((table) => ({ table, upTo: 0, rebuild: true }));

// ---- Reading ----

export interface ShopDigest {
  orders: OrderDigest[];
  customers: CustomerDigest[];
  /** Log entries folded in (0: the base was current), and whether a table was rebuilt from its records. */
  folded: number;
  rebuilt: boolean;
  /** Writes the folded digest back as the new base (a no-op when nothing was folded). */
  compact(): Promise<void>;
}

function fold<T>(base: readonly T[], pk: (r: T) => string, cmp: (a: T, b: T) => number, log: readonly DigestLogEntry[], decode: (e: DigestLogEntry) => T[]): T[] {
  if (log.length === 0) return base as T[];
  const map = new Map<string, T>();
  for (const r of base) map.set(pk(r), r);
  let added = false;
  for (const e of log) {
    for (const r of decode(e)) {
      const k = pk(r);
      if (!added && !map.has(k)) added = true;
      map.set(k, r);
    }
    for (const k of e.deleted ?? []) map.delete(k);
  }
  const rows = [...map.values()];
  // The base is in key order and new keys come after it: two runs, which the sort merges.
  if (added) rows.sort(cmp);
  return rows;
}

/**
 * Fold the log into the bases now, inside the caller's write transaction over digests, digestLog, orders
 * and customers: for a deletion (删除此客户, retention), after which no copy of the deleted rows may stay
 * in the digests. The log holds every row ever written until the analytics page next compacts it, and
 * the base every row of the last compaction: a deleted buyer's orders (nick, region, items) would
 * otherwise stay on disk here until the seller opens the analytics page. A base to be rebuilt from the
 * records anyway keeps its mark and holds no rows; the log entries folded are dropped.
 */
export async function purgeDigests(db: DigestDb): Promise<void> {
  const [ob, cb] = await db.digests.bulkGet(['orders', 'customers']);
  const log = await db.digestLog.toArray();
  if (log.length === 0) return;
  const last = log[log.length - 1]!.id!;
  const need = (t: DigestTable, base: DigestBase | undefined) =>
    base?.rebuild === true || log.some((e) => e.table === t && e.rebuild && e.id! > (base?.upTo ?? 0));
  const after = (t: DigestTable, base: DigestBase | undefined) => log.filter((e) => e.table === t && e.id! > (base?.upTo ?? 0));
  const bases: DigestBase[] = [
    need('orders', ob)
      ? { table: 'orders', upTo: last, rebuild: true }
      : { table: 'orders', upTo: last, orders: encodeOrders(fold(ob?.orders ? decodeOrders(ob.orders) : [], orderPk, byOrderPk, after('orders', ob), (e) => (e.orders ? decodeOrders(e.orders) : []))) },
    need('customers', cb)
      ? { table: 'customers', upTo: last, rebuild: true }
      : { table: 'customers', upTo: last, customers: encodeCustomers(fold(cb?.customers ? decodeCustomers(cb.customers) : [], (c) => c.key, byCustomerPk, after('customers', cb), (e) => (e.customers ? decodeCustomers(e.customers) : []))) },
  ];
  await db.digests.bulkPut(bases);
  await db.digestLog.where(':id').belowOrEqual(last).delete();
  // The popup's state holds the week's orders (buyer, time, amount) and their buyers' facts: it goes
  // too, and the next popup reads its figures whole.
  await (db.digests as unknown as Table<{ table: string }, string>).delete(POPUP_STATE);
}

/** The orders and customers as the analytics read them, from the digests (rebuilt from the records when needed). */
/** What the digests are read from: the database's four stores (the schema module's LaokeDB has them). */
export interface DigestDb {
  digests: EntityTable<DigestBase, 'table'>;
  digestLog: EntityTable<DigestLogEntry, 'id'>;
  orders: Table<Order, [Order['platform'], string]>;
  customers: EntityTable<Customer, 'key'>;
  transaction: Dexie['transaction'];
}

export async function readShopDigest(db: DigestDb): Promise<ShopDigest> {
  const read = await db.transaction('r', [db.digests, db.digestLog, db.orders, db.customers], async () => {
    const [ob, cb] = await db.digests.bulkGet(['orders', 'customers']);
    // Entries a compaction kept for the popup's state (at or below the bases) are folded in already.
    const log = await db.digestLog.where(':id').above(Math.min(ob?.upTo ?? 0, cb?.upTo ?? 0)).toArray();
    const last = log.length ? log[log.length - 1]!.id! : Math.max(ob?.upTo ?? 0, cb?.upTo ?? 0);
    const need = (t: DigestTable, base: DigestBase | undefined) =>
      base?.rebuild === true || log.some((e) => e.table === t && e.rebuild && e.id! > (base?.upTo ?? 0));
    const rebuildOrders = need('orders', ob);
    const rebuildCustomers = need('customers', cb);
    // A rebuild reads the records in this same transaction: they hold every logged write up to `last`.
    const [orders, customers] = await Promise.all([
      rebuildOrders ? db.orders.toArray() : null,
      rebuildCustomers ? db.customers.toArray() : null,
    ]);
    return { ob, cb, log, last, orders, customers };
  });
  const { ob, cb, log, last } = read;
  const after = (t: DigestTable, base: DigestBase | undefined) => log.filter((e) => e.table === t && e.id! > (base?.upTo ?? 0));
  const orders = read.orders
    ? decodeOrders(encodeOrders(read.orders))
    : fold(ob?.orders ? decodeOrders(ob.orders) : [], orderPk, byOrderPk, after('orders', ob), (e) => (e.orders ? decodeOrders(e.orders) : []));
  const customers = read.customers
    ? decodeCustomers(encodeCustomers(read.customers))
    : fold(cb?.customers ? decodeCustomers(cb.customers) : [], (c) => c.key, byCustomerPk, after('customers', cb), (e) => (e.customers ? decodeCustomers(e.customers) : []));
  const folded = log.filter((e) => e.id! > ((e.table === 'orders' ? ob : cb)?.upTo ?? 0)).length;
  const rebuilt = read.orders !== null || read.customers !== null;
  return {
    orders, customers, folded, rebuilt,
    compact: async () => {
      if (folded === 0 && !rebuilt) return;
      await db.transaction('rw', [db.digests, db.digestLog], async () => {
        // Another reader may have compacted further meanwhile: never step back.
        const current = await db.digests.get('orders');
        if (current && !current.rebuild && current.upTo >= last) return;
        // Nor write over a base changed since this reader read it (purgeDigests after a deletion dropped
        // the log this read folded in): the rows read then may hold the buyer deleted since.
        if ((current?.upTo ?? 0) !== (ob?.upTo ?? 0) || (current?.rebuild === true) !== (ob?.rebuild === true)) return;
        // The popup's state (db/popup-figures.ts) folds the log after its own last entry: those entries
        // stay while it can still fold them (at most HOLD_FOR_POPUP of them), and the bases say what went.
        const held = (await (db.digests as unknown as Table<{ table: string; upTo: number }, string>).get(POPUP_STATE))?.upTo;
        const keep = held !== undefined && held < last && (await db.digestLog.where(':id').between(held, last, false, true).count()) <= HOLD_FOR_POPUP ? held : last;
        const dropped = Math.max(keep, current?.dropped ?? 0);
        await db.digests.bulkPut([
          { table: 'orders', upTo: last, dropped, orders: encodeOrders(orders) },
          { table: 'customers', upTo: last, dropped, customers: encodeCustomers(customers) },
        ]);
        await db.digestLog.where(':id').belowOrEqual(dropped).delete();
      });
    },
  };
}
