// The "页面未识别" state (DESIGN.md contract `data-laoke-health`): shown instead of badges when a page or
// response is not understood, so the seller knows Laoke is not reading this page rather than trusting
// silence.
import { t } from '@/utils/i18n';

export interface HealthView {
  /** `diagnosis`: the text 复制诊断信息 copies (utils/sites/diagnosis.ts: the shape, no value). */
  unrecognized(reason: string, diagnosis?: string): void;
  understood(): void;
  /**
   * A page read, but not all of it placed or understood: orders with no row found on the page ('rows'),
   * values the adapter has not met ('unknown'). Null clears that line. Shown quietly (data-laoke-notice),
   * not as 页面未识别: the orders were read and kept.
   */
  notice(kind: 'rows' | 'unknown', text: string | null): void;
}

export function healthView(): HealthView {
  let noticeEl: HTMLElement | undefined;
  const lines = new Map<'rows' | 'unknown', string>();
  let el: HTMLElement | undefined;
  let note: HTMLElement | undefined;
  let copy: HTMLButtonElement | undefined;
  /** The diagnosis of the last failure, kept by this script (the page can rewrite the button, not this). */
  let diagnosis = '';
  return {
    unrecognized(reason, text) {
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
      if (!note) {
        note = document.createElement('span');
        copy = document.createElement('button');
        copy.type = 'button';
        copy.setAttribute('data-laoke-copy-diagnosis', '');
        Object.assign(copy.style, { marginLeft: '8px', padding: '0 6px', border: '1px solid #ffc53d', borderRadius: '4px', background: '#fff', color: '#8c4a00', font: 'inherit', cursor: 'pointer' });
        copy.addEventListener('click', (e) => {
          // Only the seller's own click copies (the text has no value of the page, but the clipboard is theirs).
          if (!e.isTrusted || !copy) return;
          const button = copy;
          navigator.clipboard.writeText(diagnosis).then(
            () => (button.textContent = t('healthDiagnosisCopied')),
            () => (button.textContent = t('healthDiagnosisFailed')),
          );
        });
        el.append(note, copy);
      }
      // Text only: the reason can quote page content.
      note.textContent = `${t('healthUnrecognized', reason)} ${t('healthWritesNothing')}`;
      diagnosis = text ?? '';
      copy!.textContent = t('healthCopyDiagnosis');
      copy!.hidden = !text;
      if (!el.isConnected) (document.body ?? document.documentElement).append(el);
    },
    understood() {
      el?.remove();
    },
    notice(kind, text) {
      if (text === null ? !lines.has(kind) : lines.get(kind) === text) return;
      if (text === null) lines.delete(kind);
      else lines.set(kind, text);
      if (lines.size === 0) return noticeEl?.remove();
      if (!noticeEl) {
        noticeEl = document.createElement('div');
        noticeEl.setAttribute('data-laoke-notice', '');
        noticeEl.setAttribute('role', 'status');
        Object.assign(noticeEl.style, {
          position: 'fixed', left: '16px', bottom: '16px', zIndex: '2147483000', maxWidth: '360px',
          padding: '6px 10px', borderRadius: '6px', background: '#f5f5f5', color: '#595959',
          border: '1px solid #d9d9d9', font: '12px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif',
        });
      }
      noticeEl.setAttribute('data-laoke-notice', [...lines.keys()].join(' '));
      // Text only: a value can be the page's.
      noticeEl.replaceChildren(...[...lines.values()].map((line) => Object.assign(document.createElement('div'), { textContent: line })));
      if (!noticeEl.isConnected) (document.body ?? document.documentElement).append(noticeEl);
    },
  };
}
