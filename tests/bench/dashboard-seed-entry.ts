// Evaluated inside the extension's dashboard page by the benchmark: fills the real database with
// synthetic customers, through the extension's own schema.
import { db } from '@/utils/db/schema';
import { syntheticCustomers } from './customers';

async function seed(n: number): Promise<number> {
  const all = syntheticCustomers(n, Date.now());
  for (let i = 0; i < all.length; i += 5_000) await db().customers.bulkPut(all.slice(i, i + 5_000));
  return db().customers.count();
}

(window as unknown as { seedLaoke: typeof seed }).seedLaoke = seed;
