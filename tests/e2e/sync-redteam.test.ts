// Red team, 团队同步 (issue 21): a hostile console page against team sync. The page's scripts try to
// start, stop, redirect or read sync with the request types' real shapes and valid bodies, through every
// channel a page has (window messages, DOM events, chrome.runtime from the page, frames of the extension's
// pages), while sync is off and while it is on. What is asserted is OBSERVED: requests that reached the
// shop's server or an attacker's server (counted by the servers and by the browser), and the sync state
// the extension's own page reads. "BLOCKED": the attack did not work.
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateShop } from '../shop/generate';
import { installConsole, SOLD_URL } from '../console/routes';
import { startCouchServer, type CouchServer } from '../support/couch-server';
import { launchWithExtension, loopbackGrantedBuild, type Launched } from './harness';

const PAGE_SIZE = 20;
const shop = generateShop({ seed: 2121, customers: 25, orders: 80, months: 2 });
const PASSPHRASE = '茶叶店全店共用的口令';
const SHOP_DB = 'laoke-teashop';

let server: CouchServer;
let evil: { url: string; hits: string[]; close(): Promise<void> };
let build: string;
let launched: Launched;
let dashboard: Page;
let consolePage: Page;
/** Every request the browser saw go to the shop's server or the attacker's, page's or extension's. */
const seen: string[] = [];

/** The attacker's server: counts whatever reaches it and answers like an empty CouchDB would not. */
async function evilServer(): Promise<typeof evil> {
  const hits: string[] = [];
  const s: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, hits, close: () => new Promise((r) => s.close(() => r())) };
}

function ask<T>(laoke: string, data: unknown): Promise<T> {
  return dashboard.evaluate(async ([type, body]) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
    const reply = (await runtime.sendMessage({ laoke: type, data: body })) as { ok: boolean; value?: unknown; error?: string };
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }, [laoke, data] as const) as Promise<T>;
}

/** The page's script: every request type of sync, with valid bodies, down every channel the page has. */
async function attack(p: Page, target: string, extensionId: string): Promise<Record<string, string>> {
  return p.evaluate(async ({ target, extensionId, db }) => {
    const out: Record<string, string> = {};
    const bodies = [
      { laoke: 'syncSetup', data: { url: target, db, agent: '攻击者', passphrase: '攻击者知道的口令很长' } },
      { laoke: 'syncStop', data: {} },
      { laoke: 'syncNow', data: {} },
      { laoke: 'syncStatus', data: {} },
    ];
    for (const m of bodies) {
      window.postMessage(m, '*');
      window.postMessage({ source: 'laoke', type: m.laoke, payload: m.data }, '*');
      window.postMessage(JSON.stringify(m), '*');
      document.dispatchEvent(new CustomEvent('laoke', { detail: m }));
      window.dispatchEvent(new MessageEvent('message', { data: m, origin: location.origin, source: window }));
    }
    // chrome.runtime from the page itself (only there for an externally_connectable extension).
    const chromeApi = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }).chrome;
    out.runtime = typeof chromeApi?.runtime?.sendMessage;
    if (out.runtime === 'function') {
      for (const m of bodies) {
        try {
          await chromeApi!.runtime!.sendMessage!(extensionId, m);
          out[m.laoke] = 'answered';
        } catch (e) {
          out[m.laoke] = String(e).slice(0, 80);
        }
      }
    }
    // The extension's pages in frames the page made (panel.html is web-accessible only under a dynamic id).
    for (const page of ['panel.html', 'dashboard.html#/sync', 'popup.html']) {
      const f = document.createElement('iframe');
      f.src = `chrome-extension://${extensionId}/${page}`;
      document.body.append(f);
      await new Promise((r) => setTimeout(r, 500));
      try {
        out[page] = String(f.contentDocument?.body?.innerText ?? 'no access').slice(0, 40);
      } catch {
        out[page] = 'cross-origin';
      }
    }
    return out;
  }, { target, extensionId, db: SHOP_DB });
}

/** What the page's DOM carries of Laoke: attribute names, and any word about sync. */
function laokeMarks(p: Page): Promise<{ names: string[]; text: string }> {
  return p.evaluate(() => {
    const names = new Set<string>();
    let text = '';
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (a.name.startsWith('data-laoke')) {
        names.add(a.name);
        text += ` ${a.value}`;
      }
    }
    return { names: [...names].sort(), text };
  });
}

async function settle(ms = 5_000): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

describe('red team (issue 21): a console page against team sync', () => {
  beforeAll(async () => {
    server = await startCouchServer();
    evil = await evilServer();
    expect((await fetch(`${server.url}/${SHOP_DB}`, { method: 'PUT' })).status).toBe(201);
    build = loopbackGrantedBuild();
    launched = await launchWithExtension({ extensionDir: build });
    await installConsole(launched.context, { shop });
    // Both loopback servers reachable (the test build has all of 127.0.0.1 granted: a redirect would go through).
    for (const u of [server.url, evil.url]) await launched.context.route(`${u}/**`, (route) => route.continue());
    launched.context.on('request', (r) => {
      if (r.url().startsWith(server.url) || r.url().startsWith(evil.url)) seen.push(r.url());
    });
    dashboard = await launched.context.newPage();
    await dashboard.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/sync`);
    consolePage = await launched.context.newPage();
  }, 120_000);
  afterAll(async () => {
    await launched?.close();
    await server?.stop();
    await evil?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  let marksOff: string[] = [];
  it('BLOCKED, sync off: the page forges syncSetup (to its own server), syncNow and syncStatus down every channel and feeds the list pages; no request leaves the browser to any sync server, and sync stays off', async () => {
    await consolePage.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
    await consolePage.waitForSelector('[data-laoke-badge]');
    const out = await attack(consolePage, evil.url, launched.extensionId);
    expect(out.runtime).not.toBe('function');
    expect(out['dashboard.html#/sync']).not.toContain('团队同步');
    await consolePage.goto(`${SOLD_URL}?pageNum=2&pageSize=${PAGE_SIZE}`);
    await consolePage.waitForSelector('[data-laoke-badge]');
    await settle();
    expect(await ask<{ on: boolean }>('syncStatus', {})).toEqual({ on: false });
    expect(evil.hits).toEqual([]);
    expect(seen).toEqual([]);
    const { doc_count } = (await (await fetch(`${server.url}/${SHOP_DB}`)).json()) as { doc_count: number };
    expect(doc_count).toBe(0);
    marksOff = (await laokeMarks(consolePage)).names;
  }, 60_000);

  it('BLOCKED, sync on: the page forges syncStop and a syncSetup to its own server; sync stays on, to the shop\'s server only, and the page\'s DOM is the same as with sync off', async () => {
    await dashboard.getByTestId('sync-url').fill(server.url);
    await dashboard.getByTestId('sync-db').fill(SHOP_DB);
    await dashboard.getByTestId('sync-agent').fill('小王');
    await dashboard.getByTestId('sync-passphrase').fill(PASSPHRASE);
    await dashboard.getByTestId('sync-start').click();
    await expect.poll(() => dashboard.getByTestId('sync-state').textContent(), { timeout: 30_000 }).toBe('已同步');

    await consolePage.goto(`${SOLD_URL}?pageNum=3&pageSize=${PAGE_SIZE}`);
    await consolePage.waitForSelector('[data-laoke-badge]');
    await attack(consolePage, evil.url, launched.extensionId);
    await consolePage.goto(`${SOLD_URL}?pageNum=4&pageSize=${PAGE_SIZE}`);
    await consolePage.waitForSelector('[data-laoke-badge]');
    await settle();
    const status = await ask<{ on: boolean; url: string; pending: number; agent: string }>('syncNow', {});
    expect(status).toMatchObject({ on: true, url: server.url, agent: '小王', pending: 0 });
    expect(evil.hits).toEqual([]);
    expect(seen.filter((u) => !u.startsWith(server.url))).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
    // Nothing on the page tells it sync is on: the same marks as with it off, no word of it.
    const on = await laokeMarks(consolePage);
    expect(on.names).toEqual(marksOff);
    expect(on.text).not.toMatch(/sync|同步|127\.0\.0\.1/i);
  }, 90_000);

  /** The extension origin's databases, and what the sync store holds (as an extension page reads them). */
  async function leftovers(): Promise<{ pouch: string[]; syncRows: string }> {
    return dashboard.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes('laoke-sync'));
      const rows = await new Promise<string>((resolve, reject) => {
        const req = indexedDB.open('laoke');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('sync').objectStore('sync').getAll();
          get.onsuccess = () => {
            req.result.close();
            resolve(JSON.stringify(get.result));
          };
        };
      });
      return { pouch: names, syncRows: rows };
    });
  }

  it('held: a server address with user:password is never shown (sync page, popup); 停止同步 leaves no keys, no settings and no local copy', async () => {
    const before = await leftovers();
    expect(before.pouch.length).toBe(1);
    await dashboard.getByTestId('sync-stop').click();
    await expect.poll(() => dashboard.getByTestId('sync-state').textContent(), { timeout: 15_000 }).toBe('未开启');
    await expect.poll(async () => (await leftovers()).pouch, { timeout: 15_000 }).toEqual([]);
    expect((await leftovers()).syncRows).toBe('[]');

    const withCredentials = server.url.replace('http://', 'http://admin:s3cret-pw@');
    await dashboard.getByTestId('sync-url').fill(withCredentials);
    await dashboard.getByTestId('sync-db').fill(SHOP_DB);
    await dashboard.getByTestId('sync-agent').fill('小王');
    await dashboard.getByTestId('sync-passphrase').fill(PASSPHRASE);
    await dashboard.getByTestId('sync-start').click();
    await expect.poll(() => dashboard.getByTestId('sync-state').textContent(), { timeout: 30_000 }).toBe('已同步');
    expect(await dashboard.locator('body').innerText()).not.toContain('s3cret-pw');
    expect(await dashboard.locator('body').innerHTML()).not.toContain('s3cret-pw');
    const popup = await launched.context.newPage();
    await popup.goto(`chrome-extension://${launched.extensionId}/popup.html`);
    await popup.getByTestId('popup-sync').waitFor();
    expect(await popup.locator('body').innerHTML()).not.toContain('s3cret-pw');
    await popup.close();
    // Nor is the passphrase kept anywhere in the extension's database.
    expect((await leftovers()).syncRows).not.toContain(PASSPHRASE);
    await dashboard.getByTestId('sync-stop').click();
    await expect.poll(async () => (await leftovers()).syncRows, { timeout: 15_000 }).toBe('[]');
  }, 90_000);
});
