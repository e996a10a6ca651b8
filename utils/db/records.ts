// What each store holds, at run time: one zod schema per store of the Dexie schema (schema.ts), and one
// per meta key. The types are declared once (utils/crm/types.ts, schema.ts and the modules that write
// meta); the check at the end of this file fails the type check when a schema and its type part.
//
// Used where records come from outside the database: a backup file (backup.ts), which can be damaged,
// hand-edited or not ours. Bounds are far above anything a console page shows (validate.ts bounds
// those, and the fields a page reads take validate.ts' rules where they are not bounds) and far below
// what would hurt. Unknown fields are dropped, not refused: a field this code does not know must not
// cost the seller a whole store.

import { z } from 'zod';
import { base64ToFloat32, float32ToBase64 } from '@/utils/base64';
import type { ForecastModel } from '@/utils/crm/forecast';
import { MAX_FEN } from '@/utils/crm/money';
import type { NgramModel } from '@/utils/crm/ngram-model';
import { ASPECT_HASH_BITS } from '@/utils/crm/aspect-model';
import { TASK_KINDS, type PlannedEvent, type TaskKind } from '@/utils/crm/tasks';
import { ASPECT_IDS, type Campaign, type Customer, type Order, type Review } from '@/utils/crm/types';
import { observedOrderSchema, observedReviewSchema, platformSchema, sentimentSchema } from '@/utils/crm/validate';
import { FORECAST_MODEL_KEY } from './forecasts';
import { ITEM_CYCLES_KEY, itemCyclesSchema, MEMBER_TIERS_KEY, memberTiersSchema } from './customer-value';
import { CARE_SCRIPTS_KEY, CARE_SETTINGS_KEY, careScriptsSchema, careSettingsSchema } from './order-care';
import { REFUND_PROBLEMS, type CareAction, type CareSettings, type RefundProblem } from '@/utils/crm/order-care';
import { CONFLICTS_KEY, MAX_CONFLICTS } from './health';
import { RETENTION_KEY, retentionSettingsSchema, type RetentionSettings } from './privacy';
import type { PopupPulse } from './popup-figures';
import type { CustomerLink } from '@/utils/crm/links';
import type { HealthRecord, KnowledgeRecord, LaokeDB, MetaRecord, ReplyRecord, TaskStateRecord } from './schema';

const MAX_TIME = Date.UTC(2100, 0, 1);
/** Any time up to 2100: a stored record may be older than validate.ts' lower bound (2000). */
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
const identity = z.enum(['strong', 'probable', 'weak']);
/** A value kept as is (a campaign's rule, a meta value): bounded by its JSON size. */
const boundedJson = (max: number) => z.unknown().refine((v) => jsonLength(v) <= max, `larger than ${max} characters`);

/** Keys start with their platform (utils/crm/identity.ts): a record that says otherwise was edited. */
const ownsKey = (p: string, k: string | undefined) => k === undefined || k.startsWith(`${p}:`);

/** An order as a page sends it (validate.ts), less its buyer, plus what ingest adds (as the Order type). */
const seenOrder = observedOrderSchema.shape;
export const orderSchema = z.object({
  platform: seenOrder.platform, orderId: id, customerKey: key, identity, nick, buyerId: id.optional(),
  createdAt: time, paidAt: time.optional(),
  status: seenOrder.status,
  amountFen: seenOrder.amountFen, refundFen: seenOrder.refundFen,
  items: z.array(z.object({
    itemId: z.string().max(200), title, sku: title, quantity: z.int().min(0).max(1e6), unitFen: fen, refunded: z.boolean(),
  })).max(1000),
  region: title.optional(),
  refundOpen: seenOrder.refundOpen,
  discount: seenOrder.discount,
  shippedAt: time.optional(), receivedAt: time.optional(), buyerMemo: seenOrder.buyerMemo, sellerFlag: seenOrder.sellerFlag,
  source: seenOrder.source,
  firstSeenAt: time, lastSeenAt: time,
  statusSeenAt: z.partialRecord(seenOrder.status, time).optional(),
  statusPrevAt: z.partialRecord(seenOrder.status, time).optional(),
}).refine((o) => ownsKey(o.platform, o.customerKey), { message: 'does not start with the order\'s platform', path: ['customerKey'] });

export const customerSchema = z.object({
  key, platform: platformSchema, nick, buyerId: id.optional(), identity,
  orderCount: count, totalFen: fen, firstPurchaseAt: time.optional(), lastPurchaseAt: time.optional(),
  purchases: z.array(id).max(1e6),
  items: z.array(z.object({ title, quantity: count })).max(100),
  pieces: count, maxPieces: count,
  itemIds: z.array(z.string().max(200)).max(1e6),
  itemsBought: z.array(z.object({ id: z.string().max(200), title, quantity: count, firstAt: time, lastAt: time })).max(1e6).optional(),
  region: title.optional(),
  usualGapDays: z.number().min(0).max(1e6).optional(),
  refundOpen: z.boolean(),
  refunds: z.object({ paid: count, refunded: count, open: z.boolean() }).optional(),
  purchaseDays: count.optional(), firstDayFen: fen.optional(),
  tags: z.array(nick).max(1000), notes: longText, phone: z.string().max(100).optional(), phoneSavedAt: time.optional(),
  updatedAt: time,
}).refine((c) => ownsKey(c.platform, c.key), { message: 'does not start with the customer\'s platform', path: ['key'] });

/**
 * The seller's fields of a customer as team sync takes them from another machine (utils/sync/engine.ts):
 * each value checked as a stored customer's is, so a document of the wrong types (tags a string, a note
 * an object or megabytes long) never reaches a card.
 */
export const SELLER_FIELD_SCHEMAS = {
  tags: customerSchema.shape.tags, notes: customerSchema.shape.notes,
  phone: z.string().max(100), phoneSavedAt: time,
} as const;

/** A review as a page sends it (validate.ts), plus what the database adds (as the Review type). */
const seenReview = observedReviewSchema.shape;
export const reviewSchema = z.object({
  platform: seenReview.platform, reviewId: id, orderId: id, itemId: z.string().max(200), itemTitle: title, nick,
  rating: seenReview.rating,
  logisticsScore: seenReview.logisticsScore, serviceScore: seenReview.serviceScore,
  platformSentiment: seenReview.platformSentiment,
  text: longText, defaultPositive: seenReview.defaultPositive,
  appendText: longText.optional(), appendDays: seenReview.appendDays,
  mediaCount: z.int().min(0).max(1000), createdAt: time,
  reply: longText.optional(), repliedAt: time.optional(), replied: seenReview.replied,
  customerKey: key.optional(), firstSeenAt: time, lastSeenAt: time,
  analysis: z.object({
    sentiment: sentimentSchema, textSentiment: sentimentSchema.nullable(), praise: z.number().min(0).max(1).nullable(),
    aspects: z.array(z.object({ aspect: z.enum(ASPECT_IDS), polarity: z.enum(['+', '-']) })).max(100),
    complaints: z.array(z.enum(ASPECT_IDS)).max(100),
    hidden: z.boolean(), appendWorse: z.boolean(), by: z.enum(['lexicon', 'model']),
    corrected: z.boolean().optional(), praisingMid: z.boolean().optional(), v: z.int().min(0).max(1000).optional(),
  }).optional(),
  handledAt: time.optional(),
  aspectCorrection: z.object({ complaints: z.array(z.enum(ASPECT_IDS)).max(ASPECT_IDS.length), at: time }).optional(),
}).refine((r) => ownsKey(r.platform, r.customerKey), { message: 'does not start with the review\'s platform', path: ['customerKey'] });

export const healthSchema = z.object({
  pageKind: id, lastSeenAt: time, lastOk: z.boolean(), lastRows: count, lastReason: longText.optional(),
  okCount: count, failCount: count,
  lastUnknown: z.array(z.string().max(60)).max(20).optional(),
  lastPlaced: z.object({ read: count, missing: count }).optional(),
  lastDiagnosis: z.string().max(20_000).optional(),
});

export const campaignSchema = z.object({
  id: z.int().min(1).optional(), name: title, sentAt: time,
  rule: boundedJson(100_000), ruleText: longText,
  channel: z.enum(['sms', 'orders', 'buyers', 'csv']),
  message: longText, parts: z.int().min(0).max(1000), priceLi: z.int().min(0).max(1e9),
  members: z.array(key).max(1e7), holdout: z.array(key).max(1e7),
});

export const knowledgeSchema = z.object({ platform: platformSchema, itemId: id, itemTitle: title, text: longText, unitDays: z.int().min(1).max(3650).optional(), updatedAt: time });

export const replySchema = z.object({ platform: platformSchema, reviewId: id, text: longText, at: time, source: z.enum(['seen', 'copied']) });

/** The learned model (ngram-model.ts): any size the hashing could have, every weight a number. */
const modelSchema = z.object({
  version: z.literal(1),
  weights: z.instanceof(Float32Array).refine((w) => w.length <= 1 << 24 && w.every(Number.isFinite), 'not a model\'s weights'),
  trainedOn: z.object({ pos: count, neg: count }),
});

const labelledSchema = z.object({ pos: count, neg: count });

/** The shop's aspect model (aspect-model.ts): nine rows of hashed weights, every weight a number. */
const aspectModelSchema = z.object({
  version: z.literal(1),
  weights: z.instanceof(Float32Array).refine((w) => w.length === ASPECT_IDS.length * ((1 << ASPECT_HASH_BITS) + 1) && w.every(Number.isFinite), 'not an aspect model\'s weights'),
  trainedOn: count,
  complaints: z.array(count).length(ASPECT_IDS.length),
  available: count.optional(),
});

const finite = z.number().min(-1e12).max(1e12);
const forecastModelSchema = z.object({
  status: z.enum(['ok', 'insufficient']),
  shortfall: z.enum(['customers', 'repeatBuyers', 'historyDays', 'fit']).optional(),
  customers: count, repeatBuyers: count, historyDays: count,
  bgnbd: z.object({ r: finite, alpha: finite, a: finite, b: finite }).optional(),
  gammaGamma: z.object({ p: finite, q: finite, gamma: finite }).optional(),
  meanRepeatFen: finite.optional(), ll: finite.optional(),
  observedUntil: time, fittedAt: time, fitMs: z.number().min(0).max(1e9), customersVersion: count.optional(),
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
/**
 * The popup's figures of one day (popup-figures.ts). No `version`: the data version a snapshot was computed at
 * counts the writes of the machine that made the backup, so a restored snapshot is computed again (zod
 * drops the key).
 */
const pulseSnapshotSchema = z.object({
  day: time, pulse: z.object({
    today: pulseWindowSchema, week: pulseWindowSchema, tasks: taskSummarySchema.nullable(),
    alerts: z.array(z.object({
      itemId: z.string().max(200), title, aspect: z.enum(ASPECT_IDS), thisWeek: count, baseline: z.number().min(0).max(1e6),
    })).max(20).optional(),
  }),
});

/** Orders a page named another buyer for (db/health.ts): kept under the buyer they were proven to. */
const conflictLogSchema = z.object({
  total: count,
  recent: z.array(z.object({
    platform: platformSchema, orderId: z.string().max(40), storedKey: z.string().max(500), seenKey: z.string().max(500), at: time,
  })).max(MAX_CONFLICTS),
});

/**
 * Every meta key Laoke writes, each with the shape of its value. A key not here is refused: a backup is
 * where a hand-edited setting would come in. The keys, and who writes them:
 * - sentimentModel, sentimentLabelled, aspectModel: the review models (db/reviews.ts);
 * - forecastModel: the last fit (db/forecasts.ts);
 * - pulse, taskSummary: the popup's caches (db/popup-figures.ts, background/tasks.ts);
 * - identityConflicts: orders a reading named another buyer for (db/health.ts);
 * - retention: the seller's retention rules (db/privacy.ts); retentionRunAt: when the background last
 *   applied them (background/privacy.ts). These two are LOCAL_META_KEYS: never taken from a file.
 * - careSettings, careScripts: the order care settings and the seller's quick scripts (db/order-care.ts);
 * - memberTiers: the seller's member tier ladder (会员等级, db/customer-value.ts); itemCycles: what one unit of each item lasts, as last computed;
 * backup.test.ts reads the sources for meta writes and fails on a key missing here.
 */
const META_VALUES: ReadonlyMap<string, z.ZodType> = new Map<string, z.ZodType>([
  ['sentimentModel', modelSchema],
  ['sentimentLabelled', labelledSchema],
  ['aspectModel', aspectModelSchema],
  [FORECAST_MODEL_KEY, forecastModelSchema],
  ['pulse', pulseSnapshotSchema],
  ['taskSummary', taskSummarySchema],
  [CONFLICTS_KEY, conflictLogSchema],
  [RETENTION_KEY, retentionSettingsSchema],
  ['retentionRunAt', time],
  [CARE_SETTINGS_KEY, careSettingsSchema],
  [CARE_SCRIPTS_KEY, careScriptsSchema],
  [MEMBER_TIERS_KEY, memberTiersSchema],
  [ITEM_CYCLES_KEY, itemCyclesSchema],
]);
export const META_KEYS: readonly string[] = [...META_VALUES.keys()];
/** Settings of this machine: what it deletes and when it last did. A replace keeps the ones here. */
export const LOCAL_META_KEYS: ReadonlySet<string> = new Set([RETENTION_KEY, 'retentionRunAt']);

export const metaSchema = z.object({ key: id, value: z.unknown(), updatedAt: time }).transform((m, check) => {
  const schema = META_VALUES.get(m.key);
  if (!schema) {
    check.addIssue({ code: 'custom', message: `not a setting Laoke keeps (${JSON.stringify(m.key.slice(0, 40))})`, path: ['key'] });
    return z.NEVER;
  }
  const r = schema.safeParse(m.value);
  if (!r.success) {
    check.addIssue({ code: 'custom', message: `${m.key}: ${firstIssue(r.error)}`, path: ['value'] });
    return z.NEVER;
  }
  return { key: m.key, value: r.data, updatedAt: m.updatedAt };
});

export const taskStateSchema = z.discriminatedUnion('state', [
  z.object({ id: key, state: z.enum(['done', 'dismissed']), at: time }),
  z.object({ id: key, state: z.literal('snoozed'), until: time, at: time }),
]);

/** The care log (order-care.ts CareAction). */
export const careActionSchema = z.object({
  id: z.int().min(1).optional(), platform: platformSchema, orderId: id, customerKey: key,
  kind: z.enum(['remind', 'care', 'ship', 'stalled', 'refund', 'call']), at: time, via: z.enum(['copy', 'export', 'outcome']),
  outcome: z.enum(['kept', 'compensated', 'refunded', 'called', 'no_answer', 'bought']).optional(),
  compensationFen: fen.optional(), problem: z.enum(REFUND_PROBLEMS as unknown as [RefundProblem, ...RefundProblem[]]).optional(),
  text: longText.optional(),
}).refine((a) => ownsKey(a.platform, a.customerKey), { message: 'does not start with the action\'s platform', path: ['customerKey'] });

/** A link the seller made between two records (关联, utils/crm/links.ts): two keys in order, never the same. */
export const linkSchema = z.object({ a: key, b: key, at: time }).refine((l) => l.a < l.b, { message: 'not two different keys in order', path: ['b'] });

export const eventSchema = z.object({ id, name: title, date: time, leadDays: z.int().min(0).max(366) });

/** Forecasts are written whole after each fit and read by key only: numbers (or null) under a key. */
export const forecastSchema = z.object({ key }).catchall(z.union([z.number(), z.null(), z.boolean(), z.string().max(200)]));

/** The name of each store of the Dexie schema. */
/** The stores backups carry: all but the digests, columnar copies of orders and customers (utils/db/digest.ts). */
export type StoreName = Exclude<{ [K in keyof LaokeDB]: LaokeDB[K] extends { schema: unknown; bulkPut: unknown } ? K : never }[keyof LaokeDB], 'digests' | 'digestLog' | 'syncOutbox' | 'sync'>;

/** The schema of each store's records: every store of LaokeDB has one (the type check says so). */
export const RECORD_SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map(Object.entries({
  customers: customerSchema,
  orders: orderSchema,
  reviews: reviewSchema,
  health: healthSchema,
  campaigns: campaignSchema,
  knowledge: knowledgeSchema,
  replies: replySchema,
  meta: metaSchema,
  taskStates: taskStateSchema,
  events: eventSchema,
  forecasts: forecastSchema,
  careActions: careActionSchema,
  links: linkSchema,
} satisfies Record<StoreName, z.ZodType>));

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
  Describes<typeof careActionSchema, CareAction>, Describes<typeof careSettingsSchema, CareSettings>,
  Describes<typeof linkSchema, CustomerLink>,
  // A cache written whole: the snapshot's figures are the popup's (a summary may lack a newer kind).
  Describes<typeof pulseWindowSchema, PopupPulse['today']>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void SCHEMAS_MATCH_TYPES;

// ---------------------------------------------------------------------------------------------------
// Records as JSON. Float32Arrays (the learned sentiment model) have no JSON form of their own (they
// would become {"0":…}): they are written as {"$f32": base64}, little-endian.

/** JSON.stringify replacer for records. Binary data other than a Float32Array is not a record's: it throws. */
export function encodeBinary(_key: string, value: unknown): unknown {
  if (value instanceof Float32Array) return { $f32: float32ToBase64(value) };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw new Error('backup: binary data other than Float32Array cannot be written');
  return value;
}

/** JSON.parse reviver. A marker that does not decode is left as it is: its record then fails its check. */
export function decodeBinary(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$f32' in value) {
    const b64 = (value as { $f32: unknown }).$f32;
    if (typeof b64 === 'string' && Object.keys(value).length === 1) return base64ToFloat32(b64) ?? value;
  }
  return value;
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
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map(String).join('.');
  return (where ? `${where}: ${issue.message}` : issue.message).slice(0, 200);
}
