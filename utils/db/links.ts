// 关联 in the database: the seller's links between records of one person (utils/crm/links.ts), kept in
// the `links` store (schema v11) as pairs of customer keys. Each record keeps its own figures: a link
// merges nothing, so audiences, badges, the pulse and the forecasts go on counting per record. Links are
// seller data: backed up, synced (sync-outbox.ts SYNCED_STORES), and removed with either record
// (privacy.ts removeCustomers: 删除此客户 and retention).

import { LINK_PLATFORMS, linkGroup, linkPair, linkRefusal, makeLink, MAX_LINK_GROUP, phoneDigits, platformOfKey, platformsOf, type CustomerLink } from '@/utils/crm/links';
import type { Customer, IdentityStrength, Platform } from '@/utils/crm/types';
import { t } from '@/utils/i18n';
import type { LaokeDB } from './schema';

/** Another record of the same person, as the card lists it: its own figures, read from its own record. */
export interface LinkedRecord {
  key: string;
  platform: Platform | null;
  /** False when the record is not stored (any more): merged into the buyer it was proven to be, or not synced here yet. */
  stored: boolean;
  nick: string;
  identity: IdentityStrength | null;
  orderCount: number;
  totalFen: number;
  lastPurchaseAt?: number;
  /** The seller's tags on that record (黑名单 there is worth knowing here). */
  tags: string[];
  /** The record it is linked to on the way from the card's record (the card's record itself for a direct link). */
  via: string;
  /** The nick of `via`, for "经 … 关联". */
  viaNick: string;
  hops: number;
  /** When the seller made the link to `via`. */
  linkedAt: number;
}

/** A record the seller might link this one to: found by their search, or with the same phone typed on both. */
export interface LinkCandidate {
  key: string;
  platform: Platform;
  nick: string;
  identity: IdentityStrength;
  orderCount: number;
  totalFen: number;
  lastPurchaseAt?: number;
  /** The search matched one of their order numbers (shown so the seller sees why). */
  orderId?: string;
}

export interface LinkView {
  key: string;
  /** The platforms the shop knows this person on: this record's and every linked record's. */
  platforms: Platform[];
  linked: LinkedRecord[];
  /** Records with the same phone as this one, not linked: a suggestion only, never linked by itself. */
  samePhone: LinkCandidate[];
}

/** Every link of the group `key` is in (at most MAX_LINK_GROUP records' worth), inside or outside a transaction. */
export async function groupLinks(db: LaokeDB, key: string): Promise<CustomerLink[]> {
  const found = new Map<string, CustomerLink>();
  const seen = new Set<string>([key]);
  let frontier = [key];
  for (let round = 0; frontier.length > 0 && round < MAX_LINK_GROUP; round++) {
    const lists = await Promise.all(frontier.flatMap((k) => [db.links.where('a').equals(k).toArray(), db.links.where('b').equals(k).toArray()]));
    const next: string[] = [];
    for (const l of lists.flat()) {
      found.set(`${l.a}\u0000${l.b}`, l);
      for (const k of [l.a, l.b]) {
        if (seen.has(k)) continue;
        seen.add(k);
        next.push(k);
      }
    }
    if (seen.size > MAX_LINK_GROUP * 4) break;
    frontier = next;
  }
  return [...found.values()];
}

const candidateOf = (c: Customer, orderId?: string): LinkCandidate => ({
  key: c.key, platform: c.platform, nick: c.nick, identity: c.identity, orderCount: c.orderCount, totalFen: c.totalFen,
  ...(c.lastPurchaseAt !== undefined ? { lastPurchaseAt: c.lastPurchaseAt } : {}), ...(orderId ? { orderId } : {}),
});

/** Most records with the same phone the card suggests. */
const MAX_SAME_PHONE = 5;

/** What the card's 其他平台 section shows for `key`. */
export async function linkView(db: LaokeDB, key: string): Promise<LinkView> {
  return db.transaction('r', [db.customers, db.links], async () => {
    const links = await groupLinks(db, key);
    const members = linkGroup(links, key);
    const at = new Map(links.map((l) => [`${l.a}\u0000${l.b}`, l.at]));
    const [self, ...records] = await db.customers.bulkGet([key, ...members.map((m) => m.key)]);
    const byKey = new Map<string, Customer | undefined>([[key, self], ...members.map((m, i) => [m.key, records[i]] as const)]);
    const linked = members.map((m, i): LinkedRecord => {
      const c = records[i];
      const pair = linkPair(m.key, m.via)!;
      return {
        key: m.key, platform: c?.platform ?? platformOfKey(m.key), stored: c !== undefined,
        nick: c?.nick ?? '', identity: c?.identity ?? null, orderCount: c?.orderCount ?? 0, totalFen: c?.totalFen ?? 0,
        ...(c?.lastPurchaseAt !== undefined ? { lastPurchaseAt: c.lastPurchaseAt } : {}),
        tags: c?.tags ?? [], via: m.via, viaNick: byKey.get(m.via)?.nick ?? '', hops: m.hops,
        linkedAt: at.get(`${pair[0]}\u0000${pair[1]}`) ?? 0,
      };
    });
    // The platforms of the records that are stored (a link to a record gone says nothing of where they buy).
    const platforms = platformsOf([...(self ? [key] : []), ...linked.filter((l) => l.stored).map((l) => l.key)]);
    const samePhone = self ? await samePhoneOf(db, self, new Set([key, ...members.map((m) => m.key)])) : [];
    return { key, platforms, linked, samePhone };
  });
}

/**
 * Other records with the phone typed on `c` (compared by digits, without +86), not in its group. Only
 * customers with a phone are in the index, so this reads the phones the seller typed, not the shop.
 */
async function samePhoneOf(db: LaokeDB, c: Customer, group: ReadonlySet<string>): Promise<LinkCandidate[]> {
  const mine = phoneDigits(c.phone);
  if (!mine) return [];
  const keys: string[] = [];
  await db.customers.where('phone').above('').eachKey((phone, cursor) => {
    const k = cursor.primaryKey as string;
    if (keys.length < MAX_SAME_PHONE && !group.has(k) && typeof phone === 'string' && phoneDigits(phone) === mine) keys.push(k);
  });
  const found = await db.customers.bulkGet(keys);
  return found.flatMap((o) => (o ? [candidateOf(o)] : []));
}

/** Why a link was refused, in the seller's words (the card shows the error's message). */
function refusal(reason: 'self' | 'linked' | 'tooMany' | 'gone'): Error {
  const key = { self: 'linkRefusedSelf', linked: 'linkRefusedLinked', tooMany: 'linkRefusedTooMany', gone: 'linkRefusedGone' } as const;
  return new Error(reason === 'tooMany' ? t(key[reason], MAX_LINK_GROUP) : t(key[reason]));
}

/**
 * The seller links `key` to `other` (关联): both records must be stored, not already one group, and the
 * joined group no larger than MAX_LINK_GROUP. Returns the card's section as it is now.
 */
export async function linkCustomers(db: LaokeDB, key: string, other: string, now = Date.now()): Promise<LinkView> {
  await db.transaction('rw', [db.customers, db.links], async () => {
    const [a, b] = await db.customers.bulkGet([key, other]);
    if (!a || !b) throw refusal('gone');
    const links = [...(await groupLinks(db, key)), ...(await groupLinks(db, other))];
    const refused = linkRefusal(links, key, other);
    if (refused) throw refusal(refused);
    await db.links.put(makeLink(key, other, now));
  });
  return linkView(db, key);
}

/** 取消关联: the one link between `key` and `other` removed (nothing else); the section as it is now. */
export async function unlinkCustomers(db: LaokeDB, key: string, other: string): Promise<LinkView> {
  const pair = linkPair(key, other);
  if (pair) await db.links.delete(pair);
  return linkView(db, key);
}

/** Most records a search lists. */
export const MAX_CANDIDATES = 10;

/**
 * Records to link `key` to, by what the seller typed: an order number on any platform (exactly), or the
 * start of a nick (as the console shows it, masked ones too: 王 finds 王**). Records of other platforms
 * first; never `key` itself nor a record already in its group.
 */
export async function linkCandidates(db: LaokeDB, key: string, query: string): Promise<LinkCandidate[]> {
  const q = query.trim();
  if (!q) return [];
  return db.transaction('r', [db.customers, db.orders, db.links], async () => {
    const group = new Set([key, ...linkGroup(await groupLinks(db, key), key).map((m) => m.key)]);
    const own = platformOfKey(key);
    const order = [...LINK_PLATFORMS].sort((p, r) => Number(p === own) - Number(r === own));
    const out = new Map<string, LinkCandidate>();
    const orders = await Promise.all(order.map((p) => db.orders.get([p, q])));
    const byOrder = await db.customers.bulkGet(orders.flatMap((o) => (o ? [o.customerKey] : [])));
    for (const c of byOrder) if (c && !group.has(c.key)) out.set(c.key, candidateOf(c, q));
    const byNick = await Promise.all(order.map((p) => db.customers.where('[platform+nick]').between([p, q], [p, `${q}\uffff`], true, true)
      .filter((c) => !group.has(c.key)).limit(MAX_CANDIDATES).toArray()));
    for (const list of byNick) {
      // The buyers who bought most first, on each platform.
      for (const c of list.sort((x, y) => y.orderCount - x.orderCount || y.totalFen - x.totalFen)) if (!out.has(c.key)) out.set(c.key, candidateOf(c));
    }
    return [...out.values()].slice(0, MAX_CANDIDATES);
  });
}

export { carryLinks, removeLinksOf } from './link-records';
