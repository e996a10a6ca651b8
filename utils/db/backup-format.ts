// The backup file: what it looks like and how it is read. Pure but for WebCrypto (the sealing).
//
// - Plain: JSON `{ format: 'laoke-backup', version: 1, schemaVersion, exportedAt, counts, stores }`,
//   `stores` every store's records by name; Float32Arrays as {"$f32": base64} (records.ts).
// - Sealed: `{ format, version, encrypted }`, the plain text sealed with AES-256-GCM under a PBKDF2 key
//   (backup-crypto.ts). A sealed backup holds a plain one, never another sealed one.
// - Reading trusts nothing: every record is checked against its store's schema (records.ts); bad ones
//   are skipped and listed, with the reason.

import type { z } from 'zod';
import { envelopeSchema, seal, unseal } from './backup-crypto';
import { FORECAST_MODEL_KEY } from './forecasts';
import { decodeBinary, encodeBinary, firstIssue } from './records';

export const BACKUP_FORMAT = 'laoke-backup';
export const BACKUP_VERSION = 1;

export type ReadError = 'not-a-backup' | 'needs-passphrase' | 'wrong-passphrase' | 'newer-version';

/** A plain backup's text, with its records per store and when it was written (a replace hands one back as BeforeReplace). */
export interface PlainBackup {
  text: string;
  /** Records per store in it. */
  counts: Record<string, number>;
  exportedAt: number;
}

/** Plain backup text of these stores' records. */
export function plainBackup(schemaVersion: number, stores: readonly { name: string; records: readonly unknown[] }[], exportedAt: number): PlainBackup {
  const counts: Record<string, number> = {};
  const byName: Record<string, readonly unknown[]> = {};
  for (const s of stores) {
    counts[s.name] = s.records.length;
    byName[s.name] = s.records;
  }
  const text = JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion, exportedAt, counts, stores: byName }, encodeBinary);
  return { text, counts, exportedAt };
}

/** Plain backup text sealed under a passphrase (backup-crypto.ts seal: its rules, its errors). */
export async function sealedBackup(plain: string, passphrase: string, iterations?: number): Promise<string> {
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, encrypted: await seal(plain, passphrase, iterations) });
}

export type Read =
  | { ok: true; schemaVersion: number; stores: Record<string, unknown> }
  | { ok: false; error: ReadError; message: string };

const NOT_A_BACKUP = { ok: false, error: 'not-a-backup', message: 'This file is not a Laoke backup.' } as const;

/** The backup's stores as written (unchecked), opening a sealed one with the passphrase. */
export async function readBackup(text: string, passphrase: string | undefined, sealed = false): Promise<Read> {
  let doc: unknown;
  try {
    doc = JSON.parse(text, decodeBinary);
  } catch {
    return NOT_A_BACKUP;
  }
  if (!isPlainObject(doc) || doc.format !== BACKUP_FORMAT || typeof doc.version !== 'number' || !Number.isInteger(doc.version)) return NOT_A_BACKUP;
  if (doc.version > BACKUP_VERSION) {
    return { ok: false, error: 'newer-version', message: 'This backup was made by a newer Laoke. Update Laoke, then import it.' };
  }
  if (doc.version !== BACKUP_VERSION) return NOT_A_BACKUP;
  if ('encrypted' in doc) {
    // A sealed backup holds a plain one, never another sealed one.
    if (sealed) return NOT_A_BACKUP;
    const env = envelopeSchema.safeParse(doc.encrypted);
    if (!env.success) return NOT_A_BACKUP;
    if (!passphrase) return { ok: false, error: 'needs-passphrase', message: 'This backup is protected by a passphrase. Enter it to import.' };
    const plain = await unseal(env.data, passphrase);
    if (plain === 'damaged') return NOT_A_BACKUP;
    if (plain === 'wrong') return { ok: false, error: 'wrong-passphrase', message: 'The passphrase is wrong, or the file was changed after it was saved.' };
    return readBackup(plain, undefined, true);
  }
  const { schemaVersion, stores } = doc;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion) || schemaVersion < 1 || !isPlainObject(stores)) return NOT_A_BACKUP;
  return { ok: true, schemaVersion, stores };
}

/** A record or store refused: the record's index in its store's list (-1: the whole store), and how many records it stands for. */
export type Reject = (store: string, index: number, reason: string, count?: number) => void;

/**
 * Every store of a backup checked: the records that pass their store's schema (as the schema outputs
 * them: unknown fields dropped), by store; each one that does not is handed to `reject`. `schemas`
 * holds the stores this version can check and restore, `names` every store of the database here (one
 * of them missing from `schemas` is refused as such, not as unknown).
 * `older`: the backup is of an earlier schema.
 */
export function checkStores(
  stores: Record<string, unknown>, schemas: ReadonlyMap<string, z.ZodType>, names: ReadonlySet<string>, older: boolean, reject: Reject,
): Map<string, unknown[]> {
  const records = new Map<string, unknown[]>();
  for (const [store, list] of Object.entries(stores)) {
    const schema = schemas.get(store);
    if (!names.has(store) || !schema) {
      reject(store, -1, names.has(store) ? 'this version cannot check this store' : 'unknown store', Array.isArray(list) ? list.length : 1);
      continue;
    }
    if (!Array.isArray(list)) {
      reject(store, -1, 'not a list of records');
      continue;
    }
    // Forecasts of an earlier schema were made by an older model, in an older shape: dropped unread,
    // to be refitted (as the schema upgrade does).
    if (older && store === 'forecasts') continue;
    const ok: unknown[] = [];
    list.forEach((record: unknown, i) => {
      if (older && store === 'meta' && isPlainObject(record) && record.key === FORECAST_MODEL_KEY) return;
      const r = schema.safeParse(record);
      if (r.success) ok.push(r.data);
      else reject(store, i, firstIssue(r.error));
    });
    records.set(store, ok);
  }
  return records;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
