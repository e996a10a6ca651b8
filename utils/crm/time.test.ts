import { describe, expect, it } from 'vitest';
import { parseShanghaiTime, shanghaiDate, shanghaiDateTime } from './time';

describe('console times are Asia/Shanghai (UTC+8)', () => {
  it('21:14:09 in Shanghai is 13:14:09 UTC the same day', () => {
    expect(parseShanghaiTime('2025-05-20 21:14:09')).toBe(Date.UTC(2025, 4, 20, 13, 14, 9));
  });

  it('00:30 on 1 June in Shanghai is still 31 May in UTC', () => {
    expect(new Date(parseShanghaiTime('2025-06-01 00:30:00')!).toISOString()).toBe('2025-05-31T16:30:00.000Z');
  });

  it('reads the date back as the seller sees it', () => {
    const ms = parseShanghaiTime('2025-06-01 00:30:00')!;
    expect(shanghaiDate(ms)).toBe('2025-06-01');
    expect(shanghaiDateTime(ms)).toBe('2025-06-01 00:30:00');
  });

  it('accepts a date alone and minutes without seconds', () => {
    expect(parseShanghaiTime('2025-05-20')).toBe(Date.UTC(2025, 4, 19, 16));
    expect(parseShanghaiTime('2025/5/20 08:05')).toBe(Date.UTC(2025, 4, 20, 0, 5));
  });

  it.each(['2025-02-30 10:00:00', '2025-13-01', '2025-05-20 24:00:00', 'yesterday', '', 1716210849000])(
    'rejects %s', (v) => expect(parseShanghaiTime(v)).toBeNull(),
  );
});
