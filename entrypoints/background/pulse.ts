// The popup's running aggregate: forgotten the moment an ingest changes anything, computed again once
// the pages stop coming, so the popup opens on one read (utils/db/pulse.ts).
import { forgetPulseSnapshot, savePulseSnapshot } from '@/utils/db/pulse';
import { db } from '@/utils/db/schema';

let timer: ReturnType<typeof setTimeout> | undefined;
// Long enough that a seller paging through a list does not have the worker recompute after every page.
const QUIET_MS = 10_000;

export async function pulseChanged(): Promise<void> {
  await forgetPulseSnapshot(db());
  clearTimeout(timer);
  timer = setTimeout(() => void savePulseSnapshot(db()).catch((err: unknown) => console.error('[laoke] pulse', err)), QUIET_MS);
}
