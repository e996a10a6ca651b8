// How often the probable identity (same masked nick, masked receiver and district) merges two different
// people, on a generated shop where the truth is known.
import { generateShop, isValidShopOrder } from './generate';
import { pddOrders, probableKeyOf } from './pdd';

export function probableIdentityEval(customers: number, orders: number, seed = 20261122) {
  const shop = generateShop({ seed, customers, orders });
  const listed = pddOrders(shop);
  const people = new Map<string, Set<number>>();
  for (const o of listed) {
    const k = probableKeyOf(o);
    people.set(k, (people.get(k) ?? new Set()).add(o.customer.index));
  }
  const buyers = new Set(listed.map((o) => o.customer.index));
  const merged = new Set<number>();
  for (const ids of people.values()) if (ids.size > 1) for (const i of ids) merged.add(i);
  const wrongOrders = listed.filter((o) => people.get(probableKeyOf(o))!.size > 1).length;
  // Returning buyers (2+ valid purchases): the truth, and what the probable rule says.
  const validBy = <K>(key: (o: (typeof listed)[number]) => K) => {
    const m = new Map<K, number>();
    for (const o of listed) if (isValidShopOrder(o)) m.set(key(o), (m.get(key(o)) ?? 0) + 1);
    return [...m.values()].filter((n) => n >= 2).length;
  };
  return {
    customers: buyers.size,
    orders: listed.length,
    probableBuyers: people.size,
    customersMergedWithSomeoneElse: merged.size,
    falseMergeRate: Math.round((merged.size / buyers.size) * 10_000) / 10_000,
    ordersInMixedGroups: Math.round((wrongOrders / listed.length) * 10_000) / 10_000,
    returningBuyersTrue: validBy((o) => o.customer.index),
    returningBuyersProbable: validBy(probableKeyOf),
  };
}
