// 订单关怀 (order care): the dashboard's #/care and the side panel's 关怀 tab. Every order between 下单 and
// 评价 with its next step: 催付, shipping on time, stalled parcels, care after receipt, refunds under way.
// Passive: drafts go to the clipboard and order numbers into files for the platform's own tools; Laoke
// never clicks 催付 or sends anything. Each listed order carries data-order-id (the contract in DESIGN.md).
import { useCallback, useEffect, useState } from 'react';
import { nextScript, RETENTION_GROUP, SCRIPT_GROUPS, type ScriptDraft, type ScriptGroup, type ScriptValues } from '@/utils/crm/care-scripts';
import { formatFen } from '@/utils/crm/money';
import {
  REFUND_PROBLEMS, type CareAction, type CareKind, type CareSettings, type ReceivedEntry, type RefundEntry, type RefundProblem,
  type StalledEntry, type UnpaidEntry, type UnshippedEntry, type BuyerValue,
} from '@/utils/crm/order-care';
import { shanghaiDateTime, DAY_MS, HOUR_MS } from '@/utils/crm/time';
import type { Order, Platform } from '@/utils/crm/types';
import type { CareData, CareSection } from '@/utils/db/order-care';
import { t, type MessageKey } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messaging';
import { copyText } from '../clipboard';
import { download } from '../download';
import { ClickHidden, SellerButton } from '../SellerButton';

const MINUTE_MS = 60_000;

/** "25 分钟" / "3 小时" / "2 天". */
function span(ms: number): string {
  const m = Math.max(0, ms);
  if (m < HOUR_MS) return t('careSpanMinutes', Math.floor(m / MINUTE_MS));
  if (m < 2 * DAY_MS) return t('careSpanHours', Math.floor(m / HOUR_MS));
  return t('careSpanDays', Math.floor(m / DAY_MS));
}

const time = (ms: number) => shanghaiDateTime(ms).slice(5, 16);
const PLATFORM_NAME: Record<Platform, MessageKey> = { taobao: 'carePlatformTaobao', pdd: 'carePlatformPdd', douyin: 'carePlatformDouyin', jd: 'carePlatformJd' };
const PHASE_NAME: Record<UnpaidEntry['phase'], MessageKey> = {
  early: 'carePhaseEarly', first: 'carePhaseFirst', between_first: 'carePhaseBetween', second: 'carePhaseSecond',
  between_second: 'carePhaseBetween', last: 'carePhaseLast', expired: 'carePhaseExpired',
};
const PROBLEM_NAME: Record<RefundProblem, MessageKey> = {
  damage: 'careProblemDamage', mismatch: 'careProblemMismatch', quality: 'careProblemQuality', logistics: 'careProblemLogistics',
  firm: 'careProblemFirm', other: 'careProblemOther',
};
export const GROUP_NAME: Record<ScriptGroup, MessageKey> = {
  remind_pay: 'careGroupRemindPay', shipping: 'careGroupShipping', stalled: 'careGroupStalled', receipt_care: 'careGroupReceiptCare',
  returns: 'careGroupReturns', invoice: 'careGroupInvoice', damage: 'careGroupDamage', wrong_item: 'careGroupWrongItem',
  callback: 'careGroupCallback', bad_review_call: 'careGroupBadReviewCall', retain_damage: 'careGroupRetainDamage',
  retain_mismatch: 'careGroupRetainMismatch', retain_quality: 'careGroupRetainQuality', retain_logistics: 'careGroupRetainLogistics',
  retain_firm: 'careGroupRetainFirm', retain_other: 'careGroupRetainOther',
};
const OUTCOME_NAME: Record<NonNullable<CareAction['outcome']>, MessageKey> = {
  kept: 'careOutcomeKept', compensated: 'careOutcomeCompensated', refunded: 'careOutcomeRefunded',
  called: 'careOutcomeCalled', no_answer: 'careOutcomeNoAnswer', bought: 'careOutcomeBought',
};

function BuyerLine({ buyer, order }: { buyer: BuyerValue; order: Order }) {
  return (
    <div className="flex flex-wrap gap-x-2 text-[11px] text-gray-500">
      <span>{t(PLATFORM_NAME[order.platform])} {order.orderId}</span>
      <span>{buyer.nick}</span>
      {buyer.previous > 0
        ? <span className="font-semibold text-orange-600" data-testid="care-buyer-value">{t('careBuyerValue', buyer.orderCount, formatFen(buyer.totalFen))}</span>
        : <span>{t('careBuyerNew')}</span>}
      {buyer.risk.includes('refunds') && <span className="text-amber-700">{t('careRiskRefunds')}</span>}
      {buyer.risk.includes('bad-review') && <span className="text-red-700">{t('careRiskBadReview')}</span>}
    </div>
  );
}

function Item({ order }: { order: Order }) {
  const first = order.items[0];
  return (
    <div className="truncate">
      {first ? first.title : '—'}{order.items.length > 1 ? t('careMoreItems', order.items.length - 1) : ''}
      <span className="ml-2 font-semibold">{formatFen(order.amountFen)}</span>
    </div>
  );
}

interface CopyProps {
  data: CareData;
  order: Order;
  group: ScriptGroup;
  kind: CareKind;
  values: ScriptValues;
  disabled?: boolean;
  label: string;
  onDone: () => void;
  testId: string;
}

/** The next draft of a group, copied and logged; a draft the claims check flags is never copied. */
function CopyDraft({ data, order, group, kind, values, disabled, label, onDone, testId }: CopyProps) {
  const [state, setState] = useState<{ draft: ScriptDraft | null; note: string; tone: 'ok' | 'bad' } | null>(null);
  const [hidden, setHidden] = useState(false);
  const press = async () => {
    setHidden(false);
    const draft = nextScript(data.scripts[group], values, data.lastUsed[group] ?? []);
    if (!draft) return setState({ draft: null, note: t('careNoScript', t(GROUP_NAME[group])), tone: 'bad' });
    if (draft.lint.length) {
      return setState({ draft, note: t('careLintBlocked', draft.lint.map((f) => f.words || f.code).join('、')), tone: 'bad' });
    }
    try {
      // Recorded first: a reminder the limit refuses (the list was stale, another tab reminded) never
      // reaches the clipboard.
      const r = await sendToBackground('careRecord', { platform: order.platform, orderId: order.orderId, record: { via: 'copy', kind, group, text: draft.text } });
      if (!r.recorded && r.check && !r.check.ok) {
        setState({ draft: null, note: r.check.reason === 'limit' ? t('careRemindLimit', time(r.check.nextAt)) : t('careRemindNotUnpaid'), tone: 'bad' });
      } else {
        await copyText(draft.text);
        setState({ draft, note: draft.repeats ? t('careCopiedRepeats') : t('careCopied'), tone: 'ok' });
      }
      onDone();
    } catch (err) {
      setState({ draft, note: t('panelError', String(err instanceof Error ? err.message : err)), tone: 'bad' });
    }
  };
  return (
    <div>
      <SellerButton className="rounded border border-orange-400 px-1.5 py-0.5 text-[11px] text-orange-700 disabled:opacity-40" disabled={disabled}
        data-testid={testId} onHidden={() => setHidden(true)} onPress={() => void press()}>{label}</SellerButton>
      {hidden && <ClickHidden testId="care-click-hidden" />}
      {state && (
        <div className={`mt-1 rounded px-1.5 py-1 text-[11px] ${state.tone === 'ok' ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}
          data-testid={state.tone === 'ok' ? 'care-copied' : 'care-blocked'} role={state.tone === 'bad' ? 'alert' : undefined}>
          {state.note}
          {state.draft && <div className="mt-0.5 text-gray-700">{state.draft.text}</div>}
        </div>
      )}
    </div>
  );
}

function ExportButton({ section, count, onDone }: { section: CareSection; count: number; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [hidden, setHidden] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <span className="ml-auto flex items-center gap-2">
      {note && <span className="text-[11px] text-green-700" data-testid={`care-exported-${section}`}>{note}</span>}
      {hidden && <ClickHidden testId="care-export-hidden" />}
      <SellerButton className="rounded bg-orange-500 px-2 py-0.5 text-[11px] text-white disabled:opacity-40" disabled={count === 0 || busy}
        data-testid={`care-export-${section}`} onHidden={() => setHidden(true)} onPress={() => {
          setHidden(false);
          setBusy(true);
          sendToBackground('careExport', { section }).finally(() => setBusy(false)).then((out) => {
            for (const f of out.files) download(f.filename, f.mime, f.text);
            const n = out.files.reduce((s, f) => s + f.count, 0);
            setNote(out.skipped ? t('careExportedSkipped', n, out.skipped) : t('careExported', n));
            onDone();
          }, (err: unknown) => setNote(String(err)));
        }}>{t('careExport')}</SellerButton>
    </span>
  );
}

function Section({ id, title, count, exportCount = count, hint, children, exportSection, onExported }: {
  id: string; title: string; count: number; exportCount?: number; hint?: string; children: React.ReactNode; exportSection?: CareSection; onExported: () => void;
}) {
  return (
    <section data-testid={id} className="rounded-lg border border-gray-200 bg-white p-3">
      <h2 className="flex items-center gap-2 text-sm font-semibold">
        {title} <span className="text-orange-600" data-testid={`${id}-count`}>{count}</span>
        {exportSection && <ExportButton section={exportSection} count={exportCount} onDone={onExported} />}
      </h2>
      {hint && <p className="mt-0.5 text-[11px] text-gray-500">{hint}</p>}
      <div className="mt-2">{children}</div>
    </section>
  );
}

const LIST = 'space-y-1.5';
const ROW = 'rounded border border-gray-100 px-2 py-1.5';

function Unpaid({ data, list, reload }: { data: CareData; list: UnpaidEntry[]; reload: () => void }) {
  const { now } = data.board;
  if (list.length === 0) return <p className="text-xs text-gray-400">{t('careNoneUnpaid')}</p>;
  return (
    <ul className={LIST}>
      {list.map((u) => (
        <li key={`${u.order.platform}:${u.order.orderId}`} className={`${ROW} ${u.dueNow ? 'border-orange-300 bg-orange-50' : ''}`}
          data-order-id={u.order.orderId} data-care-phase={u.phase}>
          <BuyerLine buyer={u.buyer} order={u.order} />
          <Item order={u.order} />
          <div className="flex flex-wrap items-center gap-x-2 text-[11px]">
            <span>{t('careAge', span(u.ageMs))}</span>
            <span className={u.dueNow ? 'font-semibold text-orange-700' : 'text-gray-500'}>{t(PHASE_NAME[u.phase])}</span>
            <span className="text-gray-500" data-testid="care-reminders">{t('careRemindersToday', u.remindersToday)}</span>
            <span className="text-gray-400">{t('careReadAgo', span(now - u.readAt))}</span>
          </div>
          {!u.check.ok && (
            <p className="text-[11px] text-amber-800" data-testid="care-remind-refused">
              {u.check.reason === 'limit' ? t('careRemindLimit', time(u.check.nextAt)) : t('careRemindNotUnpaid')}
            </p>
          )}
          {u.phase !== 'expired' && (
            <CopyDraft data={data} order={u.order} group="remind_pay" kind="remind" disabled={!u.check.ok} onDone={reload}
              values={{ nick: u.buyer.nick, item: u.order.items[0]?.title }} label={t('careCopyRemind')} testId="care-copy-remind" />
          )}
        </li>
      ))}
    </ul>
  );
}

function Unshipped({ data, list, stalled, reload }: { data: CareData; list: UnshippedEntry[]; stalled: StalledEntry[]; reload: () => void }) {
  const { now } = data.board;
  const areas = [...new Set(stalled.map((s) => s.area))];
  return (
    <div className="space-y-3">
      {list.length === 0 ? <p className="text-xs text-gray-400">{t('careNoneUnshipped')}</p> : (
        <ul className={LIST}>
          {list.map((u) => (
            <li key={`${u.order.platform}:${u.order.orderId}`} data-order-id={u.order.orderId} data-care-urgency={u.urgency}
              className={`${ROW} ${u.urgency === 'overdue' ? 'border-red-300 bg-red-50' : u.urgency === 'soon' ? 'border-orange-300 bg-orange-50' : ''}`}>
              <BuyerLine buyer={u.buyer} order={u.order} />
              <Item order={u.order} />
              <div className="text-[11px]">
                {u.urgency === 'overdue'
                  ? <span className="font-semibold text-red-700">{t('careShipOverdue', span(now - u.dueAt), time(u.dueAt))}</span>
                  : <span className={u.urgency === 'soon' ? 'font-semibold text-orange-700' : 'text-gray-600'}>{t('careShipDue', time(u.dueAt), span(u.dueAt - now))}</span>}
                {u.dueBasis === 'created' && <span className="ml-2 text-gray-400">{t('careShipFromCreated')}</span>}
                <span className="ml-2 text-gray-400">{t('careReadAgo', span(now - u.readAt))}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div data-testid="care-stalled">
        <h3 className="flex items-center gap-2 text-xs font-semibold text-gray-600">{t('careStalledTitle', data.board.settings.stalledDays)} <span className="text-orange-600" data-testid="care-stalled-count">{data.board.totals.stalled}</span>
          <ExportButton section="stalled" count={data.board.totals.stalled} onDone={reload} /></h3>
        {stalled.length === 0 ? <p className="text-xs text-gray-400">{t('careNoneStalled')}</p> : areas.map((area) => (
          <div key={area || '-'} className="mt-1">
            <div className="text-[11px] font-semibold text-gray-500">{area || t('careAreaUnknown')} · {stalled.filter((s) => s.area === area).length}</div>
            <ul className={LIST}>
              {stalled.filter((s) => s.area === area).map((s) => (
                <li key={`${s.order.platform}:${s.order.orderId}`} className={ROW} data-order-id={s.order.orderId} data-care-stalled="true">
                  <BuyerLine buyer={s.buyer} order={s.order} />
                  <Item order={s.order} />
                  <div className="text-[11px] text-gray-600">
                    {t('careInTransit', s.daysInTransit)} · {t(s.shipBasis === 'page' ? 'careShipBasisPage' : s.shipBasis === 'seen' ? 'careShipBasisSeen' : 'careShipBasisEstimated', time(s.shippedAt))}
                    {' · '}{t('careReadAgo', span(now - s.readAt))}
                  </div>
                  <CopyDraft data={data} order={s.order} group="stalled" kind="stalled" onDone={reload} testId="care-copy-stalled"
                    values={{ nick: s.buyer.nick, item: s.order.items[0]?.title, days: s.daysInTransit }} label={t('careCopyStalled')} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}

const STAGE_NAME: Record<ReceivedEntry['stage'], MessageKey> = { due: 'careStageDue', soon: 'careStageSoon', unknown: 'careStageUnknown' };

function Received({ data, list, reload }: { data: CareData; list: ReceivedEntry[]; reload: () => void }) {
  const { now } = data.board;
  if (list.length === 0) return <p className="text-xs text-gray-400">{t('careNoneReceived')}</p>;
  return (
    <ul className={LIST}>
      {list.map((r) => (
        <li key={`${r.order.platform}:${r.order.orderId}`} className={`${ROW} ${r.cared ? 'opacity-60' : ''}`} data-order-id={r.order.orderId} data-care-stage={r.stage}>
          <BuyerLine buyer={r.buyer} order={r.order} />
          <Item order={r.order} />
          <div className="flex flex-wrap gap-x-2 text-[11px]">
            <span className={r.stage === 'due' ? 'font-semibold text-orange-700' : 'text-gray-500'}>{t(STAGE_NAME[r.stage])}</span>
            {r.receivedAt !== null && <span className="text-gray-500">{t(r.receiptBasis === 'page' ? 'careReceivedPage' : 'careReceivedSeen', time(r.receivedAt))}</span>}
            {r.firstPurchase && <span className="text-orange-600">{t('careFirstPurchase')}</span>}
            {r.itemComplaints && <span className="text-red-700">{t('careItemComplaints')}</span>}
            {r.cared && <span className="text-green-700" data-testid="care-cared">{t('careCared')}</span>}
          </div>
          <CopyDraft data={data} order={r.order} group="receipt_care" kind="care" onDone={reload} testId="care-copy-receipt"
            values={{ nick: r.buyer.nick, item: r.order.items[0]?.title, days: r.receivedAt !== null ? (now - r.receivedAt) / DAY_MS : undefined }} label={t('careCopyReceipt')} />
          <CallOutcomes order={r.order} reload={reload} />
        </li>
      ))}
    </ul>
  );
}

/** After a 回访 call: one click logs how it went (counted in the recovery line). */
function CallOutcomes({ order, reload }: { order: Order; reload: () => void }) {
  const [hidden, setHidden] = useState(false);
  return (
    <div className="mt-1 flex flex-wrap items-center gap-1 text-[11px] text-gray-500">
      {t('careCallLog')}
      {(['called', 'no_answer', 'bought', 'compensated'] as const).map((outcome) => (
        <SellerButton key={outcome} className="rounded border border-gray-300 px-1.5" data-testid={`care-call-${outcome}`} onHidden={() => setHidden(true)}
          onPress={() => {
            setHidden(false);
            void sendToBackground('careRecord', { platform: order.platform, orderId: order.orderId, record: { via: 'outcome', kind: 'call', outcome } }).then(reload);
          }}>{t(OUTCOME_NAME[outcome])}</SellerButton>
      ))}
      {hidden && <ClickHidden testId="care-click-hidden" />}
    </div>
  );
}

function RefundRow({ data, r, reload }: { data: CareData; r: RefundEntry; reload: () => void }) {
  const [problem, setProblem] = useState<RefundProblem>(r.problem);
  const [yuan, setYuan] = useState('');
  const [error, setError] = useState('');
  const [hidden, setHidden] = useState(false);
  const log = (outcome: 'kept' | 'compensated' | 'refunded') => {
    setHidden(false);
    const fen = Math.round(Number(yuan) * 100);
    if (outcome === 'compensated' && !(fen > 0 && fen <= 100_000_000)) return setError(t('careCompensationInvalid'));
    setError('');
    sendToBackground('careRecord', {
      platform: r.order.platform, orderId: r.order.orderId,
      record: { via: 'outcome', kind: 'refund', outcome, problem, ...(outcome === 'compensated' ? { compensationFen: fen } : {}) },
    }).then(reload, (err: unknown) => setError(String(err)));
  };
  return (
    <li className={ROW} data-order-id={r.order.orderId} data-care-problem={problem}>
      <BuyerLine buyer={r.buyer} order={r.order} />
      <Item order={r.order} />
      <div className="flex flex-wrap items-center gap-2 text-[11px]">
        {r.buyer.nth !== null && <span>{t('careNthPurchase', r.buyer.nth)}</span>}
        <label className="flex items-center gap-1">{t('careProblem')}
          <select className="rounded border border-gray-300 px-1" value={problem} onChange={(e) => setProblem(e.target.value as RefundProblem)} data-testid="care-problem">
            {REFUND_PROBLEMS.map((p) => <option key={p} value={p}>{t(PROBLEM_NAME[p])}</option>)}
          </select>
        </label>
        {r.problemBasis === 'review' && problem === r.problem && <span className="text-gray-400">{t('careProblemFromReview')}</span>}
      </div>
      <p className="text-[11px] text-gray-500">{t(`careAdvice${problem[0]!.toUpperCase()}${problem.slice(1)}` as MessageKey)}</p>
      <CopyDraft data={data} order={r.order} group={RETENTION_GROUP[problem]} kind="refund" onDone={reload} testId="care-copy-retain"
        values={{ nick: r.buyer.nick, item: r.order.items[0]?.title }} label={t('careCopyRetain')} />
      <div className="mt-1 flex flex-wrap items-center gap-1 text-[11px]">
        <SellerButton className="rounded border border-gray-300 px-1.5" data-testid="care-outcome-kept" onHidden={() => setHidden(true)} onPress={() => log('kept')}>{t('careOutcomeKept')}</SellerButton>
        <input className="w-16 rounded border border-gray-300 px-1" inputMode="decimal" placeholder="¥" value={yuan} onChange={(e) => setYuan(e.target.value)} data-testid="care-compensation" aria-label={t('careCompensation')} />
        <SellerButton className="rounded border border-gray-300 px-1.5" data-testid="care-outcome-compensated" onHidden={() => setHidden(true)} onPress={() => log('compensated')}>{t('careOutcomeCompensated')}</SellerButton>
        <SellerButton className="rounded border border-gray-300 px-1.5" data-testid="care-outcome-refunded" onHidden={() => setHidden(true)} onPress={() => log('refunded')}>{t('careOutcomeRefunded')}</SellerButton>
      </div>
      {hidden && <ClickHidden testId="care-click-hidden" />}
      {error && <p className="text-[11px] text-red-700">{error}</p>}
      {r.outcome && (
        <p className="text-[11px] text-green-700" data-testid="care-outcome">
          {t('careOutcomeLogged', time(r.outcome.at), t(OUTCOME_NAME[r.outcome.outcome!]), r.outcome.compensationFen ? formatFen(r.outcome.compensationFen) : '')}
        </p>
      )}
    </li>
  );
}

function Refunds({ data, list, reload }: { data: CareData; list: RefundEntry[]; reload: () => void }) {
  if (list.length === 0) return <p className="text-xs text-gray-400">{t('careNoneRefunds')}</p>;
  return <ul className={LIST}>{list.map((r) => <RefundRow key={`${r.order.platform}:${r.order.orderId}`} data={data} r={r} reload={reload} />)}</ul>;
}

function RecoveryLine({ data }: { data: CareData }) {
  const r = data.board.recovery;
  const rate = (a: number, b: number) => (b ? `${Math.round((a / b) * 1000) / 10}%` : '—');
  return (
    <div className="rounded-lg border border-green-200 bg-green-50 px-3 py-2 text-xs text-gray-700" data-testid="care-recovery">
      <span className="font-semibold text-green-800">{t('careRecoveryTitle')}</span>{' '}
      {t('careRecovery', r.reminded, r.recovered, formatFen(r.recoveredFen), rate(r.recovered, r.reminded))}
      <span className="ml-2 text-gray-500">{t('careRecoveryBaseline', r.notReminded, r.paidAnyway, rate(r.paidAnyway, r.notReminded))}</span>
      <div className="text-[11px] text-gray-500">{t('careCalls', data.calls.called, data.calls.no_answer, data.calls.bought, data.calls.compensated)}</div>
    </div>
  );
}

function Scripts({ data, reload }: { data: CareData; reload: () => void }) {
  const [group, setGroup] = useState<ScriptGroup>('remind_pay');
  const [text, setText] = useState(data.scripts[group].join('\n'));
  const [saved, setSaved] = useState('');
  useEffect(() => setText(data.scripts[group].join('\n')), [group, data.scripts]);
  const preview = nextScript(text.split('\n').map((l) => l.trim()).filter(Boolean), { nick: '小王', item: '正山小种红茶', days: 2 }, data.lastUsed[group] ?? []);
  return (
    <section data-testid="care-scripts" className="rounded-lg border border-gray-200 bg-white p-3">
      <h2 className="text-sm font-semibold">{t('careScriptsTitle')}</h2>
      <p className="text-[11px] text-gray-500">{t('careScriptsHint')}</p>
      <select className="mt-2 rounded border border-gray-300 px-1 py-0.5 text-xs" value={group} onChange={(e) => setGroup(e.target.value as ScriptGroup)} data-testid="care-script-group">
        {SCRIPT_GROUPS.map((g) => <option key={g} value={g}>{t(GROUP_NAME[g])}</option>)}
      </select>
      <textarea className="mt-1 h-28 w-full rounded border border-gray-300 p-1 text-xs" value={text} onChange={(e) => setText(e.target.value)} data-testid="care-script-text" />
      {preview && preview.lint.length > 0 && (
        <p className="text-[11px] text-red-700" data-testid="care-script-lint">{t('careLintBlocked', preview.lint.map((f) => f.words || f.code).join('、'))}</p>
      )}
      <div className="flex items-center gap-2">
        <button type="button" className="rounded bg-orange-500 px-2 py-0.5 text-xs text-white" data-testid="care-script-save"
          onClick={() => void sendToBackground('careSaveScripts', { group, phrases: text.split('\n') }).then(() => {
            setSaved(t('careScriptsSaved'));
            reload();
          }, (err: unknown) => setSaved(String(err)))}>{t('careSave')}</button>
        {saved && <span className="text-[11px] text-green-700" data-testid="care-script-saved">{saved}</span>}
      </div>
    </section>
  );
}

function Settings({ settings, reload }: { settings: CareSettings; reload: () => void }) {
  const [s, setS] = useState(settings);
  const [note, setNote] = useState('');
  const num = (v: string) => Math.round(Number(v));
  const field = (label: string, value: number, set: (n: number) => void, testId: string) => (
    <label className="flex items-center gap-1">{label}
      <input type="number" className="w-16 rounded border border-gray-300 px-1" value={value} onChange={(e) => set(num(e.target.value))} data-testid={testId} />
    </label>
  );
  return (
    <section data-testid="care-settings" className="rounded-lg border border-gray-200 bg-white p-3 text-xs">
      <h2 className="text-sm font-semibold">{t('careSettingsTitle')}</h2>
      <div className="mt-2 flex flex-wrap gap-3">
        {field(t('careSettingAutoCloseTaobao'), s.autoCloseHours.taobao, (n) => setS({ ...s, autoCloseHours: { ...s.autoCloseHours, taobao: n } }), 'care-setting-close-taobao')}
        {field(t('careSettingAutoClosePdd'), s.autoCloseHours.pdd, (n) => setS({ ...s, autoCloseHours: { ...s.autoCloseHours, pdd: n } }), 'care-setting-close-pdd')}
        {field(t('careSettingAutoCloseDouyin'), s.autoCloseHours.douyin, (n) => setS({ ...s, autoCloseHours: { ...s.autoCloseHours, douyin: n } }), 'care-setting-close-douyin')}
        {field(t('careSettingAutoCloseJd'), s.autoCloseHours.jd, (n) => setS({ ...s, autoCloseHours: { ...s.autoCloseHours, jd: n } }), 'care-setting-close-jd')}
        {field(t('careSettingShipPromise'), s.shipPromiseHours, (n) => setS({ ...s, shipPromiseHours: n }), 'care-setting-ship')}
        {field(t('careSettingStalledDays'), s.stalledDays, (n) => setS({ ...s, stalledDays: n }), 'care-setting-stalled')}
        <button type="button" className="rounded bg-orange-500 px-2 py-0.5 text-white" data-testid="care-settings-save"
          onClick={() => void sendToBackground('careSaveSettings', s).then(() => {
            setNote(t('careSettingsSaved'));
            reload();
          }, () => setNote(t('careSettingsInvalid')))}>{t('careSave')}</button>
        {note && <span className="text-green-700">{note}</span>}
      </div>
    </section>
  );
}

/** The whole page (dashboard) or, compact, the side panel's 关怀 tab (no editors, the first 20 of each list). */
export function OrderCare({ compact = false }: { compact?: boolean }) {
  const [data, setData] = useState<CareData | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => {
    sendToBackground('careBoard', {}).then((d) => {
      setData(d);
      setError('');
    }, (err: unknown) => setError(t('panelError', String(err instanceof Error ? err.message : err))));
  }, []);
  useEffect(() => load(), [load]);
  if (error) return <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-700">{error}</p>;
  if (!data) return <p className="text-xs text-gray-400">{t('panelLoading')}</p>;
  const { board } = data;
  // A big shop's lists can run to thousands: the most urgent are shown, the rest come with the export.
  const limit = compact ? 20 : 200;
  const cut = <T,>(l: T[]) => l.slice(0, limit);
  const more = (n: number) => (n > limit ? <p className="mt-1 text-[11px] text-gray-500" data-testid="care-more">{t('careMore', n - limit)}</p> : null);
  const read = (['taobao', 'pdd', 'douyin', 'jd'] as const).flatMap((p) => (board.unpaidReadAt[p] !== undefined ? [t('careReadLast', t(PLATFORM_NAME[p]), span(board.now - board.unpaidReadAt[p]!))] : []));
  return (
    <div className={compact ? 'space-y-2 text-xs' : 'space-y-4'} data-testid="care-page" data-care-version={board.now}>
      {!compact && <p className="text-xs text-gray-500">{t('carePassive')}</p>}
      <RecoveryLine data={data} />
      <Section id="care-unpaid" title={t('careUnpaid')} count={board.totals.unpaid} exportSection="unpaid" onExported={load}
        hint={[...read, t('careUnpaidHint', board.settings.autoCloseHours.taobao, board.settings.autoCloseHours.pdd, board.settings.autoCloseHours.douyin, board.settings.autoCloseHours.jd)].join(' · ')}>
        <Unpaid data={data} list={cut(board.unpaid)} reload={load} />
        {more(board.totals.unpaid)}
      </Section>
      <Section id="care-unshipped" title={t('careUnshipped')} count={board.totals.unshipped + board.totals.stalled} exportCount={board.totals.unshipped} exportSection="unshipped" onExported={load}
        hint={t('careUnshippedHint', board.settings.shipPromiseHours)}>
        <Unshipped data={data} list={cut(board.unshipped)} stalled={cut(board.stalled)} reload={load} />
        {more(Math.max(board.totals.unshipped, board.totals.stalled))}
      </Section>
      <Section id="care-received" title={t('careReceived')} count={board.totals.received} exportSection="received" onExported={load} hint={t('careReceivedHint')}>
        <Received data={data} list={cut(board.received)} reload={load} />
        {more(board.totals.received)}
      </Section>
      <Section id="care-refunds" title={t('careRefunds')} count={board.totals.refunds} exportSection="refunds" onExported={load} hint={t('careRefundsHint')}>
        <Refunds data={data} list={cut(board.refunds)} reload={load} />
        {more(board.totals.refunds)}
      </Section>
      {!compact && <Scripts data={data} reload={load} />}
      {!compact && <Settings settings={board.settings} reload={load} />}
    </div>
  );
}
