// Member tiers (会员等级), pure and without dependencies: the seller's own ladder by valid spend or
// valid purchases, read on the row, the card and in the audience rules. Laoke's reading of the orders it
// read: the platform's own grade stays authoritative.
import type { Customer } from './types';


export interface TierLadder {
  /** What the ladder counts: valid spend (fen, refunds netted) or valid purchases. */
  by: 'spend' | 'orders';
  /** Up to 6 levels, lowest first; each reached at `min` (fen for spend, purchases for orders). */
  levels: { name: string; min: number }[];
  /** Local points (积分) on the card: 1 per yuan of valid spend, refunds netted. Never credited anywhere. */
  points?: boolean;
}

/** The buyer's local points: 1 per whole yuan of valid spend (net of refunds). */
export function pointsOf(c: Pick<Customer, 'totalFen'>): number {
  return Math.floor(Math.max(0, c.totalFen) / 100);
}

export const MAX_TIERS = 6;

/**
 * The platform's four (千牛 客户运营平台: 普通会员, 高级会员, VIP会员, 至尊VIP会员), by spend, as a starting
 * point: the thresholds are the seller's to set (the platform's are set per shop too).
 */
export const PRESET_LADDER: TierLadder = {
  by: 'spend',
  levels: [
    { name: '普通会员', min: 1 },
    { name: '高级会员', min: 100_000 },
    { name: 'VIP会员', min: 300_000 },
    { name: '至尊VIP会员', min: 1_000_000 },
  ],
};

/** The ladder as the seller saved it, checked: names unique and non-empty, thresholds rising, at most 6. */
export function validLadder(l: TierLadder): string | null {
  if (l.levels.length === 0 || l.levels.length > MAX_TIERS) return 'count';
  const names = l.levels.map((x) => x.name.trim());
  if (names.some((n) => !n || n.length > 12) || new Set(names).size !== names.length) return 'names';
  // A level from 0 would give a tier to a buyer who never paid: every level starts at a purchase or a fen.
  if (l.levels.some((x) => !Number.isInteger(x.min) || x.min < 1)) return 'min';
  for (let i = 1; i < l.levels.length; i++) if (l.levels[i]!.min <= l.levels[i - 1]!.min) return 'order';
  return null;
}

/** What a tier is read from: the buyer's figures, and who they are (a masked nick alone gets no tier). */
type Figures = Pick<Customer, 'totalFen' | 'orderCount'> & { identity?: Customer['identity'] };

function measure(c: Figures, ladder: TierLadder): number {
  return ladder.by === 'spend' ? c.totalFen : c.orderCount;
}

/**
 * Whether a buyer is placed on the ladder at all: one with a valid purchase who is not a masked nick
 * alone (each masked order is its own customer: its "tier" would be one order's). The badge, the card,
 * the audiences and #/members all ask this through tierOf and toNextTier.
 */
export function onLadder(c: Figures): boolean {
  return c.orderCount > 0 && c.identity !== 'weak';
}

/** The highest level whose threshold the buyer reached (≥), or null below the first or off the ladder. */
export function tierOf(c: Figures, ladder: TierLadder | null): string | null {
  if (!ladder || !onLadder(c)) return null;
  const v = measure(c, ladder);
  let tier: string | null = null;
  for (const level of ladder.levels) if (v >= level.min) tier = level.name;
  return tier;
}

/** How far the buyer is from the next level (fen or purchases), or null at the top or off the ladder. */
export function toNextTier(c: Figures, ladder: TierLadder): { name: string; short: number } | null {
  if (c.identity === 'weak') return null;
  const v = measure(c, ladder);
  const next = ladder.levels.find((l) => l.min > v);
  return next ? { name: next.name, short: next.min - v } : null;
}
