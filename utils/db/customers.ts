// One customer as the card shows them: figures, orders, reviews, segments; and what the seller writes.
import { logSellerFields, SELLER_FIELDS } from './sync-outbox';
import { forecastCustomer, type Forecast, type ForecastModel } from '@/utils/crm/forecast';
import { rfmGroup, rfmScores, segmentsOf, type RfmScores, type SegmentContext, type SegmentId } from '@/utils/crm/segments';
import type { Customer, Order, Platform, Review } from '@/utils/crm/types';
import type { CareAction } from '@/utils/crm/order-care';
import { t } from '@/utils/i18n';
import { FORECAST_MODEL_KEY } from './forecasts';
import { likelyNextItem, type AudienceContext } from '@/utils/crm/audience';
import { pointsOf, toNextTier, type RiskFlag, type TierLadder } from '@/utils/crm/customer-value';
import { replenishmentDue } from '@/utils/crm/cycles';
import { buyerValue, memberTiers, storedCycles } from './customer-value';
import type { LaokeDB } from './schema';
import { linkView, type LinkView } from './links';

export interface CustomerCardData {
  customer: Customer;
  /** Every order of the customer, valid or not, newest first. */
  orders: Order[];
  /**
   * Orders known only from the page's text (source 'dom': no JSON reading of them yet), whose amounts
   * and statuses may be incomplete and which a forged row could have added: the card says so.
   */
  domOrders: number;
  reviews: Review[];
  segments: SegmentId[];
  rfm: (RfmScores & { group: string }) | null;
  /** The lifetime models' view of this customer, when the shop's model is trusted and they are a known buyer. */
  forecast: Forecast | null;
  /** The shop's model: null before the first fit. */
  model: ForecastModel | null;
  /** What the seller logged about this buyer's orders in order care (售后 outcomes, compensation, calls), newest first. */
  care: CareAction[];
  /** Customer value at a glance (utils/crm/customer-value.ts): the flags the row shows, the tier, local points. */
  value: {
    risk: RiskFlag[];
    tier: string | null;
    /** The next level and how far (fen or purchases), on a saved ladder. */
    next: { name: string; short: number } | null;
    by: TierLadder['by'] | null;
    /** 1 per yuan of valid spend, when the seller turned local points on. */
    points: number | null;
  };
  /** The shop's most taken path from an item this buyer has to one they have not (可能的下一件). */
  nextItem: { id: string; title: string; buyers: number } | null;
  /** When each consumable they bought should run out (补货): units of the last purchase × what one lasts. */
  restock: { itemId: string; title: string; units: number; lastAt: number; dueAt: number }[];
  /** 其他平台: the records of this person the seller linked (each with its own figures), and same-phone suggestions. */
  links: LinkView;
}

export async function customerKeyOfOrder(db: LaokeDB, platform: Platform, orderId: string): Promise<string | null> {
  return (await db.orders.get([platform, orderId]))?.customerKey ?? null;
}

export async function customerCard(db: LaokeDB, key: string, basis: SegmentContext & Partial<Pick<AudienceContext, 'itemPaths'>>): Promise<CustomerCardData | null> {
  return db.transaction('r', [db.customers, db.orders, db.reviews, db.forecasts, db.meta, db.careActions, db.knowledge, db.links], async () => {
    const customer = await db.customers.get(key);
    if (!customer) return null;
    const [ladder, cycles, told] = await Promise.all([
      memberTiers(db), storedCycles(db), db.knowledge.bulkGet(customer.itemIds.map((id) => [customer.platform, id] as [typeof customer.platform, string])),
    ]);
    // The seller's "one unit lasts N days" as saved now (the shop's cycles are recomputed with the tasks).
    for (const k of told) {
      if (!k?.unitDays) continue;
      const c = cycles.get(k.itemId);
      cycles.set(k.itemId, { ...(c ?? { itemId: k.itemId, title: k.itemTitle }), medianDays: k.unitDays, samples: 0, source: 'seller' });
    }
    const [orders, reviews, stored, model, care, links] = await Promise.all([
      db.orders.where('customerKey').equals(key).toArray(),
      db.reviews.where('customerKey').equals(key).toArray(),
      db.forecasts.get(key),
      db.meta.get(FORECAST_MODEL_KEY),
      db.careActions.where('customerKey').equals(key).toArray(),
      linkView(db, key),
    ]);
    // And what was logged on their orders under a key the order has since moved from.
    const logged = new Set(care.map((a) => a.id));
    for (const list of await Promise.all(orders.map((o) => db.careActions.where('[platform+orderId]').equals([o.platform, o.orderId]).toArray()))) {
      for (const a of list) if (!logged.has(a.id)) care.push(a);
    }
    orders.sort((a, b) => b.createdAt - a.createdAt || b.orderId.localeCompare(a.orderId));
    const shopModel = (model?.value as ForecastModel | undefined) ?? null;
    // Recomputed from the shop's model with the customer as stored now (an order captured since the fit
    // counts at once); only buyers the fit saw (a stored forecast) get one.
    const forecast = shopModel && stored ? forecastCustomer(customer, shopModel) ?? undefined : undefined;
    reviews.sort((a, b) => b.createdAt - a.createdAt);
    const scores = rfmScores(customer, basis);
    const v = buyerValue(customer, reviews, ladder);
    const known = customer.identity !== 'weak';
    const restock = known ? replenishmentDue(orders, cycles, new Map(), Date.now(), 3650, 3650)
      .map((r) => ({ itemId: r.itemId, title: r.title, units: r.units, lastAt: r.lastAt, dueAt: r.dueAt }))
      .sort((a, b) => a.dueAt - b.dueAt).slice(0, 5) : [];
    return {
      value: {
        ...v,
        next: ladder ? toNextTier(customer, ladder) : null,
        by: ladder?.by ?? null,
        points: ladder?.points && known ? pointsOf(customer) : null,
      },
      nextItem: known ? likelyNextItem(customer, basis.itemPaths) : null,
      restock,
      links,
      customer, orders, reviews,
      domOrders: orders.filter((o) => o.source === 'dom').length,
      // The card's own forecast places it in the predicted segments, whatever context it was given.
      segments: segmentsOf(customer, forecast ? { ...basis, forecasts: new Map([[key, forecast]]) } : { ...basis, forecasts: undefined }),
      rfm: scores ? { ...scores, group: rfmGroup(scores) } : null,
      forecast: forecast ?? null,
      model: shopModel,
      care: care.filter((a) => a.via === 'outcome').sort((a, b) => b.at - a.at).map(({ text: _t, ...a }) => a),
    };
  });
}

export interface CustomerNotes {
  tags: string[];
  notes: string;
  /** Empty clears it. */
  phone: string;
}

/**
 * Save what the seller wrote about a customer; the figures are untouched. A customer no longer stored
 * (merged into a buyer proven since, deleted) fails with a message to show: the words were not saved,
 * and saying nothing would lose them.
 */
export async function saveCustomerNotes(db: LaokeDB, key: string, n: CustomerNotes, now = Date.now()): Promise<Customer> {
  return db.transaction('rw', [db.customers, db.syncOutbox], async () => {
    const c = await db.customers.get(key);
    if (!c) throw new Error(t('notesCustomerGone'));
    const tags = [...new Set(n.tags.map((t) => t.trim()).filter(Boolean))];
    const next: Customer = { ...c, tags, notes: n.notes };
    if (n.phone.trim()) {
      // Retention (privacy.ts) counts a phone's age from when it was typed: saving it unchanged keeps the date.
      if (n.phone.trim() !== c.phone) next.phoneSavedAt = now;
      next.phone = n.phone.trim();
    } else {
      delete next.phone;
      delete next.phoneSavedAt;
    }
    await db.customers.put(next);
    // Team sync: only the fields that changed are stamped, so two agents' edits of different fields both hold.
    const changed = SELLER_FIELDS.filter((f) => JSON.stringify(c[f] ?? null) !== JSON.stringify(next[f] ?? null));
    await logSellerFields(db, [key], changed, now);
    return next;
  });
}
