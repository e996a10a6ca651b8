// Team sync's state in words, for the sync page and the popup (团队同步): 已同步 only when nothing is
// waiting, the last cycle went through and none is running.
import type { SyncError, SyncStatus } from '@/utils/messaging';
import { t, type MessageKey } from '@/utils/i18n';

export const SYNC_ERRORS: Record<SyncError, MessageKey> = {
  badUrl: 'syncError_badUrl',
  wrongPassphrase: 'syncError_wrongPassphrase',
  damaged: 'syncError_damaged',
  unreachable: 'syncError_unreachable',
  unauthorized: 'syncError_unauthorized',
  noDatabase: 'syncError_noDatabase',
  quota: 'syncError_quota',
  other: 'syncError_other',
};

export function agoWords(at: number, now: number): string {
  const min = Math.floor(Math.max(0, now - at) / 60_000);
  if (min < 1) return t('syncAgoJustNow');
  if (min < 60) return t('syncAgoMinutes', min);
  if (min < 48 * 60) return t('syncAgoHours', Math.floor(min / 60));
  return t('syncAgoDays', Math.floor(min / 1440));
}

/** The state: off, synced, syncing, N waiting, or the error; then when it last synced. */
export function syncWords(s: SyncStatus, now: number): { state: string; last: string; error: string | null; synced: boolean } {
  if (!s.on) return { state: t('syncStateOff'), last: '', error: null, synced: false };
  const synced = !s.running && s.pending === 0 && !s.error && s.lastSyncAt !== undefined;
  const state = s.running ? t('syncStateRunning') : s.pending > 0 ? t('syncStatePending', s.pending) : s.lastSyncAt === undefined ? t('syncNever') : t('syncStateSynced');
  return {
    state: s.error && !s.running ? `${s.pending > 0 ? `${t('syncStatePending', s.pending)} · ` : ''}${t(SYNC_ERRORS[s.error])}` : state,
    last: s.lastSyncAt !== undefined ? t('syncLastAt', agoWords(s.lastSyncAt, now)) : t('syncNever'),
    error: s.error ? t(SYNC_ERRORS[s.error]) : null,
    synced,
  };
}
