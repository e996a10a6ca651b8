// 关联 (linked records, issue 23 part 4): the same person as the shop knows them on two platforms. A
// Taobao buyer id and a Pinduoduo nick + receiver never prove each other, so Laoke never merges records
// across platforms; the seller, who knows (the same phone, the same address, the buyer said so), links
// two records by hand. A link is a pair of customer keys. Linked records form a group through any chain
// of links (A–B and B–C: A, B and C are one person), and each record keeps its own figures: counts,
// audiences, badges and the pulse go on counting per record. Undoing is removing one pair.
//
// Pure: no database, no browser API (utils/db/links.ts stores the pairs).

import type { Platform } from './types';

/** One link the seller made: two customer keys, `a` < `b` (so a pair is stored once, whoever linked it first). */
export interface CustomerLink {
  a: string;
  b: string;
  /** When the seller linked them. */
  at: number;
}

/**
 * The most records one group may hold. A buyer is on a handful of platforms, perhaps with two accounts on
 * one; a group past this is a slip of the seller's (or a damaged backup), refused rather than shown.
 */
export const MAX_LINK_GROUP = 12;

/** The pair's stored order: the two keys sorted; the same key twice is no link (null). */
export function linkPair(x: string, y: string): [string, string] | null {
  if (x === y) return null;
  return x < y ? [x, y] : [y, x];
}

/** A link of these two records, as stored. Throws on a record linked to itself. */
export function makeLink(x: string, y: string, at: number): CustomerLink {
  const pair = linkPair(x, y);
  if (!pair) throw new Error('links: a record cannot be linked to itself');
  return { a: pair[0], b: pair[1], at };
}

/**
 * Every platform, in the order the card names them. A Record, so that a platform added to the type
 * (抖店, JD) fails the type check here until it has its place.
 */
const PLATFORM_ORDER: Record<Platform, number> = { taobao: 0, pdd: 1, douyin: 2, jd: 3 };
export const LINK_PLATFORMS: readonly Platform[] = (Object.keys(PLATFORM_ORDER) as Platform[]).sort((p, q) => PLATFORM_ORDER[p] - PLATFORM_ORDER[q]);

/** The platform a customer key belongs to: keys start with it (utils/crm/identity.ts). */
export function platformOfKey(key: string): Platform | null {
  const p = key.slice(0, key.indexOf(':'));
  return Object.hasOwn(PLATFORM_ORDER, p) ? (p as Platform) : null;
}

/** One record of a group, seen from the record whose card is open. */
export interface GroupMember {
  key: string;
  /** The record it is linked to on the shortest chain from the card's record: that record itself for a direct link. */
  via: string;
  /** Links between the card's record and this one: 1 for a direct link. */
  hops: number;
}

/**
 * The group of `key`: every record reachable from it through the links, nearest first (breadth first;
 * among records as near, in key order, so the card lists them the same way every time). `key` itself is
 * not listed. At most MAX_LINK_GROUP - 1 members.
 */
export function linkGroup(links: readonly Pick<CustomerLink, 'a' | 'b'>[], key: string): GroupMember[] {
  const next = neighbours(links);
  const seen = new Set([key]);
  const out: GroupMember[] = [];
  let frontier = [key];
  for (let hops = 1; frontier.length > 0 && out.length < MAX_LINK_GROUP - 1; hops++) {
    const found: GroupMember[] = [];
    for (const from of frontier) {
      for (const to of [...(next.get(from) ?? [])].sort()) {
        if (seen.has(to)) continue;
        seen.add(to);
        found.push({ key: to, via: from, hops });
      }
    }
    found.sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
    out.push(...found.slice(0, MAX_LINK_GROUP - 1 - out.length));
    frontier = found.map((m) => m.key);
  }
  return out;
}

/** Each record's directly linked records. */
function neighbours(links: readonly Pick<CustomerLink, 'a' | 'b'>[]): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  const add = (from: string, to: string) => next.set(from, (next.get(from) ?? new Set<string>()).add(to));
  for (const { a, b } of links) {
    if (a === b) continue;
    add(a, b);
    add(b, a);
  }
  return next;
}

/** Every group of two or more records among these links (union of the pairs), each in key order. */
export function linkGroups(links: readonly Pick<CustomerLink, 'a' | 'b'>[]): string[][] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Every record on the way is pointed at the root.
    for (let n = k; n !== root;) {
      const up = parent.get(n)!;
      parent.set(n, root);
      n = up;
    }
    return root;
  };
  for (const { a, b } of links) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const k of parent.keys()) {
    const root = find(k);
    groups.set(root, [...(groups.get(root) ?? []), k]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((p, q) => (p[0]! < q[0]! ? -1 : 1));
}

/**
 * Whether linking `x` and `y` is refused, and why: the same record; already in one group (linked
 * directly or through others); or the joined group would pass MAX_LINK_GROUP. `links`: the links of both
 * records' groups (more is fine).
 */
export function linkRefusal(links: readonly Pick<CustomerLink, 'a' | 'b'>[], x: string, y: string): 'self' | 'linked' | 'tooMany' | null {
  if (x === y) return 'self';
  const gx = linkGroup(links, x);
  if (gx.some((m) => m.key === y)) return 'linked';
  const gy = linkGroup(links, y);
  return gx.length + 1 + gy.length + 1 > MAX_LINK_GROUP ? 'tooMany' : null;
}

/** The links left after undoing the one between `x` and `y` (either order); the others stay as they were. */
export function withoutLink<L extends Pick<CustomerLink, 'a' | 'b'>>(links: readonly L[], x: string, y: string): L[] {
  const pair = linkPair(x, y);
  if (!pair) return [...links];
  return links.filter((l) => l.a !== pair[0] || l.b !== pair[1]);
}

/** The platforms of a record and its group, in the order the card names them (taobao, then pdd). */
export function platformsOf(keys: readonly string[]): Platform[] {
  const found = new Set(keys.map(platformOfKey).filter((p): p is Platform => p !== null));
  return LINK_PLATFORMS.filter((p) => found.has(p));
}

/**
 * A phone as the seller typed it, reduced to what identifies it: its digits, without China's +86 / 0086
 * prefix. Fewer than 7 digits identify nobody: null (no suggestion is made on "110" or "1").
 */
export function phoneDigits(phone: string | undefined): string | null {
  if (!phone) return null;
  let d = phone.replace(/\D/g, '');
  if (d.startsWith('0086')) d = d.slice(4);
  else if (d.length === 13 && d.startsWith('86')) d = d.slice(2);
  return d.length >= 7 ? d : null;
}
