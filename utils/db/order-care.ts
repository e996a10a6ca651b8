// Order care (订单关怀) over the database: the board read from the recent orders, the care log written
// (reminders, drafts copied, outcomes), the lists exported as order numbers and recorded as campaigns,
// the settings and the seller's quick scripts. The rules are utils/crm/order-care.ts and care-scripts.ts.
import { z } from 'zod';
import { MAX_PHRASE_LENGTH, MAX_PHRASES, SCRIPT_GROUPS, scriptBook, type ScriptBook, type ScriptGroup } from '@/utils/crm/care-scripts';
import {
  careBoard, careCandidate, CARE_SETTINGS_BOUNDS, DEFAULT_CARE_SETTINGS, reminderCheck, type CareAction, type CareBoard, type CareSettings,
  type CallOutcome, type CareKind, type RefundOutcome, type RefundProblem, type ReminderCheck,
} from '@/utils/crm/order-care';
import { reviewSentiment } from '@/utils/crm/reviews';
import { shanghaiDate, DAY_MS } from '@/utils/crm/time';
import type { AspectId, Customer, Order, Platform } from '@/utils/crm/types';
import type { LaokeDB } from './schema';

export const CARE_SETTINGS_KEY = 'careSettings';
export const CARE_SCRIPTS_KEY = 'careScripts';

const hours = (b: readonly [number, number]) => z.number().int().min(b[0]).max(b[1]);
export const careSettingsSchema = z.object({
  autoCloseHours: z.object({
    taobao: hours(CARE_SETTINGS_BOUNDS.autoCloseHours), pdd: hours(CARE_SETTINGS_BOUNDS.autoCloseHours),
    douyin: hours(CARE_SETTINGS_BOUNDS.autoCloseHours), jd: hours(CARE_SETTINGS_BOUNDS.autoCloseHours),
  }),
  shipPromiseHours: hours(CARE_SETTINGS_BOUNDS.shipPromiseHours),
  stalledDays: hours(CARE_SETTINGS_BOUNDS.stalledDays),
});
export const careScriptsSchema = z.partialRecord(
  z.enum(SCRIPT_GROUPS as unknown as [ScriptGroup, ...ScriptGroup[]]),
  z.array(z.string().max(MAX_PHRASE_LENGTH)).max(MAX_PHRASES),
);

/** Orders this recent are worked: an unpaid, unshipped or stalled order is days old, a refund under way weeks at most. */
export const CARE_HORIZON_DAYS = 60;
/** Reviews this recent tell which items draw complaints and which buyers left a bad review. */
const REVIEW_HORIZON_DAYS = 180;

export async function careSettings(db: LaokeDB): Promise<CareSettings> {
  const r = careSettingsSchema.safeParse(withPlatformDefaults((await db.meta.get(CARE_SETTINGS_KEY))?.value));
  return r.success ? r.data : DEFAULT_CARE_SETTINGS;
}

/**
 * Settings saved before 抖店 and JD were read (issue 23) name only Taobao's and Pinduoduo's auto-close
 * hours: the new platforms take their defaults, and what the seller set is kept.
 */
function withPlatformDefaults(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const v = value as { autoCloseHours?: unknown };
  if (typeof v.autoCloseHours !== 'object' || v.autoCloseHours === null) return value;
  return { ...v, autoCloseHours: { ...DEFAULT_CARE_SETTINGS.autoCloseHours, ...v.autoCloseHours } };
}

export async function saveCareSettings(db: LaokeDB, s: CareSettings, now = Date.now()): Promise<CareSettings> {
  const value = careSettingsSchema.parse(s);
  await db.meta.put({ key: CARE_SETTINGS_KEY, value, updatedAt: now });
  return value;
}

export async function careScripts(db: LaokeDB): Promise<ScriptBook> {
  const r = careScriptsSchema.safeParse((await db.meta.get(CARE_SCRIPTS_KEY))?.value);
  return scriptBook(r.success ? r.data : undefined);
}

/** One group saved as the seller wrote it (empty lines dropped); the other groups keep theirs. */
export async function saveCareScripts(db: LaokeDB, group: ScriptGroup, phrases: readonly string[], now = Date.now()): Promise<ScriptBook> {
  return db.transaction('rw', db.meta, async () => {
    const r = careScriptsSchema.safeParse((await db.meta.get(CARE_SCRIPTS_KEY))?.value);
    const saved = { ...(r.success ? r.data : {}), [group]: phrases.map((p) => p.trim()).filter(Boolean).slice(0, MAX_PHRASES) };
    await db.meta.put({ key: CARE_SCRIPTS_KEY, value: careScriptsSchema.parse(saved), updatedAt: now });
    return scriptBook(saved);
  });
}

const uid = (platform: Platform, id: string) => `${platform}:${id}`;

export interface CareData {
  board: CareBoard;
  scripts: ScriptBook;
  /** The last draft copied per group, newest first (the next draft must not read like them). */
  lastUsed: Partial<Record<ScriptGroup, string[]>>;
  /** Outcomes of the callback calls (回访) logged in the horizon, counted like a campaign's. */
  calls: Record<'called' | 'no_answer' | 'bought' | 'compensated', number>;
}

/**
 * The board, its scripts and what was copied last. `limit`: each list cut to its most urgent (a page is
 * sent this; the totals stay whole), so a big shop's thousands of received orders do not cross in one message.
 */
export async function loadCareData(db: LaokeDB, now = Date.now(), limit = Infinity): Promise<CareData> {
  return db.transaction('r', [db.orders, db.customers, db.reviews, db.careActions, db.meta], async () => {
    const since = now - CARE_HORIZON_DAYS * DAY_MS;
    const [orders, actions, reviews, settings, scripts] = await Promise.all([
      db.orders.where('createdAt').above(since).toArray(),
      db.careActions.where('at').above(since).toArray(),
      db.reviews.where('createdAt').above(now - REVIEW_HORIZON_DAYS * DAY_MS).toArray(),
      careSettings(db),
      careScripts(db),
    ]);
    // Only the orders a list can hold need their buyer.
    const open = orders.filter((o) => careCandidate(o, now));
    const keys = [...new Set(open.map((o) => o.customerKey))];
    const customers = new Map<string, Customer>();
    for (const c of await db.customers.bulkGet(keys)) if (c) customers.set(c.key, c);
    const reviewedOrders = new Set<string>();
    const orderComplaints = new Map<string, AspectId[]>();
    const complainedItems = new Set<string>();
    const badReviewers = new Set<string>();
    for (const r of reviews) {
      reviewedOrders.add(uid(r.platform, r.orderId));
      const complaints = r.analysis?.complaints ?? [];
      if (complaints.length) {
        orderComplaints.set(uid(r.platform, r.orderId), [...(orderComplaints.get(uid(r.platform, r.orderId)) ?? []), ...complaints]);
        complainedItems.add(uid(r.platform, r.itemId));
      }
      if (r.customerKey && reviewSentiment(r) === 'neg') badReviewers.add(r.customerKey);
    }
    const whole = careBoard({ orders: open, allOrders: orders, customers, reviewedOrders, orderComplaints, complainedItems, badReviewers, actions, settings, now });
    const board: CareBoard = limit === Infinity ? whole : {
      ...whole, unpaid: whole.unpaid.slice(0, limit), unshipped: whole.unshipped.slice(0, limit), stalled: whole.stalled.slice(0, limit),
      received: whole.received.slice(0, limit), refunds: whole.refunds.slice(0, limit),
    };
    const calls: CareData['calls'] = { called: 0, no_answer: 0, bought: 0, compensated: 0 };
    for (const a of actions) {
      if (a.kind === 'call' && a.via === 'outcome' && a.outcome && a.outcome in calls) calls[a.outcome as keyof typeof calls]++;
    }
    return { board, scripts, lastUsed: draftsByGroup(actions), calls };
  });
}

export type CareRecord =
  | { via: 'copy'; kind: CareKind; group: ScriptGroup; text: string }
  | { via: 'outcome'; kind: 'refund' | 'call'; outcome: RefundOutcome | CallOutcome; compensationFen?: number; problem?: RefundProblem };

const REFUND_OUTCOMES: readonly string[] = ['kept', 'compensated', 'refunded'];
const CALL_OUTCOMES: readonly string[] = ['called', 'no_answer', 'bought', 'compensated'];

/** Kept per group to rotate against: the group rides on the action's text key. */
const GROUP_TAG = /^\[([a-z_]+)\]/;

/**
 * One thing the seller did about an order. A reminder (催付) is refused, and nothing written, for an
 * order no longer unpaid or already reminded 3 times in 24 hours: the answer says which.
 */
export async function recordCare(db: LaokeDB, platform: Platform, orderId: string, rec: CareRecord, now = Date.now()): Promise<{ recorded: boolean; check?: ReminderCheck }> {
  return db.transaction('rw', [db.orders, db.careActions], async () => {
    const order = await db.orders.get([platform, orderId]);
    if (!order) throw new Error(`order ${orderId} is not in Laoke`);
    if (rec.via === 'outcome' && !(rec.kind === 'refund' ? REFUND_OUTCOMES : CALL_OUTCOMES).includes(rec.outcome)) {
      throw new Error(`${rec.outcome} is not an outcome of a ${rec.kind}`);
    }
    if (rec.kind === 'remind') {
      const times = (await db.careActions.where('[platform+orderId]').equals([platform, orderId]).toArray()).filter((a) => a.kind === 'remind').map((a) => a.at);
      const check = reminderCheck(order.status, times, now);
      if (!check.ok) return { recorded: false, check };
    }
    const action: CareAction = { platform, orderId, customerKey: order.customerKey, kind: rec.kind, at: now, via: rec.via };
    if (rec.via === 'copy') action.text = `[${rec.group}]${rec.text}`;
    else {
      action.outcome = rec.outcome;
      if (rec.compensationFen) action.compensationFen = rec.compensationFen;
      if (rec.problem) action.problem = rec.problem;
    }
    await db.careActions.add(action);
    return { recorded: true };
  });
}

/** The last drafts copied per script group, newest first: what the next draft of the group rotates against. */
function draftsByGroup(actions: readonly CareAction[]): Partial<Record<ScriptGroup, string[]>> {
  const out: Partial<Record<ScriptGroup, string[]>> = {};
  for (const a of [...actions].sort((x, y) => y.at - x.at)) {
    const m = a.text ? GROUP_TAG.exec(a.text) : null;
    if (!m) continue;
    const list = (out[m[1] as ScriptGroup] ??= []);
    if (list.length < 3) list.push(a.text!.slice(m[0].length));
  }
  return out;
}

export type CareSection = 'unpaid' | 'unshipped' | 'stalled' | 'received' | 'refunds';

export interface CareExport {
  files: { filename: string; mime: string; text: string; count: number }[];
  /** Orders left out: reminded 3 times in 24 hours already, or past the auto-close time. */
  skipped: number;
}

/**
 * A list's order numbers, one file per platform (each goes to its own platform's tool), recorded as a
 * campaign (channel 'orders') so its effect is measured. Exporting the unpaid list records a reminder
 * for each order in it; orders at their 3 reminders in 24 hours, or past the auto-close time, are left out.
 */
export async function exportCareSection(db: LaokeDB, section: CareSection, names: { campaign: string; ruleText: string }, now = Date.now()): Promise<CareExport> {
  // One read-write transaction from the board to the records: two exports at once (two tabs, a double
  // click) are done one after the other, and the second sees the first's reminders.
  return db.transaction('rw', [db.orders, db.customers, db.reviews, db.careActions, db.meta, db.campaigns], async () => {
    const { board } = await loadCareData(db, now);
    let skipped = 0;
    let orders: Order[];
    if (section === 'unpaid') {
      const ok = board.unpaid.filter((u) => u.phase !== 'expired' && u.check.ok);
      skipped = board.unpaid.length - ok.length;
      orders = ok.map((u) => u.order);
    } else if (section === 'received') {
      orders = board.received.filter((r) => r.stage !== 'soon').map((r) => r.order);
    } else {
      orders = board[section].map((e) => e.order);
    }
    if (orders.length === 0) return { files: [], skipped };
    const date = shanghaiDate(now).replaceAll('-', '');
    const byPlatform = new Map<Platform, Order[]>();
    for (const o of orders) byPlatform.set(o.platform, [...(byPlatform.get(o.platform) ?? []), o]);
    const files = [...byPlatform].map(([platform, list]) => ({
      filename: `laoke-care-${section}${byPlatform.size > 1 ? `-${platform}` : ''}-orders-${date}.txt`,
      mime: 'text/plain;charset=utf-8',
      text: `${list.map((o) => o.orderId).join('\r\n')}\r\n`,
      count: list.length,
    }));
    // The rule says which list and how many orders (a list of thousands of order numbers would outgrow
    // what a backup keeps of a rule); the members are the buyers, as for every campaign.
    await db.campaigns.add({
      name: names.campaign, sentAt: now, rule: { care: section, orders: orders.length }, ruleText: names.ruleText,
      channel: 'orders', message: '', parts: 1, priceLi: 0, members: [...new Set(orders.map((o) => o.customerKey))], holdout: [],
    });
    if (section === 'unpaid') {
      await db.careActions.bulkAdd(orders.map((o): CareAction => ({ platform: o.platform, orderId: o.orderId, customerKey: o.customerKey, kind: 'remind', at: now, via: 'export' })));
    }
    return { files, skipped };
  });
}
