// The locale files as Chrome reads them: one message with a $NAME$ its placeholders do not define, and
// Chrome refuses to load the whole extension ("Variable $P1$ used but not defined").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string) => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Messages;

describe('locales', () => {
  const zh = load('zh_CN');
  const en = load('en');
  it.each([['zh_CN', zh], ['en', en]] as const)('%s: every $NAME$ a message uses is one of its placeholders (case-insensitive, as Chrome matches)', (_, messages) => {
    const bad: string[] = [];
    for (const [key, m] of Object.entries(messages)) {
      const defined = new Set(Object.keys(m.placeholders ?? {}).map((p) => p.toLowerCase()));
      for (const [, name] of m.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) if (!defined.has(name!.toLowerCase())) bad.push(`${key}: $${name}$`);
    }
    expect(bad).toEqual([]);
  });
  it('both locales have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
});
