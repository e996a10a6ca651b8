// The digests' log folded into their bases in the background (issue 20), once writes go quiet: the
// analytics page and the audience builder then open on a base instead of folding a whole ingest's log,
// and the log does not grow until a page opens. The fold runs on the columns in slices of a few
// milliseconds (utils/db/digest-compact.ts) and pauses for the pages' requests (foreground.ts), so the
// badges are answered meanwhile; a write seen while it runs puts it off again (the seller is paging),
// up to MAX_DEFER_MS after it was first asked for, so that a seller who never stops still gets it.
//
// Writes are seen two ways: the order pages this worker stores (`digestsWritten`), and any other
// writer (a restore on the dashboard, a page's own write) by the log's last entry, looked at when this
// worker starts and when Laoke's pages ask it something (`checkDigests`).
import { compactInBackground } from '@/utils/db/digest-compact';
import { db } from '@/utils/db/schema';
import { backgroundTurn } from './foreground';

/** Quiet needed after the last write seen. */
export const COMPACT_QUIET_MS = 5_000;
/** Longest a compaction is put off by writes arriving. */
export const COMPACT_MAX_DEFER_MS = 120_000;

let timer: ReturnType<typeof setTimeout> | undefined;
/** When the compaction now waiting was first asked for. */
let askedAt: number | undefined;
let lastWriteAt = 0;
/** The log's last entry when last looked at (null: not looked at yet; undefined: empty). */
let lastSeen: number | undefined | null = null;
let running = false;

class PutOff extends Error {}

function schedule(now = Date.now()): void {
  clearTimeout(timer);
  askedAt ??= now;
  timer = setTimeout(() => void run(), Math.max(0, Math.min(COMPACT_QUIET_MS, askedAt + COMPACT_MAX_DEFER_MS - now)));
}

async function run(): Promise<void> {
  if (running) return schedule();
  running = true;
  const started = Date.now();
  const overdue = askedAt !== undefined && started - askedAt >= COMPACT_MAX_DEFER_MS;
  askedAt = undefined;
  try {
    // User Timing marks (nothing leaves the worker): the benchmark finds the compaction with them.
    performance.mark('laoke:compact-start');
    const r = await compactInBackground(db(), async () => {
      await backgroundTurn();
      if (!overdue && lastWriteAt > started) throw new PutOff();
    });
    performance.measure('laoke:compact', { start: 'laoke:compact-start', detail: r });
  } catch (err) {
    if (err instanceof PutOff) schedule();
    else console.error('[laoke] digests', err);
  } finally {
    running = false;
  }
  // Its own write dropped entries: what it leaves is the new "seen".
  lastSeen = await lastLogKey().catch(() => null);
}

async function lastLogKey(): Promise<number | undefined> {
  const k = await db().digestLog.orderBy(':id').lastKey();
  return typeof k === 'number' ? k : undefined;
}

/** An order page (or another write of this worker's) was stored. */
export function digestsWritten(now = Date.now()): void {
  lastWriteAt = now;
  schedule(now);
}

/** Whether anyone wrote since the log was last looked at (one key read); if so, a compaction after quiet. */
export async function checkDigests(now = Date.now()): Promise<void> {
  const last = await lastLogKey();
  if (last === lastSeen) return;
  // The first look (the worker just started): a log left over is folded, but it was not written just now.
  if (lastSeen !== null) lastWriteAt = now;
  lastSeen = last;
  if (last !== undefined) schedule(now);
}

export function startDigests(): void {
  void checkDigests().catch((err: unknown) => console.error('[laoke] digests', err));
}
