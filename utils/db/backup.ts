// Backup and restore of the whole database, for the seller's safety: everything Laoke knows lives in one
// browser profile, and a new computer, a cleared profile or an uninstall would lose it.
//
// - A backup is JSON text: every store read in one read transaction (a consistent snapshot), the store
//   list taken from the schema so a store added later is included without touching this file.
//   Float32Arrays (the learned sentiment model) become {"$f32": base64}, little-endian.
// - With a passphrase the same text is sealed with AES-256-GCM under a PBKDF2 key: a backup holds
//   buyers' nicks and the phones the seller typed, and it will sit in a downloads folder or a chat.
// - Import trusts nothing: a file can be damaged, hand-edited or not ours. Every record is checked
//   against the schema of its store; bad ones are skipped and listed, the rest are written in one
//   transaction (all or nothing). 'replace' restores the snapshot; 'merge' adds it to what is here,
//   keeping the newer of two readings and what the seller typed on either side.
// - Replacing destroys what is here, so it is never one click (issue 14): it needs the seller's typed
//   confirmation (replaceConfirmed), and the data it replaces is read in the same transaction that
//   clears it and handed back as a backup (report.beforeReplace) the page offers for download.
// - Settings that decide what this machine deletes (retention, meta 'retention') are never taken from a
//   file: a backup's are reported (report.backupRetention) and the ones here stay. Turning them on goes
//   through the 自动清理 section, which shows first what they would remove.
// - A file over MAX_BACKUP_BYTES is refused before it is read (importBackupFile).

import { CONFLICTS_KEY, MAX_CONFLICTS } from './health';
import { z } from 'zod';
import { summarizeCustomer } from '@/utils/crm/ingest';
import type { ForecastModel } from '@/utils/crm/forecast';
import { MAX_FEN } from '@/utils/crm/money';
import type { NgramModel } from '@/utils/crm/ngram-model';
import { TASK_KINDS, type PlannedEvent, type TaskKind } from '@/utils/crm/tasks';
import { ASPECT_IDS, type Campaign, type Customer, type Order, type Review } from '@/utils/crm/types';
import { FORECAST_MODEL_KEY } from './forecasts';
import { RETENTION_KEY, retentionSettingsSchema, type RetentionSettings } from './privacy';
import type { PopupPulse } from './pulse';
import type { HealthRecord, KnowledgeRecord, LaokeDB, MetaRecord, ReplyRecord, TaskStateRecord } from './schema';
import type { Table } from 'dexie';
import { base64ToFloat32, float32ToBase64 } from '@/utils/base64';
import { envelopeSchema, seal, unseal } from './backup-crypto';

export { base64ToBytes, bytesToBase64 } from '@/utils/base64';
export { MIN_PASSPHRASE_LENGTH, PassphraseTooShortError, passphraseLength, PBKDF2_ITERATIONS } from './backup-crypto';

export const BACKUP_FORMAT = 'laoke-backup';
export const BACKUP_VERSION = 1;
/** Rejections listed in the report (all are counted): enough to see what went wrong, small enough to show. */
export const MAX_LISTED_REJECTIONS = 200;
/** Tags kept when two records' tags are united in a merge (the seller's own tags are never dropped). */
export const MAX_MERGED_TAGS = 20;
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
export type ImportError =
  | 'not-a-backup' | 'needs-passphrase' | 'wrong-passphrase' | 'newer-version' | 'incomplete' | 'write-failed' | 'not-confirmed' | 'too-large';

/** The database as it was just before a replace, as backup text (plain JSON), held in memory only. */
export interface BeforeReplace {
  text: string;
  /** Records per store in it. */
  counts: Record<string, number>;
  exportedAt: number;
}

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

// ---------------------------------------------------------------------------------------------------
// Record schemas. Bounds are far above anything a console page shows (validate.ts bounds those) and far
// below what would hurt: a backup is a file anyone can edit. Unknown fields are dropped, not refused: a
// field this code does not know must not cost the seller a whole store.

const MAX_TIME = Date.UTC(2100, 0, 1);
const time = z.int().min(0).max(MAX_TIME);
const fen = z.int().min(0).max(MAX_FEN);
const count = z.int().min(0).max(1e9);
/** Order, item, review ids and nicks. */
const id = z.string().min(1).max(200);
const nick = z.string().max(200);
/** Customer keys: `${platform}:probable:${nick}|${receiver}|${region}` is longer than an id. */
const key = z.string().min(1).max(500);
const title = z.string().max(1000);
const longText = z.string().max(10_000);
const platform = z.enum(['taobao', 'pdd']);
const identity = z.enum(['strong', 'probable', 'weak']);
const sentiment = z.enum(['pos', 'neu', 'neg']);
/** A value kept as is (a campaign's rule, a meta value): bounded by its JSON size. */
const boundedJson = (max: number) => z.unknown().refine((v) => jsonLength(v) <= max, `larger than ${max} characters`);

/** Keys start with their platform (utils/crm/identity.ts): a record that says otherwise was edited. */
const ownsKey = (p: string, k: string | undefined) => k === undefined || k.startsWith(`${p}:`);

const orderSchema = z.object({
  platform, orderId: id, customerKey: key, identity, nick, buyerId: id.optional(),
  createdAt: time, paidAt: time.optional(),
  status: z.enum(['unpaid', 'paid', 'shipped', 'completed', 'closed', 'refunded', 'partially_refunded']),
  amountFen: fen, refundFen: fen,
  items: z.array(z.object({
    itemId: z.string().max(200), title, sku: title, quantity: z.int().min(0).max(1e6), unitFen: fen, refunded: z.boolean(),
  })).max(1000),
  region: title.optional(),
  refundOpen: z.boolean().optional(),
  discount: z.object({ shopFen: z.int().min(0).max(1e9), platformFen: z.int().min(0).max(1e9) }).optional(),
  source: z.enum(['json', 'dom']),
  firstSeenAt: time, lastSeenAt: time,
}).refine((o) => ownsKey(o.platform, o.customerKey), { message: 'does not start with the order\'s platform', path: ['customerKey'] });

const customerSchema = z.object({
  key, platform, nick, buyerId: id.optional(), identity,
  orderCount: count, totalFen: fen, firstPurchaseAt: time.optional(), lastPurchaseAt: time.optional(),
  purchases: z.array(id).max(1e6),
  items: z.array(z.object({ title, quantity: count })).max(100),
  pieces: count, maxPieces: count,
  itemIds: z.array(z.string().max(200)).max(1e6),
  region: title.optional(),
  usualGapDays: z.number().min(0).max(1e6).optional(),
  refundOpen: z.boolean(),
  purchaseDays: count.optional(), firstDayFen: fen.optional(),
  tags: z.array(nick).max(1000), notes: longText, phone: z.string().max(100).optional(), phoneSavedAt: time.optional(),
  updatedAt: time,
}).refine((c) => ownsKey(c.platform, c.key), { message: 'does not start with the customer\'s platform', path: ['key'] });

const reviewSchema = z.object({
  platform, reviewId: id, orderId: id, itemId: z.string().max(200), itemTitle: title, nick,
  rating: z.int().min(1).max(5).nullable(),
  platformSentiment: sentiment.optional(),
  text: longText, defaultPositive: z.boolean().optional(),
  appendText: longText.optional(), appendDays: z.int().min(0).max(3650).optional(),
  mediaCount: z.int().min(0).max(1000), createdAt: time,
  reply: longText.optional(), repliedAt: time.optional(), replied: z.boolean().optional(),
  customerKey: key.optional(), firstSeenAt: time, lastSeenAt: time,
  analysis: z.object({
    sentiment, textSentiment: sentiment.nullable(), praise: z.number().min(0).max(1).nullable(),
    aspects: z.array(z.object({ aspect: z.enum(ASPECT_IDS), polarity: z.enum(['+', '-']) })).max(100),
    complaints: z.array(z.enum(ASPECT_IDS)).max(100),
    hidden: z.boolean(), appendWorse: z.boolean(), by: z.enum(['lexicon', 'model']),
  }).optional(),
  handledAt: time.optional(),
}).refine((r) => ownsKey(r.platform, r.customerKey), { message: 'does not start with the review\'s platform', path: ['customerKey'] });

const healthSchema = z.object({
  pageKind: id, lastSeenAt: time, lastOk: z.boolean(), lastRows: count, lastReason: longText.optional(),
  okCount: count, failCount: count,
});

const campaignSchema = z.object({
  id: z.int().min(1).optional(), name: title, sentAt: time,
  rule: boundedJson(100_000), ruleText: longText,
  channel: z.enum(['sms', 'orders', 'buyers', 'csv']),
  message: longText, parts: z.int().min(0).max(1000), priceLi: z.int().min(0).max(1e9),
  members: z.array(key).max(1e7), holdout: z.array(key).max(1e7),
});

const knowledgeSchema = z.object({ platform, itemId: id, itemTitle: title, text: longText, updatedAt: time });

const replySchema = z.object({ platform, reviewId: id, text: longText, at: time, source: z.enum(['seen', 'copied']) });

/** The learned model (ngram-model.ts): any size the hashing could have, every weight a number. */
const modelSchema = z.object({
  version: z.literal(1),
  weights: z.instanceof(Float32Array).refine((w) => w.length <= 1 << 24 && w.every(Number.isFinite), 'not a model\'s weights'),
  trainedOn: z.object({ pos: count, neg: count }),
});

const labelledSchema = z.object({ pos: count, neg: count });

const finite = z.number().min(-1e12).max(1e12);
const forecastModelSchema = z.object({
  status: z.enum(['ok', 'insufficient']),
  shortfall: z.enum(['customers', 'repeatBuyers', 'historyDays', 'fit']).optional(),
  customers: count, repeatBuyers: count, historyDays: count,
  bgnbd: z.object({ r: finite, alpha: finite, a: finite, b: finite }).optional(),
  gammaGamma: z.object({ p: finite, q: finite, gamma: finite }).optional(),
  meanRepeatFen: finite.optional(), ll: finite.optional(),
  observedUntil: time, fittedAt: time, fitMs: z.number().min(0).max(1e9),
});

/**
 * byKind is countTasks' result as it is, its `total` included; a backup from before a kind of task
 * existed has no count for it.
 */
const taskSummarySchema = z.object({
  total: count, byKind: z.partialRecord(z.enum(['total', ...TASK_KINDS] as [TaskKind | 'total', ...(TaskKind | 'total')[]]), count), at: time,
});

const share = z.number().min(0).max(1).nullable();
const pulseWindowSchema = z.object({
  orders: count, buyers: count, salesFen: z.int().min(-MAX_FEN).max(MAX_FEN), returningBuyers: count, returningShare: share,
  repeatBuyers: count, repeatRate: share, range: z.object({ from: time, to: time }), badReviews: count,
});
/** The popup's figures of one day (pulse.ts), a cache the background rewrites. */
const pulseSnapshotSchema = z.object({
  day: time, pulse: z.object({ today: pulseWindowSchema, week: pulseWindowSchema, tasks: taskSummarySchema.nullable() }),
});

/** Orders a page named another buyer for (db/health.ts): kept under the buyer they were proven to. */
const conflictLogSchema = z.object({
  total: count,
  recent: z.array(z.object({
    platform: z.enum(['taobao', 'pdd']), orderId: z.string().max(40), storedKey: z.string().max(500), seenKey: z.string().max(500), at: time,
  })).max(MAX_CONFLICTS),
});

/**
 * Every meta key Laoke writes, each with the shape of its value. A key not here is refused: a backup is
 * where a hand-edited setting would come in. The keys, and who writes them:
 * - sentimentModel, sentimentLabelled: the review model (db/reviews.ts);
 * - forecastModel: the last fit (db/forecasts.ts);
 * - pulse, taskSummary: the popup's caches (db/pulse.ts, background/tasks.ts);
 * - identityConflicts: orders a reading named another buyer for (db/health.ts);
 * - retention: the seller's retention rules (db/privacy.ts); retentionRunAt: when the background last
 *   applied them (background/privacy.ts). These two are LOCAL_META_KEYS: never taken from a file.
 * backup.test.ts reads the sources for meta writes and fails on a key missing here.
 */
const META_VALUES = new Map<string, z.ZodType>([
  ['sentimentModel', modelSchema],
  ['sentimentLabelled', labelledSchema],
  [FORECAST_MODEL_KEY, forecastModelSchema],
  ['pulse', pulseSnapshotSchema],
  ['taskSummary', taskSummarySchema],
  [CONFLICTS_KEY, conflictLogSchema],
  [RETENTION_KEY, retentionSettingsSchema],
  ['retentionRunAt', time],
]);
export const META_KEYS: readonly string[] = [...META_VALUES.keys()];
/** Settings of this machine: what it deletes and when it last did. A replace keeps the ones here. */
const LOCAL_META_KEYS: ReadonlySet<string> = new Set([RETENTION_KEY, 'retentionRunAt']);

const metaSchema = z.object({ key: id, value: z.unknown(), updatedAt: time }).transform((m, ctx) => {
  const schema = META_VALUES.get(m.key);
  if (!schema) {
    ctx.addIssue({ code: 'custom', message: `not a setting Laoke keeps (${JSON.stringify(m.key.slice(0, 40))})`, path: ['key'] });
    return z.NEVER;
  }
  const r = schema.safeParse(m.value);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: `${m.key}: ${firstIssue(r.error)}`, path: ['value'] });
    return z.NEVER;
  }
  return { key: m.key, value: r.data, updatedAt: m.updatedAt };
});

const taskStateSchema = z.discriminatedUnion('state', [
  z.object({ id: key, state: z.enum(['done', 'dismissed']), at: time }),
  z.object({ id: key, state: z.literal('snoozed'), until: time, at: time }),
]);

const eventSchema = z.object({ id, name: title, date: time, leadDays: z.int().min(0).max(366) });

/** Forecasts are written whole after each fit and read by key only: numbers (or null) under a key. */
const forecastSchema = z.object({ key }).catchall(z.union([z.number(), z.null(), z.boolean(), z.string().max(200)]));

// The schemas above must describe the stored types exactly: a field added to a type and not here
// fails the type check below (rather than being dropped from every backup in silence).
// (Assignable both ways, and the same keys: an optional field missing on one side is assignable.)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Describes<S extends z.ZodType, T> = Same<z.output<S>, T> extends true ? Same<keyof z.output<S>, keyof T> : false;
const SCHEMAS_MATCH_TYPES: [
  Describes<typeof orderSchema, Order>, Describes<typeof customerSchema, Customer>,
  Describes<typeof reviewSchema, Review>, Describes<typeof healthSchema, HealthRecord>,
  Describes<typeof campaignSchema, Campaign>, Describes<typeof knowledgeSchema, KnowledgeRecord>,
  Describes<typeof replySchema, ReplyRecord>, Describes<typeof metaSchema, MetaRecord>,
  Describes<typeof taskStateSchema, TaskStateRecord>, Describes<typeof eventSchema, PlannedEvent>,
  // (The model's weights: z.instanceof gives Float32Array<ArrayBuffer>, the type any buffer; one way.)
  [z.output<typeof modelSchema>] extends [NgramModel] ? true : false, Describes<typeof forecastModelSchema, ForecastModel>,
  Describes<typeof retentionSettingsSchema, RetentionSettings>,
  // A cache written whole: the snapshot's figures are the popup's (a summary may lack a newer kind).
  Describes<typeof pulseWindowSchema, PopupPulse['today']>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void SCHEMAS_MATCH_TYPES;

/**
 * How a store is merged into a database that has data:
 * - newer: put when absent, else the record with the later `field` wins (null: the one here stays);
 * - derived: recomputed from the rest (the model, the forecasts), so not merged: restored by 'replace' only.
 */
type MergeRule =
  | { kind: 'orders' }
  | { kind: 'customers' }
  | { kind: 'campaigns' }
  | { kind: 'newer'; field: string | null }
  | { kind: 'derived' };

interface StoreSpec {
  schema: z.ZodType;
  merge: MergeRule;
}

const STORES = new Map<string, StoreSpec>([
  ['customers', { schema: customerSchema, merge: { kind: 'customers' } }],
  ['orders', { schema: orderSchema, merge: { kind: 'orders' } }],
  ['reviews', { schema: reviewSchema, merge: { kind: 'newer', field: 'lastSeenAt' } }],
  ['health', { schema: healthSchema, merge: { kind: 'newer', field: 'lastSeenAt' } }],
  ['campaigns', { schema: campaignSchema, merge: { kind: 'campaigns' } }],
  ['knowledge', { schema: knowledgeSchema, merge: { kind: 'newer', field: 'updatedAt' } }],
  ['replies', { schema: replySchema, merge: { kind: 'newer', field: 'at' } }],
  ['meta', { schema: metaSchema, merge: { kind: 'derived' } }],
  ['taskStates', { schema: taskStateSchema, merge: { kind: 'newer', field: 'at' } }],
  // A planned event has no time of its own: the seller's copy here stays.
  ['events', { schema: eventSchema, merge: { kind: 'newer', field: null } }],
  ['forecasts', { schema: forecastSchema, merge: { kind: 'derived' } }],
]);

/** Stores this module can check and restore; a store of the schema missing here is refused on import. */
export const BACKUP_STORES: readonly string[] = [...STORES.keys()];

// ---------------------------------------------------------------------------------------------------
// Export

/** The whole database as backup text (sealed when a passphrase is given). */
export async function exportBackup(db: LaokeDB, opts: ExportOptions = {}): Promise<string> {
  if (!db.isOpen()) await db.open();
  const tables = db.tables;
  // One read transaction: a snapshot in which every order has its buyer's figures as they were.
  const contents = await db.transaction('r', tables, () => Promise.all(tables.map((t) => t.toArray())));
  const plain = backupText(db, contents, opts.now ?? Date.now()).text;
  if (!opts.passphrase) return plain;
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, encrypted: await seal(plain, opts.passphrase, opts.iterations) });
}

/** Plain backup text of the records of every table (in db.tables' order). */
function backupText(db: LaokeDB, contents: readonly unknown[][], exportedAt: number): BeforeReplace {
  const counts: Record<string, number> = {};
  const stores: Record<string, unknown[]> = {};
  db.tables.forEach((t, i) => {
    counts[t.name] = contents[i]!.length;
    stores[t.name] = contents[i]!;
  });
  const text = JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: db.verno, exportedAt, counts, stores }, encodeBinary);
  return { text, counts, exportedAt };
}

/** JSON.stringify replacer: typed arrays have no JSON form of their own (they would become {"0":…}). */
function encodeBinary(_key: string, value: unknown): unknown {
  if (value instanceof Float32Array) return { $f32: float32ToBase64(value) };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw new Error('backup: binary data other than Float32Array cannot be written');
  return value;
}

/** JSON.parse reviver. A marker that does not decode is left as it is: its record then fails its check. */
function decodeBinary(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$f32' in value) {
    const b64 = (value as { $f32: unknown }).$f32;
    if (typeof b64 === 'string' && Object.keys(value).length === 1) return base64ToFloat32(b64) ?? value;
  }
  return value;
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

  const records = new Map<string, unknown[]>();
  const reject = (store: string, index: number, reason: string, n = 1) => {
    report.rejectedCount += n;
    if (report.rejected.length < MAX_LISTED_REJECTIONS) report.rejected.push({ store, index, reason });
  };
  const names = new Set(db.tables.map((t) => t.name));
  const older = read.schemaVersion < db.verno;
  for (const [store, list] of Object.entries(read.stores)) {
    const spec = STORES.get(store);
    if (!names.has(store) || !spec) {
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
      const r = spec.schema.safeParse(record);
      if (r.success) ok.push(r.data);
      else reject(store, i, firstIssue(r.error));
    });
    records.set(store, ok);
  }
  // Derived data (the model, the forecasts) is checked but not merged: what is here was made from what
  // is here. The backup's settings of this machine are reported, never taken.
  const meta = (records.get('meta') ?? []) as MetaRecord[];
  report.backupRetention = (meta.find((m) => m.key === RETENTION_KEY)?.value as RetentionSettings | undefined) ?? null;
  records.set('meta', meta.filter((m) => !LOCAL_META_KEYS.has(m.key)));
  if (opts.mode === 'merge') for (const [store, spec] of STORES) if (spec.merge.kind === 'derived') records.delete(store);

  if (opts.mode === 'replace' && report.rejectedCount > 0) {
    return { ...report, error: 'incomplete', message: `${report.rejectedCount} records in this backup are not valid: replacing takes a backup whole. Nothing was changed; merging imports the valid records.` };
  }

  try {
    if (opts.mode === 'replace') report.beforeReplace = await replaceAll(db, records, opts.now ?? Date.now(), older);
    else await mergeAll(db, records, opts.now ?? Date.now());
  } catch (e) {
    return { ...report, error: 'write-failed', message: writeFailure(e) };
  }
  for (const [store, list] of records) report.accepted[store] = list.length;
  return { ...report, ok: true };
}

type Read =
  | { ok: true; schemaVersion: number; stores: Record<string, unknown> }
  | { ok: false; error: ImportError; message: string };

const NOT_A_BACKUP = { ok: false, error: 'not-a-backup', message: 'This file is not a Laoke backup.' } as const;

async function readBackup(text: string, passphrase: string | undefined, sealed = false): Promise<Read> {
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
  if (older) {
    customers = customers.map((c) => {
      const next = summarizeCustomer(byCustomer.get(c.key) ?? [], c, now);
      return next ? { ...next, updatedAt: c.updatedAt } : c;
    });
  }
  const known = new Set(customers.map((c) => c.key));
  const rebuilt = [...byCustomer].filter(([key]) => !known.has(key)).flatMap(([, list]) => summarizeCustomer(list, undefined, now) ?? []);
  const before = await db.transaction('rw', db.tables, async () => {
    const here = await Promise.all(db.tables.map((t) => t.toArray()));
    const localMeta = (here[db.tables.findIndex((t) => t.name === 'meta')] as MetaRecord[]).filter((m) => LOCAL_META_KEYS.has(m.key));
    await Promise.all(db.tables.map((t) => t.clear()));
    for (const t of db.tables) {
      const list = t.name === 'customers' ? [...customers, ...rebuilt] : t.name === 'meta' ? [...(records.get('meta') ?? []), ...localMeta] : records.get(t.name) ?? [];
      if (list.length > 0) await t.bulkPut(list);
    }
    return here;
  });
  // Written out after the transaction committed: nothing of it is needed when the write fails.
  return backupText(db, before, Date.now());
}

/** The backup added to what is here: see MergeRule, and mergeOrdersAndCustomers for the buyers. */
async function mergeAll(db: LaokeDB, records: Map<string, unknown[]>, now: number): Promise<void> {
  const tables = db.tables.filter((t) => STORES.get(t.name)?.merge.kind !== 'derived');
  await db.transaction('rw', tables, async () => {
    for (const t of tables) {
      const rule = STORES.get(t.name)?.merge;
      if (rule?.kind === 'newer') await mergeNewer(t, records.get(t.name) ?? [], rule.field);
    }
    await mergeOrdersAndCustomers(db, (records.get('orders') ?? []) as Order[], (records.get('customers') ?? []) as Customer[], now);
    await mergeCampaigns(db, (records.get('campaigns') ?? []) as Campaign[]);
  });
}

/** Put when absent, else the later of the two by `field` (ties and null field: the record here). */
async function mergeNewer(table: Table, list: unknown[], field: string | null): Promise<void> {
  if (list.length === 0) return;
  const at = (r: Record<string, unknown>) => (field && typeof r[field] === 'number' ? r[field] : -1);
  // The same key twice in one backup (hand-edited): the later reading.
  const incoming = new Map<string, Record<string, unknown>>();
  for (const r of list as Record<string, unknown>[]) {
    const k = JSON.stringify(primaryKey(table, r));
    const seen = incoming.get(k);
    if (!seen || at(r) > at(seen)) incoming.set(k, r);
  }
  const theirs = [...incoming.values()];
  const mine = (await table.bulkGet(theirs.map((r) => primaryKey(table, r)))) as (Record<string, unknown> | undefined)[];
  const puts = theirs.flatMap((r, i) => {
    const here = mine[i];
    if (!here) return [r];
    if (at(r) <= at(here)) return [];
    // What the seller did with a review (copied a reply draft) outlives a later reading of it.
    if (table.name === 'reviews' && here.handledAt !== undefined && r.handledAt === undefined) return [{ ...r, handledAt: here.handledAt }];
    return [r];
  });
  if (puts.length > 0) await table.bulkPut(puts);
}

/**
 * Orders: put when absent or when the backup's reading is newer (lastSeenAt). Then every buyer either
 * side knows of is recomputed from all of their orders now stored, keeping what the seller typed on
 * both sides (mergeSellerFields). A buyer in the backup without an order anywhere is put when absent.
 * Where the two sides put one order under different buyers (a later reading proved who it was), the
 * buyer left without orders is folded into the one that has them, as ingest does.
 */
async function mergeOrdersAndCustomers(db: LaokeDB, backupOrders: Order[], backupCustomers: Customer[], now: number): Promise<void> {
  const incoming = new Map<string, Order>();
  for (const o of backupOrders) {
    const seen = incoming.get(uid(o));
    if (!seen || o.lastSeenAt > seen.lastSeenAt) incoming.set(uid(o), o);
  }
  const theirs = [...incoming.values()];
  const mine = await db.orders.bulkGet(theirs.map((o) => [o.platform, o.orderId]));
  const writes: Order[] = [];
  /** Buyer key → the buyer who now holds an order it had on one side. */
  const movedTo = new Map<string, string>();
  const touched = new Set<string>(backupCustomers.map((c) => c.key));
  /** Orders whose reviews may point at another buyer than the order now does. */
  const relink = new Map<string, Order>();
  theirs.forEach((o, i) => {
    const here = mine[i];
    const wins = !here || o.lastSeenAt > here.lastSeenAt;
    if (wins) writes.push(o);
    touched.add(o.customerKey);
    if (!here) relink.set(uid(o), o);
    else if (here.customerKey !== o.customerKey) {
      touched.add(here.customerKey);
      movedTo.set(wins ? here.customerKey : o.customerKey, wins ? o.customerKey : here.customerKey);
      relink.set(uid(o), wins ? o : here);
    }
  });
  if (writes.length > 0) await db.orders.bulkPut(writes);

  // Reviews follow their order's buyer: a review read before its order, or brought by the backup with
  // the backup's idea of the buyer, finds the buyer the order has now (as ingest relinks them).
  if (relink.size > 0) {
    await db.reviews.where('orderId').anyOf([...new Set([...relink.values()].map((o) => o.orderId))]).modify((r) => {
      const o = relink.get(uid(r));
      if (o && r.customerKey !== o.customerKey) r.customerKey = o.customerKey;
    });
  }

  const keys = [...touched];
  const [customersHere, ordersNow] = await Promise.all([db.customers.bulkGet(keys), ordersOf(db, keys)]);
  const fromBackup = new Map(backupCustomers.map((c) => [c.key, c]));
  const next = new Map<string, Customer | null>();
  keys.forEach((k, i) => {
    const here = customersHere[i];
    const previous = here ? mergeSellerFields(here, fromBackup.get(k)) : fromBackup.get(k);
    const orders = ordersNow[i]!;
    if (orders.length > 0) next.set(k, summarizeCustomer(orders, previous, now));
    else if (previous) next.set(k, previous);
  });
  for (const [from, to] of movedTo) {
    const i = keys.indexOf(from);
    const into = next.get(to);
    if (i < 0 || ordersNow[i]!.length > 0 || !into) continue;
    const left = next.get(from);
    if (left) next.set(to, mergeSellerFields(into, left, true));
    next.set(from, null);
  }

  const puts: Customer[] = [];
  const deletes: string[] = [];
  keys.forEach((k, i) => {
    if (!next.has(k)) return;
    const c = next.get(k)!;
    const here = customersHere[i];
    if (c === null) {
      if (here) deletes.push(k);
    } else if (!here || !sameExceptUpdatedAt(here, c)) {
      puts.push(c);
    }
  });
  if (puts.length > 0) await db.customers.bulkPut(puts);
  if (deletes.length > 0) await db.customers.bulkDelete(deletes);
}

/** Buyers past which one pass over the orders beats a query per buyer. */
const SCAN_ABOVE = 1000;

/** The stored orders of each buyer, in the order of `keys`. */
async function ordersOf(db: LaokeDB, keys: string[]): Promise<Order[][]> {
  // A few buyers: one equals() query each, issued together (faster than anyOf() in Chromium, see
  // ingest.ts). A whole backup's buyers: a hundred thousand queries in one transaction would not be.
  if (keys.length <= SCAN_ABOVE) return Promise.all(keys.map((k) => db.orders.where('customerKey').equals(k).toArray()));
  const byKey = new Map(keys.map((k) => [k, [] as Order[]]));
  await db.orders.each((o) => byKey.get(o.customerKey)?.push(o));
  return keys.map((k) => byKey.get(k)!);
}

/**
 * What the seller typed, from two records of one buyer: tags united (the record's own kept, others added
 * up to MAX_MERGED_TAGS), notes and phone the record's own unless empty. `join` keeps both notes: two
 * buyers found to be one person (a fold), rather than two copies of one buyer's notes.
 */
function mergeSellerFields(base: Customer, other: Customer | undefined, join = false): Customer {
  if (!other) return base;
  const added = other.tags.filter((t) => !base.tags.includes(t));
  const merged: Customer = {
    ...base,
    tags: [...base.tags, ...added.slice(0, Math.max(0, MAX_MERGED_TAGS - base.tags.length))],
    notes: join ? [...new Set([base.notes, other.notes].filter(Boolean))].join('\n') : base.notes.trim() ? base.notes : other.notes,
  };
  const phone = base.phone || other.phone;
  if (phone) merged.phone = phone;
  if (!base.phone && other.phone && other.phoneSavedAt !== undefined) merged.phoneSavedAt = other.phoneSavedAt;
  return merged;
}

/** Campaigns get new ids here: one is the same as one here when it was sent at the same time under the same name. */
async function mergeCampaigns(db: LaokeDB, list: Campaign[]): Promise<void> {
  if (list.length === 0) return;
  const same = (c: Campaign) => `${c.sentAt}\u0000${c.name}`;
  const known = new Set((await db.campaigns.toArray()).map(same));
  const adds: Campaign[] = [];
  for (const c of list) {
    if (known.has(same(c))) continue;
    known.add(same(c));
    const { id: _id, ...rest } = c;
    adds.push(rest);
  }
  if (adds.length > 0) await db.campaigns.bulkAdd(adds);
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JSON size of a value (Infinity when it has none, e.g. a cycle); typed arrays count at their base64 size. */
function jsonLength(v: unknown): number {
  try {
    return JSON.stringify(v, encodeBinary)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** "items.0.quantity: Too small: …": where and what, short enough for a list. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return (where ? `${where}: ${issue.message}` : issue.message).slice(0, 200);
}

function writeFailure(e: unknown): string {
  // Dexie passes the browser's error on as it is, or wrapped (AbortError's inner, BulkError's failures).
  const err = e as { name?: string; message?: string; inner?: { name?: string }; failures?: { name?: string }[] } | null;
  const names = [err?.name, err?.inner?.name, ...(Array.isArray(err?.failures) ? err.failures.map((f) => f?.name) : [])];
  if (names.includes('QuotaExceededError')) {
    return 'Nothing was imported: the browser has no room left for Laoke\'s data. Free some disk space and try again.';
  }
  return `Nothing was imported: the database refused the write (${err?.name ?? 'Error'}: ${String(err?.message ?? e).slice(0, 200)}).`;
}

const uid = (o: { platform: string; orderId: string }) => `${o.platform}\u0000${o.orderId}`;

function primaryKey(table: Table, record: Record<string, unknown>): unknown {
  const path = table.schema.primKey.keyPath;
  return Array.isArray(path) ? path.map((p) => record[p]) : record[path ?? ''];
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

/** Two customer records that differ at most in updatedAt (no write then: nothing changed). */
function sameExceptUpdatedAt(a: Customer, b: Customer): boolean {
  const norm = (c: Customer) => JSON.stringify(Object.entries({ ...c, updatedAt: 0 }).sort(([x], [y]) => (x < y ? -1 : 1)));
  return norm(a) === norm(b);
}
