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
import type { AudienceCustomer, Customer, ItemBought, Order, OrderItem } from '@/utils/crm/types';
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
/** The fields of a customer the analytics page reads (the digest also keeps every audience field: AudienceCustomer). */
export type CustomerDigest = Pick<Customer, 'key' | 'platform' | 'identity' | 'nick' | 'orderCount' | 'firstPurchaseAt' | 'lastPurchaseAt'>;

// ---- Columns ----

/** A string column: each distinct value once (concatenated, with lengths), and per row its index (-1: absent). */
export interface StrCol { dict: string; lens: Uint32Array; idx: Int32Array }
/** A number column; `has` (0/1 per row) only for optional fields. */
export interface NumCol { v: Float64Array; has?: Uint8Array }
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

/**
 * The customers, as written since the audience builder reads them (issue 20): the row columns (the
 * analytics' fields and the audience fields), and per customer its lists as child tables in row order
 * (`items`, `ids`, `tags`, and `bought` for itemsBought; a row's count is -1 where the list is absent).
 */
export interface EncodedCustomers { rows: Columns; items: Columns; ids: Columns; tags: Columns; bought: Columns }

/** A customers value of a base or log entry as written before the audience fields (one Columns): read again from the records. */
export function isEncodedCustomers(c: Columns | EncodedCustomers | undefined): c is EncodedCustomers {
  return c !== undefined && 'rows' in c;
}

export function encodeCustomers(list: readonly AudienceCustomer[]): EncodedCustomers {
  const c = encoder(['key', 'platform', 'identity', 'nick', 'region'], ['orderCount', 'items', 'ids', 'tags', 'bought'],
    ['firstPurchaseAt', 'lastPurchaseAt', 'totalFen', 'pieces', 'maxPieces', 'refundOpen']);
  const items = encoder(['title'], [], ['quantity']);
  const ids = encoder(['id'], []);
  const tags = encoder(['tag'], []);
  const bought = encoder(['id', 'title'], [], ['quantity', 'firstAt', 'lastAt']);
  const n = { items: 0, ids: 0, tags: 0, bought: 0 };
  for (const r of list) {
    c.s.key!.push(r.key);
    c.s.platform!.push(r.platform);
    c.s.identity!.push(r.identity);
    c.s.nick!.push(r.nick);
    c.s.region!.push(r.region);
    c.f.orderCount!.push(r.orderCount);
    c.f.firstPurchaseAt!.push(r.firstPurchaseAt);
    c.f.lastPurchaseAt!.push(r.lastPurchaseAt);
    c.f.totalFen!.push(r.totalFen);
    c.f.pieces!.push(r.pieces);
    c.f.maxPieces!.push(r.maxPieces);
    c.f.refundOpen!.push(r.refundOpen === undefined ? undefined : r.refundOpen ? 1 : 0);
    const its = Array.isArray(r.items) ? r.items : null;
    c.f.items!.push(its ? its.length : -1);
    for (const it of its ?? []) {
      items.s.title!.push(it.title);
      items.f.quantity!.push(it.quantity);
      n.items++;
    }
    const idList = Array.isArray(r.itemIds) ? r.itemIds : null;
    c.f.ids!.push(idList ? idList.length : -1);
    for (const id of idList ?? []) {
      ids.s.id!.push(id);
      n.ids++;
    }
    const tagList = Array.isArray(r.tags) ? r.tags : null;
    c.f.tags!.push(tagList ? tagList.length : -1);
    for (const tag of tagList ?? []) {
      tags.s.tag!.push(tag);
      n.tags++;
    }
    const b = Array.isArray(r.itemsBought) ? r.itemsBought : null;
    c.f.bought!.push(b ? b.length : -1);
    for (const it of b ?? []) {
      bought.s.id!.push(it.id);
      bought.s.title!.push(it.title);
      bought.f.quantity!.push(it.quantity);
      bought.f.firstAt!.push(it.firstAt);
      bought.f.lastAt!.push(it.lastAt);
      n.bought++;
    }
  }
  return { rows: c.done(list.length), items: items.done(n.items), ids: ids.done(n.ids), tags: tags.done(n.tags), bought: bought.done(n.bought) };
}

/** The analytics' fields of each customer (the row columns alone: the lists are not read). */
export function decodeCustomers(e: EncodedCustomers): CustomerDigest[] {
  const c = e.rows;
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

/**
 * Every audience field of each customer, with the record's values: a field the record lacks reads as
 * undefined (every object has the same shape, which is what makes 100,000 of them quick to build).
 */
export function decodeAudienceCustomers(e: EncodedCustomers): AudienceCustomer[] {
  const c = e.rows;
  const [key, platform, identity, nick, region] = ['key', 'platform', 'identity', 'nick', 'region'].map((k) => strings(c.s[k]!));
  const { orderCount, firstPurchaseAt, lastPurchaseAt, totalFen, pieces, maxPieces, refundOpen, items, ids, tags, bought } = c.f;
  const itemTitle = strings(e.items.s.title!);
  const itemQty = e.items.f.quantity!;
  const idText = strings(e.ids.s.id!);
  const tagText = strings(e.tags.s.tag!);
  const [boughtId, boughtTitle] = ['id', 'title'].map((k) => strings(e.bought.s[k]!));
  const { quantity: bq, firstAt: bf, lastAt: bl } = e.bought.f;
  const num = (col: NumCol, i: number): number | undefined => (col.has![i] ? col.v[i] : undefined);
  const out = new Array<AudienceCustomer>(c.n);
  let ji = 0;
  let jd = 0;
  let jt = 0;
  let jb = 0;
  for (let i = 0; i < c.n; i++) {
    const ni = items!.v[i]!;
    let itemList: AudienceCustomer['items'] | undefined;
    if (ni >= 0) {
      itemList = new Array<{ title: string; quantity: number }>(ni);
      for (let k = 0; k < ni; k++, ji++) itemList[k] = { title: itemTitle[ji]!, quantity: num(itemQty, ji)! };
    }
    const nd = ids!.v[i]!;
    let idList: string[] | undefined;
    if (nd >= 0) {
      idList = new Array<string>(nd);
      for (let k = 0; k < nd; k++, jd++) idList[k] = idText[jd]!;
    }
    const nt = tags!.v[i]!;
    let tagList: string[] | undefined;
    if (nt >= 0) {
      tagList = new Array<string>(nt);
      for (let k = 0; k < nt; k++, jt++) tagList[k] = tagText[jt]!;
    }
    const nb = bought!.v[i]!;
    let boughtList: ItemBought[] | undefined;
    if (nb >= 0) {
      boughtList = new Array<ItemBought>(nb);
      for (let k = 0; k < nb; k++, jb++) {
        boughtList[k] = { id: boughtId![jb]!, title: boughtTitle![jb]!, quantity: num(bq!, jb)!, firstAt: num(bf!, jb)!, lastAt: num(bl!, jb)! };
      }
    }
    const refund = num(refundOpen!, i);
    out[i] = {
      key: key![i]!, platform: platform![i] as AudienceCustomer['platform'], nick: nick![i]!, identity: identity![i] as AudienceCustomer['identity'],
      orderCount: orderCount!.v[i]!, totalFen: num(totalFen!, i)!, firstPurchaseAt: num(firstPurchaseAt!, i), lastPurchaseAt: num(lastPurchaseAt!, i),
      items: itemList!, pieces: num(pieces!, i)!, maxPieces: num(maxPieces!, i)!, itemIds: idList!, itemsBought: boughtList,
      region: region![i], refundOpen: refund === undefined ? undefined! : refund === 1, tags: tagList!,
    };
  }
  return out;
}

/** The analytics' fields of an audience row. */
function customerDigestOf(c: AudienceCustomer): CustomerDigest {
  const r = { key: c.key, platform: c.platform, identity: c.identity, nick: c.nick, orderCount: c.orderCount } as CustomerDigest;
  if (c.firstPurchaseAt !== undefined) r.firstPurchaseAt = c.firstPurchaseAt;
  if (c.lastPurchaseAt !== undefined) r.lastPurchaseAt = c.lastPurchaseAt;
  return r;
}

/** The primary key as one string: orders by [platform+orderId], customers by key. */
function orderPk(o: { platform: unknown; orderId: unknown }): string {
  return `${String(o.platform)}\u0000${String(o.orderId)}`;
}

/** IndexedDB's order of the primary keys (strings by code unit, as `<` compares them). */
function byOrderPk(a: OrderDigest, b: OrderDigest): number {
  return a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0;
}

function byCustomerPk(a: AudienceCustomer, b: AudienceCustomer): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

// ---- Stores ----

/** One write, as logged: the rows put (projected), the keys deleted, or "rebuild from the records". */
export interface DigestLogEntry {
  id?: number;
  table: DigestTable;
  orders?: EncodedOrders;
  /** A plain Columns: written before the audience fields were kept (read again from the records). */
  customers?: EncodedCustomers | Columns;
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
  customers?: EncodedCustomers | Columns;
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
/**
 * The last log entry a compaction or a purge dropped, kept beside the bases (a small record): an
 * emptied log has no last entry to say how far the writes went, and the popup's state read whole then
 * starts from here (db/popup-figures.ts), not from 0, which every base's `dropped` would exceed.
 */
export const LOG_MARK = 'logMark';
export interface LogMark { table: typeof LOG_MARK; upTo: number }
/** Raises the mark to `upTo` (inside the caller's write transaction over the digests). */
async function markDropped(db: Pick<DigestDb, 'digests'>, upTo: number): Promise<void> {
  const marks = db.digests as unknown as Table<LogMark, string>;
  const mark = await marks.get(LOG_MARK);
  if ((mark?.upTo ?? 0) < upTo) await marks.put({ table: LOG_MARK, upTo });
}

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

function fold<T>(base: readonly T[], pk: (r: T) => string, cmp: (a: T, b: T) => number, log: readonly DigestLogEntry[], decode: (e: DigestLogEntry) => T[], stringKeys = false): T[] {
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
  if (!added) return [...map.values()];
  // New keys: back in primary-key order. Strings sort by code unit, as IndexedDB orders them (and as
  // `cmp` does): the keys alone sort natively, far quicker than the rows through a comparator.
  if (!stringKeys) return [...map.values()].sort(cmp);
  const keys = [...map.keys()].sort();
  return keys.map((k) => map.get(k)!);
}

/** What the digests are read from: the database's four stores (the schema module's LaokeDB has them). */
export interface DigestDb {
  digests: EntityTable<DigestBase, 'table'>;
  digestLog: EntityTable<DigestLogEntry, 'id'>;
  orders: Table<Order, [Order['platform'], string]>;
  customers: EntityTable<Customer, 'key'>;
  transaction: Dexie['transaction'];
}

/** The log entries of one table after its base. */
export const logAfter = (log: readonly DigestLogEntry[], t: DigestTable, base: DigestBase | undefined) => log.filter((e) => e.table === t && e.id! > (base?.upTo ?? 0));

/**
 * Whether a table's digest must be read again from its records: its base says so, a logged write since
 * could not be logged row by row (a range delete), or (customers) a base or entry predates the audience
 * fields.
 */
export function mustRebuild(t: DigestTable, base: DigestBase | undefined, log: readonly DigestLogEntry[]): boolean {
  if (base?.rebuild === true) return true;
  const after = logAfter(log, t, base);
  if (after.some((e) => e.rebuild)) return true;
  if (t !== 'customers') return false;
  return (base?.customers !== undefined && !isEncodedCustomers(base.customers)) || after.some((e) => e.customers !== undefined && !isEncodedCustomers(e.customers));
}

/** A customers base or entry as audience rows (only called once mustRebuild said no: the new format). */
const audienceRows = (c: EncodedCustomers | Columns | undefined): AudienceCustomer[] => (isEncodedCustomers(c) ? decodeAudienceCustomers(c) : []);

/** The customers with every audience field, from the base and the log after it (or the records, when rebuilt). */
function foldCustomers(records: readonly Customer[] | null, base: DigestBase | undefined, log: readonly DigestLogEntry[]): AudienceCustomer[] {
  if (records) return decodeAudienceCustomers(encodeCustomers(records));
  // The customer key is the whole primary key: its order is the keys' own.
  return fold(audienceRows(base?.customers), (c) => c.key, byCustomerPk, logAfter(log, 'customers', base), (e) => audienceRows(e.customers), true);
}

/**
 * Writes bases in one transaction, never stepping a table back (another reader may have compacted it
 * further meanwhile) nor writing over a base changed since this reader read it (purgeDigests after a
 * deletion dropped the log this read folded in: the rows read then may hold the buyer deleted since).
 * Then drops the log up to `last` of every table whose base now holds it (`drop`: only these entries of
 * each table whose base was written).
 */
export async function writeBases(db: DigestDb, last: number, bases: DigestBase[], read: readonly (DigestBase | undefined)[], drop?: Partial<Record<DigestTable, readonly number[]>>): Promise<void> {
  await db.transaction('rw', [db.digests, db.digestLog], async () => {
    const current = await db.digests.bulkGet(bases.map((b) => b.table));
    // A base is kept when it already holds as much (and is of the current format).
    const holds = (b: DigestBase | undefined) => b !== undefined && !b.rebuild && b.upTo >= last && (b.table !== 'customers' || b.customers === undefined || isEncodedCustomers(b.customers));
    const same = (a: DigestBase | undefined, b: DigestBase | undefined) => (a?.upTo ?? 0) === (b?.upTo ?? 0) && (a?.rebuild === true) === (b?.rebuild === true);
    // The popup's state (db/popup-figures.ts) folds the log after its own last entry: those entries stay
    // while it can still fold them (at most HOLD_FOR_POPUP of them), and the bases say what went.
    const states = db.digests as unknown as Table<{ table: string; upTo: number }, string>;
    const held = (await states.get(POPUP_STATE))?.upTo;
    const keep = held !== undefined && held < last && (await db.digestLog.where(':id').between(held, last, false, true).count()) <= HOLD_FOR_POPUP ? held : last;
    const fresh = bases.filter((_, i) => !holds(current[i]) && same(current[i], read[i]))
      .map((b) => ({ ...b, dropped: Math.max(keep, current[bases.indexOf(b)]?.dropped ?? 0) }));
    const covered = new Set<string>([...fresh.map((b) => b.table), ...bases.filter((_, i) => holds(current[i])).map((b) => b.table)]);
    if (fresh.length > 0) {
      await db.digests.bulkPut(fresh);
      // (Nothing past `keep` is dropped below, and every entry up to it was written before this read.)
      await markDropped(db, keep);
    }
    // The popup's state may only outlive log entries it has folded: past them, it is read whole again.
    const dropping = async (upTo: number) => {
      if (held !== undefined && upTo > held) await states.delete(POPUP_STATE);
    };
    if (drop) {
      if (fresh.length === 0) return;
      // Only the entries of the tables whose base was written here.
      const ids = fresh.flatMap((b) => drop[b.table] ?? []).filter((id) => id <= keep);
      await dropping(Math.max(0, ...ids));
      await db.digestLog.bulkDelete(ids);
      return;
    }
    // The other table (not written here) keeps its entries unless its own base already holds them.
    const [ob, cb] = await db.digests.bulkGet(['orders', 'customers']);
    for (const [t, b] of [['orders', ob], ['customers', cb]] as const) if (!covered.has(t) && holds(b)) covered.add(t);
    if (covered.size > 0) await dropping(keep);
    if (covered.size === 2) await db.digestLog.where(':id').belowOrEqual(keep).delete();
    else if (covered.size === 1) await db.digestLog.where(':id').belowOrEqual(keep).filter((e) => covered.has(e.table)).delete();
  });
}

export async function readShopDigest(db: DigestDb): Promise<ShopDigest> {
  const read = await db.transaction('r', [db.digests, db.digestLog, db.orders, db.customers], async () => {
    const [ob, cb] = await db.digests.bulkGet(['orders', 'customers']);
    const log = await db.digestLog.toArray();
    const last = log.length ? log[log.length - 1]!.id! : 0;
    // A rebuild reads the records in this same transaction: they hold every logged write up to `last`.
    const [orders, customers] = await Promise.all([
      mustRebuild('orders', ob, log) ? db.orders.toArray() : null,
      mustRebuild('customers', cb, log) ? db.customers.toArray() : null,
    ]);
    return { ob, cb, log, last, orders, customers };
  });
  const { ob, cb, log, last } = read;
  const orders = read.orders
    ? decodeOrders(encodeOrders(read.orders))
    : fold(ob?.orders ? decodeOrders(ob.orders) : [], orderPk, byOrderPk, logAfter(log, 'orders', ob), (e) => (e.orders ? decodeOrders(e.orders) : []));
  // (Entries a compaction kept for the popup's state, at or below the bases, are folded in already.)
  const folded = logAfter(log, 'orders', ob).length + logAfter(log, 'customers', cb).length;
  const rebuilt = read.orders !== null || read.customers !== null;
  // The base alone (nothing to fold): only the analytics' columns are decoded.
  const plain = !read.customers && logAfter(log, 'customers', cb).length === 0;
  const rows = plain ? null : foldCustomers(read.customers, cb, log);
  const customers = rows ? rows.map(customerDigestOf) : isEncodedCustomers(cb?.customers) ? decodeCustomers(cb.customers) : [];
  return {
    orders, customers, folded, rebuilt,
    compact: async () => {
      if (folded === 0 && !rebuilt) return;
      const bases: DigestBase[] = [{ table: 'orders', upTo: last, orders: encodeOrders(orders) }];
      // Customers unchanged since their base: it stays (its upTo is below `last`, and it holds all of them).
      const read: (DigestBase | undefined)[] = [ob];
      if (rows) {
        bases.push({ table: 'customers', upTo: last, customers: encodeCustomers(rows) });
        read.push(cb);
      }
      await writeBases(db, last, bases, read);
    },
  };
}

export interface CustomerRows {
  /** Every customer with the audience fields, in primary-key order, exactly as `toArray()` gives them. */
  customers: AudienceCustomer[];
  /** Log entries of customers folded in, and whether they were read from the records. */
  folded: number;
  rebuilt: boolean;
  /** Writes the folded customers back as their base and drops the customers' log entries it folded. */
  compact(): Promise<void>;
}

/** The customers alone (the audience builder), without reading or decoding any order. */
export async function readCustomerRows(db: Pick<DigestDb, 'digests' | 'digestLog' | 'customers' | 'transaction'>): Promise<CustomerRows> {
  const read = await db.transaction('r', [db.digests, db.digestLog, db.customers], async () => {
    const cb = await db.digests.get('customers');
    const log = await db.digestLog.toArray();
    const last = log.length ? log[log.length - 1]!.id! : 0;
    const records = mustRebuild('customers', cb, log) ? await db.customers.toArray() : null;
    return { cb, log, last, records };
  });
  const { cb, log, last, records } = read;
  const customers = foldCustomers(records, cb, log);
  const mine = logAfter(log, 'customers', cb);
  return {
    customers, folded: mine.length, rebuilt: records !== null,
    compact: async () => {
      if (mine.length === 0 && !records) return;
      // Only this table's entries go: the orders' stay for their own base.
      const drop = log.filter((e) => e.table === 'customers').map((e) => e.id!);
      await writeBases(db as DigestDb, last, [{ table: 'customers', upTo: last, customers: encodeCustomers(customers) }], [cb], { customers: drop });
    },
  };
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
  const bases: DigestBase[] = [
    mustRebuild('orders', ob, log)
      ? { table: 'orders', upTo: last, rebuild: true }
      : { table: 'orders', upTo: last, orders: encodeOrders(fold(ob?.orders ? decodeOrders(ob.orders) : [], orderPk, byOrderPk, logAfter(log, 'orders', ob), (e) => (e.orders ? decodeOrders(e.orders) : []))) },
    mustRebuild('customers', cb, log)
      ? { table: 'customers', upTo: last, rebuild: true }
      : { table: 'customers', upTo: last, customers: encodeCustomers(foldCustomers(null, cb, log)) },
  ];
  await db.digests.bulkPut(bases);
  await db.digestLog.where(':id').belowOrEqual(last).delete();
  await markDropped(db, last);
  // The popup's state holds the week's orders (buyer, time, amount) and their buyers' facts: it goes
  // too, and the next popup reads its figures whole.
  await (db.digests as unknown as Table<{ table: string }, string>).delete(POPUP_STATE);
}
