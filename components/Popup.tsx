// The toolbar popup: the shop's pulse (today and the last 7 days), the callback tasks (回访) due, then
// the whole shop's figures and the page-reading health. The pulse is read first: the figures kept under
// the data version when nothing changed since; else updated from the kept state (the week's orders and
// their buyers) and what was written since (utils/db/popup-figures.ts); read whole through the date
// indexes only when there is no state to update. So it shows at once in a big shop; the whole-shop figures follow.
import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { formatFen } from '@/utils/crm/money';
import { shanghaiDateTime } from '@/utils/crm/time';
import { livePulse, readPulseSnapshotRaw, type PopupPulse, type PulseWindow } from '@/utils/db/popup-figures';
import { db, DB_NAME } from '@/utils/db/schema';
import { shopSummary, type ShopSummary } from '@/utils/db/stats';
import { t, type MessageKey } from '@/utils/i18n';
import type { SyncStatus, TaskList } from '@/utils/messaging';
import { readSyncStatus } from '@/utils/db/sync-status';
import { syncWords } from './sync-words';
import type { CareCounts } from '@/utils/crm/order-care';
import { TaskItems } from './TaskItems';

const PAGE_NAMES: Record<string, MessageKey> = {
  'taobao.sold': 'pageKindTaobaoSold',
  'taobao.sold-legacy': 'pageKindTaobaoSoldLegacy',
  'pdd.orders': 'pageKindPddOrders',
  'taobao.reviews': 'pageKindTaobaoReviews',
  'pdd.reviews': 'pageKindPddReviews',
  'douyin.orders': 'pageKindDouyinOrders',
  'douyin.aftersale': 'pageKindDouyinAftersale',
  'douyin.reviews': 'pageKindDouyinReviews',
  'jd.orders': 'pageKindJdOrders',
  // An on-page feature that failed (console.content/features: reported as feature-<id>).
  'feature-health-note': 'pageKindFeatureHealthNote',
  'feature-sold-badges': 'pageKindFeatureSoldBadges',
  'feature-review-badges': 'pageKindFeatureReviewBadges',
  'feature-side-panel': 'pageKindFeatureSidePanel',
};

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-orange-50 px-3 py-2">
      <div className="text-xs text-gray-500">{label}</div>
      <div className="text-lg font-semibold text-gray-900" data-testid={testId}>{value}</div>
    </div>
  );
}

/** 0.4286 → "42.9%"; no buyers → "—". */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

function Window({ w, suffix }: { w: PulseWindow; suffix: 'today' | '7d' }) {
  return (
    <table className="w-full text-xs" data-testid={`pulse-${suffix}`}>
      <tbody>
        {([
          ['pulseOrders', String(w.orders), 'orders'],
          ['pulseBuyers', String(w.buyers), 'buyers'],
          ['pulseSales', formatFen(w.salesFen), 'sales'],
          ['pulseReturningShare', percent(w.returningShare), 'returning-share'],
          ['pulseRepeatRate', percent(w.repeatRate), 'repeat-rate'],
          ['pulseBadReviews', String(w.badReviews), 'bad-reviews'],
        ] as const).map(([key, value, id]) => (
          <tr key={id}>
            <td className="py-0.5 text-gray-500">{t(key)}</td>
            <td className="py-0.5 text-right font-semibold text-gray-900" data-testid={`stat-${id}-${suffix}`}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Popup() {
  const [pulse, setPulse] = useState<PopupPulse | 'failed' | null>(null);
  // When the first figures were on screen, in ms since the popup began to load (the benchmark reads it).
  useEffect(() => {
    if (pulse) document.documentElement.dataset.firstFiguresMs = String(Math.round(performance.now()));
  }, [pulse]);
  const [summary, setSummary] = useState<ShopSummary | null>(null);
  const [tasks, setTasks] = useState<TaskList | null>(null);
  const [care, setCare] = useState<CareCounts | null>(null);
  // A schema upgrade that failed leaves the database at its old version, untouched; the seller is told.
  const [dbError, setDbError] = useState<string | null>(null);
  useEffect(() => {
    db().open().catch((err: unknown) => setDbError(err instanceof Error ? err.message : String(err)));
  }, []);
  // The message protocol (and its validation library) loads after the first figures are on screen.
  const loadTasks = useCallback(() => {
    import('@/utils/messaging').then(({ sendToBackground }) => sendToBackground('tasks', {})).then(setTasks, () => setTasks(null));
  }, []);
  useEffect(() => {
    // The pulse first: it shows at once; the whole shop's figures read every customer and come after.
    const now = Date.now();
    // The background holds its own reads back while the figures are read (it reads the same database).
    const tell = (laokePopup: 'opening' | 'shown') => void Promise.resolve(browser.runtime.sendMessage({ laokePopup })).catch(() => undefined);
    tell('opening');
    // Computed live when none is valid (updated from what changed), and kept for the next popup (the data version tells when it goes stale).
    void readPulseSnapshotRaw(DB_NAME, now).then((snap) => snap ?? livePulse(db(), now)).then(setPulse, () => setPulse('failed'))
      .finally(() => {
        tell('shown');
        // The task list asks the background, which reads the whole shop the first time after a change:
        // asked for once the figures are out, so that reading does not hold up the popup's own.
        loadTasks();
        void shopSummary(db()).then(setSummary);
        // 订单关怀: what needs action now, from the background (it keeps the board while the data stands).
        void import('@/utils/messaging').then(({ sendToBackground }) => sendToBackground('careCounts', {})).then(setCare, () => setCare(null));
      });
  }, [loadTasks]);
  if (!pulse) return <div className="w-96 p-4" />;
  const due = tasks?.summary.total ?? (pulse === 'failed' ? undefined : pulse.tasks?.total);
  return (
    <div className="w-96 space-y-3 p-4 text-sm text-gray-800">
      <h1 className="text-base font-bold text-orange-600">{t('extName')}</h1>
      {dbError && <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-800" data-testid="db-error">{t('dbOpenFailed', dbError.slice(0, 200))}</p>}
      {pulse !== 'failed' && <section className="grid grid-cols-2 gap-3" data-testid="popup-pulse">
        <div>
          <h2 className="mb-1 text-xs font-semibold text-gray-600">{t('pulseToday')}</h2>
          <Window w={pulse.today} suffix="today" />
        </div>
        <div>
          <h2 className="mb-1 text-xs font-semibold text-gray-600">{t('pulseWeek')}</h2>
          <Window w={pulse.week} suffix="7d" />
        </div>
      </section>}
      {pulse && pulse !== 'failed' && (pulse.alerts?.length ?? 0) > 0 && (
        <section className="space-y-1" data-testid="popup-trend-alerts">
          {pulse.alerts!.map((a) => (
            <p key={`${a.itemId}|${a.aspect}`} className="rounded bg-red-50 px-2 py-1 text-xs text-red-800" data-testid="popup-trend-alert" data-item-id={a.itemId} data-aspect={a.aspect}>
              {t('pulseTrendAlert', a.title, t(`aspect_${a.aspect}`), a.thisWeek, String(Math.round(a.baseline * 10) / 10))}
            </p>
          ))}
          <a className="text-xs font-semibold text-orange-600" href={browser.runtime.getURL('/dashboard.html#/pulse')} target="_blank" rel="noreferrer"
            data-testid="popup-trend-link">{t('pulseOpenDashboard')}</a>
        </section>
      )}
      <section>
        <h2 className="mb-1 text-xs font-semibold text-gray-600">
          {t('pulseTasks')} <span className="text-orange-600" data-testid="stat-tasks-due">{due ?? '…'}</span>
        </h2>
        {tasks && <TaskItems tasks={tasks.tasks.slice(0, 5)} onChanged={loadTasks} compact />}
      </section>
      {care && (
        <section data-testid="popup-care">
          <h2 className="mb-1 text-xs font-semibold text-gray-600">{t('popupCare')}</h2>
          <div className="grid grid-cols-3 gap-2">
            <Stat label={t('popupCareUnpaid')} value={String(care.unpaid)} testId="care-count-unpaid" />
            <Stat label={t('popupCareShip')} value={String(care.shipSoon)} testId="care-count-ship" />
            <Stat label={t('popupCareRefunds')} value={String(care.refunds)} testId="care-count-refunds" />
          </div>
          <a className="mt-1 inline-block text-xs font-semibold text-orange-600" href={browser.runtime.getURL('/dashboard.html#/care')} target="_blank" rel="noreferrer"
            data-testid="popup-care-link">{t('navCare')}</a>
        </section>
      )}
      {summary && (summary.orders === 0 ? (
        <p className="text-gray-600" data-testid="popup-empty">{t('popupEmpty')}</p>
      ) : (
        <section>
          <h2 className="mb-1 text-xs font-semibold text-gray-600">{t('pulseWholeShop')}</h2>
          <div className="grid grid-cols-2 gap-2">
            <Stat label={t('popupCustomers')} value={String(summary.customers)} testId="stat-customers" />
            <Stat label={t('popupRepeatCustomers')} value={String(summary.repeatCustomers)} testId="stat-repeat" />
            <Stat label={t('popupOrders')} value={String(summary.orders)} testId="stat-orders" />
            <Stat label={t('popupRevenue')} value={formatFen(summary.validFen)} testId="stat-revenue" />
          </div>
        </section>
      ))}
      {summary && summary.probableBuyers > 0 && (
        <p className="text-xs text-gray-500" data-testid="stat-probable">{t('popupProbable', summary.probableBuyers)}</p>
      )}
      {summary && summary.maskedPurchases > 0 && (
        <p className="text-xs text-gray-500" data-testid="stat-masked">{t('popupMasked', summary.maskedPurchases)}</p>
      )}
      {summary && (
        <ul className="space-y-1 text-xs" data-testid="popup-health">
          {summary.health.map((h) => {
            const page = t(PAGE_NAMES[h.pageKind] ?? 'extName');
            const time = shanghaiDateTime(h.lastSeenAt);
            return (
              <li key={h.pageKind} className={h.lastOk ? 'text-gray-500' : 'text-amber-700'}
                data-testid={`health-${h.pageKind}`} data-health={h.lastOk ? 'ok' : 'unrecognized'}>
                {h.lastOk ? t('popupHealthOk', page, h.lastRows, time) : t(h.pageKind.startsWith('feature-') ? 'popupFeatureBad' : 'popupHealthBad', page, h.lastReason ?? '', time)}
                {h.lastOk && h.lastPlaced && (
                  <div className="text-amber-700" data-testid={`health-rows-${h.pageKind}`}>{t('popupHealthRows', h.lastPlaced.read, h.lastPlaced.missing)}</div>
                )}
                {h.lastOk && h.lastUnknown && (
                  <div className="text-amber-700" data-testid={`health-unknown-${h.pageKind}`}>{t('popupHealthUnknown', h.lastUnknown.join('、'))}</div>
                )}
                {!h.lastOk && h.lastDiagnosis && <CopyDiagnosis text={h.lastDiagnosis} pageKind={h.pageKind} />}
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex gap-4 text-xs font-semibold">
        <a className="text-orange-600" href={browser.runtime.getURL('/dashboard.html#/pulse')} target="_blank" rel="noreferrer"
          data-testid="popup-pulse-link">{t('pulseOpenDashboard')}</a>
        <a className="text-orange-600" href={browser.runtime.getURL('/dashboard.html#/audiences')} target="_blank" rel="noreferrer"
          data-testid="popup-dashboard">{t('panelOpenDashboard')}</a>
      </div>
      <SyncLine />
      <p className="text-xs text-gray-400">{t('popupPrivacy')}</p>
    </div>
  );
}

/** 团队同步 in one line, when it is on: 已同步 · 上次同步 N 分钟前, what waits, or the error in words. */
function SyncLine() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    void readSyncStatus(db()).then(setStatus, () => setStatus(null));
  }, []);
  if (!status?.on) return null;
  const words = syncWords(status, Date.now());
  return (
    <p className={`text-xs ${status.error ? 'text-red-700' : 'text-gray-600'}`} data-testid="popup-sync">
      <a className="text-orange-600" href={browser.runtime.getURL('/dashboard.html#/sync')} target="_blank" rel="noreferrer">{t('syncPopupLine', words.state)}</a>
      {' · '}{words.last}
    </p>
  );
}

/** 复制诊断信息: the failed response's shape (utils/sites/diagnosis.ts: no value of the page), for the maintainers. */
function CopyDiagnosis({ text, pageKind }: { text: string; pageKind: string }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  return (
    <button type="button" className="ml-1 rounded border border-amber-400 px-1 text-amber-800" data-testid={`health-diagnosis-${pageKind}`}
      onClick={() => navigator.clipboard.writeText(text).then(() => setCopied('yes'), () => setCopied('failed'))}>
      {copied === 'yes' ? t('popupDiagnosisCopied') : copied === 'failed' ? t('healthDiagnosisFailed') : t('popupCopyDiagnosis')}
    </button>
  );
}
