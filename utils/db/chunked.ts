// Big reads in short requests (issue 20). IndexedDB answers one origin's requests one after another: a
// single request for 250,000 orders keeps every other reader of the database (the popup's figures, a
// page's badges) waiting for seconds. These read the same records in the same order as `toArray()`,
// a few thousand per request, inside the caller's transaction (or one each, outside one), so that the
// others' requests are answered between them.
import type { IndexableType, Table } from 'dexie';
import { readDataVersion, versionOf } from './data-version';

/** Records per request: tens of milliseconds of the database's time at most. */
export const READ_CHUNK = 2_000;

/** The primary key of a record of an inbound-keyed table. */
function keyOf<T>(table: Table<T>, record: T): IndexableType {
  const path = table.schema.primKey.keyPath;
  const r = record as Record<string, IndexableType>;
  return Array.isArray(path) ? (path.map((p) => r[p]!) as IndexableType) : r[path!]!;
}

/**
 * Every record of a table, in primary-key order (as `table.toArray()`). With `pause`, waited for between
 * the chunks, each chunk is its own transaction (call it outside one; readConsistently makes them one moment).
 */
export async function tableInChunks<T, K extends IndexableType, I>(table: Table<T, K, I>, size = READ_CHUNK, pause?: () => Promise<void>): Promise<T[]> {
  if (!table.schema.primKey.keyPath) return table.toArray();
  const out: T[] = [];
  let last: IndexableType | undefined;
  for (;;) {
    const chunk = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(size).toArray();
    for (const r of chunk) out.push(r);
    if (chunk.length < size) return out;
    last = keyOf(table as unknown as Table<T>, chunk[chunk.length - 1]!);
    if (pause) await pause();
  }
}

/**
 * A read made of several transactions (`read`: chunks with pauses between them, when other work must go
 * first) that still gives the data of one moment: the data version of `stores` (bumped by every write
 * transaction to them, db/data-version.ts) is the same before and after it, so nothing was written
 * between its pieces. Tried again while writes come between them, then read in one transaction (`whole`).
 */
export async function readConsistently<T>(db: Parameters<typeof readDataVersion>[0], stores: readonly string[], read: () => Promise<T>, whole: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const before = versionOf(await readDataVersion(db), stores);
    const value = await read();
    if (versionOf(await readDataVersion(db), stores) === before) return value;
  }
  return whole();
}
