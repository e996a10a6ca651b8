// 抖店 售后工作台 (after-sales list). See shared/CONSOLES.md, "Douyin 抖店", after-sales.
// Sources (public code only, no live page seen): papysans/dystoretools (its scrape spec of
// POST /after_sale/pc/list), zsmhub/doudian-sdk (the open platform's after-sale fields, OP).
// - JSON: POST fxg.jinritemai.com/after_sale/pc/list → data.items[]: after_sale_info {related_id (the
//   shop_order_id the order list shows), after_sale_status, refund_amount (fen)},
//   text_part.after_sale_status_text. The status is read by its text only: the numeric codes of the
//   console were not seen publicly, and a code taken for the wrong state would market to a buyer
//   waiting for their money.
// - The page's URL (/ffa/maftersale/aftersale/list) is the one sellers' tools link to; the rows are read
//   wherever the console loads them (the tap reads the response on any 抖店 page).
// - What it does not read: the buyer (the rows name none Laoke can use), the items, the reason, the
//   money flow (the order list's after-sale text says which item was refunded). A case only marks an
//   order Laoke already read as having a refund under way or not.
import * as z from '@/utils/shape';
import { DOUYIN_AFTERSALE_ENDPOINT } from './endpoints';
import { DOUYIN_HOSTS } from './hosts';
import { quoted } from './result';
import type { AfterSaleCase, AfterSaleListSite, AfterSaleParseResult } from './types';

const HOSTS = DOUYIN_HOSTS;
const PAGE_PATH = '/ffa/maftersale/aftersale/';

// after_sale_status_text → state. Done first; then waiting on someone (商家拒绝，待买家处理 is still under
// way: the buyer may answer or ask the platform); then ended without a refund; then the other texts of a
// case under way.
const STATE_TEXT: [RegExp, AfterSaleCase['state']][] = [
  [/退款成功|已退款|售后成功|换货成功|补寄成功/, 'refunded'],
  [/待商家|待买家|待平台|处理中|审核中|仲裁中/, 'open'],
  [/关闭|撤销|拒绝|驳回|失败|取消/, 'closed'],
  [/退款中|退货中|待收货|待退货|待发货|换货中|补寄中|仲裁/, 'open'],
];

export function douyinAfterSaleState(text: string | undefined): AfterSaleCase['state'] | null {
  return text ? STATE_TEXT.find(([re]) => re.test(text))?.[1] ?? null : null;
}

const item = z.object({
  after_sale_info: z.object({
    // 19 digits: a number would have lost digits.
    related_id: z.string().regex(/^\d{16,20}$/, 'related_id is not a 19-digit string'),
    after_sale_status: z.unknown().optional(),
    refund_amount: z.unknown().optional(),
  }),
  text_part: z.object({ after_sale_status_text: z.string().optional() }).optional(),
});

export function parseDouyinAfterSaleJson(body: unknown): AfterSaleParseResult {
  if (body === undefined) return { ok: false, reason: 'response is not JSON' };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'response is not a JSON object' };
  const b = body as Record<string, unknown>;
  if (b.code !== undefined && b.code !== 0 && b.code !== '0') return { ok: false, reason: `refused (code ${quoted(b.code)})` };
  const items = (b.data as { items?: unknown } | null | undefined)?.items;
  if (!Array.isArray(items)) return { ok: false, reason: 'data.items missing' };
  if (items.length > 2000) return { ok: false, reason: 'data.items: too many rows' };
  const cases: AfterSaleCase[] = [];
  const unknown = new Set<string>();
  for (const [i, raw] of items.entries()) {
    const parsed = item.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, reason: `data.items[${i}].${issue.path.join('.')}: ${issue.message}` };
    }
    const r = parsed.data;
    const text = r.text_part?.after_sale_status_text;
    const state = douyinAfterSaleState(text);
    // A state not met before: the case is not applied (a refund under way is never guessed), the text told.
    if (state === null) {
      unknown.add(quoted(text ?? r.after_sale_info.after_sale_status ?? ''));
      continue;
    }
    const fen = r.after_sale_info.refund_amount;
    cases.push({
      orderId: r.after_sale_info.related_id, state,
      ...(typeof fen === 'number' && Number.isSafeInteger(fen) && fen >= 0 && fen <= 1e12 ? { refundFen: fen } : {}),
    });
  }
  return unknown.size ? { ok: true, cases, unknown: [...unknown].slice(0, 20) } : { ok: true, cases };
}

export const douyinAfterSale: AfterSaleListSite = {
  pageKind: 'douyin.aftersale',
  platform: 'douyin',
  hosts: HOSTS,
  matchesPage: (url) => HOSTS.includes(url.hostname) && url.pathname.startsWith(PAGE_PATH),
  matchesEndpoint: (url) => DOUYIN_AFTERSALE_ENDPOINT.test(url),
  parseJson: parseDouyinAfterSaleJson,
};
