// Team sync in the background (团队同步, issue 21): the settings and keys of this machine, the local PouchDB
// and the server's database, and when a cycle runs (utils/sync/engine.ts). Off until the seller sets it
// up on the dashboard (#/sync); while off, no request of any kind is made.
//
// When: a few seconds after a change is queued here (the changes of a busy page go in one cycle), every
// minute while the worker is awake (what the other machines sent), and when the seller presses 立即同步.
// The server down or unreachable is a state, not an error of the features: everything reads Dexie, the
// queue keeps the changes, and the next cycle sends them.

import PouchDB from 'pouchdb-core';
import IdbAdapter from 'pouchdb-adapter-idb';
import HttpAdapter from 'pouchdb-adapter-http';
import Replication from 'pouchdb-replication';
import { browser } from 'wxt/browser';
import { db } from '@/utils/db/schema';
import { setSyncLogging, SYNC_OUTBOX } from '@/utils/db/sync-outbox';
import { databaseUrl, joinShop, remoteAddress } from '@/utils/sync/connect';
import { SyncEngine } from '@/utils/sync/engine';
import type { SyncKeys } from '@/utils/sync/crypto';
import type { Pouch } from '@/utils/sync/pouch';
import type { SyncError, SyncStatus } from '@/utils/messaging';
import { backgroundTurn } from './foreground';
import { ordersRead } from './forecasts';
import { refreshConsoleTabs } from './console-tabs';
import { readSyncStatus } from '@/utils/db/sync-status';

PouchDB.plugin(IdbAdapter).plugin(HttpAdapter).plugin(Replication);

/** The settings row: where, who, and the shop's keys (non-extractable CryptoKeys: the passphrase is not kept). */
interface SyncConfig {
  key: 'config';
  enabled: boolean;
  url: string;
  dbName: string;
  agent: string;
  /** This machine's id, and the name of its local PouchDB. */
  origin: string;
  keys: SyncKeys;
  since: number;
}

interface SyncResult {
  key: 'result';
  lastSyncAt?: number;
  error?: SyncError;
  errorAt?: number;
  unreadable?: number;
}

const SOON_MS = 3_000;
const EVERY_MS = 60_000;

let engine: { config: SyncConfig; engine: SyncEngine } | null = null;
let running: Promise<void> | null = null;
let again = false;
let soon: ReturnType<typeof setTimeout> | undefined;
let every: ReturnType<typeof setInterval> | undefined;

function remoteOf(config: Pick<SyncConfig, 'url' | 'dbName'>): Pouch {
  // Never asks the server to create the database: the shop's administrator makes it (README, 团队同步).
  const address = remoteAddress(config.url, config.dbName)!;
  return new PouchDB(address.name, { adapter: 'http', ...address.options }) as unknown as Pouch;
}

function localOf(origin: string): Pouch {
  return new PouchDB(`laoke-sync-${origin}`, { adapter: 'idb', auto_compaction: true }) as unknown as Pouch;
}

async function loadEngine(): Promise<{ config: SyncConfig; engine: SyncEngine } | null> {
  if (engine) return engine;
  const config = (await db().sync.get('config')) as SyncConfig | undefined;
  if (!config?.enabled) return null;
  setSyncLogging(true);
  engine = {
    config,
    engine: new SyncEngine({ db: db(), local: localOf(config.origin), remote: remoteOf(config), keys: config.keys, agent: config.agent, origin: config.origin,
      // A console page's badges go first: each batch waits its turn.
      pause: backgroundTurn }),
  };
  return engine;
}

function errorOf(err: unknown): SyncError {
  const e = err as { status?: number; name?: string; message?: string } | null;
  if (e?.status === 401 || e?.status === 403) return 'unauthorized';
  if (e?.status === 404) return 'noDatabase';
  if (e?.name === 'QuotaExceededError') return 'quota';
  if (e?.status === undefined || e?.status === 0 || e?.status === 500 || e?.status === 502 || e?.status === 503) return 'unreachable';
  return 'other';
}

async function writeResult(r: Omit<SyncResult, 'key'>): Promise<void> {
  const before = (await db().sync.get('result')) as SyncResult | undefined;
  await db().sync.put({ ...before, ...r, key: 'result' });
}

/** One cycle, or the next one when a cycle is already running (never two at once). */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const e = await loadEngine();
        if (!e) return;
        // Each cycle's span and report, in the worker's performance timeline (the benchmark counts them).
        const start = performance.now();
        try {
          const report = await keepAlive(() => e.engine.cycle());
          performance.measure('laoke:sync-cycle', { start, detail: report });
          await writeResult({ lastSyncAt: Date.now(), error: undefined, errorAt: undefined, unreadable: report.unreadable });
          // Orders from the other machines count in the forecasts as those read here do,
          // and the order lists open in this browser show them now, not at their next reading.
          if (report.applied > 0) {
            void ordersRead().catch((err: unknown) => console.error('[laoke] forecast', err));
            refreshConsoleTabs();
          }
        } catch (err) {
          performance.measure('laoke:sync-cycle', { start, detail: { error: String(err) } });
          console.warn('[laoke] sync', err);
          await writeResult({ error: errorOf(err), errorAt: Date.now() });
          return;
        }
      } while (again);
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Chrome stops an idle worker after 30 s; an extension call now and then keeps it through a long first sync. */
async function keepAlive<T>(fn: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), 20_000);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

/** A change was queued: a cycle in a few seconds (one for all the changes of those seconds). */
export function syncSoon(): void {
  if (!engine || soon !== undefined) return;
  soon = setTimeout(() => {
    soon = undefined;
    void syncNow();
  }, SOON_MS);
}

/** At start: sync on if set up, and then every minute while the worker is awake. */
export async function startSync(): Promise<void> {
  const e = await loadEngine();
  if (!e) return;
  every ??= setInterval(() => void syncNow(), EVERY_MS);
  void syncNow();
}

export type SetupResult = { ok: true; status: SyncStatus } | { ok: false; error: SyncError };

/** The seller's settings: joins the shop's database (the key check), queues everything, first cycle. */
export async function setupSync(s: { url: string; db: string; agent: string; passphrase: string }): Promise<SetupResult> {
  const url = databaseUrl(s.url, s.db);
  if (!url) return { ok: false, error: 'badUrl' };
  await stopSync();
  const remote = remoteOf({ url: s.url, dbName: s.db });
  let joined;
  try {
    joined = await joinShop(remote, s.passphrase);
  } catch (err) {
    return { ok: false, error: errorOf(err) };
  }
  if (!joined.ok) return { ok: false, error: joined.why === 'wrong' ? 'wrongPassphrase' : 'damaged' };
  const origin = crypto.randomUUID();
  const config: SyncConfig = { key: 'config', enabled: true, url: s.url, dbName: s.db, agent: s.agent.trim(), origin, keys: joined.keys, since: Date.now() };
  await db().sync.put(config as never);
  await db().sync.delete('applied');
  await db().sync.put({ key: 'result' });
  const e = await loadEngine();
  await e!.engine.enqueueAll();
  every ??= setInterval(() => void syncNow(), EVERY_MS);
  void syncNow();
  return { ok: true, status: await syncStatus() };
}

/** Sync off on this machine: settings, keys, queue and the local copy gone; the data here stays. */
export async function stopSync(): Promise<void> {
  const config = (await db().sync.get('config')) as SyncConfig | undefined;
  if (running) await running.catch(() => undefined);
  clearInterval(every);
  every = undefined;
  clearTimeout(soon);
  soon = undefined;
  setSyncLogging(false);
  engine = null;
  await db().transaction('rw', db().sync, db().syncOutbox, async () => {
    await db().sync.clear();
    await db().table(SYNC_OUTBOX).clear();
  });
  if (config?.origin) await localOf(config.origin).destroy().catch(() => undefined);
}

export function syncStatus(): Promise<SyncStatus> {
  return readSyncStatus(db(), running !== null);
}
