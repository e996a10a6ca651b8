// The audience builder (人群圈选, dashboard.html#/audiences): a preset, conditions on top of it, suppression,
// the live member count and the rule read back in words; then export, recorded as a campaign.
// Counting runs in a worker that holds every customer (over 100,000 customers a count takes tens of
// milliseconds, the load seconds): the page never waits on it, and only the latest keystroke is counted.
// The first counts come from the customers digest (audience-worker.ts), the rest and every export from
// the records, read after the first count.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeRule, PRESET_DAYS, type Condition, PRESETS, presetRule, type AudienceContext, type AudienceRule, type PresetId, type Suppression } from '@/utils/crm/audience';
import { formatFen } from '@/utils/crm/money';
import { shanghaiDate } from '@/utils/crm/time';
import type { ExportFormat } from '@/utils/db/audiences';
import { customerCard, customerKeyOfOrder, saveCustomerNotes, type CustomerCardData } from '@/utils/db/customers';
import { db } from '@/utils/db/schema';
import { t } from '@/utils/i18n';
import { CustomerCard, forecastShortfallText } from '../CustomerCard';
import { PREDICTED_PRESETS } from '@/utils/crm/audience';
import type { ForecastModel } from '@/utils/crm/forecast';
import { forecastModel } from '@/utils/db/forecasts';
import { sendToBackground } from '@/utils/messaging';
import { download } from '../download';
import { presetDescription, presetName, segmentName, tr } from '../labels';
import { ALL_SEGMENTS, segmentHint } from '@/utils/crm/segments';
import { RuleEditor, type ExtraRules } from './RuleEditor';
import { EMPTY_SMS, SmsComposer, smsPlan, type SmsDraft } from './SmsComposer';
import type { EngineRequest, EngineResponse } from './audience-worker';
// Vite bundles the worker as its own file of the extension (same origin, so it may open the database).
import AudienceWorker from './audience-worker?worker';
import CustomersDigestWorker from './customers-digest-worker?worker';

// Presets whose window the seller may change; dormant keeps its 90 days (the name says so).
const DAYS_PRESETS: PresetId[] = ['potential', 'warmup'];
const HOLDOUT_SHARES = [0, 0.05, 0.1, 0.2];
/** How long the seller leaves the builder alone before the customers digest is folded (utils/db/digest.ts). */
const COMPACT_AFTER_IDLE_MS = 3_000;

interface SuppressionForm {
  contacted: boolean;
  contactedDays: number;
  refund: boolean;
  badReview: boolean;
  badReviewDays: number;
}

/** A row the seller has not filled in yet (an empty region or tag) is left out, not matched against. */
function complete(c: Condition): boolean {
  if (c.kind === 'region') return c.text.trim() !== '';
  if (c.kind === 'tag') return c.tag.trim() !== '';
  if (c.kind === 'num') return Number.isFinite(c.value);
  if (c.kind === 'item') return c.itemIds.length > 0;
  if (c.kind === 'itemTitle') return c.text.trim() !== '';
  if (c.kind === 'tier') return c.name.trim() !== '';
  if (c.kind === 'nearTier') return Number.isFinite(c.within);
  return true;
}

function effectiveRule(preset: AudienceRule, extra: ExtraRules): AudienceRule {
  const rows = extra.rows.filter((r) => complete(r.cond)).map((r): AudienceRule => (r.negate ? { kind: 'not', rule: r.cond } : r.cond));
  if (rows.length === 0) return preset;
  return { kind: 'and', rules: [preset, rows.length === 1 ? rows[0]! : { kind: extra.join, rules: rows }] };
}

function suppressionOf(f: SuppressionForm): Suppression {
  const s: Suppression = {};
  if (f.contacted && f.contactedDays > 0) s.contactedWithinDays = f.contactedDays;
  if (f.refund) s.openRefund = true;
  if (f.badReview && f.badReviewDays > 0) s.badReviewWithinDays = f.badReviewDays;
  return s;
}

type Counted = Extract<EngineResponse, { type: 'counted' }>;
type Exported = Extract<EngineResponse, { type: 'exported' }>;

/** The worker: loads customers, counts the latest rule, exports. */
function useEngine() {
  const worker = useRef<Worker | null>(null);
  const [basis, setBasis] = useState<AudienceContext | null>(null);
  const [counted, setCounted] = useState<Counted | null>(null);
  const [loadError, setLoadError] = useState('');
  const [countError, setCountError] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const asked = useRef('');
  const waiting = useRef<{ resolve: (r: Exported) => void; reject: (e: Error) => void } | null>(null);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onAsk = useRef<() => void>(() => {});

  const send = (req: EngineRequest) => worker.current?.postMessage(req);
  const reload = useCallback(() => {
    const at = Date.now();
    setNow(at);
    send({ type: 'load', now: at });
  }, []);
  useEffect(() => {
    const w = new AudienceWorker();
    let compactor: Worker | null = null;
    let folded = false;
    let records = false;
    /** Maintenance waits for a pause: the digest is folded once the seller has left the builder alone a while. */
    const compactWhenIdle = () => {
      clearTimeout(idle.current);
      idle.current = setTimeout(() => {
        if (records && folded && !compactor) compactor = new CustomersDigestWorker();
      }, COMPACT_AFTER_IDLE_MS);
    };
    onAsk.current = compactWhenIdle;
    w.onmessage = (e: MessageEvent<EngineResponse>) => {
      const m = e.data;
      if (m.type === 'loaded') {
        setBasis(m.basis);
        setLoadError('');
        if (m.folded > 0) folded = true;
        // The digest's log read for the first count is folded into its base on another thread, for the next
        // open, once the records (which exports need) are in and the seller pauses.
        if (m.records) {
          records = true;
          compactWhenIdle();
        }
      } else if (m.type === 'counted') {
        // Only the answer to the latest question is shown.
        if (m.key === asked.current) {
          setCounted(m);
          setCountError('');
        }
      } else if (m.type === 'exported') {
        waiting.current?.resolve(m);
        waiting.current = null;
      } else if (m.of === 'export') {
        waiting.current?.reject(new Error(m.message));
        waiting.current = null;
      } else if (m.of === 'load') setLoadError(m.message);
      else setCountError(m.message);
    };
    worker.current = w;
    reload();
    return () => {
      clearTimeout(idle.current);
      onAsk.current = () => {};
      w.terminate();
      compactor?.terminate();
    };
  }, [reload]);

  /** Ask for the count of this rule; `key` names the question (the rule and suppression as JSON). */
  const count = useCallback((key: string, rule: AudienceRule, suppression: Suppression) => {
    asked.current = key;
    onAsk.current();
    send({ type: 'count', key, rule, suppression, now: Date.now() });
  }, []);
  const exportAudience = (req: Omit<Extract<EngineRequest, { type: 'export' }>, 'type'>) => new Promise<Exported>((resolve, reject) => {
    waiting.current = { resolve, reject };
    send({ type: 'export', ...req });
  });
  return { basis, counted, loadError, countError, now, reload, count, exportAudience };
}

/** The clock, to the minute: the quiet-hours warning must follow it while the page stays open. */
function useMinuteClock(): number {
  const [at, setAt] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setAt(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);
  return at;
}

export function AudienceBuilder() {
  const [preset, setPreset] = useState<PresetId>('all');
  // Each preset's own window (活动预热 30 days, 潜在复购 60), as the seller last set it.
  const [daysBy, setDaysBy] = useState<Partial<Record<PresetId, number>>>({});
  const days = daysBy[preset] ?? PRESET_DAYS[preset];
  const [extra, setExtra] = useState<ExtraRules>({ join: 'and', rows: [] });
  // Suppression is off until the seller turns it on: the presets mean what their names say.
  const [supp, setSupp] = useState<SuppressionForm>({ contacted: false, contactedDays: 7, refund: false, badReview: false, badReviewDays: 30 });
  const [sms, setSms] = useState<SmsDraft>(EMPTY_SMS);
  const [holdout, setHoldout] = useState(0);
  const [name, setName] = useState('');
  const [recorded, setRecorded] = useState<{ id: number; count: number; holdout: number } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState('');
  const [card, setCard] = useState<CustomerCardData | null>(null);

  const engine = useEngine();
  const [model, setModel] = useState<ForecastModel | null | undefined>(undefined);
  useEffect(() => {
    forecastModel(db()).then(setModel, () => setModel(null));
  }, [engine.now]);
  const { basis, count } = engine;
  const rule = useMemo(() => {
    if (!basis) return null;
    return effectiveRule(presetRule(preset, basis, DAYS_PRESETS.includes(preset) && days !== undefined ? { days } : undefined), extra);
  }, [basis, preset, days, extra]);
  const suppression = useMemo(() => suppressionOf(supp), [supp]);
  // The question the count answers, known during render: the count shows as busy (aria-busy) from the
  // very render in which the rule changed, never the previous rule's number as if it were settled.
  const question = useMemo(() => (rule ? JSON.stringify([rule, suppression]) : ''), [rule, suppression]);
  useEffect(() => {
    if (rule) count(question, rule, suppression);
  }, [question, count]);
  const clock = useMinuteClock();
  const plan = useMemo(() => smsPlan(sms), [sms]);
  const blocked = plan !== null && plan.findings.length > 0;
  const result = engine.counted;
  const stale = !result || result.key !== question;

  if (engine.loadError) return <p className="text-red-700" data-testid="audience-load-error">{t('panelError', engine.loadError)}</p>;
  if (!basis || !rule) return <p className="text-gray-400">{t('panelLoading')}</p>;

  const ruleText = describeRule(rule, tr, basis);
  const exportAs = async (format: ExportFormat) => {
    if (!result || blocked || stale) return;
    setExporting(true);
    setExportError('');
    try {
      const at = Date.now();
      const done = await engine.exportAudience({
        suppression,
        request: {
          name: name.trim() || `${presetName(preset)} ${shanghaiDate(at)}`, sentAt: at, rule, ruleText, format, fileName: preset,
          holdoutShare: holdout, channel: plan ? 'sms' : format, message: plan?.text ?? '', parts: plan?.parts ?? 1, priceLi: plan?.priceLi ?? 0,
        },
      });
      for (const f of done.files) download(f.filename, f.mime, f.text);
      setRecorded({ id: done.id, count: done.members, holdout: done.holdout });
      engine.reload();
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };
  const openCard = async (key: string) => {
    try {
      setCard(await customerCard(db(), key, basis));
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err));
    }
  };

  const box = 'rounded-lg border border-gray-200 bg-white p-4';
  const input = 'rounded border border-gray-300 bg-white px-2 py-1';
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_360px]">
      <div className="space-y-4">
        <section className={box}>
          <h2 className="mb-2 font-semibold">{t('builderAudience')}</h2>
          <div className="flex flex-wrap items-center gap-3">
            <select className={input} value={preset} onChange={(e) => setPreset(e.target.value as PresetId)} data-testid="audience-preset">
              {PRESETS.map((p) => <option key={p} value={p}>{presetName(p)}</option>)}
            </select>
            {DAYS_PRESETS.includes(preset) && (
              <label className="flex items-center gap-1 text-xs text-gray-600">{t('builderDays')}
                <input className={`${input} w-20`} type="number" min={1} max={3650} value={days}
                  onChange={(e) => setDaysBy({ ...daysBy, [preset]: Math.min(3650, Math.max(1, Number(e.target.value) || 1)) })} data-testid="audience-days" />
              </label>
            )}
            <span className="text-xs text-gray-500">{presetDescription(preset, days)}</span>
          </div>
          {PREDICTED_PRESETS.includes(preset) && model !== undefined && <ForecastStatus model={model} />}
          <div className="mt-3 border-t border-gray-100 pt-3">
            <RuleEditor value={extra} onChange={setExtra} basis={basis} />
          </div>
        </section>

        <section className={box}>
          <h2 className="mb-2 font-semibold">{t('builderSuppression')}</h2>
          <div className="space-y-1.5 text-xs text-gray-700">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={supp.contacted} onChange={(e) => setSupp({ ...supp, contacted: e.target.checked })} data-testid="supp-contacted" />
              {t('suppContactedBefore')}
              <input className={`${input} w-16`} type="number" min={1} value={supp.contactedDays} onChange={(e) => setSupp({ ...supp, contactedDays: Number(e.target.value) || 0 })} />
              {t('suppDays')}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={supp.refund} onChange={(e) => setSupp({ ...supp, refund: e.target.checked })} data-testid="supp-refund" />
              {t('suppRefund')}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={supp.badReview} onChange={(e) => setSupp({ ...supp, badReview: e.target.checked })} data-testid="supp-bad-review" />
              {t('suppBadReviewBefore')}
              <input className={`${input} w-16`} type="number" min={1} value={supp.badReviewDays} onChange={(e) => setSupp({ ...supp, badReviewDays: Number(e.target.value) || 0 })} />
              {t('suppDays')}
            </label>
          </div>
        </section>

        <section className={box}>
          <h2 className="mb-2 font-semibold">{t('builderSms')}</h2>
          <SmsComposer draft={sms} onChange={setSms} audienceSize={result?.count ?? 0} sample={result?.preview[0]} now={clock} />
        </section>

        <details className={box} data-testid="segment-rules">
          <summary className="cursor-pointer font-semibold">{t('builderSegmentRules')}</summary>
          <p className="mt-2 text-xs text-gray-500">{t('rfmScoreNote')} {t('rfmOrderNote')}</p>
          <table className="mt-2 w-full text-left text-xs">
            <tbody>
              {ALL_SEGMENTS.map((id) => (
                <tr key={id} className="border-t border-gray-100">
                  <td className="w-40 py-1 font-semibold">{segmentName(id)}</td>
                  <td className="text-gray-600">{segmentHint(id, tr)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-[11px] text-gray-400">{t('segmentValueNote')}</p>
        </details>

        <section className={box}>
          <h2 className="mb-2 font-semibold">{t('builderMembers')}</h2>
          <table className="w-full text-left text-xs" data-testid="audience-members">
            <thead className="text-gray-500">
              <tr><th className="py-1">{t('colNick')}</th><th>{t('colOrders')}</th><th>{t('colTotal')}</th><th>{t('colLast')}</th><th>{t('colRegion')}</th></tr>
            </thead>
            <tbody>
              {(result?.preview ?? []).map((m) => (
                <tr key={m.key} className="cursor-pointer border-t border-gray-100 hover:bg-orange-50" onClick={() => void openCard(m.key)}>
                  <td className="py-1">{m.nick}</td><td>{m.orderCount}</td><td>{formatFen(m.totalFen)}</td>
                  <td>{m.lastPurchaseAt ? shanghaiDate(m.lastPurchaseAt) : ''}</td><td>{m.region ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(result?.count ?? 0) > (result?.preview.length ?? 0) && <p className="mt-1 text-xs text-gray-400">{t('builderMoreMembers', result!.count - result!.preview.length)}</p>}
        </section>
      </div>

      <aside className="space-y-4">
        <section className={`${box} sticky top-4`}>
          <div className="text-xs text-gray-500">{t('builderCount')}</div>
          <div className={`text-3xl font-bold ${stale ? 'text-gray-400' : 'text-orange-600'}`} data-testid="audience-count" aria-busy={stale}>
            {result?.count ?? 0}
          </div>
          {engine.countError && <p className="text-xs text-red-700">{t('panelError', engine.countError)}</p>}
          {result && (result.removed.contacted + result.removed.refund + result.removed.badReview > 0) && (
            <p className="text-xs text-gray-500" data-testid="audience-removed">
              {t('builderRemoved', result.removed.contacted, result.removed.refund, result.removed.badReview)}
            </p>
          )}
          <p className="mt-2 rounded bg-gray-50 p-2 text-xs leading-5 text-gray-700" data-testid="audience-rule-text">{ruleText}</p>
          <div className="mt-3 space-y-2 border-t border-gray-100 pt-3">
            <input className={`${input} w-full text-xs`} placeholder={t('builderCampaignName', presetName(preset))} value={name}
              maxLength={40} onChange={(e) => setName(e.target.value)} data-testid="campaign-name" />
            <label className="flex items-center gap-2 text-xs text-gray-600">{t('builderHoldout')}
              <select className={input} value={holdout} onChange={(e) => setHoldout(Number(e.target.value))} data-testid="holdout-share">
                {HOLDOUT_SHARES.map((s) => <option key={s} value={s}>{s === 0 ? t('builderNoHoldout') : `${Math.round(s * 100)}%`}</option>)}
              </select>
            </label>
            <div className="flex flex-wrap gap-2">
              {(['orders', 'buyers', 'csv'] as const).map((f) => (
                <button key={f} type="button" disabled={!result?.count || blocked || stale || exporting} onClick={() => void exportAs(f)}
                  data-testid={f === 'csv' ? 'export-csv' : `export-${f}`}
                  className="rounded bg-orange-500 px-3 py-1 text-xs font-semibold text-white disabled:opacity-40">
                  {t(f === 'orders' ? 'exportOrders' : f === 'buyers' ? 'exportBuyers' : 'exportCsv')}
                </button>
              ))}
            </div>
            {blocked && <p className="text-xs text-red-700" data-testid="export-blocked">{t('builderBlocked')}</p>}
            {exportError && <p className="text-xs text-red-700" data-testid="export-error">{t('builderExportFailed', exportError)}</p>}
            <p className="text-[11px] text-gray-400">{t('builderExportNote')}</p>
            {recorded && (
              <p className="text-xs text-green-700" data-testid="campaign-recorded">
                {t('builderRecorded', recorded.count, recorded.holdout)} <a className="text-orange-600" href="#/campaigns">{t('navCampaigns')}</a>
              </p>
            )}
          </div>
        </section>
      </aside>

      {card && (
        <div className="fixed inset-0 z-10 flex justify-end bg-black/20" onClick={() => setCard(null)}>
          <div className="h-full w-[400px] overflow-auto bg-white p-4 shadow-xl" onClick={(e) => e.stopPropagation()}>
            <button type="button" className="float-right text-gray-400" onClick={() => setCard(null)}>×</button>
            <CustomerCard data={card} onSave={async (n) => {
              await saveCustomerNotes(db(), card.customer.key, n);
              engine.reload();
            }} onReload={async () => {
              // After a failed save: the buyer as stored now, or the one its orders moved to.
              const order = card.orders[0];
              const key = (await db().customers.get(card.customer.key)) ? card.customer.key
                : order ? await customerKeyOfOrder(db(), order.platform, order.orderId) : null;
              const fresh = key ? await customerCard(db(), key, basis) : null;
              if (fresh) setCard(fresh);
            }} onOpenCustomer={(key) => {
              void customerCard(db(), key, basis).then((fresh) => { if (fresh) setCard(fresh); });
            }} onDelete={async () => {
              await sendToBackground('deleteCustomer', { key: card.customer.key });
              setCard(null);
              engine.reload();
            }} />
          </div>
        </div>
      )}
    </div>
  );
}

/** Whether the predicted presets can be trusted: the model's basis, or what it is still missing. */
function ForecastStatus({ model }: { model: ForecastModel | null }) {
  const status = !model ? 'pending' : model.status;
  const text = !model ? t('ccForecastPending')
    : model.status === 'ok' ? t('forecastReady', model.customers, model.repeatBuyers, model.historyDays, shanghaiDate(model.fittedAt))
      : forecastShortfallText(model);
  return (
    <p className={`mt-2 rounded px-2 py-1 text-xs ${status === 'ok' ? 'bg-green-50 text-green-800' : 'bg-amber-50 text-amber-800'}`}
      data-testid="forecast-status" data-status={status}>{text}</p>
  );
}
