// Exports a seller can use elsewhere, pure: a CSV that opens cleanly in Excel and WPS, and the plain
// lists the platforms' own crowd and SMS tools (人群 / 短信) accept. Buyer phones are ciphertext on every
// platform, so order numbers and buyer ids are the realistic audience (shared/CONSOLES.md).

import { shanghaiDateTime } from './time';
import type { Customer } from './types';

/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * A cell a spreadsheet will show as text, never run: a leading ' before =, +, -, @, tab or CR.
 * Nicks are written by buyers, so `=cmd|' /C calc'!A0` is a nick like any other.
 * Numbers pass as they are: we only write counts and amounts, never negative.
 */
export function neutralizeCell(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return FORMULA_START.has(v.charAt(0)) ? `'${v}` : v;
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(v: string | number): string {
  const text = neutralizeCell(v);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV: CRLF after every row (the last one too), cells with ", comma, CR or LF quoted.
 * The UTF-8 byte order mark makes Excel on Windows read the Chinese as UTF-8 rather than GBK.
 */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = rows[i]!.map(csvCell).join(',') + '\r\n';
  return '\uFEFF' + lines.join('');
}

export const AUDIENCE_CSV_HEADER = [
  'customer_key', 'nick', 'platform', 'orders', 'total_yuan', 'last_order_id', 'last_order_at', 'phone',
] as const;

/** 12345 fen → "123.45": two decimals always, as a spreadsheet column of money should read. */
function fenToYuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const HOUR_MS = 3600 * 1000;

/**
 * ms → "YYYY-MM-DD HH:mm" in China time. shanghaiDateTime costs about 2 µs (a Date and an ISO string),
 * nearly half of a 100,000-row export on a slow laptop; China's offset is a whole number of hours, so
 * each hour is formatted once and the minutes added (two years of purchases: some 17,000 hours).
 */
function shanghaiMinuteFormatter(): (ms: number) => string {
  const hours = new Map<number, string>();
  return (ms) => {
    const hour = Math.floor(ms / HOUR_MS);
    let prefix = hours.get(hour);
    if (prefix === undefined) {
      prefix = shanghaiDateTime(hour * HOUR_MS).slice(0, 14);
      hours.set(hour, prefix);
    }
    return prefix + String(Math.floor((ms - hour * HOUR_MS) / 60_000)).padStart(2, '0');
  };
}

/**
 * One row per customer (AUDIENCE_CSV_HEADER). last_order_id is the latest valid purchase; last_order_at
 * its time "YYYY-MM-DD HH:mm" in China time. Excel shows a 19-digit order number in scientific notation
 * when the file is opened by double-click; for pasting into a platform tool use orderNumbersText.
 */
export function audienceCsv(customers: readonly Customer[]): string {
  const minute = shanghaiMinuteFormatter();
  // One string per row, built directly: 100,000 rows go through no intermediate arrays. Keys, platform,
  // counts, amounts, order ids and times are ours (never a formula, comma or quote); nick and phone are
  // someone else's words and go through csvCell.
  const lines = new Array<string>(customers.length + 1);
  lines[0] = AUDIENCE_CSV_HEADER.join(',') + '\r\n';
  for (let i = 0; i < customers.length; i++) {
    const c = customers[i]!;
    lines[i + 1] = `${csvCell(c.key)},${csvCell(c.nick)},${c.platform},${c.orderCount},${fenToYuanText(c.totalFen)},`
      + `${csvCell(c.purchases.at(-1) ?? '')},${c.lastPurchaseAt === undefined ? '' : minute(c.lastPurchaseAt)},${csvCell(c.phone ?? '')}\r\n`;
  }
  return '\uFEFF' + lines.join('');
}

/**
 * Each customer's latest valid purchase (订单号), one per line without repeats, for the platform's crowd
 * or SMS tool. Order numbers of both platforms are listed as given: the caller picks one platform's.
 * Plain \n and no BOM: the text is pasted into a box or uploaded as .txt, where a BOM would become an
 * invisible first character and spoil the first order number; digits read the same in any encoding,
 * and Windows Notepad handles \n since 2018. No trailing newline, so no tool counts an empty last line.
 */
export function orderNumbersText(customers: readonly Customer[]): string {
  const seen = new Set<string>();
  for (const c of customers) {
    const last = c.purchases.at(-1);
    if (last) seen.add(last);
  }
  return [...seen].join('\n');
}

/**
 * Each customer's buyer id (买家ID), or their nick when no id was ever shown, one per line, without
 * repeats; same format as orderNumbersText.
 */
export function buyerIdsText(customers: readonly Customer[]): string {
  const seen = new Set<string>();
  for (const c of customers) {
    const id = (c.buyerId ?? '').trim() || c.nick.trim();
    if (id) seen.add(id);
  }
  return [...seen].join('\n');
}

/**
 * RFC 4180 reader, the inverse of toCsv: quoted cells may hold commas, quotes ("") and line breaks;
 * CRLF or LF ends a row; a leading byte order mark is dropped; a last empty line adds no row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Rows of a CSV with a header line, as records keyed by the header's names; blank lines are skipped. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.filter((r) => r.length > 1 || r[0] !== '').map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}

/**
 * Plain RFC 4180 for programs (LF, no BOM, cells as they are): where a file is read by a program, not
 * opened in a spreadsheet, an id such as -2 must come back as -2, not neutralised to '-2.
 */
export function toPlainCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => (NEEDS_QUOTES.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',') + '\n').join('');
}
