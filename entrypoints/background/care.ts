// 订单关怀 in the background: the board for the side panel's 关怀 tab and the dashboard's #/care, the care
// log, the exports. Answered only to Laoke's own pages (utils/messaging.ts): a console page may see none of it.
import { db } from '@/utils/db/schema';
import { exportCareSection, loadCareData, recordCare, saveCareScripts, saveCareSettings, type CareSection } from '@/utils/db/order-care';
import { t, type MessageKey } from '@/utils/i18n';
import type { Handlers } from '@/utils/messaging';

const SECTION_NAME: Record<CareSection, MessageKey> = {
  unpaid: 'careUnpaid', unshipped: 'careUnshipped', stalled: 'careStalled', received: 'careReceived', refunds: 'careRefunds',
};

export const careHandlers: Pick<Handlers, 'careBoard' | 'careRecord' | 'careExport' | 'careSaveSettings' | 'careSaveScripts'> = {
  careBoard: () => loadCareData(db()),
  careRecord: ({ platform, orderId, record }) => recordCare(db(), platform, orderId, record),
  careExport: ({ section }) => exportCareSection(db(), section, {
    campaign: t('careCampaignName', t(SECTION_NAME[section])),
    ruleText: t('careCampaignRule', t(SECTION_NAME[section])),
  }),
  careSaveSettings: (s) => saveCareSettings(db(), s),
  careSaveScripts: ({ group, phrases }) => saveCareScripts(db(), group, phrases),
};
