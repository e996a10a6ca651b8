// Evaluated by the benchmark inside one of the extension's own pages open in a tab: asks the service
// worker for badge facts as the content script does after a page render (entrypoints/console.content/
// features/sold-badges.ts): `orderFacts` for one page's order ids through the protocol's one sender, one
// request at a time with a pause between, each answer's time kept. Nothing here reaches into the worker.
import { sendToBackground } from '@/utils/messaging';

interface Sample {
  /** Epoch ms when the request was sent. */
  at: number;
  ms: number;
  answered: number;
}

let on = false;
let samples: Sample[] = [];
let loop: Promise<void> = Promise.resolve();

async function run(pages: string[][], gapMs: number): Promise<void> {
  for (let k = 0; on; k++) {
    const orderIds = pages[k % pages.length]!;
    const t0 = performance.now();
    const facts = await sendToBackground('orderFacts', { platform: 'taobao', orderIds });
    samples.push({ at: performance.timeOrigin + t0, ms: performance.now() - t0, answered: facts.length });
    await new Promise((r) => setTimeout(r, gapMs));
  }
}

function start(pages: string[][], gapMs: number): void {
  on = true;
  samples = [];
  loop = run(pages, gapMs);
}

async function stop(): Promise<Sample[]> {
  on = false;
  await loop;
  return samples;
}

Object.assign(window as unknown as Record<string, unknown>, { laokeProbeStart: start, laokeProbeStop: stop });
