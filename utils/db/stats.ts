import { isPurchase, netFen } from '@/utils/crm/purchase';
import type { HealthRecord, LaokeDB } from './schema';

export interface ShopSummary {
  /** Identifiable buyers (strong identity) with at least one valid purchase. */
  customers: number;
  /** Masked buyers merged as 可能是回头客 (same masked nick, receiver and district) with a purchase. */
  probableBuyers: number;
  /** Valid purchases by masked buyers, who cannot be told apart and are not counted as customers. */
  maskedPurchases: number;
  /** Customers with two or more valid purchases (回头客). */
  repeatCustomers: number;
  orders: number;
  validFen: number;
  health: HealthRecord[];
}

export async function shopSummary(db: LaokeDB): Promise<ShopSummary> {
  return db.transaction('r', db.customers, db.orders, db.health, async () => {
    let customers = 0;
    let repeatCustomers = 0;
    let maskedPurchases = 0;
    let probableBuyers = 0;
    await db.customers.each((c) => {
      if (c.identity === 'weak') {
        maskedPurchases += c.orderCount;
        return;
      }
      if (c.identity === 'probable') {
        if (c.orderCount > 0) probableBuyers++;
        return;
      }
      if (c.orderCount > 0) customers++;
      if (c.orderCount >= 2) repeatCustomers++;
    });
    let validFen = 0;
    await db.orders.each((o) => {
      if (isPurchase(o)) validFen += netFen(o);
    });
    return { customers, probableBuyers, maskedPurchases, repeatCustomers, orders: await db.orders.count(), validFen, health: await db.health.toArray() };
  });
}
