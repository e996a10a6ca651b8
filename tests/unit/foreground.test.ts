// The refit's pauses (entrypoints/background/foreground.ts) against a console page that keeps its
// requests coming back to back, so that one is always being answered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backgroundTurn, inForeground, MAX_YIELD_MS } from '@/entrypoints/background/foreground';

afterEach(() => {
  vi.useRealTimers();
});

describe('backgroundTurn', () => {
  it('waits while a page request is answered and goes on as soon as none is', async () => {
    vi.useFakeTimers();
    let finish!: () => void;
    const answer = inForeground(() => new Promise<void>((r) => (finish = r)));
    let turned = false;
    void backgroundTurn().then(() => (turned = true));
    await vi.advanceTimersByTimeAsync(MAX_YIELD_MS / 2);
    expect(turned).toBe(false);
    finish();
    await answer;
    await vi.advanceTimersByTimeAsync(0);
    expect(turned).toBe(true);
  });

  it('requests kept overlapping for ever (a page script replaying the list endpoint): each pause still ends within MAX_YIELD_MS', async () => {
    vi.useFakeTimers();
    let stop = false;
    // Two streams of 30 ms requests, the second offset by 15 ms: one is always being answered.
    const stream = async (offset: number) => {
      await new Promise((r) => setTimeout(r, offset));
      while (!stop) await inForeground(() => new Promise((r) => setTimeout(r, 30)));
    };
    const streams = [stream(0), stream(15)];
    await vi.advanceTimersByTimeAsync(1);
    const turns: number[] = [];
    const work = (async () => {
      for (let i = 0; i < 5; i++) {
        const t = Date.now();
        await backgroundTurn();
        turns.push(Date.now() - t);
      }
    })();
    await vi.advanceTimersByTimeAsync(10 * MAX_YIELD_MS);
    expect(turns).toHaveLength(5);
    for (const ms of turns) expect(ms).toBeLessThanOrEqual(MAX_YIELD_MS + 30);
    stop = true;
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all([work, ...streams]);
  });
});
