// Is this element really in front of the seller? The side panel is a frame on the console page, which can
// style the frame's host (opacity 0, a filter) or cover it with an element of its own, to make the seller
// click a button they cannot see (clickjacking). Chromium's IntersectionObserver v2 (trackVisibility)
// says whether an element is visible unobscured and untransformed; a destructive button asks it before
// acting. Where the browser has no such observer (Firefox), the answer is yes: nothing to ask.
import { useCallback, useRef } from 'react';

type Entry = IntersectionObserverEntry & { isVisible?: boolean };
const supported = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/** A ref for the element, and a check: true when the browser last saw it wholly visible to the seller. */
export function useSeenBySeller<T extends Element>(): [(el: T | null) => void, () => boolean] {
  const visible = useRef(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    visible.current = false;
    if (!el || !supported) return;
    const io = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1] as Entry | undefined;
      if (last) visible.current = last.isVisible === true;
    }, { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit);
    io.observe(el);
    observer.current = io;
  }, []);
  const seen = useCallback(() => !supported || visible.current, []);
  return [ref, seen];
}
