// Repeat-buyer badges (复购标记) on the order blocks of every order list: who each order's buyer is to
// the shop.
// One badge per order block (DESIGN.md contract: data-laoke-badge, data-laoke-order-id,
// data-laoke-orders, data-laoke-identity). The page replaces its table body on every page change, so
// badges are re-attached from a cache at once and refreshed with one batched lookup.

import { formatFen } from '@/utils/crm/money';
import type { BadgeFacts } from '@/utils/crm/ingest';
import type { RiskFlag } from '@/utils/crm/customer-value';
import type { MessageKey } from '@/utils/i18n';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messaging';
import { onTabPush } from '../tab-push';
import type { OrderBlock } from '@/utils/sites/types';
import type { Platform } from '@/utils/crm/types';
import { TextAnchorCache, TextIndex, withTextAnchors } from '@/utils/sites/anchor';
import { isOurElement, isOurs, onPageOf, pageObserver, putBadge } from '../on-page';
import type { Feature, IngestedDetail } from './types';
import { openPanel } from './side-panel';

const FONT = '12px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif';
// One style write per element (50 badges and their chips on every page change).
const BADGE_STYLE = `display:inline-block;margin-left:12px;padding:0 8px;border-radius:10px;font:${FONT};cursor:pointer`;
const CHIP_STYLE = `display:inline-block;margin-left:4px;font:${FONT}`;
const PART_STYLE = 'display:inline-block;margin-left:4px;padding:0 6px;border-radius:10px;';

function badgeLook(f: BadgeFacts): { label: string; bg: string; fg: string } {
  const total = formatFen(f.totalFen);
  // A status the adapter has not met: neither a purchase nor not one, said plainly (health names the value).
  if (f.statusUnknown) return { label: t('badgeStatusUnknown'), bg: '#f0f0f0', fg: '#595959' };
  if (f.identity === 'weak') return { label: t('badgeMasked'), bg: '#f0f0f0', fg: '#595959' };
  if (!f.valid) {
    return f.orderCount > 0
      ? { label: t('badgeNotCounted', f.orderCount, total), bg: '#f0f0f0', fg: '#595959' }
      : { label: t('badgeNoPurchase'), bg: '#f0f0f0', fg: '#8c8c8c' };
  }
  if (f.orderCount <= 1) return { label: t('badgeNew'), bg: '#e6f4ff', fg: '#0958d9' };
  // 可能是回头客: merged from masked data, so said as a likelihood, in its own colour.
  if (f.identity === 'probable') return { label: t('badgeProbable', f.ordinal ?? 0, total), bg: '#f9f0ff', fg: '#722ed1' };
  // 老客: the more often they came back, the warmer the colour.
  return f.orderCount >= 3
    ? { label: t('badgeRepeat', f.ordinal ?? 0, total), bg: '#fff1f0', fg: '#cf1322' }
    : { label: t('badgeRepeat', f.ordinal ?? 0, total), bg: '#fff7e6', fg: '#d46b08' };
}

/** The risk chip's words, per flag (utils/crm/customer-value.ts): 差评过, 退款多, 售后中, 黑名单. */
const RISK_LABEL: Record<RiskFlag, MessageKey> = {
  'bad-review': 'riskBadReview', refunds: 'riskRefunds', 'refund-open': 'riskRefundOpen', blacklist: 'riskBlacklist',
};
const riskText = (f: BadgeFacts) => (f.risk ?? []).map((r) => t(RISK_LABEL[r])).join(' · ');

/**
 * The hover card says in words what the badge shows, and no more: it is in the console's DOM, which the
 * page's scripts read. Dates, items, notes and the rest are in the side panel's frame.
 */
function cardLines(f: BadgeFacts, platform: Platform): string[] {
  if (f.identity === 'weak') return [t('cardMasked')];
  const lines = [t('cardOrders', f.orderCount, formatFen(f.totalFen))];
  // Probable for a reason of its platform's: Pinduoduo's masked nick, receiver and district; 抖店's user_id, not yet confirmed.
  if (f.identity === 'probable') lines.push(t(platform === 'douyin' ? 'cardProbableDouyin' : 'cardProbable'));
  if (!f.valid) lines.push(t('cardNotCounted'));
  if (f.tier) lines.push(t('cardTier', f.tier));
  if (f.risk?.length) lines.push(t('cardRisk', riskText(f)));
  lines.push(t('cardBasis'), t('cardOpenPanel'));
  return lines;
}

let card: HTMLElement | undefined;
function showCard(badge: HTMLElement, f: BadgeFacts, platform: Platform): void {
  card ??= Object.assign(document.createElement('div'), { role: 'tooltip' });
  card.setAttribute('data-laoke-card', '');
  Object.assign(card.style, {
    position: 'absolute', zIndex: '2147483000', maxWidth: '320px', padding: '8px 12px', borderRadius: '6px',
    background: '#fff', color: '#262626', border: '1px solid #d9d9d9', boxShadow: '0 4px 12px rgba(0,0,0,.15)',
    font: FONT, whiteSpace: 'normal', pointerEvents: 'none',
  });
  card.replaceChildren(...cardLines(f, platform).map((line, i) => {
    const div = document.createElement('div');
    div.textContent = line;
    if (i === 0) div.style.fontWeight = '600';
    return div;
  }));
  const r = badge.getBoundingClientRect();
  card.style.left = `${r.left + window.scrollX}px`;
  card.style.top = `${r.bottom + window.scrollY + 4}px`;
  document.body.append(card);
}

/**
 * What each badge element was last made to show: the facts' signature, its words and its chip's words, so
 * an unchanged badge is checked against the page without working its words out again.
 */
const shown = new WeakMap<HTMLElement, { sig: string; label: string; chip: string }>();
/** The order each badge was made for, as this script recorded it (the page can rewrite attributes). */
const badgeOrder = new WeakMap<HTMLElement, string>();
const signature = (f: BadgeFacts) =>
  `${f.orderId}|${f.identity}|${f.valid}|${f.ordinal}|${f.orderCount}|${f.totalFen}|${f.statusUnknown ?? ''}|${f.tier ?? ''}:${f.tierRank ?? ''}|${f.risk?.join(',') ?? ''}`;

/** Each badge's chip, as this script made it (an element the page put there with the attribute is not ours). */
const chips = new WeakMap<HTMLElement, HTMLElement>();

/** The chip right after a badge (tier and risk), if any; ours moved away from the badge is taken out. */
function chipOf(badge: HTMLElement): HTMLElement | null {
  const chip = chips.get(badge);
  if (!chip) return null;
  if (badge.nextElementSibling === chip) return chip;
  chip.remove();
  chips.delete(badge);
  return null;
}

/** What the chip says: the tier, then the flags ('' when neither applies). */
const chipText = (f: BadgeFacts) => `${f.tier ?? ''}${f.risk?.length ? `⚠ ${riskText(f)}` : ''}`;

/**
 * Next to the badge: the buyer's tier (会员等级, 按老客记录) and, for a proven buyer, what to watch for
 * (差评过 / 退款多 / 售后中 / 黑名单). Absent when neither applies.
 */
function renderChip(badge: HTMLElement, f: BadgeFacts): void {
  let chip = chipOf(badge);
  if (!f.tier && !f.risk?.length) {
    chip?.remove();
    return;
  }
  if (!chip) {
    chip = document.createElement('span');
    chip.setAttribute('data-laoke-chip', '');
    chip.style.cssText = CHIP_STYLE;
    badge.after(chip);
    chips.set(badge, chip);
  }
  const parts: HTMLElement[] = [];
  const part = (text: string, bg: string, fg: string, attr: string) => {
    const el = document.createElement('span');
    el.setAttribute(attr, '');
    el.textContent = text;
    el.style.cssText = `${PART_STYLE}background:${bg};color:${fg}`;
    parts.push(el);
  };
  // The first level (most buyers) quiet; the levels above it in gold.
  if (f.tier) part(f.tier, f.tierRank ? '#fff7e6' : '#f5f5f5', f.tierRank ? '#ad4e00' : '#8c8c8c', 'data-laoke-chip-tier');
  if (f.risk?.length) part(`⚠ ${riskText(f)}`, '#fff1f0', '#a8071a', 'data-laoke-chip-risk');
  chip.replaceChildren(...parts);
}

/**
 * The badge this script put in the block, if it is still there: an element the page made with the
 * attribute (a link of its own dressed as a badge) is not ours, is never written to, and does not stop
 * ours from being put.
 */
function ownBadgeIn(block: OrderBlock): HTMLElement | null {
  if (block.place === 'after') {
    let el = block.anchor.nextElementSibling;
    for (let i = 0; el && i < 4; i++, el = el.nextElementSibling) if (el instanceof HTMLElement && badgeOrder.has(el)) return el;
    return null;
  }
  for (const el of block.anchor.querySelectorAll(':scope > [data-laoke-badge]')) if (el instanceof HTMLElement && badgeOrder.has(el)) return el;
  return null;
}

/** The badge's contract attributes as the facts say (absent: null). */
function attributesOf(f: BadgeFacts): [string, string | null][] {
  return [
    ['data-laoke-order-id', f.orderId], ['data-laoke-orders', String(f.orderCount)], ['data-laoke-identity', f.identity],
    // Contract: present only when a ladder is set and reached / when any flag applies.
    ['data-laoke-tier', f.tier ?? null], ['data-laoke-risk', f.risk?.length ? f.risk.join(',') : null],
  ];
}

function render(block: OrderBlock, f: BadgeFacts, facts: Map<string, BadgeFacts>, platform: Platform): void {
  let badge = ownBadgeIn(block);
  const sig = signature(f);
  const attrs = attributesOf(f);
  // Unchanged: the facts, and the badge and chip as the page shows them now (a page script may have
  // rewritten an attribute or the text, or taken the chip out of the row and left the badge).
  const was = badge && shown.get(badge);
  if (badge && was && was.sig === sig && badge.textContent === was.label && (chipOf(badge)?.textContent ?? '') === was.chip
    && attrs.every(([k, v]) => badge!.getAttribute(k) === v)) return;
  const look = badgeLook(f);
  if (!badge) {
    badge = document.createElement('span');
    badge.setAttribute('data-laoke-badge', '');
    badge.style.cssText = BADGE_STYLE;
    // Facts are looked up at hover time, so the card shows what the badge shows now.
    badge.addEventListener('mouseenter', (e) => {
      const el = e.currentTarget as HTMLElement;
      const now = facts.get(badgeOrder.get(el) ?? '');
      if (now) showCard(el, now, platform);
    });
    badge.addEventListener('mouseleave', () => card?.remove());
    // A click opens the buyer's card in the side panel; the console's own row click does not fire. Only
    // the seller's own click, on the order this script put the badge on.
    badge.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      const orderId = badgeOrder.get(e.currentTarget as HTMLElement);
      if (!e.isTrusted || !orderId) return;
      card?.remove();
      openPanel({ platform, orderId });
    });
    putBadge(block, badge);
  }
  shown.set(badge, { sig, label: look.label, chip: chipText(f) });
  badgeOrder.set(badge, f.orderId);
  for (const [k, v] of attrs) {
    if (v === null) badge.removeAttribute(k);
    else if (badge.getAttribute(k) !== v) badge.setAttribute(k, v);
  }
  if (badge.textContent !== look.label) badge.textContent = look.label;
  badge.style.background = look.bg;
  badge.style.color = look.fg;
  renderChip(badge, f);
}

/** After the table changed, wait this long for an ingest answer before asking the database anyway. */
const LOOKUP_AFTER_RENDER_MS = 250;
/** After a list response, the page has this long to render its rows before missing ones are told. */
const ROWS_SETTLE_MS = 2000;

export const soldBadges: Feature = {
  id: 'sold-badges',
  runsOn: 'order-list',
  start({ ctx, site, health, capture, captured, current }) {
    const onPage = onPageOf(site);
    /**
     * The order blocks on screen: the adapter's selectors first; orders of the response shown that they
     * miss are looked for by their number's text (a redesigned page, utils/sites/anchor.ts).
     */
    const pageText = new TextIndex();
    const byText = new TextAnchorCache(pageText);
    const blocksOnPage = () => {
      // A change of the page not yet told to the observer (it tells in a microtask): the page's text is
      // read afresh, and the change handled as any other.
      const pending = observer.takeRecords();
      if (pending.length && !pending.every(isOurs)) {
        pageText.changed();
        onMutation();
      }
      const blocks = withTextAnchors(site.orderBlocks(document), document, current, captured, isOurElement, byText);
      watch(blocks);
      watchRoots(pageText.shadowRoots);
      return blocks;
    };
    const facts = new Map<string, BadgeFacts>();
    // Bumped by every ingest answer: a lookup that started before one is stale when it lands.
    let epoch = 0;
    let inFlight = false;
    let again = false;
    /** Ingests under way: their answers bring the facts, so no lookup of its own is needed meanwhile. */
    let ingesting = 0;

    const paint = (blocks: OrderBlock[]) => {
      for (const b of blocks) {
        const f = facts.get(b.orderId);
        if (f) {
          render(b, f, facts, site.platform);
          continue;
        }
        // A row the page reused for another order must not keep the previous order's badge.
        const stale = ownBadgeIn(b);
        if (stale && badgeOrder.get(stale) !== b.orderId) {
          chipOf(stale)?.remove();
          stale.remove();
        }
      }
    };

    /** One lookup for every order block on screen; repeated if data changed meanwhile. */
    const refresh = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        do {
          again = false;
          if (!onPage()) break;
          // Only orders this tab read itself: a row the page faked with another order's number learns
          // nothing about that order's buyer.
          const ids = [...new Set(blocksOnPage().map((b) => b.orderId))].filter((id) => captured.has(id));
          if (ids.length === 0) break;
          const started = epoch;
          const answer = await sendToBackground('orderFacts', { platform: site.platform, orderIds: ids });
          if (!ctx.isValid) return;
          if (epoch !== started) {
            again = true;
            continue;
          }
          for (const f of answer) facts.set(f.orderId, f);
          paint(blocksOnPage());
        } while (again);
      } finally {
        inFlight = false;
      }
    };

    // The page re-rendered (paging, sorting, its own cache): re-attach known badges at once; then, unless
    // an ingest answer arrives first, ask the database once for every row on screen.
    let lookupTimer: ReturnType<typeof setTimeout> | undefined;
    let scheduled = false;
    const onMutation = () => {
      if (scheduled || !onPage()) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        paint(blocksOnPage());
        // Rows told missing may have come (a list rendering as the seller scrolls): count again.
        if (toldMissing > 0) scheduleRows();
        clearTimeout(lookupTimer);
        if (ingesting > 0) return;
        // A plain timer (ctx.setTimeout adds a listener per call), cleared on invalidation below.
        lookupTimer = setTimeout(() => {
          if (ctx.isValid) void refresh();
        }, LOOKUP_AFTER_RENDER_MS);
      });
    };
    const { observer, watch, watchRoots } = pageObserver((records) => {
      if (records.every(isOurs)) return;
      pageText.changed();
      onMutation();
    });

    // 已读取 N 单，其中 M 单在页面上找不到位置: told once the page had time to render the response's rows,
    // and again whenever the count changes (a list that renders as the seller scrolls).
    let rowsTimer: ReturnType<typeof setTimeout> | undefined;
    let toldMissing = -1;
    const checkRows = () => {
      rowsTimer = undefined;
      if (!ctx.isValid) return;
      if (!onPage() || current.size === 0) return health.notice('rows', null);
      const blocks = blocksOnPage();
      paint(blocks);
      const placed = new Set(blocks.map((b) => b.orderId));
      const missing = [...current].filter((id) => !placed.has(id)).length;
      health.notice('rows', missing > 0 ? t('noticeRowsMissing', current.size, missing) : null);
      if (missing === toldMissing) return;
      toldMissing = missing;
      void sendToBackground('reportRowsMissing', { pageKind: site.pageKind, read: current.size, missing }).catch(() => undefined);
    };
    /** `afresh`: a new response (wait for its render); else a page change (count again soon, not later). */
    const scheduleRows = (afresh = false) => {
      if (!afresh && rowsTimer !== undefined) return;
      clearTimeout(rowsTimer);
      rowsTimer = setTimeout(checkRows, ROWS_SETTLE_MS);
    };
    ctx.onInvalidated(() => {
      observer.disconnect();
      clearTimeout(lookupTimer);
      clearTimeout(rowsTimer);
      card?.remove();
    });

    // The ingest answer carries the facts of the rows just stored: paint them without another lookup.
    ctx.addEventListener(capture, 'ingesting', () => {
      ingesting++;
      clearTimeout(lookupTimer);
    });
    ctx.addEventListener(capture, 'ingest-failed', () => {
      ingesting = Math.max(0, ingesting - 1);
      void refresh();
    });
    ctx.addEventListener(capture, 'ingested', (event: Event) => {
      ingesting = Math.max(0, ingesting - 1);
      epoch++;
      clearTimeout(lookupTimer);
      const { facts: fresh, source } = (event as CustomEvent<IngestedDetail>).detail;
      for (const f of fresh) facts.set(f.orderId, f);
      if (source === 'json') {
        toldMissing = -1;
        scheduleRows(true);
      }
      if (!onPage()) return;
      const blocks = blocksOnPage();
      paint(blocks);
      // Rows stored earlier may belong to the same buyers: bring them up to date too.
      const stored = new Set(fresh.map((f) => f.orderId));
      if (blocks.some((b) => !stored.has(b.orderId))) void refresh();
    });
    // Another console tab may have taught Laoke more about these buyers meanwhile.
    ctx.addEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') void refresh();
    });
    // The seller tagged a buyer on the card in this tab's panel (黑名单): the background says so.
    onTabPush(ctx, (push) => {
      if (push === 'refreshBadges') void refresh();
    });
    void refresh();
  },
};
