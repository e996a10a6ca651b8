// Evaluated inside the extension's popup page by the benchmark: fills the real database with synthetic
// customers and their orders, through the extension's own schema.
import { forgetPulseSnapshot, savePulseSnapshot } from '@/utils/db/popup-figures';
import { db } from '@/utils/db/schema';
import { syntheticCustomers, syntheticOrders } from './customers';

async function seed(n: number): Promise<{ customers: number; orders: number }> {
  const customers = syntheticCustomers(n, Date.now());
  const orders = syntheticOrders(customers);
  for (let i = 0; i < customers.length; i += 5_000) await db().customers.bulkPut(customers.slice(i, i + 5_000));
  for (let i = 0; i < orders.length; i += 10_000) await db().orders.bulkPut(orders.slice(i, i + 10_000));
  return { customers: await db().customers.count(), orders: await db().orders.count() };
}

(window as unknown as { seedLaokePulse: typeof seed }).seedLaokePulse = seed;

/** The popup's kept figures: computed and kept (as the first popup after a change does), or forgotten. */
async function snapshot(on: boolean): Promise<void> {
  if (on) await savePulseSnapshot(db());
  else await forgetPulseSnapshot(db());
}

(window as unknown as { snapshotLaokePulse: typeof snapshot }).snapshotLaokePulse = snapshot;

/**
 * 订单关怀's share of a busy shop: the synthetic orders are all completed, so the last days' are given the
 * statuses a real list would show (by age: unpaid and unshipped in the first two days, in transit up to
 * five, received after), 2% with a refund under way, every order read once a day since it was placed.
 */
async function careMix(): Promise<Record<string, number>> {
  const now = Date.now();
  const day = 86_400_000;
  const counts: Record<string, number> = {};
  await db().orders.where('createdAt').above(now - 12 * day).modify((o) => {
    const age = now - o.createdAt;
    const h = Number(o.orderId.slice(-3)) / 1000;
    o.status = age < 4 * 3_600_000 && h < 0.15 ? 'unpaid' : age < 2 * day && h < 0.6 ? 'paid' : age < 5 * day && h < 0.9 ? 'shipped' : 'completed';
    if (h > 0.98) o.refundOpen = true;
    o.statusSeenAt = { [o.status]: o.createdAt };
    counts[o.status] = (counts[o.status] ?? 0) + 1;
  });
  return counts;
}

(window as unknown as { careMixLaoke: typeof careMix }).careMixLaoke = careMix;
