// The claims checker (话术检查), pure: what in any text a buyer reads (an SMS body, a review reply, the
// seller's own tips) a platform, a carrier or the Advertising Law objects to: review inducement (好评返现),
// taking buyers off the platform (WeChat/QQ ids, links, phone numbers), absolute claims (广告法极限词).
// The SMS composer (./sms.ts) adds its channel's own rules on top; the reply drafts (./replies.ts) pass
// nothing this finds. Findings are codes and positions; the UI words them.
//
// Sources: shared/CONSOLES.md, "Rules of the platforms and of SMS".

export type ClaimCode = 'inducement' | 'contact' | 'link' | 'phone' | 'absolute';

/** What a check found; `C` is the codes of the checker that found it (ClaimCode here, more in lintSms). */
export interface Finding<C extends string = ClaimCode> {
  code: C;
  /** UTF-16 indices into the text, end exclusive, so the UI can underline the words. */
  start: number;
  end: number;
  words: string;
}

// 好评返现 and friends: rewards for good reviews. Taobao forbids them on cards and in messages, PDD and
// Taobao penalise review inducement, SMS channels reject 邀请好评.
const INDUCEMENT: readonly RegExp[] = [
  // 好评返现, 好评返5元, 好评后返, 好评送, 好评有礼, 好评红包: a reward within a few characters of 好评.
  /好评[^，。！？,.!?\s]{0,4}?(?:返现|返|送|有礼|红包)/g,
  /(?:晒图|晒单|带图|追评|买家秀)[^，。！？,.!?\s]{0,4}?(?:返现|返|送|有礼|红包)/g,
  /返现|返红包/g,
  /(?:五星|5星|全五星)好评/g,
  /(?:给|打)(?:个|我们|下|一下)?(?:五星|5星)?好评/g,
  /(?:邀请|求|请给)好评/g,
];

// Asking buyers to add WeChat or QQ (加微信), or giving them an id to add: SMS channels reject it, and
// platforms punish taking buyers off the platform (站外引流). 微信 alone (微信支付) and VIP in 加VIP are not
// flagged; Latin letters count only as a whole word (vx, wx), so a model name such as "wxyz" passes.
const CONTACT: readonly RegExp[] = [
  /添?加(?:我|个|一下|下)?(?:微信|薇信|威信|v信|vx|wx|qq|扣扣|v(?![a-z]))/gi,
  /(?:微信|薇信|威信|v信)号|(?:qq|扣扣)(?:群|号)/gi,
  /(?<![a-z])(?:vx|wx)(?![a-z])/gi,
  /(?<![a-z])qq\s*[:：]?\s*\d{5,}/gi,
  /(?:微信|薇信|威信)\s*[:：]\s*[a-z0-9_-]+/gi,
  // A WeChat id after the word, colon or not: 5 to 20 letters, digits, _ and - (WeChat's own rule is 6–20
  // starting with a letter; sellers also give their phone). "vx: xm88" is too short to be one: only vx.
  /(?:微信|薇信|威信|v信|(?<![a-z])(?:vx|wx|weixin|wechat))(?:号|id)?\s*[:：=]?\s*(?:是|为)?\s*[a-z0-9][a-z0-9_-]{4,19}(?![a-z0-9_-])/gi,
  // A QQ number: 5 to 11 digits after QQ, 扣扣 or 企鹅 (企鹅 alone is a penguin: only with the number).
  /(?:(?<![a-z])qq|扣扣|企鹅)(?:号码?|群号?)?\s*[:：=]?\s*(?:是|为)?\s*[1-9]\d{4,10}(?!\d)/gi,
];

// Links (网址, 短链): a reply or a message that sends buyers to a page off the platform. http(s)://, www.,
// a bare domain on a TLD that shops and link shorteners use (abc.com, xx.cn, t.cn/abc, bit.ly/x), and a
// 淘口令 (a share code between ￥ signs). A price (¥12.50), a size (1.5cm), a model (No.1, V2.0) ends on
// no such TLD. The dot may be written full width (．) to slip past filters.
const TLD = 'com|cn|net|org|cc|top|vip|shop|xyz|info|io|club|site|online|store|link|wang|xin|cloud|tech|app|biz|hk|tw|ly|gl|im|ink|icu';
/** What may follow a link: anything but spaces, Chinese and Chinese punctuation. */
const PATH = String.raw`(?:[/?#][^\s\p{Script=Han}，。！？、；：“”‘’（）【】《》「」<>"']*)?`;
const LINK: readonly RegExp[] = [
  new RegExp(String.raw`h\s*t\s*t\s*p\s*s?\s*[:：]\s*//[^\s\p{Script=Han}，。！？、；：“”‘’（）【】《》「」<>"']*`, 'giu'),
  new RegExp(String.raw`(?<![a-z0-9_-])www[.．][a-z0-9-]+(?:[.．][a-z0-9-]+)*${PATH}`, 'giu'),
  // An e-mail address is marked whole: abc@qq.com.
  new RegExp(String.raw`(?<![a-z0-9_.．@%+-])(?:[a-z0-9._%+-]+@)?[a-z0-9][a-z0-9-]*(?:[.．][a-z0-9][a-z0-9-]*)*[.．](?:${TLD})(?![a-z0-9-])${PATH}`, 'giu'),
  // abc点com, written so that no dot shows.
  /(?<![a-z0-9-])[a-z0-9][a-z0-9-]*点(?:com|cn|net)(?![a-z0-9])/gi,
  // 淘口令: ￥AbCdEfGh12￥; a letter in it, so no price reads as one.
  /([￥¥$€])(?=[a-z0-9]*[a-z])[a-z0-9]{8,14}\1/gi,
];

// Phone numbers: a Chinese mobile (1[3-9] and nine digits, as 3-4-4 with spaces or dashes, +86 or not),
// a landline (0571-88888888, (010)62345678; local numbers never start with 0 or 1), a 400/800 service
// number. Not inside a longer number, a date (2026-12-02 has no 0 area code) or a model number
// (preceded or followed by letters); not after 订单号, 单号, 编号 … (an order or a tracking number).
const NOT_PART = String.raw`(?<![\da-z]|\d[-_/.．])`;
const PHONE: readonly RegExp[] = [
  new RegExp(String.raw`${NOT_PART}(?:(?:\+|00)?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![\da-z])`, 'gi'),
  new RegExp(String.raw`${NOT_PART}(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[\s-]?)[2-9]\d{6,7}(?![\da-z])`, 'gi'),
  new RegExp(String.raw`${NOT_PART}[48]00[\s-]?\d{3}[\s-]?\d{4}(?![\da-z])`, 'gi'),
];
/** Just before a number, what says it is an order's, a parcel's or an item's, not a phone. */
const NUMBER_LABEL = /(?:订单|单号|运单|编号|货号|型号|款号|批号|批次|条码|流水号|交易号|发票|sku)[号码]?\s*[:：#＃]?\s*$/i;

// Absolute claims banned by the Advertising Law (广告法极限词). Words that merely state an order, a
// time or a limit are not claims: 最近, 最后, 最终, 最初, 最晚/最迟/最早 (deadlines), 最多/最少 (最多可用
// 两张 is a limit); 第一次 (the buyer's first purchase), 第一时间 (right away), 第一天/件/批/泡 (a first brew) …;
// 100% followed by a fibre (100%棉) is a composition, not a claim.
const ABSOLUTE: readonly RegExp[] = [
  /全网最低价?|全网(?:第一|首发|独家)|全球首发/g,
  // 最 flags the word it forms: 最低, 最好, 最便宜, 最受欢迎 …
  /最(?![近后终初晚迟早多少])(?:受欢迎|便宜|畅销|先进|优惠|划算|实惠|正宗|专业|流行|时尚|低价|\p{Script=Han})/gu,
  /第一(?!次|时间|天|件|批|步|单|波|期|轮|份|个|位|眼|口|周|年|月|季|章|页|条|张|箱|盒|瓶|包|袋|泡|遍|道|层)/g,
  /(?<![a-z])(?:no\.?\s?1|top\s?1)(?!\d)/gi,
  /国家级|世界级|全球级|宇宙级|顶级|顶尖|极品|极致|唯一|独一无二|首个|首选|首家|史无前例|前无古人|绝对|万能|无敌|王牌|百分之百|百分百/g,
  /100[%％](?!纯?(?:棉|羊毛|羊绒|真丝|蚕丝|桑蚕丝|涤纶|聚酯|亚麻|麻|牛皮|真皮|纯棉))/g,
];

const PATTERNS: readonly (readonly [ClaimCode, readonly RegExp[]])[] = [
  ['inducement', INDUCEMENT],
  ['contact', CONTACT],
  ['link', LINK],
  ['phone', PHONE],
  ['absolute', ABSOLUTE],
];

/** Order of findings that start at the same place. */
export const CLAIM_ORDER: readonly ClaimCode[] = ['inducement', 'contact', 'link', 'phone', 'absolute'];

/** A match that reads as something else in its place: a number labelled as an order's. */
function excused(code: ClaimCode, text: string, start: number): boolean {
  return code === 'phone' && NUMBER_LABEL.test(text.slice(Math.max(0, start - 12), start));
}

/**
 * The wording alone, for any text a buyer reads (an SMS body, a review reply): review inducement, asking
 * to add WeChat/QQ or giving an id, links, phone numbers, absolute claims. Sorted by start; touching or
 * overlapping matches of one code joined.
 */
export function lintClaims(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const [code, patterns] of PATTERNS) {
    const spans: [number, number][] = [];
    // matchAll works on a copy of each pattern: the shared global regexes keep no position between calls.
    for (const re of patterns) {
      for (const m of text.matchAll(re)) if (!excused(code, text, m.index)) spans.push([m.index, m.index + m[0].length]);
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let open: [number, number] | null = null;
    for (const span of spans) {
      if (open && span[0] <= open[1]) open[1] = Math.max(open[1], span[1]);
      else {
        if (open) findings.push({ code, start: open[0], end: open[1], words: text.slice(open[0], open[1]) });
        open = [...span];
      }
    }
    if (open) findings.push({ code, start: open[0], end: open[1], words: text.slice(open[0], open[1]) });
  }
  return sortFindings(findings, CLAIM_ORDER);
}

/** Findings by start, then by `order` of their codes; sorts in place and returns the array. */
export function sortFindings<C extends string>(findings: Finding<C>[], order: readonly C[]): Finding<C>[] {
  return findings.sort((a, b) => a.start - b.start || order.indexOf(a.code) - order.indexOf(b.code));
}
