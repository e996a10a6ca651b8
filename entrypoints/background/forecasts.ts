// The lifetime models, refitted in the background once ingest goes quiet (a fit over 100,000 customers
// takes about a second on this thread, never the page's). Observation ends when order pages were last
// read (utils/db/forecasts.ts), so a refit is worth it only after pages were read: when they changed
// something, or, unchanged, when the last fit is a day old (the buyers' silence has grown meanwhile).
import { forecastModel, refreshForecasts } from '@/utils/db/forecasts';
import { db } from '@/utils/db/schema';

const QUIET_MS = 10_000;
const STALE_MS = 24 * 3_600_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<unknown> = Promise.resolve();
let lastFitAt = 0;
let onRefit: () => void = () => {};

function refit(): void {
  running = running
    .then(() => refreshForecasts(db()))
    .then((model) => {
      lastFitAt = model.fittedAt;
      onRefit();
    })
    .catch((err: unknown) => console.error('[laoke] forecast', err));
}

function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(refit, QUIET_MS);
}

/** After an order page was read: `changed` when it changed any order. */
export function ordersRead(changed: boolean, now = Date.now()): void {
  if (changed || now - lastFitAt > STALE_MS) schedule();
}

/** `refitted` runs after every fit (the audiences cache holds the forecasts it loaded). */
export function startForecasts(refitted: () => void): void {
  onRefit = refitted;
  void forecastModel(db()).then((model) => {
    lastFitAt = model?.fittedAt ?? 0;
    // A database from before the models (or a fit that never finished): fit now.
    if (!model) schedule();
  }, (err: unknown) => console.error('[laoke] forecast', err));
}
