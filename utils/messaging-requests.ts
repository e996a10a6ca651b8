// The shape of every request of the protocol (utils/messaging.ts), as the zod schema the background
// checks it against (utils/messaging-handle.ts). Only the background loads this module at run time (zod
// stays out of the content script, issue 20); utils/messaging.ts takes its request types from these
// schemas, so the types and the checks cannot part.

import { z } from 'zod';
import { MAX_ORDERS_PER_MESSAGE, observedOrderSchema, observedReviewSchema, platformSchema } from '@/utils/crm/validate';
import { ASPECT_IDS } from '@/utils/crm/types';
import type { PresetId } from '@/utils/crm/audience';
import { PRESETS } from '@/utils/crm/audience';
import { MAX_PHRASE_LENGTH, MAX_PHRASES, REFUND_PROBLEMS, SCRIPT_GROUPS, type RefundProblem } from '@/utils/crm/care-kinds';

const pageKind = z.string().regex(/^[a-z0-9.-]{1,40}$/);
export const cardRef = z.union([
  z.object({ platform: platformSchema, orderId: z.string().max(40) }),
  z.object({ key: z.string().max(200) }),
]);
export const panelTarget = z.union([cardRef, z.object({ review: z.object({ platform: platformSchema, reviewId: z.string().max(40) }) })]);
export const requests = {
  /** Orders read from a console page (JSON or DOM). */
  ingestOrders: z.object({
    pageKind, orders: z.array(observedOrderSchema).max(MAX_ORDERS_PER_MESSAGE),
    /** Values the adapter has not met (new status texts), told in the page kind's health. */
    unknownValues: z.array(z.string().max(60)).max(20).optional(),
  }),
  /**
   * A page or response the adapter did not understand: nothing is written but the health record.
   * `diagnosis`: the response's shape with no value (utils/sites/diagnosis.ts), for 复制诊断信息 in the popup.
   */
  reportUnrecognized: z.object({ pageKind, reason: z.string().max(300), diagnosis: z.string().max(20_000).optional() }),
  /** Orders of the list response shown that have no row the badges could find (已读取 N 单，其中 M 单…). */
  reportRowsMissing: z.object({ pageKind, read: z.number().int().min(0).max(MAX_ORDERS_PER_MESSAGE * 20), missing: z.number().int().min(0).max(MAX_ORDERS_PER_MESSAGE * 20) }),
  /**
   * Cases read from an after-sales list (售后工作台): they mark orders already read as having a refund
   * under way or not; no order is created from them.
   */
  ingestAfterSales: z.object({
    pageKind, platform: platformSchema,
    cases: z.array(z.object({
      orderId: z.string().regex(/^[0-9-]{6,40}$/),
      state: z.enum(['open', 'refunded', 'closed']),
      refundFen: z.number().int().min(0).max(1e12).optional(),
    })).max(MAX_ORDERS_PER_MESSAGE),
    unknownValues: z.array(z.string().max(60)).max(20).optional(),
  }),
  /** Reviews read from a review list page. */
  ingestReviews: z.object({ pageKind, reviews: z.array(observedReviewSchema).max(MAX_ORDERS_PER_MESSAGE) }),
  /** Facts for the order rows on screen, one lookup for all of them. */
  orderFacts: z.object({ platform: platformSchema, orderIds: z.array(z.string().max(40)).max(MAX_ORDERS_PER_MESSAGE) }),
  /** The customer card, by the order the seller clicked or by customer key. */
  customerCard: cardRef,
  /** A trusted click on a badge: open this tab's side panel, on that buyer or review when given. */
  openPanel: z.object({ target: panelTarget.nullable() }),
  /**
   * The top frame saw the panel's frame move or change size on the page (the console can restyle it): the
   * panel then refuses clicks for a moment, so a control the page slid under the seller's cursor does not
   * act (components/seen-by-seller.ts). It carries nothing; the worst a forged one does is refuse a click.
   */
  panelMoved: z.object({}),
  /** The side panel page folds itself away: the background tells its tab's top frame. */
  closePanel: z.object({}),
  /** What the seller writes about a customer. A phone only as the seller typed it. */
  saveCustomerNotes: z.object({
    key: z.string().max(200),
    tags: z.array(z.string().max(20)).max(20),
    notes: z.string().max(2000),
    phone: z.string().regex(/^[0-9+\- ]{0,20}$/),
  }),
  /**
   * 关联 (issue 23): the card's 其他平台 section; link this record to another the seller chose, undo one
   * link; find records to link by nick or order number. Extension pages only, as every seller write: a
   * console page that could send these would tie any buyer to any other, or read who is whom.
   */
  customerLinks: z.object({ key: z.string().min(1).max(500) }),
  linkCustomers: z.object({ key: z.string().min(1).max(500), other: z.string().min(1).max(500) }),
  unlinkCustomers: z.object({ key: z.string().min(1).max(500), other: z.string().min(1).max(500) }),
  linkCandidates: z.object({ key: z.string().min(1).max(500), query: z.string().trim().min(1).max(60) }),
  /** Today's list and the audience presets with their counts, for the side panel. */
  panelOverview: z.object({}),
  /** One-click export of a preset audience, recorded as a campaign. */
  exportPreset: z.object({
    preset: z.enum(PRESETS as unknown as [PresetId, ...PresetId[]]),
    format: z.enum(['orders', 'buyers', 'csv']),
  }),
  /** The review queue (评价) for the side panel: most urgent first, with reply drafts. */
  reviewQueue: z.object({
    focus: z.object({ platform: platformSchema, reviewId: z.string().max(40) }).optional(), badBefore: z.boolean().optional(), praisingMid: z.boolean().optional(),
  }),
  /** The seller's correction of what a review complains about (the whole list, one click each). */
  correctAspects: z.object({ platform: platformSchema, reviewId: z.string().max(40), complaints: z.array(z.enum(ASPECT_IDS)).max(ASPECT_IDS.length) }),
  /** The seller copied a reply draft: remember it (no later draft repeats it) and mark the review handled. */
  copyReply: z.object({ platform: platformSchema, reviewId: z.string().max(40), text: z.string().min(1).max(1000) }),
  /** Product knowledge for an item, used in reply drafts; empty text removes it. */
  saveKnowledge: z.object({ platform: platformSchema, itemId: z.string().max(64), itemTitle: z.string().max(300), text: z.string().max(500), unitDays: z.number().int().min(1).max(3650).optional() }),
  /** Open callback tasks (回访), events planned, and the counts. */
  tasks: z.object({}),
  /** The seller did a task, dismissed it, or put it off for some days. */
  setTaskState: z.object({
    id: z.string().min(1).max(300),
    state: z.enum(['done', 'dismissed', 'snoozed']),
    days: z.number().int().min(1).max(60).optional(),
  }),
  /** A planned event (a sale, 618) whose greeting tasks start leadDays before it. */
  saveEvent: z.object({ id: z.string().regex(/^[0-9a-z-]{1,40}$/), name: z.string().min(1).max(30), date: z.number().int().min(Date.UTC(2000, 0, 1)).max(Date.UTC(2100, 0, 1)), leadDays: z.number().int().min(0).max(30) }),
  deleteEvent: z.object({ id: z.string().regex(/^[0-9a-z-]{1,40}$/) }),
  /** The customers of open callback tasks as an exported audience (recorded as a campaign). */
  exportTasks: z.object({
    format: z.enum(['orders', 'buyers', 'csv']),
    kind: z.enum(['loyal_purchase', 'multi_item_first', 'event', 'holiday', 'replenish']).nullable(),
  }),
  /** Open the dashboard in a tab (a console page may not link to an extension page). */
  openDashboard: z.object({ route: z.enum(['audiences', 'campaigns', 'pulse', 'privacy', 'care', 'sync']) }),
  /** 订单关怀: the lists, the scripts and the last drafts copied. */
  careBoard: z.object({}),
  /** What needs action now, for the popup (待催付, 即将超时发货, 售后中). */
  careCounts: z.object({}),
  /** The seller copied a care draft or logged an outcome for an order; a reminder past the limit is refused. */
  careRecord: z.object({
    platform: platformSchema, orderId: z.string().regex(/^[0-9-]{6,40}$/),
    record: z.discriminatedUnion('via', [
      z.object({ via: z.literal('copy'), kind: z.enum(['remind', 'care', 'ship', 'stalled', 'refund', 'call']), group: z.enum(SCRIPT_GROUPS), text: z.string().min(1).max(MAX_PHRASE_LENGTH * 2) }),
      z.object({
        via: z.literal('outcome'), kind: z.enum(['refund', 'call']),
        outcome: z.enum(['kept', 'compensated', 'refunded', 'called', 'no_answer', 'bought']),
        compensationFen: z.number().int().min(0).max(100_000_000).optional(),
        problem: z.enum(REFUND_PROBLEMS as unknown as [RefundProblem, ...RefundProblem[]]).optional(),
      }),
    ]),
  }),
  /** A list's order numbers, recorded as a campaign (the unpaid list: a reminder for each). */
  careExport: z.object({ section: z.enum(['unpaid', 'unshipped', 'stalled', 'received', 'refunds']) }),
  careSaveSettings: z.object({
    autoCloseHours: z.object({
      taobao: z.number().int().min(1).max(240), pdd: z.number().int().min(1).max(240),
      douyin: z.number().int().min(1).max(240), jd: z.number().int().min(1).max(240),
    }),
    shipPromiseHours: z.number().int().min(1).max(720),
    stalledDays: z.number().int().min(1).max(30),
  }),
  careSaveScripts: z.object({ group: z.enum(SCRIPT_GROUPS), phrases: z.array(z.string().max(MAX_PHRASE_LENGTH)).max(MAX_PHRASES) }),
  /** 删除此客户: the customer and everything about them, everywhere (个人信息保护法). */
  deleteCustomer: z.object({ key: z.string().min(1).max(500) }),
  /** 团队同步: join the shop's database on its server (extension pages only, as everything but the page's reading). */
  syncSetup: z.object({ url: z.string().min(1).max(300), db: z.string().min(1).max(200), agent: z.string().trim().min(1).max(40), passphrase: z.string().min(1).max(500) }),
  syncStatus: z.object({}),
  syncNow: z.object({}),
  syncStop: z.object({}),
};
