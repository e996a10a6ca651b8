// Issue 14: the console page is untrusted. A script on the 千牛 sold page attacks as it could in a few
// lines, with the tap's real message shapes and valid order bodies (the replay's own asyncSold JSON):
// each attack writes nothing, moves nothing, deletes nothing and reads nothing, and the real pages still
// read right afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MAX_TAPPED_BODY_CHARS } from '@/utils/sites/endpoints';
import { TAP_SOURCE } from '@/utils/sites/tap-protocol';
import { installConsole, PAGE_HTML, SOLD_URL } from '../console/routes';
import { generateShop, isValidShopOrder, type ShopOrder } from '../shop/generate';
import { soldPage } from '../shop/taobao';
import { readSoldPage } from './expect-badges';
import { launchWithExtension, panelFrame, readDb, type DbDump, type Launched, seenClick } from './harness';

const PAGE_SIZE = 20;
const shop = generateShop({ seed: 14, customers: 25, orders: 80, months: 2 });
const SOLD_API = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';
const NOTE = '只收顺丰，13900001111 是她本人';

type MainOrder = { id: string; buyer: { id?: string; nick: string } } & Record<string, unknown>;
/** Page 1 as the console's own endpoint answers it: a valid body, every order parseable. */
const realPage1 = () => structuredClone(soldPage(shop, 1, PAGE_SIZE)) as { mainOrders: MainOrder[] } & Record<string, unknown>;

/** What must not change: every record of the stores an attack could touch. */
const stores = (d: DbDump) => ({ orders: d.orders, customers: d.customers, reviews: d.reviews, health: d.health });

describe('a hostile console page', () => {
  let launched: Launched;
  let sold: Page;
  const seen: ShopOrder[] = [];
  // A strong buyer of page 1 with an order there, whose card the seller annotates.
  const target = shop.orders.slice(0, PAGE_SIZE).find((o) => !o.customer.masked && o.customer.buyerId && isValidShopOrder(o))!;
  // Another strong buyer on page 1, the attacker's choice of victim for a forged move.
  const other = shop.orders.slice(0, PAGE_SIZE).find((o) => !o.customer.masked && o.customer.buyerId && o.customer.index !== target.customer.index)!;
  let before: ReturnType<typeof stores>;

  const settle = () => sold.waitForTimeout(1_500);
  const expectUnchanged = async () => {
    expect(stores(await readDb(launched))).toEqual(before);
  };

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
    await readSoldPage(sold, shop.orders, 1, PAGE_SIZE, seen);
    // The seller opens the buyer's card with their own click and writes a note.
    await sold.locator(`[data-laoke-badge][data-laoke-order-id="${target.orderId}"]`).click();
    const card = panelFrame(sold).locator('[data-testid="customer-card"]');
    await card.waitFor();
    await card.locator('[data-testid="card-notes"]').fill(NOTE);
    await seenClick(card.locator('[data-testid="card-save"]'));
    await card.locator('[data-testid="card-saved"]').waitFor();
    // The seller folds the panel away with their own click (it covers the pager).
    await panelFrame(sold).locator('[data-testid="panel-close"]').click();
    before = stores(await readDb(launched));
    expect(before.customers.find((c) => (c.purchases as string[] | undefined)?.includes(target.orderId))?.notes).toBe(NOTE);
  }, 60_000);
  afterAll(async () => launched?.close());

  it('a posted "captured response" (the tap\'s old shape) and a forged port handover, with valid bodies, write nothing', async () => {
    const body = realPage1();
    // A real order number under another buyer id, and a new order of the attacker's.
    const moved = body.mainOrders.find((o) => o.id === target.orderId)!;
    moved.buyer = { id: '999999999', nick: 'attacker' };
    const fresh = structuredClone(body.mainOrders[0]!);
    fresh.id = '4999999999999999999';
    body.mainOrders.push(fresh);
    await sold.evaluate(({ source, api, text }) => {
      window.postMessage({ source, kind: 'response', url: api, text }, location.origin);
      // A handover of the page's own: the isolated side takes only the tap's, which came first.
      const channel = new MessageChannel();
      window.postMessage({ source, kind: 'port' }, location.origin, [channel.port2]);
      channel.port1.postMessage({ url: api, text });
    }, { source: TAP_SOURCE, api: SOLD_API, text: JSON.stringify(body) });
    await settle();
    await expectUnchanged();
  });

  it('the page never gets the tap\'s port: the handover is stopped before any page listener', async () => {
    // The page's own first script, the first thing in its <head>, listening from its start.
    const page = await launched.context.newPage();
    const spy = `<script>window.__ports = 0; window.addEventListener('message', (e) => {
      if (e.data && e.data.source === ${JSON.stringify(TAP_SOURCE)} && e.ports.length) window.__ports++;
    }, true);</script>`;
    await page.route(/\/tp\/sold/, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE_HTML.replace('<head>', `<head>${spy}`) }));
    await page.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
    await page.waitForSelector('[data-laoke-badge]');
    expect(await page.evaluate(() => (window as unknown as { __ports: number }).__ports)).toBe(0);
    await page.close();
    // The tab read page 1 again (its health record says when); nothing else changed.
    const now = stores(await readDb(launched));
    expect({ ...now, health: [] }).toEqual({ ...before, health: [] });
    before = now;
  });

  it('patched Response.prototype, TextDecoder and XHR getters: the tap still forwards what the server sent', async () => {
    const forged = realPage1();
    for (const o of forged.mainOrders) o.buyer = { id: '999999999', nick: 'attacker' };
    await sold.evaluate(({ text }) => {
      const fake = () => Promise.resolve(new TextEncoder().encode(text).buffer);
      Response.prototype.clone = function clone(this: Response) { return new Response(text); };
      Response.prototype.arrayBuffer = fake;
      Response.prototype.text = () => Promise.resolve(text);
      Response.prototype.json = () => Promise.resolve(JSON.parse(text));
      TextDecoder.prototype.decode = () => text;
      Object.defineProperty(XMLHttpRequest.prototype, 'responseText', { get: () => text });
      Object.defineProperty(XMLHttpRequest.prototype, 'responseURL', { get: () => 'https://trade.taobao.com/trade/itemlist/asyncSold.htm' });
      MessagePort.prototype.postMessage = function post(this: MessagePort) {
        // Whatever the tap forwards, the attacker would rather it said this.
        return undefined;
      };
    }, { text: JSON.stringify(forged) });
    // The console's own paging (XMLHttpRequest) brings page 2; the page itself renders the forgery.
    const page2 = shop.orders.slice(PAGE_SIZE, 2 * PAGE_SIZE);
    seen.push(...page2);
    await sold.click('.next-pagination-list button[data-page="2"]');
    await expect.poll(async () => {
      const ids = new Set((await readDb(launched)).orders.map((o) => o.orderId));
      return page2.every((o) => ids.has(o.orderId));
    }, { timeout: 15_000 }).toBe(true);
    const after = await readDb(launched);
    // Stored as the server sent them: nobody was moved to the attacker.
    expect(after.orders.some((o) => String(o.customerKey).includes('999999999'))).toBe(false);
    expect(after.orders).toHaveLength(2 * PAGE_SIZE);
    expect(after.customers.find((c) => (c.purchases as string[] | undefined)?.includes(target.orderId))?.notes).toBe(NOTE);
    // Reload: the patches die with the page.
    await readSoldPage(sold, shop.orders, 1, PAGE_SIZE, shop.orders.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    before = stores(await readDb(launched));
  });

  it('a fake DOM table (a real order under another buyer, an order of its own) writes and reveals nothing', async () => {
    await sold.evaluate(({ realId, newId }) => {
      const body = document.querySelector('.next-table-body')!;
      const template = body.querySelector('table')!;
      for (const [id, nick] of [[realId, 'attacker'], [newId, 'attacker2']] as const) {
        const copy = template.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[data-laoke-badge]').forEach((b) => b.remove());
        copy.querySelector('.order-id')!.textContent = id;
        copy.querySelector('.buyer-mod__name___S9vit')!.textContent = nick;
        body.append(copy);
      }
    }, { realId: other.orderId, newId: '4888888888888888888' });
    await settle();
    await expectUnchanged();
    // The fake new order learned nothing from the database: no badge.
    expect(await sold.locator('[data-laoke-badge][data-laoke-order-id="4888888888888888888"]').count()).toBe(0);
  });

  it('scripted clicks on badges and the launcher open nothing; an order id written on a badge opens nothing', async () => {
    const frameShown = () => sold.evaluate(() => {
      const f = document.querySelector('laoke-panel')?.shadowRoot?.querySelector('iframe');
      return !!f && f.style.display !== 'none';
    });
    await expect.poll(frameShown).toBe(false);
    await sold.evaluate(({ victim }) => {
      const badge = document.querySelector<HTMLElement>('[data-laoke-badge]')!;
      badge.setAttribute('data-laoke-order-id', victim);
      badge.click();
      badge.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      (document.querySelector('laoke-panel')!.shadowRoot!.querySelector('[data-testid="panel-launcher"]') as HTMLElement).click();
    }, { victim: other.orderId });
    await sold.waitForTimeout(800);
    expect(await frameShown()).toBe(false);
    // Whatever the page wrote on the badge, a fresh page load badges the truth.
    await readSoldPage(sold, shop.orders, 1, PAGE_SIZE, shop.orders.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    before = stores(await readDb(launched));
  });

  it('the card\'s fields are out of the page\'s reach: no document to script, no note or phone in the page\'s DOM', async () => {
    // The seller opens the card again (trusted click).
    await sold.locator(`[data-laoke-badge][data-laoke-order-id="${target.orderId}"]`).click();
    const card = panelFrame(sold).locator('[data-testid="customer-card"]');
    await card.waitFor();
    expect(await card.locator('[data-testid="card-notes"]').inputValue()).toBe(NOTE);
    const attempt = await sold.evaluate(({ note }) => {
      const frame = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      let scripted = 'no document';
      try {
        const doc = frame.contentDocument;
        const notes = doc?.querySelector<HTMLTextAreaElement>('[data-testid="card-notes"]');
        if (notes) {
          notes.value = 'pwned';
          notes.dispatchEvent(new Event('input', { bubbles: true }));
          (doc!.querySelector('[data-testid="card-save"]') as HTMLElement).click();
          scripted = 'scripted';
        }
      } catch {
        scripted = 'refused';
      }
      // Messages posted into the frame are not read.
      frame.contentWindow?.postMessage({ target: { key: 'taobao:id:999999999' } }, '*');
      frame.contentWindow?.postMessage({ laoke: 'saveCustomerNotes', data: { key: 'x', tags: [], notes: 'pwned', phone: '' } }, '*');
      const walk = (root: Document | ShadowRoot): string => [...root.querySelectorAll('*')]
        .map((el) => (el.shadowRoot ? walk(el.shadowRoot) : '') + ((el as HTMLInputElement).value ?? '')).join(' ') + (root instanceof Document ? root.body.innerText : '');
      return { scripted, leaked: walk(document).includes(note) || walk(document).includes('13900001111') };
    }, { note: NOTE });
    expect(attempt.scripted).not.toBe('scripted');
    expect(attempt.leaked).toBe(false);
    await sold.waitForTimeout(800);
    expect(await card.locator('[data-testid="card-notes"]').inputValue()).toBe(NOTE);
    await expectUnchanged();
  });

  it('a copy of the panel page framed by the console itself (its URL read from our frame) takes nothing over: ours opens the card the seller clicked', async () => {
    await sold.evaluate(() => {
      const src = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!.src;
      const copy = Object.assign(document.createElement('iframe'), { src, id: 'copy' });
      copy.style.cssText = 'position:fixed;left:0;bottom:0;width:200px;height:120px';
      document.body.append(copy);
    });
    await sold.waitForTimeout(1_000);
    await sold.locator(`[data-laoke-badge][data-laoke-order-id="${other.orderId}"]`).click();
    const nick = panelFrame(sold).locator('[data-testid="customer-card"] [data-testid="card-nick"]');
    await expect.poll(() => nick.textContent()).toBe(other.customer.nick);
    await sold.evaluate(() => document.getElementById('copy')?.remove());
    await expectUnchanged();
  });

  it('a flood of 50,000 unique valid orders (100 posts of 500, both shapes) writes nothing; the real page 2 still reads right', async () => {
    const template = realPage1().mainOrders[0]!;
    await sold.evaluate(({ source, api, template }) => {
      const channel = new MessageChannel();
      window.postMessage({ source, kind: 'port' }, location.origin, [channel.port2]);
      for (let batch = 0; batch < 100; batch++) {
        const mainOrders = Array.from({ length: 500 }, (_, i) => ({
          ...template, id: String(4700000000000000000n + BigInt(batch * 500 + i)), buyer: { id: `flood${batch * 500 + i}`, nick: `flood${batch * 500 + i}` },
        }));
        const text = JSON.stringify({ error: '', extra: {}, page: { currentPage: 1, pageSize: 500, totalPage: 1 }, mainOrders });
        window.postMessage({ source, kind: 'response', url: api, text }, location.origin);
        channel.port1.postMessage({ url: api, text });
      }
    }, { source: TAP_SOURCE, api: SOLD_API, template });
    await sold.waitForTimeout(3_000);
    await expectUnchanged();
    // The seller goes on paging: page 2 reads right, every badge against the truth of all seen.
    await readSoldPage(sold, shop.orders, 2, PAGE_SIZE, seen.slice(0, PAGE_SIZE));
  });

  it('clickjacking: with the panel made invisible or covered by the page, the seller\'s own click on 删除此客户 deletes nothing', async () => {
    await readSoldPage(sold, shop.orders, 1, PAGE_SIZE, shop.orders.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    before = stores(await readDb(launched));
    await sold.locator(`[data-laoke-badge][data-laoke-order-id="${target.orderId}"]`).click();
    const card = panelFrame(sold).locator('[data-testid="customer-card"]');
    await card.waitFor();
    const key = (await card.getAttribute('data-customer-key'))!;
    for (const hide of ['opacity', 'cover'] as const) {
      await sold.evaluate((how) => {
        const host = document.querySelector<HTMLElement>('laoke-panel')!;
        if (how === 'opacity') host.style.opacity = '0';
        else {
          // Bait drawn over the panel that lets the click through to it.
          const bait = Object.assign(document.createElement('div'), { id: 'bait', textContent: '领取红包' });
          Object.assign(bait.style, { position: 'fixed', inset: '0', zIndex: '2147483647', background: '#fff', pointerEvents: 'none' });
          document.body.append(bait);
        }
      }, hide);
      await card.locator('[data-testid="card-delete"]').click({ force: true });
      await sold.waitForTimeout(300);
      await card.locator('[data-testid="card-delete-confirm"]').click({ force: true });
      await panelFrame(sold).locator('[data-testid="card-delete-hidden"]').waitFor();
      expect((await readDb(launched)).customers.some((c) => c.key === key)).toBe(true);
      await sold.evaluate(() => {
        document.querySelector<HTMLElement>('laoke-panel')!.style.opacity = '';
        document.getElementById('bait')?.remove();
      });
      await panelFrame(sold).getByRole('button', { name: '取消' }).click();
    }
    await expectUnchanged();
  });

  it('an oversized posted body is over the tap\'s limit and writes nothing', async () => {
    await sold.evaluate(({ source, api, n }) => {
      window.postMessage({ source, kind: 'response', url: api, text: 'x'.repeat(n) }, location.origin);
    }, { source: TAP_SOURCE, api: SOLD_API, n: MAX_TAPPED_BODY_CHARS + 1 });
    await settle();
    expect((await readDb(launched)).orders).toHaveLength(2 * PAGE_SIZE);
  });
});

describe('ingest never loses what the seller typed', () => {
  it('a buyer first read masked, then proven by id: the notes fold into the proven buyer; a save to the vanished record fails visibly and keeps the text', async () => {
    const small = generateShop({ seed: 15, customers: 20, orders: 40, months: 2 });
    const order = small.orders.slice(0, PAGE_SIZE).find((o) => !o.customer.masked && o.customer.buyerId && isValidShopOrder(o))!;
    let masked = true;
    const launched = await launchWithExtension();
    try {
      await installConsole(launched.context, {
        shop: small,
        soldReply: (pageNum, pageSize) => {
          if (!masked) return undefined;
          // Today the console shows this buyer masked and without an id (as the DOM or a narrower answer would).
          const body = soldPage(small, pageNum, pageSize) as { mainOrders: MainOrder[] };
          const row = body.mainOrders.find((o) => o.id === order.orderId);
          if (row) row.buyer = { nick: `${[...order.customer.nick][0]}**${[...order.customer.nick].at(-1)}` };
          return { body: JSON.stringify(body) };
        },
      });
      const first = await launched.context.newPage();
      await first.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
      const badge = first.locator(`[data-laoke-badge][data-laoke-order-id="${order.orderId}"]`);
      await expect.poll(() => badge.getAttribute('data-laoke-identity')).toBe('weak');
      await badge.click();
      const card = panelFrame(first).locator('[data-testid="customer-card"]');
      await card.waitFor();
      await card.locator('[data-testid="card-notes"]').fill('要发票');
      await card.locator('[data-testid="card-tags"]').fill('VIP');
      await seenClick(card.locator('[data-testid="card-save"]'));
      await card.locator('[data-testid="card-saved"]').waitFor();

      // Another tab reads the same page as the console answers it now: with the buyer id.
      masked = false;
      const second = await launched.context.newPage();
      await second.goto(`${SOLD_URL}?pageNum=1&pageSize=${PAGE_SIZE}`);
      await expect.poll(() => second.locator(`[data-laoke-badge][data-laoke-order-id="${order.orderId}"]`).getAttribute('data-laoke-identity')).toBe('strong');
      const dump = await readDb(launched);
      const proven = dump.customers.find((c) => (c.purchases as string[] | undefined)?.includes(order.orderId))!;
      expect(proven.identity).toBe('strong');
      expect(proven.notes).toBe('要发票');
      expect(proven.tags).toEqual(['VIP']);

      // The first tab's card still shows the masked record, which is gone: saving there fails, says so,
      // keeps what was typed and reloads on the buyer the order belongs to now.
      await card.locator('[data-testid="card-notes"]').fill('要发票，周末不收件');
      await seenClick(card.locator('[data-testid="card-save"]'));
      await panelFrame(first).locator('[data-testid="card-save-error"]').waitFor();
      expect(await panelFrame(first).locator('[data-testid="card-saved"]').count()).toBe(0);
      await expect.poll(() => card.locator('[data-testid="card-identity"]').getAttribute('data-identity')).toBe('strong');
      expect(await card.locator('[data-testid="card-notes"]').inputValue()).toBe('要发票，周末不收件');
      // Saved again, on the proven buyer.
      await seenClick(card.locator('[data-testid="card-save"]'));
      await card.locator('[data-testid="card-saved"]').waitFor();
      const after = (await readDb(launched)).customers.find((c) => c.key === proven.key)!;
      expect(after.notes).toBe('要发票，周末不收件');
    } finally {
      await launched.close();
    }
  });
});
