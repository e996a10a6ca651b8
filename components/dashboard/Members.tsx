// 会员等级 (dashboard.html#/members): the seller's own member tier ladder, by valid spend or by valid
// purchases, up to six levels with their own names; a preset mirrors the platform's four. The tier then
// shows on every order row and card, labelled 按老客记录: Laoke knows only the orders it read, and the
// platform's grade stays authoritative. Laoke never writes a grade or credits points anywhere.
import { useEffect, useState } from 'react';
import { MAX_TIERS, PRESET_LADDER, validLadder, type TierLadder } from '@/utils/crm/customer-value';
import { formatFen } from '@/utils/crm/money';
import { memberTiers, saveMemberTiers, tierCounts } from '@/utils/db/customer-value';
import { db } from '@/utils/db/schema';
import { t, type MessageKey } from '@/utils/i18n';
import { ClickHidden, SellerButton } from '../SellerButton';

interface Draft {
  by: TierLadder['by'];
  /** Thresholds as typed: yuan for spend, purchases for orders. */
  levels: { key: number; name: string; min: string }[];
  points: boolean;
}

/** Row keys that stay with a level when another is removed (the inputs keep their focus and text). */
let nextKey = 1;

const toDraft = (l: TierLadder): Draft => ({
  by: l.by, points: l.points ?? false,
  levels: l.levels.map((x) => ({ key: nextKey++, name: x.name, min: String(l.by === 'spend' ? x.min / 100 : x.min) })),
});

function fromDraft(d: Draft): TierLadder {
  const levels = d.levels.map((x) => ({ name: x.name.trim(), min: d.by === 'spend' ? Math.round(Number(x.min) * 100) : Math.round(Number(x.min)) }));
  return { by: d.by, levels, ...(d.points ? { points: true } : {}) };
}

const PROBLEM: Record<string, MessageKey> = { count: 'tiersBadCount', names: 'tiersBadNames', min: 'tiersBadMin', order: 'tiersBadOrder' };
const input = 'rounded border border-gray-300 bg-white px-2 py-1';

export function Members() {
  const [saved, setSaved] = useState<TierLadder | null | undefined>(undefined);
  const [draft, setDraft] = useState<Draft>(toDraft(PRESET_LADDER));
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error' | 'hidden'>('idle');
  const [counts, setCounts] = useState<{ byTier: Record<string, number>; below: number } | null>(null);

  useEffect(() => {
    memberTiers(db()).then((l) => {
      setSaved(l);
      if (l) setDraft(toDraft(l));
    }, () => setSaved(null));
  }, []);
  useEffect(() => {
    setCounts(null);
    if (saved) tierCounts(db(), saved).then(setCounts, () => setCounts(null));
  }, [saved]);

  const ladder = fromDraft(draft);
  const problem = draft.levels.some((l) => l.min.trim() === '' || !Number.isFinite(Number(l.min))) ? 'min' : validLadder(ladder);
  /** Any change to the draft: 已保存 no longer describes what is shown. */
  const edit = (d: Draft) => {
    setDraft(d);
    if (state === 'saved') setState('idle');
  };
  const setLevel = (i: number, patch: Partial<Draft['levels'][number]>) =>
    edit({ ...draft, levels: draft.levels.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const save = async (value: TierLadder | null) => {
    setState('saving');
    try {
      setSaved(await saveMemberTiers(db(), value));
      if (!value) setDraft(toDraft(PRESET_LADDER));
      setState('saved');
    } catch {
      setState('error');
    }
  };

  if (saved === undefined) return <p className="text-gray-400">{t('panelLoading')}</p>;
  return (
    <div className="max-w-3xl space-y-4" data-testid="members">
      <div>
        <h1 className="text-lg font-bold">{t('tiersTitle')}</h1>
        <p className="text-xs text-gray-500">{t('tiersIntro')}</p>
      </div>
      <section className="space-y-2 rounded border border-gray-200 bg-white p-4">
        <div className="flex flex-wrap items-center gap-3 text-xs">
          <label className="flex items-center gap-1">
            {t('tiersBy')}
            <select className={input} value={draft.by} data-testid="tiers-by"
              onChange={(e) => {
                // Thresholds mean another thing now (¥3,000 is not 3,000 purchases): start from a plain ladder.
                const by = e.target.value as TierLadder['by'];
                const start = by === 'orders' ? [1, 2, 5, 10, 20, 50] : [1, 1000, 3000, 10000, 30000, 100000];
                edit({ ...draft, by, levels: draft.levels.map((l, i) => ({ ...l, min: String(start[i]) })) });
              }}>
              <option value="spend">{t('tiersBySpend')}</option>
              <option value="orders">{t('tiersByOrders')}</option>
            </select>
          </label>
          <button type="button" className="text-orange-600" onClick={() => edit(toDraft(PRESET_LADDER))} data-testid="tiers-preset">{t('tiersPreset')}</button>
        </div>
        <table className="text-xs">
          <thead>
            <tr className="text-left text-gray-500">
              <th className="pr-3">{t('tiersLevel')}</th><th className="pr-3">{t('tiersName')}</th>
              <th className="pr-3">{draft.by === 'spend' ? t('tiersMinSpend') : t('tiersMinOrders')}</th>
              {saved && <th className="pr-3">{t('tiersBuyers')}</th>}<th />
            </tr>
          </thead>
          <tbody>
            {draft.levels.map((l, i) => (
              <tr key={l.key} data-testid="tiers-row">
                <td className="pr-3 text-gray-500">{i + 1}</td>
                <td className="pr-3 py-0.5"><input className={`${input} w-32`} value={l.name} maxLength={12} onChange={(e) => setLevel(i, { name: e.target.value })} data-testid="tiers-name" /></td>
                <td className="pr-3"><input className={`${input} w-28`} type="number" min={0} step={draft.by === 'spend' ? 0.01 : 1} value={l.min}
                  onChange={(e) => setLevel(i, { min: e.target.value })} data-testid="tiers-min" /></td>
                {saved && <td className="pr-3 text-gray-600" data-testid="tiers-count">{counts ? (counts.byTier[saved.levels[i]?.name ?? ''] ?? '—') : '…'}</td>}
                <td><button type="button" className="text-gray-400 hover:text-red-600" disabled={draft.levels.length <= 1}
                  onClick={() => edit({ ...draft, levels: draft.levels.filter((_, j) => j !== i) })}>{t('editorRemove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        {draft.levels.length < MAX_TIERS && (
          <button type="button" className="text-xs text-orange-600" data-testid="tiers-add"
            onClick={() => edit({ ...draft, levels: [...draft.levels, { key: nextKey++, name: '', min: '' }] })}>+ {t('tiersAdd', MAX_TIERS)}</button>
        )}
        <label className="flex items-center gap-2 text-xs text-gray-700">
          <input type="checkbox" checked={draft.points} onChange={(e) => edit({ ...draft, points: e.target.checked })} data-testid="tiers-points" />
          {t('tiersPoints')}
        </label>
        {problem && <p className="text-xs text-red-600" data-testid="tiers-problem">{t(PROBLEM[problem]!)}</p>}
        {!problem && draft.by === 'spend' && (
          <p className="text-[11px] text-gray-500">{ladder.levels.map((l) => `${l.name} ≥ ${formatFen(l.min)}`).join(' · ')}</p>
        )}
        <div className="flex items-center gap-3">
          <SellerButton disabled={!!problem || state === 'saving'} onPress={() => void save(ladder)} onHidden={() => setState('hidden')} data-testid="tiers-save"
            className="rounded bg-orange-500 px-3 py-1 text-xs font-semibold text-white disabled:opacity-50">{t('tiersSave')}</SellerButton>
          {saved && (
            <SellerButton onPress={() => void save(null)} onHidden={() => setState('hidden')} data-testid="tiers-clear"
              className="text-xs text-gray-500 underline">{t('tiersClear')}</SellerButton>
          )}
          {state === 'saved' && <span className="text-xs text-green-700" data-testid="tiers-saved">{saved ? t('tiersSaved') : t('tiersCleared')}</span>}
          {state === 'error' && <span className="text-xs text-red-600">{t('tiersSaveFailed')}</span>}
        </div>
        {state === 'hidden' && <ClickHidden testId="tiers-save-hidden" />}
        {saved && counts && <p className="text-[11px] text-gray-500" data-testid="tiers-below">{t('tiersBelow', counts.below)}</p>}
      </section>
      <p className="text-[11px] text-gray-400">{t('tiersNote')}</p>
    </div>
  );
}
