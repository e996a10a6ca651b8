// What a console page waits for (its badges: an order page stored and answered) goes before the
// background's own work: the forecast refit pauses whenever a page's request is being answered.
let answering = 0;
let idle: (() => void)[] = [];

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

/** A pause for background work: the next task, and then no page's request being answered. */
export async function backgroundTurn(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  while (answering > 0) await new Promise<void>((resolve) => idle.push(resolve));
}
