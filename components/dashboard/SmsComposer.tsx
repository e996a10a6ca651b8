// The SMS composer (短信): signature, variables with their length budget, the opt-out, the live count of
// characters and billed messages, the cost for the audience, quiet hours, and the lint that blocks what
// platforms, carriers and the Advertising Law reject, pointing at the words.
import { useMemo, type ReactNode } from 'react';
import { formatFen } from '@/utils/crm/money';
import { billedParts, campaignCostFen, composeSms, isQuietHours, lintSms, OPT_OUTS, renderSms, VARIABLES, worstCaseLength, type LintCode, type LintFinding } from '@/utils/crm/sms';
import { daysSince } from '@/utils/crm/time';
import type { AudienceCustomer } from '@/utils/crm/types';
import { t, type MessageKey } from '@/utils/i18n';

export interface SmsDraft {
  signature: string;
  body: string;
  optOut: string;
  /** Price per billed message in yuan as the seller types it (¥0.036). */
  price: string;
}

export const EMPTY_SMS: SmsDraft = { signature: '', body: '', optOut: OPT_OUTS[0], price: '0.036' };

/** What the composer contributes to a campaign record; null when there is no message to send. */
export interface SmsPlan {
  text: string;
  parts: number;
  priceLi: number;
  findings: LintFinding[];
}

export function priceLiOf(price: string): number | null {
  if (!/^\d{0,3}(\.\d{0,3})?$/.test(price.trim()) || price.trim() === '' || price.trim() === '.') return null;
  return Math.round(Number(price) * 1000);
}

export function smsPlan(draft: SmsDraft): SmsPlan | null {
  if (!draft.body.trim()) return null;
  const text = composeSms({ signature: draft.signature, body: draft.body, optOut: draft.optOut });
  return { text, parts: billedParts(worstCaseLength(text)), priceLi: priceLiOf(draft.price) ?? 0, findings: lintSms(text) };
}

const LINT: Record<LintCode, MessageKey> = {
  inducement: 'lintInducement', contact: 'lintContact', link: 'lintLink', phone: 'lintPhone', absolute: 'lintAbsolute', no_opt_out: 'lintNoOptOut', no_signature: 'lintNoSignature',
};

/** The text with the words a finding points at marked. */
function Marked({ text, findings }: { text: string; findings: LintFinding[] }) {
  const spans = findings.filter((f) => f.end > f.start);
  const parts: ReactNode[] = [];
  let at = 0;
  spans.forEach((f, i) => {
    if (f.start < at) return;
    parts.push(<span key={`t${i}`}>{text.slice(at, f.start)}</span>);
    parts.push(<mark key={`m${i}`} className="rounded bg-red-100 text-red-700" data-lint={f.code}>{text.slice(f.start, f.end)}</mark>);
    at = f.end;
  });
  parts.push(<span key="rest">{text.slice(at)}</span>);
  return <>{parts}</>;
}

export function SmsComposer({ draft, onChange, audienceSize, sample, now }: { draft: SmsDraft; onChange: (d: SmsDraft) => void; audienceSize: number; sample: AudienceCustomer | undefined; now: number }) {
  const plan = useMemo(() => smsPlan(draft), [draft]);
  const length = plan ? worstCaseLength(plan.text) : 0;
  const priceLi = priceLiOf(draft.price);
  const preview = plan && sample ? renderSms(plan.text, {
    nick: sample.nick, item: sample.items[0]?.title ?? '',
    days: sample.lastPurchaseAt !== undefined ? daysSince(sample.lastPurchaseAt, now) : undefined,
  }) : '';
  const input = 'rounded border border-gray-300 bg-white px-2 py-1';
  return (
    <div className="space-y-2" data-testid="sms-composer">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-xs text-gray-600">{t('smsSignature')}
          <input className={`${input} w-32`} value={draft.signature} maxLength={16} placeholder={t('smsSignaturePlaceholder')}
            onChange={(e) => onChange({ ...draft, signature: e.target.value })} data-testid="sms-signature" />
        </label>
        <label className="flex items-center gap-1 text-xs text-gray-600">{t('smsOptOut')}
          <select className={input} value={draft.optOut} onChange={(e) => onChange({ ...draft, optOut: e.target.value })} data-testid="sms-optout">
            {/* Always in the text: it is counted and billed like any other characters. */}
            {OPT_OUTS.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-gray-600">{t('smsPrice')}
          <input className={`${input} w-20 ${priceLi === null ? 'border-red-400' : ''}`} value={draft.price} inputMode="decimal"
            onChange={(e) => onChange({ ...draft, price: e.target.value })} data-testid="sms-price" />
        </label>
      </div>
      <div className="flex flex-wrap gap-1">
        {VARIABLES.map((v) => (
          <button key={v.code} type="button" className="rounded border border-gray-300 px-2 text-xs text-gray-700 hover:bg-gray-100"
            onClick={() => onChange({ ...draft, body: draft.body + v.placeholder })} title={t('smsVariableBudget', v.budget)}>
            {v.placeholder} <span className="text-gray-400">≤{v.budget}</span>
          </button>
        ))}
      </div>
      <textarea className={`${input} h-24 w-full`} value={draft.body} maxLength={500} placeholder={t('smsBodyPlaceholder')}
        onChange={(e) => onChange({ ...draft, body: e.target.value })} data-testid="sms-body" />
      {plan && (
        <div className="space-y-1 rounded bg-gray-50 p-2 text-xs">
          <div className="whitespace-pre-wrap break-all text-gray-800" data-testid="sms-text"><Marked text={plan.text} findings={plan.findings} /></div>
          {preview && preview !== plan.text && <div className="text-gray-500">{t('smsPreview', preview)}</div>}
          <div className="flex flex-wrap gap-4 text-gray-600">
            <span>{t('smsLength')} <b data-testid="sms-length">{length}</b></span>
            <span>{t('smsParts')} <b data-testid="sms-parts">{plan.parts}</b></span>
            <span>{t('smsCost', audienceSize)} <b data-testid="sms-cost">{formatFen(campaignCostFen(audienceSize, plan.parts, priceLi ?? 0))}</b></span>
          </div>
          <p className="text-gray-400">{t('smsLengthRule')}</p>
          {isQuietHours(now) && <p className="text-amber-700" data-testid="sms-quiet">{t('smsQuietHours')}</p>}
          {plan.findings.length > 0 && (
            <ul className="space-y-0.5 text-red-700" data-testid="sms-findings">
              {plan.findings.map((f, i) => (
                <li key={i} data-lint={f.code}>{f.words ? t('lintAt', t(LINT[f.code]), f.words) : t(LINT[f.code])}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
