import { describe, expect, it } from 'vitest';
import { handledThrough } from './reviews';

describe('handledThrough: a handled review read again', () => {
  it('a draft copied on day 8 still answers the review read again without a new 追评 (follow-up review)', () => {
    expect(handledThrough({ handledAt: 8 }, {})).toBe(8);
    expect(handledThrough({ handledAt: 8, appendText: '回购了' }, { appendText: '回购了' })).toBe(8);
  });

  it('not a 追评 written after it, nor a review never handled', () => {
    expect(handledThrough({ handledAt: 8 }, { appendText: '壶盖漏水' })).toBeUndefined();
    expect(handledThrough({}, {})).toBeUndefined();
    expect(handledThrough(undefined, {})).toBeUndefined();
  });
});
