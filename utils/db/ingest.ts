// Storing observations: load what the batch touches, apply the pure rules of utils/crm/ingest.ts, and
// write orders and the customers they affect in one transaction (all or nothing). Every read is one
// batched query for the whole page of orders, never one per row.

import { identify, type Identity } from '@/utils/crm/identity';
import { mergeOrder, orderFacts, summarizeCustomer, type OrderFacts } from '@/utils/crm/ingest';
import type { Customer, ObservedOrder, Order, Platform } from '@/utils/crm/types';
import type { LaokeDB } from './schema';

export type { OrderFacts };

export interface IngestResult {
  orders: number;
  changedOrders: number;
  customers: number;
  /** Badge facts for every order of the batch, as stored now. */
  facts: OrderFacts[];
}

const orderKey = (o: { platform: Platform; orderId: string }) => [o.platform, o.orderId] as [Platform, string];

/**
 * Identities for a batch. A nick-only reading (the DOM fallback, a page without buyer ids) of a buyer
 * Laoke already knows by their opaque id is the same person — a Taobao nick shown in full is unique —
 * so it joins that customer.
 */
async function resolveIdentities(db: LaokeDB, batch: ObservedOrder[]): Promise<Identity[]> {
  const ids = batch.map((o) => identify(o.platform, o.orderId, o.buyer));
  const nickOnly = batch.filter((o, i) => ids[i]!.strength === 'strong' && !o.buyer.id);
  if (nickOnly.length === 0) return ids;
  const known = (await Promise.all(nickOnly.map((o) =>
    db.customers.where('[platform+nick]').equals([o.platform, o.buyer.nick]).toArray()))).flat();
  const byNick = new Map(known.filter((c) => c.buyerId).map((c) => [`${c.platform}\u0000${c.nick}`, c.key]));
  return batch.map((o, i) => {
    const key = o.buyer.id ? undefined : byNick.get(`${o.platform}\u0000${o.buyer.nick}`);
    return key ? { key, strength: 'strong' } : ids[i]!;
  });
}

/** All stored orders of these customers, grouped by customer. */
async function ordersByCustomer(db: LaokeDB, keys: string[]): Promise<Map<string, Order[]>> {
  const grouped = new Map<string, Order[]>(keys.map((k) => [k, []]));
  if (keys.length === 0) return grouped;
  // One equals() query per customer, issued together: in Chromium this is several times faster than
  // an anyOf() cursor over the same keys (measured with npm run bench).
  const lists = await Promise.all(keys.map((k) => db.orders.where('customerKey').equals(k).toArray()));
  keys.forEach((k, i) => grouped.set(k, lists[i]!));
  return grouped;
}

export async function ingestOrders(db: LaokeDB, observed: ObservedOrder[], now = Date.now()): Promise<IngestResult> {
  if (observed.length === 0) return { orders: 0, changedOrders: 0, customers: 0, facts: [] };
  // The last reading of an order within one batch wins.
  const latest = new Map<string, ObservedOrder>();
  for (const o of observed) latest.set(`${o.platform}\u0000${o.orderId}`, o);
  const batch = [...latest.values()];

  return db.transaction('rw', db.orders, db.customers, async () => {
    const [existing, identities] = await Promise.all([db.orders.bulkGet(batch.map(orderKey)), resolveIdentities(db, batch)]);
    const touched = new Set<string>();
    const stored: Order[] = [];
    let changedOrders = 0;
    for (const [i, seen] of batch.entries()) {
      const before = existing[i];
      const { order, changed } = mergeOrder(before, seen, now, identities[i]);
      stored.push(order);
      if (changed) {
        changedOrders++;
        touched.add(order.customerKey);
        if (before && before.customerKey !== order.customerKey) touched.add(before.customerKey);
      }
    }
    // Unchanged orders are written too: their lastSeenAt moves.
    await db.orders.bulkPut(stored);

    // Every customer of the batch is read back (badges need them); only touched ones are recomputed.
    const keys = [...new Set([...touched, ...stored.map((o) => o.customerKey)])];
    const [previous, theirOrders] = await Promise.all([db.customers.bulkGet(keys), ordersByCustomer(db, keys)]);
    const customers = new Map<string, Customer | undefined>(keys.map((k, i) => [k, previous[i]]));
    const puts: Customer[] = [];
    const deletes: string[] = [];
    for (const key of touched) {
      const c = summarizeCustomer(theirOrders.get(key)!, customers.get(key), now);
      customers.set(key, c ?? undefined);
      if (c) puts.push(c);
      else deletes.push(key);
    }
    if (puts.length) await db.customers.bulkPut(puts);
    if (deletes.length) await db.customers.bulkDelete(deletes);
    return {
      orders: batch.length,
      changedOrders,
      customers: puts.length,
      facts: stored.map((o) => orderFacts(o, customers.get(o.customerKey), theirOrders.get(o.customerKey)!)),
    };
  });
}

/** Facts for all order rows on a page, answered by one lookup. Unknown orders are left out. */
export async function lookupOrderFacts(db: LaokeDB, platform: Platform, orderIds: string[]): Promise<OrderFacts[]> {
  return db.transaction('r', db.orders, db.customers, async () => {
    const orders = (await db.orders.bulkGet(orderIds.map((orderId) => orderKey({ platform, orderId }))))
      .filter((o): o is Order => !!o);
    const keys = [...new Set(orders.map((o) => o.customerKey))];
    const [customers, theirOrders] = await Promise.all([db.customers.bulkGet(keys), ordersByCustomer(db, keys)]);
    const byKey = new Map(keys.map((k, i) => [k, customers[i]]));
    return orders.map((o) => orderFacts(o, byKey.get(o.customerKey), theirOrders.get(o.customerKey)!));
  });
}
