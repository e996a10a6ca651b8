// The lifetime models, refitted in the background once ingest goes quiet (a fit over 100,000 customers
// takes a second or two on this thread, never the page's; it pauses every few milliseconds, so badges
// are answered meanwhile: utils/db/forecasts.ts). Observation ends when order pages were last
// read (utils/db/forecasts.ts), so a refit is worth it only after pages were read: when the customers
// changed since the last fit (by anyone: an ingest, a restore, a deletion; the data version tells), or,
// unchanged, when the last fit is a day old (the buyers' silence has grown meanwhile).
import { readDataVersion, versionOf } from '@/utils/db/data-version';
import { FIT_READS, forecastModel, refreshForecasts } from '@/utils/db/forecasts';
import { db } from '@/utils/db/schema';
import { backgroundTurn } from './foreground';

const QUIET_MS = 10_000;
/**
 * Longest a refit is put off by pages read meanwhile: console pages whose scripts replay the list's
 * requests (or a seller paging for long) would otherwise put it off for ever. It pauses for their
 * answers anyway (foreground.ts).
 */
export const MAX_DEFER_MS = 120_000;
const STALE_MS = 24 * 3_600_000;
let timer: ReturnType<typeof setTimeout> | undefined;
/** When the refit now waiting was first asked for. */
let askedAt: number | undefined;
let running: Promise<unknown> = Promise.resolve();
let lastFitAt = 0;
/** The customers' version the last fit read (kept with the model); -1 when unknown. */
let fittedVersion = -1;

function refit(): void {
  running = running
    .then(async () => {
      // User Timing marks (nothing leaves the worker): the benchmark finds the refit's span with them.
      performance.mark('laoke:refit-start');
      const model = await refreshForecasts(db(), Date.now(), { pause: backgroundTurn });
      performance.measure('laoke:refit', 'laoke:refit-start');
      lastFitAt = model.fittedAt;
      fittedVersion = model.customersVersion ?? -1;
    })
    .catch((err: unknown) => console.error('[laoke] forecast', err));
}

function schedule(now = Date.now()): void {
  clearTimeout(timer);
  askedAt ??= now;
  timer = setTimeout(() => {
    askedAt = undefined;
    refit();
  }, Math.max(0, Math.min(QUIET_MS, askedAt + MAX_DEFER_MS - now)));
}

/** After an order page was read, a customer deleted, or the panel asked for audiences. */
export async function ordersRead(now = Date.now()): Promise<void> {
  const version = versionOf(await readDataVersion(db()), FIT_READS);
  if (version !== fittedVersion || now - lastFitAt > STALE_MS) schedule(now);
}

export function startForecasts(): void {
  void forecastModel(db()).then(async (model) => {
    lastFitAt = model?.fittedAt ?? 0;
    fittedVersion = model?.customersVersion ?? -1;
    // A database from before the models, a fit that never finished, or customers changed since (a
    // restore on the dashboard, while this worker slept): fit soon.
    if (!model) schedule();
    else await ordersRead();
  }).catch((err: unknown) => console.error('[laoke] forecast', err));
}
