import type { HealthRecord, LaokeDB } from './schema';

/** Parser health per page kind: the last reading, and how many were and were not understood. */
export async function recordHealth(
  db: LaokeDB,
  pageKind: string,
  reading: { ok: boolean; rows: number; reason?: string },
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
