// Chinese holidays for greetings (节日问候), pure. Sellers greet their returning customers on the
// festivals (shared/SELLERS.md); most of them follow the lunar calendar, so their dates come from the
// maintained calendar library lunar-typescript (6tail) rather than a hand-kept table:
// 春节 正月初一, 元宵 正月十五, 端午 五月初五, 七夕 七月初七, 中秋 八月十五, 重阳 九月初九, 腊八 腊月初八;
// 清明 is the solar term (节气) of that name; 元旦, 劳动节 and 国庆 are fixed dates.
// A holiday's `date` is midnight in Asia/Shanghai (UTC+8, no daylight saving) of its day.
import { Lunar } from 'lunar-typescript';
import { SHANGHAI_OFFSET_MS, shanghaiYear } from './time';

export type HolidayId =
  | 'newyear' | 'spring' | 'lantern' | 'qingming' | 'labour' | 'dragonboat' | 'qixi' | 'midautumn' | 'national'
  | 'chongyang' | 'laba';

export interface Holiday {
  id: HolidayId;
  /** 元旦, 春节, 元宵, 清明, 劳动节, 端午, 七夕, 中秋, 国庆, 重阳, 腊八. */
  name: string;
  /** Shanghai midnight of the holiday's day, epoch ms. */
  date: number;
  /** Follows the lunar calendar (清明, a solar term, does not). */
  lunar: boolean;
}


/** In calendar order within a year; also the order of two holidays on one day. */
const FIXED: readonly [HolidayId, string, number, number][] = [
  ['newyear', '元旦', 1, 1],
  ['labour', '劳动节', 5, 1],
  ['national', '国庆', 10, 1],
];
const LUNAR: readonly [HolidayId, string, number, number][] = [
  ['spring', '春节', 1, 1],
  ['lantern', '元宵', 1, 15],
  ['dragonboat', '端午', 5, 5],
  ['qixi', '七夕', 7, 7],
  ['midautumn', '中秋', 8, 15],
  ['chongyang', '重阳', 9, 9],
  ['laba', '腊八', 12, 8],
];
const ORDER: readonly HolidayId[] = [
  'newyear', 'laba', 'spring', 'lantern', 'qingming', 'labour', 'dragonboat', 'qixi', 'midautumn', 'national', 'chongyang',
];

/** The library covers years 1–9999; nothing outside that is asked of it. */
const MIN_YEAR = 1;
const MAX_YEAR = 9998;

function shanghaiMidnightOf(y: number, m: number, d: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime() - SHANGHAI_OFFSET_MS;
}

const byYear = new Map<number, readonly Holiday[]>();

/**
 * The holidays of year `y`: the fixed ones and 清明 of solar year y, the lunar ones of lunar year y
 * (腊八 of lunar year y falls in late December of y or in January of y + 1). Memoised: dates never change.
 */
function holidaysOfYear(y: number): readonly Holiday[] {
  const cached = byYear.get(y);
  if (cached) return cached;
  const list: Holiday[] = FIXED.map(([id, name, m, d]) => ({ id, name, date: shanghaiMidnightOf(y, m, d), lunar: false }));
  for (const [id, name, m, d] of LUNAR) {
    const s = Lunar.fromYmd(y, m, d).getSolar();
    list.push({ id, name, date: shanghaiMidnightOf(s.getYear(), s.getMonth(), s.getDay()), lunar: true });
  }
  // The jieqi table of lunar year y runs from the previous 大雪 to the next 惊蛰; its 清明 is April of y.
  const qm = Lunar.fromYmd(y, 1, 1).getJieQiTable()['清明'];
  if (qm) list.push({ id: 'qingming', name: '清明', date: shanghaiMidnightOf(qm.getYear(), qm.getMonth(), qm.getDay()), lunar: false });
  byYear.set(y, list);
  return list;
}

/**
 * Holidays whose day falls in [from, to), by date; two on one day (中秋 and 国庆 on 2020-10-01) in a fixed
 * order, 中秋 first. Lunar ones from lunar-typescript, 清明 from the solar term, fixed ones by date.
 * Empty when the range is empty or not finite.
 */
export function holidaysBetween(from: number, to: number): Holiday[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return [];
  const first = Math.max(MIN_YEAR, shanghaiYear(from) - 1);
  const last = Math.min(MAX_YEAR, shanghaiYear(to - 1));
  const out: Holiday[] = [];
  for (let y = first; y <= last; y++) {
    for (const h of holidaysOfYear(y)) if (h.date >= from && h.date < to) out.push({ ...h });
  }
  return out.sort((a, b) => a.date - b.date || ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
}
