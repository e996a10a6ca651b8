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
