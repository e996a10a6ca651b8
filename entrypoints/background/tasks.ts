// Callback tasks (回访) in the background, where the whole shop is: repurchase cycles from every order,
// each customer's replenishment, purchases to thank for, events and holidays to greet for. Computed
// after ingest settles (and when the seller acts on a task), kept in memory; the count goes to meta
// 'taskSummary' so the popup shows it without computing anything.
import { itemCycles, replenishmentDue } from '@/utils/crm/cycles';
import { callbackTasks, countTasks, type CallbackTask, type PlannedEvent, type TaskState } from '@/utils/crm/tasks';
import type { TaskSummary } from '@/utils/db/pulse';
import { db } from '@/utils/db/schema';
import { audienceData, audiencesChanged } from './audiences';
import { exportAudience, type ExportFormat } from '@/utils/db/audiences';
import type { TaskKind } from '@/utils/crm/tasks';
import type { ExportFile } from '@/utils/messaging';
import { t } from '@/utils/i18n';

export interface TaskList {
  tasks: CallbackTask[];
  summary: TaskSummary;
  events: PlannedEvent[];
}

let cached: { at: number; list: Promise<TaskList> } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
const MAX_AGE_MS = 10 * 60_000;
const QUIET_MS = 3000;
const DAY = 86_400_000;

async function compute(now: number): Promise<TaskList> {
  const [data, orders, states, events] = await Promise.all([
    audienceData(now), db().orders.toArray(), db().taskStates.toArray(), db().events.toArray(),
  ]);
  const cycles = itemCycles(orders);
  const nicks = new Map(data.customers.map((c) => [c.key, c.nick]));
  const replenish = replenishmentDue(orders, cycles, nicks, now);
  const stateMap = new Map<string, TaskState>(states.map(({ id, ...s }) => [id, s as TaskState]));
  const all = callbackTasks({ customers: data.customers, replenish, events, now, states: stateMap });
  // A customer contacted by a recorded campaign since their last purchase needs no thanks or reminder
  // for it; a greeting is not owed twice within a week.
  const lastPurchase = new Map(data.customers.map((c) => [c.key, c.lastPurchaseAt ?? 0]));
  const tasks = all.filter((task) => {
    const contacted = data.lastContactedAt.get(task.customerKey);
    if (contacted === undefined) return true;
    if (task.kind === 'event' || task.kind === 'holiday') return contacted < task.dueAt - 7 * DAY;
    return contacted < (lastPurchase.get(task.customerKey) ?? 0);
  });
  const counts = countTasks(tasks);
  const summary: TaskSummary = { total: counts.total, byKind: counts, at: now };
  await db().meta.put({ key: 'taskSummary', value: summary, updatedAt: now });
  return { tasks, summary, events };
}

/** The open tasks, computed at most every ten minutes unless something changed. */
export function taskList(now = Date.now()): Promise<TaskList> {
  if (!cached || now - cached.at > MAX_AGE_MS) {
    const list = compute(now);
    cached = { at: now, list };
    list.catch(() => (cached = undefined));
  }
  return cached.list;
}

/** Something changed (an ingest, a task acted on, an event): recompute once things are quiet. */
export function tasksChanged(immediately = false): void {
  cached = undefined;
  clearTimeout(timer);
  if (immediately) void taskList().catch(() => undefined);
  else timer = setTimeout(() => void taskList().catch(() => undefined), QUIET_MS);
}

export async function setTaskState(id: string, state: TaskState): Promise<void> {
  await db().taskStates.put({ id, ...state });
  tasksChanged(true);
}

export async function saveEvent(event: PlannedEvent): Promise<void> {
  await db().events.put(event);
  tasksChanged(true);
}

export async function deleteEvent(id: string): Promise<void> {
  await db().events.delete(id);
  tasksChanged(true);
}

/**
 * The customers of the open tasks (of one kind, or all) as an audience: exported like any other and
 * recorded as a campaign, so the callbacks' effect is measured like a campaign's. The tasks stay open
 * until the seller marks them done.
 */
export async function exportTaskAudience(format: ExportFormat, kind: TaskKind | null, now = Date.now()): Promise<ExportFile[]> {
  const [{ tasks }, data] = await Promise.all([taskList(now), audienceData(now)]);
  const keys = new Set(tasks.filter((task) => kind === null || task.kind === kind).map((task) => task.customerKey));
  const members = data.customers.filter((c) => keys.has(c.key));
  const name = t('taskAudienceName', kind ? t(KIND_NAME[kind]) : t('pulseTasks'));
  const { files } = await exportAudience(db(), members, {
    name, sentAt: now, rule: { tasks: kind ?? 'all' }, ruleText: name, format, fileName: `callbacks-${kind ?? 'all'}`,
    message: '', parts: 1, priceLi: 0, holdoutShare: 0,
  });
  audiencesChanged();
  tasksChanged();
  return files;
}

const KIND_NAME = {
  loyal_purchase: 'taskKindLoyal', multi_item_first: 'taskKindMultiItem', replenish: 'taskKindReplenish', event: 'taskKindEvent', holiday: 'taskKindHoliday',
} as const;
