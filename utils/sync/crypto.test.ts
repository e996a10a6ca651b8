import { describe, expect, it } from 'vitest';
import { docId, KEY_CHECK_ID, newKeyCheck, openBody, openKeyCheck, sealBody } from './crypto';

// Few rounds: the product uses 600,000 (a second per derivation); the code path is the same.
const ROUNDS = 1_000;

describe('team sync sealing', () => {
  it('opens with the shop passphrase, refuses another, and binds each body to its id', async () => {
    const { check, keys } = await newKeyCheck('茶叶店的团队口令', ROUNDS);
    const again = await openKeyCheck('茶叶店的团队口令', check);
    expect(again).not.toBe('wrong');
    expect(await openKeyCheck('茶叶店的团队口令?', check)).toBe('wrong');

    const id = await docId(keys, 'seller', 'taobao:id:AAFbuyer0001');
    const body = { notes: { v: '过敏体质，别推荐香型款', at: 1, agent: '小王' } };
    const sealed = await sealBody(keys, id, body);
    // Another machine with the same passphrase computes the same id and opens the body.
    const other = again as Exclude<typeof again, 'wrong' | 'damaged'>;
    expect(await docId(other, 'seller', 'taobao:id:AAFbuyer0001')).toBe(id);
    expect(await openBody(other, id, sealed)).toEqual({ ok: true, body });
    // The same body under another id does not open (the server cannot swap documents).
    const elsewhere = await docId(keys, 'seller', 'taobao:id:AAFbuyer0002');
    expect(await openBody(keys, elsewhere, sealed)).toEqual({ ok: false, why: 'wrong' });
    expect(await openBody(keys, id, { iv: sealed.iv, data: 'AAAA' })).toEqual({ ok: false, why: 'damaged' });
  });

  it('shows the server nothing it could read', async () => {
    const { check, keys } = await newKeyCheck('茶叶店的团队口令', ROUNDS);
    const id = await docId(keys, 'order', 'taobao|4012345678901234567');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).not.toContain('4012345678901234567');
    const sealed = await sealBody(keys, id, { nick: 'sunny爱喝茶', orderId: '4012345678901234567', notes: '要发票' });
    const onServer = JSON.stringify({ _id: id, ...sealed, check });
    for (const secret of ['sunny', '4012345678901234567', '发票', '茶叶店']) expect(onServer).not.toContain(secret);
    // The kind is inside the hash too: a seller document and an order with the same key differ.
    expect(await docId(keys, 'seller', 'x')).not.toBe(await docId(keys, 'order', 'x'));
    expect(KEY_CHECK_ID).toBe('laoke-key-check');
  });

  it('asks the same minimum passphrase as a backup', async () => {
    await expect(newKeyCheck('短口令', ROUNDS)).rejects.toThrow();
  });
});
