import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '@/tests/fixtures';
import { diagnosisText, MAX_DIAGNOSIS_CHARS, scrubReason, shapeOf } from './diagnosis';
import { parseSoldJson } from './taobao-sold';
import { parsePddOrdersJson } from './pdd-orders';

/** Every value of a JSON document (strings and numbers, at any depth), and every key. */
function leaves(v: unknown, out = { strings: new Set<string>(), numbers: new Set<number>(), keys: new Set<string>() }) {
  if (typeof v === 'string') out.strings.add(v);
  else if (typeof v === 'number') out.numbers.add(v);
  else if (Array.isArray(v)) v.forEach((x) => leaves(x, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
    out.keys.add(k);
    leaves(x, out);
  }
  return out;
}

/** No value of `doc` in `text`: strings of 2+ characters (but the field names the platform uses as keys), numbers of 3+ digits. */
function expectNoValue(doc: unknown, text: string): void {
  const { strings, numbers, keys } = leaves(doc);
  const found: string[] = [];
  for (const s of strings) if ([...s].length >= 2 && !keys.has(s) && text.includes(s)) found.push(s);
  for (const n of numbers) {
    const digits = String(Math.abs(n));
    if (digits.replace('.', '').length >= 3 && new RegExp(`(?<![LD×+\\d.])${digits.replace('.', '\\.')}(?![\\d])`).test(text)) found.push(digits);
  }
  expect(found).toEqual([]);
}

const JSON_FIXTURES = readdirSync(join(__dirname, '../../tests/fixtures')).filter((f) => f.endsWith('.json') && !f.startsWith('backup'));

describe('the diagnosis the seller can send', () => {
  it.each(JSON_FIXTURES)('no value of %s survives into it', (name) => {
    const doc = JSON.parse(fixture(name));
    const text = diagnosisText({ pageKind: 'taobao-sold', version: 'test', reason: 'x', body: doc, path: '/home.htm/trade-platform/tp/sold' });
    expect(text.length).toBeGreaterThan(100);
    expectNoValue(doc, text);
  });

  it('keeps what a maintainer needs: the keys, the kinds, the lengths and the classes of characters', () => {
    expect(shapeOf({ nick: '茶客小林', orderId: '4102938475610293847', pay: { amount: 238 }, items: [{ t: 'a' }, { t: 'b', n: 1.5 }] })).toEqual({
      nick: 'str L4 h', orderId: 'str L19 d', pay: { amount: 'int D3' }, items: { array: '×2', of: [{ t: 'str L1 a', '?n': 'float' }] },
    });
    // Rows of one kind merge into one shape: lengths as a range, classes united, a key some lack marked ?.
    expect(shapeOf([{ nick: '茶客', n: 12 }, { nick: 'tea客小林', n: 12345 }, { nick: '阿三' }])).toEqual({
      array: '×3', of: [{ nick: 'str L2-6 ah', '?n': 'int D2-5' }],
    });
    expect(shapeOf([1, 'x', null])).toEqual({ array: '×3', of: ['int D1 | str L1 a | null'] });
    // A map keyed by order numbers keeps no order number.
    expect(Object.keys(shapeOf({ '4102938475610293847': 1 }) as object)).toEqual(['<str L19 d>']);
  });

  it('a page of many rows stays small and whole: one merged row shape, a text that parses', () => {
    const sold = JSON.parse(fixture('taobao-sold-page1.json'));
    const many = { ...sold, mainOrders: Array.from({ length: 100 }, (_, i) => sold.mainOrders[i % sold.mainOrders.length]) };
    const text = diagnosisText({ pageKind: 'taobao.sold', version: 'test', reason: 'x', body: many });
    expect(text.length).toBeLessThan(MAX_DIAGNOSIS_CHARS);
    expect((JSON.parse(text) as { shape: { mainOrders: { of: unknown[] } } }).shape.mainOrders.of).toHaveLength(1);
    expectNoValue(many, text);
  });

  it('an adapter\'s reason loses its values too: the status text, the order number, an amount', () => {
    const page = JSON.parse(fixture('pdd-orders-page1.json'));
    page.result.pageItems[0].order_status_str = '待买家确认收货款项';
    page.result.pageItems[0].order_status = 77;
    // A new status no longer fails the page (it is read as `unknown` and told); a reason may still quote one.
    const r = parsePddOrdersJson(page);
    expect(r.ok && r.unknown).toEqual(['待买家确认收货款项']);
    const reason = 'pageItems[0]: unknown status "待买家确认收货款项"';
    const text = diagnosisText({ pageKind: 'pdd-orders', version: 'test', reason, body: page });
    expect(text).not.toContain('待买家确认收货款项');
    expectNoValue(page, text);
    expect(scrubReason('order 0 (4102938475610293847): amountFen: 23800 too big')).toBe('order 0 (<D19>): amountFen: <D5> too big');
    const sold = JSON.parse(fixture('taobao-sold-page1.json'));
    const broken = { ...sold, mainOrders: sold.mainOrders.map((o: Record<string, unknown>, i: number) => (i === 0 ? { ...o, id: undefined } : o)) };
    const parsed = parseSoldJson(broken);
    expect(parsed.ok).toBe(false);
    expectNoValue(sold, diagnosisText({ pageKind: 'taobao-sold', version: 'test', reason: (parsed as { reason: string }).reason, body: broken }));
  });
});
