// 其他平台 on the customer card (关联, issue 23): on which platforms the shop knows this buyer, the records
// of theirs the seller linked, each with its own figures (nothing is merged: the platforms' ids differ),
// 取消关联 on each direct link, and 关联其他记录 by a search (nick or order number on the other platform).
// Records with the same phone are suggested, never linked without the seller's click.
// Every write is the seller's visible click (SellerButton): the panel sits on a console page that can
// cover or script it.
import { useEffect, useState } from 'react';
import { formatFen } from '@/utils/crm/money';
import type { Platform } from '@/utils/crm/types';
import type { LinkCandidate, LinkView } from '@/utils/db/links';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messaging';
import { ClickHidden, SellerButton } from './SellerButton';

const PLATFORM_NAME = { taobao: 'platformTaobao', pdd: 'platformPdd', douyin: 'platformDouyin', jd: 'platformJd' } as const;
const platformName = (p: Platform | null) => (p ? t(PLATFORM_NAME[p]) : '?');
const PLATFORM_CHIP: Record<Platform, string> = {
  taobao: 'bg-orange-50 text-orange-700', pdd: 'bg-rose-50 text-rose-700', douyin: 'bg-slate-100 text-slate-800', jd: 'bg-red-50 text-red-700',
};

function Chip({ platform }: { platform: Platform | null }) {
  return <span className={`rounded px-1.5 text-[11px] ${platform ? PLATFORM_CHIP[platform] : 'bg-gray-100 text-gray-500'}`} data-platform={platform ?? ''}>{platformName(platform)}</span>;
}

const errorText = (e: unknown) => (e instanceof Error && e.message ? e.message : String(e));

export function LinkedRecords({ customerKey, initial, onOpenCustomer, refresh = 0 }: {
  customerKey: string;
  initial: LinkView;
  /** Changed after the seller saved the card (a phone typed may match another record's): the section is read again. */
  refresh?: number;
  /** Open another record's card (a linked record's nick is a link to it). */
  onOpenCustomer?: (key: string) => void;
}) {
  const [view, setView] = useState(initial);
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<LinkCandidate[] | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [hidden, setHidden] = useState(false);
  useEffect(() => setView(initial), [initial]);
  useEffect(() => {
    if (refresh === 0) return;
    let live = true;
    sendToBackground('customerLinks', { key: customerKey }).then((v) => { if (live) setView(v); }, () => undefined);
    return () => { live = false; };
  }, [refresh, customerKey]);

  const write = async (kind: 'link' | 'unlink', other: string) => {
    setBusy(true);
    setHidden(false);
    try {
      const next = await sendToBackground(kind === 'link' ? 'linkCustomers' : 'unlinkCustomers', { key: customerKey, other });
      setView(next);
      setError('');
      if (kind === 'link') {
        setSearching(false);
        setFound(null);
        setQuery('');
      }
    } catch (e) {
      setError(t(kind === 'link' ? 'ccLinkFailed' : 'ccUnlinkFailed', errorText(e)));
    } finally {
      setBusy(false);
    }
  };
  const search = async () => {
    if (!query.trim()) return;
    try {
      setFound(await sendToBackground('linkCandidates', { key: customerKey, query: query.trim().slice(0, 60) }));
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  };

  const candidate = (c: LinkCandidate, testId: string) => (
    <li key={c.key} className="flex items-center justify-between gap-2 rounded border border-gray-100 px-2 py-1" data-testid={testId} data-key={c.key} data-platform={c.platform}>
      <span className="min-w-0 truncate">
        <Chip platform={c.platform} /> <span className="font-semibold">{c.nick || t('ccNoNick')}</span>
        <span className="ml-1 text-gray-500">{t('ccLinkedFigures', c.orderCount, formatFen(c.totalFen))}</span>
        {c.orderId && <span className="ml-1 text-gray-400">{t('ccLinkOrderMatch', c.orderId)}</span>}
      </span>
      <SellerButton disabled={busy} onPress={() => void write('link', c.key)} onHidden={() => setHidden(true)} data-testid="card-link"
        className="shrink-0 rounded bg-orange-500 px-2 py-0.5 text-white disabled:opacity-50">{t('ccLink')}</SellerButton>
    </li>
  );

  return (
    <section className="space-y-1.5 text-xs" data-testid="card-platforms" data-platforms={view.platforms.join(',')}>
      <h3 className="font-semibold text-gray-500">{t('ccLinks')}</h3>
      <p className="flex flex-wrap items-center gap-1 text-gray-600">
        {t('ccLinksPlatforms')} {view.platforms.map((p) => <Chip key={p} platform={p} />)}
      </p>
      {view.linked.length === 0 ? <p className="text-gray-400" data-testid="card-linked-none">{t('ccLinksNone')}</p> : (
        <ul className="space-y-1" data-testid="card-linked">
          {view.linked.map((r) => (
            <li key={r.key} className="flex items-start justify-between gap-2 rounded border border-gray-100 px-2 py-1"
              data-testid="card-linked-record" data-key={r.key} data-platform={r.platform ?? ''} data-hops={r.hops} data-orders={r.orderCount} data-total-fen={r.totalFen}>
              <div className="min-w-0">
                <div className="truncate">
                  <Chip platform={r.platform} />{' '}
                  {r.stored && onOpenCustomer
                    ? <button type="button" className="font-semibold text-gray-900 underline decoration-dotted" onClick={() => onOpenCustomer(r.key)} data-testid="card-linked-open">{r.nick || t('ccNoNick')}</button>
                    : <span className="font-semibold">{r.nick || t('ccNoNick')}</span>}
                  {r.stored && <span className="ml-1 text-gray-500">{t('ccLinkedFigures', r.orderCount, formatFen(r.totalFen))}</span>}
                  {r.tags.slice(0, 3).map((tag) => <span key={tag} className={`ml-1 rounded px-1 ${tag === '黑名单' ? 'bg-red-50 text-red-700' : 'bg-gray-100 text-gray-600'}`}>{tag}</span>)}
                </div>
                {r.hops > 1 && <div className="text-[11px] text-gray-400">{t('ccLinkedVia', r.viaNick || t('ccNoNick'))}</div>}
                {!r.stored && <div className="text-[11px] text-amber-700">{t('ccLinkedGone')}</div>}
              </div>
              {/* One click undoes one link: only a direct link has one here (a record two links away is undone on the record between). */}
              {r.hops === 1 && (
                <SellerButton disabled={busy} onPress={() => void write('unlink', r.key)} onHidden={() => setHidden(true)} data-testid="card-unlink"
                  className="shrink-0 text-[11px] text-gray-500 underline hover:text-red-600 disabled:opacity-50">{t('ccUnlink')}</SellerButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {view.samePhone.length > 0 && (
        <div className="space-y-1 rounded bg-amber-50 p-1.5" data-testid="card-same-phone">
          <p className="text-[11px] text-amber-800">{t('ccSamePhone')}</p>
          <ul className="space-y-1 bg-white">{view.samePhone.map((c) => candidate(c, 'card-same-phone-record'))}</ul>
        </div>
      )}
      {searching ? (
        <div className="space-y-1">
          <div className="flex gap-1">
            <input className="min-w-0 flex-1 rounded border border-gray-300 px-2 py-1" placeholder={t('ccLinkSearchPlaceholder')} value={query} maxLength={60}
              onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') void search(); }} data-testid="card-link-query" />
            <button type="button" className="rounded border border-gray-300 px-2" onClick={() => void search()} data-testid="card-link-search">{t('ccLinkSearch')}</button>
            <button type="button" className="px-1 text-gray-400" onClick={() => { setSearching(false); setFound(null); }}>{t('ccLinkClose')}</button>
          </div>
          {found && (found.length === 0 ? <p className="text-gray-400" data-testid="card-link-no-match">{t('ccLinkNoMatch')}</p>
            : <ul className="space-y-1" data-testid="card-link-results">{found.map((c) => candidate(c, 'card-link-candidate'))}</ul>)}
        </div>
      ) : (
        <button type="button" className="text-orange-600 underline" onClick={() => setSearching(true)} data-testid="card-link-open">{t('ccLinkAction')}</button>
      )}
      {hidden && <ClickHidden testId="card-link-hidden" />}
      {error && <p className="text-red-600" role="alert" data-testid="card-link-error">{error}</p>}
      <p className="text-[11px] text-gray-400">{t('ccLinksNote')}</p>
    </section>
  );
}
