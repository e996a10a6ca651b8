import type { ObservedOrder, Platform } from '@/utils/crm/types';

export type ParseResult =
  | { ok: true; orders: ObservedOrder[] }
  | { ok: false; reason: string };

/** One order block on a list page: where its badge goes. */
export interface OrderBlock {
  orderId: string;
  block: Element;
  /** The element the badge is appended to. */
  anchor: Element;
}

/**
 * Everything Laoke knows about one kind of console page. The only place that knows a platform's URLs,
 * JSON keys and selectors (shared/STYLE.md).
 */
export interface OrderListSite {
  /** Stable id of the page kind, used for parser health. */
  pageKind: string;
  platform: Platform;
  /** Hosts whose pages may show this list (the content script runs there; the list is one route). */
  hosts: string[];
  matchesPage(url: URL): boolean;
  /** The JSON endpoint(s) whose responses carry this page's rows. */
  matchesEndpoint(url: string): boolean;
  parseJson(body: unknown): ParseResult;
  parseDom(root: ParentNode): ParseResult;
  orderBlocks(root: ParentNode): OrderBlock[];
}
