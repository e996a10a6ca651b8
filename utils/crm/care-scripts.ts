// 快捷话术 (quick scripts), pure: the phrases a seller keeps per scenario, filled from the order and the
// buyer's card, rotated so that no two in a row read alike (the reply drafts' similarity check), and
// passed through the claims check before anything reaches the clipboard: care, never 好评返现 or 邀评.
import { lintClaims, type Finding } from './claims';
import { replySimilarity, shortItemTitle, TOO_SIMILAR } from './replies';
import { MAX_PHRASE_LENGTH, MAX_PHRASES, SCRIPT_GROUPS, type RefundProblem, type ScriptGroup } from './care-kinds';

export { MAX_PHRASE_LENGTH, MAX_PHRASES, SCRIPT_GROUPS, type ScriptGroup };


/** The retention script (挽留话术) of each refund problem: damage is compensated, a mismatch explained or exchanged, a firm buyer let go. */
export const RETENTION_GROUP: Record<RefundProblem, ScriptGroup> = {
  damage: 'retain_damage', mismatch: 'retain_mismatch', quality: 'retain_quality', logistics: 'retain_logistics', firm: 'retain_firm', other: 'retain_other',
};

export type ScriptBook = Record<ScriptGroup, string[]>;

/**
 * The shop starts with these; the seller edits them (dashboard 订单关怀 → 快捷话术). Variables: {昵称} the
 * buyer's nick when shown in full (else 亲), {商品} the item's short name, {天数} days (since the order,
 * in transit, or since receipt, by scenario).
 */
export const DEFAULT_SCRIPTS: ScriptBook = {
  remind_pay: [
    '{昵称}您好，看到您拍下的{商品}还没有付款，库存给您留着，有任何疑问随时问我们哦。',
    '亲，您的{商品}订单还在等待付款，今天付款今天安排发货，尺码或用法拿不准可以先问客服。',
    '您好，{商品}的订单快要自动关闭了，如果还需要记得付款，不需要的话忽略这条就好。',
  ],
  shipping: [
    '{昵称}您好，您的{商品}已经发出，物流信息在订单里可以看到，到货后有问题随时联系我们。',
    '亲，{商品}今天已经打包发出啦，路上大约需要两三天，请留意签收。',
  ],
  stalled: [
    '{昵称}您好，您的{商品}已经在路上{天数}天了，物流更新慢了些，我们正在联系快递核实，有消息第一时间告诉您。',
    '亲，看到您的包裹这两天没有更新，我们已经在催快递处理了，如果一直没到会给您补发或处理，请放心。',
  ],
  receipt_care: [
    '{昵称}您好，{商品}收到{天数}天了，用着还顺手吗？有任何问题直接找我们，一定给您处理好。',
    '亲，包裹收到后一切都好吗？如果有破损、少件或者不合适，请先联系客服，我们马上处理。',
    '您好，{商品}到了有几天了，使用中有疑问可以随时问我们，我们教您怎么用更好。',
  ],
  returns: [
    '亲，退换货在订单里直接申请就可以，收到退回的商品我们会尽快处理，运费问题也可以和我们商量。',
    '{昵称}您好，需要换货的话在订单页提交申请，写明要换的款式，我们收到后优先给您寄出。',
  ],
  invoice: [
    '亲，发票可以在订单页申请开具，填好抬头和税号，我们会在三个工作日内开好。',
    '您好，需要发票的话请把抬头和税号发给我们，开好后会上传到订单里。',
  ],
  damage: [
    '{昵称}非常抱歉，{商品}运输中出现了破损，麻烦拍一张外包装和商品的照片给我们，马上给您补发或处理。',
    '亲，给您添麻烦了，破损的部分请拍照留证，我们核实后会尽快给您补偿或重发。',
  ],
  wrong_item: [
    '{昵称}抱歉，给您发错或漏发了，麻烦拍照给我们看一下，我们马上补寄正确的商品。',
    '亲，少件的情况我们已经记下了，核对仓库记录后会第一时间给您补发。',
  ],
  callback: [
    '{昵称}您好，我是店里的客服，想问问{商品}用了{天数}天感觉怎么样，有什么建议都可以告诉我们。',
    '您好，打扰一下，之前买的{商品}还合心意吗？最近有新款上架，需要的话可以看看。',
  ],
  bad_review_call: [
    '{昵称}您好，看到您对{商品}不太满意，非常抱歉，想了解一下具体是哪里出了问题，我们一定给您处理好。',
    '您好，我是店里的负责人，您反馈的问题我们很重视，想听听您的想法，看看怎么给您解决。',
  ],
  retain_damage: [
    '{昵称}非常抱歉商品有破损，您看给您补偿一部分费用、商品留着用可以吗？如果还是想退，我们也马上同意。',
    '亲，破损是我们包装没做好，可以给您补发一件或者补偿一些，您选一个方便的方式。',
  ],
  retain_mismatch: [
    '{昵称}您好，{商品}和您想的不一样，可能是图片色差或尺码说明不清楚，我们可以免费给您换一个合适的。',
    '亲，我们先跟您说明一下这款的实际情况，如果还是不合适，可以直接换货，不耽误您使用。',
  ],
  retain_quality: [
    '{昵称}抱歉{商品}让您不满意，麻烦说一下具体的问题，可以给您换新的，或者按您的意思处理。',
    '亲，质量问题我们会负责到底，给您换一件新的可以吗？',
  ],
  retain_logistics: [
    '{昵称}抱歉物流让您久等了，这是快递那边的问题，我们已经在跟进，商品本身没有问题，您看是否再等一下？',
    '亲，包裹延误我们已经向快递投诉了，给您添麻烦了，如果还是想退款我们马上处理。',
  ],
  retain_firm: [
    '好的{昵称}，尊重您的决定，退款我们马上同意，欢迎以后再来看看。',
    '亲，已经为您处理退款，给您添麻烦了，有需要随时找我们。',
  ],
  retain_other: [
    '{昵称}您好，想了解一下您申请退款的原因，看看我们能不能帮您解决。',
    '亲，是哪里不满意呢？告诉我们，能解决的一定帮您解决，解决不了马上给您退。',
  ],
};

export interface ScriptValues {
  nick?: string;
  item?: string;
  days?: number;
}

/** A nick worth writing: shown in full (no ***), not a system default (tb12345678, 匿名买家). */
function usableNick(nick: string | undefined): string {
  const n = (nick ?? '').trim();
  if (!n || n.length > 12 || /[*＊]/.test(n) || /^tb\d{4,}$/i.test(n) || /匿名|^\d+$/.test(n)) return '';
  return n;
}

/**
 * Text from the page as a draft may carry it: NFKC (full-width ｗｘ is wx) and without invisible format
 * characters (加\u200b微信), so that the claims check reads what the buyer will read.
 */
function plain(text: string): string {
  return text.normalize('NFKC').replace(/\p{Cf}/gu, '');
}

/** The phrase with its variables filled; a variable with no value takes a neutral word (亲, 宝贝, 几). */
export function fillScript(phrase: string, values: ScriptValues): string {
  const nick = usableNick(values.nick === undefined ? undefined : plain(values.nick));
  const item = values.item ? shortItemTitle(plain(values.item)) : '';
  return phrase
    .replace(/\{昵称\}/g, nick || '亲')
    .replace(/\{商品\}/g, item || '宝贝')
    .replace(/\{天数\}/g, values.days !== undefined && values.days >= 0 ? String(Math.floor(values.days)) : '几');
}

export interface ScriptDraft {
  text: string;
  /** Index of the phrase in its group. */
  index: number;
  /** lintClaims: a draft with findings is never copied. */
  lint: Finding[];
  /** Every phrase of the group reads like the last one used: the seller should add another. */
  repeats: boolean;
}

/**
 * The next draft of a group: phrases taken in turn after the one used last, skipping any whose filled
 * text reads like the last draft copied (replySimilarity ≥ TOO_SIMILAR) or that the claims check flags.
 * When every phrase is flagged, the first flagged one is returned with its findings (the UI blocks the
 * copy and shows why); when every clean phrase repeats, the least alike, marked `repeats`.
 */
export function nextScript(phrases: readonly string[], values: ScriptValues, lastUsed: readonly string[]): ScriptDraft | null {
  if (phrases.length === 0) return null;
  const last = lastUsed[0];
  const lastIndex = last === undefined ? -1 : phrases.findIndex((p) => fillScript(p, values) === last);
  const order = phrases.map((_, i) => (lastIndex + 1 + i) % phrases.length);
  let flagged: ScriptDraft | null = null;
  let closest: ScriptDraft | null = null;
  let closestScore = Infinity;
  for (const index of order) {
    const text = fillScript(phrases[index]!, values);
    // The seller's own phrase is read as the buyer will read it too.
    const lint = lintClaims(plain(text));
    if (lint.length) {
      flagged ??= { text, index, lint, repeats: false };
      continue;
    }
    const score = Math.max(0, ...lastUsed.slice(0, 1).map((u) => replySimilarity(text, u)));
    if (score < TOO_SIMILAR) return { text, index, lint: [], repeats: false };
    if (score < closestScore) {
      closestScore = score;
      closest = { text, index, lint: [], repeats: true };
    }
  }
  return closest ?? flagged;
}

/** The seller's book over the defaults: a group the seller emptied stays empty only if they saved it so. */
export function scriptBook(saved: Partial<Record<string, unknown>> | undefined): ScriptBook {
  const book = { ...DEFAULT_SCRIPTS };
  if (!saved) return book;
  for (const g of SCRIPT_GROUPS) {
    const list = saved[g];
    if (Array.isArray(list) && list.every((p) => typeof p === 'string')) {
      book[g] = (list as string[]).map((p) => p.slice(0, MAX_PHRASE_LENGTH)).slice(0, MAX_PHRASES);
    }
  }
  return book;
}
