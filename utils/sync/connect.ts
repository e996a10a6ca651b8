// Joining the shop's shared database (团队同步): the first agent writes the key check (salt, iterations and
// a sealed known text); every later one derives the keys from the passphrase and the check's salt, and a
// passphrase that does not open the check syncs nothing.
import { KEY_CHECK_ID, newKeyCheck, openKeyCheck, type KeyCheck, type SyncKeys } from './crypto';
import type { Pouch } from './pouch';

export type Joined = { ok: true; keys: SyncKeys; created: boolean } | { ok: false; why: 'wrong' | 'damaged' };

function status(err: unknown): number | undefined {
  return (err as { status?: number } | null)?.status;
}

/** The shop's keys from the server's key check, writing it when the database has none yet. */
export async function joinShop(remote: Pouch, passphrase: string, iterations?: number): Promise<Joined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let check: KeyCheck | null = null;
    try {
      check = (await remote.get(KEY_CHECK_ID)) as unknown as KeyCheck;
    } catch (err) {
      if (status(err) !== 404) throw err;
    }
    if (check) {
      const keys = await openKeyCheck(passphrase, check);
      return typeof keys === 'string' ? { ok: false, why: keys } : { ok: true, keys, created: false };
    }
    const made = await newKeyCheck(passphrase, iterations);
    try {
      await remote.put({ _id: KEY_CHECK_ID, ...made.check } as never);
      return { ok: true, keys: made.keys, created: true };
    } catch (err) {
      // Another agent wrote it first: theirs is the shop's; read it again.
      if (status(err) !== 409) throw err;
    }
  }
  return { ok: false, why: 'damaged' };
}

/** The server's database URL from what the seller typed: http(s), and a CouchDB database name. No login in it. */
export function databaseUrl(url: string, dbName: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!/^[a-z][a-z0-9_$()+/-]{0,200}$/.test(dbName)) return null;
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}/${encodeURIComponent(dbName)}`;
}

/**
 * The database and PouchDB's options for it: a login written into the address
 * (https://user:password@server) goes as basic auth (fetch refuses a URL with credentials in it), and
 * the server is never asked to create the database (skip_setup: the shop's administrator makes it).
 */
export function remoteAddress(url: string, dbName: string): { name: string; options: { skip_setup: true; auth?: { username: string; password: string } } } | null {
  const name = databaseUrl(url, dbName);
  if (!name) return null;
  const u = new URL(url);
  const auth = u.username ? { auth: { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } } : {};
  return { name, options: { skip_setup: true, ...auth } };
}
