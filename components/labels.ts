// Names of segments and presets in the seller's language, for every UI (the crm modules take a translator).
import { presetHint, presetName as presetNameOf, type PresetId } from '@/utils/crm/audience';
import { segmentName as segmentNameOf, type SegmentId, type Translate } from '@/utils/crm/segments';
import { t } from '@/utils/i18n';

export const tr: Translate = t;
export const segmentName = (s: SegmentId) => segmentNameOf(s, tr);
export const presetName = (p: PresetId) => presetNameOf(p, tr);
export const presetDescription = (p: PresetId, days?: number) => presetHint(p, tr, days);
