// The browser's storage quota, in the seller's words. A write that runs out of room aborts its whole
// transaction (IndexedDB's own guarantee, which every Laoke write relies on: one page, one transaction),
// so what was stored before stays; the seller is told what happened and what to do.

/** True for a QuotaExceededError, whether raised directly or wrapped by Dexie (AbortError with an inner cause). */
export function isQuotaError(err: unknown): boolean {
  for (let e = err as { name?: unknown; inner?: unknown } | null | undefined, depth = 0; e && depth < 5; e = e.inner as typeof e, depth++) {
    if (e.name === 'QuotaExceededError' || (e.name === 'DataError' && /quota/i.test(String((e as { message?: unknown }).message)))) return true;
  }
  return false;
}

/** Asks the browser to keep Laoke's data under storage pressure (no prompt for an extension); false if refused. */
export async function askPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persisted?.()) || ((await navigator.storage?.persist?.()) ?? false);
  } catch {
    return false;
  }
}
