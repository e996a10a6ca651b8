// The side panel's review queue (评价): the reviews that need the seller, most urgent first, each with
// what it complains about and reply drafts to copy. Laoke never posts: the seller pastes the draft into
// the platform's own reply box. Product knowledge per item is entered here and used in later drafts.
import { useCallback, useEffect, useState } from 'react';
import { shanghaiDate } from '@/utils/crm/time';
import { ASPECT_IDS, type AspectId, type Platform } from '@/utils/crm/types';
import type { QueueItem, ReviewQueue as Queue } from '@/utils/db/reviews';
import { t, type MessageKey } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messaging';
import { lintClaims } from '@/utils/crm/claims';
import { copyText } from '../clipboard';
import { ClickHidden, SellerButton } from '../SellerButton';

export type ReviewFocus = { platform: Platform; reviewId: string };

const SENTIMENT_LOOK = {
  pos: 'bg-green-50 text-green-700',
  neu: 'bg-yellow-50 text-yellow-700',
  neg: 'bg-red-50 text-red-700',
} as const;
const SENTIMENT_KEY = { pos: 'reviewPos', neu: 'reviewNeu', neg: 'reviewNeg' } as const;

export function ReviewQueue({ focus, onError, openCustomer }: { focus: ReviewFocus | null; onError: (e: string) => void; openCustomer: (key: string) => void }) {
  const [queue, setQueue] = useState<Queue | null>(null);
  // 只看差评过的买家: reviews from a proven buyer who gave a bad review before.
  const [badBefore, setBadBefore] = useState(false);
  // 只看内容是好评的中评: 3 stars over a text that praises, worth asking what was missing.
  const [praisingMid, setPraisingMid] = useState(false);
  const load = useCallback(async () => {
    try {
      setQueue(await sendToBackground('reviewQueue', { ...(focus ? { focus } : {}), ...(badBefore ? { badBefore } : {}), ...(praisingMid ? { praisingMid } : {}) }));
    } catch (err) {
      onError(t('panelError', String(err instanceof Error ? err.message : err)));
    }
  }, [focus, onError, badBefore, praisingMid]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!queue) return <p className="text-xs text-gray-400">{t('panelLoading')}</p>;
  const m = queue.model;
  return (
    <div className="space-y-2" data-testid="review-queue">
      <p className="text-xs text-gray-500" data-testid="review-queue-count" data-count={queue.open}>{t('rqOpen', queue.open)}</p>
      <label className="flex items-center gap-1 text-[11px] text-gray-600">
        <input type="checkbox" checked={badBefore} onChange={(e) => setBadBefore(e.target.checked)} data-testid="review-filter-bad-before" />
        {t('rqFilterBadBefore')}
      </label>
      <label className="flex items-center gap-1 text-[11px] text-gray-600">
        <input type="checkbox" checked={praisingMid} onChange={(e) => setPraisingMid(e.target.checked)} data-testid="review-filter-praising-mid" />
        {t('rqFilterPraisingMid')}
      </label>
      <p className="text-[11px] text-gray-400" data-testid="review-model" data-by={m.by}>
        {m.by === 'model' && m.trainedOn ? t('rqModelLearned', m.trainedOn.pos, m.trainedOn.neg) : t('rqModelLexicon')}
      </p>
      {queue.items.length === 0 ? <p className="text-xs text-gray-500">{t('rqEmpty')}</p> : (
        <ol className="space-y-2">
          {queue.items.map((item) => (
            <Item key={`${item.platform}:${item.reviewId}`} item={item} focused={focus?.reviewId === item.reviewId}
              onChanged={() => void load()} onError={onError} openCustomer={openCustomer} />
          ))}
        </ol>
      )}
    </div>
  );
}

function Item({ item, focused, onChanged, onError, openCustomer }: {
  item: QueueItem; focused: boolean; onChanged: () => void; onError: (e: string) => void; openCustomer: (key: string) => void;
}) {
  const a = item.analysis;
  const u = item.urgency;
  const [copied, setCopied] = useState<number | null>(null);
  const [copyHidden, setCopyHidden] = useState(false);
  const copy = async (text: string, i: number) => {
    setCopyHidden(false);
    try {
      await copyText(text);
      setCopied(i);
      await sendToBackground('copyReply', { platform: item.platform, reviewId: item.reviewId, text });
    } catch (err) {
      onError(t('rqCopyFailed', String(err instanceof Error ? err.message : err)));
    }
  };
  return (
    <li className={`rounded border px-2 py-1.5 ${focused ? 'border-orange-400' : a.sentiment === 'neg' ? 'border-red-100' : 'border-gray-100'}`}
      data-testid="review-item" data-review-id={item.reviewId} data-urgency={u.score} data-sentiment={a.sentiment}
      data-aspects={a.complaints.join(',')} data-hidden={a.hidden ? 'true' : 'false'}>
      <div className="flex flex-wrap items-center gap-1 text-[11px] text-gray-500">
        <span className={`rounded px-1 font-semibold ${SENTIMENT_LOOK[a.sentiment]}`}>{t(SENTIMENT_KEY[a.sentiment])}</span>
        {u.reasons.filter((r) => r !== 'negative' && r !== 'neutral' && r !== 'complaints').map((r) => (
          <span key={r} className="rounded bg-orange-50 px-1 text-orange-700" data-reason={r}>{t(`rqReason_${r}` as MessageKey)}</span>
        ))}
        <span className="font-semibold text-gray-700">{item.nick || '—'}</span>
        {item.rating !== null && <span>{t('rqStars', item.rating)}</span>}
        {item.logisticsScore !== undefined && <span data-testid="review-logistics">{t('rqLogisticsScore', item.logisticsScore)}</span>}
        {item.serviceScore !== undefined && <span data-testid="review-service">{t('rqServiceScore', item.serviceScore)}</span>}
        <span>{shanghaiDate(item.createdAt)}</span>
        {u.daysLeft !== null && !u.done && <span className={u.daysLeft <= 3 ? 'text-red-600' : ''}>{u.daysLeft === 0 ? t('rqLastDay') : t('rqDaysLeft', u.daysLeft)}</span>}
      </div>
      <div className="truncate text-[11px] text-gray-400" title={item.itemTitle}>{item.itemTitle}</div>
      <p className="mt-0.5 whitespace-pre-wrap break-words text-xs">{item.text || t('rqNoText')}</p>
      {item.appendText && (
        <p className="mt-0.5 whitespace-pre-wrap break-words text-xs text-gray-700">
          <span className="text-gray-500">{item.appendDays !== undefined ? t('rqAppend', item.appendDays) : t('rqAppendNoDays')}</span>{item.appendText}
        </p>
      )}
      <Complaints item={item} onChanged={onChanged} onError={onError} />
      {a.praisingMid && <p className="mt-0.5 text-[11px] text-amber-700" data-testid="review-praising-mid">{t('rqPraisingMid')}</p>}
      {item.buyer && item.buyer.identity !== 'weak' && (
        <button type="button" className="mt-0.5 text-[11px] text-orange-600" onClick={() => openCustomer(item.buyer!.key)}>
          {item.buyer.orderCount >= 2 ? t('rqBuyerRepeat', item.buyer.orderCount) : t('rqOpenCustomer')}
        </button>
      )}
      <div className="mt-1 space-y-1">
        <div className="text-[11px] text-gray-400">{t('rqDrafts')}</div>
        {item.drafts.length === 0 && <p className="text-[11px] text-gray-500">{t('rqNoDrafts')}</p>}
        {item.drafts.map((d, i) => (
          <div key={d.text} className="flex items-start gap-1 rounded bg-gray-50 px-1.5 py-1" data-testid="review-draft">
            <p className="flex-1 whitespace-pre-wrap break-words text-xs" data-testid="review-draft-text">{d.text}</p>
            <SellerButton onPress={() => void copy(d.text, i)} onHidden={() => setCopyHidden(true)} data-testid="review-draft-copy"
              className="shrink-0 rounded bg-orange-500 px-1.5 py-0.5 text-[11px] text-white">{t('rqCopy')}</SellerButton>
          </div>
        ))}
        {copyHidden && <ClickHidden testId="review-copy-hidden" />}
        {copied !== null && <p className="text-[11px] text-green-700" data-testid="review-copied">{t('rqCopied')}</p>}
        {copied === null && item.handledAt && <p className="text-[11px] text-gray-400">{t('rqHandled', shanghaiDate(item.handledAt))}</p>}
      </div>
      <Knowledge item={item} onSaved={onChanged} onError={onError} />
    </li>
  );
}

/**
 * What the review complains about, each with a one-click 不是 (×), and a list to add what Laoke missed: the
 * seller's correction replaces Laoke's reading of this review and teaches the shop's aspect model.
 */
function Complaints({ item, onChanged, onError }: { item: QueueItem; onChanged: () => void; onError: (e: string) => void }) {
  const read = item.analysis;
  const [hidden, setHidden] = useState(false);
  // The list as the seller last set it, until the queue reloads with it: a second click before the
  // reload builds on the first (each correction sends the whole list).
  const [sent, setSent] = useState<AspectId[] | null>(null);
  const readKey = read.complaints.join(',');
  useEffect(() => setSent(null), [readKey, read.corrected]);
  const a = { ...read, complaints: sent ?? read.complaints, corrected: read.corrected || sent !== null };
  const send = async (complaints: AspectId[]) => {
    setHidden(false);
    setSent(complaints);
    try {
      await sendToBackground('correctAspects', { platform: item.platform, reviewId: item.reviewId, complaints });
      onChanged();
    } catch (err) {
      onError(t('panelError', String(err instanceof Error ? err.message : err)));
    }
  };
  const missing = ASPECT_IDS.filter((x) => !a.complaints.includes(x));
  // The list opens on a guarded button and each choice is one: a <select> would take a covered click
  // and the seller's next keys (a page could aim them), which no guarded button does.
  const [adding, setAdding] = useState(false);
  return (
    <div className="mt-1 flex flex-wrap items-center gap-1" data-testid="review-complaints" data-corrected={a.corrected ? 'true' : 'false'}>
      {a.complaints.map((c) => (
        <span key={c} className="inline-flex items-center rounded bg-red-50 px-1 text-[11px] text-red-700" data-aspect={c}>
          {t(`aspect_${c}` as MessageKey)}
          <SellerButton onPress={() => void send(a.complaints.filter((x) => x !== c))} onHidden={() => setHidden(true)}
            data-testid="review-aspect-remove" data-aspect={c} title={t('rqAspectRemove')} aria-label={t('rqAspectRemove')}
            className="ml-0.5 text-red-400 hover:text-red-700">×</SellerButton>
        </span>
      ))}
      {missing.length > 0 && (
        <SellerButton onPress={() => setAdding(!adding)} onHidden={() => setHidden(true)} data-testid="review-aspect-add" aria-expanded={adding}
          className="rounded border border-gray-200 px-1 text-[11px] text-gray-500">{t('rqAspectAdd')}</SellerButton>
      )}
      {adding && missing.map((x) => (
        <SellerButton key={x} onPress={() => {
          setAdding(false);
          void send(ASPECT_IDS.filter((y) => y === x || a.complaints.includes(y)));
        }} onHidden={() => setHidden(true)} data-testid="review-aspect-add-option" data-aspect={x}
          className="rounded border border-red-200 px-1 text-[11px] text-red-700">{t(`aspect_${x}` as MessageKey)}</SellerButton>
      ))}
      {a.corrected && <span className="text-[11px] text-gray-400" data-testid="review-aspects-corrected">{t('rqAspectsCorrected')}</span>}
      {hidden && <ClickHidden testId="review-aspect-hidden" />}
    </div>
  );
}

function Knowledge({ item, onSaved, onError }: { item: QueueItem; onSaved: () => void; onError: (e: string) => void }) {
  const [text, setText] = useState(item.knowledge);
  const [unitDays, setUnitDays] = useState(item.unitDays ? String(item.unitDays) : '');
  // Empty: no word of the seller's (the shop's cycle applies); else a whole number of days, 1 to 3650.
  const days = Number(unitDays);
  const daysOk = unitDays.trim() === '' || (Number.isInteger(days) && days >= 1 && days <= 3650);
  const [saved, setSaved] = useState(false);
  const [hidden, setHidden] = useState(false);
  // A sentence with 好评返现, WeChat or an absolute word never goes into a draft: say so while typing.
  const flagged = [...new Set(lintClaims(text).map((f) => f.words))];
  const save = async () => {
    setHidden(false);
    if (!daysOk) return;
    try {
      await sendToBackground('saveKnowledge', { platform: item.platform, itemId: item.itemId, itemTitle: item.itemTitle, text, ...(unitDays.trim() ? { unitDays: days } : {}) });
      setSaved(true);
      onSaved();
    } catch (err) {
      onError(t('panelError', String(err instanceof Error ? err.message : err)));
    }
  };
  return (
    <details className="mt-1 text-[11px]">
      <summary className="cursor-pointer text-gray-500">{t('rqKnowledge')}{item.knowledge ? ' ✓' : ''}</summary>
      <textarea className="mt-1 w-full rounded border border-gray-200 p-1 text-xs" rows={2} maxLength={500} value={text}
        placeholder={t('rqKnowledgeHint')} data-testid="review-knowledge-input"
        onChange={(e) => {
          setText(e.target.value);
          setSaved(false);
        }} />
      <label className="mt-1 flex items-center gap-1 text-gray-600">
        {t('rqUnitDays')}
        <input className="w-16 rounded border border-gray-200 px-1" type="number" min={1} max={3650} value={unitDays} data-testid="review-knowledge-unit-days"
          onChange={(e) => {
            setUnitDays(e.target.value);
            setSaved(false);
          }} />
        {t('rqUnitDaysHint')}
      </label>
      {!daysOk && <p className="text-red-600" data-testid="review-knowledge-days-bad">{t('rqUnitDaysBad')}</p>}
      <SellerButton disabled={!daysOk} onPress={() => void save()} onHidden={() => setHidden(true)} data-testid="review-knowledge-save"
        className="rounded border border-orange-400 px-1.5 text-orange-600">{t('rqKnowledgeSave')}</SellerButton>
      {saved && <span className="ml-1 text-green-700">{t('rqKnowledgeSaved')}</span>}
      {hidden && <ClickHidden testId="review-knowledge-hidden" />}
      {flagged.length > 0 && <p className="text-red-600" data-testid="review-knowledge-lint">{t('rqKnowledgeLint', flagged.join('、'))}</p>}
    </details>
  );
}
