import type { BuyerRef, IdentityStrength, Platform } from './types';

/** Consoles mask nicks with asterisks: `w**`, `t**1`, `阿***`. */
export function isMaskedNick(nick: string): boolean {
  return /[*＊]/.test(nick);
}

/**
 * A Taobao nick is the buyer's login name, unique on the platform; a Pinduoduo nickname is a display
 * name that many people share, so a full one proves nothing more than a masked one.
 */
const NICK_IS_UNIQUE: Record<Platform, boolean> = { taobao: true, pdd: false };

export interface Identity {
  key: string;
  strength: IdentityStrength;
}

/**
 * Who bought this order, as far as the page can prove it.
 * An opaque buyer id wins; then a Taobao nick shown in full (the buyer's unique login name).
 * A masked nick proves nothing — two `t**1` need not be one person — so the order gets a customer of its
 * own, keyed by the order, and is never merged: Laoke never claims a repeat buyer it cannot prove.
 */
export function identify(platform: Platform, orderId: string, buyer: BuyerRef, region?: string): Identity {
  const id = buyer.id?.trim();
  if (id) return { key: `${platform}:id:${id}`, strength: 'strong' };
  const nick = buyer.nick.trim();
  if (nick && !isMaskedNick(nick) && NICK_IS_UNIQUE[platform]) return { key: `${platform}:nick:${nick}`, strength: 'strong' };
  // 可能是回头客: the same masked nick, the same masked receiver and the same district, in one shop.
  // Measured on the generated shop (README): most such pairs are one person, not all.
  const receiver = buyer.receiver?.trim();
  const place = region?.trim().split(/\s+/) ?? [];
  if (nick && receiver && place.length >= 3 && place.every(Boolean)) {
    return { key: `${platform}:probable:${nick}|${receiver}|${place.join(' ')}`, strength: 'probable' };
  }
  return { key: `${platform}:order:${orderId}`, strength: 'weak' };
}

/** Weak < probable < strong: a later reading never moves an order to a weaker identity. */
export const IDENTITY_RANK: Record<IdentityStrength, number> = { weak: 0, probable: 1, strong: 2 };
