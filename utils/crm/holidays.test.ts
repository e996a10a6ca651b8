import fc from 'fast-check';
import { Solar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { holidaysBetween, type Holiday } from './holidays';
import { parseShanghaiTime, shanghaiDate, shanghaiDateTime } from './time';

const DAY = 86_400_000;

function at(text: string): number {
  const ms = parseShanghaiTime(text.length === 10 ? `${text} 00:00` : text);
  if (ms === null) throw new Error(`bad time ${text}`);
  return ms;
}

const show = (hs: Holiday[]) => hs.map((h) => `${shanghaiDate(h.date)} ${h.name}`);

describe('holidays between two instants', () => {
  it('2026, checked against the published calendar', () => {
    // 腊八 of the lunar year 2025 falls on 2026-01-26; 腊八 of lunar 2026 is 2027-01-15, outside the year.
    expect(show(holidaysBetween(at('2026-01-01'), at('2027-01-01')))).toEqual([
      '2026-01-01 元旦',
      '2026-01-26 腊八',
      '2026-02-17 春节',
      '2026-03-03 元宵',
      '2026-04-05 清明',
      '2026-05-01 劳动节',
      '2026-06-19 端午',
      '2026-08-19 七夕',
      '2026-09-25 中秋',
      '2026-10-01 国庆',
      '2026-10-18 重阳',
    ]);
  });

  it('2025 and 2027', () => {
    expect(show(holidaysBetween(at('2025-01-01'), at('2026-01-01')))).toEqual([
      '2025-01-01 元旦', '2025-01-07 腊八', '2025-01-29 春节', '2025-02-12 元宵', '2025-04-04 清明', '2025-05-01 劳动节',
      '2025-05-31 端午', '2025-08-29 七夕', '2025-10-01 国庆', '2025-10-06 中秋', '2025-10-29 重阳',
    ]);
    const y2027 = holidaysBetween(at('2027-01-01'), at('2028-01-01'));
    expect(y2027.find((h) => h.id === 'spring')).toEqual({ id: 'spring', name: '春节', date: at('2027-02-06'), lunar: true });
    expect(show(y2027.filter((h) => ['laba', 'qingming', 'dragonboat', 'midautumn'].includes(h.id)))).toEqual([
      '2027-01-15 腊八', '2027-04-05 清明', '2027-06-09 端午', '2027-09-15 中秋',
    ]);
  });

  it('marks which follow the lunar calendar; 清明 is a solar term', () => {
    const lunar = Object.fromEntries(holidaysBetween(at('2026-01-01'), at('2027-01-01')).map((h) => [h.id, h.lunar]));
    expect(lunar).toEqual({
      newyear: false, laba: true, spring: true, lantern: true, qingming: false, labour: false, dragonboat: true,
      qixi: true, midautumn: true, national: false, chongyang: true,
    });
  });

  it('a year can have two 腊八: 2022-01-10 and 2022-12-30', () => {
    expect(show(holidaysBetween(at('2022-01-01'), at('2023-01-01')).filter((h) => h.id === 'laba'))).toEqual([
      '2022-01-10 腊八', '2022-12-30 腊八',
    ]);
  });

  it('two on one day come in a fixed order: 2020-10-01 was 中秋 and 国庆', () => {
    expect(holidaysBetween(at('2020-10-01'), at('2020-10-02')).map((h) => h.id)).toEqual(['midautumn', 'national']);
  });

  it('the date is midnight in Shanghai, and the range is [from, to)', () => {
    const spring = at('2026-02-17');
    expect(new Date(spring).toISOString()).toBe('2026-02-16T16:00:00.000Z');
    expect(holidaysBetween(spring, spring + 1).map((h) => h.id)).toEqual(['spring']);
    expect(holidaysBetween(spring + 1, spring + DAY)).toEqual([]);
    expect(holidaysBetween(spring - DAY, spring)).toEqual([]);
    // Midnight UTC on 02-17 is 08:00 in Shanghai: past the start of the day.
    expect(holidaysBetween(Date.UTC(2026, 1, 17), Date.UTC(2026, 1, 18))).toEqual([]);
  });

  it('nothing for an empty, reversed or unbounded range', () => {
    expect(holidaysBetween(at('2026-02-17'), at('2026-02-17'))).toEqual([]);
    expect(holidaysBetween(at('2026-03-01'), at('2026-02-01'))).toEqual([]);
    expect(holidaysBetween(-Infinity, at('2026-02-01'))).toEqual([]);
    expect(holidaysBetween(0, NaN)).toEqual([]);
  });

  it('returns copies: changing one does not change the next answer', () => {
    const first = holidaysBetween(at('2026-02-17'), at('2026-02-18'));
    first[0]!.name = 'x';
    expect(holidaysBetween(at('2026-02-17'), at('2026-02-18'))[0]!.name).toBe('春节');
  });

  // Over 1950–2100: every lunar holiday reads back as its lunar day, 清明 as the solar term, the rest by date.
  const CENTURY = holidaysBetween(at('1950-01-01'), at('2101-01-01'));
  const FIXED_DAY: Record<string, string> = { newyear: '1-1', labour: '5-1', national: '10-1' };
  const LUNAR_DAY: Record<string, [number, number]> = {
    spring: [1, 1], lantern: [1, 15], dragonboat: [5, 5], qixi: [7, 7], midautumn: [8, 15], chongyang: [9, 9], laba: [12, 8],
  };

  it('each day reads back through the library the other way', () => {
    for (const h of CENTURY) {
      const [y, m, d] = shanghaiDate(h.date).split('-').map(Number) as [number, number, number];
      const lunar = Solar.fromYmd(y, m, d).getLunar();
      const want = LUNAR_DAY[h.id];
      if (want) expect([lunar.getMonth(), lunar.getDay()], `${h.id} ${y}`).toEqual(want);
      else if (h.id === 'qingming') expect(lunar.getJieQi()).toBe('清明');
      else expect(`${m}-${d}`).toBe(FIXED_DAY[h.id]);
      expect(shanghaiDateTime(h.date).endsWith(' 00:00:00')).toBe(true);
    }
  });

  it('each holiday once a year, a lunar year apart (353 to 385 days)', () => {
    for (const id of ['newyear', 'spring', 'lantern', 'qingming', 'labour', 'dragonboat', 'qixi', 'midautumn', 'national', 'chongyang', 'laba']) {
      const dates = CENTURY.filter((h) => h.id === id).map((h) => h.date);
      if (id !== 'laba') expect(dates.length, id).toBe(151);
      for (let i = 1; i < dates.length; i++) {
        const gap = (dates[i]! - dates[i - 1]!) / DAY;
        expect(gap, `${id} ${shanghaiDate(dates[i]!)}`).toBeGreaterThanOrEqual(id === 'laba' || LUNAR_DAY[id] ? 353 : 365);
        expect(gap, `${id} ${shanghaiDate(dates[i]!)}`).toBeLessThanOrEqual(LUNAR_DAY[id] ? 385 : 366);
      }
    }
  });

  it('splitting a range splits the answer, which stays sorted', () => {
    const start = at('2020-01-01');
    const span = 3 * 365 * DAY;
    fc.assert(fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), (a, b, c) => {
      const [x, y, z] = [a, b, c].sort((p, q) => p - q).map((v) => start + v) as [number, number, number];
      const whole = holidaysBetween(x, z);
      expect(whole).toEqual([...holidaysBetween(x, y), ...holidaysBetween(y, z)]);
      for (const h of whole) expect(h.date >= x && h.date < z).toBe(true);
      expect(whole.map((h) => h.date)).toEqual(whole.map((h) => h.date).sort((p, q) => p - q));
    }), { numRuns: 200 });
  });
});
