// Every feature that puts something on a console page, registered once with the pages it runs on.
import { healthNote } from './health-note';
import { reviewBadges } from './review-badges';
import { sidePanel } from './side-panel';
import { soldBadges } from './sold-badges';
import type { Feature } from './types';

export const FEATURES: readonly Feature[] = [healthNote, soldBadges, reviewBadges, sidePanel];

export type FeatureFailure = (id: string, err: unknown) => void;

/** Start one feature in isolation: whatever it throws is reported, and the caller goes on. */
export function startIsolated(id: string, start: () => void, failed: FeatureFailure): void {
  try {
    start();
  } catch (err) {
    failed(id, err);
  }
}
