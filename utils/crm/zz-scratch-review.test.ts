import { describe, expect, it } from 'vitest';
import { itemCycles, replenishmentDue } from '/work/main/utils/crm/cycles';
import { parseShanghaiTime } from '/work/main/utils/crm/time';
import { refundsOften, refundRecord, riskFlags } from '/work/main/utils/crm/customer-value';
import type { Order } from '/work/main/utils/crm/types';
let seq = 0;
const at = (s: string) => parseShanghaiTime(`${s} 10:00`)!;
function o(k: string, when: string, sku: string, quantity = 1): Order {
  const t = at(when);
  return { platform: 'taobao', orderId: `o${++seq}`, customerKey: k, identity: 'strong', nick: k, createdAt: t, status: 'completed', amountFen: 100, refundFen: 0,
    items: [{ itemId: 'milk', title: 'milk', sku, quantity, unitFen: 100, refunded: false }], source: 'json', firstSeenAt: t, lastSeenAt: t } as Order;
}
describe('card sizing', () => {
  it('card (one buyer, one size) vs shop', () => {
    const shop = ['A','B','C','D','E'].flatMap((k) => [o(k,'2026-01-01','400g'), o(k,'2026-01-21','400g'), o(k,'2026-02-10','900g')]);
    const cycles = itemCycles(shop);
    const z = [o('Z', '2026-03-01', '900g')];
    const shopView = replenishmentDue([...shop, ...z], cycles, new Map(), at('2026-03-25'), 3650, 3650).find((r) => r.customerKey === 'Z');
    const cardView = replenishmentDue(z, cycles, new Map(), at('2026-03-25'), 3650, 3650).find((r) => r.customerKey === 'Z');
    console.log('shop', shopView?.units, new Date(shopView!.dueAt).toISOString(), 'card', cardView?.units, new Date(cardView!.dueAt).toISOString());
  });
  it('refunds', () => {
    console.log(refundsOften({ paid: 4, refunded: 2 }), refundsOften({ paid: 5, refunded: 2 }), refundsOften({ paid: 1, refunded: 1 }));
  });
});
