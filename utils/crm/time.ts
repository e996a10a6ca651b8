// Console times carry no zone and are China Standard Time (UTC+8, no daylight saving since 1991).

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
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

export const DAY_MS = 86_400_000;

/** The China calendar day of an instant, as a day number (days since 1970-01-01 in Shanghai). */
export function shanghaiDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Midnight in China starting the given day number, as epoch ms. */
export function shanghaiMidnight(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}
