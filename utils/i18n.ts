// Every visible string goes through the extension's _locales (zh_CN first, en second).
import { browser } from 'wxt/browser';
import type zh from '@/public/_locales/zh_CN/messages.json';

export type MessageKey = keyof typeof zh;

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}
