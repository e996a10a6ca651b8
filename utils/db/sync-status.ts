// Team sync's state as stored (团队同步): read by the background, and by the popup straight from the
// database (no message, no wait behind the background's work).
import type { SyncError, SyncStatus } from '@/utils/messaging';
import type { LaokeDB } from './schema';

/** The stored settings (no keys) and the last cycle's result. */
export interface SyncConfigView {
  enabled?: boolean;
  url?: string;
  dbName?: string;
  agent?: string;
}
export interface SyncResultView {
  lastSyncAt?: number;
  error?: SyncError;
  errorAt?: number;
  unreadable?: number;
}

/** The server's address as shown: without a user name and password written into it. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '';
  }
}

export async function readSyncStatus(db: LaokeDB, running = false): Promise<SyncStatus> {
  const [config, result, pending] = await db.transaction('r', db.sync, db.syncOutbox, () =>
    Promise.all([db.sync.get('config'), db.sync.get('result'), db.syncOutbox.count()]));
  const c = config as SyncConfigView | undefined;
  if (!c?.enabled) return { on: false };
  const r = (result ?? {}) as SyncResultView;
  return {
    on: true, url: shownUrl(c.url ?? ''), db: c.dbName ?? '', agent: c.agent ?? '', pending, running,
    ...(r.lastSyncAt !== undefined ? { lastSyncAt: r.lastSyncAt } : {}),
    ...(r.error ? { error: r.error, ...(r.errorAt !== undefined ? { errorAt: r.errorAt } : {}) } : {}),
    ...(r.unreadable ? { unreadable: r.unreadable } : {}),
  };
}
