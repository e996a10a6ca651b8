// Backup and restore of the whole database, for the seller's safety: everything Laoke knows lives in one
// browser profile, and a new computer, a cleared profile or an uninstall would lose it.
//
// - A backup is JSON text: every store read in one read transaction (a consistent snapshot), the store
//   list taken from the schema so a store added later is included without touching this file. The
//   file's format, and how it is read and checked: backup-format.ts.
// - With a passphrase the same text is sealed with AES-256-GCM under a PBKDF2 key: a backup holds
//   buyers' nicks and the phones the seller typed, and it will sit in a downloads folder or a chat
//   (backup-crypto.ts).
// - Import trusts nothing: a file can be damaged, hand-edited or not ours. Every record is checked
//   against the schema of its store (records.ts, the one schema per store); bad ones are skipped and
//   listed, the rest are written in one transaction (all or nothing). 'replace' restores the snapshot;
//   'merge' adds it to what is here, keeping the newer of two readings and what the seller typed on
//   either side (backup-merge.ts, with ingest's rules). A backup of an earlier schema gets, either way,
//   what the schema upgrades do (upgradedCustomer).
// - Replacing destroys what is here, so it is never one click (issue 14): it needs the seller's typed
//   confirmation (replaceConfirmed), and the data it replaces is read in the same transaction that
//   clears it and handed back as a backup (report.beforeReplace) the page offers for download.
// - Settings that decide what this machine deletes (retention, meta 'retention') are never taken from a
//   file: a backup's are reported (report.backupRetention) and the ones here stay. Turning them on goes
//   through the 自动清理 section, which shows first what they would remove.
// - A file over MAX_BACKUP_BYTES is refused before it is read (importBackupFile).

import { summarizeCustomer, upgradedCustomer } from '@/utils/crm/ingest';
import type { Customer, Order } from '@/utils/crm/types';
import { checkStores, plainBackup, readBackup, sealedBackup, type PlainBackup, type ReadError } from './backup-format';
import { MERGE_RULES, mergeAll } from './backup-merge';
import { RETENTION_KEY, type RetentionSettings } from './privacy';
import { LOCAL_META_KEYS, RECORD_SCHEMAS } from './records';
import type { LaokeDB, MetaRecord } from './schema';
import { DATA_VERSION_KEY } from './data-version';
import { FORECAST_MODEL_KEY } from './forecasts';
import { DIGEST_STORES } from './digest';
import { SYNC_STORES } from './sync-outbox';

export { base64ToBytes, bytesToBase64 } from '@/utils/base64';
export { MIN_PASSPHRASE_LENGTH, PassphraseTooShortError, passphraseLength, PBKDF2_ITERATIONS } from './backup-crypto';
export { BACKUP_FORMAT, BACKUP_VERSION } from './backup-format';
export { META_KEYS } from './records';

/** Rejections listed in the report (all are counted): enough to see what went wrong, small enough to show. */
export const MAX_LISTED_REJECTIONS = 200;
/**
 * The largest file an import reads: 512 MB. A shop of 300,000 buyers with a million orders backs up to
 * well under that; a larger file is not ours, and reading it whole into a string could crash the page.
 */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

/**
 * What the seller types to confirm a replace: the word the page shows (message privacyReplaceConfirmWord),
 * so either locale's word. Compared after NFKC (full-width letters), trimmed, case ignored.
 */
export const REPLACE_CONFIRMATIONS: readonly string[] = ['替换', 'replace'];

export function replaceConfirmed(typed: string | undefined): boolean {
  return typeof typed === 'string' && REPLACE_CONFIRMATIONS.includes(typed.normalize('NFKC').trim().toLowerCase());
}

/**
 * 'incomplete': a replace was asked of a backup with refused records. Replacing empties what is here, so
 * it takes a backup whole or not at all; a merge takes the valid part.
 * 'not-confirmed': a replace without the seller's typed confirmation (nothing was read).
 * 'too-large': a file over MAX_BACKUP_BYTES (nothing was read).
 */
export type ImportError = ReadError | 'incomplete' | 'write-failed' | 'not-confirmed' | 'too-large';

/** The database as it was just before a replace, as backup text (plain JSON), held in memory only. */
export type BeforeReplace = PlainBackup;

export interface ImportReport {
  ok: boolean;
  error?: ImportError;
  message?: string;
  /** Records per store that passed the checks and were taken in (0 for every store when nothing was written). */
  accepted: Record<string, number>;
  /** The first MAX_LISTED_REJECTIONS rejections; index -1 is a whole store. */
  rejected: { store: string; index: number; reason: string }[];
  rejectedCount: number;
  /** After a replace that wrote: what was here before, for the seller to download. */
  beforeReplace?: BeforeReplace;
  /**
   * The retention settings the backup carries (valid ones), null when it has none. Never applied: the
   * settings here stay as they were, whatever the mode.
   */
  backupRetention: RetentionSettings | null;
}

export interface ExportOptions {
  /** Seal the backup (at least MIN_PASSPHRASE_LENGTH characters, else PassphraseTooShortError); empty or absent writes plain JSON. */
  passphrase?: string;
  /** PBKDF2 rounds (tests: a sealed round trip at the default costs a second in Node). Default PBKDF2_ITERATIONS. */
  iterations?: number;
  now?: number;
}

interface ImportCommon {
  passphrase?: string;
  /** The time recomputed customers are stamped with (tests). */
  now?: number;
}

/** A replace carries what the seller typed to confirm it (replaceConfirmed). */
export type ImportOptions = ImportCommon & ({ mode: 'merge' } | { mode: 'replace'; confirmation: string });

/**
 * Columnar copies of other stores (utils/db/digest.ts), rebuilt from what is restored, and this
 * machine's team-sync queue, settings and keys (sync-outbox.ts): never backed up.
 */
const DERIVED_COPIES: ReadonlySet<string> = new Set([...DIGEST_STORES, ...SYNC_STORES]);
/** The stores this module can check and restore: a record schema and a merge rule each. */
const CHECKED = new Map([...RECORD_SCHEMAS].filter(([store]) => MERGE_RULES.has(store)));
/** Stores this module can check and restore; a store of the schema missing here is refused on import. */
export const BACKUP_STORES: readonly string[] = [...CHECKED.keys()];

// ---------------------------------------------------------------------------------------------------
// Export

/** The whole database as backup text (sealed when a passphrase is given). */
export async function exportBackup(db: LaokeDB, opts: ExportOptions = {}): Promise<string> {
  if (!db.isOpen()) await db.open();
  const tables = db.tables;
  // One read transaction: a snapshot in which every order has its buyer's figures as they were.
  const contents = await db.transaction('r', tables, () => Promise.all(tables.map((t) => (DERIVED_COPIES.has(t.name) ? [] : t.toArray()))));
  const plain = backupText(db, contents, opts.now ?? Date.now()).text;
  if (!opts.passphrase) return plain;
  return sealedBackup(plain, opts.passphrase, opts.iterations);
}

/** Plain backup text of the records of every table (in db.tables' order). */
function backupText(db: LaokeDB, contents: readonly unknown[][], exportedAt: number): BeforeReplace {
  // The data version counts this machine's writes: a restore moves it on, never back; nor does the
  // version a forecast fit read travel (the restored model is fitted again here).
  const local = (m: MetaRecord): MetaRecord => {
    if (m.key !== FORECAST_MODEL_KEY || !m.value || typeof m.value !== 'object') return m;
    const { customersVersion: _, ...model } = m.value as { customersVersion?: number };
    return { ...m, value: model };
  };
  const records = (name: string, list: unknown[]) => (name === 'meta' ? (list as MetaRecord[]).filter((m) => m.key !== DATA_VERSION_KEY).map(local) : list);
  const stores = db.tables.map((t, i) => ({ name: t.name, records: records(t.name, contents[i]!) })).filter((st) => !DERIVED_COPIES.has(st.name));
  return plainBackup(db.verno, stores, exportedAt);
}

// ---------------------------------------------------------------------------------------------------
// Import

const TOO_LARGE = `This file is larger than ${MAX_BACKUP_BYTES / 1_048_576} MB: not a Laoke backup. Nothing was read.`;

function emptyReport(db: LaokeDB): ImportReport {
  return { ok: false, accepted: Object.fromEntries(db.tables.map((t) => [t.name, 0])), rejected: [], rejectedCount: 0, backupRetention: null };
}

/** importBackup of a file the seller picked: one over MAX_BACKUP_BYTES is refused before it is read. */
export async function importBackupFile(db: LaokeDB, file: Pick<Blob, 'size' | 'text'>, opts: ImportOptions): Promise<ImportReport> {
  if (file.size > MAX_BACKUP_BYTES) return { ...emptyReport(db), error: 'too-large', message: TOO_LARGE };
  if (opts.mode === 'replace' && !replaceConfirmed(opts.confirmation)) return notConfirmed(db);
  return importBackup(db, await file.text(), opts);
}

function notConfirmed(db: LaokeDB): ImportReport {
  return { ...emptyReport(db), error: 'not-confirmed', message: 'Replacing needs the typed confirmation. Nothing was changed.' };
}

/** Reads a backup into the database. Nothing is written unless the whole write succeeds. */
export async function importBackup(db: LaokeDB, text: string, opts: ImportOptions): Promise<ImportReport> {
  // Checked before anything is read or decrypted: a replace nobody confirmed does nothing at all.
  if (opts.mode === 'replace' && !replaceConfirmed(opts.confirmation)) return notConfirmed(db);
  // A string's UTF-8 is at least as long as its UTF-16 units.
  if (text.length > MAX_BACKUP_BYTES) return { ...emptyReport(db), error: 'too-large', message: TOO_LARGE };
  if (!db.isOpen()) await db.open();
  const report = emptyReport(db);
  const read = await readBackup(text, opts.passphrase);
  if (!read.ok) return { ...report, error: read.error, message: read.message };
  if (read.schemaVersion > db.verno) {
    return { ...report, error: 'newer-version', message: `This backup was made by a newer Laoke (database version ${read.schemaVersion}, this one has ${db.verno}). Update Laoke, then import it.` };
  }

  const older = read.schemaVersion < db.verno;
  const records = checkStores(read.stores, CHECKED, new Set(db.tables.map((t) => t.name)), older, (store, index, reason, n = 1) => {
    report.rejectedCount += n;
    if (report.rejected.length < MAX_LISTED_REJECTIONS) report.rejected.push({ store, index, reason });
  });
  // Derived data (the model, the forecasts) is checked but not merged: what is here was made from what
  // is here. The backup's settings of this machine are reported, never taken.
  const meta = (records.get('meta') ?? []) as MetaRecord[];
  report.backupRetention = (meta.find((m) => m.key === RETENTION_KEY)?.value as RetentionSettings | undefined) ?? null;
  records.set('meta', meta.filter((m) => !LOCAL_META_KEYS.has(m.key)));
  if (opts.mode === 'merge') for (const [store, rule] of MERGE_RULES) if (rule.kind === 'derived') records.delete(store);

  if (opts.mode === 'replace' && report.rejectedCount > 0) {
    return { ...report, error: 'incomplete', message: `${report.rejectedCount} records in this backup are not valid: replacing takes a backup whole. Nothing was changed; merging imports the valid records.` };
  }

  try {
    if (opts.mode === 'replace') report.beforeReplace = await replaceAll(db, records, opts.now ?? Date.now(), older);
    else await mergeAll(db, records, opts.now ?? Date.now(), older);
  } catch (e) {
    return { ...report, error: 'write-failed', message: writeFailure(e) };
  }
  for (const [store, list] of records) report.accepted[store] = list.length;
  return { ...report, ok: true };
}

/**
 * Every store emptied and filled with the backup's records: the database as it was exported, but for
 * the settings of this machine (LOCAL_META_KEYS), which stay. A backup of an earlier schema gets what
 * the schema upgrades do (every customer recomputed from their orders, keeping what the seller wrote),
 * and its forecasts, made by an older model, are left to be refitted (importBackup dropped them).
 * Returns what was here, read in the transaction that clears it: exactly what was replaced.
 */
async function replaceAll(db: LaokeDB, records: Map<string, unknown[]>, now: number, older: boolean): Promise<BeforeReplace> {
  // Every stored order has its buyer's record (ingest reads a buyer's orders only when the buyer
  // exists): a buyer whose record was refused is rebuilt from their orders, without notes.
  const orders = (records.get('orders') ?? []) as Order[];
  let customers = (records.get('customers') ?? []) as Customer[];
  const byCustomer = groupBy(orders, (o) => o.customerKey);
  if (older) customers = customers.map((c) => upgradedCustomer(c, byCustomer.get(c.key) ?? [], now));
  const known = new Set(customers.map((c) => c.key));
  const rebuilt = [...byCustomer].filter(([key]) => !known.has(key)).flatMap(([, list]) => summarizeCustomer(list, undefined, now) ?? []);
  const before = await db.transaction('rw', db.tables, async () => {
    const here = await Promise.all(db.tables.map((t) => t.toArray()));
    const localMeta = (here[db.tables.findIndex((t) => t.name === 'meta')] as MetaRecord[]).filter((m) => LOCAL_META_KEYS.has(m.key));
    // The sync stores stay: this machine's queue, keys and checkpoint are not the backup's to replace.
    const restored = db.tables.filter((t) => !SYNC_STORES.includes(t.name));
    await Promise.all(restored.map((t) => t.clear()));
    for (const t of restored) {
      const list = t.name === 'customers' ? [...customers, ...rebuilt] : t.name === 'meta' ? [...(records.get('meta') ?? []), ...localMeta] : records.get(t.name) ?? [];
      if (list.length > 0) await t.bulkPut(list);
    }
    return here;
  });
  // Written out after the transaction committed: nothing of it is needed when the write fails.
  return backupText(db, before, Date.now());
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

function writeFailure(e: unknown): string {
  // Dexie passes the browser's error on as it is, or wrapped (AbortError's inner, BulkError's failures).
  const err = e as { name?: string; message?: string; inner?: { name?: string }; failures?: { name?: string }[] } | null;
  const names = [err?.name, err?.inner?.name, ...(Array.isArray(err?.failures) ? err.failures.map((f) => f?.name) : [])];
  if (names.includes('QuotaExceededError')) {
    return 'Nothing was imported: the browser has no room left for Laoke\'s data. Free some disk space and try again.';
  }
  return `Nothing was imported: the database refused the write (${err?.name ?? 'Error'}: ${String(err?.message ?? e).slice(0, 200)}).`;
}

function groupBy<T>(list: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const t of list) {
    const g = groups.get(keyOf(t));
    if (g) g.push(t);
    else groups.set(keyOf(t), [t]);
  }
  return groups;
}
