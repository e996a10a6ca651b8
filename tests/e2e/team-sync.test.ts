// 团队同步 (issue 21) as a shop with two agents lives it: two browser profiles, each with the built
// extension (a test build that has the loopback origin granted), syncing through a CouchDB-protocol server
// on 127.0.0.1 (express-pouchdb, tests/support/couch-server.ts). A reads page 1 of the sold orders, B
// page 2; after syncing both badge every order with the counts of both pages; A's note and 黑名单 tag are
// on B's card; B deletes a buyer and the buyer is gone on A; A works while the server is down and the two
// converge when it is back; the server holds no nick, order number or note in plain text; a wrong
// passphrase is refused; an order list left open shows what the other agent's machine sent.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectedBadgeCounts, generateShop, type ShopOrder } from '../shop/generate';
import { installConsole, SOLD_URL } from '../console/routes';
import { startCouchServer, type CouchServer } from '../support/couch-server';
import { launchWithExtension, loopbackGrantedBuild, readDb, type Launched } from './harness';
import { expectBadgeCounts } from './expect-badges';

const PAGE_SIZE = 20;
const shop = generateShop({ seed: 21, customers: 25, orders: 120, months: 2 });
const pageOf = (n: number) => shop.orders.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE);
const PASSPHRASE = '茶叶店全店共用的口令';
const SHOP_DB = 'laoke-teashop';

interface Agent {
  launched: Launched;
  console: Page;
  dashboard: Page;
}

let server: CouchServer;
let build: string;
let a: Agent;
let b: Agent;

async function agent(): Promise<Agent> {
  const launched = await launchWithExtension({ extensionDir: build });
  const log = await installConsole(launched.context, { shop });
  void log;
  // The shop's server: the one origin outside the consoles the browser may reach (everything else is aborted).
  await launched.context.route(`${server.url}/**`, (route) => route.continue());
  const dashboard = await launched.context.newPage();
  await dashboard.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/sync`);
  return { launched, console: await launched.context.newPage(), dashboard };
}

async function setUp(ag: Agent, name: string, passphrase = PASSPHRASE): Promise<void> {
  const d = ag.dashboard;
  await d.getByTestId('sync-url').fill(server.url);
  await d.getByTestId('sync-db').fill(SHOP_DB);
  await d.getByTestId('sync-agent').fill(name);
  await d.getByTestId('sync-passphrase').fill(passphrase);
  await d.getByTestId('sync-start').click();
}

/** A whole cycle now (answered when it is done), then the page says 已同步 (nothing waiting, the cycle through). */
async function synced(ag: Agent): Promise<void> {
  const status = await ask<{ on: boolean; pending: number; error?: string }>(ag, 'syncNow', {});
  expect(status).toMatchObject({ on: true, pending: 0 });
  expect(status.error).toBeUndefined();
  await expect.poll(() => ag.dashboard.getByTestId('sync-state').textContent(), { timeout: 30_000 }).toBe('已同步');
}

/** Extension-page request, as the card and the sync page send them. */
function ask<T>(ag: Agent, laoke: string, data: unknown): Promise<T> {
  return ag.dashboard.evaluate(async ([type, body]) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
    const reply = (await runtime.sendMessage({ laoke: type, data: body })) as { ok: boolean; value?: unknown; error?: string };
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }, [laoke, data] as const) as Promise<T>;
}

async function readPage(ag: Agent, n: number, seen: ShopOrder[]): Promise<void> {
  // The console opens on the page its URL names (as the real one does after 下一页 and a reload).
  await ag.console.goto(`${SOLD_URL}?pageNum=${n}&pageSize=${PAGE_SIZE}`);
  const truth = expectedBadgeCounts(seen);
  await expectBadgeCounts(ag.console, Object.fromEntries(pageOf(n).map((o) => [o.orderId, truth.get(o.orderId)!])));
}

describe('团队同步: two agents, one shop, one CouchDB server', () => {
  beforeAll(async () => {
    server = await startCouchServer();
    // The shop's administrator creates the database (Laoke never asks the server to create one).
    expect((await fetch(`${server.url}/${SHOP_DB}`, { method: 'PUT' })).status).toBe(201);
    build = loopbackGrantedBuild();
    [a, b] = await Promise.all([agent(), agent()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.launched.close(), b?.launched.close()]);
    await server?.stop();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  it('off until set up: the sync page says 未开启 and no request reached the server', async () => {
    await expect.poll(() => a.dashboard.getByTestId('sync-state').textContent()).toBe('未开启');
    const { doc_count } = (await (await fetch(`${server.url}/${SHOP_DB}`)).json()) as { doc_count: number };
    expect(doc_count).toBe(0);
  });

  it('A reads page 1 and B page 2; after syncing both badge every order with the counts of both pages', async () => {
    await setUp(a, '小王');
    await expect.poll(() => a.dashboard.getByTestId('sync-state').textContent(), { timeout: 30_000 }).toBe('已同步');
    await setUp(b, '小李');
    await expect.poll(() => b.dashboard.getByTestId('sync-state').textContent(), { timeout: 30_000 }).toBe('已同步');

    await readPage(a, 1, pageOf(1));
    await readPage(b, 2, pageOf(2));
    // The test means something: some order of page 2 counts differently once page 1 is known.
    const both = expectedBadgeCounts([...pageOf(1), ...pageOf(2)]);
    const alone = expectedBadgeCounts(pageOf(2));
    expect(pageOf(2).some((o) => both.get(o.orderId) !== alone.get(o.orderId))).toBe(true);

    await synced(a);
    await synced(b);
    await synced(a);
    // The lists still open on both machines show the whole team's counts without a reload (the worker
    // tells the console tabs when a cycle applied what another machine sent).
    const truthBoth = expectedBadgeCounts([...pageOf(1), ...pageOf(2)]);
    await expectBadgeCounts(a.console, Object.fromEntries(pageOf(1).map((o) => [o.orderId, truthBoth.get(o.orderId)!])));
    await expectBadgeCounts(b.console, Object.fromEntries(pageOf(2).map((o) => [o.orderId, truthBoth.get(o.orderId)!])));
    // Each reads its own page again and counts what the other read.
    await readPage(a, 1, [...pageOf(1), ...pageOf(2)]);
    await readPage(b, 2, [...pageOf(1), ...pageOf(2)]);
    for (const ag of [a, b]) {
      const dump = await readDb(ag.launched);
      expect(dump.orders.length).toBe(2 * PAGE_SIZE);
    }
  });

  it('A\'s note and 黑名单 tag are on B\'s card', async () => {
    const order = pageOf(1).find((o) => !o.customer.masked)!;
    const card = await ask<{ customer: { key: string } } | null>(a, 'customerCard', { platform: 'taobao', orderId: order.orderId });
    const key = card!.customer.key;
    await ask(a, 'saveCustomerNotes', { key, tags: ['黑名单'], notes: '过敏体质，别推荐香型款', phone: '' });
    await synced(a);
    await synced(b);
    const onB = await ask<{ customer: { notes: string; tags: string[] } } | null>(b, 'customerCard', { key });
    expect(onB!.customer).toMatchObject({ notes: '过敏体质，别推荐香型款', tags: ['黑名单'] });
  });

  it('B deletes a buyer (删除此客户) and the buyer is gone on A', async () => {
    const order = pageOf(2).find((o) => !o.customer.masked)!;
    const card = await ask<{ customer: { key: string } } | null>(b, 'customerCard', { platform: 'taobao', orderId: order.orderId });
    const key = card!.customer.key;
    expect((await readDb(a.launched)).customers.some((c) => c.key === key)).toBe(true);
    await ask(b, 'deleteCustomer', { key });
    await synced(b);
    await synced(a);
    const dump = await readDb(a.launched);
    expect(dump.customers.some((c) => c.key === key)).toBe(false);
    expect(dump.orders.some((o) => o.customerKey === key)).toBe(false);
  });

  it('A works while the server is down; the change waits and reaches B when the server is back', async () => {
    const order = pageOf(1).filter((o) => !o.customer.masked).at(-1)!;
    const card = await ask<{ customer: { key: string; tags: string[] } } | null>(a, 'customerCard', { platform: 'taobao', orderId: order.orderId });
    const key = card!.customer.key;
    await server.pause();
    try {
      await ask(a, 'saveCustomerNotes', { key, tags: card!.customer.tags, notes: '周末不在家，工作日送', phone: '' });
      // The card answers from this machine as ever.
      expect((await ask<{ customer: { notes: string } }>(a, 'customerCard', { key })).customer.notes).toBe('周末不在家，工作日送');
      await a.dashboard.getByTestId('sync-now').click();
      await expect.poll(() => a.dashboard.getByTestId('sync-state').textContent(), { timeout: 30_000 }).toContain('连不上服务器');
      // The popup says so too, in plain words.
      const popup = await a.launched.context.newPage();
      await popup.goto(`chrome-extension://${a.launched.extensionId}/popup.html`);
      await expect.poll(() => popup.getByTestId('popup-sync').textContent(), { timeout: 15_000 }).toContain('连不上服务器');
      await popup.close();
    } finally {
      await server.resume();
    }
    await synced(a);
    await synced(b);
    expect((await ask<{ customer: { notes: string } }>(b, 'customerCard', { key })).customer.notes).toBe('周末不在家，工作日送');
    const popup = await b.launched.context.newPage();
    await popup.goto(`chrome-extension://${b.launched.extensionId}/popup.html`);
    await expect.poll(() => popup.getByTestId('popup-sync').textContent(), { timeout: 15_000 }).toMatch(/团队同步：已同步 · 上次同步/);
    await popup.close();
  });

  it('the server\'s stored documents hold no nick, order number or note in plain text', async () => {
    const text = await (await fetch(`${server.url}/${SHOP_DB}/_all_docs?include_docs=true`)).text();
    const changes = await (await fetch(`${server.url}/${SHOP_DB}/_changes?include_docs=true&style=all_docs`)).text();
    const stored = text + changes;
    expect(stored.length).toBeGreaterThan(1000);
    const secrets = [...pageOf(1), ...pageOf(2)].flatMap((o) => [o.orderId, o.customer.nick, o.customer.buyerId ?? '']).filter((s) => s.length >= 4);
    for (const s of [...new Set(secrets), '过敏体质', '黑名单', '周末不在家', '小王', '小李']) {
      expect(stored.includes(s) || stored.includes(JSON.stringify(s).slice(1, -1)), s).toBe(false);
    }
  });

  it('a wrong passphrase is refused and syncs nothing', async () => {
    await b.dashboard.getByTestId('sync-stop').click();
    await expect.poll(() => b.dashboard.getByTestId('sync-state').textContent()).toBe('未开启');
    await setUp(b, '小李', '不是这家店的口令啊');
    await expect.poll(() => b.dashboard.getByTestId('sync-error').textContent(), { timeout: 30_000 }).toContain('口令不对');
    await expect.poll(() => b.dashboard.getByTestId('sync-state').textContent()).toBe('未开启');
  });
});
