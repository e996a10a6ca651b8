import { describe, expect, it } from 'vitest';
import { formatFen, yuanToFen } from './money';

describe('yuanToFen: console money strings become integer fen', () => {
  it.each([
    ['238.00', 23800],
    ['￥1,238.5', 123850],
    ['¥0.10', 10],
    ['19.9', 1990],
    ['1,365.50', 136550],
    ['7', 700],
    ['0.07', 7],
    [' 45.00 元', 4500],
  ])('%s → %d fen', (text, fen) => expect(yuanToFen(text)).toBe(fen));

  it('adds without floating-point drift: 0.10 + 0.20 is exactly 30 fen', () => {
    expect(yuanToFen('0.10')! + yuanToFen('0.20')!).toBe(30);
  });

  it('rejects amounts beyond ¥10 billion, which no console row holds', () => {
    expect(yuanToFen('10000000000.00')).toBe(1_000_000_000_000);
    expect(yuanToFen('10000000000.01')).toBeNull();
    expect(yuanToFen(10000000000.005001)).toBeNull();
  });

  it.each(['', 'abc', '1.234', '1.2.3', '--1', 'NaN', null, undefined, {}, Infinity])('rejects %s', (v) => {
    expect(yuanToFen(v)).toBeNull();
  });
});

describe('formatFen: how a seller writes money', () => {
  it.each([
    [160300, '¥1,603'],
    [160350, '¥1,603.50'],
    [5, '¥0.05'],
    [0, '¥0'],
    [123456789, '¥1,234,567.89'],
  ])('%d fen → %s', (fen, text) => expect(formatFen(fen)).toBe(text));
});
