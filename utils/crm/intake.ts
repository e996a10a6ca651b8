// What the background refuses from a console tab before it becomes data, pure: readings dated in the
// future, and more orders than a person paging through a console could ever bring.
//
// A seller paging as fast as the console answers reads a few pages of 20–100 orders a second: a few
// thousand orders a minute. 20,000 a minute from one tab is far beyond that, and is what a page script
// forging rows to fill the database would need. Only orders new to the database count (the ingest asks
// once it has read what is stored, utils/db/ingest.ts IngestOptions.admitNew): a page script replaying
// the console's own requests for pages already stored adds nothing and cannot fill the window to lock
// the seller's next real page out.

import { DAY_MS } from './time';

/** Orders new to the database one tab may hand over in any 60 seconds. */
export const FLOOD_LIMIT = 20_000;
export const FLOOD_WINDOW_MS = 60_000;
/** A console time more than a day ahead of this machine's clock is not a time the console showed. */
export const MAX_FUTURE_MS = DAY_MS;

/** The first timestamp in `times` later than now + 1 day, or undefined when there is none. */
export function futureTime(times: Iterable<number | undefined>, now: number): number | undefined {
  for (const t of times) if (t !== undefined && t > now + MAX_FUTURE_MS) return t;
  return undefined;
}

/**
 * New orders admitted per tab over a sliding 60-second window: `count` is how many orders of a batch were
 * never stored (re-readings are not counted, and a batch with none is not asked about). A batch that
 * would take the tab past the limit is refused whole (a page is written whole or not at all), and does
 * not count. A batch admitted whose write then fails still counts (the guard errs towards refusing).
 */
export class FloodGuard {
  private readonly seen = new Map<string, { at: number; n: number }[]>();

  constructor(private readonly limit = FLOOD_LIMIT, private readonly windowMs = FLOOD_WINDOW_MS) {}

  admit(tab: string, count: number, now: number): boolean {
    const recent = (this.seen.get(tab) ?? []).filter((b) => now - b.at < this.windowMs);
    const total = recent.reduce((sum, b) => sum + b.n, 0);
    if (total + count > this.limit) {
      this.seen.set(tab, recent);
      return false;
    }
    recent.push({ at: now, n: count });
    this.seen.set(tab, recent);
    return true;
  }

  /** A closed tab's history is dropped. */
  forget(tab: string): void {
    this.seen.delete(tab);
  }
}
