// The SMS composer's rules (短信营销), pure: how a message is put together, counted, billed and checked
// against what platforms, carriers and the Advertising Law reject. Everything returns codes and numbers;
// the UI words them.
//
// Sources: shared/CONSOLES.md, "Rules of the platforms and of SMS".

import { CLAIM_ORDER, lintClaims, sortFindings, type ClaimCode, type Finding } from './claims';
import { shanghaiDateTime } from './time';

/**
 * Opt-out texts (退订) that carriers require in every marketing message (MIIT rules, 2015):
 * Aliyun appends 回T退订, Huawei Cloud requires 拒收请回复R.
 */
export const OPT_OUTS = ['回T退订', '拒收请回复R'] as const;

/** Up to this many characters, signature included, the carrier bills one message. */
export const SINGLE_SMS_LENGTH = 70;
/** A longer message is split into parts of 67 (the rest carries the reassembly header). */
export const PART_LENGTH = 67;

/**
 * 【signature】body optOut.
 * - The signature (签名) is wrapped in 【】 unless it already is; an empty signature adds nothing (and
 *   lintSms then reports no_signature).
 * - The opt-out follows the body after one space: without it "欢迎再来回T退订" reads as one sentence.
 *   The space costs one character; a clear opt-out is worth it. Nothing is appended when the body
 *   already carries the opt-out, or when optOut is '' (a channel that appends its own).
 */
export function composeSms({ signature, body, optOut = OPT_OUTS[0] }: { signature: string; body: string; optOut?: string }): string {
  const name = signature.trim().replace(/^【+/, '').replace(/】+$/, '').trim();
  const sign = name ? `【${name}】` : '';
  let text = body.trim();
  if (sign && text.startsWith(sign)) text = text.slice(sign.length).trimStart();
  const out = optOut.trim();
  if (out && !text.includes(out)) text = text ? `${text} ${out}` : out;
  return sign + text;
}

/**
 * Characters as carriers count them: every Chinese character, letter, digit, punctuation mark and space
 * is one; a character outside the Basic Multilingual Plane (most emoji) is two, as in UTF-16.
 */
export function smsLength(text: string): number {
  return text.length;
}

/** Billed messages (计费条数) for a message of this length: 0 for nothing, 1 up to 70, then per 67. */
export function billedParts(length: number): number {
  if (length <= 0) return 0;
  return length <= SINGLE_SMS_LENGTH ? 1 : Math.ceil(length / PART_LENGTH);
}

export type VariableCode = 'nick' | 'item' | 'days';

export interface SmsVariable {
  code: VariableCode;
  /** What the seller types in the template. */
  placeholder: string;
  /** At most this many characters are filled in, so the worst-case length holds. */
  budget: number;
}

/** Variables a template may hold: 昵称 the buyer's nick, 商品 the item bought, 天数 days since the purchase. */
export const VARIABLES: readonly SmsVariable[] = [
  { code: 'nick', placeholder: '{昵称}', budget: 12 },
  { code: 'item', placeholder: '{商品}', budget: 16 },
  // Three digits: a 999-day-old purchase is already past any reminder.
  { code: 'days', placeholder: '{天数}', budget: 3 },
];

const PLACEHOLDER = new RegExp(VARIABLES.map((v) => escapeRegExp(v.placeholder)).join('|'), 'g');
const BY_PLACEHOLDER = new Map(VARIABLES.map((v) => [v.placeholder, v]));

/** At most `units` UTF-16 units, never cutting an emoji in half. */
function cut(text: string, units: number): string {
  if (text.length <= units) return text;
  let end = units;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

function fill(v: SmsVariable, value: string | number | undefined): string {
  if (value === undefined) return '';
  if (v.code === 'days') {
    // A number is clamped, not cut: "100" for 1000 days would be false.
    const days = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(days)) return '';
    return String(Math.min(Math.max(0, Math.floor(days)), 10 ** v.budget - 1));
  }
  const text = String(value).replace(/\s+/g, ' ').trim();
  if (text.length <= v.budget) return text;
  // Item titles are long keyword strings; an ellipsis shows that the title goes on.
  return v.code === 'item' ? cut(text, v.budget - 1) + '…' : cut(text, v.budget);
}

/**
 * The template with its variables filled, each value within its budget. A missing value leaves
 * nothing: a buyer must never receive a raw {昵称}. Values are filled in one pass, so a nick that
 * happens to read "{商品}" stays as it is.
 */
export function renderSms(template: string, values: Partial<Record<VariableCode, string | number>>): string {
  return template.replace(PLACEHOLDER, (p) => {
    const v = BY_PLACEHOLDER.get(p)!;
    return fill(v, values[v.code]);
  });
}

/** The length with every variable at its full budget: the count shown while composing never falls short. */
export function worstCaseLength(template: string): number {
  return smsLength(template.replace(PLACEHOLDER, (p) => 'x'.repeat(BY_PLACEHOLDER.get(p)!.budget)));
}

export type LintCode = 'no_opt_out' | 'no_signature' | ClaimCode;

export type LintFinding = Finding<LintCode>;

const CODE_ORDER: readonly LintCode[] = ['no_signature', 'no_opt_out', ...CLAIM_ORDER];

/** Any opt-out wording carriers accept: 回T退订, 回TD退订, 退订回T, 拒收请回复R. */
const OPT_OUT_WORDING = /退订|拒收/;
/** 【签名】 at the start (or, as some channels allow, at the end) of the message. */
const SIGNATURE = /^\s*【[^【】]+】|【[^【】]+】\s*$/;

/**
 * What in a message a platform, a carrier or the Advertising Law would object to, sorted by start: the
 * claims (./claims.ts) and the SMS channel's own rules. Findings of one code never overlap: touching or
 * overlapping matches are joined ("给好评返现" is one). no_signature and no_opt_out point nowhere
 * (start = end = 0, words '').
 */
export function lintSms(text: string): LintFinding[] {
  const findings: LintFinding[] = [];
  if (!SIGNATURE.test(text)) findings.push({ code: 'no_signature', start: 0, end: 0, words: '' });
  if (!OPT_OUT_WORDING.test(text)) findings.push({ code: 'no_opt_out', start: 0, end: 0, words: '' });
  return sortFindings([...findings, ...lintClaims(text)], CODE_ORDER);
}

/** Promotional messages go out only 08:00–21:00 China time, the carriers' strict window; 21:00 is already late. */
export function isQuietHours(at: number): boolean {
  const hour = Number(shanghaiDateTime(at).slice(11, 13));
  return hour < 8 || hour >= 21;
}

/** What a send costs, fen: recipients × billed parts × price per message in 厘 (0.001 yuan), to the nearest fen. */
export function campaignCostFen(recipients: number, parts: number, priceLi: number): number {
  return Math.round((recipients * parts * priceLi) / 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
