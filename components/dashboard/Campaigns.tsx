// Campaign results (效果追踪, dashboard.html#/campaigns): who came back within 3 and 7 days, revenue, ROI,
// repurchase rate and the lift over the hold-out group, with the day-by-day effect.
import { useEffect, useRef, useState } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { Attribution } from '@/utils/crm/campaign';
import { formatFen } from '@/utils/crm/money';
import { shanghaiDateTime } from '@/utils/crm/time';
import { campaignResults, type CampaignSummary } from '@/utils/db/audiences';
import { db } from '@/utils/db/schema';
import { t, type MessageKey } from '@/utils/i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const CHANNEL: Record<string, MessageKey> = { sms: 'channelSms', orders: 'exportOrders', buyers: 'exportBuyers', csv: 'exportCsv' };
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function EffectChart({ a }: { a: Attribution }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      data: {
        labels: a.daily.map((d) => t('campaignDay', d.index)),
        datasets: [
          { type: 'bar', label: t('campaignChartBuyers'), data: a.daily.map((d) => d.memberBuyers), backgroundColor: '#fb923c', yAxisID: 'y' },
          ...(a.holdout ? [{ type: 'bar' as const, label: t('campaignChartHoldoutBuyers'), data: a.daily.map((d) => d.holdoutBuyers), backgroundColor: '#d1d5db', yAxisID: 'y' }] : []),
          { type: 'line', label: t('campaignChartRate'), data: a.daily.map((d) => d.memberRate * 100), borderColor: '#ea580c', yAxisID: 'rate' },
          ...(a.holdout ? [{ type: 'line' as const, label: t('campaignChartHoldoutRate'), data: a.daily.map((d) => (d.holdoutRate ?? 0) * 100), borderColor: '#6b7280', yAxisID: 'rate' }] : []),
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: t('campaignChartBuyersAxis') } },
          rate: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: '%' } },
        },
      },
    });
    return () => chart.destroy();
  }, [a]);
  return <div className="h-56"><canvas ref={canvas} data-testid="campaign-chart" /></div>;
}

export function Campaigns() {
  const [list, setList] = useState<CampaignSummary[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    campaignResults(db(), Date.now()).then((l) => {
      setList(l);
      setOpen(l[0]?.campaign.id ?? null);
    }, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, []);
  if (error) return <p className="text-red-700">{t('panelError', error)}</p>;
  if (!list) return <p className="text-gray-400">{t('panelLoading')}</p>;
  if (list.length === 0) return <p className="text-gray-500" data-testid="campaigns-empty">{t('campaignsEmpty')}</p>;
  const selected = list.find((c) => c.campaign.id === open);
  return (
    <div className="space-y-4">
      <div className="overflow-auto rounded-lg border border-gray-200 bg-white">
        <table className="w-full text-left text-xs" data-testid="campaigns">
          <thead className="bg-gray-50 text-gray-500">
            <tr>
              <th className="px-3 py-2">{t('campaignName')}</th><th>{t('campaignSent')}</th><th>{t('campaignChannel')}</th>
              <th>{t('campaignMembers')}</th><th>{t('campaignBuyers3')}</th><th>{t('campaignBuyers7')}</th><th>{t('campaignRevenue')}</th>
              <th>{t('campaignCost')}</th><th>ROI</th><th>{t('campaignRate')}</th><th>{t('campaignLift')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map(({ campaign: c, attribution: a }) => (
              <tr key={c.id} onClick={() => setOpen(c.id)} data-testid="campaign-row" data-campaign-id={c.id}
                className={`cursor-pointer border-t border-gray-100 ${open === c.id ? 'bg-orange-50' : 'hover:bg-gray-50'}`}>
                <td className="px-3 py-2 font-semibold">{c.name}{!a.complete && <span className="ml-1 font-normal text-gray-400">{t('campaignRunning')}</span>}</td>
                <td>{shanghaiDateTime(c.sentAt)}</td>
                <td>{t(CHANNEL[c.channel] ?? 'exportCsv')}</td>
                <td><span data-testid="campaign-sent">{a.sent}</span>{a.holdoutSize > 0 && <span className="text-gray-400"> {t('campaignHoldoutSize', a.holdoutSize)}</span>}</td>
                <td data-testid="campaign-buyers-3d">{a.members.d3.buyers}</td>
                <td data-testid="campaign-buyers-7d">{a.members.d7.buyers}</td>
                <td data-testid="campaign-revenue">{formatFen(a.members.d7.revenueFen)}</td>
                <td>{formatFen(a.costFen)}</td>
                <td data-testid="campaign-roi">{a.roi === null ? '—' : a.roi.toFixed(1)}</td>
                <td data-testid="campaign-rate">{pct(a.repurchaseRate)}</td>
                <td data-testid="campaign-lift">{a.lift === null ? '—' : t('campaignLiftPoints', `${a.lift >= 0 ? '+' : ''}${(a.lift * 100).toFixed(1)}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected && (
        <section className="rounded-lg border border-gray-200 bg-white p-4" data-testid="campaign-detail">
          <h2 className="font-semibold">{selected.campaign.name}</h2>
          <p className="mt-1 text-xs text-gray-600">{selected.campaign.ruleText}</p>
          {selected.campaign.message && <p className="mt-1 rounded bg-gray-50 p-2 text-xs text-gray-700">{selected.campaign.message}</p>}
          <p className="mt-2 text-xs text-gray-600">
            {selected.attribution.holdout
              ? t('campaignLiftExplain', pct(selected.attribution.members.d7.rate), pct(selected.attribution.holdout.d7.rate), selected.attribution.incrementalBuyers ?? 0)
              : t('campaignNoHoldout')}
          </p>
          <EffectChart a={selected.attribution} />
          <p className="mt-2 text-[11px] text-gray-400">{t('campaignWindowNote')}</p>
        </section>
      )}
    </div>
  );
}
