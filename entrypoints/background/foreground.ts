// What a console page waits for (its badges: an order page stored and answered) goes before the
// background's own work: the forecast refit pauses whenever a page's request is being answered.
//
// Only for so long: the requests come from console pages, whose scripts can keep them coming back to back
// (the console's own list requests replayed, from several tabs), so that one is always being answered.
// A pause waits at most MAX_YIELD_MS for them; then the work takes its next slice anyway (a few ms), and
// so a page can slow the refit but not stop it.
let answering = 0;
let idle: (() => void)[] = [];
/**
 * Until when a popup's first figures are being read (it says so as it opens, and again once they are
 * shown): the popup reads them itself, from the database, and waits behind whatever the background reads
 * meanwhile (IndexedDB answers an origin's requests one after another). At most POPUP_HOLD_MS.
 */
let popupUntil = 0;

/** Longest background work holds back for a popup's first figures. */
export const POPUP_HOLD_MS = 1_500;

function wake(): void {
  const waiting = idle;
  idle = [];
  for (const go of waiting) go();
}

/** A popup opens (`opening`: its figures are being read) or shows its figures (`shown`). */
export function popupFigures(state: 'opening' | 'shown', now = Date.now()): void {
  popupUntil = state === 'opening' ? now + POPUP_HOLD_MS : 0;
  if (state === 'shown') wake();
}

/** Longest a pause of background work waits for the pages' requests to be answered. */
export const MAX_YIELD_MS = 250;

/** Run a page's request; background work waits until none is being answered. */
export async function inForeground<T>(answer: () => Promise<T>): Promise<T> {
  answering++;
  try {
    return await answer();
  } finally {
    answering--;
    if (answering === 0) wake();
  }
}

/**
 * A pause for background work: the next task, and then no page's request being answered, or
 * MAX_YIELD_MS of them, and no popup's first figures being read (at most POPUP_HOLD_MS from its opening).
 */
export async function backgroundTurn(): Promise<void> {
  const deadline = Date.now() + MAX_YIELD_MS;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  for (;;) {
    const now = Date.now();
    const left = Math.max(answering > 0 ? deadline - now : 0, popupUntil - now);
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
