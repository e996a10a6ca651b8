import { describe, expect, it } from 'vitest';
import { formatFen, proratedRefundFen, yuanToFen } from './money';

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

describe('proratedRefundFen: what an item refund gave back', () => {
  const item = (unitFen: number, refunded: boolean, quantity = 1) => ({ unitFen, quantity, refunded });
  it('two ¥100 items bought for ¥180, one refunded: ¥90 back', () => {
    expect(proratedRefundFen(18000, [item(10000, false), item(10000, true)])).toBe(9000);
  });
  it('¥398 ×3 and ¥171.50 paid in full (¥1,365.50), the ¥171.50 item refunded: exactly ¥171.50 back', () => {
    expect(proratedRefundFen(136550, [item(39800, false, 3), item(17150, true)])).toBe(17150);
  });
  it('¥59.90 ×2 and ¥29.00 (list ¥148.80) paid ¥151.80 with postage, the ¥29.00 item refunded: ¥29.58 back', () => {
    // 15180 × 2900 / 14880 = 2958.47 fen → 2958
    expect(proratedRefundFen(15180, [item(5990, false, 2), item(2900, true)])).toBe(2958);
  });
  it('nothing refunded, nothing back; everything refunded, everything back', () => {
    expect(proratedRefundFen(5000, [item(5000, false)])).toBe(0);
    expect(proratedRefundFen(5800, [item(5000, true)])).toBe(5800);
  });
});
