// The "页面未识别" state (DESIGN.md contract `data-laoke-health`): shown instead of badges when a page or
// response is not understood, so the seller knows Laoke is not reading this page rather than trusting
// silence.
import { t } from '@/utils/i18n';

export interface HealthView {
  unrecognized(reason: string): void;
  understood(): void;
}

export function healthView(): HealthView {
  let el: HTMLElement | undefined;
  return {
    unrecognized(reason) {
      if (!el) {
        el = document.createElement('div');
        el.setAttribute('data-laoke-health', 'unrecognized');
        el.setAttribute('role', 'status');
        Object.assign(el.style, {
          position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483000', maxWidth: '360px',
          padding: '8px 12px', borderRadius: '6px', background: '#fff7e6', color: '#8c4a00',
          border: '1px solid #ffc53d', font: '12px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif',
          boxShadow: '0 2px 8px rgba(0,0,0,.12)',
        });
      }
      // Text only: the reason can quote page content.
      el.textContent = `${t('healthUnrecognized', reason)} ${t('healthWritesNothing')}`;
      if (!el.isConnected) (document.body ?? document.documentElement).append(el);
    },
    understood() {
      el?.remove();
    },
  };
}
