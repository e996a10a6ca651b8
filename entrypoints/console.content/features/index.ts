// Every feature that puts something on a console page, registered once.
import { soldBadges } from './sold-badges';
import type { Feature } from './types';

export const features: Feature[] = [soldBadges];
