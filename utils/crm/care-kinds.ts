// The names order care (订单关怀) is spoken in, apart from its rules so that the message protocol (also
// in the content script) can check them without carrying the rules: the script groups (快捷话术) and the
// refund problems.

export const SCRIPT_GROUPS = [
  'remind_pay', 'shipping', 'stalled', 'receipt_care', 'returns', 'invoice', 'damage', 'wrong_item', 'callback', 'bad_review_call',
  'retain_damage', 'retain_mismatch', 'retain_quality', 'retain_logistics', 'retain_firm', 'retain_other',
] as const;
export type ScriptGroup = (typeof SCRIPT_GROUPS)[number];
export const MAX_PHRASES = 20;
export const MAX_PHRASE_LENGTH = 300;

/** What went wrong, for the retention script: damage (compensate), mismatch (explain or exchange), a firm buyer (let go). */
export type RefundProblem = 'damage' | 'mismatch' | 'quality' | 'logistics' | 'firm' | 'other';
export const REFUND_PROBLEMS: readonly RefundProblem[] = ['damage', 'mismatch', 'quality', 'logistics', 'firm', 'other'];
