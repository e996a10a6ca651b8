// @vitest-environment happy-dom
// A feature that throws is reported in health, and the other features and the capture keep working
// (issue 15): the real content script's main(), with one feature made to throw on purpose.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

const calls: string[] = [];
const sent: { type: string; data: unknown }[] = [];

vi.mock('@/entrypoints/console.content/features', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/entrypoints/console.content/features')>();
  const record = (id: string) => () => void calls.push(id);
  const boom = (id: string) => () => {
    calls.push(id);
    throw new Error(`${id} broke`);
  };
  return {
    ...real,
    FEATURES: [
      { id: 'throws-first', runsOn: 'console', start: boom('throws-first') },
      { id: 'health-note', runsOn: 'console', start: record('health-note') },
      { id: 'order-throws', runsOn: 'order-list', start: boom('order-throws') },
      { id: 'sold-badges', runsOn: 'order-list', start: record('sold-badges') },
      { id: 'side-panel', runsOn: 'console', topFrameOnly: true, start: record('side-panel') },
    ],
  };
});
vi.mock('@/entrypoints/console.content/capture', () => ({ startCapture: () => void calls.push('capture') }));
vi.mock('@/entrypoints/console.content/tap-listener', () => ({
  acceptTapPort: () => void calls.push('accept-tap'),
  tapReady: () => void calls.push('tap-ready'),
}));
vi.mock('@/utils/messaging', () => ({
  sendToBackground: async (type: string, data: unknown) => {
    sent.push({ type, data });
    return null;
  },
}));

beforeEach(() => {
  calls.length = 0;
  sent.length = 0;
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('on-page features start in isolation', () => {
  it('the others start, capture runs, the tap is released, and each failure is reported to health', async () => {
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://myseller.taobao.com/home.htm/trade-platform/tp/sold');
    const script = (await import('@/entrypoints/console.content/index')).default;
    script.main(new ContentScriptContext('console', script));
    expect(calls).toEqual(['accept-tap', 'capture', 'order-throws', 'sold-badges', 'throws-first', 'health-note', 'side-panel', 'tap-ready']);
    await Promise.resolve();
    expect(sent).toEqual([
      { type: 'reportUnrecognized', data: { pageKind: 'feature-order-throws', reason: 'Error: order-throws broke' } },
      { type: 'reportUnrecognized', data: { pageKind: 'feature-throws-first', reason: 'Error: throws-first broke' } },
    ]);
  });
});
