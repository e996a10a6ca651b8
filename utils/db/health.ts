import type { Platform } from '@/utils/crm/types';
import type { HealthRecord, LaokeDB } from './schema';

/** Parser health per page kind: the last reading, and how many were and were not understood. */
export async function recordHealth(
  db: LaokeDB,
  pageKind: string,
  reading: { ok: boolean; rows: number; reason?: string; unknown?: string[]; diagnosis?: string },
  now = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.health, async () => {
    const prev = await db.health.get(pageKind);
    const next: HealthRecord = {
      pageKind,
      lastSeenAt: now,
      lastOk: reading.ok,
      lastRows: reading.rows,
      okCount: (prev?.okCount ?? 0) + (reading.ok ? 1 : 0),
      failCount: (prev?.failCount ?? 0) + (reading.ok ? 0 : 1),
    };
    if (reading.reason) next.lastReason = reading.reason;
    if (reading.ok && reading.unknown?.length) next.lastUnknown = reading.unknown;
    if (!reading.ok && reading.diagnosis) next.lastDiagnosis = reading.diagnosis;
    // Where the rows were found is the badges' report, about the same page: it stays until they report again.
    if (reading.ok && prev?.lastPlaced) next.lastPlaced = prev.lastPlaced;
    await db.health.put(next);
  });
}

/** The badges' report on the list shown: `read` orders, `missing` of them with no row found on the page. */
export async function recordRowsMissing(db: LaokeDB, pageKind: string, rows: { read: number; missing: number }): Promise<void> {
  await db.transaction('rw', db.health, async () => {
    const prev = await db.health.get(pageKind);
    if (!prev) return;
    const next: HealthRecord = { ...prev };
    if (rows.missing > 0) next.lastPlaced = rows;
    else delete next.lastPlaced;
    await db.health.put(next);
  });
}

/**
 * When order pages were last read successfully (health records of order pages), or `now` when none is
 * recorded: the end of observation for the models.
 */
export async function observedUntil(db: LaokeDB, now: number): Promise<number> {
  let last = -Infinity;
  await db.health.each((h) => {
    if (h.lastOk && !h.pageKind.endsWith('reviews')) last = Math.max(last, h.lastSeenAt);
  });
  return Number.isFinite(last) ? Math.min(now, last) : now;
}

/** Meta key of the identity conflicts ingest set aside. */
export const CONFLICTS_KEY = 'identityConflicts';
/** Conflicts kept to look at (the newest); all are counted. */
export const MAX_CONFLICTS = 50;

/**
 * A reading that named another buyer id than the one an order was stored under (utils/crm/ingest.ts
 * identityConflict): the stored buyer was kept. Both keys are kept so the seller can see which is which.
 */
export interface IdentityConflict {
  platform: Platform;
  orderId: string;
  /** The buyer the order stays with. */
  storedKey: string;
  /** The buyer the reading named. */
  seenKey: string;
  at: number;
}

export interface ConflictLog {
  /** Every conflict recorded, including those no longer in `recent`. */
  total: number;
  /** The last MAX_CONFLICTS, oldest first. */
  recent: IdentityConflict[];
}

/** The conflicts recorded so far. */
export async function readConflicts(db: LaokeDB): Promise<ConflictLog> {
  const value = (await db.meta.get(CONFLICTS_KEY))?.value as Partial<ConflictLog> | undefined;
  return { total: typeof value?.total === 'number' ? value.total : 0, recent: Array.isArray(value?.recent) ? value.recent : [] };
}

/** Adds conflicts to the log (bounded: the last MAX_CONFLICTS, and the total). Joins a caller's transaction on meta. */
export async function recordConflicts(db: LaokeDB, conflicts: readonly Omit<IdentityConflict, 'at'>[], now = Date.now()): Promise<void> {
  if (conflicts.length === 0) return;
  await db.transaction('rw', db.meta, async () => {
    const log = await readConflicts(db);
    const value: ConflictLog = {
      total: log.total + conflicts.length,
      recent: [...log.recent, ...conflicts.map((c) => ({ platform: c.platform, orderId: c.orderId, storedKey: c.storedKey, seenKey: c.seenKey, at: now }))].slice(-MAX_CONFLICTS),
    };
    await db.meta.put({ key: CONFLICTS_KEY, value, updatedAt: now });
  });
}

/** One conflict: the order stays under storedKey; the reading named seenKey. */
export async function recordConflict(db: LaokeDB, platform: Platform, orderId: string, storedKey: string, seenKey: string, now = Date.now()): Promise<void> {
  await recordConflicts(db, [{ platform, orderId, storedKey, seenKey }], now);
}

/**
 * Conflicts naming these customers dropped (删除此客户 and retention forget a buyer everywhere); the
 * total stays. Joins a caller's transaction on meta.
 */
export async function forgetConflictsOf(db: LaokeDB, keys: readonly string[], now = Date.now()): Promise<void> {
  await db.transaction('rw', db.meta, () => dropConflictsOf(db, keys, now));
}

/** forgetConflictsOf inside a transaction the caller holds over db.meta (a removal's own). */
export async function dropConflictsOf(db: LaokeDB, keys: readonly string[], now = Date.now()): Promise<void> {
  const gone = new Set(keys);
  const log = await readConflicts(db);
  const recent = log.recent.filter((c) => !gone.has(c.storedKey) && !gone.has(c.seenKey));
  if (recent.length !== log.recent.length) await db.meta.put({ key: CONFLICTS_KEY, value: { total: log.total, recent }, updatedAt: now });
}
