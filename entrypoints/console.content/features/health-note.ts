// The 页面未识别 note (DESIGN.md contract `data-laoke-health`): one per tab, whichever list failed
// (health.ts draws it); a new route of the single-page app starts without it.
import type { Feature } from './types';

export const healthNote: Feature = {
  id: 'health-note',
  runsOn: 'console',
  start({ ctx, health }) {
    ctx.addEventListener(window, 'wxt:locationchange', () => health.understood());
  },
};
