// The audience builder's engine, in a worker of the extension's origin: it loads every customer once
// and answers counts while the seller types, and builds exports, without ever holding up the page.
//
// Two loads: first the customers digest (every audience field in columns, utils/db/digest.ts: over
// 100,000 customers a few hundred milliseconds, where reading the records takes seconds), which answers
// the first counts; then, in the background, the records themselves with the forecasts, which answer
// every count after and every export. Each count is exact over the data it was counted on; a rule on the
// predicted segments waits for the forecasts.
import type { AudienceRule, Suppression } from '@/utils/crm/audience';
import type { AudienceCustomer } from '@/utils/crm/types';
import { audienceMembers, exportAudience, loadAudienceData, loadAudienceDigest, newestFirst, readsForecasts, type AudienceData, type ExportedFile, type ExportRequest } from '@/utils/db/audiences';
import { db } from '@/utils/db/schema';

export type EngineRequest =
  | { type: 'load'; now: number }
  | { type: 'count'; key: string; rule: AudienceRule; suppression: Suppression; now: number }
  | { type: 'export'; suppression: Suppression; request: ExportRequest & { rule: AudienceRule } };

export type EngineResponse =
  /**
   * `folded`: the digest's log entries read besides its base (the page then has them folded on another
   * thread, once the records are in: `records`).
   */
  | { type: 'loaded'; basis: AudienceData['basis']; purchasers: number; folded: number; records: boolean }
  | { type: 'counted'; key: string; count: number; removed: { contacted: number; refund: number; badReview: number }; preview: AudienceCustomer[] }
  | { type: 'exported'; files: ExportedFile[]; members: number; holdout: number; id: number }
  /** Which request failed: the page shows it where the seller acted. */
  | { type: 'error'; of: EngineRequest['type']; message: string };

const PREVIEW = 50;
/** The records (and forecasts) of the current load: every export, and every count once they are in. */
let full: Promise<AudienceData> | undefined;
/** The current load's best data so far: the digest, then the records. */
let best: { data: AudienceData<AudienceCustomer>; records: boolean } | undefined;
/** The question waiting to be answered (only the latest one is). */
let latestCount: Extract<EngineRequest, { type: 'count' }> | undefined;
/** The page's latest question: answered again when a load brings fresher data. */
let latestAsked: Extract<EngineRequest, { type: 'count' }> | undefined;
/** Called once a count has gone out (the records are read after the first one). */
let firstAnswer: () => void = () => {};

const post = (r: EngineResponse) => postMessage(r);

async function answerCount(): Promise<void> {
  const req = latestCount;
  latestCount = undefined;
  if (!req || !full) return;
  // The digest answers while the records load, unless the rule needs the forecasts.
  if (!best || (!best.records && readsForecasts(req.rule))) {
    const waitFor = full;
    await waitFor;
    // A newer question, or a newer load: that one is answered instead (settle asks again).
    if (req !== latestAsked || waitFor !== full || !best) return;
  }
  const { members, removed } = audienceMembers(best.data, req.rule, req.suppression, req.now);
  post({ type: 'counted', key: req.key, count: members.length, removed, preview: newestFirst(members, PREVIEW) });
  firstAnswer();
}

function askCount(req: Extract<EngineRequest, { type: 'count' }>): void {
  // Keystrokes arrive faster than counts finish: only the latest one is answered.
  if (!latestCount) setTimeout(() => void answerCount().catch((err: unknown) => fail('count', err)), 0);
  latestCount = req;
}

/** Fresher data is in: the basis to the page, and the page's latest question answered again over it. */
function settle(data: AudienceData<AudienceCustomer>, records: boolean, folded = 0): void {
  best = { data, records };
  // The forecasts stay here (100,000 of them are not worth copying to the page; cards read their own).
  post({ type: 'loaded', basis: { ...data.basis, forecasts: undefined }, purchasers: data.customers.length, folded, records });
  if (latestAsked && !latestCount) askCount(latestAsked);
}

async function load(now: number): Promise<void> {
  best = undefined;
  let resolveFull!: (d: Promise<AudienceData>) => void;
  const mine = new Promise<AudienceData>((r) => (resolveFull = r));
  full = mine;
  // A failed digest read is no loss: the records answer instead.
  const digest = await loadAudienceDigest(db(), now).catch((err: unknown) => {
    console.error('[laoke] audience digest', err);
    return null;
  });
  if (full !== mine) return;
  if (digest) {
    const first = new Promise<void>((r) => (firstAnswer = r));
    settle(digest, false, digest.folded);
    // Let the page's first question be answered before the records are read (or go on after a second).
    await Promise.race([first, new Promise((r) => setTimeout(r, 1_000))]);
  }
  const reading = loadAudienceData(db(), now);
  resolveFull(reading);
  const loaded = await reading;
  if (full !== mine) return;
  settle(loaded as AudienceData<AudienceCustomer>, true);
}

async function handle(req: EngineRequest): Promise<void> {
  switch (req.type) {
    case 'load':
      await load(req.now);
      return;
    case 'count':
      latestAsked = req;
      askCount(req);
      return;
    case 'export': {
      if (!full) throw new Error('not loaded');
      const { members } = audienceMembers(await full, req.request.rule as AudienceRule, req.suppression, req.request.sentAt);
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
