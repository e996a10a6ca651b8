import { describe, expect, it } from 'vitest';
import { clickVerdict } from '@/components/seen-by-seller';

describe('clickVerdict: a panel control that writes or exports acts only on the seller\'s visible click', () => {
  it('a visible mouse click acts; a scripted one does nothing, visible or not', () => {
    expect(clickVerdict({ trusted: true, detail: 1, seenAtPress: true, seenNow: true })).toBe('ok');
    expect(clickVerdict({ trusted: false, detail: 1, seenAtPress: true, seenNow: true })).toBe('untrusted');
    expect(clickVerdict({ trusted: false, detail: 0, seenAtPress: null, seenNow: false })).toBe('untrusted');
  });

  it('the clickjacked click (the frame transparent or covered): hidden at the press and at the click', () => {
    expect(clickVerdict({ trusted: true, detail: 1, seenAtPress: false, seenNow: false })).toBe('hidden');
  });

  it('the frame revealed between press and click (the page saw its window blur at the press): still hidden', () => {
    expect(clickVerdict({ trusted: true, detail: 1, seenAtPress: false, seenNow: true })).toBe('hidden');
    // A pointer click with no press seen on the control (pressed elsewhere) is not trusted to be seen.
    expect(clickVerdict({ trusted: true, detail: 1, seenAtPress: null, seenNow: true })).toBe('hidden');
  });

  it('hidden at the click though seen at the press (covered meanwhile): hidden', () => {
    expect(clickVerdict({ trusted: true, detail: 1, seenAtPress: true, seenNow: false })).toBe('hidden');
  });

  it('the keyboard (Enter or Space on a focused button, detail 0) needs only the control seen now', () => {
    expect(clickVerdict({ trusted: true, detail: 0, seenAtPress: null, seenNow: true })).toBe('ok');
    expect(clickVerdict({ trusted: true, detail: 0, seenAtPress: null, seenNow: false })).toBe('hidden');
  });

  it('the second click of a double-click never acts, seen or not (the page may have moved the frame between the presses); it says nothing (an innocent double-click acted on its first)', () => {
    expect(clickVerdict({ trusted: true, detail: 2, seenAtPress: true, seenNow: true })).toBe('repeat');
    expect(clickVerdict({ trusted: true, detail: 3, seenAtPress: true, seenNow: true })).toBe('repeat');
  });
});
