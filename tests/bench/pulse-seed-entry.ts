// Evaluated inside the extension's popup page by the benchmark: fills the real database with synthetic
// customers and their orders, through the extension's own schema.
import { forgetPulseSnapshot, forgetPulseState, savePulseSnapshot } from '@/utils/db/popup-figures';
import { ingestOrders } from '@/utils/db/ingest';
import { db } from '@/utils/db/schema';
import type { ObservedOrder } from '@/utils/crm/types';
import { syntheticCustomers, syntheticOrders } from './customers';

async function seed(n: number): Promise<{ customers: number; orders: number }> {
  const customers = syntheticCustomers(n, Date.now());
  const orders = syntheticOrders(customers);
  for (let i = 0; i < customers.length; i += 5_000) await db().customers.bulkPut(customers.slice(i, i + 5_000));
  for (let i = 0; i < orders.length; i += 10_000) await db().orders.bulkPut(orders.slice(i, i + 10_000));
  return { customers: await db().customers.count(), orders: await db().orders.count() };
}

(window as unknown as { seedLaokePulse: typeof seed }).seedLaokePulse = seed;

/**
 * The popup's kept figures: computed and kept (as the first popup after a change does), or forgotten;
 * `whole`: the state they are updated from is forgotten too, so the next popup reads them whole.
 */
async function snapshot(on: boolean, whole = false): Promise<void> {
  if (on) await savePulseSnapshot(db());
  else await forgetPulseSnapshot(db());
  if (whole) await forgetPulseState(db());
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

/**
 * The data changes as a seller's console page changes it: one page of 50 orders through the extension's
 * ingest (the same code and write transaction as the background's), 40 of them new today by returning
 * buyers, 10 of the week's orders read again refunded.
 */
async function change(round: number): Promise<void> {
  const now = Date.now();
  const day = 86_400_000;
  const week = await db().orders.where('createdAt').above(now - 6 * day).limit(2_000).toArray();
  const page: ObservedOrder[] = [];
  for (let k = 0; k < 40; k++) {
    const b = (round * 997 + k * 131) % 90_000;
    page.push({
      platform: 'taobao', orderId: String(5_000_000_000_000_000_000n + BigInt(round * 100 + k)), buyer: { id: `B${b}`, nick: `买家${b}` },
      createdAt: now - k * 60_000, status: 'paid', amountFen: 12_800, refundFen: 0, source: 'json',
      items: [{ itemId: '1000', title: '白茶', sku: '', quantity: 1, unitFen: 12_800, refunded: false }],
    });
  }
  for (const o of week.filter((o) => o.identity === 'strong').slice(round * 10, round * 10 + 10)) {
    const id = o.customerKey.slice('taobao:id:'.length);
    page.push({
      platform: 'taobao', orderId: o.orderId, buyer: { id, nick: o.nick }, createdAt: o.createdAt, status: 'refunded',
      amountFen: o.amountFen, refundFen: o.amountFen, source: 'json', items: o.items,
    });
  }
  await ingestOrders(db(), page, now);
}

(window as unknown as { changeLaokePulse: typeof change }).changeLaokePulse = change;
