import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fixture } from '@/tests/fixtures';
import { tr } from '@/tests/support/crm';
import { freshDbs } from '@/tests/support/db';
import { segmentContext } from '@/utils/crm/segments';
import { parseSoldJson } from '@/utils/sites/taobao-sold';
import type { ObservedOrder } from '@/utils/crm/types';
import { customerCard, saveCustomerNotes } from './customers';
import { ingestOrders } from './ingest';

// chrome.i18n over the real zh_CN messages (a missing key throws).
beforeEach(() => {
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => tr(key as never, ...(subs ?? []))) as never);
});
afterEach(() => vi.restoreAllMocks());

const open = freshDbs('laoke-customers');
const LIN = 'taobao:id:AAFx1y2z3ExampleBuyer01';

function page1(): ObservedOrder[] {
  const r = parseSoldJson(JSON.parse(fixture('taobao-sold-page1.json')));
  if (!r.ok) throw new Error(r.reason);
  return r.orders;
}

describe('the customer card', () => {
  it('counts the orders known only from the page text', async () => {
    const db = open();
    await ingestOrders(db, page1(), 1_000);
    const later: ObservedOrder = { ...page1()[0]!, orderId: '4102938475610299001', buyer: { nick: '茶客小林' }, source: 'dom', createdAt: Date.UTC(2025, 6, 1) };
    await ingestOrders(db, [later], 2_000);
    const customers = await db.customers.toArray();
    const card = (await customerCard(db, LIN, segmentContext(customers, Date.UTC(2025, 6, 2))))!;
    expect(card.orders).toHaveLength(3);
    expect(card.domOrders).toBe(1);
  });
});

describe('saving what the seller wrote', () => {
  it('a save to a buyer no longer stored throws and writes nothing', async () => {
    const db = open();
    await ingestOrders(db, page1(), 1_000);
    await expect(saveCustomerNotes(db, 'taobao:nick:已合并的买家', { tags: ['VIP'], notes: '要发票', phone: '' })).rejects.toThrow('这位客户已不在数据库里（可能已被合并或删除），备注没有保存');
    expect(await db.customers.get('taobao:nick:已合并的买家')).toBeUndefined();
    expect(await saveCustomerNotes(db, LIN, { tags: ['VIP'], notes: '要发票', phone: '' })).toMatchObject({ key: LIN, notes: '要发票' });
  });
});
