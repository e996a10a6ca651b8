// Runs in a plain Chromium page (real IndexedDB): audiences over a 100,000-customer database, as the
// dashboard and the side panel do it. Loading every customer, counting while the seller types, and
// exporting (record the campaign, build the file, hand it to the browser as a Blob).
import { describeRule, presetRule, type AudienceRule } from '@/utils/crm/audience';
import { audienceMembers, exportAudience, exportFile, loadAudienceData } from '@/utils/db/audiences';
import { LaokeDB } from '@/utils/db/schema';
import { syntheticCustomers as customers } from './customers';


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(n: number) {
  const now = Date.now();
  const db = new LaokeDB('laoke-audience-bench');
  await db.delete();
  await db.open();
  const all = customers(n, now);
  for (let i = 0; i < all.length; i += 5_000) await db.customers.bulkPut(all.slice(i, i + 5_000));

  // A raw read of the same store, the floor any load stands on.
  let t = performance.now();
  await new Promise<void>((done, fail) => {
    const req = db.backendDB().transaction('customers').objectStore('customers').getAll();
    req.onsuccess = () => done();
    req.onerror = () => fail(req.error);
  });
  const rawGetAllMs = performance.now() - t;

  t = performance.now();
  const data = await loadAudienceData(db, now);
  const loadMs = performance.now() - t;

  // Counting while typing: each keystroke re-runs rule + suppression over every customer.
  const rules: AudienceRule[] = [
    presetRule('all', data.basis),
    presetRule('returning', data.basis),
    presetRule('dormant', data.basis),
    { kind: 'and', rules: [presetRule('potential', data.basis), { kind: 'num', field: 'spendYuan', cmp: 'gte', value: 300 },
      { kind: 'not', rule: { kind: 'region', text: '北京' } }, { kind: 'segment', segment: 'rfm:at_risk' }] },
  ];
  const countMs: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < 5; k++) {
    for (const rule of rules) {
      t = performance.now();
      counts.push(audienceMembers(data, rule, { contactedWithinDays: 7, openRefund: true, badReviewWithinDays: 30 }, now).members.length);
      countMs.push(performance.now() - t);
    }
  }

  // Export of the whole shop (the worst case): members, campaign record, CSV, Blob.
  const rule = presetRule('all', data.basis);
  t = performance.now();
  const { members } = audienceMembers(data, rule, {}, now);
  const membersMs = performance.now() - t;
  // As the dashboard's worker does it (the worker hands the text over; the page makes the Blob).
  t = performance.now();
  const { files: [file], campaign } = await exportAudience(db, members, { name: 'bench', sentAt: now, rule, ruleText: describeRule(rule, (k) => k),
    format: 'csv', fileName: 'all', message: '', parts: 1, priceLi: 0, holdoutShare: 0.1 });
  const recordAndCsvMs = performance.now() - t;
  t = performance.now();
  const blob = new Blob([file!.text], { type: file!.mime });
  const blobMs = performance.now() - t;
  t = performance.now();
  const orders = exportFile(members, 'orders', 'all', now);
  const ordersText = new Blob([orders.text]);
  const orderNumbersMs = performance.now() - t;
  db.close();
  await db.delete();
  return {
    customers: n, purchasers: data.customers.length, rawGetAllMs, loadMs, medianCountMs: median(countMs), maxCountMs: Math.max(...countMs),
    exportMembers: members.length, exported: campaign.members.length, exportMembersMs: membersMs, recordAndCsvMs, blobMs, csvBytes: blob.size,
    orderNumbersMs, orderNumbersBytes: ordersText.size,
    exportClickToFileMs: membersMs + recordAndCsvMs + blobMs, counts: counts.slice(0, rules.length),
  };
}

(window as unknown as { runAudienceBench: typeof run }).runAudienceBench = run;
