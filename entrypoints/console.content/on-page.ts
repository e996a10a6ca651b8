/** Any list site: it knows its page. */
type HasPage = { matchesPage(url: URL): boolean };

/** Whether the tab shows this site's list now; the answer is cached per URL (it is asked on every mutation). */
export function onPageOf(site: HasPage): () => boolean {
  let href = '';
  let yes = false;
  return () => {
    if (location.href !== href) {
      href = location.href;
      yes = site.matchesPage(new URL(href));
    }
    return yes;
  };
}

/** Laoke's own elements on the page: mutations inside them call for no new pass of any observer. */
const OURS = '[data-laoke-badge], [data-laoke-chip], [data-laoke-card], [data-laoke-review-badge], [data-laoke-health], [data-laoke-notice], laoke-panel';

/** One of Laoke's own elements (not searched for order numbers). */
export const isOurElement = (el: Element): boolean => el.matches(OURS);

/** Where a badge sits: in its anchor, or right after it (an inline anchor found by text, utils/sites/anchor.ts). */
type Slot = { anchor: Element; place?: 'append' | 'after' };

/** The badge (element carrying `attr`) already in this slot, if any. */
export function badgeIn(slot: Slot, attr: string): HTMLElement | null {
  if (slot.place === 'after') {
    const next = slot.anchor.nextElementSibling;
    return next instanceof HTMLElement && next.hasAttribute(attr) ? next : null;
  }
  return slot.anchor.querySelector<HTMLElement>(`:scope > [${attr}]`);
}

export function putBadge(slot: Slot, badge: HTMLElement): void {
  if (slot.place === 'after') slot.anchor.after(badge);
  else slot.anchor.append(badge);
}

const OBSERVED = { childList: true, subtree: true, characterData: true } as const;

/**
 * An observer of the document that also watches every open shadow root a badge went into (a list the
 * page renders in a shadow root changes there, out of the document observer's sight).
 */
export function pageObserver(callback: MutationCallback): {
  observer: MutationObserver;
  watch(slots: readonly Slot[]): void;
  /** Watch these shadow roots too (the ones a text search went into: utils/sites/anchor.ts TextIndex). */
  watchRoots(roots: readonly ShadowRoot[]): void;
} {
  const observer = new MutationObserver(callback);
  observer.observe(document, OBSERVED);
  const roots = new WeakSet<ShadowRoot>();
  const watchRoot = (root: Node) => {
    if (root instanceof ShadowRoot && !roots.has(root)) {
      roots.add(root);
      observer.observe(root, OBSERVED);
    }
  };
  return {
    observer,
    watch(slots) {
      for (const s of slots) watchRoot(s.anchor.getRootNode());
    },
    watchRoots(list) {
      for (const r of list) watchRoot(r);
    },
  };
}

export function isOurs(record: MutationRecord): boolean {
  // Laoke's own nodes going in or out first (a badge put in a row: most records after a paint); the
  // walk up from the target only when that does not say.
  if (onlyOurs(record.addedNodes, record.removedNodes)) return true;
  const target = record.target instanceof Element ? record.target : record.target.parentElement;
  return !!target?.closest(OURS);
}

function onlyOurs(added: NodeList, removed: NodeList): boolean {
  if (added.length + removed.length === 0) return false;
  for (const list of [added, removed]) {
    for (let i = 0; i < list.length; i++) {
      const n = list[i];
      if (!(n instanceof Element) || !n.matches(OURS)) return false;
    }
  }
  return true;
}
