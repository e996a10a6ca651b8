// Audiences (人群): rules over customers, ready-made presets, suppression (who not to message now), and
// the rule read back in words. Pure: the rule is stored and sent as JSON, compiled once, then tested
// against every customer in a single linear pass.
//
// Only customers with a valid purchase are ever members. NOT is taken among them, so a rule and its
// NOT split the shop's buyers in two.

import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { formatFen } from './money';
import { daysSince, shanghaiDay } from './time';
import {
  ALL_SEGMENTS,
  isPurchaser,
  segmentContext,
  segmentName,
  segmentTest,
  type SegmentContext,
  type SegmentId,
  type Translate,
} from './segments';
import type { AudienceCustomer, Customer, Platform } from './types';
import { tierOf, toNextTier, type TierLadder } from './tiers';
import { platformSchema } from './validate';

export type NumField = 'spendYuan' | 'orders' | 'daysSinceLast' | 'daysSinceFirst' | 'pieces' | 'maxPieces';

export type Condition =
  // spendYuan is compared with totalFen / 100, in whole fen: ¥99.9 is exactly 9990 fen.
  | { kind: 'num'; field: NumField; cmp: 'gte' | 'lte'; value: number }
  // The region contains the text: a province or a city, "广东" or "深圳".
  | { kind: 'region'; text: string }
  | { kind: 'platform'; platform: Platform }
  | { kind: 'tag'; tag: string }
  | { kind: 'segment'; segment: SegmentId }
  // Bought any of these items; with minDays, the latest purchase of them was at least that many days ago
  // (追销: bought a sofa 30 days ago, now the cushions). "Never bought" is its NOT.
  | { kind: 'item'; itemIds: string[]; minDays?: number }
  // Bought in a category, read from the item titles: an item whose title contains the text (沙发, 奶粉).
  | { kind: 'itemTitle'; text: string }
  // On this level of the seller's member tier ladder (会员等级).
  | { kind: 'tier'; name: string }
  // Within this much of the next level: yuan on a ladder by spend, purchases on one by purchases.
  | { kind: 'nearTier'; within: number };

/** An empty `and` is every customer with a purchase; an empty `or` is no one. */
export type AudienceRule = { kind: 'and' | 'or'; rules: AudienceRule[] } | { kind: 'not'; rule: AudienceRule } | Condition;

// ---- Validation: rules are stored and passed in messages ----

export const NUM_FIELDS = [
  'spendYuan', 'orders', 'daysSinceLast', 'daysSinceFirst', 'pieces', 'maxPieces',
] as const satisfies readonly NumField[];
/** A lone condition has depth 1; each and/or/not adds one. A rule editor's rows nest about three deep. */
export const MAX_RULE_DEPTH = 8;
export const MAX_RULE_NODES = 200;
export const MAX_RULE_ITEMS = 500;

const nonBlank = (max: number) => z.string().max(max).regex(/\S/);

const conditionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('num'),
    field: z.enum(NUM_FIELDS),
    cmp: z.enum(['gte', 'lte']),
    value: z.number().min(0).max(1e10),
  }),
  z.object({ kind: z.literal('region'), text: nonBlank(50) }),
  z.object({ kind: z.literal('platform'), platform: platformSchema }),
  z.object({ kind: z.literal('tag'), tag: nonBlank(50) }),
  z.object({ kind: z.literal('segment'), segment: z.enum(ALL_SEGMENTS as [SegmentId, ...SegmentId[]]) }),
  z.object({ kind: z.literal('item'), itemIds: z.array(z.string().min(1).max(64)).max(MAX_RULE_ITEMS), minDays: z.int().min(0).max(3650).optional() }),
  z.object({ kind: z.literal('itemTitle'), text: nonBlank(30) }),
  z.object({ kind: z.literal('tier'), name: nonBlank(12) }),
  z.object({ kind: z.literal('nearTier'), within: z.number().min(0).max(1e8) }),
]);

const ruleShape: z.ZodType<AudienceRule, AudienceRule> = z.lazy(() =>
  z.union([
    z.object({ kind: z.enum(['and', 'or']), rules: z.array(ruleShape).max(MAX_RULE_NODES) }),
    z.object({ kind: z.literal('not'), rule: ruleShape }),
    conditionSchema,
  ]),
);

/**
 * Depth and node count, measured without recursion before the shape is checked, so a rule nested
 * thousands deep is refused instead of overflowing the validator's stack.
 */
function withinLimits(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++nodes > MAX_RULE_NODES || depth > MAX_RULE_DEPTH) return false;
    if (typeof node !== 'object' || node === null) continue;
    const { kind, rules, rule } = node as { kind?: unknown; rules?: unknown; rule?: unknown };
    if ((kind === 'and' || kind === 'or') && Array.isArray(rules)) {
      if (rules.length > MAX_RULE_NODES) return false;
      for (const r of rules) stack.push([r, depth + 1]);
    } else if (kind === 'not') {
      stack.push([rule, depth + 1]);
    }
  }
  return true;
}

export const audienceRuleSchema = z
  .custom<AudienceRule>(withinLimits, {
    message: `rule deeper than ${MAX_RULE_DEPTH} or larger than ${MAX_RULE_NODES} parts`,
  })
  .pipe(ruleShape);

// ---- Context and compilation ----

export interface AudienceContext extends SegmentContext {
  /** 热销品: the item ids with most buyers, most first. */
  topItemIds: string[];
  /** The shop's items with their latest title and buyers, most buyers first (the builder's item picker). */
  itemCatalog?: CatalogItem[];
  /** The seller's member tier ladder, when one is saved (tier conditions match no one without it). */
  ladder?: TierLadder | null;
  /**
   * The shop's first→next item paths: for an item of a buyer's first purchase day, the new items they
   * bought on the first later day they bought something new (buying the same item again is not a step),
   * most buyers first (at most 3, each taken by at least 2 buyers). The card's 可能的下一件.
   */
  itemPaths?: Record<string, { id: string; title: string; buyers: number }[]>;
}

/** A path needs this many buyers before the card suggests it. */
export const MIN_PATH_BUYERS = 2;

function firstToSecond(customers: readonly AudienceCustomer[], titles: ReadonlyMap<string, [string, number]>): AudienceContext['itemPaths'] {
  const pairs = new Map<string, Map<string, number>>();
  for (const c of customers) {
    const bought = c.itemsBought;
    if (!isPurchaser(c) || c.identity === 'weak' || !bought || bought.length < 2) continue;
    // itemsBought is first bought first: the first day's items, then the next day's new ones.
    const day = shanghaiDay;
    const d0 = day(bought[0]!.firstAt);
    const firsts = bought.filter((b) => day(b.firstAt) === d0);
    const rest = bought.filter((b) => day(b.firstAt) > d0);
    if (rest.length === 0) continue;
    const d1 = day(rest[0]!.firstAt);
    for (const a of firsts) {
      const m = pairs.get(a.id) ?? new Map<string, number>();
      for (const b of rest) if (day(b.firstAt) === d1) m.set(b.id, (m.get(b.id) ?? 0) + 1);
      pairs.set(a.id, m);
    }
  }
  const out: NonNullable<AudienceContext['itemPaths']> = {};
  for (const [a, m] of pairs) {
    const next = [...m].filter(([, n]) => n >= MIN_PATH_BUYERS).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 3);
    if (next.length > 0) out[a] = next.map(([id, buyers]) => ({ id, title: titles.get(id)?.[0] ?? id, buyers }));
  }
  return out;
}

/** The likely next item for a buyer: the shop's most taken path from an item they bought to one they have not. */
export function likelyNextItem(c: Pick<Customer, 'itemIds'>, paths: AudienceContext['itemPaths']): { id: string; title: string; buyers: number } | null {
  if (!paths) return null;
  const have = new Set(c.itemIds);
  let best: { id: string; title: string; buyers: number } | null = null;
  for (const id of c.itemIds) {
    for (const n of paths[id] ?? []) {
      if (have.has(n.id)) continue;
      if (!best || n.buyers > best.buyers || (n.buyers === best.buyers && n.id < best.id)) best = n;
    }
  }
  return best;
}

export interface CatalogItem {
  id: string;
  title: string;
  buyers: number;
}

export const TOP_ITEMS = 5;
/** Items the picker offers: the most bought (a shop's long tail is reached by a title condition). */
export const CATALOG_ITEMS = 300;

export function audienceContext(customers: readonly AudienceCustomer[], now: number, ladder?: TierLadder | null): AudienceContext {
  const buyers = new Map<string, number>();
  const titles = new Map<string, [string, number]>();
  for (const c of customers) {
    if (!isPurchaser(c)) continue;
    // itemIds are distinct per customer, so this counts buyers, not purchases.
    for (const id of c.itemIds) buyers.set(id, (buyers.get(id) ?? 0) + 1);
    for (const it of c.itemsBought ?? []) {
      const t = titles.get(it.id);
      if (!t || it.lastAt > t[1]) titles.set(it.id, [it.title, it.lastAt]);
    }
  }
  const byBuyers = [...buyers].sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0));
  const topItemIds = byBuyers.slice(0, TOP_ITEMS).map(([id]) => id);
  const itemCatalog = byBuyers.slice(0, CATALOG_ITEMS).map(([id, n]) => ({ id, title: titles.get(id)?.[0] ?? id, buyers: n }));
  return { ...segmentContext(customers, now), topItemIds, itemCatalog, ladder: ladder ?? null, itemPaths: firstToSecond(customers, titles) };
}

type Test = (c: AudienceCustomer) => boolean;

function numValue(field: NumField, now: number): (c: AudienceCustomer) => number {
  switch (field) {
    case 'spendYuan':
      return (c) => c.totalFen;
    case 'orders':
      return (c) => c.orderCount;
    // NaN without a date: no comparison holds.
    case 'daysSinceLast':
      return (c) => (c.lastPurchaseAt === undefined ? NaN : daysSince(c.lastPurchaseAt, now));
    case 'daysSinceFirst':
      return (c) => (c.firstPurchaseAt === undefined ? NaN : daysSince(c.firstPurchaseAt, now));
    case 'pieces':
      return (c) => c.pieces;
    case 'maxPieces':
      return (c) => c.maxPieces;
  }
}

function compile(rule: AudienceRule, basis: AudienceContext): Test {
  switch (rule.kind) {
    case 'and': {
      const parts = rule.rules.map((r) => compile(r, basis));
      return (c) => {
        for (const p of parts) if (!p(c)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = rule.rules.map((r) => compile(r, basis));
      return (c) => {
        for (const p of parts) if (p(c)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = compile(rule.rule, basis);
      return (c) => !inner(c);
    }
    case 'num': {
      const value = numValue(rule.field, basis.now);
      // Money compares in whole fen: typed yuan are rounded to the fen once, here.
      const limit = rule.field === 'spendYuan' ? Math.round(rule.value * 100) : rule.value;
      return rule.cmp === 'gte' ? (c) => value(c) >= limit : (c) => value(c) <= limit;
    }
    case 'region': {
      const text = rule.text.trim();
      return (c) => c.region?.includes(text) ?? false;
    }
    case 'platform':
      return (c) => c.platform === rule.platform;
    case 'tag':
      return (c) => c.tags.includes(rule.tag);
    case 'segment':
      return segmentTest(rule.segment, basis);
    case 'item': {
      const ids = new Set(rule.itemIds);
      const minDays = rule.minDays;
      if (!minDays) return (c) => c.itemIds.some((id) => ids.has(id));
      // The latest purchase of any of them, at least minDays Shanghai days ago.
      return (c) => {
        let last = -Infinity;
        for (const it of c.itemsBought ?? []) if (ids.has(it.id) && it.lastAt > last) last = it.lastAt;
        return last > -Infinity && daysSince(last, basis.now) >= minDays;
      };
    }
    case 'itemTitle': {
      const text = rule.text.trim().toLowerCase();
      return (c) => (c.itemsBought ?? c.items.map((i) => ({ title: i.title }))).some((i) => i.title.toLowerCase().includes(text));
    }
    case 'tier': {
      const ladder = basis.ladder;
      return ladder ? (c) => tierOf(c, ladder) === rule.name : () => false;
    }
    case 'nearTier': {
      const ladder = basis.ladder;
      if (!ladder) return () => false;
      const within = ladder.by === 'spend' ? Math.round(rule.within * 100) : rule.within;
      return (c) => {
        const next = toNextTier(c, ladder);
        return next !== null && next.short <= within;
      };
    }
  }
}

/** Compile once; the test is then linear in customers (100,000 in a few milliseconds). */
export function compileRule(rule: AudienceRule, basis: AudienceContext): (c: AudienceCustomer) => boolean {
  const test = compile(rule, basis);
  return (c) => isPurchaser(c) && test(c);
}

// ---- Presets ----

export type PresetId =
  | 'all'
  | 'returning'
  | 'dormant'
  | 'new'
  | 'potential'
  | 'loyal'
  | 'multi_item'
  | 'top_items'
  | 'warmup'
  | 'sleeping'
  | 'lost'
  | 'churn_risk'
  | 'buy_soon';

/** In display order: everyone, by purchases, by what they bought, then by how long they have been away. */
export const PRESETS: readonly PresetId[] = [
  'all', 'returning', 'new', 'loyal', 'multi_item', 'top_items', 'warmup', 'potential', 'dormant', 'sleeping', 'lost',
  'churn_risk', 'buy_soon',
];

/** The presets that need the lifetime models (empty, and said so, while the shop has too little history). */
export const PREDICTED_PRESETS: readonly PresetId[] = ['churn_risk', 'buy_soon'];

/** The presets that take a number of days (opts.days), with their defaults. */
export const PRESET_DAYS: Readonly<Partial<Record<PresetId, number>>> = { warmup: 30, potential: 60, dormant: 90 };

const num = (field: NumField, cmp: 'gte' | 'lte', value: number): Condition => ({ kind: 'num', field, cmp, value });

/**
 * The preset as an ordinary rule, so it can be read back, stored and edited like any other. Days are
 * whole days since the last purchase: "in the last 30 days" is 0–29 days ago, as 近30天 is in the
 * console, and "nothing in the last 90 days" is 90 or more.
 */
export function presetRule(id: PresetId, basis: AudienceContext, opts?: { days?: number }): AudienceRule {
  const fallback = PRESET_DAYS[id] ?? 0;
  const asked = opts?.days;
  const days = asked !== undefined && Number.isFinite(asked) ? Math.min(3650, Math.max(1, Math.round(asked))) : fallback;
  switch (id) {
    case 'all':
      return { kind: 'and', rules: [] };
    case 'returning':
      return num('orders', 'gte', 2);
    case 'new':
      return num('orders', 'lte', 1);
    case 'loyal':
      return num('orders', 'gte', 3);
    case 'multi_item':
      return num('maxPieces', 'gte', 2);
    case 'top_items':
      return { kind: 'item', itemIds: [...basis.topItemIds] };
    case 'warmup':
      return num('daysSinceLast', 'lte', days - 1);
    case 'potential':
    case 'dormant':
      return num('daysSinceLast', 'gte', days);
    case 'sleeping':
      return { kind: 'and', rules: [num('daysSinceLast', 'gte', 90), num('daysSinceLast', 'lte', 179)] };
    case 'lost':
      return num('daysSinceLast', 'gte', 180);
    case 'churn_risk':
      return { kind: 'segment', segment: 'predicted:at_risk' };
    case 'buy_soon':
      return { kind: 'segment', segment: 'predicted:soon' };
  }
}

const PRESET_KEYS: Record<PresetId, { name: MessageKey; hint: MessageKey }> = {
  all: { name: 'presetAll', hint: 'presetAllHint' },
  returning: { name: 'presetReturning', hint: 'presetReturningHint' },
  new: { name: 'presetNew', hint: 'presetNewHint' },
  loyal: { name: 'presetLoyal', hint: 'presetLoyalHint' },
  multi_item: { name: 'presetMultiItem', hint: 'presetMultiItemHint' },
  top_items: { name: 'presetTopItems', hint: 'presetTopItemsHint' },
  warmup: { name: 'presetWarmup', hint: 'presetWarmupHint' },
  potential: { name: 'presetPotential', hint: 'presetPotentialHint' },
  dormant: { name: 'presetDormant', hint: 'presetDormantHint' },
  sleeping: { name: 'presetSleeping', hint: 'presetSleepingHint' },
  lost: { name: 'presetLost', hint: 'presetLostHint' },
  churn_risk: { name: 'presetChurnRisk', hint: 'presetChurnRiskHint' },
  buy_soon: { name: 'presetBuySoon', hint: 'presetBuySoonHint' },
};

export function presetNameKey(id: PresetId): MessageKey {
  return PRESET_KEYS[id].name;
}

export function presetName(id: PresetId, tr: Translate): string {
  return tr(PRESET_KEYS[id].name);
}

/** One line on who is in the preset; `days` as given to presetRule (else the default). */
export function presetHint(id: PresetId, tr: Translate, days?: number): string {
  const fallback = PRESET_DAYS[id];
  return fallback === undefined ? tr(PRESET_KEYS[id].hint) : tr(PRESET_KEYS[id].hint, days ?? fallback);
}

// ---- Suppression: who not to message now ----

export interface Suppression {
  /** Leave out whoever was in a campaign this many days back (打扰太频繁 gets a shop blocked). */
  contactedWithinDays?: number;
  /** Leave out buyers with a refund or return under way. */
  openRefund?: boolean;
  badReviewWithinDays?: number;
}

export interface SuppressionFacts {
  lastContactedAt: ReadonlyMap<string, number>;
  lastBadReviewAt: ReadonlyMap<string, number>;
}

/**
 * Members minus the suppressed. A customer left out for several reasons counts once, under the first
 * of: contacted, refund, bad review. "Within N days" is 0 to N−1 whole days ago.
 */
export function applySuppression<C extends Pick<Customer, 'key' | 'refundOpen'>>(
  members: C[],
  s: Suppression,
  facts: SuppressionFacts,
  now: number,
): { kept: C[]; removed: { contacted: number; refund: number; badReview: number } } {
  const within = (at: number | undefined, days: number | undefined) =>
    at !== undefined && days !== undefined && daysSince(at, now) < days;
  const kept: C[] = [];
  const removed = { contacted: 0, refund: 0, badReview: 0 };
  for (const c of members) {
    if (within(facts.lastContactedAt.get(c.key), s.contactedWithinDays)) removed.contacted++;
    else if (s.openRefund && c.refundOpen) removed.refund++;
    else if (within(facts.lastBadReviewAt.get(c.key), s.badReviewWithinDays)) removed.badReview++;
    else kept.push(c);
  }
  return { kept, removed };
}

/** The suppression read back, one line per reason in force. */
export function describeSuppression(s: Suppression, tr: Translate): string[] {
  const lines: string[] = [];
  if (s.contactedWithinDays) lines.push(tr('ruleSuppressContacted', s.contactedWithinDays));
  if (s.openRefund) lines.push(tr('ruleSuppressRefund'));
  if (s.badReviewWithinDays) lines.push(tr('ruleSuppressBadReview', s.badReviewWithinDays));
  return lines;
}

// ---- Read-back ----

const NUM_KEYS: Record<NumField, MessageKey> = {
  spendYuan: 'ruleSpendYuan',
  orders: 'ruleOrders',
  daysSinceLast: 'ruleDaysSinceLast',
  daysSinceFirst: 'ruleDaysSinceFirst',
  pieces: 'rulePieces',
  maxPieces: 'ruleMaxPieces',
};

const PLATFORM_KEYS: Record<Platform, MessageKey> = { taobao: 'rulePlatformTaobao', pdd: 'rulePlatformPdd', douyin: 'rulePlatformDouyin', jd: 'rulePlatformJd' };

/** Item ids shown before "等 N 个". */
const ITEMS_SHOWN = 5;

function describeCondition(c: Condition, tr: Translate, basis?: AudienceContext): string {
  switch (c.kind) {
    case 'num': {
      const value = c.field === 'spendYuan' ? formatFen(Math.round(c.value * 100)) : c.value;
      return tr(NUM_KEYS[c.field], c.cmp === 'gte' ? '≥' : '≤', value);
    }
    case 'region':
      return tr('ruleRegion', c.text.trim());
    case 'platform':
      return tr('rulePlatform', tr(PLATFORM_KEYS[c.platform]));
    case 'tag':
      return tr('ruleTag', c.tag);
    case 'segment': {
      const name = segmentName(c.segment, tr);
      const cut = basis && spendCutText(c.segment, basis, tr);
      return cut ? tr('ruleSegmentCut', name, cut) : tr('ruleSegment', name);
    }
    case 'item': {
      // Items by their title where the shop knows it ("“宝宝辅食勺”"), else by id.
      const names = new Map((basis?.itemCatalog ?? []).map((i) => [i.id, i.title]));
      const ids = c.itemIds.map((id) => (names.has(id) ? `“${names.get(id)!}”` : id));
      const list = (xs: string[]) => xs.reduce((a, b) => tr('ruleList', a, b));
      let text: string;
      if (ids.length === 0) text = tr('ruleItemNone');
      else if (ids.length === 1) text = tr('ruleItemOne', ids[0]!);
      else if (ids.length <= ITEMS_SHOWN) text = tr('ruleItemAny', list(ids));
      else text = tr('ruleItemMany', list(ids.slice(0, ITEMS_SHOWN)), ids.length);
      return c.minDays ? tr('ruleItemSince', text, c.minDays) : text;
    }
    case 'itemTitle':
      return tr('ruleItemTitle', c.text.trim());
    case 'tier':
      return tr('ruleTier', c.name);
    case 'nearTier':
      return basis?.ladder?.by === 'orders' ? tr('ruleNearTierOrders', c.within) : tr('ruleNearTierSpend', formatFen(Math.round(c.within * 100)));
  }
}

/** Spend tiers are relative to the shop, so the read-back says where the lines fall today. */
function spendCutText(segment: SegmentId, basis: AudienceContext, tr: Translate): string | null {
  const cuts = basis.spendCuts;
  if (!cuts) return null;
  if (segment === 'value:high') return tr('ruleSpendAbove', formatFen(cuts.high));
  if (segment === 'value:mid') return tr('ruleSpendBetween', formatFen(cuts.mid), formatFen(cuts.high));
  if (segment === 'value:low') return tr('ruleSpendAtMost', formatFen(cuts.mid));
  return null;
}

/** An and/or with one part reads as that part. */
function unwrap(rule: AudienceRule): AudienceRule {
  while ((rule.kind === 'and' || rule.kind === 'or') && rule.rules.length === 1) rule = rule.rules[0]!;
  return rule;
}

/** The parts of an and (or an or), with nested ones of the same kind lifted: A 且 (B 且 C) is A 且 B 且 C. */
function flatParts(kind: 'and' | 'or', rules: AudienceRule[]): AudienceRule[] {
  return rules.map(unwrap).flatMap((r) => (r.kind === kind && r.rules.length > 0 ? flatParts(kind, r.rules) : [r]));
}

function describeIn(rule: AudienceRule, parent: 'and' | 'or' | null, tr: Translate, basis?: AudienceContext): string {
  rule = unwrap(rule);
  switch (rule.kind) {
    case 'and': {
      if (rule.rules.length === 0) return tr('ruleEveryone');
      // Exclusions read last: "A 且 B，且不是 (C)". AND does not care about order.
      const parts = flatParts('and', rule.rules);
      const positive = parts.filter((r) => r.kind !== 'not').map((r) => describeIn(r, 'and', tr, basis));
      const negative = parts.flatMap((r) => (r.kind === 'not' ? [describeIn(r.rule, null, tr, basis)] : []));
      let text = positive.length > 0 ? positive.reduce((a, b) => tr('ruleAnd', a, b)) : null;
      for (const n of negative) text = text === null ? tr('ruleNot', n) : tr('ruleAndNot', text, n);
      return parent === 'or' ? tr('ruleGroup', text!) : text!;
    }
    case 'or': {
      if (rule.rules.length === 0) return tr('ruleNoOne');
      const text = flatParts('or', rule.rules).map((r) => describeIn(r, 'or', tr, basis)).reduce((a, b) => tr('ruleOr', a, b));
      return parent === 'and' ? tr('ruleGroup', text) : text;
    }
    case 'not':
      return tr('ruleNot', describeIn(rule.rule, null, tr, basis));
    default:
      return describeCondition(rule, tr, basis);
  }
}

/**
 * The rule in plain words: "累计消费 ≥ ¥500 且 最近一次购买距今 ≥ 60 天，且不是 (地区包含“新疆”)".
 * With a context, spend tiers also say today's amounts.
 */
export function describeRule(rule: AudienceRule, tr: Translate, basis?: AudienceContext): string {
  return describeIn(rule, null, tr, basis);
}
