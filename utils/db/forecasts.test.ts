import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { customersFromHistories, simulateBgNbd } from '../../tests/bench/clv-sim';
import { customerCard } from './customers';
import { forecastModel, refreshForecasts } from './forecasts';
import { LaokeDB } from './schema';
import { segmentContext } from '@/utils/crm/segments';

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
