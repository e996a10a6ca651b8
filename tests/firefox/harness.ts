// Debian's firefox-esr, headless, with the built add-on (.output/firefox-mv3) installed temporarily over
// WebDriver BiDi (webExtension.install), driven by puppeteer-core: the Firefox counterpart of
// tests/e2e/harness.ts. Playwright's Firefox is a patched build that is not available here; this is the
// Firefox a seller runs.
//
// Every console tab answers with the same replays as the Chromium suite (tests/console/routes.ts), by
// puppeteer's request interception; everything else is refused. Requests the interception cannot see
// (the add-on's background page, Firefox's own) go to a local proxy that records and refuses them, so
// "the extension makes no request of its own" is checked where such a request would go.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type HTTPRequest, type Page } from 'puppeteer-core';
import { consoleRoutes, type ConsoleLog, type ConsoleOptions } from '../console/routes';
import { call, type DeepQueryAll } from '../e2e/deep';
import { dumpDbInPage, type DbDump } from '../e2e/harness';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv3');
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on's id (wxt.config.ts, browser_specific_settings.gecko.id). */
export const ADDON_ID = 'laoke@laoke.app';
/**
 * The add-on's internal UUID (moz-extension://<uuid>/). Firefox draws one at random per profile; a fresh
 * profile told this one in `extensions.webextensions.uuids` uses it, and a test checks that the panel's
 * frame is served from it.
 */
export const ADDON_UUID = '6f1c2a3b-7d4e-4f5a-9b6c-0d1e2f3a4b5c';
export const ADDON_ORIGIN = `moz-extension://${ADDON_UUID}`;

export interface FirefoxLaunched {
  browser: Browser;
  /** The console replays' log, over every tab opened with consolePage(). */
  log: ConsoleLog;
  /** Requests that went past the interception to the network (the proxy), as "METHOD url" or "CONNECT host:port". */
  leaked: string[];
  /** A new tab whose requests the console replays answer. */
  consolePage(): Promise<Page>;
  /** A new tab on one of the add-on's own pages (popup.html, dashboard.html…), loaded. */
  extensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** A local HTTP proxy that answers nothing: it records each request and refuses it. */
async function refusingProxy(leaked: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    leaked.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket) => {
    leaked.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return server;
}

export async function launchFirefox(options: ConsoleOptions): Promise<FirefoxLaunched> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`no Firefox build at ${FIREFOX_EXTENSION_DIR}: run \`npm run build:firefox\` first`);
  }
  if (!existsSync(FIREFOX_PATH)) throw new Error(`no Firefox at ${FIREFOX_PATH}: apt-get install firefox-esr firefox-esr-l10n-zh-cn`);
  const leaked: string[] = [];
  const proxy = await refusingProxy(leaked);
  const { port } = proxy.address() as AddressInfo;
  const profile = mkdtempSync(join(tmpdir(), 'laoke-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocol: 'webDriverBiDi',
    userDataDir: profile,
    // The remote agent refuses to navigate a tab to a moz-extension:// page unless told it may (Firefox's
    // webdriver-safe schemes are http(s), file and blob); the popup is opened as a page that way.
    args: ['--remote-allow-system-access'],
    // Release builds ignore the remote settings server pref below unless this is set (Firefox's
    // services-settings Utils: "Allow by setting MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment").
    env: { ...process.env, LANG: 'zh_CN.UTF-8', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      // An unsigned add-on, installed temporarily (as about:debugging does).
      'xpinstall.signatures.required': false,
      'extensions.manifestV3.enabled': true,
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      // The add-on's i18n follows Firefox's UI language (zh-CN from Debian's firefox-esr-l10n-zh-cn).
      'intl.locale.requested': 'zh-CN',
      // Firefox's own icon fetch for each page (favicon.ico) is the browser's, not the page's or ours.
      'browser.chrome.site_icons': false,
      // Firefox's own traffic, which would reach the proxy and hide a request of ours among its own:
      // remote settings (blocklists, certificate revocations…) are polled from Mozilla's server.
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      // Everything that is not intercepted goes to the refusing proxy, localhost included.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (id !== ADDON_ID) throw new Error(`installed ${id}, expected ${ADDON_ID}`);
  const { log, answer } = consoleRoutes(options);

  const intercept = async (page: Page) => {
    await page.setRequestInterception(true);
    page.on('request', (req: HTTPRequest) => void route(req));
  };
  const route = async (req: HTTPRequest) => {
    const postData = req.hasPostData() ? await req.fetchPostData() : undefined;
    const a = answer({ method: req.method(), url: req.url(), headers: req.headers(), postData });
    if (a.action === 'continue') return req.continue();
    if (a.action === 'abort') return req.abort('internetdisconnected');
    return req.respond({ status: a.status ?? 200, headers: a.headers, contentType: a.contentType, body: a.body });
  };

  return {
    browser,
    log,
    leaked,
    async consolePage() {
      const page = await browser.newPage();
      await intercept(page);
      return page;
    },
    async extensionPage(path) {
      const page = await browser.newPage();
      await intercept(page);
      // Firefox 153's BiDi sends no load events for a tab that moves into the add-on's process, so
      // puppeteer's goto would wait for them in vain: start the navigation, then wait for the page itself.
      const url = `${ADDON_ORIGIN}/${path}`;
      void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
      await loaded(page, url);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((res) => proxy.close(res));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the tab shows `url`, fully loaded. Asked from here, again and again: while the tab moves
 * into the add-on's process an evaluation may fail inside Firefox's remote agent (a realm going away),
 * which would end an in-page wait at once.
 */
export async function loaded(page: Page, url: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const at = await page.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');
    if (at === url) return;
    if (Date.now() > deadline) throw new Error(`${url} never loaded`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The side panel's frame (panel.html inside <laoke-panel>). Firefox 153's BiDi leaves an add-on frame's
 * URL at about:blank for puppeteer, so each frame is asked where it is.
 */
export async function panelFrame(page: Page, timeout = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const href = await frame.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${ADDON_ORIGIN}/panel.html`)) return frame;
    }
    if (Date.now() > deadline) throw new Error('the side panel frame never loaded');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs `fn(deepQueryAll, arg)` in the page or frame (tests/e2e/deep.ts: open shadow roots too). */
export async function evaluateDeep<A, R>(target: Page | Frame, fn: (deepAll: DeepQueryAll, arg: A) => R, arg: A): Promise<R> {
  return (await target.evaluate(call(fn, arg))) as R;
}

/** Waits until `fn(deepQueryAll, arg)` is true in the page or frame. */
export async function waitForDeep<A>(target: Page | Frame, fn: (deepAll: DeepQueryAll, arg: A) => boolean, arg: A, timeout = 20_000): Promise<void> {
  await target.waitForFunction(call(fn, arg), { timeout, polling: 100 });
}

/** Badge attributes on the page, by order id (as tests/e2e/harness.ts badges()). */
export async function badges(page: Page | Frame): Promise<Map<string, { orders: number; identity: string; text: string }>> {
  const rows = await evaluateDeep(page, (deepAll) => deepAll('[data-laoke-badge]').map((el) => ({
    id: el.getAttribute('data-laoke-order-id') ?? '',
    orders: Number(el.getAttribute('data-laoke-orders')),
    identity: el.getAttribute('data-laoke-identity') ?? '',
    text: el.textContent ?? '',
  })), undefined);
  return new Map(rows.map((r) => [r.id, { orders: r.orders, identity: r.identity, text: r.text }]));
}

/** The add-on's IndexedDB `laoke`, read from one of its own pages with the raw IndexedDB API. */
export async function readDb(launched: FirefoxLaunched): Promise<DbDump> {
  const page = await launched.extensionPage('popup.html');
  try {
    return await page.evaluate(dumpDbInPage);
  } finally {
    await page.close();
  }
}
