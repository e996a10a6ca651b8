// Callback tasks (回访) in the background, where the whole shop is: repurchase cycles from every order,
// each customer's replenishment, purchases to thank for, events and holidays to greet for. Computed
// when asked for after the data it reads changed (the data version; not on every page read), kept in
// memory for ten minutes at most; a task acted on leaves the kept list at once. The counts go to meta
// 'taskSummary' for the popup.
import { itemCycles, replenishmentDue } from '@/utils/crm/cycles';
import { sellerUnitDays } from '@/utils/db/reviews';
import { saveCycles } from '@/utils/db/customer-value';
import { callbackTasks, countTasks, type CallbackTask, type PlannedEvent, type TaskKind, type TaskState } from '@/utils/crm/tasks';
import type { TaskSummary } from '@/utils/db/popup-figures';
import { readDataVersion, VersionedCache, versionOf } from '@/utils/db/data-version';
import { db } from '@/utils/db/schema';
import { READ_CHUNK, readConsistently, tableInChunks } from '@/utils/db/chunked';
import { backgroundTurn } from './foreground';
import { AUDIENCE_STORES, audienceData } from './audiences';
import { exportAudience, type ExportFormat } from '@/utils/db/audiences';
import type { ExportFile, TaskList } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { DAY_MS } from '@/utils/crm/time';

/** What the tasks are computed from: the audiences' stores and the orders, task states and events. */
const TASK_STORES = [...AUDIENCE_STORES, 'orders', 'taskStates', 'events', 'knowledge'] as const;
const taskCache = new VersionedCache<TaskList>(db, compute, { stores: TASK_STORES, maxAgeMs: 10 * 60_000 });

async function compute(now: number): Promise<TaskList> {
  const [data, orders, states, events, unitDays] = await Promise.all([
    // Every order, a few thousand per request, pausing for the pages' requests and a popup's first
    // figures, of one moment still (db/chunked.ts).
    audienceData(now), readConsistently(db(), ['orders'], () => tableInChunks(db().orders, READ_CHUNK, backgroundTurn), () => db().transaction('r', db().orders, () => tableInChunks(db().orders))),
    db().taskStates.toArray(), db().events.toArray(), sellerUnitDays(db()),
  ]);
  const cycles = itemCycles(orders, unitDays);
  // Kept for the customer card's 补货 line (what one unit of each item lasts), read with the buyer's own orders.
  // (Derived and quiet: it moves no data version; a failed write costs the card's line, not the tasks.)
  await saveCycles(db(), cycles, now).catch((err: unknown) => console.error('[laoke] cycles', err));
  const nicks = new Map(data.customers.map((c) => [c.key, c.nick]));
  const replenish = replenishmentDue(orders, cycles, nicks, now);
  const stateMap = new Map<string, TaskState>(states.map(({ id, ...s }) => [id, s as TaskState]));
  const all = callbackTasks({ customers: data.customers, replenish, events, now, states: stateMap });
  // A customer contacted by a recorded campaign since their last purchase needs no thanks or reminder
  // for it; a greeting is not owed twice within a week.
  const lastPurchase = new Map(data.customers.map((c) => [c.key, c.lastPurchaseAt ?? 0]));
  // A buyer with a refund or return under way is not thanked or greeted now (as audiences leave them out).
  const refunding = new Set(data.customers.filter((c) => c.refundOpen).map((c) => c.key));
  const tasks = all.filter((task) => {
    if (refunding.has(task.customerKey)) return false;
    const contacted = data.lastContactedAt.get(task.customerKey);
    if (contacted === undefined) return true;
    if (task.kind === 'event' || task.kind === 'holiday') return contacted < task.dueAt - 7 * DAY_MS;
    return contacted < (lastPurchase.get(task.customerKey) ?? 0);
  });
  return { tasks, summary: await saveSummary(tasks, now), events };
}

async function saveSummary(tasks: readonly CallbackTask[], now: number): Promise<TaskSummary> {
  const counts = countTasks(tasks);
  const summary: TaskSummary = { total: counts.total, byKind: counts, at: now };
  await db().meta.put({ key: 'taskSummary', value: summary, updatedAt: now });
  return summary;
}

/** What a page is sent: the most valuable tasks (the popup shows 5, the panel 50) and every count. */
export const TASKS_SENT = 200;

export async function taskList(now = Date.now()): Promise<TaskList> {
  const list = await taskCache.get(now);
  return { ...list, tasks: list.tasks.slice(0, TASKS_SENT) };
}

/** Done, dismissed or snoozed: the task leaves the list at once; nothing else needs computing. */
export async function setTaskState(id: string, state: TaskState): Promise<void> {
  await setTaskStates([id], state);
}

async function setTaskStates(ids: readonly string[], state: TaskState): Promise<void> {
  const { prior, mine } = await db().transaction('rw', db().taskStates, db().meta, async () => {
    const prior = versionOf(await readDataVersion(db()), TASK_STORES);
    await db().taskStates.bulkPut(ids.map((id) => ({ id, ...state })));
    return { prior, mine: versionOf(await readDataVersion(db()), TASK_STORES) };
  });
  // Nothing else changed since the list was computed: it only loses these tasks.
  const gone = new Set(ids);
  const now = Date.now();
  await taskCache.wrote(prior, mine, async (l) => {
    const open = l.tasks.filter((task) => !gone.has(task.id));
    return { ...l, tasks: open, summary: await saveSummary(open, now) };
  });
}

export async function saveEvent(event: PlannedEvent): Promise<void> {
  await db().events.put(event);
}

export async function deleteEvent(id: string): Promise<void> {
  await db().events.delete(id);
}

/**
 * The customers of the open tasks (of one kind, or all) as an audience: exported like any other and
 * recorded as a campaign, so the callbacks' effect is measured like a campaign's. Exporting them is
 * doing them: the exported tasks are marked done.
 */
export async function exportTaskAudience(format: ExportFormat, kind: TaskKind | null, now = Date.now()): Promise<ExportFile[]> {
  const [list, data] = await Promise.all([taskCache.get(now), audienceData(now)]);
  const chosen = list.tasks.filter((task) => kind === null || task.kind === kind);
  const keys = new Set(chosen.map((task) => task.customerKey));
  const members = data.customers.filter((c) => keys.has(c.key));
  const name = t('taskAudienceName', kind ? t(KIND_NAME[kind]) : t('pulseTasks'));
  const { files } = await exportAudience(db(), members, {
    name, sentAt: now, rule: { tasks: kind ?? 'all' }, ruleText: name, format, fileName: `callbacks-${kind ?? 'all'}`,
    message: '', parts: 1, priceLi: 0, holdoutShare: 0,
  });
  await setTaskStates(chosen.map((task) => task.id), { state: 'done', at: now });
  return files;
}

const KIND_NAME = {
  loyal_purchase: 'taskKindLoyal', multi_item_first: 'taskKindMultiItem', replenish: 'taskKindReplenish', event: 'taskKindEvent', holiday: 'taskKindHoliday',
} as const;
