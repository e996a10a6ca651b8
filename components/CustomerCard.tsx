// The customer card (客户档案): who the buyer is to the shop, at a glance, and what the seller wrote.
// Shared by the side panel on console pages and the dashboard.
import { useEffect, useRef, useState } from 'react';
import { formatFen } from '@/utils/crm/money';
import { shanghaiDate, shanghaiDateTime } from '@/utils/crm/time';
import { reviewSentiment } from '@/utils/crm/reviews';
import type { OrderStatus, Platform } from '@/utils/crm/types';
import type { CustomerCardData, CustomerNotes } from '@/utils/db/customers';
import { t, type MessageKey } from '@/utils/i18n';
import { segmentName } from './labels';
import { useSellerClick } from './seen-by-seller';
import { ClickHidden, SellerButton } from './SellerButton';
import { LinkedRecords } from './LinkedRecords';
import { FORECAST_MINIMUMS, overdueDays, type ForecastModel } from '@/utils/crm/forecast';
import type { CareAction } from '@/utils/crm/order-care';
import type { RiskFlag } from '@/utils/crm/customer-value';

const CARE_OUTCOME: Record<NonNullable<CareAction['outcome']>, MessageKey> = {
  kept: 'careOutcomeKept', compensated: 'careOutcomeCompensated', refunded: 'careOutcomeRefunded',
  called: 'careOutcomeCalled', no_answer: 'careOutcomeNoAnswer', bought: 'careOutcomeBought',
};

const STATUS: Record<OrderStatus, MessageKey> = {
  unpaid: 'statusUnpaid', paid: 'statusPaid', shipped: 'statusShipped', completed: 'statusCompleted',
  closed: 'statusClosed', refunded: 'statusRefunded', partially_refunded: 'statusPartiallyRefunded',
  unknown: 'statusUnknown',
};
/** The seller's flag colours (Taobao 旗帜). */
const FLAG: Record<number, 'ccFlag1' | 'ccFlag2' | 'ccFlag3' | 'ccFlag4' | 'ccFlag5'> = { 1: 'ccFlag1', 2: 'ccFlag2', 3: 'ccFlag3', 4: 'ccFlag4', 5: 'ccFlag5' };
const PLATFORM_NAME: Record<Platform, MessageKey> = { taobao: 'platformTaobao', pdd: 'platformPdd', douyin: 'platformDouyin', jd: 'platformJd' };
const IDENTITY: Record<string, MessageKey> = { strong: 'identityStrong', probable: 'identityProbable', weak: 'identityWeak' };
/** The risk flags as the row's chip says them (utils/crm/customer-value.ts). */
const RISK: Record<RiskFlag, MessageKey> = { 'bad-review': 'riskBadReview', refunds: 'riskRefunds', 'refund-open': 'riskRefundOpen', blacklist: 'riskBlacklist' };

/**
 * Customer value at a glance: what to watch for (a proven buyer only), the member tier on the seller's
 * ladder (按老客记录) with the way to the next, local points, the likely next item, and when what they
 * bought should run out.
 */
function ValueFacts({ data }: { data: CustomerCardData }) {
  const v = data.value;
  const short = v.next ? (v.by === 'orders' ? t('ccTierShortOrders', v.next.short, v.next.name) : t('ccTierShortSpend', formatFen(v.next.short), v.next.name)) : null;
  if (!v.risk.length && !v.tier && !short && v.points === null && !data.nextItem && data.restock.length === 0) return null;
  return (
    <section className="space-y-1" data-testid="card-value">
      {v.risk.length > 0 && (
        <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-800" data-testid="card-risk" data-risk={v.risk.join(',')}>
          ⚠ {v.risk.map((r) => t(RISK[r])).join(' · ')}
        </p>
      )}
      {(v.tier || short) && (
        <p className="text-xs text-gray-700" data-testid="card-tier" data-tier={v.tier ?? ''}>
          {v.tier ? <span className="mr-1 rounded bg-amber-50 px-1.5 font-semibold text-amber-800">{v.tier}</span> : t('ccTierNone')}
          {short && <span className="text-gray-500">{short}</span>}
          <span className="ml-1 text-[11px] text-gray-400">{t('ccTierBasis')}</span>
        </p>
      )}
      {v.points !== null && <p className="text-xs text-gray-700" data-testid="card-points">{t('ccPoints', v.points)}</p>}
      {data.nextItem && <p className="text-xs text-gray-700" data-testid="card-next-item">{t('ccNextItem', data.nextItem.title, data.nextItem.buyers)}</p>}
      {data.restock.length > 0 && (
        <ul className="text-xs text-gray-700" data-testid="card-restock">
          {data.restock.map((r) => (
            <li key={r.itemId} data-item-id={r.itemId} data-due={shanghaiDate(r.dueAt)}>
              {/* ×N for whole pieces; a size-weighted amount (900g as 2.25 of 400g) is not shown as pieces. */}
              {t('ccRestock', r.title, Number.isInteger(r.units) && r.units > 1 ? ` ×${r.units}` : '', shanghaiDate(r.lastAt).slice(5), shanghaiDate(r.dueAt).slice(5))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-md bg-gray-50 px-2 py-1">
      <div className="text-[11px] text-gray-500">{label}</div>
      <div className="text-sm font-semibold text-gray-900" data-testid={testId}>{value}</div>
    </div>
  );
}

/** What the shop's model is missing, in words; the minimums are FORECAST_MINIMUMS. */
export function forecastShortfallText(model: ForecastModel): string {
  switch (model.shortfall) {
    case 'customers': return t('forecastShortCustomers', FORECAST_MINIMUMS.customers, model.customers);
    case 'repeatBuyers': return t('forecastShortRepeatBuyers', FORECAST_MINIMUMS.repeatBuyers, model.repeatBuyers);
    case 'historyDays': return t('forecastShortHistoryDays', FORECAST_MINIMUMS.historyDays, model.historyDays);
    default: return t('forecastShortFit');
  }
}

/**
 * The lifetime models' view (预测): P(active), orders expected in 90 days, the coming year's value, and
 * 超期 against the buyer's own usual gap. Only from a trusted model; otherwise it says why not.
 */
function ForecastFacts({ data }: { data: CustomerCardData }) {
  const c = data.customer;
  const f = data.forecast;
  const model = data.model;
  const over = overdueDays(c, Date.now());
  const overdue = <Fact label={t('ccOverdue')} value={c.usualGapDays === undefined ? '—' : over !== null ? t('ccOverdueDays', over) : t('ccNotOverdue')} testId="card-overdue" />;
  let status: { kind: string; text: string } | null = null;
  if (c.identity === 'weak') status = { kind: 'weak', text: t('ccForecastWeak') };
  else if (!model) status = { kind: 'pending', text: t('ccForecastPending') };
  else if (model.status !== 'ok') status = { kind: 'insufficient', text: forecastShortfallText(model) };
  else if (!f) status = { kind: 'pending', text: t('ccForecastPending') };
  return (
    <section data-testid="card-forecast" data-status={status?.kind ?? 'ok'}>
      <h3 className="mb-1 text-xs font-semibold text-gray-500">{t('ccForecast')}</h3>
      {status || !f ? (
        <div className="grid grid-cols-3 gap-1.5">
          {overdue}
          <p className="col-span-2 text-[11px] text-gray-500" data-testid="card-forecast-status">{status?.text}</p>
        </div>
      ) : (
        <>
          <div className="grid grid-cols-3 gap-1.5">
            <Fact label={t('ccPActive')} value={f.pAlive === null ? '—' : `${Math.round(f.pAlive * 100)}%`} testId="card-p-active" />
            <Fact label={t('ccExpected90')} value={f.expected90.toFixed(1)} testId="card-expected-90" />
            <Fact label={t('ccPredictedValue')} value={formatFen(f.valueFen)} testId="card-predicted-value" />
            {overdue}
          </div>
          {f.pAlive === null && <p className="mt-1 text-[11px] text-gray-400">{t('ccOneTimeNoPActive')}</p>}
        </>
      )}
    </section>
  );
}

/**
 * 删除此客户 (个人信息保护法: a buyer may ask to be forgotten): two clicks, the second naming what goes.
 * Orders the console still lists come back when the page is read again; the confirmation says so.
 */
function DeleteCustomer({ onDelete }: { onDelete: () => Promise<void> }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'deleting' | 'error' | 'hidden'>('idle');
  const { guard, verdict } = useSellerClick<HTMLButtonElement>();
  if (step === 'idle' || step === 'error') {
    return (
      <div className="flex items-center gap-2">
        <button type="button" className="text-[11px] text-gray-400 underline hover:text-red-600" onClick={() => setStep('confirm')} data-testid="card-delete">
          {t('ccDelete')}
        </button>
        {step === 'error' && <span className="text-[11px] text-red-600">{t('ccDeleteFailed')}</span>}
      </div>
    );
  }
  return (
    <div className="space-y-1 rounded border border-red-200 bg-red-50 p-2 text-xs text-red-800">
      <p>{t('ccDeleteConfirmText')}</p>
      {step === 'hidden' && <p className="font-semibold" data-testid="card-delete-hidden">{t('ccDeleteHidden')}</p>}
      <div className="flex gap-2">
        <button type="button" disabled={step === 'deleting'} data-testid="card-delete-confirm" {...guard}
          className="rounded bg-red-600 px-2 py-0.5 text-white disabled:opacity-50"
          onClick={(e) => {
            // Only a click the seller made, on a button the seller could see (the console page may hide
            // or cover the panel's frame and put its own bait where this button is).
            const v = verdict(e);
            if (v === 'hidden') return setStep('hidden');
            if (v !== 'ok') return; // scripted, or the second click of a double-click
            setStep('deleting');
            onDelete().catch(() => setStep('error'));
          }}>{t('ccDeleteConfirm')}</button>
        <button type="button" className="rounded border border-gray-300 bg-white px-2 py-0.5 text-gray-700" onClick={() => setStep('idle')}>{t('ccDeleteCancel')}</button>
      </div>
    </div>
  );
}

export function CustomerCard({ data, onSave, onDelete, onReload, onOpenCustomer }: {
  data: CustomerCardData;
  /** Rejects when nothing was saved; the error's message is shown (saveCustomerNotes says why). */
  onSave: (notes: CustomerNotes) => Promise<void>;
  /** Removes the customer everywhere; the card's owner closes it once done. */
  onDelete?: () => Promise<void>;
  /**
   * Asked after a failed save: the owner loads the card again (the buyer may have been merged into
   * another since it was shown). The card keeps what the seller typed across it, even when the card
   * comes back for another key (the buyer it was merged into), so it can be saved there.
   */
  onReload?: () => Promise<void>;
  /** Open another record's card (a linked record, 其他平台). */
  onOpenCustomer?: (key: string) => void;
}) {
  const c = data.customer;
  const [tags, setTags] = useState(c.tags.join(' '));
  const [notes, setNotes] = useState(c.notes);
  const [phone, setPhone] = useState(c.phone ?? '');
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved' | 'error' | 'hidden'>('idle');
  const [saveError, setSaveError] = useState('');
  /** Bumped by each save that went through: 其他平台 looks again for a record with the same phone. */
  const [saves, setSaves] = useState(0);
  // After a failed save the card asks for a reload: the first card that comes back (the same buyer, or
  // the one they were merged into) keeps the typed text. Set to the data shown when the save failed.
  const carryFrom = useRef<CustomerCardData | null>(null);
  const shownKey = useRef(c.key);
  useEffect(() => {
    const carry = carryFrom.current;
    if (carry && carry !== data) {
      carryFrom.current = null;
      shownKey.current = c.key;
      return;
    }
    if (c.key === shownKey.current) return;
    shownKey.current = c.key;
    setTags(c.tags.join(' '));
    setNotes(c.notes);
    setPhone(c.phone ?? '');
    setSaved('idle');
    setSaveError('');
  }, [data]);

  const aov = c.orderCount > 0 ? Math.round(c.totalFen / c.orderCount) : 0;
  const phoneOk = /^[0-9+\- ]{0,20}$/.test(phone);
  const save = async () => {
    setSaved('saving');
    try {
      // At most 20 tags of 20 characters each, as the database keeps them.
      await onSave({ tags: [...new Set(tags.split(/[\s,，、]+/).filter(Boolean))].slice(0, 20).map((x) => x.slice(0, 20)), notes, phone });
      setSaved('saved');
      setSaveError('');
      setSaves((n) => n + 1);
    } catch (e) {
      // Not 已保存: say why, and leave the fields as typed (nothing is reset, not even by the reload).
      setSaved('error');
      setSaveError(e instanceof Error && e.message ? e.message : '');
      if (onReload) {
        carryFrom.current = data;
        // The card as shown stays when the reload fails; the error above already says nothing was saved.
        await onReload().catch(() => { carryFrom.current = null; });
      }
    }
  };

  return (
    <div className="space-y-3 text-sm text-gray-800" data-testid="customer-card" data-customer-key={c.key}>
      <div>
        <div className="flex items-baseline gap-2">
          <span className="text-base font-bold" data-testid="card-nick">{c.nick || t('ccNoNick')}</span>
          <span className="rounded bg-gray-100 px-1.5 text-[11px] text-gray-600" data-testid="card-identity" data-identity={c.identity}>
            {t(IDENTITY[c.identity]!)}
          </span>
          <span className="text-[11px] text-gray-400">{t(PLATFORM_NAME[c.platform])}</span>
        </div>
        {c.region && <div className="text-xs text-gray-500">{c.region}</div>}
      </div>
      <div className="grid grid-cols-3 gap-1.5">
        <Fact label={t('ccOrders')} value={String(c.orderCount)} testId="card-orders" />
        <Fact label={t('ccTotal')} value={formatFen(c.totalFen)} testId="card-total" />
        <Fact label={t('ccAov')} value={c.orderCount ? formatFen(aov) : '—'} />
        <Fact label={t('ccFirst')} value={c.firstPurchaseAt ? shanghaiDate(c.firstPurchaseAt) : '—'} />
        <Fact label={t('ccLast')} value={c.lastPurchaseAt ? shanghaiDate(c.lastPurchaseAt) : '—'} />
        <Fact label={t('ccGap')} value={c.usualGapDays !== undefined ? t('ccDays', c.usualGapDays) : '—'} />
      </div>
      {data.segments.length > 0 && (
        <div className="flex flex-wrap gap-1" data-testid="card-segments">
          {data.segments.map((s) => (
            <span key={s} className="rounded-full bg-orange-50 px-2 text-[11px] text-orange-700" data-segment={s}>{segmentName(s)}</span>
          ))}
          {data.rfm && <span className="text-[11px] text-gray-400">R{data.rfm.r} F{data.rfm.f} M{data.rfm.m}</span>}
        </div>
      )}
      {data.domOrders > 0 && (
        <p className="rounded bg-gray-50 px-2 py-1 text-[11px] text-gray-600" data-testid="card-dom-orders" data-count={data.domOrders}>
          {t('ccDomOrders', data.domOrders)}
        </p>
      )}
      <ValueFacts data={data} />
      <ForecastFacts data={data} />
      {c.refundOpen && <p className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-800">{t('ccRefundOpen')}</p>}
      {/* Its own key: DeleteCustomer below is keyed by the customer too, and two siblings of one key made
          React duplicate this section on every update. */}
      <LinkedRecords key={`links:${c.key}`} customerKey={c.key} initial={data.links} refresh={saves} {...(onOpenCustomer ? { onOpenCustomer } : {})} />

      <section>
        <h3 className="mb-1 text-xs font-semibold text-gray-500">{t('ccOrderList', data.orders.length)}</h3>
        <ul className="max-h-56 space-y-1 overflow-auto" data-testid="card-order-list">
          {data.orders.map((o) => (
            <li key={o.orderId} className="rounded border border-gray-100 px-2 py-1 text-xs" data-order-id={o.orderId} data-source={o.source}>
              <div className="flex justify-between gap-2">
                <span className="text-gray-500">{shanghaiDateTime(o.createdAt)}</span>
                <span>{t(STATUS[o.status])}{o.refundOpen ? ` · ${t('ccRefundOpenShort')}` : ''}</span>
                <span className="font-semibold">{formatFen(o.amountFen - o.refundFen)}</span>
              </div>
              <div className="truncate text-gray-700" title={o.items.map((i) => i.title).join('、')}>
                {o.items.map((i) => `${i.title}${i.sku ? `（${i.sku}）` : ''} ×${i.quantity}${i.refunded ? ` ${t('ccItemRefunded')}` : ''}`).join('；')}
              </div>
              {o.buyerMemo && <div className="text-amber-800" data-testid="card-buyer-memo">{t('ccBuyerMemo', o.buyerMemo)}</div>}
              <div className="text-[11px] text-gray-400">
                {o.orderId}{o.source === 'dom' && <span className="ml-1 rounded bg-gray-100 px-1 text-gray-500">{t('ccDomOrderShort')}</span>}
                {o.shippedAt !== undefined && <span className="ml-1">{t('ccShippedAt', shanghaiDateTime(o.shippedAt))}</span>}
                {o.sellerFlag !== undefined && FLAG[o.sellerFlag] && <span className="ml-1" data-testid="card-seller-flag">{t('ccSellerFlag', t(FLAG[o.sellerFlag]!))}</span>}
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h3 className="mb-1 text-xs font-semibold text-gray-500">{t('ccReviews', data.reviews.length)}</h3>
        {data.reviews.length === 0 ? <p className="text-xs text-gray-400">{t('ccNoReviews')}</p> : (
          <ul className="max-h-40 space-y-1 overflow-auto" data-testid="card-reviews">
            {data.reviews.map((r) => {
              const s = reviewSentiment(r);
              return (
                <li key={r.reviewId} className="rounded border border-gray-100 px-2 py-1 text-xs">
                  <span className={s === 'neg' ? 'text-red-600' : s === 'pos' ? 'text-green-700' : 'text-gray-600'}>
                    {t(s === 'neg' ? 'sentimentNeg' : s === 'pos' ? 'sentimentPos' : 'sentimentNeu')}
                  </span>
                  <span className="ml-1 text-gray-400">{shanghaiDate(r.createdAt)}</span>
                  <div className="text-gray-700">{r.text || t('ccReviewEmpty')}</div>
                  {r.appendText && <div className="text-gray-500">{t('ccAppend', r.appendText)}</div>}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {data.care.length > 0 && (
        <section data-testid="card-care">
          <h3 className="mb-1 text-xs font-semibold text-gray-500">
            {t('ccCareHistory')}
            {data.care.some((a) => a.compensationFen) && (
              <span className="ml-2 text-orange-600" data-testid="card-compensation-total">
                {t('ccCareTotal', formatFen(data.care.reduce((s, a) => s + (a.compensationFen ?? 0), 0)))}
              </span>
            )}
          </h3>
          <ul className="max-h-32 space-y-0.5 overflow-auto text-xs">
            {data.care.map((a) => (
              <li key={a.id ?? `${a.orderId}:${a.at}`} className="text-gray-600">
                {shanghaiDate(a.at)} · {t(a.kind === 'call' ? 'ccCareCall' : 'ccCareRefund')} {a.orderId} · {a.outcome ? t(CARE_OUTCOME[a.outcome]) : ''}
                {a.compensationFen ? ` ${formatFen(a.compensationFen)}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="space-y-1.5">
        <h3 className="text-xs font-semibold text-gray-500">{t('ccSellerNotes')}</h3>
        <input className="w-full rounded border border-gray-300 px-2 py-1 text-xs" placeholder={t('ccTagsPlaceholder')}
          value={tags} onChange={(e) => setTags(e.target.value)} data-testid="card-tags" />
        <textarea className="h-16 w-full rounded border border-gray-300 px-2 py-1 text-xs" placeholder={t('ccNotesPlaceholder')}
          value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} data-testid="card-notes" />
        <input className={`w-full rounded border px-2 py-1 text-xs ${phoneOk ? 'border-gray-300' : 'border-red-400'}`}
          placeholder={t('ccPhonePlaceholder')} value={phone} maxLength={20} onChange={(e) => setPhone(e.target.value)} data-testid="card-phone" />
        <div className="flex items-center gap-2">
          <SellerButton disabled={!phoneOk || saved === 'saving'} onPress={() => void save()} onHidden={() => setSaved('hidden')} data-testid="card-save"
            className="rounded bg-orange-500 px-3 py-1 text-xs font-semibold text-white disabled:opacity-50">{t('ccSave')}</SellerButton>
          {saved === 'saved' && <span className="text-xs text-green-700" data-testid="card-saved">{t('ccSaved')}</span>}
        </div>
        {saved === 'hidden' && <ClickHidden testId="card-save-hidden" />}
        {saved === 'error' && (
          <p className="text-xs text-red-600" data-testid="card-save-error" role="alert">
            {saveError ? `${t('ccSaveFailed')}：${saveError}` : t('ccSaveFailed')} {t('ccUnsavedKept')}
          </p>
        )}
        <p className="text-[11px] text-gray-400">{t('ccPhoneNote')}</p>
      </section>
      {onDelete && <DeleteCustomer key={c.key} onDelete={onDelete} />}
    </div>
  );
}
