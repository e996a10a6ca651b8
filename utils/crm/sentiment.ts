// What a review's text says, pure: a lexicon and rules written by hand (no third-party data), used
// on its own at cold start and as the prior of the shop's own learned model (./ngram-model.ts).
//
// How a text is read:
// - It is cut into clauses at punctuation. In each clause the longest dictionary word at each position
//   is taken (好评 before 好, 快递 before 快, 不错 before 不), so compounds that only look like a
//   sentiment word (好像, 只好, 快递, 内存卡) weigh nothing.
// - Negation (不/没/没有/并不/不太/毫无 …) flips the next sentiment word in the clause: 不好 is bad,
//   不贵 mildly good (a negated complaint is weaker praise than the praise word itself).
// - Degree words scale it (很, 非常, 太, 有点 dampens); 好 right before a bad word is a degree word
//   (好慢, 好难用), as is 太 before a good word.
// - Too much of a neutral property is a complaint: 有点大, 太薄, 偏小, 过于硬.
// - Contrast (但是, 可是, 不过, 就是, 可惜, 只是, 却): what follows counts more than what came before,
//   the way a reader takes "质量不错，就是物流太慢"; the clause of a concession (虽然) counts less.
// - Emoji and laughter are light cues; 呵呵 reads as a sneer, as it does on Chinese shopping sites.
// - The last clause, where buyers usually conclude, weighs a little more.
//
// The words are data (./lexicon/sentiment.ts), compiled once at module load into a read-only trie.

import { CONCESSION, CONTRAST, DEGREE, EXCESS_ADJ, EXCESS_PREFIX, NEGATORS, WORDS } from './lexicon/sentiment';

export interface LexiconReading {
  /** Sum of weighted cues: above zero praise, below zero complaint. */
  score: number;
  /** Cues found (positive and negative), for deciding when a text says nothing. */
  cues: number;
  pos: number;
  neg: number;
  /** Score of the last clause that said something, where buyers usually conclude. */
  last: number;
  /** A contrast (但是, 就是 …) turned the review somewhere. */
  turned: boolean;
}

type Entry =
  | { kind: 'word'; w: number }
  | { kind: 'neg'; m: number }
  | { kind: 'deg'; m: number }
  | { kind: 'contrast'; w: number }
  | { kind: 'concession' };

interface Node {
  readonly next: ReadonlyMap<number, Node>;
  readonly entry?: Entry;
}

/** The word lists as a trie: built by compileSentimentLexicon, read-only afterwards. */
export interface SentimentLexicon {
  readonly root: Node;
  /** Characters in the longest word. */
  readonly longest: number;
}

/** The words a lexicon is compiled from (./lexicon/sentiment.ts has the shop-neutral ones). */
export interface SentimentWords {
  words: Readonly<Record<string, number>>;
  negators: Readonly<Record<string, number>>;
  degree: Readonly<Record<string, number>>;
  excessPrefix: Readonly<Record<string, number>>;
  excessAdj: readonly string[];
  contrast: readonly string[];
  concession: readonly string[];
}

/** The trie of the words; where a word is in two lists, the later one below wins. */
export function compileSentimentLexicon(lists: SentimentWords): SentimentLexicon {
  interface Building {
    next: Map<number, Building>;
    entry?: Entry;
  }
  const root: Building = { next: new Map() };
  let longest = 0;
  const add = (word: string, entry: Entry): void => {
    let node = root;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let n = node.next.get(c);
      if (!n) node.next.set(c, (n = { next: new Map() }));
      node = n;
    }
    node.entry = entry;
    longest = Math.max(longest, word.length);
  };
  const { words, negators, degree, excessPrefix, excessAdj, contrast, concession } = lists;
  for (const [w, m] of Object.entries(degree)) add(w, { kind: 'deg', m });
  for (const [w, m] of Object.entries(negators)) add(w, { kind: 'neg', m });
  for (const w of concession) add(w, { kind: 'concession' });
  for (const w of contrast) add(w, { kind: 'contrast', w: words[w] ?? 0 });
  for (const [p, m] of Object.entries(excessPrefix)) for (const a of excessAdj) add(p + a, { kind: 'word', w: -m });
  for (const [w, v] of Object.entries(words)) if (!contrast.includes(w)) add(w, { kind: 'word', w: v });
  return Object.freeze({ root, longest });
}

/** The lexicon's own trie, compiled once at module load and never changed. */
export const SENTIMENT_LEXICON: SentimentLexicon = compileSentimentLexicon({
  words: WORDS, negators: NEGATORS, degree: DEGREE, excessPrefix: EXCESS_PREFIX, excessAdj: EXCESS_ADJ,
  contrast: CONTRAST, concession: CONCESSION,
});

/** Clause breaks: punctuation (full and half width), line breaks and runs of spaces. */
function isBreak(c: number): boolean {
  return (
    c === 0x3002 /* 。 */ || c === 0xff0c /* ， */ || c === 0xff01 /* ！ */ || c === 0xff1f /* ？ */ || c === 0xff1b /* ； */ ||
    c === 0x3001 /* 、 */ || c === 0x2026 /* … */ || c === 0xff5e /* ～ */ || c === 0x2c || c === 0x2e || c === 0x21 ||
    c === 0x3f || c === 0x3b || c === 0x0a || c === 0x0d || c === 0x20 || c === 0x7e || c === 0xff0e || c === 0x3000
  );
}

/** Longest dictionary match at i, or undefined. */
function match(lex: SentimentLexicon, text: string, i: number, end: number): { entry: Entry; len: number } | undefined {
  let node: Node | undefined = lex.root;
  let found: { entry: Entry; len: number } | undefined;
  for (let j = i; j < end && j - i < lex.longest; j++) {
    node = node.next.get(text.charCodeAt(j));
    if (!node) break;
    if (node.entry) found = { entry: node.entry, len: j - i + 1 };
  }
  return found;
}

const CONTRAST_BEFORE = 0.6;
const CONTRAST_AFTER = 1.3;
const CONCESSION_WEIGHT = 0.6;
const LAST_CLAUSE = 1.2;
/** How far (in characters) a negator or degree word reaches. */
const REACH = 5;
const LONE_NEGATION = 0.4;
const QUESTION = 0.3;

/** The lexicon's reading of a text. */
export function readLexicon(text: string, lexicon: SentimentLexicon = SENTIMENT_LEXICON): LexiconReading {
  let score = 0;
  let cues = 0;
  let pos = 0;
  let neg = 0;
  let start = 0;
  let lastClauseScore = 0;
  let turned = false;
  const n = text.length;
  while (start < n) {
    let end = start;
    while (end < n && !isBreak(text.charCodeAt(end))) end++;
    if (end > start) {
      let clause = 0;
      let clauseWeight = 1;
      let negate = 0; // negators seen since the last sentiment word (two cancel out)
      let negM = 1;
      let negAt = -1;
      let deg = 1;
      let degAt = -1;
      let i = start;
      while (i < end) {
        const m = match(lexicon, text, i, end);
        if (!m) {
          i++;
          continue;
        }
        const e = m.entry;
        if (e.kind === 'neg') {
          negate++;
          negM = e.m;
          negAt = i + m.len;
        } else if (e.kind === 'deg') {
          deg = e.m;
          degAt = i + m.len;
        } else if (e.kind === 'concession') {
          clauseWeight = CONCESSION_WEIGHT;
        } else if (e.kind === 'contrast') {
          // What came before, in this clause and the clauses before, counts less.
          score *= CONTRAST_BEFORE;
          turned = true;
          clause *= CONTRAST_BEFORE;
          clauseWeight = CONTRAST_AFTER;
          if (e.w) clause += e.w;
          negate = 0;
          deg = 1;
        } else if (e.w !== 0) {
          let w = e.w;
          // 好 right before a complaint is a degree word (好慢, 好难用), not praise.
          if (w > 0 && m.len === 1 && text[i] === '好') {
            const after = match(lexicon, text, i + 1, end);
            if (after?.entry.kind === 'word' && after.entry.w < 0) {
              deg = 1.3;
              degAt = i + 1;
              i += 1;
              continue;
            }
          }
          if (degAt >= 0 && i - degAt <= REACH) w *= deg;
          if (negate > 0 && negAt >= 0 && i - negAt <= REACH && negate % 2 === 1) {
            // A negated complaint is weaker praise than the praise word itself: 不贵 < 便宜.
            w = w > 0 ? -w * negM * 0.9 : -w * negM * 0.5;
          }
          clause += w;
          cues++;
          if (w > 0) pos += w;
          else neg -= w;
          negate = 0;
          negAt = -1;
          deg = 1;
          degAt = -1;
        }
        i += m.len;
      }
      // A negation that found no word to turn is usually a thing missing or failing: 不能传送数据,
      // 不起泡沫, 没有护发素.
      if (negate > 0 && negate % 2 === 1) clause -= LONE_NEGATION * negM;
      // Buyers ask when they complain: 这种苹果能吃吗？
      if (end < n && (text.charCodeAt(end) === 0xff1f || text.charCodeAt(end) === 0x3f)) clause -= QUESTION;
      clause *= clauseWeight;
      score += clause;
      if (clause !== 0) lastClauseScore = clause;
    }
    start = end + 1;
  }
  // The conclusion, usually last, weighs a little more.
  score += lastClauseScore * (LAST_CLAUSE - 1);
  return { score, cues, pos, neg, last: lastClauseScore, turned };
}

/** Lexicon-only sentiment: a text with no cue at all, or cues that cancel out, is neutral. */
export function lexiconSentiment(text: string): 'pos' | 'neu' | 'neg' {
  const { score } = readLexicon(text);
  return score > 0.15 ? 'pos' : score < -0.15 ? 'neg' : 'neu';
}
