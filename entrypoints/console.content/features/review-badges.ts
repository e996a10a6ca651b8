// Review badges on review rows (DESIGN.md contract: data-laoke-review-badge, data-laoke-review-id,
// data-laoke-sentiment, data-laoke-aspects): Laoke's reading of the review (好评/中评/差评 from the text
// and the stars, 隐藏差评, what it complains about) and, when the review's order is known, who the buyer
// is to the shop. A click opens the review in the side panel's queue with reply drafts. Reviews come
// from the page's JSON (the rows carry no review id); the badges are re-attached from those facts
// whenever the table re-renders.

import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ReviewFacts } from '@/utils/crm/reviews';
import { formatFen } from '@/utils/crm/money';
import { t, type MessageKey } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messaging';
import type { ReviewListSite } from '@/utils/sites/types';
import type { HealthView } from '../health';
import { TextAnchorCache, withTextReviewAnchors } from '@/utils/sites/anchor';
import { badgeIn, isOurElement, isOurs, onPageOf, pageObserver, putBadge } from '../on-page';
import type { Feature } from './types';
import { onTappedBody, unrecognizedReporter } from '../tap-listener';
import { openPanel } from './side-panel';

const FONT = '12px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif';
const LOOK = {
  pos: { key: 'reviewPos', bg: '#f6ffed', fg: '#389e0d' },
  neu: { key: 'reviewNeu', bg: '#fffbe6', fg: '#d48806' },
  neg: { key: 'reviewNeg', bg: '#fff1f0', fg: '#cf1322' },
} as const;

function label(f: ReviewFacts): string {
  const parts: string[] = [f.hidden ? t('reviewHidden') : t(LOOK[f.sentiment].key)];
  if (f.aspects.length > 0) parts.push(t('reviewComplains', f.aspects.map((a) => t(`aspect_${a}` as MessageKey)).join(' ')));
  if (f.buyer && f.buyer.identity !== 'weak' && f.buyer.orderCount >= 2) parts.push(t('reviewBuyerRepeat', f.buyer.orderCount, formatFen(f.buyer.totalFen)));
  return parts.join(' · ');
}

/** The review each badge was made for, as this script recorded it. */
const badgeReview = new WeakMap<HTMLElement, string>();

export function startReviewBadges(ctx: ContentScriptContext, site: ReviewListSite, health: HealthView, onPage: () => boolean): void {
  // Facts by "order|item": a row shows its order number and links its item.
  const facts = new Map<string, ReviewFacts>();
  /** Orders of the reviews read last: the rows the page shows. */
  const current = new Set<string>();
  const byText = new TextAnchorCache();
  const paint = () => {
    if (!onPage()) return;
    // The adapter's selectors first; reviewed orders they miss are looked for by the order number's text.
    const blocks = withTextReviewAnchors(site.reviewBlocks(document), document, current, isOurElement, byText);
    watch(blocks);
    for (const b of blocks) {
      // A row that names no item (one goods per order, as on Pinduoduo) is matched by its order alone.
      // A row found by its text (place set) may link another item than the reviewed one: its order decides.
      const f = facts.get(`${b.orderId}|${b.itemId}`) ?? (b.place ? facts.get(`${b.orderId}|`) : undefined);
      let badge = badgeIn(b, 'data-laoke-review-badge');
      if (!f) {
        badge?.remove();
        continue;
      }
      if (!badge) {
        badge = document.createElement('span');
        badge.setAttribute('data-laoke-review-badge', '');
        Object.assign(badge.style, { display: 'inline-block', marginLeft: '8px', padding: '0 8px', borderRadius: '10px', font: FONT, cursor: 'pointer' });
        badge.setAttribute('role', 'button');
        // Only the seller's own click, on the review this script put the badge on (the page can rewrite
        // the badge's attributes, not this record).
        badge.addEventListener('click', (e) => {
          e.preventDefault();
          e.stopPropagation();
          const id = badgeReview.get(e.currentTarget as HTMLElement);
          if (e.isTrusted && id) openPanel({ review: { platform: site.platform, reviewId: id } });
        });
        putBadge(b, badge);
      }
      badgeReview.set(badge, f.reviewId);
      const attrs = { 'data-laoke-review-id': f.reviewId, 'data-laoke-sentiment': f.sentiment, 'data-laoke-aspects': f.aspects.join(',') };
      for (const [k, v] of Object.entries(attrs)) if (badge.getAttribute(k) !== v) badge.setAttribute(k, v);
      const text = label(f);
      if (badge.textContent !== text) badge.textContent = text;
      badge.style.background = LOOK[f.sentiment].bg;
      badge.style.color = LOOK[f.sentiment].fg;
    }
  };

  const unrecognized = unrecognizedReporter(site.pageKind, health, onPage);
  onTappedBody(ctx, site.matchesEndpoint, (tapped) => {
    const result = tapped.ok ? site.parseJson(tapped.body) : tapped;
    if (!result.ok) return unrecognized(result.reason, tapped.ok ? tapped.body : undefined);
    health.understood();
    current.clear();
    for (const r of result.reviews) current.add(r.orderId);
    sendToBackground('ingestReviews', { pageKind: site.pageKind, reviews: result.reviews })
      .then((answer) => {
        if (!ctx.isValid) return;
        for (const f of answer) {
          facts.set(`${f.orderId}|${f.itemId}`, f);
          facts.set(`${f.orderId}|`, f);
        }
        paint();
      })
      .catch((err: unknown) => unrecognized(String(err)));
  });

  let scheduled = false;
  const { observer, watch } = pageObserver((records) => {
    if (scheduled || !onPage()) return;
    if (records.every(isOurs)) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      paint();
    });
  });
  ctx.onInvalidated(() => observer.disconnect());
}

export const reviewBadges: Feature = {
  id: 'review-badges',
  runsOn: 'review-list',
  start: ({ ctx, site, health }) => startReviewBadges(ctx, site, health, onPageOf(site)),
};
