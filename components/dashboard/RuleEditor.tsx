// The conditions a seller adds to a preset: a group joined by 且 (AND) or 或 (OR), each condition
// optionally negated (不是, NOT). Nested groups are not offered: a preset AND one group covers what
// sellers ask for, and the rule read back stays a sentence.
import type { AudienceContext, Condition, NumField } from '@/utils/crm/audience';
import { ALL_SEGMENTS, type SegmentId } from '@/utils/crm/segments';
import type { Platform } from '@/utils/crm/types';
import { t, type MessageKey } from '@/utils/i18n';
import { segmentName } from '../labels';

export interface Row {
  id: number;
  negate: boolean;
  cond: Condition;
}
export interface ExtraRules {
  join: 'and' | 'or';
  rows: Row[];
}

type Field = NumField | 'region' | 'platform' | 'tag' | 'segment' | 'item' | 'itemTitle' | 'tier' | 'nearTier';
const NUM_FIELDS: [NumField, MessageKey][] = [
  ['spendYuan', 'fieldSpend'], ['orders', 'fieldOrders'], ['daysSinceLast', 'fieldDaysSinceLast'],
  ['daysSinceFirst', 'fieldDaysSinceFirst'], ['pieces', 'fieldPieces'], ['maxPieces', 'fieldMaxPieces'],
];
const OTHER_FIELDS: [Field, MessageKey][] = [['region', 'fieldRegion'], ['platform', 'fieldPlatform'], ['tag', 'fieldTag'], ['segment', 'fieldSegment'],
  // 追销 (cross-sell): bought these items (不是: never bought them), since N days; a category by title.
  ['item', 'fieldItem'], ['itemTitle', 'fieldItemTitle']];
/** Offered once the seller saved a member tier ladder (dashboard #/members). */
const TIER_FIELDS: [Field, MessageKey][] = [['tier', 'fieldTier'], ['nearTier', 'fieldNearTier']];

function fieldOf(c: Condition): Field {
  return c.kind === 'num' ? c.field : (c.kind as Field);
}

function defaultCondition(field: Field, basis?: AudienceContext | null): Condition {
  switch (field) {
    case 'item': return { kind: 'item', itemIds: [] };
    case 'itemTitle': return { kind: 'itemTitle', text: '' };
    case 'tier': return { kind: 'tier', name: basis?.ladder?.levels.at(-1)?.name ?? '' };
    case 'nearTier': return { kind: 'nearTier', within: basis?.ladder?.by === 'orders' ? 1 : 100 };
    case 'region': return { kind: 'region', text: '' };
    case 'platform': return { kind: 'platform', platform: 'taobao' };
    case 'tag': return { kind: 'tag', tag: '' };
    case 'segment': return { kind: 'segment', segment: 'returning' };
    default: return { kind: 'num', field, cmp: 'gte', value: field === 'spendYuan' ? 100 : 1 };
  }
}

let nextId = 1;
export const newRow = (): Row => ({ id: nextId++, negate: false, cond: defaultCondition('spendYuan') });

const input = 'rounded border border-gray-300 bg-white px-2 py-1';

function ConditionInput({ cond, onChange, basis }: { cond: Condition; onChange: (c: Condition) => void; basis?: AudienceContext | null }) {
  switch (cond.kind) {
    case 'item': {
      const catalog = basis?.itemCatalog ?? [];
      return (
        <>
          <select multiple className={`${input} h-20 w-72`} value={cond.itemIds} data-testid="rule-items"
            onChange={(e) => onChange({ ...cond, itemIds: [...e.target.selectedOptions].map((o) => o.value) })}>
            {catalog.map((i) => <option key={i.id} value={i.id}>{t('fieldItemOption', i.title, i.buyers)}</option>)}
          </select>
          <label className="flex items-center gap-1 text-xs text-gray-600">
            {t('fieldItemSince')}
            <input className={`${input} w-16`} type="number" min={0} step={1} value={cond.minDays ?? ''} data-testid="rule-item-days"
              onChange={(e) => {
                const n = Math.max(0, Math.floor(Number(e.target.value)));
                const { minDays: _drop, ...rest } = cond;
                onChange(e.target.value === '' || !n ? rest : { ...rest, minDays: n });
              }} />
            {t('fieldItemSinceDays')}
          </label>
        </>
      );
    }
    case 'itemTitle':
      return <input className={`${input} w-40`} placeholder={t('fieldItemTitlePlaceholder')} value={cond.text} maxLength={30}
        onChange={(e) => onChange({ ...cond, text: e.target.value })} data-testid="rule-value" />;
    case 'tier':
      return (
        <select className={input} value={cond.name} onChange={(e) => onChange({ ...cond, name: e.target.value })} data-testid="rule-value">
          {(basis?.ladder?.levels ?? []).map((l) => <option key={l.name} value={l.name}>{l.name}</option>)}
        </select>
      );
    case 'nearTier':
      return (
        <label className="flex items-center gap-1 text-xs text-gray-600">
          ≤
          <input className={`${input} w-24`} type="number" min={0} step={basis?.ladder?.by === 'orders' ? 1 : 0.01} value={cond.within} data-testid="rule-value"
            onChange={(e) => onChange({ ...cond, within: e.target.value === '' ? 0 : Math.max(0, Number(e.target.value)) })} />
          {basis?.ladder?.by === 'orders' ? t('fieldNearTierOrders') : t('fieldNearTierYuan')}
        </label>
      );
    case 'num':
      return (
        <>
          <select className={input} value={cond.cmp} onChange={(e) => onChange({ ...cond, cmp: e.target.value as 'gte' | 'lte' })} data-testid="rule-cmp">
            <option value="gte">≥</option>
            <option value="lte">≤</option>
          </select>
          <input className={`${input} w-28`} type="number" min={0} step={cond.field === 'spendYuan' ? 0.01 : 1} value={Number.isFinite(cond.value) ? cond.value : ''}
            onChange={(e) => onChange({ ...cond, value: e.target.value === '' ? 0 : Number(e.target.value) })} data-testid="rule-value" />
        </>
      );
    case 'region':
      return <input className={`${input} w-40`} placeholder={t('fieldRegionPlaceholder')} value={cond.text} maxLength={20}
        onChange={(e) => onChange({ ...cond, text: e.target.value })} data-testid="rule-value" />;
    case 'tag':
      return <input className={`${input} w-40`} placeholder={t('fieldTagPlaceholder')} value={cond.tag} maxLength={20}
        onChange={(e) => onChange({ ...cond, tag: e.target.value })} data-testid="rule-value" />;
    case 'platform':
      return (
        <select className={input} value={cond.platform} onChange={(e) => onChange({ ...cond, platform: e.target.value as Platform })} data-testid="rule-value">
          <option value="taobao">{t('platformTaobao')}</option>
          <option value="pdd">{t('platformPdd')}</option>
          <option value="douyin">{t('platformDouyin')}</option>
          <option value="jd">{t('platformJd')}</option>
        </select>
      );
    case 'segment':
      return (
        <select className={input} value={cond.segment} onChange={(e) => onChange({ ...cond, segment: e.target.value as SegmentId })} data-testid="rule-value">
          {ALL_SEGMENTS.map((s) => <option key={s} value={s}>{segmentName(s)}</option>)}
        </select>
      );
    default:
      return null;
  }
}

export function RuleEditor({ value, onChange, basis }: { value: ExtraRules; onChange: (v: ExtraRules) => void; basis?: AudienceContext | null }) {
  const fields = [...NUM_FIELDS, ...OTHER_FIELDS, ...(basis?.ladder ? TIER_FIELDS : [])];
  const setRow = (id: number, row: Partial<Row>) => onChange({ ...value, rows: value.rows.map((r) => (r.id === id ? { ...r, ...row } : r)) });
  return (
    <div className="space-y-2" data-testid="rule-editor">
      {value.rows.length > 1 && (
        <label className="flex items-center gap-2 text-xs text-gray-600">
          {t('editorJoinLabel')}
          <select className={input} value={value.join} onChange={(e) => onChange({ ...value, join: e.target.value as 'and' | 'or' })} data-testid="rule-join">
            <option value="and">{t('editorJoinAnd')}</option>
            <option value="or">{t('editorJoinOr')}</option>
          </select>
        </label>
      )}
      {value.rows.map((row) => (
        <div key={row.id} className="flex flex-wrap items-center gap-2" data-testid="rule-row">
          <label className="flex items-center gap-1 text-xs text-gray-600">
            <input type="checkbox" checked={row.negate} onChange={(e) => setRow(row.id, { negate: e.target.checked })} data-testid="rule-not" />
            {t('editorNot')}
          </label>
          <select className={input} value={fieldOf(row.cond)} onChange={(e) => setRow(row.id, { cond: defaultCondition(e.target.value as Field, basis) })} data-testid="rule-field">
            {fields.map(([f, key]) => <option key={f} value={f}>{t(key)}</option>)}
          </select>
          <ConditionInput cond={row.cond} onChange={(cond) => setRow(row.id, { cond })} basis={basis} />
          <button type="button" className="text-xs text-gray-400 hover:text-red-600" onClick={() => onChange({ ...value, rows: value.rows.filter((r) => r.id !== row.id) })}
            data-testid="rule-remove">{t('editorRemove')}</button>
        </div>
      ))}
      <button type="button" className="text-xs text-orange-600" onClick={() => onChange({ ...value, rows: [...value.rows, newRow()] })} data-testid="rule-add">
        + {t('editorAdd')}
      </button>
    </div>
  );
}
