// The China calendar, defined once. Console times carry no zone and are China Standard Time (UTC+8, no
// daylight saving since 1991); every day, week, month and hour a seller sees is a Shanghai one. Done as
// `ms + 8h` arithmetic: no Intl, no Date getters on the hot paths, no allocation per order.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const LOCAL = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** "2025-05-20 21:14:09" (Asia/Shanghai) → epoch ms. Null when it is not a valid date and time. */
export function parseShanghaiTime(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = LOCAL.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  // Reject 2025-02-30 and friends, which Date.UTC silently rolls over.
  if (new Date(utc).getUTCDate() !== d) return null;
  return utc - SHANGHAI_OFFSET_MS;
}

/** Epoch ms → "2025-05-20" in Asia/Shanghai, the date a seller sees in the console. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms → "2025-05-20 21:14:09" in Asia/Shanghai. */
export function shanghaiDateTime(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The China calendar day of an instant, as a day number (days since 1970-01-01 in Shanghai). */
export function shanghaiDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Midnight in China starting the given day number, as epoch ms. */
export function shanghaiMidnight(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Whole days from `at` to `now` (elapsed, not calendar). A time in the future (a skewed clock) counts as 0. */
export function daysSince(at: number, now: number): number {
  return Math.max(0, Math.floor((now - at) / DAY_MS));
}

/** The Shanghai calendar year of an instant. */
export function shanghaiYear(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

export interface DateRange {
  from: number;
  to: number;
}

/** Midnight (Shanghai) of the day containing ms. */
export function shanghaiDayStart(ms: number): number {
  return shanghaiMidnight(shanghaiDay(ms));
}

/** The last n calendar days ending today (today included): [midnight n−1 days ago, tomorrow's midnight). */
export function lastDays(now: number, n: number): DateRange {
  const to = shanghaiDayStart(now) + DAY_MS;
  return { from: to - Math.max(0, Math.floor(n)) * DAY_MS, to };
}

/** 0 = Monday … 6 = Sunday, Shanghai time (1 Jan 1970 was a Thursday). */
export function shanghaiWeekday(ms: number): number {
  return (((shanghaiDay(ms) + 3) % 7) + 7) % 7;
}

/** Hour of the day 0–23, Shanghai time. */
export function shanghaiHour(ms: number): number {
  const inDay = (((ms + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(inDay / HOUR_MS);
}

/** Months since year 0 (year × 12 + month − 1) of the Shanghai date of ms; civil-from-days, allocation free. */
export function shanghaiMonthIndex(ms: number): number {
  // H. Hinnant's civil_from_days, proleptic Gregorian.
  const z = shanghaiDay(ms) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** A month index back to 'YYYY-MM'. */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}`;
}
