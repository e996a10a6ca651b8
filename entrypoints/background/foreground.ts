// What a console page waits for (its badges: an order page stored and answered) goes before the
// background's own work: the forecast refit pauses whenever a page's request is being answered.
//
// Only for so long: the requests come from console pages, whose scripts can keep them coming back to back
// (the console's own list requests replayed, from several tabs), so that one is always being answered.
// A pause waits at most MAX_YIELD_MS for them; then the work takes its next slice anyway (a few ms), and
// so a page can slow the refit but not stop it.
let answering = 0;
let idle: (() => void)[] = [];

/** Longest a pause of background work waits for the pages' requests to be answered. */
export const MAX_YIELD_MS = 250;

/** Run a page's request; background work waits until none is being answered. */
export async function inForeground<T>(answer: () => Promise<T>): Promise<T> {
  answering++;
  try {
    return await answer();
  } finally {
    answering--;
    if (answering === 0) {
      const waiting = idle;
      idle = [];
      for (const go of waiting) go();
    }
  }
}

/**
 * A pause for background work: the next task, and then no page's request being answered, or
 * MAX_YIELD_MS of them.
 */
export async function backgroundTurn(): Promise<void> {
  const deadline = Date.now() + MAX_YIELD_MS;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  while (answering > 0) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    await new Promise<void>((resolve) => {
      const go = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        idle = idle.filter((f) => f !== go);
        resolve();
      }, left);
      idle.push(go);
    });
  }
}
