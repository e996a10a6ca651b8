// Callback tasks (回访) as a list with done / snooze / dismiss, for the popup and the side panel.
import { useState } from 'react';
import { formatFen } from '@/utils/crm/money';
import { shanghaiDate } from '@/utils/crm/time';
import type { CallbackTask } from '@/utils/crm/tasks';
import { t } from '@/utils/i18n';
import { ClickHidden, SellerButton } from './SellerButton';

/** What the task asks of the seller, in a line. */
export function taskText(task: CallbackTask): string {
  const d = task.detail;
  switch (task.kind) {
    case 'loyal_purchase': return t('taskLoyal', d.orderCount ?? 0);
    case 'multi_item_first': return t('taskMultiItem', d.pieces ?? 0);
    case 'event': return t('taskEvent', d.event ?? '', shanghaiDate(task.dueAt));
    case 'holiday': return t('taskHoliday', d.holiday ?? '', shanghaiDate(task.dueAt));
    case 'replenish': return t('taskReplenish', d.itemTitle ?? '', shanghaiDate(task.dueAt));
  }
}

export function TaskItems({ tasks, onChanged, compact = false, openCustomer }: {
  tasks: readonly CallbackTask[]; onChanged: () => void; compact?: boolean; openCustomer?: (key: string) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  // A click on a button the seller could not see (the console page hid or covered the panel): refused.
  const [hidden, setHidden] = useState<'done' | 'dismissed' | 'snoozed' | null>(null);
  const act = async (id: string, state: 'done' | 'dismissed' | 'snoozed') => {
    setHidden(null);
    setBusy(id);
    try {
      const { sendToBackground } = await import('@/utils/messaging');
      await sendToBackground('setTaskState', state === 'snoozed' ? { id, state, days: 3 } : { id, state });
      onChanged();
    } finally {
      setBusy(null);
    }
  };
  if (tasks.length === 0) return <p className="text-xs text-gray-400" data-testid="tasks-empty">{t('taskNone')}</p>;
  return (
    <>
    {hidden && <ClickHidden testId="task-hidden" refused={hidden} className="mb-1" />}
    <ul className="space-y-1 text-xs" data-testid="task-list">
      {tasks.map((task) => (
        <li key={task.id} className="flex items-center gap-1 rounded border border-gray-100 px-1.5 py-1" data-testid="task-item" data-task-id={task.id} data-kind={task.kind}>
          <div className="min-w-0 flex-1">
            {openCustomer ? (
              <button type="button" className="font-semibold text-gray-800 hover:text-orange-600" onClick={() => openCustomer(task.customerKey)}>{task.nick}</button>
            ) : <span className="font-semibold">{task.nick}</span>}
            {!compact && <span className="ml-1 text-gray-400">{formatFen(task.detail.totalFen)}</span>}
            <div className="truncate text-gray-500" title={taskText(task)}>{taskText(task)}</div>
          </div>
          <SellerButton disabled={busy === task.id} onPress={() => void act(task.id, 'done')} onHidden={() => setHidden('done')} data-testid="task-done"
            className="shrink-0 rounded bg-orange-500 px-1.5 text-white disabled:opacity-40">{t('taskDone')}</SellerButton>
          <SellerButton disabled={busy === task.id} onPress={() => void act(task.id, 'snoozed')} onHidden={() => setHidden('snoozed')} data-testid="task-snooze"
            className="shrink-0 rounded border border-gray-300 px-1.5 text-gray-600 disabled:opacity-40" title={t('taskSnoozeHint')}>{t('taskSnooze')}</SellerButton>
          <SellerButton disabled={busy === task.id} onPress={() => void act(task.id, 'dismissed')} onHidden={() => setHidden('dismissed')} data-testid="task-dismiss"
            className="shrink-0 px-1 text-gray-400 hover:text-gray-700 disabled:opacity-40" aria-label={t('taskDismiss')} title={t('taskDismiss')}>×</SellerButton>
        </li>
      ))}
    </ul>
    </>
  );
}
