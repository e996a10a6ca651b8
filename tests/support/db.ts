// Databases for unit tests: each call opens one of its own (fake-indexeddb), deleted after the test.
import { afterEach } from 'vitest';
import { LaokeDB } from '@/utils/db/schema';

/** Registers the clean-up and returns the opener; call at the top of a test file. */
export function freshDbs(prefix: string): () => LaokeDB {
  const opened: LaokeDB[] = [];
  let serial = 0;
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.delete();
  });
  return () => {
    const db = new LaokeDB(`${prefix}-${++serial}`);
    opened.push(db);
    return db;
  };
}
