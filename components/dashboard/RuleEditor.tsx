// The conditions a seller adds to a preset: a group joined by 且 (AND) or 或 (OR), each condition
// optionally negated (不是, NOT). Nested groups are not offered: a preset AND one group covers what
// sellers ask for, and the rule read back stays a sentence.
import type { Condition, NumField } from '@/utils/crm/audience';
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

type Field = NumField | 'region' | 'platform' | 'tag' | 'segment';
const NUM_FIELDS: [NumField, MessageKey][] = [
  ['spendYuan', 'fieldSpend'], ['orders', 'fieldOrders'], ['daysSinceLast', 'fieldDaysSinceLast'],
  ['daysSinceFirst', 'fieldDaysSinceFirst'], ['pieces', 'fieldPieces'], ['maxPieces', 'fieldMaxPieces'],
];
const OTHER_FIELDS: [Field, MessageKey][] = [['region', 'fieldRegion'], ['platform', 'fieldPlatform'], ['tag', 'fieldTag'], ['segment', 'fieldSegment']];

function fieldOf(c: Condition): Field {
  return c.kind === 'num' ? c.field : (c.kind as Field);
}

function defaultCondition(field: Field): Condition {
  switch (field) {
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

function ConditionInput({ cond, onChange }: { cond: Condition; onChange: (c: Condition) => void }) {
  switch (cond.kind) {
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

export function RuleEditor({ value, onChange }: { value: ExtraRules; onChange: (v: ExtraRules) => void }) {
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
          <select className={input} value={fieldOf(row.cond)} onChange={(e) => setRow(row.id, { cond: defaultCondition(e.target.value as Field) })} data-testid="rule-field">
            {[...NUM_FIELDS, ...OTHER_FIELDS].map(([f, key]) => <option key={f} value={f}>{t(key)}</option>)}
          </select>
          <ConditionInput cond={row.cond} onChange={(cond) => setRow(row.id, { cond })} />
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
