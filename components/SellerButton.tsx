// A button that writes or exports: it acts only on the seller's own click on a button the browser saw
// visible (seen-by-seller.ts), so a console page that hides, covers or frames an invisible copy of the
// panel gets nothing from a click on its bait. When it refuses, the owner shows <ClickHidden>.
import type { ButtonHTMLAttributes } from 'react';
import { t } from '@/utils/i18n';
import { useSellerClick } from './seen-by-seller';

export function SellerButton({ onPress, onHidden, ...props }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'onPointerDown' | 'type'> & {
  /** The seller clicked it, visibly. */
  onPress: () => void;
  /** A real click on a button the seller could not see: nothing was done. */
  onHidden: () => void;
}) {
  const { guard, verdict } = useSellerClick<HTMLButtonElement>();
  return (
    <button type="button" {...props} {...guard} onClick={(e) => {
      const v = verdict(e);
      if (v === 'ok') onPress();
      else if (v === 'hidden') onHidden();
    }} />
  );
}

/** Why the last click did nothing: the page had hidden or covered the panel. `refused`: which control. */
export function ClickHidden({ testId, refused, className = '' }: { testId: string; refused?: string; className?: string }) {
  return <p className={`text-[11px] font-semibold text-red-700 ${className}`} role="alert" data-testid={testId} data-refused={refused}>{t('clickHidden')}</p>;
}
