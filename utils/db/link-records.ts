// The links' part of the writes that move or remove customers (ingest, a backup's merge, 删除此客户 and
// retention). Apart from links.ts because those writers also run in the dashboard's workers (the
// analytics worker reads through utils/db/reviews → ingest), where no extension API exists: nothing here
// may load one (i18n, messaging); tests/unit/worker-imports.test.ts checks it.
import { linkPair } from '@/utils/crm/links';
import type { LaokeDB } from './schema';

/**
 * Records that went because their orders moved to the buyer they were proven to be (a nick-only record
 * now known by its buyer id, a masked buyer proven since): each one's links go along to that buyer, as
 * the seller's notes do (mergeSellerCopies), so a link is not lost with the key. A record whose orders
 * went to several buyers keeps its links as they are (the card shows them as no longer stored). Inside
 * the caller's transaction over `links`.
 */
export async function carryLinks(db: LaokeDB, gone: readonly string[], moves: ReadonlyMap<string, ReadonlySet<string>>): Promise<void> {
  const movable = gone.filter((k) => moves.get(k)?.size === 1);
  if (movable.length === 0) return;
  const lists = await Promise.all(movable.flatMap((k) => [db.links.where('a').equals(k).toArray(), db.links.where('b').equals(k).toArray()]));
  const found = [...new Map(lists.flat().map((l) => [`${l.a}\u0000${l.b}`, l])).values()];
  if (found.length === 0) return;
  const to = (k: string) => (movable.includes(k) ? [...moves.get(k)!][0]! : k);
  const carried = found.flatMap((l) => {
    const pair = linkPair(to(l.a), to(l.b));
    return pair ? [{ a: pair[0], b: pair[1], at: l.at }] : [];
  });
  await db.links.bulkDelete(found.map((l): [string, string] => [l.a, l.b]));
  if (carried.length > 0) await db.links.bulkPut(carried);
}

/** The links of these records (删除此客户, retention), inside the caller's transaction over `links`. */
export async function removeLinksOf(db: LaokeDB, keys: readonly string[]): Promise<number> {
  // Most shops have few links or none: retention's batches of a thousand buyers cost one count then.
  if (keys.length === 0 || (await db.links.count()) === 0) return 0;
  const pairs = (await Promise.all([db.links.where('a').anyOf([...keys]).primaryKeys(), db.links.where('b').anyOf([...keys]).primaryKeys()])).flat();
  const unique = [...new Map(pairs.map((p) => [JSON.stringify(p), p])).values()];
  await db.links.bulkDelete(unique);
  return unique.length;
}
