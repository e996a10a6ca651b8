// The audience builder (人群圈选, dashboard.html#/audiences): a preset, conditions on top of it, suppression,
// the live member count and the rule read back in words; then export, recorded as a campaign.
// Customers are loaded once; every change re-counts in memory (a compiled rule over 100,000 customers
// takes milliseconds), deferred so typing stays smooth.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { describeRule, PRESETS, presetRule, type AudienceRule, type PresetId, type Suppression } from '@/utils/crm/audience';
import { formatFen } from '@/utils/crm/money';
import { shanghaiDate } from '@/utils/crm/time';
import { audienceMembers, exportFile, loadAudienceData, recordCampaign, type AudienceData, type ExportFormat } from '@/utils/db/audiences';
import { customerCard, saveCustomerNotes, type CustomerCardData } from '@/utils/db/customers';
import { db } from '@/utils/db/schema';
import { t } from '@/utils/i18n';
import { CustomerCard } from '../CustomerCard';
import { presetDescription, presetName, tr } from '../labels';
import { newRow, RuleEditor, type ExtraRules } from './RuleEditor';
import { EMPTY_SMS, SmsComposer, smsPlan, type SmsDraft } from './SmsComposer';

const DAYS_PRESETS: PresetId[] = ['potential', 'warmup'];
const HOLDOUT_SHARES = [0, 0.05, 0.1, 0.2];

interface SuppressionForm {
  contacted: boolean;
  contactedDays: number;
  refund: boolean;
  badReview: boolean;
  badReviewDays: number;
}

function effectiveRule(preset: AudienceRule, extra: ExtraRules): AudienceRule {
  const rows = extra.rows.map((r): AudienceRule => (r.negate ? { kind: 'not', rule: r.cond } : r.cond));
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

function download(filename: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function AudienceBuilder() {
  const [data, setData] = useState<AudienceData | null>(null);
  const [loadError, setLoadError] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const [preset, setPreset] = useState<PresetId>('all');
  const [days, setDays] = useState(60);
  const [extra, setExtra] = useState<ExtraRules>({ join: 'and', rows: [] });
  const [supp, setSupp] = useState<SuppressionForm>({ contacted: false, contactedDays: 7, refund: false, badReview: false, badReviewDays: 30 });
  const [sms, setSms] = useState<SmsDraft>(EMPTY_SMS);
  const [holdout, setHoldout] = useState(0);
  const [name, setName] = useState('');
  const [recorded, setRecorded] = useState<{ id: number; count: number; holdout: number } | null>(null);
  const [card, setCard] = useState<CustomerCardData | null>(null);

  const reload = () => {
    const at = Date.now();
    setNow(at);
    loadAudienceData(db(), at).then(setData, (err: unknown) => setLoadError(String(err)));
  };
  useEffect(reload, []);

  const presetAudience = useMemo(() => (data ? presetRule(preset, data.ctx, DAYS_PRESETS.includes(preset) ? { days } : undefined) : null), [data, preset, days]);
  const rule = useMemo(() => (presetAudience ? effectiveRule(presetAudience, extra) : null), [presetAudience, extra]);
  const suppression = useMemo(() => suppressionOf(supp), [supp]);
  // The count follows the latest input without holding it up: React renders the inputs first.
  const deferredRule = useDeferredValue(rule);
  const deferredSupp = useDeferredValue(suppression);
  const result = useMemo(() => (data && deferredRule ? audienceMembers(data, deferredRule, deferredSupp, now) : null), [data, deferredRule, deferredSupp, now]);
  const stale = deferredRule !== rule || deferredSupp !== suppression;
  const plan = useMemo(() => smsPlan(sms), [sms]);
  const blocked = plan !== null && plan.findings.length > 0;

  if (loadError) return <p className="text-red-700">{loadError}</p>;
  if (!data || !rule) return <p className="text-gray-400">{t('panelLoading')}</p>;

  const ruleText = describeRule(rule, tr, data.ctx);
  const exportAs = async (format: ExportFormat) => {
    if (!result || blocked) return;
    const at = Date.now();
    const campaign = await recordCampaign(db(), {
      name: name.trim() || `${presetName(preset)} ${shanghaiDate(at)}`, sentAt: at, rule, ruleText,
      channel: plan ? 'sms' : format, message: plan?.text ?? '', parts: plan?.parts ?? 1, priceLi: plan?.priceLi ?? 0,
      audience: result.members.map((m) => m.key), holdoutShare: holdout,
    });
    const keep = new Set(campaign.members);
    const file = exportFile(result.members.filter((m) => keep.has(m.key)), format, preset, at);
    download(file.filename, file.mime, file.text);
    setRecorded({ id: campaign.id!, count: campaign.members.length, holdout: campaign.holdout.length });
    reload();
  };
  const openCard = async (key: string) => setCard(await customerCard(db(), key, data.ctx));

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
                  onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 1))} data-testid="audience-days" />
              </label>
            )}
            <span className="text-xs text-gray-500">{presetDescription(preset)}</span>
          </div>
          <div className="mt-3 border-t border-gray-100 pt-3">
            <RuleEditor value={extra} onChange={setExtra} />
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
          <SmsComposer draft={sms} onChange={setSms} audience={result?.members ?? []} now={now} />
        </section>

        <section className={box}>
          <h2 className="mb-2 font-semibold">{t('builderMembers')}</h2>
          <table className="w-full text-left text-xs" data-testid="audience-members">
            <thead className="text-gray-500">
              <tr><th className="py-1">{t('colNick')}</th><th>{t('colOrders')}</th><th>{t('colTotal')}</th><th>{t('colLast')}</th><th>{t('colRegion')}</th></tr>
            </thead>
            <tbody>
              {(result?.members ?? []).slice(0, 50).map((m) => (
                <tr key={m.key} className="cursor-pointer border-t border-gray-100 hover:bg-orange-50" onClick={() => void openCard(m.key)}>
                  <td className="py-1">{m.nick}</td><td>{m.orderCount}</td><td>{formatFen(m.totalFen)}</td>
                  <td>{m.lastPurchaseAt ? shanghaiDate(m.lastPurchaseAt) : ''}</td><td>{m.region ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(result?.members.length ?? 0) > 50 && <p className="mt-1 text-xs text-gray-400">{t('builderMoreMembers', (result?.members.length ?? 0) - 50)}</p>}
        </section>
      </div>

      <aside className="space-y-4">
        <section className={`${box} sticky top-4`}>
          <div className="text-xs text-gray-500">{t('builderCount')}</div>
          <div className={`text-3xl font-bold ${stale ? 'text-gray-400' : 'text-orange-600'}`} data-testid="audience-count" aria-busy={stale}>
            {result?.members.length ?? 0}
          </div>
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
                <button key={f} type="button" disabled={!result?.members.length || blocked} onClick={() => void exportAs(f)}
                  data-testid={f === 'csv' ? 'export-csv' : `export-${f}`}
                  className="rounded bg-orange-500 px-3 py-1 text-xs font-semibold text-white disabled:opacity-40">
                  {t(f === 'orders' ? 'exportOrders' : f === 'buyers' ? 'exportBuyers' : 'exportCsv')}
                </button>
              ))}
            </div>
            {blocked && <p className="text-xs text-red-700" data-testid="export-blocked">{t('builderBlocked')}</p>}
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
              reload();
            }} />
          </div>
        </div>
      )}
    </div>
  );
}
