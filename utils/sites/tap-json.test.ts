import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '@/tests/fixtures';
import { parsedJsonText } from './tap-json';

const LIMIT = 8 * 1024 * 1024;
const texts = ['taobao-sold-page1.json', 'pdd-orders-page1.json', 'qianniu-reviews-page1.json', 'pdd-reviews-page1.json'].map(fixture);

const undo: (() => void)[] = [];
/** Defines a property on a shared prototype for one test, as a console page script would. */
function patch(target: object, key: PropertyKey, desc: PropertyDescriptor): void {
  const before = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { configurable: true, ...desc });
  undo.push(() => (before ? Object.defineProperty(target, key, before) : delete (target as Record<PropertyKey, unknown>)[key]));
}
afterEach(() => {
  while (undo.length) undo.pop()!();
});

describe('parsedJsonText: what JSON.parse made, written as JSON.stringify would, running nothing of the page', () => {
  it('writes every console fixture exactly as JSON.stringify does (escapes, unicode, numbers, nesting)', () => {
    for (const text of texts) expect(parsedJsonText(JSON.parse(text), LIMIT)).toBe(JSON.stringify(JSON.parse(text)));
    const odd = '{"a":"\\u0000\\"\\\\\\n\\u2028😀","b":[1.5e300,-0,0.1,true,false,null,[],{}],"__proto__":{"x":1},"10":1,"2":2}';
    expect(parsedJsonText(JSON.parse(odd), LIMIT)).toBe(JSON.stringify(JSON.parse(odd)));
  });

  it('a toJSON, getters and an iterator the page put on the shared prototypes are never called (the red team\'s forgery)', () => {
    const body = JSON.parse(texts[0]!) as unknown;
    const want = JSON.stringify(body);
    let called = 0;
    const forged = { mainOrders: [] };
    let viaStringify: string;
    let viaWalker: string | undefined;
    let calledByWalker: number;
    // Patched only while the two are computed (the test runner itself needs the prototypes intact).
    try {
      patch(Array.prototype, Symbol.iterator, { value: function* () { called++; yield 'forged'; } });
      patch(String.prototype, 'toString', { value: () => (called++, 'forged') });
      patch(Number.prototype, 'toString', { value: () => (called++, '0') });
      patch(Object.prototype, 'toJSON', { value: () => (called++, forged) });
      patch(Array.prototype, 'toJSON', { value: () => (called++, []) });
      // A descriptor without an own `value` (or `get`) would find these (last: they break descriptors).
      patch(Object.prototype, 'get', { get: () => (called++, () => 'forged') });
      patch(Object.prototype, 'value', { get: () => (called++, 'forged') });
      viaStringify = JSON.stringify(body);
      called = 0;
      viaWalker = parsedJsonText(body, LIMIT);
      calledByWalker = called;
    } finally {
      while (undo.length) undo.pop()!();
    }
    // The hole: JSON.stringify runs the page's toJSON.
    expect(viaStringify).toBe(JSON.stringify(forged));
    expect(viaWalker).toBe(want);
    expect(calledByWalker).toBe(0);
  });

  it('anything JSON.parse does not make fails the whole body: an accessor, a symbol key, a hole, undefined, a function', () => {
    const getter = JSON.parse('{"a":{"b":1}}') as { a: object };
    Object.defineProperty(getter.a, 'c', { enumerable: true, get: () => 'x' });
    expect(parsedJsonText(getter, LIMIT)).toBeUndefined();
    expect(parsedJsonText({ [Symbol('s')]: 1 }, LIMIT)).toBeUndefined();
    // eslint-disable-next-line no-sparse-arrays
    expect(parsedJsonText([1, , 3], LIMIT)).toBeUndefined();
    expect(parsedJsonText({ a: undefined }, LIMIT)).toBeUndefined();
    expect(parsedJsonText({ a: () => 1 }, LIMIT)).toBeUndefined();
    expect(parsedJsonText({ a: 1n }, LIMIT)).toBeUndefined();
    // Non-enumerable own data properties are left out, as JSON.stringify does.
    const hidden = { a: 1 };
    Object.defineProperty(hidden, 'b', { value: 2, enumerable: false });
    expect(parsedJsonText(hidden, LIMIT)).toBe('{"a":1}');
  });

  it('a text past the limit, or nested past 256, is not written', () => {
    const big = JSON.parse(texts[0]!) as unknown;
    const length = JSON.stringify(big).length;
    expect(parsedJsonText(big, length)).toBe(JSON.stringify(big));
    expect(parsedJsonText(big, length - 1)).toBeUndefined();
    const deep = JSON.parse(`${'['.repeat(300)}${']'.repeat(300)}`) as unknown;
    expect(parsedJsonText(deep, LIMIT)).toBeUndefined();
    expect(parsedJsonText(JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`), LIMIT)).toBe(`${'['.repeat(200)}${']'.repeat(200)}`);
  });
});
