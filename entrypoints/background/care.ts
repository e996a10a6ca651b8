// 订单关怀 in the background: the board for the side panel's 关怀 tab and the dashboard's #/care, the care
// log, the exports. Answered only to Laoke's own pages (utils/messaging.ts): a console page may see none of it.
import { db } from '@/utils/db/schema';
import { VersionedCache } from '@/utils/db/data-version';
import {
  CARE_SCRIPTS_KEY, CARE_SETTINGS_KEY, exportCareSection, loadCareData, recordCare, saveCareScripts, saveCareSettings, type CareData, type CareSection,
} from '@/utils/db/order-care';
import { t, type MessageKey } from '@/utils/i18n';
import type { Handlers } from '@/utils/messaging';

/** What a page is sent of each list: the dashboard shows 200, the panel 20. */
const CARE_PAGE_LIMIT = 200;

const SECTION_NAME: Record<CareSection, MessageKey> = {
  unpaid: 'careUnpaid', unshipped: 'careUnshipped', stalled: 'careStalled', received: 'careReceived', refunds: 'careRefunds',
};

/**
 * The board as last computed: again when what it reads changed (anyone's write) or after a minute (the
 * windows and the 最后读取 ages move with the clock). The popup's counts come from it too.
 */
const boards = new VersionedCache<CareData>(db, (now) => loadCareData(db(), now, CARE_PAGE_LIMIT), {
  stores: ['orders', 'customers', 'reviews', 'careActions', `meta:${CARE_SETTINGS_KEY}`, `meta:${CARE_SCRIPTS_KEY}`],
  maxAgeMs: 60_000,
});

export const careHandlers: Pick<Handlers, 'careBoard' | 'careCounts' | 'careRecord' | 'careExport' | 'careSaveSettings' | 'careSaveScripts'> = {
  careBoard: () => boards.get(),
  careCounts: async () => (await boards.get()).board.counts,
  careRecord: ({ platform, orderId, record }) => recordCare(db(), platform, orderId, record),
  careExport: ({ section }) => exportCareSection(db(), section, {
    campaign: t('careCampaignName', t(SECTION_NAME[section])),
    ruleText: t('careCampaignRule', t(SECTION_NAME[section])),
  }),
  careSaveSettings: (s) => saveCareSettings(db(), s),
  careSaveScripts: ({ group, phrases }) => saveCareScripts(db(), group, phrases),
};
