// Team sync (issue 21), the server side as far as it is built: sealed documents replicated by PouchDB into
// a CouchDB-protocol server on 127.0.0.1 (tests/support/couch-server.ts) are stored as ids and ciphertext
// only, and a second agent with the shop passphrase reads them back while a wrong passphrase opens nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docId, KEY_CHECK_ID, newKeyCheck, openBody, openKeyCheck, sealBody, type KeyCheck, type SealedBody } from '@/utils/sync/crypto';
import { writeField, type FieldDoc } from '@/utils/crm/sync-merge';
import { httpPouch, memoryPouch, startCouchServer, type CouchServer } from '../support/couch-server';

interface Pouch {
  put(doc: object): Promise<unknown>;
  get(id: string): Promise<Record<string, unknown>>;
  replicate: { to(target: Pouch): Promise<{ ok: boolean; docs_written: number }>; from(source: Pouch): Promise<{ ok: boolean; docs_written: number }> };
}
const Pouch = memoryPouch() as new (name: string) => Pouch;
const Remote = httpPouch() as new (url: string) => Pouch;
const ROUNDS = 1_000;

let server: CouchServer;
beforeAll(async () => {
  server = await startCouchServer();
});
afterAll(async () => server.stop());

describe('team sync through a CouchDB-protocol server', () => {
  it('replicates sealed documents the server cannot read, and a second agent opens them', async () => {
    const shop = `${server.url}/laoke-shop`;
    expect((await fetch(shop, { method: 'PUT' })).status).toBe(201);
    // Agent A: the key check, and the note and 黑名单 tag on a buyer, sealed.
    const { check, keys } = await newKeyCheck('茶叶店的团队口令', ROUNDS);
    const a = new Pouch(`agentA${Date.now()}`);
    await a.put({ _id: KEY_CHECK_ID, ...check });
    const id = await docId(keys, 'seller', 'taobao:id:AAFbuyer0001');
    let seller: FieldDoc = writeField({}, 'notes', '过敏体质，别推荐香型款', Date.UTC(2026, 11, 7), '小王');
    seller = writeField(seller, 'tags', ['黑名单'], Date.UTC(2026, 11, 7, 0, 1), '小王');
    await a.put({ _id: id, ...(await sealBody(keys, id, { kind: 'seller', key: 'taobao:id:AAFbuyer0001', fields: seller })) });
    const pushed = await a.replicate.to(new Remote(shop));
    expect(pushed).toMatchObject({ ok: true, docs_written: 2 });

    // What the server holds: ids and ciphertext, no nick, buyer id, note or tag.
    const stored = await (await fetch(`${shop}/_all_docs?include_docs=true`)).text();
    expect(stored).toContain(id);
    for (const secret of ['AAFbuyer0001', '过敏', '香型', '黑名单', 'seller', 'taobao']) expect(stored).not.toContain(secret);

    // Agent B pulls, opens the key check with the passphrase, then the buyer's document.
    const b = new Pouch(`agentB${Date.now()}`);
    expect(await b.replicate.from(new Remote(shop))).toMatchObject({ ok: true, docs_written: 2 });
    const bCheck = (await b.get(KEY_CHECK_ID)) as unknown as KeyCheck;
    expect(await openKeyCheck('另一个口令也够八个字', bCheck)).toBe('wrong');
    const bKeys = await openKeyCheck('茶叶店的团队口令', bCheck);
    if (bKeys === 'wrong' || bKeys === 'damaged') throw new Error(`key check: ${bKeys}`);
    const bId = await docId(bKeys, 'seller', 'taobao:id:AAFbuyer0001');
    expect(bId).toBe(id);
    const opened = await openBody(bKeys, bId, (await b.get(bId)) as unknown as SealedBody);
    expect(opened).toEqual({ ok: true, body: { kind: 'seller', key: 'taobao:id:AAFbuyer0001', fields: seller } });
  });
});
