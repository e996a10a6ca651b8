// The registry of page kinds Laoke reads. A new console page is one module here.
import { pddOrders } from './pdd-orders';
import { taobaoSold } from './taobao-sold';
import { taobaoSoldLegacy } from './taobao-sold-legacy';
import type { OrderListSite, ReviewListSite } from './types';
import { qianniuReviews } from './qianniu-reviews';
import { pddReviews } from './pdd-reviews';

export const orderListSites: OrderListSite[] = [taobaoSold, taobaoSoldLegacy, pddOrders];

/** The list shown at this URL, if Laoke reads it. */
export function siteForPage(url: URL): OrderListSite | undefined {
  return orderListSites.find((s) => s.matchesPage(url));
}


/** Review lists Laoke reads. */
export const reviewListSites: ReviewListSite[] = [qianniuReviews, pddReviews];
