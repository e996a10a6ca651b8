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
import { DATA_VERSION_KEY, readDataVersion, versionOf, type DataVersion } from './data-version';
import type { LaokeDB } from './schema';

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
  return (await popupFigures(db, now)).pulse;
}

/** The figures and the data version they were read at (one read transaction). */
async function popupFigures(db: LaokeDB, now: number): Promise<{ pulse: PopupPulse; version: number }> {
  const today = lastDays(now, 1);
  const week = lastDays(now, 7);
  return db.transaction('r', db.orders, db.customers, db.reviews, db.meta, async () => {
    // Reviews of the week and of the BASELINE_WEEKS before it: the trend alerts compare the two.
    const reviewsFrom = week.from - BASELINE_WEEKS * 7 * DAY_MS;
    const [orders, reviews, tasks, dv] = await Promise.all([
      db.orders.where('createdAt').between(week.from, week.to, true, false).toArray(),
      db.reviews.where('createdAt').between(reviewsFrom, week.to, true, false).toArray(),
      db.meta.get('taskSummary'),
      readDataVersion(db),
    ]);
    const keys = [...new Set(orders.map((o) => o.customerKey))];
    const buyers = new Map<string, BuyerFacts>();
    (await db.customers.bulkGet(keys)).forEach((c, i) => {
      if (c) buyers.set(keys[i]!, { identity: c.identity, firstPurchaseAt: c.firstPurchaseAt });
    });
    // Laoke's reading (stored with each review), else the stars (1–2 is a 差评), else 千牛's reading.
    const isBad = (r: Review) => (r.analysis ? r.analysis.sentiment === 'neg' : r.rating != null ? r.rating <= 2 : r.platformSentiment === 'neg');
    const bad = (range: DateRange) => reviews.filter((r) => r.createdAt >= range.from && r.createdAt < range.to && isBad(r)).length;
    const pulse: PopupPulse = {
      today: { ...windowStats(orders, buyers, today), range: today, badReviews: bad(today) },
      week: { ...windowStats(orders, buyers, week), range: week, badReviews: bad(week) },
      tasks: (tasks?.value as TaskSummary | undefined) ?? null,
      alerts: complaintTrends(reviews, now).filter((x) => x.alert).slice(0, POPUP_ALERTS)
        .map((x) => ({ itemId: x.itemId, title: x.title, aspect: x.aspect, thisWeek: x.weekly[0]!, baseline: x.baseline })),
    };
    return { pulse, version: versionOf(dv, POPUP_STORES) };
  });
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
  const { pulse, version } = await popupFigures(db, now);
  await keepSnapshot(db, pulse, version, now);
  return pulse;
}

/** The figures computed live for the popup, kept for the next one without waiting (a failed write is no failed popup). */
export async function livePulse(db: LaokeDB, now = Date.now()): Promise<PopupPulse> {
  const { pulse, version } = await popupFigures(db, now);
  void keepSnapshot(db, pulse, version, now).catch((err: unknown) => console.error('[laoke] popup figures', err));
  return pulse;
}

function keepSnapshot(db: LaokeDB, pulse: PopupPulse, version: number, now: number): Promise<unknown> {
  return db.meta.put({ key: 'pulse', value: { day: lastDays(now, 1).from, version, pulse } satisfies PulseSnapshot, updatedAt: now });
}

export async function forgetPulseSnapshot(db: LaokeDB): Promise<void> {
  await db.meta.delete('pulse');
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
