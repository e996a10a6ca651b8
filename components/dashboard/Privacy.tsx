// 隐私与数据 (#/privacy): what Laoke keeps and where, the storage it uses, a backup to take away and
// bring back, and the retention rules of the Personal Information Protection Law (个人信息保护法).
// The page works on the database directly (it is the extension's origin) and tells the background when
// it changed data the background keeps in memory.
// Replacing is never one click: the seller types the word shown (替换), and the data replaced is kept on
// this page as a backup to download (in memory only: a Blob URL, never written anywhere).
import { useEffect, useRef, useState } from 'react';
import { shanghaiDate, shanghaiDateTime } from '@/utils/crm/time';
import {
  exportBackup, importBackupFile, MAX_BACKUP_BYTES, MIN_PASSPHRASE_LENGTH, passphraseLength, replaceConfirmed,
  type BeforeReplace, type ImportReport,
} from '@/utils/db/backup';
import { applyRetention, retentionSettings, retentionSettingsSchema, saveRetentionSettings, type RetentionSettings } from '@/utils/db/privacy';
import { askPersistentStorage } from '@/utils/db/quota';
import { db } from '@/utils/db/schema';
import { t, type MessageKey } from '@/utils/i18n';
import { download } from '../download';
import { readSyncStatus } from '@/utils/db/sync-status';
import type { SyncStatus } from '@/utils/messaging';

const box = 'rounded-lg border border-gray-200 bg-white p-4';
const input = 'rounded border border-gray-300 bg-white px-2 py-1';
const button = 'rounded bg-orange-500 px-3 py-1 text-xs font-semibold text-white disabled:opacity-50';
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

function Storage() {
  const [usage, setUsage] = useState<{ used: number; quota: number; persisted: boolean } | null>(null);
  const load = () => {
    void Promise.all([navigator.storage.estimate(), navigator.storage.persisted()]).then(([e, persisted]) =>
      setUsage({ used: e.usage ?? 0, quota: e.quota ?? 0, persisted }), () => setUsage(null));
  };
  useEffect(load, []);
  return (
    <section className={box}>
      <h2 className="mb-2 font-semibold">{t('privacyStorage')}</h2>
      {usage && (
        <p className="text-xs text-gray-700" data-testid="storage-usage">
          {t('privacyStorageUsage', mb(usage.used), mb(usage.quota))} · {usage.persisted ? t('privacyPersisted') : t('privacyNotPersisted')}
        </p>
      )}
      {usage && !usage.persisted && (
        <button type="button" className={`${button} mt-2`} onClick={() => void askPersistentStorage().then(load)}>{t('privacyAskPersist')}</button>
      )}
    </section>
  );
}

const IMPORT_ERRORS: Record<NonNullable<ImportReport['error']>, MessageKey> = {
  'not-a-backup': 'privacyErrNotBackup',
  'needs-passphrase': 'privacyErrNeedsPassphrase',
  'wrong-passphrase': 'privacyErrWrongPassphrase',
  'newer-version': 'privacyErrNewer',
  incomplete: 'privacyErrIncomplete',
  'write-failed': 'privacyErrWriteFailed',
  'not-confirmed': 'privacyErrNotConfirmed',
  'too-large': 'privacyErrTooLarge',
};
const MAX_MB = MAX_BACKUP_BYTES / 1_048_576;

/** A backup's retention rules in words, or null when it carries none that are on. */
function retentionWords(s: ImportReport['backupRetention']): string | null {
  if (!s || (s.forgetAfterMonths === null && s.clearPhoneAfterMonths === null)) return null;
  const rules = [
    s.forgetAfterMonths !== null ? t('privacyRetentionForgetRule', s.forgetAfterMonths) : null,
    s.clearPhoneAfterMonths !== null ? t('privacyRetentionPhoneRule', s.clearPhoneAfterMonths) : null,
  ].filter((r) => r !== null);
  return rules.join('；');
}

/** A pre-replace backup offered for download: its Blob URL lives as long as the page. */
interface Kept {
  url: string;
  filename: string;
  counts: BeforeReplace['counts'];
}

/** The stores in the seller's words (the import report counts records by store). */
const STORE_NAMES: Record<string, MessageKey> = {
  customers: 'storeCustomers', orders: 'storeOrders', reviews: 'storeReviews', replies: 'storeReplies', campaigns: 'storeCampaigns',
  knowledge: 'storeKnowledge', taskStates: 'storeTaskStates', events: 'storeEvents', health: 'storeHealth', meta: 'storeMeta', forecasts: 'storeForecasts',
  careActions: 'storeCareActions', links: 'storeLinks',
};
const storeName = (store: string) => (STORE_NAMES[store] ? t(STORE_NAMES[store]) : store);

function Backup() {
  const [passphrase, setPassphrase] = useState('');
  // Typed twice: a typo in a passphrase nobody can see would make the backup impossible to open.
  const [again, setAgain] = useState('');
  const [exporting, setExporting] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [importPassphrase, setImportPassphrase] = useState('');
  // Each import's report is numbered, so a second import's answer is told from the first's.
  const [report, setReport] = useState<(ImportReport & { serial: number }) | null>(null);
  const [importing, setImporting] = useState(false);
  const serial = useRef(0);
  // A replace asked for: what is here now (shown), and what the seller typed to confirm.
  const [confirming, setConfirming] = useState<{ customers: number; orders: number } | null>(null);
  const [typed, setTyped] = useState('');
  // Every pre-replace backup of this visit, newest first: a second replace does not lose the first's.
  const [kept, setKept] = useState<Kept[]>([]);
  const keptUrls = useRef<string[]>([]);
  useEffect(() => () => keptUrls.current.forEach((u) => URL.revokeObjectURL(u)), []);
  const shortPassphrase = passphrase !== '' && passphraseLength(passphrase) < MIN_PASSPHRASE_LENGTH;
  const confirmWord = t('privacyReplaceConfirmWord');

  const doExport = async () => {
    setExporting(true);
    try {
      const text = await exportBackup(db(), passphrase ? { passphrase } : {});
      download(`laoke-backup-${shanghaiDate(Date.now())}${passphrase ? '-encrypted' : ''}.json`, 'application/json', text);
    } finally {
      setExporting(false);
    }
  };
  const run = async (confirmation?: string) => {
    if (!file) return;
    setImporting(true);
    setReport(null);
    setConfirming(null);
    setTyped('');
    try {
      const secret = importPassphrase ? { passphrase: importPassphrase } : {};
      const opts = confirmation !== undefined ? { mode: 'replace' as const, confirmation, ...secret } : { mode: 'merge' as const, ...secret };
      const result = await importBackupFile(db(), file, opts);
      setReport({ ...result, serial: ++serial.current });
      const before = result.beforeReplace;
      if (before) {
        const url = URL.createObjectURL(new Blob([before.text], { type: 'application/json' }));
        keptUrls.current.push(url);
        // The Shanghai wall clock, as the date beside it: two replaces a day get two names.
        const stamp = shanghaiDateTime(before.exportedAt).slice(11).replaceAll(':', '');
        setKept((list) => [{ url, filename: `laoke-backup-before-replace-${shanghaiDate(before.exportedAt)}-${stamp}.json`, counts: before.counts }, ...list]);
      }
    } finally {
      setImporting(false);
    }
  };
  /** Merge runs at once; replace first asks for the typed word (a file too large is refused first, unasked). */
  const doImport = async () => {
    if (!file) return;
    if (mode === 'merge' || file.size > MAX_BACKUP_BYTES) return run(mode === 'merge' ? undefined : '');
    setReport(null);
    setTyped('');
    const [customers, orders] = await Promise.all([db().customers.count(), db().orders.count()]);
    setConfirming({ customers, orders });
  };
  const accepted = report ? Object.entries(report.accepted).filter(([, n]) => n > 0) : [];
  return (
    <section className={box}>
      <h2 className="mb-1 font-semibold">{t('privacyBackup')}</h2>
      <p className="mb-2 text-xs text-gray-500">{t('privacyBackupHint')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <input className={input} type="password" autoComplete="new-password" placeholder={t('privacyPassphraseOptional')}
          value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="backup-passphrase" />
        {passphrase && (
          <input className={`${input} ${again && again !== passphrase ? 'border-red-400' : ''}`} type="password" autoComplete="new-password"
            placeholder={t('privacyPassphraseAgain')} value={again} onChange={(e) => setAgain(e.target.value)} data-testid="backup-passphrase-again" />
        )}
        <button type="button" className={button} disabled={exporting || shortPassphrase || (passphrase !== '' && again !== passphrase)} onClick={() => void doExport()}
          data-testid="backup-export">{t('privacyExport')}</button>
      </div>
      {shortPassphrase && <p className="mt-1 text-xs text-red-700" data-testid="backup-passphrase-short">{t('privacyPassphraseTooShort', MIN_PASSPHRASE_LENGTH)}</p>}
      <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-gray-100 pt-3">
        <input type="file" accept=".json,application/json" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setConfirming(null); }} data-testid="backup-file" className="text-xs" />
        <select className={input} value={mode} onChange={(e) => { setMode(e.target.value as 'merge' | 'replace'); setConfirming(null); }} data-testid="backup-mode">
          <option value="merge">{t('privacyMerge')}</option>
          <option value="replace">{t('privacyReplace')}</option>
        </select>
        <input className={input} type="password" autoComplete="off" placeholder={t('privacyPassphraseIfAny')}
          value={importPassphrase} onChange={(e) => setImportPassphrase(e.target.value)} data-testid="backup-import-passphrase" />
        <button type="button" className={button} disabled={!file || importing || confirming !== null} onClick={() => void doImport()} data-testid="backup-import">
          {mode === 'replace' ? t('privacyImportReplace') : t('privacyImportMerge')}
        </button>
      </div>
      {mode === 'replace' && <p className="mt-1 text-xs text-amber-700">{t('privacyReplaceWarning')}</p>}
      {confirming && (
        <div className="mt-2 space-y-2 rounded border border-red-200 bg-red-50 p-2 text-xs text-red-900" data-testid="backup-replace-confirmation">
          <p>{t('privacyReplaceConfirmPrompt', confirming.customers, confirming.orders, confirmWord)}</p>
          <div className="flex flex-wrap items-center gap-2">
            <input className={`${input} w-28`} autoComplete="off" placeholder={confirmWord} value={typed} onChange={(e) => setTyped(e.target.value)}
              data-testid="backup-replace-confirm" />
            <button type="button" className="rounded bg-red-600 px-3 py-1 text-xs font-semibold text-white disabled:opacity-50"
              disabled={!replaceConfirmed(typed) || importing} onClick={() => void run(typed)} data-testid="backup-replace-go">{t('privacyReplaceConfirmButton')}</button>
            <button type="button" className="rounded border border-gray-300 bg-white px-3 py-1 text-xs text-gray-700" onClick={() => setConfirming(null)}
              data-testid="backup-replace-cancel">{t('ccDeleteCancel')}</button>
          </div>
        </div>
      )}
      {report && (
        <div className={`mt-3 rounded p-2 text-xs ${report.ok ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-800'}`}
          data-testid="backup-report" data-ok={String(report.ok)} data-rejected={report.rejectedCount} data-serial={report.serial}>
          {report.ok ? (
            <p>{t('privacyImported', accepted.map(([store, n]) => `${storeName(store)} ${n}`).join('，') || '0')}</p>
          ) : (
            <p>{report.error === 'incomplete' ? t('privacyErrIncomplete', report.rejectedCount) : t(IMPORT_ERRORS[report.error ?? 'write-failed'], MAX_MB)}</p>
          )}
          {retentionWords(report.backupRetention) && (
            <p className="mt-1 text-amber-800" data-testid="backup-retention">{t('privacyBackupRetention', retentionWords(report.backupRetention)!)}</p>
          )}
          {report.rejectedCount > 0 && (
            <>
              <p className="mt-1 font-semibold">{t('privacyRejected', report.rejectedCount)}</p>
              <ul className="mt-1 max-h-40 list-disc overflow-auto pl-4" data-testid="backup-rejected">
                {report.rejected.map((r, i) => <li key={i}>{r.store} #{r.index}: {r.reason}</li>)}
              </ul>
            </>
          )}
        </div>
      )}
      {kept.length > 0 && (
        <div className="mt-2 rounded border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900">
          <p>{t('privacyPreviousHint')}</p>
          <ul className="mt-1 space-y-1">
            {kept.map((k) => (
              <li key={k.url}>
                <a className="font-semibold text-orange-700 underline" href={k.url} download={k.filename} data-testid="backup-before-replace"
                  data-customers={k.counts.customers ?? 0} data-orders={k.counts.orders ?? 0}>{t('privacyPreviousDownload')}</a>
                {' '}({storeName('customers')} {k.counts.customers ?? 0}，{storeName('orders')} {k.counts.orders ?? 0})
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** A number of months, or blank for off. */
function monthsValue(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

function Retention() {
  const [forget, setForget] = useState('');
  const [phone, setPhone] = useState('');
  const [status, setStatus] = useState<{ kind: 'saved' | 'invalid' | 'applied'; text: string } | null>(null);
  // What applying would do, shown before anything is deleted: a 1 typed for a 12 must not cost the shop.
  const [preview, setPreview] = useState<{ settings: RetentionSettings; forgotten: number; phonesCleared: number } | null>(null);
  useEffect(() => {
    void retentionSettings(db()).then((s) => {
      setForget(s.forgetAfterMonths?.toString() ?? '');
      setPhone(s.clearPhoneAfterMonths?.toString() ?? '');
    });
  }, []);
  const parsed = (): RetentionSettings | null => {
    const r = retentionSettingsSchema.safeParse({ forgetAfterMonths: monthsValue(forget), clearPhoneAfterMonths: monthsValue(phone) });
    if (!r.success) setStatus({ kind: 'invalid', text: t('privacyRetentionInvalid') });
    return r.success ? r.data : null;
  };
  /** Saving turns the daily check on: the seller sees first what it would remove today. */
  const review = async () => {
    const settings = parsed();
    if (!settings) return;
    setStatus(null);
    setPreview({ settings, ...(await applyRetention(db(), Date.now(), settings, { dryRun: true })) });
  };
  const confirm = async (applyNow: boolean) => {
    if (!preview) return;
    await saveRetentionSettings(db(), preview.settings);
    if (applyNow) {
      const result = await applyRetention(db(), Date.now(), preview.settings);
      setStatus({ kind: 'applied', text: t('privacyRetentionApplied', result.forgotten, result.phonesCleared) });
    } else {
      setStatus({ kind: 'saved', text: t('privacyRetentionSaved') });
    }
    setPreview(null);
  };
  return (
    <section className={box}>
      <h2 className="mb-1 font-semibold">{t('privacyRetention')}</h2>
      <p className="mb-2 text-xs text-gray-500">{t('privacyRetentionHint')}</p>
      <div className="space-y-2 text-xs">
        <label className="flex items-center gap-2">{t('privacyForgetAfter')}
          <input className={`${input} w-20`} inputMode="numeric" value={forget} onChange={(e) => { setForget(e.target.value); setPreview(null); }} data-testid="retention-forget" />
          {t('privacyForgetSuffix')}
        </label>
        <label className="flex items-center gap-2">{t('privacyPhoneAfter')}
          <input className={`${input} w-20`} inputMode="numeric" value={phone} onChange={(e) => { setPhone(e.target.value); setPreview(null); }} data-testid="retention-phone" />
          {t('privacyPhoneSuffix')}
        </label>
        {!preview ? (
          <button type="button" className={button} onClick={() => void review()} data-testid="retention-review">{t('privacyRetentionReview')}</button>
        ) : (
          <div className="space-y-2 rounded border border-amber-200 bg-amber-50 p-2 text-amber-900" data-testid="retention-preview"
            data-forgotten={preview.forgotten} data-phones={preview.phonesCleared}>
            <p>{t('privacyRetentionPreview', preview.forgotten, preview.phonesCleared)}</p>
            <div className="flex gap-2">
              <button type="button" className={button} onClick={() => void confirm(false)} data-testid="retention-save">{t('privacyRetentionSave')}</button>
              <button type="button" className="rounded bg-red-600 px-3 py-1 text-xs font-semibold text-white" onClick={() => void confirm(true)} data-testid="retention-apply">
                {t('privacyRetentionApplyNow')}
              </button>
              <button type="button" className="rounded border border-gray-300 bg-white px-3 py-1 text-xs text-gray-700" onClick={() => setPreview(null)}>{t('ccDeleteCancel')}</button>
            </div>
          </div>
        )}
        {status && <p className={status.kind === 'invalid' ? 'text-red-700' : 'text-green-800'} data-testid="retention-status" data-kind={status.kind}>{status.text}</p>}
      </div>
    </section>
  );
}

/** What team sync changes (团队同步): nothing while it is off; while on, where the sealed copy goes. */
function SyncPrivacy() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    void readSyncStatus(db()).then(setStatus, () => setStatus(null));
  }, []);
  if (!status) return null;
  return <li data-testid="privacy-sync">{status.on ? t('syncOnPrivacy', status.url, status.db) : t('syncOffPrivacy')}</li>;
}

export function Privacy() {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section className={`${box} lg:col-span-2`} data-testid="privacy-explain">
        <h2 className="mb-2 font-semibold">{t('privacyTitle')}</h2>
        <ul className="list-disc space-y-1 pl-5 text-xs leading-5 text-gray-700">
          <li>{t('privacyWhat')}</li>
          <li>{t('privacyWhere')}</li>
          <li data-testid="privacy-consoles">{t('privacyConsoles')}</li>
          <li>{t('privacyHowLong')}</li>
          <li>{t('privacyNever')}</li>
          <li>{t('privacyDelete')}</li>
          <SyncPrivacy />
        </ul>
      </section>
      <Backup />
      <div className="space-y-4">
        <Retention />
        <Storage />
      </div>
    </div>
  );
}
