import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { formatFen } from '@/utils/crm/money';
import { shanghaiDateTime } from '@/utils/crm/time';
import { db } from '@/utils/db/schema';
import { shopSummary, type ShopSummary } from '@/utils/db/stats';
import { t, type MessageKey } from '@/utils/i18n';

const PAGE_NAMES: Record<string, MessageKey> = {
  'taobao.sold': 'pageKindTaobaoSold',
  'taobao.sold-legacy': 'pageKindTaobaoSoldLegacy',
  'pdd.orders': 'pageKindPddOrders',
  'taobao.reviews': 'pageKindTaobaoReviews',
  'pdd.reviews': 'pageKindPddReviews',
};

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-orange-50 px-3 py-2">
      <div className="text-xs text-gray-500">{label}</div>
      <div className="text-lg font-semibold text-gray-900" data-testid={testId}>{value}</div>
    </div>
  );
}

export function Popup() {
  const [summary, setSummary] = useState<ShopSummary | null>(null);
  useEffect(() => {
    void shopSummary(db()).then(setSummary);
  }, []);
  if (!summary) return <div className="w-80 p-4" />;
  return (
    <div className="w-80 space-y-3 p-4 text-sm text-gray-800">
      <h1 className="text-base font-bold text-orange-600">{t('extName')}</h1>
      {summary.orders === 0 ? (
        <p className="text-gray-600" data-testid="popup-empty">{t('popupEmpty')}</p>
      ) : (
        <div className="grid grid-cols-2 gap-2">
          <Stat label={t('popupCustomers')} value={String(summary.customers)} testId="stat-customers" />
          <Stat label={t('popupRepeatCustomers')} value={String(summary.repeatCustomers)} testId="stat-repeat" />
          <Stat label={t('popupOrders')} value={String(summary.orders)} testId="stat-orders" />
          <Stat label={t('popupRevenue')} value={formatFen(summary.validFen)} testId="stat-revenue" />
        </div>
      )}
      {summary.probableBuyers > 0 && (
        <p className="text-xs text-gray-500" data-testid="stat-probable">{t('popupProbable', summary.probableBuyers)}</p>
      )}
      {summary.maskedPurchases > 0 && (
        <p className="text-xs text-gray-500" data-testid="stat-masked">{t('popupMasked', summary.maskedPurchases)}</p>
      )}
      <ul className="space-y-1 text-xs" data-testid="popup-health">
        {summary.health.map((h) => {
          const page = t(PAGE_NAMES[h.pageKind] ?? 'extName');
          const time = shanghaiDateTime(h.lastSeenAt);
          return (
            <li key={h.pageKind} className={h.lastOk ? 'text-gray-500' : 'text-amber-700'}
              data-testid={`health-${h.pageKind}`} data-health={h.lastOk ? 'ok' : 'unrecognized'}>
              {h.lastOk ? t('popupHealthOk', page, h.lastRows, time) : t('popupHealthBad', page, h.lastReason ?? '', time)}
            </li>
          );
        })}
      </ul>
      <a className="block text-xs font-semibold text-orange-600" href={browser.runtime.getURL('/dashboard.html#/audiences')} target="_blank" rel="noreferrer"
        data-testid="popup-dashboard">{t('panelOpenDashboard')}</a>
      <p className="text-xs text-gray-400">{t('popupPrivacy')}</p>
    </div>
  );
}
