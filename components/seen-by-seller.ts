// Is this element really in front of the seller? The side panel is a frame on the console page, which can
// style the frame's host (opacity 0, a filter) or cover it with an element of its own, or frame its own
// invisible copy of panel.html (its URL is in our frame's src), to make the seller click a button they
// cannot see (clickjacking). Chromium's IntersectionObserver v2 (trackVisibility) says whether an element
// is visible unobscured and untransformed; every control that writes or exports asks it before acting.
// Where the browser has no such observer (Firefox), the answer is yes: nothing to ask.
//
// The answer is the one the browser gave before the press: taken at pointerdown (before the page can
// learn from its window's blur that the seller pressed into our frame and reveal the frame for the
// click) and again at the click.
import { useCallback, useRef } from 'react';
import type { MouseEvent as ReactMouseEvent } from 'react';

type Entry = IntersectionObserverEntry & { isVisible?: boolean };
const supported = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/** The browser's last word per element: wholly visible to the seller, or not. */
const visible = new WeakMap<Element, boolean>();
let shared: IntersectionObserver | null = null;
/** One observer for every guarded control of the page (a list may hold a hundred buttons). */
function observer(): IntersectionObserver {
  shared ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const yes = (entry as Entry).isVisible === true;
      visible.set(entry.target, yes);
      // The browser's word, for the extension's own tests to wait on (the console page cannot read our
      // frame). A click before the first word (some 100 ms after the control appears) is refused.
      entry.target.setAttribute('data-seen', String(yes));
    }
  }, { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit);
  return shared;
}

/** Starts watching `el`; the returned function stops. */
function watch(el: Element): () => void {
  if (!supported) {
    el.setAttribute('data-seen', 'true');
    return () => undefined;
  }
  visible.set(el, false);
  observer().observe(el);
  return () => {
    observer().unobserve(el);
    visible.delete(el);
  };
}

/**
 * How long after the panel's frame moved on the page a click is refused. The page can slide our fully
 * visible frame under the seller's cursor as it hovers a bait (the browser still calls the control
 * visible: nothing covers or fades it); the top frame's content script watches the frame's place and
 * says when it moved (background → this page), and a click within this time does nothing.
 */
export const MOVED_SETTLE_MS = 1000;
let movedAt = -Infinity;

/** The panel's frame moved on the page just now (PanelPush `moved`). */
export function noteFrameMoved(now = performance.now()): void {
  movedAt = now;
}

/** True when the browser last saw `el` wholly visible to the seller (always, where it cannot tell), and the frame has stayed put since. */
function seen(el: Element): boolean {
  if (performance.now() - movedAt < MOVED_SETTLE_MS) return false;
  return !supported || visible.get(el) === true;
}

/** What a click on a guarded control may do: act, nothing (a scripted or a repeated click), or say it was hidden. */
export type SellerClick = 'ok' | 'untrusted' | 'repeat' | 'hidden';

/**
 * The rule, pure: a click the seller made (trusted) on a control the browser saw visible at the click
 * and, for a pointer click (detail ≥ 1), at its press too. A keyboard click (Enter, Space: detail 0) has
 * no press; the page cannot type into our frame. The second click of a double-click (detail ≥ 2) never
 * acts: the page can move our visible frame between the two presses so that the second lands on a
 * control the seller never aimed at (double-clickjacking); a control the seller meant acted on the first.
 */
export function clickVerdict(click: { trusted: boolean; detail: number; seenAtPress: boolean | null; seenNow: boolean }): SellerClick {
  if (!click.trusted) return 'untrusted';
  if (click.detail > 1) return 'repeat';
  if (click.detail > 0 && click.seenAtPress !== true) return 'hidden';
  return click.seenNow ? 'ok' : 'hidden';
}

/**
 * A guarded control: spread `guard` on the element (its ref and pointerdown), and ask `verdict` in its
 * click handler. 'ok' only for a click the seller made (isTrusted) on an element the browser saw visible
 * at the press and at the click; 'hidden' when it was not (show the seller why nothing happened).
 */
export function useSellerClick<T extends Element>(): {
  guard: { ref: (el: T | null) => void; onPointerDown: (e: { isTrusted: boolean; currentTarget: T }) => void };
  verdict: (e: ReactMouseEvent<T>) => SellerClick;
} {
  const stop = useRef<(() => void) | null>(null);
  const atPress = useRef<boolean | null>(null);
  const ref = useCallback((el: T | null) => {
    stop.current?.();
    stop.current = el ? watch(el) : null;
    atPress.current = null;
  }, []);
  const onPointerDown = useCallback((e: { isTrusted: boolean; currentTarget: T }) => {
    atPress.current = e.isTrusted && seen(e.currentTarget);
  }, []);
  const verdict = useCallback((e: ReactMouseEvent<T>): SellerClick => {
    const seenAtPress = atPress.current;
    atPress.current = null;
    return clickVerdict({ trusted: e.nativeEvent.isTrusted, detail: e.detail, seenAtPress, seenNow: seen(e.currentTarget) });
  }, []);
  return { guard: { ref, onPointerDown }, verdict };
}
