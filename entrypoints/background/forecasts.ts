// The lifetime models, refitted in the background once ingest goes quiet (a fit over 100,000 customers
// takes about a second on this thread, never the page's), and at start when the last fit is a day old:
// P(active) moves with the clock even when nothing is bought.
import { forecastModel, refreshForecasts } from '@/utils/db/forecasts';
import { db } from '@/utils/db/schema';

const QUIET_MS = 10_000;
const STALE_MS = 24 * 3_600_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<unknown> = Promise.resolve();
let onRefit: () => void = () => {};

function refit(): void {
  running = running
    .then(() => refreshForecasts(db()))
    .then(() => onRefit())
    .catch((err: unknown) => console.error('[laoke] forecast', err));
}

export function forecastsChanged(): void {
  clearTimeout(timer);
  timer = setTimeout(refit, QUIET_MS);
}

/** `refitted` runs after every fit (the audiences cache holds the forecasts it loaded). */
export function startForecasts(refitted: () => void): void {
  onRefit = refitted;
  void forecastModel(db()).then((model) => {
    if (!model || Date.now() - model.fittedAt > STALE_MS) forecastsChanged();
  }, (err: unknown) => console.error('[laoke] forecast', err));
}
