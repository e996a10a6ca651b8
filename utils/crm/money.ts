// Money is integer fen (分) everywhere. Consoles show yuan as decimal strings ("238.00", "￥1,238.5");
// parse them as text, never through floating point, so 0.1 + 0.2 never reaches a seller's total.

const YUAN = /^[-+]?\d+(\.\d{1,2})?$/;

/** ¥10 billion: no single order or shop total on a console page comes near it; beyond is garbage. */
export const MAX_FEN = 1_000_000_000_000;

/** "238.00" → 23800; "￥1,238.5" → 123850; a number (yuan) is accepted too. Null when not money. */
export function yuanToFen(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const fen = Math.round(value * 100);
    return Math.abs(fen) <= MAX_FEN ? fen : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.replace(/[￥¥,\s]|元/g, '');
  if (!YUAN.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = text.replace(/^[-+]/, '').split('.');
  const fen = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return null;
  return negative ? -fen : fen;
}

/** 160300 → "¥1,603"; 160350 → "¥1,603.50". Whole yuan drop the decimals, as sellers write them. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}${rest ? '.' + String(rest).padStart(2, '0') : ''}`;
}

/**
 * What came back to the buyer for the items marked 退款成功, when the list shows only that they were
 * refunded: the paid amount shared out by each item's list value (so discounts and postage are shared
 * too). Two ¥100 items bought for ¥180 with one refunded: ¥90 back, ¥90 spent.
 */
export function proratedRefundFen(paidFen: number, items: { unitFen: number; quantity: number; refunded: boolean }[]): number {
  const gross = items.reduce((s, i) => s + i.unitFen * i.quantity, 0);
  const back = items.filter((i) => i.refunded).reduce((s, i) => s + i.unitFen * i.quantity, 0);
  if (back === 0) return 0;
  if (gross === 0 || back === gross) return paidFen;
  return Math.min(paidFen, Math.round((paidFen * back) / gross));
}
