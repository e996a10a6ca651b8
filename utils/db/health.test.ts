import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { freshDbs } from '@/tests/support/db';
import { CONFLICTS_KEY, forgetConflictsOf, MAX_CONFLICTS, readConflicts, recordConflict } from './health';

const open = freshDbs('laoke-health');

describe('identity conflicts (issue 14)', () => {
  it('keeps the last 50 and counts them all', async () => {
    const db = open();
    expect(await readConflicts(db)).toEqual({ total: 0, recent: [] });
    for (let i = 0; i < 60; i++) await recordConflict(db, 'taobao', `order-${i}`, 'taobao:id:A', `taobao:id:B${i}`, 1_000 + i);
    const log = await readConflicts(db);
    expect(log.total).toBe(60);
    expect(log.recent).toHaveLength(MAX_CONFLICTS);
    expect(log.recent[0]).toEqual({ platform: 'taobao', orderId: 'order-10', storedKey: 'taobao:id:A', seenKey: 'taobao:id:B10', at: 1_010 });
    expect(log.recent.at(-1)!.orderId).toBe('order-59');
    expect(await db.meta.count()).toBe(1);
    expect((await db.meta.get(CONFLICTS_KEY))!.updatedAt).toBe(1_059);
  });

  it('a buyer forgotten leaves no conflict naming them; the count stays', async () => {
    const db = open();
    await recordConflict(db, 'taobao', '1', 'taobao:id:A', 'taobao:id:B', 1);
    await recordConflict(db, 'taobao', '2', 'taobao:id:C', 'taobao:id:D', 2);
    await forgetConflictsOf(db, ['taobao:id:B']);
    expect(await readConflicts(db)).toMatchObject({ total: 2, recent: [{ orderId: '2' }] });
  });
});
