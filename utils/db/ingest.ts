// Storing observations: load what the batch touches, apply the pure rules of utils/crm/ingest.ts, and
// write orders and the customers they affect in one transaction (all or nothing).

import { identify, type Identity } from '@/utils/crm/identity';
import { mergeOrder, purchaseOrdinal, summarizeCustomer } from '@/utils/crm/ingest';
import type { Customer, ObservedOrder, Order, Platform } from '@/utils/crm/types';
import type { LaokeDB } from './schema';

export interface IngestResult {
  orders: number;
  changedOrders: number;
  customers: number;
}

/**
 * A nick-only reading (the DOM fallback, a page without buyer ids) of a buyer Laoke already knows by
 * their opaque id is the same person: a Taobao nick shown in full is unique. Attach it to that customer.
 */
async function resolveIdentity(db: LaokeDB, seen: ObservedOrder): Promise<Identity> {
  const who = identify(seen.platform, seen.orderId, seen.buyer);
  if (who.strength !== 'strong' || seen.buyer.id) return who;
  const known = await db.customers.where('[platform+nick]').equals([seen.platform, seen.buyer.nick]).first();
  return known?.buyerId ? { key: known.key, strength: 'strong' } : who;
}

export async function ingestOrders(db: LaokeDB, observed: ObservedOrder[], now = Date.now()): Promise<IngestResult> {
  if (observed.length === 0) return { orders: 0, changedOrders: 0, customers: 0 };
  // The last reading of an order within one batch wins.
  const latest = new Map<string, ObservedOrder>();
  for (const o of observed) latest.set(`${o.platform}\u0000${o.orderId}`, o);
  const batch = [...latest.values()];

  return db.transaction('rw', db.orders, db.customers, async () => {
    const existing = await db.orders.bulkGet(batch.map((o) => [o.platform, o.orderId] as [Platform, string]));
    const touched = new Set<string>();
    const writes: Order[] = [];
    let changedOrders = 0;
    for (const [i, seen] of batch.entries()) {
      const before = existing[i];
      const { order, changed } = mergeOrder(before, seen, now, await resolveIdentity(db, seen));
      if (!changed && before && before.lastSeenAt === order.lastSeenAt) continue;
      writes.push(order);
      if (changed) {
        changedOrders++;
        touched.add(order.customerKey);
        if (before && before.customerKey !== order.customerKey) touched.add(before.customerKey);
      }
    }
    await db.orders.bulkPut(writes);

    const keys = [...touched];
    const [previous, ordersOf] = await Promise.all([
      db.customers.bulkGet(keys),
      Promise.all(keys.map((k) => db.orders.where('customerKey').equals(k).toArray())),
    ]);
    const puts: Customer[] = [];
    const deletes: string[] = [];
    keys.forEach((key, i) => {
      const c = summarizeCustomer(ordersOf[i]!, previous[i], now);
      if (c) puts.push(c);
      else deletes.push(key);
    });
    await db.customers.bulkPut(puts);
    if (deletes.length) await db.customers.bulkDelete(deletes);
    return { orders: batch.length, changedOrders, customers: puts.length };
  });
}

/** What a badge shows for one order row. */
export interface OrderFacts {
  orderId: string;
  identity: Order['identity'];
  /** This order counts as a purchase (paid, not closed or fully refunded). */
  valid: boolean;
  /** Which purchase of this buyer the order is, when it counts. */
  ordinal: number | null;
  /** Valid purchases of this buyer known so far. */
  orderCount: number;
  totalFen: number;
  firstPurchaseAt?: number;
  lastPurchaseAt?: number;
  items: Customer['items'];
}

/** Facts for all order rows on a page, answered by one lookup. Unknown orders are left out. */
export async function orderFacts(db: LaokeDB, platform: Platform, orderIds: string[]): Promise<OrderFacts[]> {
  return db.transaction('r', db.orders, db.customers, async () => {
    const orders = (await db.orders.bulkGet(orderIds.map((id) => [platform, id] as [Platform, string])))
      .filter((o): o is Order => !!o);
    const keys = [...new Set(orders.map((o) => o.customerKey))];
    const [customers, ordersOf] = await Promise.all([
      db.customers.bulkGet(keys),
      Promise.all(keys.map((k) => db.orders.where('customerKey').equals(k).toArray())),
    ]);
    const byKey = new Map(keys.map((k, i) => [k, { customer: customers[i], orders: ordersOf[i]! }]));
    return orders.map((order) => {
      const { customer, orders: theirs } = byKey.get(order.customerKey)!;
      const ordinal = purchaseOrdinal(order, theirs);
      const facts: OrderFacts = {
        orderId: order.orderId,
        identity: order.identity,
        valid: ordinal !== null,
        ordinal,
        orderCount: customer?.orderCount ?? 0,
        totalFen: customer?.totalFen ?? 0,
        items: customer?.items ?? [],
      };
      if (customer?.firstPurchaseAt !== undefined) facts.firstPurchaseAt = customer.firstPurchaseAt;
      if (customer?.lastPurchaseAt !== undefined) facts.lastPurchaseAt = customer.lastPurchaseAt;
      return facts;
    });
  });
}
