// Shared by the unit tests of utils/crm: a fixed "now", customers with defaults, and the extension's
// translator over the real locale files (a missing key fails the test instead of showing the key).
import enMessages from '@/public/_locales/en/messages.json';
import zhMessages from '@/public/_locales/zh_CN/messages.json';
import type { Translate } from '@/utils/crm/segments';
import type { Customer } from '@/utils/crm/types';

/** 2026-11-22 12:00 in Shanghai. */
export const NOW = Date.UTC(2026, 10, 22, 4);
export const DAY = 86_400_000;

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** chrome.i18n.getMessage over a messages.json. */
function translator(messages: Messages): Translate {
  return (key, ...subs) => {
    const entry = messages[key];
    if (!entry) throw new Error(`no message ${key}`);
    return entry.message
      .replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? '')
      .replace(/\$(\d)/g, (_, i: string) => String(subs[Number(i) - 1] ?? ''));
  };
}
export const tr = translator(zhMessages as Messages);
export const trEn = translator(enMessages as Messages);

/** A customer who bought once, ten days ago, ¥100; `over` sets the rest. */
export function customer(key: string, over: Partial<Customer> = {}): Customer {
  return {
    key, platform: 'taobao', nick: key, identity: 'strong', orderCount: 1, totalFen: 10000,
    firstPurchaseAt: NOW - 10 * DAY, lastPurchaseAt: NOW - 10 * DAY, purchases: [], items: [], pieces: 1, maxPieces: 1,
    itemIds: [], refundOpen: false, tags: [], notes: '', updatedAt: NOW, ...over,
  };
}
