import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../tests/fixtures';
import { freshDbs } from '../../tests/support/db';
import { exportBackup, importBackup } from './backup';
import { BACKUP_FORMAT, BACKUP_VERSION, checkStores, plainBackup, readBackup } from './backup-format';
import { RECORD_SCHEMAS } from './records';

const freshDb = freshDbs('laoke-backup-format-test');

/**
 * A backup file as Laoke wrote it before backup.ts was split (format 1, schema version 5): a record in
 * every store, every meta key but this machine's retention settings, the model's weights as $f32.
 */
const OLD_FILE = 'backup-v1-schema5.json';

describe('the backup file', () => {
  it('a file written before the split restores whole, and exports again as the same records', async () => {
    const text = fixture(OLD_FILE);
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'laoke-backup', version: 1, schemaVersion: 5 });
    const target = freshDb();
    const report = await importBackup(target, text, { mode: 'replace', confirmation: '替换' });
    expect(report).toMatchObject({ ok: true, rejected: [], rejectedCount: 0 });
    for (const [store, n] of Object.entries(doc.counts as Record<string, number>)) expect(n, store).toBeGreaterThan(0);

    const weights = ((await target.meta.get('sentimentModel'))!.value as { weights: Float32Array }).weights;
    expect(weights).toBeInstanceOf(Float32Array);
    expect([...weights]).toEqual([...new Float32Array([0.5, -1.25, 3e-30, 1e6, 0, -0, 7.75, -2])]);

    // A later schema recomputes buyers and drops old forecasts (as its upgrade does): the other stores
    // come back as written, and buyers keep what the seller typed.
    const again = JSON.parse(await exportBackup(target));
    const upgraded = new Set(target.verno > doc.schemaVersion ? ['customers', 'forecasts', 'meta'] : []);
    for (const store of Object.keys(doc.stores)) if (!upgraded.has(store)) expect(again.stores[store], store).toEqual(doc.stores[store]);
    const seller = (c: { key: string; tags: string[]; notes: string; phone?: string }) => [c.key, c.tags, c.notes, c.phone];
    expect(again.stores.customers.map(seller)).toEqual(doc.stores.customers.map(seller));
  });

  it('reads what it writes; a sealed document never holds another sealed one', async () => {
    const plain = plainBackup(5, [{ name: 'events', records: [{ id: 'e', name: 'x', date: 1, leadDays: 0 }] }], 7);
    expect(plain.counts).toEqual({ events: 1 });
    expect(await readBackup(plain.text, undefined)).toEqual({ ok: true, schemaVersion: 5, stores: { events: [{ id: 'e', name: 'x', date: 1, leadDays: 0 }] } });
    const nested = JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, encrypted: { cipher: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations: 1, salt: '', iv: '', data: '' } });
    expect(await readBackup(nested, 'passphrase', true)).toMatchObject({ ok: false, error: 'not-a-backup' });
  });

  it('checkStores: a store of the database without a schema is refused as such, an unknown one as unknown', () => {
    const rejected: [string, number, string, number][] = [];
    const records = checkStores(
      { events: [{ id: 'e', name: 'x', date: 1, leadDays: 0, extra: true }, { id: '' }], orders: [{}, {}], spies: [1, 2, 3], meta: 'x' },
      new Map([['events', RECORD_SCHEMAS.get('events')!], ['meta', RECORD_SCHEMAS.get('meta')!]]),
      new Set(['events', 'orders', 'meta']), false,
      (store, index, reason, n = 1) => rejected.push([store, index, reason, n]),
    );
    // Unknown fields dropped, not refused.
    expect(records).toEqual(new Map([['events', [{ id: 'e', name: 'x', date: 1, leadDays: 0 }]]]));
    expect(rejected.map(([s, i, , n]) => [s, i, n])).toEqual([['events', 1, 1], ['orders', -1, 2], ['spies', -1, 3], ['meta', -1, 1]]);
    expect(rejected.map(([, , r]) => r).slice(1)).toEqual(['this version cannot check this store', 'unknown store', 'not a list of records']);
  });
});
