// The side panel (侧边栏) on console pages: the customer card of the buyer whose badge was clicked,
// today's list, and the audience presets with one-click export. It runs in the extension page panel.html,
// shown in an iframe on the console (out of the console scripts' reach), and talks to the background only.
import { useCallback, useEffect, useRef, useState } from 'react';
import { shanghaiDate } from '@/utils/crm/time';
import type { PresetId } from '@/utils/crm/audience';
import type { CustomerCardData } from '@/utils/db/customers';
import type { ExportFormat } from '@/utils/db/audiences';
import { t } from '@/utils/i18n';
import { sendToBackground, type CardRef, type PanelOverview, type PanelTarget } from '@/utils/messaging';
import { CustomerCard } from '../CustomerCard';
import { download } from '../download';
import { presetName, presetDescription } from '../labels';
import { ReviewQueue } from './ReviewQueue';
import { OrderCare } from '../care/OrderCare';
import { TaskItems } from '../TaskItems';
import { ClickHidden, SellerButton } from '../SellerButton';
import type { TaskList } from '@/utils/messaging';

export type { CardRef, PanelTarget };
type Tab = 'customer' | 'reviews' | 'today' | 'care' | 'audiences';

export function Panel({ open, setOpen, target, startTab = 'today' }: { open: boolean; setOpen: (o: boolean) => void; target: PanelTarget | null; startTab?: Tab }) {
  const [tab, setTab] = useState<Tab>(startTab);
  const cardRef = target && !('review' in target) ? target : null;
  const reviewFocus = target && 'review' in target ? target.review : null;
  const [card, setCard] = useState<CustomerCardData | null | 'loading' | 'missing'>(null);
  const [overview, setOverview] = useState<PanelOverview | null>(null);
  const [error, setError] = useState('');

  // The latest card asked for wins: a slow answer for an earlier badge never replaces it.
  const cardRequest = useRef(0);
  const loadCard = useCallback(async (ref: CardRef) => {
    const mine = ++cardRequest.current;
    lastRef.current = ref;
    setTab('customer');
    setCard('loading');
    try {
      const answer = await sendToBackground('customerCard', ref);
      if (mine !== cardRequest.current) return;
      setCard(answer ?? 'missing');
      setError('');
    } catch (err) {
      if (mine !== cardRequest.current) return;
      setError(t('panelError', String(err instanceof Error ? err.message : err)));
      setCard('missing');
    }
  }, []);
  useEffect(() => {
    if (cardRef) void loadCard(cardRef);
  }, [cardRef, loadCard]);
  // After a save failed (the buyer was merged or removed meanwhile): the card as stored now, by the
  // order clicked when there was one (it follows the buyer it was merged into), without unmounting the
  // card, which keeps the text the seller typed. Nothing found: the old card stays, with its error.
  const lastRef = useRef<CardRef | null>(null);
  const reloadCard = useCallback(async () => {
    const ref = lastRef.current;
    if (!ref) return;
    const mine = ++cardRequest.current;
    const answer = await sendToBackground('customerCard', ref);
    if (mine === cardRequest.current && answer) setCard(answer);
  }, []);
  useEffect(() => {
    if (reviewFocus) setTab('reviews');
  }, [reviewFocus]);

  const loadOverview = useCallback(async () => {
    try {
      setOverview(await sendToBackground('panelOverview', {}));
      setError('');
    } catch (err) {
      setError(t('panelError', String(err instanceof Error ? err.message : err)));
    }
  }, []);
  useEffect(() => {
    if (open && (tab === 'today' || tab === 'audiences')) void loadOverview();
  }, [open, tab, loadOverview]);

  if (!open) return null;
  const tabs: [Tab, string][] = [['customer', t('panelTabCustomer')], ['reviews', t('panelTabReviews')], ['today', t('panelTabToday')], ['care', t('panelTabCare')], ['audiences', t('panelTabAudiences')]];
  return (
    <aside className="fixed right-0 top-0 z-[2147483000] flex h-full w-full flex-col border-l border-gray-200 bg-white text-[13px] text-gray-800 shadow-2xl"
      data-testid="panel" role="complementary" aria-label={t('extName')}>
      <header className="flex items-center justify-between border-b border-gray-100 px-3 py-2">
        <span className="text-[15px] font-bold text-orange-600">{t('extName')}</span>
        <button type="button" onClick={() => setOpen(false)} className="px-2 text-lg text-gray-400 hover:text-gray-700"
          data-testid="panel-close" aria-label={t('panelClose')}>×</button>
      </header>
      <nav className="flex border-b border-gray-100 text-[13px]">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" onClick={() => setTab(id)} data-testid={`panel-tab-${id}`}
            className={`flex-1 py-2 ${tab === id ? 'border-b-2 border-orange-500 font-semibold text-orange-600' : 'text-gray-500'}`}>{label}</button>
        ))}
      </nav>
      <div className="flex-1 overflow-auto p-3">
        {error && <p className="mb-2 rounded bg-red-50 px-2 py-1 text-xs text-red-700">{error}</p>}
        {tab === 'customer' && (
          card === null ? <p className="text-xs text-gray-500">{t('panelCardHint')}</p>
          : card === 'loading' ? <p className="text-xs text-gray-400">{t('panelLoading')}</p>
          : card === 'missing' ? <p className="text-xs text-gray-500" data-testid="card-missing">{t('panelCardMissing')}</p>
          : <CustomerCard data={card} onSave={async (notes) => {
              await sendToBackground('saveCustomerNotes', { key: card.customer.key, ...notes });
            }} onReload={reloadCard} onOpenCustomer={(key) => void loadCard({ key })} onDelete={async () => {
              await sendToBackground('deleteCustomer', { key: card.customer.key });
              setCard('missing');
              // The presets and today's list counted the buyer.
              void loadOverview();
            }} />
        )}
        {tab === 'reviews' && <ReviewQueue focus={reviewFocus} onError={setError} openCustomer={(key) => void loadCard({ key })} />}
        {tab === 'today' && (overview ? <Today overview={overview} openCustomer={(key) => void loadCard({ key })} />
          : <p className="text-xs text-gray-400">{t('panelLoading')}</p>)}
        {tab === 'care' && <OrderCare compact />}
        {tab === 'audiences' && (overview ? <Presets overview={overview} onExported={() => void loadOverview()} onError={setError} />
          : <p className="text-xs text-gray-400">{t('panelLoading')}</p>)}
      </div>
      <footer className="flex items-center justify-between border-t border-gray-100 px-3 py-2 text-[11px] text-gray-400">
        <span>{t('popupPrivacy')}</span>
        {/* A console page may not link to an extension page; the background opens it. */}
        <button type="button" className="text-orange-600" data-testid="panel-open-dashboard"
          onClick={() => void sendToBackground('openDashboard', { route: tab === 'care' ? 'care' : 'audiences' }).catch((err: unknown) => setError(String(err)))}>
          {t('panelOpenDashboard')}
        </button>
      </footer>
    </aside>
  );
}

const TASK_KINDS = ['loyal_purchase', 'multi_item_first', 'replenish', 'event', 'holiday'] as const;
const TASK_KIND_NAME = {
  loyal_purchase: 'taskKindLoyal', multi_item_first: 'taskKindMultiItem', replenish: 'taskKindReplenish', event: 'taskKindEvent', holiday: 'taskKindHoliday',
} as const;

function Today({ overview, openCustomer }: { overview: PanelOverview; openCustomer: (key: string) => void }) {
  const { badReviews } = overview.today;
  const [tasks, setTasks] = useState<TaskList | null>(null);
  const [exported, setExported] = useState<number | null>(null);
  const [exportHidden, setExportHidden] = useState(false);
  const loadTasks = useCallback(() => {
    sendToBackground('tasks', {}).then(setTasks, () => setTasks(null));
  }, []);
  useEffect(() => loadTasks(), [loadTasks]);
  return (
    <div className="space-y-3" data-testid="panel-today">
      <section>
        <h3 className="text-xs font-semibold text-gray-500">{t('pulseTasks')} {tasks ? tasks.summary.total : '…'}</h3>
        {tasks && (
          <p className="mb-1 flex flex-wrap gap-x-2 text-[11px] text-gray-500">
            {TASK_KINDS.filter((k) => tasks.summary.byKind[k] > 0).map((k) => (
              <span key={k}>{t(TASK_KIND_NAME[k])} <span data-testid={`task-count-${k}`}>{tasks.summary.byKind[k]}</span></span>
            ))}
          </p>
        )}
        {tasks ? <TaskItems tasks={tasks.tasks.slice(0, 50)} onChanged={loadTasks} openCustomer={openCustomer} />
          : <p className="text-xs text-gray-400">{t('panelLoading')}</p>}
        {tasks && tasks.tasks.length > 0 && (
          <SellerButton className="mt-1 text-xs text-orange-600" data-testid="task-export" onHidden={() => setExportHidden(true)} onPress={() => {
            setExportHidden(false);
            sendToBackground('exportTasks', { format: 'orders', kind: null }).then((files) => {
              for (const f of files) download(f.filename, f.mime, f.text);
              setExported(files.reduce((n, f) => n + f.count, 0));
            }, () => setExported(null));
          }}>{t('taskExport')}</SellerButton>
        )}
        {exportHidden && <ClickHidden testId="task-export-hidden" />}
        {exported !== null && <p className="text-xs text-green-700" data-testid="task-exported">{t('taskExported', exported)}</p>}
      </section>
      <section>
        <h3 className="text-xs font-semibold text-gray-500">{t('todayBadReviews', badReviews.length)}</h3>
        {badReviews.length === 0 ? <p className="text-xs text-gray-400">{t('todayNone')}</p> : (
          <ul className="space-y-1 text-xs">
            {badReviews.map((r) => (
              <li key={r.reviewId} className="rounded border border-red-100 px-2 py-1">
                <div className="text-gray-500">{r.nick} · {r.itemTitle} · {shanghaiDate(r.createdAt)}</div>
                <div>{r.text || t('ccReviewEmpty')}</div>
                {r.customerKey && (
                  <button type="button" className="text-orange-600" onClick={() => openCustomer(r.customerKey!)}>{t('todayOpenCustomer')}</button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Presets({ overview, onExported, onError }: { overview: PanelOverview; onExported: () => void; onError: (e: string) => void }) {
  const [format, setFormat] = useState<ExportFormat>('orders');
  const [busy, setBusy] = useState<PresetId | null>(null);
  const [done, setDone] = useState('');
  const [hidden, setHidden] = useState(false);
  const run = async (preset: PresetId) => {
    setHidden(false);
    setBusy(preset);
    try {
      const files = await sendToBackground('exportPreset', { preset, format });
      for (const f of files) download(f.filename, f.mime, f.text);
      setDone(t('panelExported', files.reduce((n, f) => n + f.count, 0), presetName(preset)));
      onExported();
    } catch (err) {
      onError(t('panelError', String(err instanceof Error ? err.message : err)));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="space-y-2" data-testid="panel-presets">
      <label className="flex items-center gap-2 text-xs text-gray-600">
        {t('panelExportAs')}
        <select className="rounded border border-gray-300 px-1 py-0.5" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}
          data-testid="panel-export-format">
          <option value="orders">{t('exportOrders')}</option>
          <option value="buyers">{t('exportBuyers')}</option>
          <option value="csv">{t('exportCsv')}</option>
        </select>
      </label>
      <ul className="space-y-1">
        {overview.presets.map(({ id, count }) => (
          <li key={id} className="flex items-center justify-between gap-2 rounded border border-gray-100 px-2 py-1" data-preset={id}>
            <div className="min-w-0">
              <div className="font-semibold">{presetName(id)} <span className="text-orange-600" data-testid={`panel-count-${id}`}>{count}</span></div>
              <div className="truncate text-[11px] text-gray-500">{presetDescription(id)}</div>
            </div>
            <SellerButton disabled={count === 0 || busy !== null} onPress={() => void run(id)} onHidden={() => setHidden(true)} data-testid={`panel-export-${id}`}
              className="shrink-0 rounded bg-orange-500 px-2 py-0.5 text-xs text-white disabled:opacity-40">{t('panelExport')}</SellerButton>
          </li>
        ))}
      </ul>
      {hidden && <ClickHidden testId="panel-export-hidden" />}
      {done && <p className="text-xs text-green-700" data-testid="panel-export-done">{done}</p>}
      <p className="text-[11px] text-gray-400">{t('panelSuppressionNote')}</p>
    </div>
  );
}
