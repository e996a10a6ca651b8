import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { customersFromHistories, simulateBgNbd } from '../../tests/bench/clv-sim';
import { customerCard } from './customers';
import { forecastModel, refreshForecasts } from './forecasts';
import { LaokeDB } from './schema';
import { segmentContext } from '@/utils/crm/segments';
import { forecastShop } from '@/utils/crm/forecast';

const NAME = 'laoke-forecasts-test';
const now = Date.UTC(2026, 10, 22, 4);
afterEach(() => Dexie.delete(NAME));

describe('refreshForecasts', () => {
  it('writes one forecast per known buyer and the model; the card reads them; too little history removes them', async () => {
    const db = new LaokeDB(NAME);
    const customers = customersFromHistories(simulateBgNbd({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, 800, 100, 500, 9), now);
    await db.customers.bulkPut(customers);
    const model = await refreshForecasts(db, now);
    expect(model.status).toBe('ok');
    expect(await db.forecasts.count()).toBe(800);
    expect(await forecastModel(db)).toEqual(model);

    const returning = customers.find((c) => (c.purchaseDays ?? 0) >= 3)!;
    const card = (await customerCard(db, returning.key, segmentContext(customers, now)))!;
    expect(card.model?.status).toBe('ok');
    expect(card.forecast).toEqual(await db.forecasts.get(returning.key));
    expect(card.forecast!.pAlive).toBeGreaterThan(0);

    // The shop shrinks below the minimum (the seller deleted customers): the old forecasts go too.
    await db.customers.bulkDelete(customers.slice(100).map((c) => c.key));
    expect(await refreshForecasts(db, now)).toMatchObject({ status: 'insufficient', shortfall: 'customers', customers: 100 });
    expect(await db.forecasts.count()).toBe(0);
    expect((await customerCard(db, customers[0]!.key, segmentContext(customers, now)))!.forecast).toBeNull();
    db.close();
  });
});

describe('refreshForecasts in slices', () => {
  it('pauses while it reads and fits, and stores exactly what forecastShop computes at once', async () => {
    const db = new LaokeDB(NAME);
    const customers = customersFromHistories(simulateBgNbd({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, 5_000, 100, 500, 3), now);
    await db.customers.bulkPut(customers);
    let pauses = 0;
    const model = await refreshForecasts(db, now, { pause: async () => void pauses++ });
    // 5,000 customers are three read slices: at least two pauses in reading alone, more in the fit.
    expect(pauses).toBeGreaterThan(2);
    // The database hands the customers over in key order: the sums run in that order.
    const once = forecastShop([...customers].sort((a, b) => (a.key < b.key ? -1 : 1)), now);
    expect({ ...model, fitMs: 0, fittedAt: 0, customersVersion: 0 }).toEqual({ ...once.model, fitMs: 0, fittedAt: 0, customersVersion: 0 });
    const stored = await db.forecasts.toArray();
    expect(stored).toHaveLength(5_000);
    const byKey = new Map(once.forecasts.map((f) => [f.key, f]));
    for (const f of stored) expect(f).toEqual(byKey.get(f.key));
    db.close();
  });

  it('gives no forecast back to a customer deleted while it fitted', async () => {
    const db = new LaokeDB(NAME);
    const customers = customersFromHistories(simulateBgNbd({ r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, 3_000, 100, 500, 4), now);
    await db.customers.bulkPut(customers);
    const gone = customers[2_500]!.key;
    let deleted = false;
    await refreshForecasts(db, now, {
      pause: async () => {
        // Once every customer has been read (the fit is under way), the seller deletes one.
        if (!deleted && (await db.customers.count()) === 3_000) {
          deleted = true;
          await db.customers.delete(gone);
        }
      },
    });
    expect(deleted).toBe(true);
    expect(await db.forecasts.get(gone)).toBeUndefined();
    expect(await db.forecasts.count()).toBe(2_999);
    db.close();
  });
});
