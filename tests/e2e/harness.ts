// Headless Chromium with the built extension loaded (.output/chrome-mv3), as a seller would run it.

import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { evaluateDeep } from './deep';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * The built extension with the loopback origin granted, as a test build of team sync may have it (issue
 * 21's contract): a copy of the production build whose manifest also lists `http://127.0.0.1/*` as a host
 * permission, so the sync page's permission request is answered without a prompt.
 */
export function loopbackGrantedBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'laoke-sync-build-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

/** Chromium with the built extension; `extension: false` gives the same browser without it (benchmarks). */
export async function launchWithExtension(options: { headless?: boolean; extension?: boolean; extensionDir?: string } = {}): Promise<Launched> {
  const withExtension = options.extension ?? true;
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension at ${extensionDir}: run \`npm run build\` first`);
  }
  // Lets context.route see (and abort) requests of the extension's service worker, should it make any.
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const userDataDir = mkdtempSync(join(tmpdir(), 'laoke-e2e-'));
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    // The extension's i18n follows the browser's UI language, which Chromium on Linux takes from here.
    env: { ...process.env, LANGUAGE: 'zh_CN', LANG: 'zh_CN.UTF-8' } as Record<string, string>,
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--lang=zh-CN',
      ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ],
  });
  let extensionId = '';
  if (withExtension) {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The side panel: the extension page panel.html in the iframe inside <laoke-panel> (DESIGN.md). */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('laoke-panel iframe');
}

export interface DbDump {
  orders: Record<string, unknown>[];
  customers: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  health: Record<string, unknown>[];
  replies: Record<string, unknown>[];
  /** The meta store, values summarised: a learned model by its size and what it learned from. */
  meta: { key: string; bytes: number; trainedOn: unknown }[];
  storeNames: string[];
}

/**
 * Run in one of the extension's own pages: the database `laoke` with the raw IndexedDB API. Self-contained
 * (it is serialised into the page), for the Chromium and the Firefox suites alike.
 */
export const dumpDbInPage = async (): Promise<DbDump> => {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('laoke');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const all = (store: string) =>
    db.objectStoreNames.contains(store)
      ? new Promise<Record<string, unknown>[]>((res, rej) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => res(req.result as Record<string, unknown>[]);
        req.onerror = () => rej(req.error);
      })
      : Promise.resolve([]);
  const dump = {
    orders: await all('orders'), customers: await all('customers'), reviews: await all('reviews'),
    health: await all('health'), replies: await all('replies'),
    meta: (await all('meta')).map((m) => {
      const v = m.value as { weights?: Float32Array; trainedOn?: unknown } | undefined;
      return { key: m.key as string, bytes: v?.weights?.byteLength ?? 0, trainedOn: v?.trainedOn };
    }),
    storeNames: [...db.objectStoreNames],
  };
  db.close();
  return dump;
};

/** Reads the extension's IndexedDB `laoke` from one of its own pages, with the raw IndexedDB API. */
export async function readDb(launched: Launched): Promise<DbDump> {
  const page = await launched.context.newPage();
  try {
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    return await page.evaluate(dumpDbInPage);
  } finally {
    await page.close();
  }
}

/** One store of the extension's database, whole, read from one of its own pages with the raw IndexedDB API. */
export async function readStore<T>(launched: Launched, store: string): Promise<T[]> {
  const page = await launched.context.newPage();
  try {
    await page.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    return await page.evaluate((name) => new Promise<T[]>((resolve, reject) => {
      const req = indexedDB.open('laoke');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const get = db.transaction(name).objectStore(name).getAll();
        get.onsuccess = () => { resolve(get.result as T[]); db.close(); };
        get.onerror = () => reject(get.error);
      };
    }), store);
  } finally {
    await page.close();
  }
}

/** Badge attributes on the page (in the document and in the page's open shadow roots), by order id. */
export async function badges(page: Page | Frame): Promise<Map<string, { orders: number; identity: string; text: string }>> {
  const rows = await evaluateDeep(page, (deepAll) => deepAll('[data-laoke-badge]').map((el) => ({
    id: el.getAttribute('data-laoke-order-id') ?? '',
    orders: Number(el.getAttribute('data-laoke-orders')),
    identity: el.getAttribute('data-laoke-identity') ?? '',
    text: el.textContent ?? '',
  })), undefined);
  return new Map(rows.map((r) => [r.id, { orders: r.orders, identity: r.identity, text: r.text }]));
}

/**
 * The seller's click on a control that writes or exports (components/seen-by-seller.ts): as a seller
 * would, scrolled into view and only once the browser has seen it wholly visible (its word comes some
 * 100 ms after it appears or scrolls in; a click before is refused, as a hidden one is).
 */
export async function seenClick(control: Locator): Promise<void> {
  // Wholly in view first (a control below the fold, or cut by the window's edge, is not), as the seller scrolls to it.
  await control.scrollIntoViewIfNeeded();
  await control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) el.scrollIntoView({ block: 'center' });
  });
  await expectSeen(control);
  await control.click();
}

async function expectSeen(control: Locator): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await control.getAttribute('data-seen')) !== 'true') {
    if (Date.now() > deadline) throw new Error('the control was never seen visible');
    await new Promise((r) => setTimeout(r, 50));
  }
}
