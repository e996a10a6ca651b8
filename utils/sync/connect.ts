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
