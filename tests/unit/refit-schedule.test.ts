// The refit's schedule (entrypoints/background/forecasts.ts) against a console page that keeps its list
// requests coming (a page script replaying them every few seconds): each ingest asks for a refit "once
// ingest goes quiet", which such a page never lets happen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const refreshForecasts = vi.fn();
let version = 0;
vi.mock('@/utils/db/schema', () => ({ db: () => ({}) }));
vi.mock('@/utils/db/data-version', () => ({
  readDataVersion: async () => ({ version, changed: { customers: version } }),
  versionOf: (dv: { version: number }) => dv.version,
}));
vi.mock('@/utils/db/forecasts', () => ({
  FIT_READS: ['customers'],
  forecastModel: async () => null,
  refreshForecasts: (...args: unknown[]) => refreshForecasts(...args),
}));

beforeEach(() => {
  vi.useFakeTimers();
  refreshForecasts.mockReset();
  refreshForecasts.mockImplementation(async () => ({ fittedAt: Date.now(), customersVersion: version }));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('refit schedule', () => {
  it('a page changing the customers every 5 s for 10 minutes cannot put the refit off beyond MAX_DEFER_MS', async () => {
    const { ordersRead, MAX_DEFER_MS } = await import('@/entrypoints/background/forecasts');
    const start = Date.now();
    let firstFit: number | undefined;
    refreshForecasts.mockImplementation(async () => {
      firstFit ??= Date.now() - start;
      return { fittedAt: Date.now(), customersVersion: version };
    });
    for (let t = 0; t < 600_000; t += 5_000) {
      version++;
      await ordersRead(Date.now());
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(firstFit).toBeDefined();
    expect(firstFit!).toBeLessThanOrEqual(MAX_DEFER_MS + 5_000);
    // And again every MAX_DEFER_MS or so while the page keeps at it, not once per page read.
    expect(refreshForecasts.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(refreshForecasts.mock.calls.length).toBeLessThanOrEqual(6);
  });
});
