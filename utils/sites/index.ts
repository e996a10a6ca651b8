// The registry of page kinds Laoke reads. A new console page is one module here.
import { pddOrders } from './pdd-orders';
import { taobaoSold } from './taobao-sold';
import { taobaoSoldLegacy } from './taobao-sold-legacy';
import type { Platform } from '@/utils/crm/types';
import type { AfterSaleListSite, OrderListSite, ReviewListSite } from './types';
import { qianniuReviews } from './qianniu-reviews';
import { pddReviews } from './pdd-reviews';
import { douyinOrders } from './douyin-orders';
import { jdOrders } from './jd-orders';
import { douyinReviews } from './douyin-reviews';
import { douyinAfterSale } from './douyin-aftersale';

export const orderListSites: OrderListSite[] = [taobaoSold, taobaoSoldLegacy, pddOrders, douyinOrders, jdOrders];

/** Review lists Laoke reads. */
export const reviewListSites: ReviewListSite[] = [qianniuReviews, pddReviews, douyinReviews];

/** After-sales lists Laoke reads: they mark orders already read as having a refund under way or not. */
export const afterSaleListSites: AfterSaleListSite[] = [douyinAfterSale];

/**
 * How long after a review the shop may still answer it, in days. 千牛 says it on each row (还有N天可回复)
 * and allows 30 days for a 评价解释; Pinduoduo's and 抖店's windows are taken to be the same (not stated on
 * their pages). JD reviews are not read (no console endpoint known): no window.
 */
export const REPLY_WINDOW_DAYS: Record<Platform, number | null> = { taobao: 30, pdd: 30, douyin: 30, jd: null };
