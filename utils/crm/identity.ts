import type { BuyerRef, IdentityStrength, Platform } from './types';

/** Consoles mask nicks with asterisks: `w**`, `t**1`, `阿***`. */
export function isMaskedNick(nick: string): boolean {
  return /[*＊]/.test(nick);
}

/**
 * A Taobao nick is the buyer's login name, unique on the platform; a Pinduoduo nickname is a display
 * name that many people share, so a full one proves nothing more than a masked one.
 */
const NICK_IS_UNIQUE: Record<Platform, boolean> = { taobao: true, pdd: false, douyin: false, jd: false };

/**
 * How much a platform's opaque buyer id proves. Taobao's buyer id and JD's userPin (the buyer's JD-wide
 * account, shared/CONSOLES.md) are one person's; 抖店's user_id is opaque and of unknown scope and
 * stability (no live page seen): merged for counting as sellers' own tools do, shown as probable.
 */
const ID_STRENGTH: Record<Platform, IdentityStrength> = { taobao: 'strong', pdd: 'strong', douyin: 'probable', jd: 'strong' };

/**
 * Whether the masked nick + masked receiver + district rule may merge buyers on a platform. Pinduoduo's
 * list shows nothing better (README: measured on the generated shop). 抖店 and JD rows carry a buyer id:
 * a row without one is an order of its own (weak), its receiver and region kept on the order only.
 */
const PROBABLE_BY_RECEIVER: Record<Platform, boolean> = { taobao: true, pdd: true, douyin: false, jd: false };

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
  if (id) return { key: `${platform}:id:${id}`, strength: ID_STRENGTH[platform] };
  const nick = buyer.nick.trim();
  if (nick && !isMaskedNick(nick) && NICK_IS_UNIQUE[platform]) return { key: `${platform}:nick:${nick}`, strength: 'strong' };
  // 可能是回头客: the same masked nick, the same masked receiver and the same district, in one shop.
  // Measured on the generated shop (README): most such pairs are one person, not all.
  const receiver = buyer.receiver?.trim();
  const place = region?.trim().split(/\s+/) ?? [];
  if (PROBABLE_BY_RECEIVER[platform] && nick && receiver && place.length >= 3 && place.every(Boolean)) {
    return { key: `${platform}:probable:${nick}|${receiver}|${place.join(' ')}`, strength: 'probable' };
  }
  return { key: `${platform}:order:${orderId}`, strength: 'weak' };
}

/** Weak < probable < strong: a later reading never moves an order to a weaker identity. */
export const IDENTITY_RANK: Record<IdentityStrength, number> = { weak: 0, probable: 1, strong: 2 };
