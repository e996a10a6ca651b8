// 团队同步 (#/sync, issue 21): the shop's CouchDB server, database, this agent's name and the shop
// passphrase; Laoke asks for access to that one server at the click (optional host permission) and to
// nothing else. Then the state: 已同步, what waits, the last sync, errors in plain words.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToBackground, type SyncError, type SyncStatus } from '@/utils/messaging';
import { setSyncLogging } from '@/utils/db/sync-outbox';
import { t } from '@/utils/i18n';
import { SYNC_ERRORS, syncWords } from '../sync-words';

const box = 'rounded-lg border border-gray-200 bg-white p-4';
const input = 'w-full rounded border border-gray-300 bg-white px-2 py-1';
const button = 'rounded bg-orange-500 px-3 py-1 text-xs font-semibold text-white disabled:opacity-50';
const quiet = 'rounded border border-gray-300 px-3 py-1 text-xs text-gray-700 disabled:opacity-50';

/** The host permission pattern of the server's origin, or null for a URL that is not http(s). */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

export function Sync() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [form, setForm] = useState({ url: '', db: '', agent: '', passphrase: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    let live = true;
    const load = () => void sendToBackground('syncStatus', {}).then((s) => live && (setStatus(s), setNow(Date.now())), () => undefined);
    load();
    const timer = setInterval(load, 1500);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const start = () => {
    setError(null);
    const pattern = originPattern(form.url);
    if (!pattern) {
      setError(t(SYNC_ERRORS.badUrl));
      return;
    }
    setBusy(true);
    // Asked within the click (the browser shows its prompt only for a user gesture), for this origin only.
    void browser.permissions.request({ origins: [pattern] })
      .then(async (granted) => {
        if (!granted) {
          setError(t('syncPermissionDenied'));
          return;
        }
        const r = await sendToBackground('syncSetup', { url: form.url.trim(), db: form.db.trim(), agent: form.agent, passphrase: form.passphrase });
        if (!r.ok) {
          setError(t(SYNC_ERRORS[r.error as SyncError]));
          return;
        }
        // This page writes to the database too (a restore): its writes are queued from now on.
        setSyncLogging(true);
        setForm((f) => ({ ...f, passphrase: '' }));
        setStatus(r.status);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };

  const now_ = () => {
    setBusy(true);
    void sendToBackground('syncNow', {}).then(setStatus, () => undefined).finally(() => setBusy(false));
  };
  const stop = () => {
    setBusy(true);
    setSyncLogging(false);
    void sendToBackground('syncStop', {}).then(setStatus, () => undefined).finally(() => setBusy(false));
  };

  const words = status ? syncWords(status, now) : null;
  return (
    <div className="space-y-4 text-sm">
      <section className={box}>
        <h2 className="mb-2 font-semibold">{t('navSync')}</h2>
        <p className="text-xs text-gray-700">{t('syncIntro')}</p>
        <p className="mt-2 text-xs text-gray-700">{t('syncWhatSyncs')}</p>
        <p className="mt-2 text-xs text-gray-700">{t('syncServerSees')}</p>
      </section>
      <section className={box}>
        <p className="font-semibold" data-testid="sync-state">{words?.state ?? '…'}</p>
        {status?.on && (
          <>
            <p className="mt-1 text-xs text-gray-600" data-testid="sync-last">{words?.last}</p>
            <p className="mt-1 text-xs text-gray-600">{t('syncConnected', status.db, status.url, status.agent)}</p>
            {status.unreadable ? <p className="mt-1 text-xs text-red-700">{t('syncUnreadable', status.unreadable)}</p> : null}
            <div className="mt-2 flex gap-2">
              <button type="button" className={button} disabled={busy} data-testid="sync-now" onClick={now_}>{t('syncNowButton')}</button>
              <button type="button" className={quiet} disabled={busy} data-testid="sync-stop" onClick={stop}>{t('syncStopButton')}</button>
            </div>
            <p className="mt-1 text-xs text-gray-500">{t('syncStopNote')}</p>
          </>
        )}
        {status && !status.on && (
          <form className="mt-2 grid max-w-lg gap-2" onSubmit={(e) => { e.preventDefault(); start(); }}>
            <label className="text-xs text-gray-700">{t('syncUrl')}
              <input className={input} data-testid="sync-url" type="url" placeholder="https://couch.example.com" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
            </label>
            <label className="text-xs text-gray-700">{t('syncDb')}
              <input className={input} data-testid="sync-db" placeholder="laoke-shop" value={form.db} onChange={(e) => setForm({ ...form, db: e.target.value })} />
            </label>
            <label className="text-xs text-gray-700">{t('syncAgent')}
              <input className={input} data-testid="sync-agent" maxLength={40} value={form.agent} onChange={(e) => setForm({ ...form, agent: e.target.value })} />
            </label>
            <label className="text-xs text-gray-700">{t('syncPassphrase')}
              <input className={input} data-testid="sync-passphrase" type="password" autoComplete="new-password" value={form.passphrase} onChange={(e) => setForm({ ...form, passphrase: e.target.value })} />
            </label>
            <div>
              <button type="submit" className={button} disabled={busy || !form.url || !form.db || !form.agent.trim() || form.passphrase.length < 8} data-testid="sync-start">{t('syncStart')}</button>
            </div>
          </form>
        )}
        {error && <p className="mt-2 text-xs text-red-700" data-testid="sync-error">{error}</p>}
      </section>
    </div>
  );
}
