// Aspect tagging of Chinese product reviews: which of the nine seller aspects a review names and
// whether it complains ('-') or praises ('+'): 物流 logistics, 破损 damage, 货不对板 mismatch,
// 质量 quality, 尺码 size, 口感/新鲜 taste, 客服 service, 价格 price, 使用体验 usage
// (ASPECTS.md of the review evaluation data has the definitions and judgement rules). Pure and hand-written:
// a lexicon of general shopping-review vocabulary (./lexicon/aspects.ts) and a few rules, no model and no
// data behind it.
//
// How it works:
//  1. One left-to-right scan with a longest-match lexicon (first two characters → their words,
//     longest first) turns the text into tokens. Punctuation, spaces and the contrast words 但/但是/
//     可是/就是/不过/可惜… close a clause, so 质量不错，就是物流太慢 is two clauses.
//  2. Tokens are aspect cues without polarity (物流, 质量, 屏幕…); phrases with aspect and polarity
//     of their own (发错 → mismatch -, 压坏 → damage -, 起球 → quality -, 偏大 → size -, 降价 →
//     price -, 好用 → usage +…); general sentiment (好, 差, 失望…); magnitude words (高 低 大 小 长
//     短…) whose sign comes from the cue (价格高 is bad, 续航长 good); negators (不, 没有, 一点也不…);
//     topics that are no aspect (a book's 内容, an item's 外观), which swallow the sentiment after
//     them; and blockers, words that only stop a wrong shorter match (酸奶 is not 酸, 快递 not 快).
//  3. A negator flips the next polar token a few characters on: 物流不慢 and 一点也不贵 are praise,
//     没有破损 is no complaint, 质量不好 and 不新鲜 are. A cue that is missing (没有蓝牙, 耳机都没有,
//     不是图片上的) is a complaint: missing features are usage, missing parts or gifts mismatch.
//  4. In a clause, sentiment goes to the nearest cue before it, or to the first cue when it leads
//     the clause (很满意的物流); a cue with nothing of its own borrows from the cue joined right
//     after it (质量和做工都很好), or from the next clause when that names no aspect (物流方面，很快).
//  5. Some words mean different aspects by product: 味道 is taste for food and cosmetics but quality
//     for clothes, 坏了 is taste for fruit and quality otherwise, 太小 is size for clothes and quality
//     for fruit, 服务 is logistics when only the courier is talked about. A few regex tests over the
//     whole review decide the product context.
//  6. Each aspect is reported once per review; a complaint anywhere wins over praise.
// Also: 如果/万一/会不会 make the rest of a clause hypothetical, and claim-against-reality phrasing
// (写的是…收到的却是…) is a mismatch.
//  7. Rules by meaning (MEANING_RULES in the lexicon): shapes of sentence for complaints told rather
//     than named — a parcel not there after a span of days, a promise set against what came, parts or
//     gifts missing, fees on top, money not returned — each limited to a kind of product where it must be.
//  8. The item's title (AspectContext) tells the product when the review does not (收到都是坏的 under a
//     fruit's title is freshness).
// The shop's own aspect model (./aspect-model.ts) may add complaints on top (readAspects). No overall-tone fallback: a cue with no polarity of its own gets
// no mark (giving it the review's tone did not measurably help).
// The words are data (./lexicon/aspects.ts), compiled once at module load into a read-only lookup
// (compileAspectLexicon); a call keeps its tokens and marks in arrays of its own, so calls share nothing.

import {
  ABSENCE_WORDS, ACC, ADJ, ASK, ASPECT_WORDS, BIGW, BOOK_MISMATCH_RE, BOOK_PRICE_RE, BOOK_RE, BOOK_SERVICE_WORDS, CONTAMINATION_RE, POST_RE, PURCHASE_RE, BOUNDARY_CHARS, CLAIM_VS_REALITY_RE, CLOTH_RE, COURIER, COURIER_RE,
  DAM, DEGREE_START_CHARS, DEVICE_RE, MEANING_RULES, DIM, DUR, FEEL, FIT, FOOD_RE, FRUIT_RE, JOIN_CHARS, K, LOG, MIS, MISNEG, MISSING, NONE,
  NOPOS, PIC, PRI, QUA, ROT, ROTF, SELLER_RE, SER, SERV, SIZ, SLOW_WORDS, SMELL, SPEED, STRONG, TAS, TITLE_DEVICE_RE, USE, WEAK, type WordGroup,
} from './lexicon/aspects';
import { ASPECT_IDS, type AspectId, type AspectMark } from './types';

/** One word of the lexicon, with what its group says of it. */
interface Entry {
  readonly w: string;
  readonly k: K;
  readonly a: number;
  readonly b: number;
  readonly p: number;
  readonly f: number;
}

/** The word lists as a lookup: built by compileAspectLexicon, read-only afterwards. */
export interface AspectLexicon {
  /** Words of two characters or more, keyed by their first two UTF-16 code units; longest first. */
  readonly two: ReadonlyMap<number, readonly Entry[]>;
  /** One-character words. */
  readonly one: ReadonlyMap<number, Entry>;
}

const pairKey = (c1: number, c2: number) => c1 * 65536 + c2;

/** The lookup of the word groups, in order: a later definition of the same word wins. */
export function compileAspectLexicon(groups: readonly WordGroup[]): AspectLexicon {
  const two = new Map<number, Entry[]>();
  const one = new Map<number, Entry>();
  for (const { k, a, b, p, f, words } of groups) {
    for (const w of words.split(/\s+/)) {
      if (!w) continue;
      const e: Entry = Object.freeze({ w, k, a, b, p, f });
      if (w.length === 1) {
        one.set(w.charCodeAt(0), e);
        continue;
      }
      const key = pairKey(w.charCodeAt(0), w.charCodeAt(1));
      let list = two.get(key);
      if (!list) two.set(key, (list = []));
      const i = list.findIndex((x) => x.w === w);
      if (i >= 0) list[i] = e;
      else list.push(e);
    }
  }
  for (const list of two.values()) {
    list.sort((x, y) => y.w.length - x.w.length);
    Object.freeze(list);
  }
  return Object.freeze({ two, one });
}

/** The tagger's own lexicon, compiled once at module load and never changed. */
export const ASPECT_LEXICON: AspectLexicon = compileAspectLexicon(ASPECT_WORDS);

// ---------------------------------------------------------------- product context

/** What kind of product a review is about, as bits: the regexes of the lexicon over the whole text. */
const CTX_CLOTH = 1, CTX_FOOD = 2, CTX_FRUIT = 4, CTX_DEVICE = 8, CTX_COURIER = 16, CTX_BOOK = 32;

function contextOf(text: string): number {
  let c = 0;
  if (CLOTH_RE.test(text)) c |= CTX_CLOTH;
  if (FRUIT_RE.test(text)) c |= CTX_FRUIT | CTX_FOOD;
  else if (FOOD_RE.test(text)) c |= CTX_FOOD;
  if (DEVICE_RE.test(text)) c |= CTX_DEVICE;
  if (COURIER_RE.test(text) && !SELLER_RE.test(text)) c |= CTX_COURIER;
  if (BOOK_RE.test(text)) c |= CTX_BOOK;
  return c;
}

/**
 * The kinds of product an item's title shows (一件衣服, 新鲜水果, 笔记本电脑): a review often does not say
 * what it is about (收到货都是坏的), its item does. Only product kinds; a device title is never food
 * (Apple/苹果 iPhone).
 */
function titleContext(title: string): number {
  if (!title) return 0;
  let c = contextOf(title) & ~CTX_COURIER;
  if (TITLE_DEVICE_RE.test(title)) c = (c | CTX_DEVICE) & ~(CTX_FOOD | CTX_FRUIT);
  return c;
}

/** The complaints beside which a vague quality complaint (东西不好) is only their echo: mismatch, usage. */
const VAGUE_QUALITY_YIELDS: readonly number[] = [MIS, USE];

/** The product kinds a meaning rule may be limited to. */
const ONLY = { fruit: CTX_FRUIT, device: CTX_DEVICE, cloth: CTX_CLOTH, book: CTX_BOOK } as const;

/** The aspect of a cue in this review, or NONE. */
function cueAspect(e: Entry, domain: number): number {
  if (domain & CTX_BOOK) {
    if (e.f & (MISNEG | NOPOS)) return NONE; // a book's 描述, 介绍, 东西 are its content
    if ((e.a === SER || e.a === SERV) && !BOOK_SERVICE_WORDS.has(e.w)) return NONE; // its 老板, 态度 are in the story
  }
  return resolve(e.a, e.f, domain);
}

/** The aspect of a (pseudo-)aspect in this review; NONE where a FIT word is plain sentiment. */
function resolve(a: number, f: number, domain: number): number {
  switch (a) {
    case SMELL:
      return domain & CTX_CLOTH && !(domain & CTX_FOOD) ? QUA : TAS;
    case ROT:
      return domain & CTX_FOOD ? TAS : QUA;
    case ROTF:
      return domain & CTX_FOOD || !(domain & (CTX_DEVICE | CTX_CLOTH)) ? TAS : QUA;
    case FIT:
      if (domain & CTX_CLOTH) return SIZ;
      if (domain & CTX_FRUIT && !(f & WEAK)) return QUA;
      if (f & STRONG && !(domain & CTX_DEVICE)) return SIZ;
      return NONE;
    case FEEL:
      return domain & CTX_CLOTH ? QUA : USE;
    case SPEED:
      return domain & CTX_DEVICE ? USE : LOG;
    case DIM:
      if (domain & CTX_CLOTH) return SIZ;
      if (domain & CTX_FRUIT) return QUA;
      return domain & CTX_DEVICE ? USE : SIZ;
    case SER:
    case SERV:
      return domain & CTX_COURIER ? LOG : SER;
    case PIC:
      return domain & CTX_DEVICE ? USE : MIS;
    case DUR:
      return QUA;
    default:
      return a;
  }
}

// ---------------------------------------------------------------- scanning

const codes = (chars: string): ReadonlySet<number> => new Set([...chars].map((c) => c.charCodeAt(0)));
const BOUNDARY = codes(BOUNDARY_CHARS);
const DEGREE_START = codes(DEGREE_START_CHARS);
const JOIN = codes(JOIN_CHARS);
const CLAUSE_END = null;

/** The tokens of one text, in parallel arrays: the entry (CLAUSE_END between clauses), its start and end. */
interface Tokens {
  readonly e: (Entry | typeof CLAUSE_END)[];
  readonly s: number[];
  readonly end: number[];
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The longest lexicon word at position i, if any. */
function matchAt(lex: AspectLexicon, text: string, i: number): Entry | undefined {
  const c1 = text.charCodeAt(i);
  if (i + 1 < text.length) {
    const list = lex.two.get(pairKey(c1, text.charCodeAt(i + 1)));
    if (list) {
      for (const e of list) if (e.w.length === 2 || text.startsWith(e.w, i)) return e;
    }
  }
  return lex.one.get(c1);
}

function push(tok: Tokens, e: Entry | null, s: number, end: number): void {
  tok.e.push(e);
  tok.s.push(s);
  tok.end.push(end);
}

function openClause(tok: Tokens): boolean {
  return tok.e.length > 0 && tok.e[tok.e.length - 1] !== CLAUSE_END;
}

/** The text as tokens: lexicon words, longest first, with CLAUSE_END where a clause closes. */
function scan(lex: AspectLexicon, text: string): Tokens {
  const tok: Tokens = { e: [], s: [], end: [] };
  const len = text.length;
  let i = 0;
  while (i < len) {
    const ch = text.charCodeAt(i);
    if (BOUNDARY.has(ch)) {
      if (openClause(tok)) push(tok, CLAUSE_END, i, i + 1);
      i++;
      continue;
    }
    const hit = matchAt(lex, text, i);
    if (!hit) {
      i++;
      continue;
    }
    const end = i + hit.w.length;
    // 很热情 is 很 + 热情, not 很热 + 情; 好慢 is 好 + 慢: a degree adverb gives way to a longer word after it
    if (DEGREE_START.has(ch) && i + 1 < len) {
      const next = matchAt(lex, text, i + 1);
      if (next && i + 1 + next.w.length > end && !(next.f & WEAK)) {
        i++;
        continue;
      }
    }
    // 一般 before a number is "usually" (开机一般3秒)
    if (hit.w === '一般' && end < len && isDigit(text.charCodeAt(end))) {
      i = end;
      continue;
    }
    if (hit.k === K.Contrast && openClause(tok)) {
      // 就是快, 就是好: emphasis before an adjective, not "only that…"
      const next = hit.w === '就是' ? matchAt(lex, text, end) : undefined;
      if (next && (next.k === K.Sent || next.k === K.Mag)) {
        i = end;
        continue;
      }
      push(tok, CLAUSE_END, i, i);
    }
    if (hit.k !== K.Block) push(tok, hit, i, end);
    i = end;
  }
  return tok;
}

// ---------------------------------------------------------------- clauses

const NEG_REACH = 5; // characters a negator reaches over (不是很好, 没有想象中的好)

/** What one call of tagAspects works on: the text's tokens, per-token notes, and the aspects marked so far. */
interface Tagging {
  readonly text: string;
  readonly domain: number;
  readonly tok: Tokens;
  readonly score: Float64Array;
  readonly scored: Uint8Array; // 1: the cue (or phrase) has polarity
  readonly missing: Uint8Array; // 1: the cue is said to be absent (没有蓝牙)
  readonly inactive: Uint8Array; // 1: the cue is only a modifier of the next (产品的分辨率)
  /** 1 where the review complains about / praises the aspect, by ASPECT_IDS index. */
  readonly neg: Uint8Array;
  readonly pos: Uint8Array;
  /** 1 where a complaint was read from something more than a vague word for the goods (东西不好, 苹果小). */
  readonly named: Uint8Array;
}

/** Marks an aspect; `vague`: the complaint is only general sentiment said of the goods as a whole. */
function mark(g: Tagging, a: number, sign: number, vague = false): void {
  if (a < 0 || a >= ASPECT_IDS.length || sign === 0) return;
  if (sign < 0) {
    g.neg[a] = 1;
    if (!vague) g.named[a] = 1;
  } else g.pos[a] = 1;
}

function isPolar(k: K): boolean {
  return k === K.Sent || k === K.Fixed || k === K.Mag || k === K.Contrast;
}

function isAbsenceWord(w: string): boolean {
  return ABSENCE_WORDS.includes(w);
}

/** Nothing but a particle (了, 啊, 呢…) between this position and the end of its clause. */
function endsClause(text: string, at: number): boolean {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (BOUNDARY.has(c)) return true;
    if (!PARTICLES.has(c)) return false;
  }
  return true;
}
const PARTICLES = codes('了啊呢哦吧的呀嘛啦');

/**
 * A new predicate begins between a negator and the word after it: 不签收就不给验货, 没收到就降价 (the 不 and 没 are
 * of the first verb, not of what follows 就/才).
 */
function newPredicate(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (NEW_PREDICATE.has(text.charCodeAt(i))) return true;
  return false;
}
const NEW_PREDICATE = codes('就才便');

/** Only joining words (和, 与, 、…) between two positions of the text. */
function joined(text: string, from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let i = from; i < to; i++) if (!JOIN.has(text.charCodeAt(i))) return false;
  return true;
}

/**
 * A magnitude word with no cue before it, where the product says what it is about: a fruit that is
 * 小 is a quality complaint, a device that is 慢 a usage one. Returns whether it was used.
 */
function magWithoutCue(g: Tagging, e: Entry, negated: boolean): boolean {
  const domain = g.domain;
  let a = NONE;
  let p = 0;
  if (domain & CTX_FRUIT && (e.w === '小' || e.w === '大')) {
    a = QUA;
    p = e.w === '大' ? 1 : -1;
  } else if (domain & CTX_DEVICE && !(domain & CTX_COURIER) && SLOW_WORDS.includes(e.w)) {
    a = USE;
    p = -1;
  }
  if (a === NONE) return false;
  mark(g, a, negated ? -p : p, a === QUA);
  return true;
}

/** Tags tokens [from, to) as one clause; returns the aspect of a trailing cue left without polarity. */
function tagClause(g: Tagging, from: number, to: number, carry: number): number {
  const { text, domain, score, scored, missing, inactive } = g;
  const { e: tokE, s: tokS, end: tokEnd } = g.tok;
  // The per-token notes start at 0: each token belongs to one clause only.
  let current = -1; // token the next sentiment attaches to; -1 none yet (leads the clause); -2 swallowed
  let leading = 0;
  let leadingAny = false;
  const addSentiment = (p: number): void => {
    if (p === 0) return;
    if (current >= 0) {
      score[current]! += p;
      scored[current] = 1;
    } else if (current === -1) {
      leading += p;
      leadingAny = true;
    }
  };
  let courier = false;
  let named = false; // the clause names an aspect or a non-aspect topic
  let asked = false; // 回答/咨询/解决 in the clause: 问题 is a question or the thing solved
  for (let t = from; t < to; t++) if (tokE[t]!.k === K.Cue && tokE[t]!.f & ASK) asked = true;
  let hypothetical = false; // after 如果, 万一…: nothing more is reported
  let polarSinceCue = false; // for 速度: a polar word came since the last cue
  let firstCue = -1;
  let negPending = false;
  let negUntil = -1;
  let doubt = false;
  let prevCue = -1;

  for (let t = from; t < to; t++) {
    const e = tokE[t]!;
    const s = tokS[t]!;
    const end = tokEnd[t]!;
    let negated = false;
    if (negPending && isPolar(e.k)) {
      // 怀疑 (doubt) turns praise into a complaint, never the reverse: 怀疑不是正品, 怀疑是假货
      negated = s <= negUntil && !(doubt && e.p < 0) && !newPredicate(text, negUntil - NEG_REACH, s);
      negPending = false;
    }
    if (isPolar(e.k)) {
      if (hypothetical) continue;
      polarSinceCue = true;
    }
    switch (e.k) {
      case K.Hypo:
        hypothetical = true;
        break;
      case K.Neg: {
        negPending = true;
        negUntil = end + NEG_REACH;
        doubt = e.w === '怀疑';
        const absence = isAbsenceWord(e.w);
        // 没有 + cue: 没有蓝牙, 没有物流信息, 不是图片上的
        const nx = t + 1 < to ? tokE[t + 1]! : undefined;
        if (nx && nx.k === K.Cue && tokS[t + 1]! - end <= 2) {
          if (absence ? nx.f & (MISSING | ACC) : nx.f & MISNEG && (e.w === '不是' || e.w === '不像')) missing[t + 1] = 1;
        }
        // 一个坏的也没有, 色差都没有: the complaint phrase before is denied
        // (only where the absence word ends the clause: 涨价没意思 denies nothing)
        if (absence && t > from && tokE[t - 1]!.k === K.Fixed && tokE[t - 1]!.p < 0 && s - tokEnd[t - 1]! <= 2 && endsClause(text, end)) scored[t - 1] = 0;
        // cue + 没有: 耳机都没有, 退款还没有
        if (absence && prevCue >= 0 && s - tokEnd[prevCue]! <= 2 && tokE[prevCue]!.f & (MISSING | ACC)) missing[prevCue] = 1;
        break;
      }
      case K.Cue: {
        if (e.a === SPEED && prevCue >= 0 && !polarSinceCue) {
          inactive[t] = 1; // 发货速度: the speed of the cue before
          break;
        }
        if (cueAspect(e, domain) === NONE) {
          inactive[t] = 1;
          break;
        }
        // 产品的分辨率, 东西质量: the vague cue only modifies the next one
        if (prevCue >= 0 && tokE[prevCue]!.f & NOPOS && s - tokEnd[prevCue]! <= 1) {
          inactive[prevCue] = 1;
          if (firstCue === prevCue) firstCue = -1;
        }
        if (e.f & COURIER) courier = true;
        named = true;
        if (firstCue < 0) firstCue = t;
        current = t;
        prevCue = t;
        polarSinceCue = false;
        break;
      }
      case K.Fixed: {
        const p = negated ? -e.p : e.p;
        if (e.a === DUR && current >= 0 && cueAspect(tokE[current]!, domain) === USE) {
          addSentiment(p); // 电池不耐用: battery life, usage
          break;
        }
        if ((e.a === ROT || e.a === ROTF) && current >= 0 && tokE[current]!.a === DAM) {
          addSentiment(p); // 瓶子坏了, 箱子烂了: the packaging, damage
          break;
        }
        if (e.f & ADJ && current >= 0) {
          addSentiment(p); // 面料舒服, 键盘好用: the cue's aspect
          break;
        }
        if (resolve(e.a, e.f, domain) === NONE) {
          // a fit word outside clothes is plain sentiment (声音偏小), with the cue's direction (噪音很小),
          // unless it is meaningless there (大了)
          if (e.f & WEAK) break;
          const dir = current >= 0 ? tokE[current]!.p : 0;
          addSentiment(dir === 0 ? p : e.f & BIGW ? dir : -dir);
          break;
        }
        named = true;
        score[t] = p;
        scored[t] = 1;
        current = -2; // sentiment right after a phrase with its own polarity belongs to it
        prevCue = -1;
        break;
      }
      case K.Sent:
      case K.Mag:
      case K.Contrast: {
        let p = e.p;
        if (e.k === K.Mag) {
          const c = current >= 0 ? tokE[current]! : undefined;
          const dir = c && c.k === K.Cue ? c.p : 0;
          if (dir !== 0) p = e.f & BIGW ? dir : -dir;
          else if (current < 0 && magWithoutCue(g, e, negated)) break;
        }
        if (asked && e.w === '问题') break;
        addSentiment(negated ? -p : p);
        break;
      }
      case K.Sink:
        if (current < 0) {
          current = -2;
          named = true;
        }
        break;
      default:
        break;
    }
  }

  // Sentiment leading the clause goes to its first cue (很满意的物流), or to a cue left over from the
  // previous clause when this one names nothing (物流方面，非常快).
  if (leadingAny) {
    if (firstCue >= 0 && !(tokE[firstCue]!.f & NOPOS)) {
      score[firstCue]! += leading;
      scored[firstCue] = 1;
    } else if (firstCue < 0 && carry !== NONE && !named) {
      mark(g, carry, leading);
    }
  }

  // Cues, right to left so that a cue can borrow from the one joined after it.
  let dangling = NONE;
  let nextSign = 0;
  let nextStart = -1;
  let trailing = true;
  for (let t = to - 1; t >= from; t--) {
    const e = tokE[t]!;
    if (e.k === K.Fixed) {
      if (scored[t]) {
        let a = resolve(e.a, e.f, domain);
        const p = score[t]!;
        // 没有破损 is no praise, only no complaint
        if (!(a === DAM && p > 0 && e.p < 0)) {
          if (courier && a === SER) a = LOG;
          mark(g, a, p);
          if (e.b !== NONE) mark(g, resolve(e.b, 0, domain), p);
        }
      }
      trailing = false;
      nextSign = 0;
      continue;
    }
    if (e.k !== K.Cue || inactive[t]) continue;
    let a = cueAspect(e, domain);
    let sign = Math.sign(score[t]!);
    let has = scored[t] === 1;
    if (has && sign === 0) sign = -1; // praise and complaint in one breath: the complaint counts
    if (!has && missing[t]) {
      sign = -1;
      has = true;
      if (e.f & ACC) a = MIS;
    } else if (!has && nextSign !== 0 && joined(text, tokEnd[t]!, nextStart)) {
      sign = nextSign;
      has = true;
    }
    if (courier && a === SER) a = LOG;
    if (has) {
      if (!(sign > 0 && e.f & NOPOS)) mark(g, a, sign, !!(e.f & NOPOS) && a === QUA);
      nextSign = sign;
    } else {
      nextSign = 0;
      if (trailing && !(e.f & NOPOS)) dangling = a;
    }
    trailing = false;
    nextStart = tokS[t]!;
  }
  return dangling;
}

/** What is known of a review beside its text. */
export interface AspectContext {
  /** The item's title (商品标题): what kind of product the review is about. */
  readonly title?: string;
}

/** The aspects a review names, each once, '-' (complaint) winning over '+' when both occur; in ASPECT_IDS order. */
export function tagAspects(text: string, context: AspectContext = {}, lexicon: AspectLexicon = ASPECT_LEXICON): AspectMark[] {
  const domain = contextOf(text) | titleContext(context.title ?? '');
  const tok = scan(lexicon, text);
  const n = tok.e.length;
  const g: Tagging = {
    text, domain, tok,
    score: new Float64Array(n), scored: new Uint8Array(n), missing: new Uint8Array(n), inactive: new Uint8Array(n),
    neg: new Uint8Array(ASPECT_IDS.length), pos: new Uint8Array(ASPECT_IDS.length), named: new Uint8Array(ASPECT_IDS.length),
  };
  let start = 0;
  let carry = NONE;
  for (let t = 0; t <= n; t++) {
    if (t < n && tok.e[t] !== CLAUSE_END) continue;
    if (t > start) {
      const contrastStart = tok.e[start]!.k === K.Contrast;
      carry = tagClause(g, start, t, contrastStart ? NONE : carry);
    }
    start = t + 1;
  }
  const { neg, pos } = g;
  if (!(domain & CTX_BOOK) && CLAIM_VS_REALITY_RE.test(text)) neg[MIS] = 1;
  for (const r of MEANING_RULES) {
    if (r.notBooks && domain & CTX_BOOK) continue;
    if (r.only && !(domain & ONLY[r.only])) continue;
    if (!r.re.test(text)) continue;
    mark(g, r.a, r.p);
    if (r.clears !== undefined) neg[r.clears] = pos[r.clears] = 0;
  }
  // The goods called bad in general (东西太差, 垃圾货, 苹果小) beside a mismatch or a usage complaint: the buyer's
  // verdict on what came unlike the picture, or on how it works, not a second complaint about its make
  // (VAGUE_QUALITY_YIELDS; a named fault, 做工差, 起球, 死机, stays)
  if (neg[QUA] && !g.named[QUA] && VAGUE_QUALITY_YIELDS.some((a) => neg[a])) neg[QUA] = 0;
  if (domain & CTX_BOOK && !(domain & CTX_DEVICE)) {
    // a book is read, not used, tasted or worn (看起来连不上, 苦了我); what it says is no 货不对板 (介绍言过其实), only
    // a book or disc missing or the wrong one sent is
    neg[USE] = pos[USE] = neg[TAS] = pos[TAS] = 0;
    neg[SIZ] = pos[SIZ] = 0; // nor worn: a book's 厚, 小 and its characters' 身材 are no fit
    if (!BOOK_PRICE_RE.test(text)) neg[PRI] = pos[PRI] = 0; // 不值得一看, 钱都花光 (in the story): the content, no price
    if (!BOOK_MISMATCH_RE.test(text)) neg[MIS] = pos[MIS] = 0;
  }
  if (POST_RE.test(text) && !PURCHASE_RE.test(text)) {
    // a post about a brand (links, @names, #topics#): no aspect, but for a named contamination (quality)
    const ill = CONTAMINATION_RE.test(text);
    neg.fill(0);
    pos.fill(0);
    if (ill) neg[QUA] = 1;
  }
  const marks: AspectMark[] = [];
  for (let a = 0; a < ASPECT_IDS.length; a++) {
    if (neg[a]) marks.push({ aspect: ASPECT_IDS[a]!, polarity: '-' });
    else if (pos[a]) marks.push({ aspect: ASPECT_IDS[a]!, polarity: '+' });
  }
  return marks;
}

/** Aspects of two readings, each once, a complaint winning over praise; in ASPECT_IDS order. */
export function mergeAspects(a: readonly AspectMark[], b: readonly AspectMark[]): AspectMark[] {
  const by = new Map<AspectId, AspectMark['polarity']>();
  for (const m of [...a, ...b]) if (by.get(m.aspect) !== '-') by.set(m.aspect, m.polarity);
  return ASPECT_IDS.flatMap((aspect) => {
    const polarity = by.get(aspect);
    return polarity ? [{ aspect, polarity }] : [];
  });
}

/** 'quality:-;price:+' (the label format of ASPECTS.md). */
export function formatAspects(marks: AspectMark[]): string {
  return marks.map((m) => `${m.aspect}:${m.polarity}`).join(';');
}

const ASPECT_SET: ReadonlySet<string> = new Set(ASPECT_IDS);

/** Parses the label format; unknown aspects, bad signs and empty parts are skipped. */
export function parseAspects(s: string): AspectMark[] {
  const out: AspectMark[] = [];
  for (const part of s.split(';')) {
    const t = part.trim();
    if (!t) continue;
    const colon = t.lastIndexOf(':');
    if (colon < 0) continue;
    const aspect = t.slice(0, colon).trim();
    const polarity = t.slice(colon + 1).trim();
    if (!ASPECT_SET.has(aspect) || (polarity !== '+' && polarity !== '-')) continue;
    out.push({ aspect: aspect as AspectId, polarity });
  }
  return out;
}
