// Review reply drafts (评价回复), pure. Sellers answer dozens of reviews a day and must never post the same
// sentence twice in a row: buyers reading an item's reviews notice copy-paste. A good review gets thanks
// and something of value (the seller's own product tip, or care advice for what the buyer praised); a
// 中评/差评 (neutral/bad review) gets an apology, one apology-and-remedy sentence for each aspect complained
// about, and a way to fix it through the platform's own customer-service chat. A 追评 (follow-up review)
// that turned bad is acknowledged as such. Nothing here argues with the buyer, offers anything for a review
// (好评返现), sends the buyer to WeChat/QQ/phone, or makes an absolute claim: every draft passes lintClaims.
//
// How: phrase banks (./lexicon/replies.ts), one per slot (greeting, thanks, apology, per-aspect apology and remedy, praise echo,
// tip lead-in, a commitment for good reviews with little to echo, contact offer, closing), the long
// sentences in two halves combined freely, with {call} {hi} {you} {self} {nick} {item} {tip} filled from the
// seller's style and the review. A seeded PRNG (review id + attempt number) picks one variant per slot, so
// the same review gets the same drafts. A candidate is rejected when it is too similar (character-bigram
// cosine, replySimilarity) to one of the shop's recent replies or to a draft already chosen, or when the
// lint finds anything; the first half of the attempts aims lower than TOO_SIMILAR, for a margin. After a
// bounded number of attempts fewer drafts are returned, never a repeat. The seller's own openers and
// closings (learnStyle) are preferred in every other draft.
//
// The console page is untrusted: a reply it shows may be forged, so it is only ever something a draft must
// not resemble. The shop's wording is learned from the drafts the seller copied in Laoke alone (the caller,
// utils/db/reviews.ts, passes only those to learnStyle): page text never becomes the shop's voice.
import { lintClaims, type Finding } from './claims';
import {
  ADDRESS, APOLOGIES, APOLOGY_WORDS, APPEND_WORSE, ASK_DETAILS, CARE, CLOSINGS_BAD, CLOSINGS_GOOD, CLOSINGS_NEUTRAL, COMPLAINTS,
  CONTACT_OFFERS, GOOD_EXTRAS, GREETINGS, HIDDEN_OPENERS, NEUTRAL_OPENERS, PRAISES, PROMO, SELF, THANKS, THANKS_WORDS, TIP_LEADS,
  TIP_LEADS_COMPLAINT, type Halves,
} from './lexicon/replies';
import { cyrb53, mulberry32 } from './random';
import type { AspectId, Sentiment } from './types';

export interface ReplyInput {
  /** Seeds the choice: the same review gets the same drafts. */
  reviewId: string;
  /** As shown, usually masked ("w**", "阿***"); '' when anonymous. Only a nick shown in full is written. */
  nick: string;
  /** The listing title; only a short form is written (see shortItemTitle). */
  itemTitle: string;
  /** Of the whole review, text and stars. */
  sentiment: Sentiment;
  complaints: AspectId[];
  praises: AspectId[];
  /** 隐藏差评: a good rating whose text complains. Answered as a complaint, with thanks for the rating. */
  hidden: boolean;
  /** The 追评 turned bad. */
  appendWorse: boolean;
  /** What the seller entered about this item (use and care tips), a sentence or two. */
  knowledge?: string;
}

/** The seller's own wording, learned from the drafts they copied in Laoke (never from a review page). */
export interface ReplyStyle {
  /** How they address buyers: 亲, 亲爱的, 宝宝, 您 … */
  address: string;
  /** How they call the shop: 小店, 本店, 我们, 掌柜 … */
  selfName: string;
  /** Their opening sentences seen at least twice. */
  openers: string[];
  /** Their closing sentences seen at least twice. */
  closings: string[];
}

export const DEFAULT_STYLE: ReplyStyle = { address: '亲', selfName: '我们', openers: [], closings: [] };

export interface ReplyDraft {
  text: string;
  /** lintClaims of the text; always empty for a returned draft. */
  lint: Finding[];
}

/**
 * At or above this a reply counts as a repeat. The bigram cosine is roughly the share of wording two
 * replies have in common, so 0.5 is half. Measured: a reply with one of its four sentences rewritten still
 * scores about 0.65–0.85 against the original (a buyer sees the same reply); two of four rewritten, 0.35–0.55
 * depending on which stay; only one sentence shared, about 0.3. Two drafts for the same kind of review
 * typically score 0.1–0.35. 0.6 would let replies that keep half their wording through; the banks are large
 * enough for the stricter 0.5 (replies.test.ts simulates a shop's 300 replies in a row).
 */
export const TOO_SIMILAR = 0.5;

/** Good reviews get a short reply; complaints may need room for every aspect. */
const MAX_LENGTH_GOOD = 150;
const MAX_LENGTH_BAD = 300;
/** Candidates tried per draft asked for. */
const ATTEMPTS_PER_DRAFT = 80;
/** What the first half of the attempts aim for: replies clearly apart, not just under TOO_SIMILAR. */
const COMFORTABLE = 0.4;

// ---------------------------------------------------------------------------------------------------------
// Similarity

/** A masked nick as review pages show it: t**1, 阿***, w**. */
const MASKED_NICK = /[^\s，。！？、,.!?～~：:；;「」]{0,4}[*＊]{2,}[^\s，。！？、,.!?～~：:；;「」]{0,2}/g;
/** @nick, as some sellers start a reply. */
const AT_NICK = /@[^\s，。！？、,.!?：:]{1,20}/g;
/** Kept for comparison: CJK, letters, digits. Everything else separates runs. */
const RUN = /[\p{Script=Han}\p{L}\p{N}]+/gu;

/** The distinct bigrams of a reply. */
type Profile = Set<string>;

function profile(text: string, nicks: readonly string[] = []): Profile {
  let t = text.toLowerCase();
  for (const nick of nicks) if (nick) t = t.split(nick.toLowerCase()).join(' ');
  t = t.replace(AT_NICK, ' ').replace(MASKED_NICK, ' ');
  const grams: Profile = new Set();
  for (const m of t.matchAll(RUN)) {
    const chars = Array.from(m[0]);
    // A one-character run (亲，) still counts, as itself.
    if (chars.length === 1) grams.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  }
  return grams;
}

/** |A ∩ B| / √(|A|·|B|): the cosine of the two bigram sets. */
function cosine(a: Profile, b: Profile): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/**
 * How alike two replies read, 0..1: the cosine of their sets of character bigrams, ignoring punctuation,
 * spaces, masked nicks (t**1), @nick, and any of `nicks` given; 1 for the same wording whatever the nick.
 * Sets, not counts: a seller who writes 宝宝 and 小店 five times a reply would otherwise have every reply
 * look alike, their own wording outweighing what the replies say.
 */
export function replySimilarity(a: string, b: string, nicks: readonly string[] = []): number {
  return cosine(profile(a, nicks), profile(b, nicks));
}

// ---------------------------------------------------------------------------------------------------------
// Filling in

function pick<T>(rng: () => number, list: readonly T[]): T | undefined {
  return list.length ? list[Math.floor(rng() * list.length)] : undefined;
}

/**
 * A short name for the item: promotions in 【】[]（）() dropped, then the title's first one or two words
 * (split at spaces; promo words and quantities skipped), up to 12 characters. A first word longer than 16
 * gives '': cutting a keyword string in the middle of a word reads worse than not naming the item.
 */
export function shortItemTitle(title: string): string {
  const words = title
    .replace(/【[^】]*】|\[[^\]]*\]|（[^）]*）|\([^)]*\)/g, ' ')
    .split(/[\s/|｜,，、+]+/)
    .map((w) => w.trim())
    // Promo words and quantities (500g, 5斤装) say nothing a reply needs.
    .filter((w) => w && !PROMO.test(w) && !/^\d/.test(w));
  const first = words[0];
  if (!first) return '';
  if (first.length > 12) return first.length <= 16 ? first : '';
  // A second word only when it is one (红茶, not 男) and the name stays short: 正山小种红茶.
  const second = words[1];
  return second && second.length >= 2 && first.length + second.length <= 12 ? first + second : first;
}

/** A nick worth writing: shown in full, not a system default such as tb12345678 or 匿名买家. */
function usableNick(nick: string): string {
  const n = nick.trim();
  if (!n || n.length > 12 || /[*＊]/.test(n) || /^tb\d{4,}$/i.test(n) || /匿名|^\d+$/.test(n)) return '';
  return n;
}

/**
 * The seller's knowledge as sentences, each ending in a full stop, without any the lint flags (a phone
 * number, a link): those stay out of drafts, as the knowledge editor says, and the rest are still used.
 */
function tipSentences(knowledge: string | undefined): string[] {
  if (!knowledge) return [];
  return knowledge
    .split(/(?<=[。！？!?；;\n])/)
    .map((s) => s.trim().replace(/[；;]$/, '。'))
    .filter((s) => s.length >= 4 && lintClaims(s).length === 0)
    .map((s) => (/[。！？!?]$/.test(s) ? s : `${s}。`));
}

type Tone = 'good' | 'bad' | 'any';

/** Whether a sentence of the seller's thanks for praise, apologises, or fits any reply. */
function toneOf(sentence: string): Tone {
  if (APOLOGY_WORDS.test(sentence)) return 'bad';
  if (THANKS_WORDS.test(sentence)) return 'good';
  return 'any';
}

interface Context {
  call: string;
  hi: string;
  you: string;
  self: string;
  nick: string;
  item: string;
}

function contextOf(input: ReplyInput, style: ReplyStyle): Context {
  const address = style.address.trim() || DEFAULT_STYLE.address;
  const polite = address === '您';
  return {
    call: polite ? '您好' : address,
    hi: polite ? '您好' : `${address}您好`,
    // 亲爱的 is a vocative only ("感谢亲爱的的支持" does not read).
    you: address.endsWith('的') ? '您' : address,
    self: style.selfName.trim() || DEFAULT_STYLE.selfName,
    nick: usableNick(input.nick),
    item: shortItemTitle(input.itemTitle),
  };
}

/** Variants whose slots can be filled. */
function usable(bank: readonly string[], fill: Context): string[] {
  return bank.filter((v) => (fill.nick || !v.includes('{nick}')) && (fill.item || !v.includes('{item}')));
}

function fillIn(phrase: string, fill: Context, tip = ''): string {
  return phrase.replace(/\{(call|hi|you|self|nick|item|tip)\}/g, (_, key: keyof Context | 'tip') => (key === 'tip' ? tip : fill[key]));
}

/** The Han bigrams of a phrase, its slots left out. */
function words(phrase: string): Set<string> {
  const out = new Set<string>();
  for (const run of phrase.replace(/\{\w+\}/g, ' ').match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}

/**
 * A head and a tail that do not repeat a word ("收到您的好评，这份心意我们收到了" would). When the head
 * already names the shop, a tail's leading {self} is dropped: "是我们没安排好，已经在和快递公司沟通".
 */
function pickHalves(rng: () => number, halves: Halves, fill: Context): string | undefined {
  const head = pick(rng, usable(halves.heads, fill));
  if (head === undefined) return undefined;
  const used = words(head);
  for (const tail of shuffle(rng, usable(halves.tails, fill))) {
    if ([...words(tail)].some((w) => used.has(w))) continue;
    const t = head.includes('{self}') && tail.startsWith('{self}') ? tail.slice('{self}'.length) : tail;
    return head + t;
  }
  return undefined;
}

/** How readily a part goes when a reply is too long: 0 never, higher first. */
type Rank = 0 | 1 | 2 | 3 | 4;

interface Plan {
  /** Use one of the seller's openers and closings when their tone fits. */
  own: boolean;
  /** Include the tip (the seller's knowledge or care advice). */
  tip: boolean;
}

/** One candidate reply. */
function compose(input: ReplyInput, style: ReplyStyle, fill: Context, rng: () => number, plan: Plan): string {
  const complaints = [...new Set(input.complaints)];
  const apologise = input.sentiment !== 'pos' || input.hidden || input.appendWorse;
  const good = !apologise && complaints.length === 0;
  // Over length, parts go by rank, highest first: the extra, the praise echo, the closing, the tip. Rank 0
  // stays: the opening, the 追评, every complaint and the way to fix it.
  const parts: { text: string; drop: Rank }[] = [];
  const add = (phrase: string | undefined, drop: Rank = 0, tip = '') => {
    if (phrase !== undefined && phrase !== '') parts.push({ text: fillIn(phrase, fill, tip), drop });
  };

  // The opening: a greeting and the first sentence, or the seller's own opener in their place.
  const thanksFirst = input.sentiment === 'pos' && !input.hidden && !input.appendWorse;
  const firstBank =
    input.sentiment === 'pos' ? (thanksFirst ? THANKS : HIDDEN_OPENERS) : input.sentiment === 'neu' ? NEUTRAL_OPENERS : APOLOGIES;
  const ownOpener = plan.own
    ? pick(rng, style.openers.filter((o) => {
      const tone = toneOf(o);
      return tone === 'any' || (tone === 'good' && thanksFirst) || (tone === 'bad' && apologise && !input.hidden);
    }))
    : undefined;
  if (ownOpener !== undefined) {
    add(ownOpener);
    // A neutral opener ("亲，您好！") stands for the greeting only; one with thanks or an apology also for
    // the first sentence.
    if (toneOf(ownOpener) === 'any') add(pickHalves(rng, firstBank, fill));
  } else {
    add((pick(rng, usable(GREETINGS, fill)) ?? '') + (pickHalves(rng, firstBank, fill) ?? ''));
  }

  if (input.appendWorse) add(pick(rng, usable(APPEND_WORSE, fill)));

  // Praise is echoed in good and neutral reviews, not in a 差评: there it would read as not listening.
  const praises = [...new Set(input.praises)].filter((a) => !complaints.includes(a));
  let middle = 0;
  if (input.sentiment !== 'neg' && praises.length) {
    for (const a of shuffle(rng, praises).slice(0, complaints.length ? 1 : 2)) {
      add(pick(rng, usable(PRAISES[a], fill)), 3);
      middle++;
    }
  }

  // Each aspect complained about gets its own apology and remedy.
  for (const a of complaints) add(pickHalves(rng, COMPLAINTS[a], fill));
  if (apologise && complaints.length === 0 && !input.appendWorse) add(pick(rng, usable(ASK_DETAILS, fill)));

  if (plan.tip) {
    const tips = tipSentences(input.knowledge);
    const tip = pick(rng, tips);
    if (good) {
      if (tip) add(pick(rng, usable(TIP_LEADS, fill)), 1, tip);
      else add(pick(rng, praises.flatMap((a) => usable(CARE[a] ?? [], fill))), 1);
      if (tip || praises.some((a) => CARE[a])) middle++;
    } else if (tip && complaints.some((a) => a === 'usage' || a === 'taste')) {
      add(pick(rng, usable(TIP_LEADS_COMPLAINT, fill)), 1, tip);
    }
  }
  // A good reply with little to say gets a commitment or a wish: "谢谢亲！期待再次光临" alone is the reply
  // every shop posts.
  if (good && middle < 2) add(pick(rng, usable(GOOD_EXTRAS, fill)), 4);

  if (!good) add(pickHalves(rng, CONTACT_OFFERS, fill));

  const ownClosing = plan.own
    ? pick(rng, style.closings.filter((c) => {
      const tone = toneOf(c);
      return tone === 'any' || (tone === 'good' && good) || (tone === 'bad' && apologise);
    }))
    : undefined;
  const closings = good ? CLOSINGS_GOOD : input.sentiment === 'neu' ? CLOSINGS_NEUTRAL : CLOSINGS_BAD;
  add(ownClosing ?? pick(rng, usable(closings, fill)), 2);

  // A review that complains about nearly everything may still run longer: every aspect keeps its sentence.
  const max = good ? MAX_LENGTH_GOOD : MAX_LENGTH_BAD;
  let length = parts.reduce((n, p) => n + p.text.length, 0);
  while (length > max) {
    let worst = -1;
    parts.forEach((p, i) => {
      if (p.drop > 0 && (worst < 0 || p.drop >= parts[worst]!.drop)) worst = i;
    });
    if (worst < 0) break;
    length -= parts[worst]!.text.length;
    parts.splice(worst, 1);
  }
  return parts.map((p) => p.text).join('');
}

function shuffle<T>(rng: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Up to `count` drafts, each differing from the others and from every one of `recent` (the shop's last
 * replies, newest first) by less than TOO_SIMILAR, and each passing lintClaims. Fewer when the banks give no
 * more within the attempts; never a repeat. The same review, recent replies and style give the same drafts.
 */
export function draftReplies(input: ReplyInput, recent: readonly string[], style: ReplyStyle = DEFAULT_STYLE, count = 3): ReplyDraft[] {
  const fill = contextOf(input, style);
  const nicks = fill.nick ? [fill.nick] : [];
  const seen = recent.map((r) => profile(r, nicks));
  const drafts: ReplyDraft[] = [];
  const chosen: Profile[] = [];
  const seed = cyrb53(input.reviewId);
  const hasOwn = style.openers.length > 0 || style.closings.length > 0;
  let attempt = 0;
  for (let slot = 0; slot < count; slot++) {
    for (let k = 0; k < ATTEMPTS_PER_DRAFT; k++) {
      const rng = mulberry32(cyrb53(String(attempt++), seed));
      // Every other draft in the seller's own words; the tip is kept in the first half of the attempts and
      // dropped in some of the rest, since a shop's one tip repeated is itself a repeat.
      const plan: Plan = {
        own: hasOwn && rng() < (slot % 2 === 0 ? 0.85 : 0.15),
        tip: k < ATTEMPTS_PER_DRAFT / 2 || rng() < 0.5,
      };
      const text = compose(input, style, fill, rng, plan);
      const p = profile(text, nicks);
      const limit = k < ATTEMPTS_PER_DRAFT / 2 ? COMFORTABLE : TOO_SIMILAR;
      if (seen.some((q) => cosine(p, q) >= limit) || chosen.some((q) => cosine(p, q) >= limit)) continue;
      const lint = lintClaims(text);
      if (lint.length) continue;
      drafts.push({ text, lint });
      chosen.push(p);
      break;
    }
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------------------
// Learning the seller's wording

/**
 * Every phrase the drafts are made of, slots unfilled (heads and tails separately), for the test that
 * each passes the lint whatever fills it: a flagged phrase would only ever be thrown away.
 */
export function allPhrases(): string[] {
  const halves = [THANKS, NEUTRAL_OPENERS, APOLOGIES, HIDDEN_OPENERS, CONTACT_OFFERS, ...Object.values(COMPLAINTS)];
  return [
    ...GREETINGS, ...GOOD_EXTRAS, ...APPEND_WORSE, ...Object.values(PRAISES).flat(), ...TIP_LEADS, ...TIP_LEADS_COMPLAINT,
    ...Object.values(CARE).flat(), ...ASK_DETAILS, ...CLOSINGS_GOOD, ...CLOSINGS_BAD,
    ...halves.flatMap((h) => [...h.heads, ...h.tails]),
  ];
}

/**
 * The seller's wording from the drafts they copied in Laoke (never pass replies a review page shows: a
 * page script can forge them): the address and self name used most (an address used as a
 * vocative, at the start of a sentence or before 您好, counts double; 您 and 我们 mid-sentence count half,
 * being everyone's default pronouns), and the first and last sentences seen in at least two replies, most
 * frequent first, without any the lint flags or that name a buyer.
 */
export function learnStyle(replies: readonly string[]): ReplyStyle {
  const address = new Map<string, number>();
  const self = new Map<string, number>();
  const openers = new Map<string, number>();
  const closings = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

  // Global copies for this call: a shared global pattern would carry its position from one use to the next.
  const addressAll = new RegExp(ADDRESS, 'g');
  const selfAll = new RegExp(SELF, 'g');
  for (const reply of replies) {
    for (const m of reply.matchAll(addressAll)) {
      const before = reply.slice(0, m.index);
      const after = reply.slice(m.index + m[0].length);
      const vocative = /(?:^|[。！？!?，,～~\s])$/.test(before) && (m[0] === '您' ? /^好/.test(after) : /^(?:[，,！!～~ ]|您好|你好)/.test(after));
      bump(address, m[0], vocative ? 2 : m[0] === '您' ? 0.5 : 1);
    }
    for (const m of reply.matchAll(selfAll)) bump(self, m[0], m[0] === '我们' ? 0.5 : 1);

    const sentences = reply.split(/(?<=[。！？!?～~…\n])/).map((s) => s.trim()).filter(Boolean);
    const first = sentences[0];
    const last = sentences[sentences.length - 1];
    if (first) bump(openers, first);
    if (last && sentences.length > 1) bump(closings, last);
  }

  const top = (m: Map<string, number>, fallback: string) => {
    let best = fallback;
    let score = 0;
    for (const [k, v] of m) if (v > score) [best, score] = [k, v];
    return best;
  };
  const keep = (m: Map<string, number>) =>
    [...m]
      .filter(([s, n]) => n >= 2 && s.length >= 2 && s.length <= 40 && !/[*＊@]|\d{5,}/.test(s) && lintClaims(s).length === 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([s]) => (/[。！？!?～~…]$/.test(s) ? s : `${s}。`));

  return {
    address: top(address, DEFAULT_STYLE.address),
    selfName: top(self, DEFAULT_STYLE.selfName),
    openers: keep(openers),
    closings: keep(closings),
  };
}
