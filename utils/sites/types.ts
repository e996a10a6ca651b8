import type { ObservedOrder, ObservedReview, Platform } from '@/utils/crm/types';

/**
 * An adapter's reading. `unknown`: values of a non-essential field the adapter has not met (a new status
 * text): those orders are read with status `unknown` (no purchase) and the values are told in health.
 */
export type ParseResult =
  | { ok: true; orders: ObservedOrder[]; unknown?: string[] }
  | { ok: false; reason: string };

/** One order block on a list page: where its badge goes. */
export interface OrderBlock {
  orderId: string;
  block: Element;
  /** The element the badge is appended to, or put right after (`place: 'after'`: an inline holder). */
  anchor: Element;
  place?: 'append' | 'after';
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
  hosts: readonly string[];
  matchesPage(url: URL): boolean;
  /** The JSON endpoint(s) whose responses carry this page's rows. */
  matchesEndpoint(url: string): boolean;
  parseJson(body: unknown): ParseResult;
  parseDom(root: ParentNode): ParseResult;
  orderBlocks(root: ParentNode): OrderBlock[];
}

export interface ReviewBlock {
  /** The order number the row shows. */
  orderId: string;
  /** The reviewed item, from the row's item link (an order can hold several reviewed items). */
  itemId: string;
  anchor: Element;
  place?: 'append' | 'after';
}

export type ReviewParseResult = { ok: true; reviews: ObservedReview[] } | { ok: false; reason: string };

/** A review list page: reviews come from its JSON; the DOM only places badges (rows carry no review id). */
export interface ReviewListSite {
  pageKind: string;
  platform: Platform;
  hosts: readonly string[];
  matchesPage(url: URL): boolean;
  matchesEndpoint(url: string): boolean;
  parseJson(body: unknown): ReviewParseResult;
  reviewBlocks(root: ParentNode): ReviewBlock[];
}


/**
 * One after-sales case (售后单) as an after-sales list shows it: the order it belongs to and where it
 * stands. `open`: a refund, return or exchange under way; `refunded`: done with money back; `closed`:
 * ended without a refund (refused, withdrawn).
 */
export interface AfterSaleCase {
  orderId: string;
  state: 'open' | 'refunded' | 'closed';
  /** The amount the case refunds (or asks for), fen, when the list gives it. */
  refundFen?: number;
}

export type AfterSaleParseResult = { ok: true; cases: AfterSaleCase[]; unknown?: string[] } | { ok: false; reason: string };

/**
 * An after-sales list page (售后工作台): it says which orders have a refund under way. Its rows are no
 * orders (no buyer, no items, no time of purchase): they only mark orders Laoke already read.
 */
export interface AfterSaleListSite {
  pageKind: string;
  platform: Platform;
  hosts: readonly string[];
  matchesPage(url: URL): boolean;
  matchesEndpoint(url: string): boolean;
  parseJson(body: unknown): AfterSaleParseResult;
}
