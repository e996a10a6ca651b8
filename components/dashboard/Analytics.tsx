// Shop analytics (店铺分析, dashboard.html#/pulse): new vs returning for a date range and a second range
// beside it, regions, the hours people buy, items (repurchase rate, days to repurchase, first → second
// item), cohorts, discounts, repurchase cycles (复购周期) and who is due to run out. Every chart has its
// numbers as a table and a CSV. Computed in a worker; dates are China's calendar days.
import { useEffect, useMemo, useRef, useState } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { toCsv } from '@/utils/crm/csv';
import { formatFen } from '@/utils/crm/money';
import type { BuyerGroup } from '@/utils/crm/analytics';
import { DAY_MS, lastDays, parseShanghaiTime, shanghaiDate, type DateRange } from '@/utils/crm/time';
import { t, type MessageKey } from '@/utils/i18n';
import { download } from '../download';
import { sendToBackground } from '@/utils/messaging';
import type { PlannedEvent } from '@/utils/crm/tasks';
import type { AspectId } from '@/utils/crm/types';
import type { AnalyticsReport, AnalyticsRequest, AnalyticsResponse, RangeReport } from './analytics-worker';
import AnalyticsWorker from './analytics-worker?worker';
import DigestWorker from './digest-worker?worker';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The aspects' names as the review badges say them. */
const ASPECT_KEY: Record<AspectId, MessageKey> = {
  logistics: 'aspect_logistics', damage: 'aspect_damage', mismatch: 'aspect_mismatch', quality: 'aspect_quality', size: 'aspect_size',
  taste: 'aspect_taste', service: 'aspect_service', price: 'aspect_price', usage: 'aspect_usage',
};
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, d = 2) => (x === null ? '—' : String(Math.round(x * 10 ** d) / 10 ** d));
const yuan = (fen: number | null) => (fen === null ? '—' : formatFen(fen));
/** "2026-11-01" (a China calendar day) → its midnight in ms. */
const dayOf = (text: string) => parseShanghaiTime(text) ?? NaN;

interface Column<R> { key: string; label: string; value: (r: R) => string | number; text?: (r: R) => string }

/** A table with its CSV: the numbers behind a chart, as sellers want to check or keep them. */
function Table<R>({ id, title, columns, rows, rowKey, file }: {
  id: string; title?: string; columns: Column<R>[]; rows: readonly R[]; rowKey: (r: R) => string; file: string;
}) {
  const csv = () => download(`laoke-${file}.csv`, 'text/csv;charset=utf-8',
    toCsv([columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => c.value(r)))]));
  return (
    <div className="overflow-x-auto">
      <div className="mb-1 flex items-center justify-between">
        {title && <h3 className="text-xs font-semibold text-gray-600">{title}</h3>}
        <button type="button" onClick={csv} className="ml-auto text-xs text-orange-600" data-testid={`${id}-csv`}>{t('pulseCsv')}</button>
      </div>
      <table className="w-full text-xs" data-testid={id}>
        <thead>
          <tr className="border-b border-gray-200 text-left text-gray-500">{columns.map((c) => <th key={c.key} className="px-2 py-1 font-normal">{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} data-row={rowKey(r)} className="border-b border-gray-50">
              {columns.map((c) => <td key={c.key} data-col={c.key} className="px-2 py-1">{c.text ? c.text(r) : c.value(r)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="py-2 text-xs text-gray-400">{t('pulseNoData')}</p>}
    </div>
  );
}

function BarChart({ id, labels, series }: { id: string; labels: string[]; series: { label: string; data: number[]; color: string }[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })) },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
    });
    return () => chart.destroy();
  }, [labels, series]);
  return <div className="h-48"><canvas ref={canvas} data-testid={id} /></div>;
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <section className="space-y-2 rounded-lg border border-gray-200 bg-white p-4" data-testid={testId}>
      <h2 className="text-sm font-semibold text-gray-800">{title}</h2>
      {children}
    </section>
  );
}

type GroupRow = { key: 'new' | 'returning' | 'total'; g: BuyerGroup };
const GROUP_KEY: Record<GroupRow['key'], MessageKey> = { new: 'pulseNew', returning: 'pulseReturning', total: 'pulseTotal' };

function groupColumns(): Column<GroupRow>[] {
  return [
    { key: 'group', label: t('pulseGroup'), value: (r) => t(GROUP_KEY[r.key]) },
    { key: 'buyers', label: t('pulseBuyers'), value: (r) => r.g.buyers },
    { key: 'orders', label: t('pulseOrders'), value: (r) => r.g.orders },
    { key: 'sales', label: t('pulseSales'), value: (r) => (r.g.salesFen / 100).toFixed(2), text: (r) => formatFen(r.g.salesFen) },
    { key: 'share', label: t('pulseSalesShare'), value: (r) => pct(r.g.salesShare) },
    { key: 'aov', label: t('pulseAov'), value: (r) => (r.g.aovFen === null ? '' : (r.g.aovFen / 100).toFixed(2)), text: (r) => yuan(r.g.aovFen) },
    { key: 'perBuyer', label: t('pulsePerBuyer'), value: (r) => num(r.g.purchasesPerBuyer) },
  ];
}

const rangeText = (r: DateRange) => `${shanghaiDate(r.from)} – ${shanghaiDate(r.to - 1)}`;

function NewVsReturning({ a, b }: { a: RangeReport; b: RangeReport | null }) {
  const rows = (r: RangeReport): GroupRow[] => [{ key: 'new', g: r.nvr.new }, { key: 'returning', g: r.nvr.returning }, { key: 'total', g: r.nvr.total }];
  const labels = useMemo(() => [t('pulseNew'), t('pulseReturning')], []);
  const series = useMemo(() => [
    { label: rangeText(a.range), data: [a.nvr.new.salesFen / 100, a.nvr.returning.salesFen / 100], color: '#fb923c' },
    ...(b ? [{ label: rangeText(b.range), data: [b.nvr.new.salesFen / 100, b.nvr.returning.salesFen / 100], color: '#9ca3af' }] : []),
  ], [a, b]);
  return (
    <Section title={t('pulseNvrTitle')} testId="pulse-nvr">
      <BarChart id="pulse-nvr-chart" labels={labels} series={series} />
      <div className={`grid gap-4 ${b ? 'md:grid-cols-2' : ''}`}>
        <Table id="pulse-nvr-a" title={rangeText(a.range)} columns={groupColumns()} rows={rows(a)} rowKey={(r) => r.key} file="new-vs-returning-a" />
        {b && <Table id="pulse-nvr-b" title={rangeText(b.range)} columns={groupColumns()} rows={rows(b)} rowKey={(r) => r.key} file="new-vs-returning-b" />}
      </div>
    </Section>
  );
}

function Regions({ r }: { r: RangeReport }) {
  const top = useMemo(() => r.regions.provinces.slice(0, 12), [r]);
  const labels = useMemo(() => top.map((x) => x.name || t('pulseUnknownRegion')), [top]);
  const series = useMemo(() => [{ label: t('pulseSales'), data: top.map((x) => x.salesFen / 100), color: '#fb923c' }], [top]);
  const cols = (kind: string): Column<(typeof top)[number]>[] => [
    { key: 'name', label: kind, value: (x) => x.name || t('pulseUnknownRegion') },
    { key: 'buyers', label: t('pulseBuyers'), value: (x) => x.buyers },
    { key: 'orders', label: t('pulseOrders'), value: (x) => x.orders },
    { key: 'sales', label: t('pulseSales'), value: (x) => (x.salesFen / 100).toFixed(2), text: (x) => formatFen(x.salesFen) },
  ];
  return (
    <Section title={t('pulseRegionsTitle')} testId="pulse-regions">
      <BarChart id="pulse-regions-chart" labels={labels} series={series} />
      <div className="grid gap-4 md:grid-cols-2">
        <Table id="pulse-provinces" columns={cols(t('pulseProvince'))} rows={r.regions.provinces} rowKey={(x) => x.name} file="provinces" />
        <Table id="pulse-cities" columns={cols(t('pulseCity'))} rows={r.regions.cities.slice(0, 50)} rowKey={(x) => x.name} file="cities" />
      </div>
    </Section>
  );
}

const WEEKDAYS: MessageKey[] = ['pulseMon', 'pulseTue', 'pulseWed', 'pulseThu', 'pulseFri', 'pulseSat', 'pulseSun'];

function Hours({ r }: { r: RangeReport }) {
  const max = Math.max(1, ...r.hours.orders.flat());
  const rows = r.hours.orders.map((hours, d) => ({ d, hours }));
  const csv = () => download('laoke-buying-hours.csv', 'text/csv;charset=utf-8',
    toCsv([[t('pulseWeekday'), ...Array.from({ length: 24 }, (_, h) => `${h}`)], ...rows.map((x) => [t(WEEKDAYS[x.d]!), ...x.hours])]));
  return (
    <Section title={t('pulseHoursTitle')} testId="pulse-hours">
      <div className="flex justify-end"><button type="button" onClick={csv} className="text-xs text-orange-600" data-testid="pulse-hours-csv">{t('pulseCsv')}</button></div>
      <div className="overflow-x-auto">
        <table className="text-[10px]" data-testid="pulse-heatmap">
          <thead><tr><th />{Array.from({ length: 24 }, (_, h) => <th key={h} className="w-6 font-normal text-gray-400">{h}</th>)}</tr></thead>
          <tbody>
            {rows.map(({ d, hours }) => (
              <tr key={d} data-row={d}>
                <th className="pr-2 text-right font-normal text-gray-500">{t(WEEKDAYS[d]!)}</th>
                {hours.map((n, h) => (
                  <td key={h} data-col={h} title={`${n}`} className="h-5 w-6 text-center"
                    style={{ background: n ? `rgba(249, 115, 22, ${0.1 + 0.9 * (n / max)})` : '#f9fafb', color: n / max > 0.6 ? 'white' : '#374151' }}>{n || ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-[11px] text-gray-400">{t('pulseHoursHint')}</p>
    </Section>
  );
}

function Items({ r, report }: { r: RangeReport; report: AnalyticsReport }) {
  const cycleOf = new Map(report.cycles.map((c) => [c.itemId, c]));
  const top = useMemo(() => r.items.slice(0, 10), [r]);
  const labels = useMemo(() => top.map((x) => x.title.slice(0, 10)), [top]);
  const series = useMemo(() => [{ label: t('pulseSales'), data: top.map((x) => x.salesFen / 100), color: '#fb923c' }], [top]);
  return (
    <Section title={t('pulseItemsTitle')} testId="pulse-items">
      <BarChart id="pulse-items-chart" labels={labels} series={series} />
      <Table id="pulse-item-table" file="items" rows={r.items} rowKey={(x) => x.itemId || `title:${x.title}`} columns={[
        { key: 'title', label: t('pulseItem'), value: (x) => x.title },
        { key: 'sales', label: t('pulseSales'), value: (x) => (x.salesFen / 100).toFixed(2), text: (x) => formatFen(x.salesFen) },
        { key: 'pieces', label: t('pulsePieces'), value: (x) => x.pieces },
        { key: 'buyers', label: t('pulseBuyers'), value: (x) => x.buyers },
        { key: 'repurchase', label: t('pulseRepurchaseRate'), value: (x) => pct(x.repurchaseRate) },
        { key: 'days', label: t('pulseMedianDays'), value: (x) => num(x.medianRepurchaseDays, 1) },
        { key: 'cycle', label: t('pulseCycle'), value: (x) => { const c = cycleOf.get(x.itemId); return c ? `${c.medianDays}` : '—'; },
          text: (x) => { const c = cycleOf.get(x.itemId); return c ? t(c.source === 'item' ? 'pulseCycleItem' : c.source === 'shop' ? 'pulseCycleShop' : 'pulseCycleDefault', c.medianDays, c.samples) : '—'; } },
      ]} />
      <Table id="pulse-paths" title={t('pulsePathsTitle')} file="item-paths" rows={report.paths} rowKey={(p) => `${p.fromItemId}>${p.toItemId}`} columns={[
        { key: 'from', label: t('pulseFirstItem'), value: (p) => p.fromTitle },
        { key: 'to', label: t('pulseSecondItem'), value: (p) => p.toTitle },
        { key: 'buyers', label: t('pulseBuyers'), value: (p) => p.buyers },
      ]} />
    </Section>
  );
}

function Replenish({ report }: { report: AnalyticsReport }) {
  return (
    <Section title={t('pulseReplenishTitle')} testId="pulse-replenish">
      <p className="text-[11px] text-gray-400">{t('pulseReplenishHint')}</p>
      <Table id="pulse-replenish-table" file="replenishment-due" rows={report.replenish} rowKey={(x) => `${x.customerKey}|${x.itemId}`} columns={[
        { key: 'nick', label: t('pulseCustomer'), value: (x) => x.nick },
        { key: 'item', label: t('pulseItem'), value: (x) => x.title },
        { key: 'last', label: t('pulseLastBought'), value: (x) => shanghaiDate(x.lastAt) },
        { key: 'cycle', label: t('pulseCycleDays'), value: (x) => x.cycle.medianDays },
        { key: 'due', label: t('pulseDue'), value: (x) => shanghaiDate(x.dueAt) },
      ]} />
    </Section>
  );
}

/** 差评趋势: complaints per item per week, an alert when one jumps; the DSR scores per week; 买家秀 per item. */
function Trends({ report }: { report: AnalyticsReport }) {
  const alerts = report.trends.filter((x) => x.alert);
  const week = (w: number) => (w === 0 ? t('pulseWeekNow') : t('pulseWeeksAgo', w));
  return (
    <Section title={t('pulseTrendsTitle')} testId="pulse-trends">
      <p className="text-[11px] text-gray-400">{t('pulseTrendsHint')}</p>
      {alerts.map((x) => (
        <p key={`${x.itemId}|${x.aspect}`} className="rounded bg-red-50 px-2 py-1 text-xs text-red-800" data-testid="pulse-trend-alert" data-item-id={x.itemId} data-aspect={x.aspect}>
          {t('pulseTrendAlert', x.title, t(ASPECT_KEY[x.aspect]), x.weekly[0]!, num(x.baseline, 1))}
        </p>
      ))}
      <Table id="pulse-trend-table" file="complaint-trends" rows={report.trends} rowKey={(x) => `${x.itemId}|${x.aspect}`} columns={[
        { key: 'item', label: t('pulseItem'), value: (x) => x.title },
        { key: 'aspect', label: t('pulseAspect'), value: (x) => t(ASPECT_KEY[x.aspect]) },
        ...[0, 1, 2, 3, 4].map((w) => ({ key: `w${w}`, label: week(w), value: (x: (typeof report.trends)[number]) => x.weekly[w]! })),
        { key: 'alert', label: t('pulseTrendAlertCol'), value: (x) => (x.alert ? t('pulseTrendYes') : '') },
      ]} />
      {report.dsr.some((d) => d.reviews > 0) && (
        <Table id="pulse-dsr-table" title={t('pulseDsrTitle')} file="dsr-weekly" rows={report.dsr.filter((d) => d.reviews > 0)} rowKey={(d) => String(d.week)} columns={[
          { key: 'week', label: t('pulseWeek'), value: (d) => week(d.week) },
          { key: 'reviews', label: t('pulseReviews'), value: (d) => d.reviews },
          { key: 'logistics', label: t('pulseDsrLogistics'), value: (d) => num(d.logistics) },
          { key: 'service', label: t('pulseDsrService'), value: (d) => num(d.service) },
        ]} />
      )}
      <Table id="pulse-photo-table" title={t('pulsePhotosTitle')} file="photo-reviews" rows={report.photos} rowKey={(p) => p.itemId} columns={[
        { key: 'item', label: t('pulseItem'), value: (p) => p.title },
        { key: 'count', label: t('pulsePhotoReviews'), value: (p) => p.reviews.length },
        { key: 'latest', label: t('pulsePhotoLatest'), value: (p) => shanghaiDate(p.reviews[0]!.createdAt) },
      ]} />
    </Section>
  );
}

/** 备货: the pieces returning buyers should come back for in the next 14 days, per item. */
function Restock({ report }: { report: AnalyticsReport }) {
  return (
    <Section title={t('pulseRestockTitle')} testId="pulse-restock">
      <p className="text-[11px] text-gray-400">{t('pulseRestockHint')}</p>
      <Table id="pulse-restock-table" file="restock-14d" rows={report.restock} rowKey={(x) => x.itemId} columns={[
        { key: 'item', label: t('pulseItem'), value: (x) => x.title },
        { key: 'buyers', label: t('pulseRestockBuyers'), value: (x) => x.buyers },
        { key: 'pieces', label: t('pulseRestockPieces'), value: (x) => x.pieces },
      ]} />
    </Section>
  );
}

function Cohorts({ report }: { report: AnalyticsReport }) {
  const width = Math.max(0, ...report.cohorts.map((c) => c.returned.length));
  return (
    <Section title={t('pulseCohortsTitle')} testId="pulse-cohorts">
      <Table id="pulse-cohort-table" file="cohorts" rows={report.cohorts} rowKey={(c) => c.month} columns={[
        { key: 'month', label: t('pulseFirstMonth'), value: (c) => c.month },
        { key: 'customers', label: t('pulseNewCustomers'), value: (c) => c.customers },
        ...Array.from({ length: width }, (_, k): Column<(typeof report.cohorts)[number]> => ({
          key: `m${k + 1}`, label: t('pulseMonthN', k + 1),
          value: (c) => c.returned[k] ?? '',
          text: (c) => (c.returned[k] === undefined ? '' : `${c.returned[k]} (${pct(c.customers ? c.returned[k]! / c.customers : null)})`),
        })),
      ]} />
    </Section>
  );
}

function Discounts({ r }: { r: RangeReport }) {
  const d = r.discounts;
  return (
    <Section title={t('pulseDiscountsTitle')} testId="pulse-discounts">
      <Table id="pulse-discount-table" file="discounts" rows={[d]} rowKey={() => 'all'} columns={[
        { key: 'orders', label: t('pulseDiscountOrders'), value: (x) => x.orders },
        { key: 'with', label: t('pulseWithDiscount'), value: (x) => x.withDiscount },
        { key: 'share', label: t('pulseDiscountShare'), value: (x) => pct(x.share) },
        { key: 'shop', label: t('pulseShopDiscount'), value: (x) => (x.shopFen / 100).toFixed(2), text: (x) => formatFen(x.shopFen) },
        { key: 'platform', label: t('pulsePlatformDiscount'), value: (x) => (x.platformFen / 100).toFixed(2), text: (x) => formatFen(x.platformFen) },
      ]} />
      <p className="text-[11px] text-gray-400">{t('pulseDiscountHint')}</p>
    </Section>
  );
}

/** Events the seller plans (a sale, 618): callback tasks for returning buyers start some days before. */
function Events() {
  const [events, setEvents] = useState<PlannedEvent[]>([]);
  const [name, setName] = useState('');
  const [date, setDate] = useState('');
  const [lead, setLead] = useState(3);
  const load = () => void sendToBackground('tasks', {}).then((l) => setEvents(l.events), () => undefined);
  useEffect(load, []);
  const add = async () => {
    const ms = dayOf(date);
    if (!name.trim() || !Number.isFinite(ms)) return;
    await sendToBackground('saveEvent', { id: `e${Date.now().toString(36)}`, name: name.trim(), date: ms, leadDays: lead });
    setName('');
    load();
  };
  return (
    <Section title={t('eventsTitle')} testId="pulse-events">
      {events.length === 0 ? <p className="text-xs text-gray-400">{t('eventsNone')}</p> : (
        <ul className="space-y-1 text-xs">
          {[...events].sort((x, y) => x.date - y.date).map((e) => (
            <li key={e.id} className="flex items-center gap-2" data-testid="event-item" data-event-id={e.id}>
              <span className="font-semibold">{e.name}</span><span>{shanghaiDate(e.date)}</span><span className="text-gray-400">{t('eventLead')} {e.leadDays}</span>
              <button type="button" className="text-gray-400 hover:text-red-600" onClick={() => void sendToBackground('deleteEvent', { id: e.id }).then(load)}>{t('eventDelete')}</button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <input className="rounded border border-gray-300 px-1 py-0.5" placeholder={t('eventName')} maxLength={30} value={name} onChange={(e) => setName(e.target.value)} data-testid="event-name" />
        <input type="date" className="rounded border border-gray-300 px-1 py-0.5" value={date} onChange={(e) => setDate(e.target.value)} data-testid="event-date" aria-label={t('eventDate')} />
        <label className="flex items-center gap-1">{t('eventLead')}
          <input type="number" min={0} max={30} className="w-14 rounded border border-gray-300 px-1 py-0.5" value={lead} onChange={(e) => setLead(Math.max(0, Math.min(30, Number(e.target.value) || 0)))} data-testid="event-lead" />
        </label>
        <button type="button" className="rounded bg-orange-500 px-2 py-0.5 text-white" onClick={() => void add()} data-testid="event-add">{t('eventAdd')}</button>
      </div>
    </Section>
  );
}

function DateInput({ value, onChange, testId }: { value: number; onChange: (ms: number) => void; testId: string }) {
  return (
    <input type="date" className="rounded border border-gray-300 px-1 py-0.5 text-xs" value={shanghaiDate(value)} data-testid={testId}
      onChange={(e) => { const ms = dayOf(e.target.value); if (Number.isFinite(ms)) onChange(ms); }} />
  );
}

export function Analytics() {
  const now = useMemo(() => Date.now(), []);
  const defaultA = lastDays(now, 30);
  const [a, setA] = useState<DateRange>(defaultA);
  const [compare, setCompare] = useState(true);
  const [b, setB] = useState<DateRange>({ from: defaultA.from - 30 * DAY_MS, to: defaultA.from });
  const [report, setReport] = useState<AnalyticsReport | null>(null);
  const [error, setError] = useState('');
  const worker = useRef<Worker | null>(null);
  const key = `${a.from}-${a.to}-${compare ? `${b.from}-${b.to}` : ''}`;
  useEffect(() => {
    const w = new AnalyticsWorker();
    worker.current = w;
    let compactor: Worker | null = null;
    w.onmessage = (e: MessageEvent<AnalyticsResponse>) => {
      if (e.data.type === 'report') {
        setReport(e.data.report);
        setError('');
        // The digests' log read at load is folded into their base on another thread, for the next open.
        if (e.data.report.folded > 0 && !compactor) compactor = new DigestWorker();
      } else setError(e.data.message);
    };
    return () => {
      w.terminate();
      compactor?.terminate();
    };
  }, []);
  useEffect(() => {
    worker.current?.postMessage({ type: 'report', key, a, b: compare ? b : null, now } satisfies AnalyticsRequest);
  }, [key, a, b, compare, now]);
  const busy = !report || report.key !== key;
  return (
    <div className="space-y-4" data-testid="pulse" aria-busy={busy} data-report={report?.key ?? ''} data-load-ms={report ? Math.round(report.loadMs) : undefined} data-compute-ms={report ? Math.round(report.computeMs) : undefined}>
      <div className="flex flex-wrap items-center gap-2 rounded-lg border border-gray-200 bg-white p-3 text-xs">
        <span className="font-semibold">{t('pulseRange')}</span>
        <DateInput value={a.from} onChange={(from) => setA((r) => ({ ...r, from }))} testId="pulse-a-from" />–
        <DateInput value={a.to - DAY_MS} onChange={(last) => setA((r) => ({ ...r, to: last + DAY_MS }))} testId="pulse-a-to" />
        <label className="ml-4 flex items-center gap-1"><input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} data-testid="pulse-compare" />{t('pulseCompare')}</label>
        {compare && (
          <>
            <DateInput value={b.from} onChange={(from) => setB((r) => ({ ...r, from }))} testId="pulse-b-from" />–
            <DateInput value={b.to - DAY_MS} onChange={(last) => setB((r) => ({ ...r, to: last + DAY_MS }))} testId="pulse-b-to" />
          </>
        )}
        {report && <span className="ml-auto text-gray-400" data-testid="pulse-loaded">{t('pulseLoaded', report.orders, report.customers)}</span>}
      </div>
      {error && <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-700">{error}</p>}
      {!report ? <p className="text-xs text-gray-400">{t('panelLoading')}</p> : (
        <>
          <NewVsReturning a={report.a} b={report.b} />
          <Regions r={report.a} />
          <Hours r={report.a} />
          <Items r={report.a} report={report} />
          <Replenish report={report} />
          <Restock report={report} />
          <Trends report={report} />
          <Cohorts report={report} />
          <Discounts r={report.a} />
          <Events />
        </>
      )}
    </div>
  );
}
