import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterTombstone, canonicalJson, compareWrites, laterTombstone, mergeFields, resolveVersions, valuesOf, writeField, type FieldDoc } from './sync-merge';

const T = Date.UTC(2026, 11, 7, 2, 0); // 2026-12-07 10:00 北京时间

describe('team sync: merging two agents\' versions of a buyer', () => {
  it('keeps each field\'s later write (worked example)', () => {
    // Agent 小王 writes the note at 10:00; agent 小李 tags 黑名单 at 10:05 and rewrites the note at 09:55 on a
    // machine that was offline (its write is older): the note of 10:00 stays, the tag of 10:05 joins it.
    const wang: FieldDoc = { notes: { v: '过敏体质，别推荐香型款', at: T, agent: '小王' } };
    const li: FieldDoc = {
      notes: { v: '老顾客', at: T - 5 * 60_000, agent: '小李' },
      tags: { v: ['黑名单'], at: T + 5 * 60_000, agent: '小李' },
    };
    expect(valuesOf(mergeFields(wang, li))).toEqual({ notes: '过敏体质，别推荐香型款', tags: ['黑名单'] });
    expect(mergeFields(li, wang)).toEqual(mergeFields(wang, li));
  });

  it('breaks a tie of the same millisecond by agent, then by value, the same everywhere', () => {
    const a = { v: 'A', at: T, agent: '小王' };
    const b = { v: 'B', at: T, agent: '小李' };
    // '小王' (U+738B) sorts after '小李' (U+674E): 小王's write wins on every machine.
    expect(compareWrites(a, b)).toBeGreaterThan(0);
    expect(valuesOf(resolveVersions([{ notes: b }, { notes: a }]))).toEqual({ notes: 'A' });
    const c = { v: { x: 1, y: 2 }, at: T, agent: '小王' };
    const d = { v: { y: 2, x: 1 }, at: T, agent: '小王' };
    expect(compareWrites(c, d)).toBe(0);
    expect(canonicalJson({ y: 2, x: 1 })).toBe('{"x":1,"y":2}');
  });

  it('a deletion removes what was written before it, not what came after', () => {
    const doc: FieldDoc = {
      notes: { v: '要发票', at: T, agent: '小王' },
      phone: { v: '13800000000', at: T + 1, agent: '小王' },
    };
    // 小李 deletes the buyer at T + 1 (个人信息保护法): both fields go; a note written at T + 2 stays.
    const tomb = { at: T + 1, agent: '小李' };
    expect(afterTombstone(doc, tomb)).toEqual({});
    const later = writeField(doc, 'notes', '又来买了', T + 2, '小王');
    expect(valuesOf(afterTombstone(later, tomb))).toEqual({ notes: '又来买了' });
    expect(laterTombstone(tomb, { at: T, agent: '小王' })).toBe(tomb);
    expect(laterTombstone(undefined, tomb)).toBe(tomb);
  });
});

const stamped = fc.record({
  v: fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom('黑名单', 'VIP'), { maxLength: 2 })),
  at: fc.integer({ min: 0, max: 4 }),
  agent: fc.constantFrom('a', 'b', 'c'),
});
const doc = fc.dictionary(fc.constantFrom('notes', 'tags', 'phone'), stamped, { maxKeys: 3 });

describe('team sync: the merge is the same whatever order versions arrive in', () => {
  it('is commutative, associative and idempotent', () => {
    fc.assert(fc.property(doc, doc, doc, (a, b, c) => {
      expect(mergeFields(a, b)).toEqual(mergeFields(b, a));
      expect(mergeFields(mergeFields(a, b), c)).toEqual(mergeFields(a, mergeFields(b, c)));
      expect(mergeFields(a, a)).toEqual(a);
    }), { numRuns: 500 });
  });

  it('resolves any permutation of conflicting revisions to one document', () => {
    fc.assert(fc.property(fc.array(doc, { minLength: 1, maxLength: 5 }), fc.integer(), (versions, seed) => {
      const shuffled = [...versions].sort((x, y) => ((canonicalJson(x).length * 31 + seed) % 7) - ((canonicalJson(y).length * 17 + seed) % 5));
      expect(canonicalJson(resolveVersions(shuffled))).toBe(canonicalJson(resolveVersions(versions)));
    }), { numRuns: 300 });
  });

  it('applies a deletion the same before or after a merge', () => {
    const tomb = fc.record({ at: fc.integer({ min: 0, max: 4 }), agent: fc.constantFrom('a', 'b', 'c') });
    fc.assert(fc.property(doc, doc, tomb, (a, b, t) => {
      expect(afterTombstone(mergeFields(a, b), t)).toEqual(mergeFields(afterTombstone(a, t), afterTombstone(b, t)));
    }), { numRuns: 300 });
  });
});
