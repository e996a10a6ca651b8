// The dashboard's workers (analytics, audiences, the digests' compaction) are plain web workers of the
// extension's origin: no extension API exists in them, and webextension-polyfill throws when loaded there
// ("This script should only be loaded in a browser extension"), so the worker dies before it answers and
// the page stays busy for good. None of the modules they load at run time may reach an extension API
// (wxt/browser, the polyfill; utils/i18n and the messaging modules load them). A link module that loaded
// i18n, reached through ingest, once left the analytics page spinning.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, ROOT } from '../support/imports';

const WORKERS = ['analytics-worker', 'audience-worker', 'customers-digest-worker', 'digest-worker'];
const EXTENSION_ONLY = /^(wxt\/browser|webextension-polyfill|wxt\/utils\/)|^@\/utils\/(i18n|messaging)(\.ts)?$|^utils\/(i18n|messaging)\.ts$/;

describe('the dashboard workers', () => {
  it.each(WORKERS)('%s loads no extension API', (name) => {
    const { seen, hits } = importGraph(join(ROOT, `components/dashboard/${name}.ts`), EXTENSION_ONLY);
    expect(seen.size).toBeGreaterThan(3);
    expect(hits).toEqual([]);
  });
});
