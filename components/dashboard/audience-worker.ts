// The audience builder's engine, in a worker of the extension's origin: it loads every customer once
// and answers counts while the seller types, and builds exports, without ever holding up the page.
import type { AudienceRule, Suppression } from '@/utils/crm/audience';
import type { Customer } from '@/utils/crm/types';
import { audienceMembers, exportAudience, loadAudienceData, newestFirst, type AudienceData, type ExportedFile, type ExportRequest } from '@/utils/db/audiences';
import { db } from '@/utils/db/schema';

export type EngineRequest =
  | { type: 'load'; now: number }
  | { type: 'count'; key: string; rule: AudienceRule; suppression: Suppression; now: number }
  | { type: 'export'; suppression: Suppression; request: ExportRequest & { rule: AudienceRule } };

export type EngineResponse =
  | { type: 'loaded'; basis: AudienceData['basis']; purchasers: number }
  | { type: 'counted'; key: string; count: number; removed: { contacted: number; refund: number; badReview: number }; preview: Customer[] }
  | { type: 'exported'; files: ExportedFile[]; members: number; holdout: number; id: number }
  /** Which request failed: the page shows it where the seller acted. */
  | { type: 'error'; of: EngineRequest['type']; message: string };

const PREVIEW = 50;
let data: Promise<AudienceData> | undefined;
let latestCount: Extract<EngineRequest, { type: 'count' }> | undefined;

const post = (r: EngineResponse) => postMessage(r);

async function answerCount(): Promise<void> {
  const req = latestCount;
  latestCount = undefined;
  if (!req || !data) return;
  const { members, removed } = audienceMembers(await data, req.rule, req.suppression, req.now);
  post({ type: 'counted', key: req.key, count: members.length, removed, preview: newestFirst(members, PREVIEW) });
}

async function handle(req: EngineRequest): Promise<void> {
  switch (req.type) {
    case 'load': {
      data = loadAudienceData(db(), req.now);
      const loaded = await data;
      // The forecasts stay here (100,000 of them are not worth copying to the page; cards read their own).
      post({ type: 'loaded', basis: { ...loaded.basis, forecasts: undefined }, purchasers: loaded.customers.length });
      return;
    }
    case 'count':
      // Keystrokes arrive faster than counts finish: only the latest one is answered.
      if (!latestCount) setTimeout(() => void answerCount().catch((err: unknown) => fail('count', err)), 0);
      latestCount = req;
      return;
    case 'export': {
      if (!data) throw new Error('not loaded');
      const { members } = audienceMembers(await data, req.request.rule as AudienceRule, req.suppression, req.request.sentAt);
      const { files, campaign } = await exportAudience(db(), members, req.request);
      post({ type: 'exported', files, members: campaign.members.length, holdout: campaign.holdout.length, id: campaign.id! });
    }
  }
}

function fail(of: EngineRequest['type'], err: unknown): void {
  post({ type: 'error', of, message: err instanceof Error ? err.message : String(err) });
}

addEventListener('message', (e: MessageEvent<EngineRequest>) => {
  void handle(e.data).catch((err: unknown) => fail(e.data.type, err));
});
