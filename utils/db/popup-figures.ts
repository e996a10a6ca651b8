// The popup's figures (the shop's pulse): today and the last 7 days, read through the date indexes (orders and
// reviews by createdAt) and the customers behind them, never a scan of the whole shop, so the first
// figures show at once however big the shop is. Open callback tasks come counted by the background
// (meta 'taskSummary'), which has the whole shop at hand.
import { windowStats, type BuyerFacts, type WindowStats } from '@/utils/crm/analytics';
import { lastDays, type DateRange } from '@/utils/crm/time';
import type { TaskKind } from '@/utils/crm/tasks';
import type { AspectId, Review } from '@/utils/crm/types';
import { BASELINE_WEEKS, complaintTrends } from '@/utils/crm/review-trends';
import { DAY_MS } from '@/utils/crm/time';
import type { Order } from '@/utils/crm/types';
import { DATA_VERSION_KEY, readDataVersion, versionOf, type DataVersion } from './data-version';
import { decodeCustomers, decodeOrders, HOLD_FOR_POPUP, isEncodedCustomers, LOG_MARK, POPUP_STATE, type DigestBase, type DigestLogEntry, type LogMark } from './digest';
import type { LaokeDB } from './schema';
import type { Table } from 'dexie';

/** What the popup's figures are computed from. */
const POPUP_STORES = ['orders', 'customers', 'reviews'] as const;

export interface PulseWindow extends WindowStats {
  range: DateRange;
  /** New bad reviews: written in the window, read as 差评 (hidden complaints included). */
  badReviews: number;
}

export interface TaskSummary {
  total: number;
  byKind: Record<TaskKind, number>;
  at: number;
}

/** A complaint that jumped on one item this week (差评预警, utils/crm/review-trends.ts). */
export interface TrendAlert {
  itemId: string;
  title: string;
  aspect: AspectId;
  thisWeek: number;
  baseline: number;
}

/** The popup shows this many alerts at most; the analytics page has them all. */
export const POPUP_ALERTS = 3;

export interface PopupPulse {
  today: PulseWindow;
  week: PulseWindow;
  tasks: TaskSummary | null;
  /** Complaint alerts of the last 7 days against the 4 weeks before (absent in snapshots from before them). */
  alerts?: TrendAlert[];
}

export async function popupPulse(db: LaokeDB, now = Date.now()): Promise<PopupPulse> {
  return (await currentFigures(db, now)).pulse;
}

/** The order fields the figures read (windowStats: purchase rule, net sales, buyer, identity, day). */
type PulseOrder = Pick<Order, 'customerKey' | 'identity' | 'createdAt' | 'status' | 'amountFen' | 'refundFen'>;

/**
 * What an update of the figures starts from (kept in the `digests` store under 'pulse', a derived copy
 * that is never backed up and moves no data version): every order created since the week began, by
 * primary key, with the facts of their buyers as their records held them (null: no record), the last
 * digest log entry folded in, and the review part with the review version and day it was read for.
 */
export interface PulseState {
  table: 'pulse';
  /** The last digestLog id whose writes the orders and facts include. */
  upTo: number;
  /** week.from when the orders were first read: orders created before it are not here. */
  from: number;
  /** [orderPk, customerKey, identity, createdAt, status, amountFen, refundFen]. */
  orders: [string, string, Order['identity'], number, Order['status'], number, number][];
  facts: [string, BuyerFacts | null][];
  /** The review part (new bad reviews of each window, the alerts) for this day and review version. */
  reviews: { day: number; version: number; today: number; week: number; alerts: TrendAlert[] };
}

const PULSE_STATE = POPUP_STATE;
/** The digests store, which holds the state beside the digests' bases (keyed by `table`). */
const digestStore = (db: LaokeDB) => db.digests as unknown as Table<DigestBase | PulseState, string>;
/** A log longer than this since the state is read again whole: folding it would cost more (compactions hold back no more). */
const MAX_FOLD = HOLD_FOR_POPUP;
const orderPk = (platform: unknown, orderId: unknown) => `${String(platform)}\u0000${String(orderId)}`;

// Laoke's reading (stored with each review), else the stars (1–2 is a 差评), else 千牛's reading.
const isBad = (r: Review) => (r.analysis ? r.analysis.sentiment === 'neg' : r.rating != null ? r.rating <= 2 : r.platformSentiment === 'neg');

/** The review part of the figures: read through the date index (the week and the BASELINE_WEEKS before it, for the alerts). */
async function reviewPart(db: LaokeDB, now: number): Promise<Omit<PulseState['reviews'], 'version'>> {
  const today = lastDays(now, 1);
  const week = lastDays(now, 7);
  const reviews = await db.reviews.where('createdAt').between(week.from - BASELINE_WEEKS * 7 * DAY_MS, week.to, true, false).toArray();
  const bad = (range: DateRange) => reviews.filter((r) => r.createdAt >= range.from && r.createdAt < range.to && isBad(r)).length;
  return {
    day: today.from, today: bad(today), week: bad(week),
    alerts: complaintTrends(reviews, now).filter((x) => x.alert).slice(0, POPUP_ALERTS)
      .map((x) => ({ itemId: x.itemId, title: x.title, aspect: x.aspect, thisWeek: x.weekly[0]!, baseline: x.baseline })),
  };
}

/** The figures of the two windows from the week's orders and their buyers' facts. */
function figures(orders: Iterable<PulseOrder>, facts: ReadonlyMap<string, BuyerFacts | null>, rev: PulseState['reviews'], tasks: TaskSummary | null, now: number): PopupPulse {
  const today = lastDays(now, 1);
  const week = lastDays(now, 7);
  // As read through the date index: the week's orders only.
  const inWeek: PulseOrder[] = [];
  for (const o of orders) if (o.createdAt >= week.from && o.createdAt < week.to) inWeek.push(o);
  const buyers = new Map<string, BuyerFacts>();
  for (const [k, f] of facts) if (f) buyers.set(k, f);
  return {
    today: { ...windowStats(inWeek as Order[], buyers, today), range: today, badReviews: rev.today },
    week: { ...windowStats(inWeek as Order[], buyers, week), range: week, badReviews: rev.week },
    tasks,
    alerts: rev.alerts,
  };
}

interface Figures { pulse: PopupPulse; version: number; state: PulseState | null }

/**
 * The figures and the data version they were read at (one read transaction), read whole: the orders
 * since the week began, their buyers, the reviews; with the state an update can start from.
 */
async function popupFigures(db: LaokeDB, now: number): Promise<Figures> {
  const week = lastDays(now, 7);
  return db.transaction('r', [db.orders, db.customers, db.reviews, db.meta, db.digestLog, db.digests], async () => {
    const [orders, rev, tasks, dv, lastLog, mark] = await Promise.all([
      db.orders.where('createdAt').aboveOrEqual(week.from).toArray(),
      reviewPart(db, now),
      db.meta.get('taskSummary'),
      readDataVersion(db),
      db.digestLog.toCollection().lastKey(),
      // An emptied log (compacted whole) says nowhere how far the writes went: the mark does.
      (db.digests as unknown as Table<LogMark, string>).get(LOG_MARK),
    ]);
    const keys = [...new Set(orders.map((o) => o.customerKey))];
    const facts = new Map<string, BuyerFacts | null>();
    (await db.customers.bulkGet(keys)).forEach((c, i) => facts.set(keys[i]!, c ? { identity: c.identity, firstPurchaseAt: c.firstPurchaseAt } : null));
    const reviews = { ...rev, version: versionOf(dv, ['reviews']) };
    const state: PulseState = {
      table: PULSE_STATE, upTo: Math.max(typeof lastLog === 'number' ? lastLog : 0, mark?.upTo ?? 0), from: week.from,
      orders: orders.map((o) => [orderPk(o.platform, o.orderId), o.customerKey, o.identity, o.createdAt, o.status, o.amountFen, o.refundFen]),
      facts: [...facts], reviews,
    };
    const pulse = figures(orders, facts, reviews, (tasks?.value as TaskSummary | undefined) ?? null, now);
    return { pulse, version: versionOf(dv, POPUP_STORES), state };
  });
}

/**
 * The figures updated from the kept state and what was written since: the digest log (every write of
 * orders and customers, logged in the writing transaction) after the state's last entry, folded in by
 * primary key in log order, and the review part read again only when reviews changed or the day did.
 * Null when the state cannot be brought up to date exactly (none kept, the log compacted past it or
 * rebuilt, a window before the state's first day, too long a log): then the figures are read whole.
 */
async function updatedFigures(db: LaokeDB, now: number): Promise<Figures | null> {
  const week = lastDays(now, 7);
  return db.transaction('r', [db.digests, db.digestLog, db.customers, db.reviews, db.meta], async () => {
    const [kept, ob, cb] = (await digestStore(db).bulkGet([PULSE_STATE, 'orders', 'customers'])) as [PulseState | undefined, DigestBase | undefined, DigestBase | undefined];
    if (!kept || kept.table !== PULSE_STATE || week.from < kept.from) return null;
    // A compaction drops the entries it folded, but those after the state while there are few of them:
    // entries after the state may be gone only when it says it dropped them.
    if ((ob?.dropped ?? ob?.upTo ?? 0) > kept.upTo || (cb?.dropped ?? cb?.upTo ?? 0) > kept.upTo) return null;
    const [log, tasks, dv] = await Promise.all([
      db.digestLog.where(':id').above(kept.upTo).limit(MAX_FOLD + 1).toArray() as Promise<DigestLogEntry[]>,
      db.meta.get('taskSummary'),
      readDataVersion(db),
    ]);
    if (log.length > MAX_FOLD || log.some((e) => e.rebuild)) return null;
    const orders = new Map<string, PulseOrder & { platform?: unknown }>();
    for (const [pk, customerKey, identity, createdAt, status, amountFen, refundFen] of kept.orders) {
      orders.set(pk, { customerKey, identity, createdAt, status, amountFen, refundFen });
    }
    const facts = new Map<string, BuyerFacts | null>(kept.facts);
    for (const e of log) {
      if (e.table === 'orders') {
        for (const o of e.orders ? decodeOrders(e.orders) : []) {
          const pk = orderPk(o.platform, o.orderId);
          if (o.createdAt >= kept.from) orders.set(pk, { customerKey: o.customerKey, identity: o.identity, createdAt: o.createdAt, status: o.status, amountFen: o.amountFen, refundFen: o.refundFen });
          else orders.delete(pk);
        }
        for (const pk of e.deleted ?? []) orders.delete(pk);
      } else {
        // Every buyer written, in the window or not yet: an order of theirs may follow in the log.
        // (An entry written before the audience fields came into the digests: read whole.)
        if (e.customers !== undefined && !isEncodedCustomers(e.customers)) return null;
        for (const c of e.customers ? decodeCustomers(e.customers) : []) facts.set(c.key, { identity: c.identity, firstPurchaseAt: c.firstPurchaseAt });
        for (const k of e.deleted ?? []) facts.set(k, null);
      }
    }
    // Buyers of the orders, each once: a buyer the state and the log never named is read from the records.
    const keys = new Set<string>();
    for (const o of orders.values()) keys.add(o.customerKey);
    const unknown = [...keys].filter((k) => !facts.has(k));
    if (unknown.length) {
      (await db.customers.bulkGet(unknown)).forEach((c, i) => facts.set(unknown[i]!, c ? { identity: c.identity, firstPurchaseAt: c.firstPurchaseAt } : null));
    }
    for (const k of facts.keys()) if (!keys.has(k)) facts.delete(k);
    const reviewVersion = versionOf(dv, ['reviews']);
    const reviews = kept.reviews.version === reviewVersion && kept.reviews.day === lastDays(now, 1).from
      ? kept.reviews
      : { ...(await reviewPart(db, now)), version: reviewVersion };
    const last = log.length ? log[log.length - 1]!.id! : kept.upTo;
    // Orders that left the window for good (it only moves forward) are dropped.
    const state: PulseState = {
      table: PULSE_STATE, upTo: last, from: week.from, reviews, facts: [...facts],
      orders: [...orders].filter(([, o]) => o.createdAt >= week.from)
        .map(([pk, o]) => [pk, o.customerKey, o.identity, o.createdAt, o.status, o.amountFen, o.refundFen]),
    };
    const pulse = figures(orders.values(), facts, reviews, (tasks?.value as TaskSummary | undefined) ?? null, now);
    return { pulse, version: versionOf(dv, POPUP_STORES), state: log.length || reviews !== kept.reviews || week.from !== kept.from ? state : null };
  });
}

/** The figures: updated from the kept state when it can be, else read whole. */
async function currentFigures(db: LaokeDB, now: number): Promise<Figures> {
  return (await updatedFigures(db, now)) ?? popupFigures(db, now);
}

/**
 * The figures the popup opens on, kept in meta 'pulse' with the China day and the data version they
 * were computed for: valid while both hold, so never stale. Computed lazily, by the first popup that
 * finds none valid (it computes the figures live anyway) and kept for the next.
 */
interface PulseSnapshot {
  day: number;
  /** versionOf the popup's stores when computed (absent in snapshots from before the data version). */
  version?: number;
  pulse: PopupPulse;
}

export async function savePulseSnapshot(db: LaokeDB, now = Date.now()): Promise<PopupPulse> {
  const figures = await currentFigures(db, now);
  await keepSnapshot(db, figures, now);
  return figures.pulse;
}

/**
 * The figures computed live for the popup (updated from the kept state, or read whole), kept for the
 * next one without waiting (a failed write is no failed popup).
 */
export async function livePulse(db: LaokeDB, now = Date.now()): Promise<PopupPulse> {
  const figures = await currentFigures(db, now);
  void keepSnapshot(db, figures, now).catch((err: unknown) => console.error('[laoke] popup figures', err));
  return figures.pulse;
}

async function keepSnapshot(db: LaokeDB, { pulse, version, state }: Figures, now: number): Promise<void> {
  await Promise.all([
    db.meta.put({ key: 'pulse', value: { day: lastDays(now, 1).from, version, pulse } satisfies PulseSnapshot, updatedAt: now }),
    // Another popup may have kept a later state meanwhile: never step back.
    state && db.transaction('rw', db.digests, async () => {
      const current = (await digestStore(db).get(PULSE_STATE)) as PulseState | undefined;
      if (!current || current.upTo <= state.upTo) await digestStore(db).put(state);
    }),
  ]);
}

/** Forgets the figures the popup opens on (the state an update starts from stays). */
export async function forgetPulseSnapshot(db: LaokeDB): Promise<void> {
  await db.meta.delete('pulse');
}

/** Forgets the state too: the next figures are read whole. */
export async function forgetPulseState(db: LaokeDB): Promise<void> {
  await digestStore(db).delete(PULSE_STATE);
}

/** The figures read whole, as the first popup after an upgrade reads them (for tests: updates must equal them). */
export async function pulseReadWhole(db: LaokeDB, now = Date.now()): Promise<PopupPulse> {
  return (await popupFigures(db, now)).pulse;
}

/** The figures updated from the kept state (null when it cannot be), kept as the popup keeps them (for tests). */
export async function pulseUpdated(db: LaokeDB, now = Date.now()): Promise<PopupPulse | null> {
  const figures = await updatedFigures(db, now);
  if (figures) await keepSnapshot(db, figures, now);
  return figures?.pulse ?? null;
}

/**
 * The snapshot when it is today's and the data it read is unchanged (null otherwise: compute it live),
 * read with the bare IndexedDB API: the popup shows its first figures before Dexie has opened
 * the database (opening it checks every store; one read of one record needs none of that). Null when
 * the database or the store is not there yet, or the snapshot is not today's.
 */
export function readPulseSnapshotRaw(name: string, now = Date.now()): Promise<PopupPulse | null> {
  return new Promise((resolve) => {
    const open = indexedDB.open(name);
    open.onerror = () => resolve(null);
    // No database yet: do not create one here (Dexie creates it with its schema).
    open.onupgradeneeded = () => {
      open.transaction?.abort();
      resolve(null);
    };
    open.onsuccess = () => {
      const idb = open.result;
      if (!idb.objectStoreNames.contains('meta')) {
        idb.close();
        return resolve(null);
      }
      const store = idb.transaction('meta').objectStore('meta');
      const snapReq = store.get('pulse');
      const versionReq = store.get(DATA_VERSION_KEY);
      const tasksReq = store.get('taskSummary');
      tasksReq.onsuccess = () => {
        idb.close();
        const snap = (snapReq.result as { value?: PulseSnapshot } | undefined)?.value;
        if (!snap || snap.day !== lastDays(now, 1).from) return resolve(null);
        const dv = (versionReq.result as { value?: DataVersion } | undefined)?.value;
        if (snap.version === undefined || snap.version !== versionOf(dv ?? { version: 0, changed: {} }, POPUP_STORES)) return resolve(null);
        const tasks = (tasksReq.result as { value?: TaskSummary } | undefined)?.value;
        resolve({ ...snap.pulse, tasks: tasks ?? snap.pulse.tasks });
      };
      tasksReq.onerror = () => {
        idb.close();
        resolve(null);
      };
    };
  });
}
