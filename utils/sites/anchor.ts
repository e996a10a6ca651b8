// Finding an order's block by its number's text, whatever the markup (issue 16). Each adapter knows its
// page's selectors (the fast path); a redesigned page breaks selectors but still prints 订单号 and the
// number. So when the fast path misses orders Laoke read, the page's text is searched for their
// numbers: the badge goes next to the smallest element whose text carries the number, and the order's
// block is the largest element around it that holds no other order Laoke is looking for. The search
// goes into the page's own open shadow roots; Laoke's own elements and non-content elements (scripts,
// form fields) are not searched.

import type { OrderBlock, ReviewBlock } from './types';

/** Where one searched-for key was found. */
export interface TextAnchor {
  key: string;
  /** The largest element around `holder` that holds no other key searched for. */
  block: Element;
  /** The smallest element whose text carries the key (its own text nodes, joined). */
  holder: Element;
  /** Badge inside `holder` (a cell or block element) or right after it (inline: a span, a link, a button). */
  place: 'append' | 'after';
  /** The holder's text names the number as an order's (订单号, 订单编号). */
  labelled: boolean;
}

/** Elements whose text is not content the seller reads as a row. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'TITLE', 'HEAD', 'INPUT', 'IFRAME', 'SVG']);
/** A badge may go inside these; after any other holder. */
const CONTAINERS = new Set(['TD', 'TH', 'LI', 'DIV', 'P', 'DD', 'DT', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER']);
/** Never a holder: a badge in these would break the table or the form. */
const NOT_HOLDERS = new Set(['TR', 'TBODY', 'THEAD', 'TFOOT', 'TABLE', 'COLGROUP', 'UL', 'OL', 'DL', 'HTML', 'BODY']);

/** Runs of digits and dashes that may be an order number (or hold one: 123-1 for a sub-order). */
const NUMBER_RUN = /\d[\d-]{4,}\d/g;

/** The keys a text carries: whole runs, their dash-separated parts and pairs of parts (YYMMDD-15 digits). */
function keysIn(text: string, wanted: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(NUMBER_RUN)) {
    if (wanted.has(run)) {
      out.push(run);
      continue;
    }
    const parts = run.split('-');
    for (let i = 0; i < parts.length; i++) {
      if (wanted.has(parts[i]!)) out.push(parts[i]!);
      const pair = i + 1 < parts.length ? `${parts[i]}-${parts[i + 1]}` : '';
      if (pair && wanted.has(pair)) out.push(pair);
    }
  }
  return out;
}

/** The element above `el`, crossing out of an open shadow root to its host. */
function up(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * Text groups of `root` and its open shadow roots: each element with the text of its own consecutive
 * text nodes joined (a framework's comment markers split 订单号：<!-- -->123 into two), in document order.
 */
function textGroups(root: Node, skip: (el: Element) => boolean, keep: (text: string) => boolean, out: { el: Element; text: string }[], shadows?: ShadowRoot[]): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.nodeType === Node.ELEMENT_NODE && (SKIP.has((n as Element).tagName.toUpperCase()) || skip(n as Element))
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let parent: Node | null = null;
  let joined = '';
  const flush = () => {
    if (parent instanceof Element && joined && keep(joined)) out.push({ el: parent, text: joined });
    parent = null;
    joined = '';
  };
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      if (n.parentNode !== parent) flush();
      parent = n.parentNode;
      joined += n.nodeValue ?? '';
      continue;
    }
    flush();
    const shadow = (n as Element).shadowRoot;
    if (shadow) {
      shadows?.push(shadow);
      textGroups(shadow, skip, keep, out, shadows);
    }
  }
  flush();
}

/** Whether a text may hold an order number at all (six digits in a row): most text is skipped at once. */
const SIX_DIGITS = /\d{6}/;
const mayHoldNumber = (t: string) => SIX_DIGITS.test(t);

type TextGroup = { el: Element; text: string };

/**
 * The page's text groups that may hold a number, from one walk, used again until the page changes: a
 * list response is searched for when the page has rendered it and again when its facts come back, and
 * the page in between is the same. The caller says when it changed (`changed()`, on every mutation that
 * is not Laoke's own) and watches the open shadow roots the walk went into (`shadowRoots`), where a
 * change is out of the document observer's sight.
 */
export class TextIndex {
  private groups: TextGroup[] | undefined;
  private of: { root: ParentNode; skip: (el: Element) => boolean } | undefined;
  /** The open shadow roots the last walk went into. */
  shadowRoots: ShadowRoot[] = [];

  changed(): void {
    this.groups = undefined;
  }

  groupsOf(root: ParentNode, skip: (el: Element) => boolean): TextGroup[] {
    if (this.groups && this.of?.root === root && this.of.skip === skip) return this.groups;
    const groups: TextGroup[] = [];
    const shadows: ShadowRoot[] = [];
    textGroups(root as Node, skip, mayHoldNumber, groups, shadows);
    this.groups = groups;
    this.of = { root, skip };
    this.shadowRoots = shadows;
    return groups;
  }
}

/**
 * Where each of `keys` appears as text under `root`. A key found in several blocks is found once per
 * block (two review rows of one order, told apart by the other keys' rows between and around them: a
 * list holding nothing but one order's rows is one block); within one block the first occurrence is the
 * holder, preferring one whose text names it as a number (订单号, 订单编号). `skip`: elements not to
 * search (Laoke's own).
 */
export function anchorsByText(root: ParentNode, keys: Iterable<string>, skip: (el: Element) => boolean = () => false, index?: TextIndex): TextAnchor[] {
  const wanted = new Set([...keys].filter((k) => k.length >= 6));
  if (wanted.size === 0) return [];
  let groups: TextGroup[];
  if (index) groups = index.groupsOf(root, skip);
  else {
    groups = [];
    textGroups(root as Node, skip, mayHoldNumber, groups);
  }
  const found: { key: string; el: Element; labelled: boolean }[] = [];
  for (const g of groups) {
    // Text straight in a row, a list or the body is not where a badge can go.
    if (NOT_HOLDERS.has(g.el.tagName.toUpperCase())) continue;
    for (const key of new Set(keysIn(g.text, wanted))) {
      found.push({ key, el: g.el, labelled: /订单(?:编?号|编码)/.test(g.text) });
    }
  }
  // Owner of every element above a find: one key, or several (MULTI).
  const MULTI = '\u0000';
  const owner = new Map<Element, string>();
  for (const f of found) {
    for (let a: Element | null = f.el; a; a = up(a)) {
      const o = owner.get(a);
      if (o === undefined) owner.set(a, f.key);
      else if (o !== f.key) {
        if (o === MULTI) break;
        owner.set(a, MULTI);
      }
    }
  }
  const byBlock = new Map<Element, TextAnchor>();
  for (const f of found) {
    if (owner.get(f.el) !== f.key) continue; // one text holding two keys: it is no one order's
    let block = f.el;
    for (let a = up(block); a && owner.get(a) === f.key; a = up(a)) block = a;
    const known = byBlock.get(block);
    if (known && (known.labelled || !f.labelled)) continue;
    byBlock.set(block, { key: f.key, block, holder: f.el, place: CONTAINERS.has(f.el.tagName.toUpperCase()) ? 'append' : 'after', labelled: f.labelled });
  }
  return [...byBlock.values()];
}

/**
 * Whether the selectors missed rows of the response shown: some of its orders have no block, and every
 * block they found is one of its orders. A block of another order means the page already shows a newer
 * list whose response has not reached Laoke yet (the page renders in the same task that receives it):
 * the text is not searched then, on every render of a page the selectors read well.
 */
function textSearchCalledFor(found: ReadonlySet<string>, current: ReadonlySet<string>): boolean {
  for (const id of found) if (!current.has(id)) return false;
  for (const id of current) if (!found.has(id)) return true;
  return false;
}

/**
 * The order blocks on screen: the adapter's own (`fast`), and when it missed an order of the response
 * being shown (`current`), every order this tab read (`known`) found by its number's text.
 */
export function withTextAnchors(fast: OrderBlock[], root: ParentNode, current: ReadonlySet<string>, known: ReadonlySet<string>, skip?: (el: Element) => boolean, cache?: TextAnchorCache): OrderBlock[] {
  const have = new Set(fast.map((b) => b.orderId));
  if (!textSearchCalledFor(have, current)) return fast;
  const more = cache?.stillHolds(current, have) ?? onePerOrder(anchorsByText(root, known, skip, cache?.index).filter((a) => !have.has(a.key)));
  cache?.keep(more);
  return [...fast, ...more.map((a) => ({ orderId: a.key, block: a.block, anchor: a.holder, place: a.place }))];
}

/** One block per order (one badge per order): the labelled find, else the first on the page. */
function onePerOrder(finds: TextAnchor[]): TextAnchor[] {
  const chosen = new Map<string, TextAnchor>();
  for (const f of finds) {
    const known = chosen.get(f.key);
    if (!known || (f.labelled && !known.labelled)) chosen.set(f.key, f);
  }
  return [...chosen.values()];
}

/**
 * The last text search's finds, kept so that a page changing something else (a timer, a hover, Laoke's
 * own badge going in) does not cost a walk of the whole page: they are used again while every order of
 * the list shown that the selectors miss is among them and each holder is still on the page carrying its
 * number. A new row, a row gone or rewritten, and the page is searched again.
 */
export class TextAnchorCache {
  private finds: TextAnchor[] = [];

  /** `index`: the page's text kept between searches, for a caller that tells it each change of the page. */
  constructor(readonly index?: TextIndex) {}

  stillHolds(current: ReadonlySet<string>, fast: ReadonlySet<string>): TextAnchor[] | undefined {
    const byKey = new Set(this.finds.map((f) => f.key));
    for (const id of current) if (!fast.has(id) && !byKey.has(id)) return undefined;
    for (const f of this.finds) if (!f.holder.isConnected || !(f.holder.textContent ?? '').includes(f.key)) return undefined;
    return this.finds.filter((f) => !fast.has(f.key));
  }

  keep(finds: TextAnchor[]): void {
    this.finds = finds;
  }
}

/** The item a review block links to (a goods link with ?id=…), for a block found by its text. */
function linkedItem(block: Element): string {
  for (const a of block.querySelectorAll('a[href*="id="]')) {
    const m = /[?&](?:id|goods_id|goodsId)=(\d+)/.exec(a.getAttribute('href') ?? '');
    if (m) return m[1]!;
  }
  return '';
}

/** Review rows, the adapter's own and, when it missed a reviewed order being shown, found by the order number's text. */
export function withTextReviewAnchors(fast: ReviewBlock[], root: ParentNode, current: ReadonlySet<string>, skip?: (el: Element) => boolean, cache?: TextAnchorCache): ReviewBlock[] {
  const have = new Set(fast.map((b) => b.orderId));
  if (!textSearchCalledFor(have, current)) return fast;
  const more = cache?.stillHolds(current, have) ?? anchorsByText(root, current, skip, cache?.index).filter((a) => !have.has(a.key));
  cache?.keep(more);
  return [...fast, ...more.map((a) => ({ orderId: a.key, itemId: linkedItem(a.block), anchor: a.holder, place: a.place }))];
}

/**
 * Order blocks of a page whose markup is not described publicly (抖店, JD): each number the page labels
 * as an order's (`label`, non-global, its first group the number) in one text, placed as a text find.
 * A redesign that moves the number apart from its label finds none here; withTextAnchors then looks
 * for the numbers the list's JSON named.
 */
export function labelledOrderBlocks(root: ParentNode, label: RegExp): OrderBlock[] {
  const groups: TextGroup[] = [];
  textGroups(root as Node, () => false, (t) => label.test(t), groups);
  const keys = new Set<string>();
  for (const g of groups) {
    const m = label.exec(g.text);
    if (m?.[1]) keys.add(m[1]);
  }
  if (keys.size === 0) return [];
  return onePerOrder(anchorsByText(root, keys).filter((a) => a.labelled))
    .map((a) => ({ orderId: a.key, block: a.block, anchor: a.holder, place: a.place }));
}
