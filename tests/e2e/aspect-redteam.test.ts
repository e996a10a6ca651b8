// Red team, the seller's aspect corrections (correctAspects, Review.aspectCorrection, the shop's aspect
// model): the hostile Pinduoduo 评价管理 page attacks them as a page script in its main world could, with
// real message shapes and valid bodies. The seller has read 222 reviews (three pages of the console's own
// JSON; past the 200 the shop's aspect model needs) and opened the side panel on the review queue.
//
// Found: window messages, tap envelopes, ports, CustomEvents, chrome.runtime, scripting the frame, a
// covered / faded / framed-copy ×, and drawn rows are all blocked. Three holes were found and are fixed
// (each test below was first seen failing on the built extension): the "add a complaint" list was a
// <select> with no hidden-click guard (covered panel, framed copy: now guarded buttons, refused), and the
// page could move the visible panel frame under the second click of a double-click (now a second click
// never acts: components/seen-by-seller.ts clickVerdict).
// A changed text from the server drops the correction, by design; the model never counts more than is
// stored.
//
// Each `it` is one attack and asserts that it is BLOCKED: the seller's data is as it was (no
// aspectCorrection, analysis.complaints unchanged, no review written). An attack that worked is named
// "HOLE:" and still asserts the blocked behaviour, so it fails until the product is fixed; the comment
// above it says where the hole is. What the background received is watched from its service worker.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { TAP_SOURCE } from '@/utils/sites/tap-protocol';
import { installConsole, PDD_ORDERS_URL, PDD_REVIEWS_URL } from '../console/routes';
import { generateShop, type ShopOrder } from '../shop/generate';
import { pddOrders, pddOrderSn } from '../shop/pdd';
import { pddReviewPage, type ShopReview } from '../shop/reviews';
import { launchWithExtension, panelFrame, readDb, seenClick, type Launched } from './harness';

const DAY = 86_400_000;
const now = Date.now();
const PDD_REVIEWS_API = 'https://mms.pinduoduo.com/saturn/reviews/list';
const shop = generateShop({ seed: 21, customers: 25, orders: 70, months: 2, end: now - 3_600_000 });

// Reviews on orders of their own (order numbers apart from the shop's list), as aspect-correction.test.ts.
let seq = 0;
function review(daysAgo: number, text: string, kind: ShopReview['kind'], complaints: ShopReview['complaints']): ShopReview {
  const base = shop.orders[seq % shop.orders.length]!;
  const order: ShopOrder = { ...base, orderId: String(BigInt(base.orderId) + 3_000_000n + BigInt(seq)) };
  return { feedId: String(1_500_000_000_000 + ++seq), order, line: 0, kind, text, complaints, date: now - daysAgo * DAY - 3_600_000 };
}
// The victims, newest first (page 1): each attack aims at one of them.
const crushed = review(1, '收到时盒子压坏了', 'neg', ['damage']);
const cracked = review(1.5, '杯子有裂痕，联系客服没人回', 'neg', ['damage', 'service']);
const slow = review(2, '快递太慢了，等了一个星期', 'neg', ['logistics']);
const late = review(2.5, '东西还行，就是快递太慢了，等了五天', 'hidden', ['logistics']);
const dented = review(2.8, '茶不错，可惜罐子有点瘪了', 'hidden', ['damage']);
const VICTIMS = [crushed, cracked, slow, late, dented];
// Praise to fill the shop past the aspect model's 200 reviews with text (MIN_ASPECT_REVIEWS).
const PRAISE = ['茶很香，回购第三次了', '包装很用心，送人很有面子', '物流快，味道和店里说的一样', '性价比高，家里人都喜欢', '冲泡几次都不淡，好茶', '颜色很正，和图片一样'];
const fillers = Array.from({ length: 217 }, (_, i) => review(3 + (i % 50), `${PRAISE[i % PRAISE.length]}${'～'.repeat(i % 4)}`, 'pos', []));
const ALL = [...VICTIMS, ...fillers];

/**
 * What the console's server answers. `edits` stands for a server whose copy of a review has changed
 * since (the buyer edited it, or whatever the attacker could get it to answer): the page's own real
 * fetch of /saturn/reviews/list then brings that text to the tap, as it would any answer.
 */
const edits = new Map<string, { text?: string; title?: string }>();
function serverPage(pageNo: number, pageSize: number): string {
  const body = pddReviewPage(ALL, pageNo, pageSize) as { result: { data: Record<string, unknown>[] } };
  for (const row of body.result.data) {
    const e = edits.get(row.reviewId as string);
    if (e?.text !== undefined) row.comment = e.text;
    if (e?.title !== undefined) row.goodsName = e.title;
  }
  return JSON.stringify(body);
}

async function until(check: () => Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
  for (const end = Date.now() + timeout; !(await check()); await new Promise((r) => setTimeout(r, 250))) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
  }
}

type Stored = { reviewId: string; text: string; aspectCorrection?: { complaints: string[] }; analysis: { complaints: string[]; corrected?: boolean } } & Record<string, unknown>;
const storedReviews = async (launched: Launched) => (await readDb(launched)).reviews as Stored[];
const storedReview = async (launched: Launched, id: string) => (await storedReviews(launched)).find((r) => r.reviewId === id)!;
const aspectMeta = async (launched: Launched) => (await readDb(launched)).meta.find((m) => m.key === 'aspectModel');

/** One review of a panel page's queue (ours or a copy the page framed). */
const queueItem = (frame: FrameLocator, id: string) => frame.locator(`[data-testid="review-item"][data-review-id="${id}"]`);
const removeButton = (frame: FrameLocator, id: string, aspect: string) =>
  queueItem(frame, id).locator(`[data-testid="review-aspect-remove"][data-aspect="${aspect}"]`);

/** The seller's own (trusted) click in the middle of where `control` sits on screen, whatever covers it. */
async function sellerClickAt(page: Page, control: Locator): Promise<void> {
  const box = (await control.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * A bait on the page that, at its first `event` (mousedown, mousemove), slides our panel frame, fully
 * visible, so that the middle of `xBox` (a control's box, in page coordinates) sits under the cursor.
 */
async function slidingBait(page: Page, xBox: { x: number; y: number; width: number; height: number }, bait: { id: string; text: string; css: string; event: 'mousedown' | 'mousemove' }): Promise<void> {
  await page.evaluate(({ xBox, bait }) => {
    const f = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
    const r = f.getBoundingClientRect();
    // Where the control's middle is inside the frame (the attacker knows the panel's layout).
    const dx = xBox.x + xBox.width / 2 - r.left;
    const dy = xBox.y + xBox.height / 2 - r.top;
    const el = Object.assign(document.createElement('button'), { id: bait.id, textContent: bait.text });
    el.style.cssText = bait.css;
    let moved = false;
    el.addEventListener(bait.event, (e) => {
      if (moved) return;
      moved = true;
      Object.assign(f.style, { right: 'auto', left: `${e.clientX - dx}px`, top: `${e.clientY - dy}px` });
    });
    document.body.append(el);
  }, { xBox, bait });
}

/** Our panel frame back where Laoke put it. */
async function panelBack(page: Page): Promise<void> {
  await page.evaluate(() => {
    const f = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
    Object.assign(f.style, { right: '0', left: '', top: '0' });
  });
}

describe('red team: the seller\'s aspect corrections', () => {
  let launched: Launched;
  let page: Page;
  /** Every victim as stored before the attacks (after the first aspect model was learned and applied). */
  let before: Map<string, Stored>;
  /** The background's inbox: every Laoke request it received, who sent it. */
  const inbox = async () => {
    const sw = launched.context.serviceWorkers().find((w) => w.url().includes(launched.extensionId))!;
    return sw.evaluate(() => (globalThis as unknown as { __inbox: { type: string; url: string; data: unknown }[] }).__inbox);
  };
  const clearInbox = async () => {
    const sw = launched.context.serviceWorkers().find((w) => w.url().includes(launched.extensionId))!;
    await sw.evaluate(() => { (globalThis as unknown as { __inbox: unknown[] }).__inbox.length = 0; });
  };
  /** The victim exactly as before: no correction, the same complaints, the same text. */
  const expectUntouched = async (r: ShopReview) => {
    const now = await storedReview(launched, r.feedId);
    const was = before.get(r.feedId)!;
    expect(now.aspectCorrection, `${r.feedId}: aspectCorrection`).toBeUndefined();
    expect(now.analysis.complaints, `${r.feedId}: complaints`).toEqual(was.analysis.complaints);
    expect(now.analysis.corrected).toBeUndefined();
    expect(now.text).toBe(was.text);
  };

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop, pddReviewsReply: (pageNo, pageSize) => ({ body: serverPage(pageNo, pageSize) }) });
    // The shop's orders (its buyers are real ones to the database).
    const orders = await launched.context.newPage();
    await orders.goto(`${PDD_ORDERS_URL}?pageSize=100`);
    await orders.waitForFunction((n) => document.querySelectorAll('[data-laoke-badge]').length === n, pddOrders(shop).length, { timeout: 15_000 });
    await orders.close();
    // The seller pages through 评价管理: 3, 2, then 1 (the victims), 100 a page.
    page = await launched.context.newPage();
    for (const n of [3, 2, 1]) {
      await page.goto(`${PDD_REVIEWS_URL}?page=${n}&pageSize=100`);
      const rows = ALL.slice((n - 1) * 100, n * 100).length;
      await page.waitForFunction((k) => document.querySelectorAll('[data-laoke-review-badge]').length === k, rows, { timeout: 15_000 });
    }
    await until(async () => (await storedReviews(launched)).length === ALL.length, 'every review stored');
    // The shop's aspect model is learned (220 reviews with text) and every review read again with it.
    await until(async () => (await aspectMeta(launched))?.trainedOn === ALL.length, 'the aspect model learned');
    await new Promise((r) => setTimeout(r, 1_000));
    const stored = await storedReviews(launched);
    before = new Map(VICTIMS.map((v) => [v.feedId, stored.find((r) => r.reviewId === v.feedId)!]));
    for (const v of VICTIMS) expect(before.get(v.feedId)!.analysis.complaints).toEqual(v.complaints);
    // The background's inbox, watched from the service worker itself.
    const sw = launched.context.serviceWorkers().find((w) => w.url().includes(launched.extensionId))!;
    await sw.evaluate(() => {
      const g = globalThis as unknown as { __inbox: unknown[]; chrome: { runtime: { onMessage: { addListener(f: (m: any, s: any) => void): void } } } };
      g.__inbox = [];
      g.chrome.runtime.onMessage.addListener((m, s) => { g.__inbox.push({ type: m?.laoke ?? JSON.stringify(m).slice(0, 60), url: String(s.url), data: m?.data }); });
    });
    // The seller opens the side panel (their own click): the review queue, the victims in it.
    await page.locator('[data-testid="panel-launcher"]').click();
    await panelFrame(page).locator('[data-testid="review-queue"]').waitFor({ timeout: 15_000 });
    for (const v of VICTIMS) await queueItem(panelFrame(page), v.feedId).waitFor();
  }, 120_000);
  // Whatever an attack left on the page (a sheet, a bait, a copy, the host's opacity) goes before the next.
  afterEach(async () => {
    await page?.evaluate(() => {
      for (const id of ['sheet', 'bait', 'copy']) document.getElementById(id)?.remove();
      document.querySelector<HTMLElement>('laoke-panel')?.style.removeProperty('opacity');
    });
  });
  afterAll(async () => launched?.close());

  it('BLOCKED: window.postMessage, the tap\'s envelopes, MessageChannel ports and CustomEvents carrying {laoke: "correctAspects"} write no correction; nothing reaches the background', async () => {
    await clearInbox();
    const data = { platform: 'pdd', reviewId: crushed.feedId, complaints: ['mismatch'] };
    const request = { laoke: 'correctAspects', data };
    // A valid review page (the console's JSON shape) that would re-read the victim as 货不对板 and add one.
    const forgedPage = JSON.parse(serverPage(1, 1)) as { result: { data: Record<string, unknown>[]; totalRows: number } };
    forgedPage.result.data[0]!.comment = '颜色和图片完全不一样，货不对板';
    forgedPage.result.data.push({ ...forgedPage.result.data[0]!, reviewId: '1599999999999', comment: '假的差评，货不对板' });
    const result = await page.evaluate(({ request, data, source, api, text }) => {
      const frame = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      const panel = frame.contentWindow!;
      // Every plausible wrapping of the request, and of the tap's response envelope.
      const shapes: unknown[] = [
        request, { type: 'correctAspects', data }, { ...request, ...data }, { laoke: 'correctAspects', data, ok: true },
        { laokeTab: 'correctAspects', data }, { source, kind: 'correctAspects', data }, { source, kind: 'request', request },
        { source, kind: 'response', url: api, text }, { url: api, text }, JSON.stringify(request), [request],
        { target: { review: { platform: 'pdd', reviewId: data.reviewId } }, ...request },
      ];
      const targets: [Window, string][] = [[window, '*'], [window, location.origin], [window.top!, '*'], [panel, '*']];
      for (const shape of shapes) for (const [w, origin] of targets) w.postMessage(shape, origin);
      // The tap's handover again (the real one was taken at document_start), with a port of the page's,
      // to the window and to the panel; then the request and the forged page on that port.
      for (const w of [window, panel]) {
        const ch = new MessageChannel();
        w.postMessage({ source, kind: 'port' }, '*', [ch.port2]);
        ch.port1.postMessage(request);
        ch.port1.postMessage({ url: api, text });
      }
      // A synthetic MessageEvent claiming to come from this window, with a port (source and ports are
      // settable on a constructed event; only isTrusted is not).
      const ch = new MessageChannel();
      window.dispatchEvent(new MessageEvent('message', { data: { source, kind: 'port' }, source: window, origin: location.origin, ports: [ch.port2] }));
      ch.port1.postMessage({ url: api, text });
      ch.port1.postMessage(request);
      // CustomEvents with Laoke's and WXT's names, on the document, the window, and inside our open
      // shadow root (the launcher, the iframe element): the request as detail.
      const host = document.querySelector('laoke-panel')!;
      const nodes: EventTarget[] = [document, window, document.documentElement, host, host.shadowRoot!, frame];
      for (const type of ['correctAspects', 'laoke:correctAspects', 'laoke', 'message', 'laoke-tap', 'wxt:locationchange']) {
        for (const node of nodes) node.dispatchEvent(new CustomEvent(type, { detail: request, bubbles: true, composed: true }));
      }
      return { shapes: shapes.length };
    }, { request, data, source: TAP_SOURCE, api: PDD_REVIEWS_API, text: JSON.stringify(forgedPage) });
    expect(result.shapes).toBeGreaterThan(10);
    await page.waitForTimeout(2_500);
    // Nothing written: the victim as before, no review from the forged page.
    await expectUntouched(crushed);
    const stored = await storedReviews(launched);
    expect(stored).toHaveLength(ALL.length);
    expect(stored.some((r) => r.reviewId === '1599999999999' || r.text.includes('货不对板'))).toBe(false);
    expect(stored.some((r) => r.aspectCorrection)).toBe(false);
    // Nothing arrived: no correction and no review page from any sender (the panel's own reads aside).
    const got = await inbox();
    expect(got.length).toBeGreaterThan(0); // the watch works: it saw the extension's own page (readDb's popup) ask
    expect(got.filter((m) => m.type === 'correctAspects' || m.type === 'ingestReviews')).toEqual([]);
    expect(await queueItem(panelFrame(page), crushed.feedId).getAttribute('data-aspects')).toBe('damage');
  });

  it('BLOCKED: the page has no chrome.runtime.sendMessage / connect to the extension (no externally_connectable)', async () => {
    await clearInbox();
    const outcome = await page.evaluate(({ id, request }) => {
      const c = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }).chrome;
      const tried: Record<string, string> = { chrome: typeof c, runtime: typeof c?.runtime };
      for (const name of ['sendMessage', 'connect'] as const) {
        try {
          const f = c?.runtime?.[name] as ((id: string, m: unknown) => unknown) | undefined;
          if (!f) tried[name] = 'absent';
          else {
            f(id, name === 'sendMessage' ? request : { name: 'laoke-panel' });
            tried[name] = 'sent';
          }
        } catch (e) {
          tried[name] = String(e);
        }
      }
      return tried;
    }, { id: launched.extensionId, request: { laoke: 'correctAspects', data: { platform: 'pdd', reviewId: crushed.feedId, complaints: ['mismatch'] } } });
    // Observed: the page's `chrome` is an object without `runtime` at all; nothing could be sent.
    expect(outcome).toEqual({ chrome: 'object', runtime: 'undefined', sendMessage: 'absent', connect: 'absent' });
    await page.waitForTimeout(1_000);
    expect((await inbox()).filter((m) => m.type === 'correctAspects')).toEqual([]);
    await expectUntouched(crushed);
  });

  it('BLOCKED: the panel frame cannot be read or scripted: contentWindow.document, location, synthetic clicks and keys on the frame, contentWindow.focus() then the seller\'s keys', async () => {
    const tried = await page.evaluate(() => {
      const frame = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      const out: Record<string, string> = {};
      const attempt = (name: string, f: () => unknown) => {
        try {
          const v = f();
          out[name] = v === null || v === undefined ? String(v) : 'READ';
        } catch (e) {
          out[name] = (e as Error).name;
        }
      };
      attempt('contentDocument', () => frame.contentDocument);
      attempt('contentWindow.document', () => frame.contentWindow!.document);
      attempt('contentWindow.location.href', () => frame.contentWindow!.location.href);
      attempt('contentWindow.localStorage', () => (frame.contentWindow as unknown as { localStorage: Storage }).localStorage);
      // Synthetic pointer and keyboard events on the frame element (they stay in the page's document).
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) frame.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: 1100, clientY: 300 }));
      // Focus goes into the frame (allowed across origins); the page's scripted keys do not follow it.
      attempt('contentWindow.focus', () => { frame.contentWindow!.focus(); return undefined; });
      for (const key of ['Tab', 'ArrowDown', 'Enter', ' ']) document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      return out;
    });
    // Observed: the frame's document and location are out of reach (SecurityError / null).
    expect(tried).toMatchObject({
      contentDocument: 'null', 'contentWindow.document': 'SecurityError', 'contentWindow.location.href': 'SecurityError',
      'contentWindow.localStorage': 'SecurityError', 'contentWindow.focus': 'undefined',
    });
    // The frame has focus now (the page gave it), on no control of the frame: the seller's own keys
    // (scrolling, say) change nothing.
    for (const key of ['ArrowDown', 'ArrowDown', 'Space', 'Enter']) await page.keyboard.press(key);
    await page.waitForTimeout(1_000);
    for (const v of VICTIMS) await expectUntouched(v);
  });

  it('BLOCKED: our own panel covered by a page bait that lets clicks through (pointer-events: none): the seller\'s click on × removes nothing, and the panel says why', async () => {
    const frame = panelFrame(page);
    const x = removeButton(frame, crushed.feedId, 'damage');
    await x.scrollIntoViewIfNeeded();
    const box = (await x.boundingBox())!;
    await page.evaluate((b) => {
      // A white sheet over everything with a 领取红包 button drawn right where the × is.
      const sheet = Object.assign(document.createElement('div'), { id: 'sheet' });
      Object.assign(sheet.style, { position: 'fixed', inset: '0', zIndex: '2147483647', background: '#fff', pointerEvents: 'none' });
      const bait = Object.assign(document.createElement('button'), { textContent: '领取红包' });
      Object.assign(bait.style, { position: 'fixed', left: `${b.x - 40}px`, top: `${b.y - 10}px`, width: `${b.width + 80}px`, height: `${b.height + 20}px` });
      sheet.append(bait);
      document.body.append(sheet);
    }, box);
    await page.waitForTimeout(500);
    await sellerClickAt(page, x);
    // The click reached the × (the panel shows its refusal), and did nothing.
    await queueItem(frame, crushed.feedId).locator('[data-testid="review-aspect-hidden"]').waitFor();
    await page.waitForTimeout(800);
    await expectUntouched(crushed);
    expect(await queueItem(frame, crushed.feedId).getAttribute('data-aspects')).toBe('damage');
  });

  it('BLOCKED: our own panel made invisible (opacity 0 on <laoke-panel>) over a bait: the seller\'s click on × removes nothing, and the panel says why', async () => {
    const frame = panelFrame(page);
    const x = removeButton(frame, cracked.feedId, 'service');
    await x.scrollIntoViewIfNeeded();
    const box = (await x.boundingBox())!;
    await page.evaluate((b) => {
      // (Opacity makes the host a stacking context of its own, at the page's level: a bait with a z-index
      // would be drawn over the frame and take the click; one earlier in the document, none, lies under it.)
      document.querySelector<HTMLElement>('laoke-panel')!.style.opacity = '0';
      // The bait beneath the now invisible frame, where its × is.
      const bait = Object.assign(document.createElement('button'), { id: 'bait', textContent: '点击签到' });
      Object.assign(bait.style, { position: 'fixed', left: `${b.x - 40}px`, top: `${b.y - 10}px`, width: `${b.width + 80}px`, height: `${b.height + 20}px` });
      document.body.prepend(bait);
    }, box);
    await page.waitForTimeout(500);
    await sellerClickAt(page, x);
    await queueItem(frame, cracked.feedId).locator('[data-testid="review-aspect-hidden"]').waitFor();
    await page.waitForTimeout(800);
    await expectUntouched(cracked);
  });

  it('BLOCKED: an invisible copy of panel.html (its URL read from our open shadow root) framed over a bait: the seller\'s click on the copy\'s × removes nothing; the copy says why', async () => {
    await page.evaluate(() => {
      const ours = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      const url = new URL(ours.src);
      url.search = '?start=reviews';
      const copy = Object.assign(document.createElement('iframe'), { src: url.href, id: 'copy' });
      copy.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:900px;border:0;opacity:0;z-index:2147483647';
      const bait = Object.assign(document.createElement('button'), { id: 'bait', textContent: '领取红包' });
      bait.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:900px;z-index:2147483646;font-size:40px';
      document.body.append(bait, copy);
    });
    const copy = page.frameLocator('#copy');
    const x = removeButton(copy, crushed.feedId, 'damage');
    await x.waitFor({ timeout: 15_000 });
    // The copy is a real panel page: its queue reads the seller's reviews (the background answers it).
    expect(await queueItem(copy, crushed.feedId).getAttribute('data-aspects')).toBe('damage');
    // Slide the copy so that its × sits under the bait's middle; the seller clicks the bait.
    const inFrame = await x.evaluate((el) => el.getBoundingClientRect().y);
    await page.evaluate((top) => { const c = document.getElementById('copy')!; c.style.height = '3000px'; c.style.top = `${top}px`; c.style.width = '381px'; }, 400 - inFrame);
    await page.waitForTimeout(300);
    await page.evaluate(() => { document.getElementById('copy')!.style.width = '380px'; });
    await page.waitForTimeout(600);
    await sellerClickAt(page, x);
    await queueItem(copy, crushed.feedId).locator('[data-testid="review-aspect-hidden"]').waitFor();
    await page.waitForTimeout(800);
    await expectUntouched(crushed);
  });

  // Was a HOLE: the list that adds a complaint was a <select> whose onChange sent correctAspects at once,
  // with no useSellerClick check. Covered by the page (the same pointer-events: none sheet the × refuses
  // above), the seller's click on the bait focused it; Escape and ↓ changed its value, written as the
  // seller's correction. Now it opens on a guarded button (data-testid review-aspect-add) and each choice
  // is one: the covered click is refused, and the keys the seller presses next (Esc, ↓, Space, Enter on
  // the focused button) are refused too (a keyboard click needs the control seen now).
  it('BLOCKED (was a HOLE): our own panel covered by a bait: the seller\'s click on the bait lands on the covered "add a complaint" button, and the keys they press next (Esc, ↓, Space, Enter) write nothing', async () => {
    const frame = panelFrame(page);
    const list = queueItem(frame, slow.feedId).locator('[data-testid="review-aspect-add"]');
    await list.scrollIntoViewIfNeeded();
    const box = (await list.boundingBox())!;
    await page.evaluate((b) => {
      const sheet = Object.assign(document.createElement('div'), { id: 'sheet' });
      Object.assign(sheet.style, { position: 'fixed', inset: '0', zIndex: '2147483647', background: '#fff', pointerEvents: 'none' });
      const bait = Object.assign(document.createElement('button'), { textContent: '点击查看物流详情 ↓' });
      Object.assign(bait.style, { position: 'fixed', left: `${b.x - 40}px`, top: `${b.y - 10}px`, width: `${b.width + 80}px`, height: `${b.height + 20}px` });
      sheet.append(bait);
      document.body.append(sheet);
    }, box);
    await page.waitForTimeout(500);
    await sellerClickAt(page, list);
    // The seller closes what popped up, scrolls on, and presses the keys a focused button takes.
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1_500);
    // No choice opened: the list's choices are not there to be pressed.
    expect(await queueItem(frame, slow.feedId).locator('[data-testid="review-aspect-add-option"]').count()).toBe(0);
    const refused = await queueItem(frame, slow.feedId).locator('[data-testid="review-aspect-hidden"]').count();
    const now = await storedReview(launched, slow.feedId);
    expect({ correction: now.aspectCorrection?.complaints ?? null, complaints: now.analysis.complaints, refused: refused > 0 })
      .toEqual({ correction: null, complaints: before.get(slow.feedId)!.analysis.complaints, refused: true });
  });

  // Was a HOLE (the same cause as above, through the copy): the page frames its own invisible copy of
  // panel.html (the URL is in our frame's src, readable in our open shadow root; use_dynamic_url does not
  // hide it from the page) over a bait; the copy's <select> took the seller's click and keys, and the
  // copy, an extension page, is allowed correctAspects. Now the copy's guarded button refuses them.
  it('BLOCKED (was a HOLE): an invisible copy of panel.html over a bait: the seller\'s click lands on the copy\'s "add a complaint" button, Esc, ↓, Space and Enter write nothing', async () => {
    await page.evaluate(() => {
      const ours = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      const url = new URL(ours.src);
      url.search = '?start=reviews';
      const copy = Object.assign(document.createElement('iframe'), { src: url.href, id: 'copy' });
      copy.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:3000px;border:0;opacity:0;z-index:2147483647';
      const bait = Object.assign(document.createElement('button'), { id: 'bait', textContent: '点击领取优惠券' });
      bait.style.cssText = 'position:fixed;left:0;top:0;width:380px;height:900px;z-index:2147483646;font-size:40px';
      document.body.append(bait, copy);
    });
    const copy = page.frameLocator('#copy');
    const list = queueItem(copy, late.feedId).locator('[data-testid="review-aspect-add"]');
    await list.waitFor({ timeout: 15_000 });
    // The copy slid so that the list sits in the middle of the bait.
    const inFrame = await list.evaluate((el) => el.getBoundingClientRect().y);
    await page.evaluate((top) => { const c = document.getElementById('copy')!; c.style.top = `${top}px`; c.style.width = '381px'; }, 450 - inFrame);
    await page.waitForTimeout(300);
    await page.evaluate(() => { document.getElementById('copy')!.style.width = '380px'; });
    await page.waitForTimeout(600);
    await sellerClickAt(page, list);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1_500);
    expect(await queueItem(copy, late.feedId).locator('[data-testid="review-aspect-add-option"]').count()).toBe(0);
    const refused = await queueItem(copy, late.feedId).locator('[data-testid="review-aspect-hidden"]').count();
    const now = await storedReview(launched, late.feedId);
    expect({ correction: now.aspectCorrection?.complaints ?? null, complaints: now.analysis.complaints, refused: refused > 0 })
      .toEqual({ correction: null, complaints: before.get(late.feedId)!.analysis.complaints, refused: true });
  });

  // Was a HOLE: double-clickjacking. The page can restyle our own panel frame: <laoke-panel>'s shadow root is
  // open (entrypoints/console.content/features/side-panel.ts, createHost: attachShadow
  // {mode: 'open'}; the iframe's inline style is the page's to change) and nothing watches the frame's
  // place. The seller double-clicks a bait on the page; at the first press the page moves the panel,
  // fully visible, so that a × sits under the cursor, and the second press lands on it. The × was never
  // covered, faded or transformed, so the browser's last word on it (IntersectionObserver v2, delay
  // 100 ms) stays "visible" and the rule of components/seen-by-seller.ts (clickVerdict: trusted, seen at
  // press and at click) lets the × act: the seller never chose it. Observed: the review's complaint is
  // removed (aspectCorrection {complaints: []}). Every SellerButton of the panel is open to the same move
  // (copy a draft, 保存, 删除此客户 and its confirm with a triple-click bait). Fixed for all of them: the
  // second (and third) click of a multi-click never acts (clickVerdict, detail ≥ 2).
  it('BLOCKED (was a HOLE): a double-click bait; the page moves our visible panel frame under the cursor between the two clicks: the second click on × removes nothing', async () => {
    const frame = panelFrame(page);
    const x = removeButton(frame, dented.feedId, 'damage');
    await x.scrollIntoViewIfNeeded();
    await until(async () => (await x.getAttribute('data-seen')) === 'true', 'the × seen visible');
    const xBox = (await x.boundingBox())!;
    await slidingBait(page, xBox, { id: 'bait', text: '双击领取红包', css: 'position:fixed;left:200px;top:380px;width:300px;height:80px;font-size:24px', event: 'mousedown' });
    // The seller double-clicks the bait (two presses 120 ms apart, as a double-click is).
    await page.mouse.move(350, 420);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForTimeout(120);
    await page.mouse.down({ clickCount: 2 });
    await page.mouse.up({ clickCount: 2 });
    await page.waitForTimeout(1_500);
    const now = await storedReview(launched, dented.feedId);
    await panelBack(page);
    expect({ correction: now.aspectCorrection?.complaints ?? null, complaints: now.analysis.complaints })
      .toEqual({ correction: null, complaints: before.get(dented.feedId)!.analysis.complaints });
  });

  // The same move for a single click: the seller hovers a bait; the page slides our fully visible panel
  // so that a × sits under the cursor, and the seller clicks a moment later. Nothing covers or fades the
  // ×, so the browser calls it visible; the top frame's content script sees the frame move (it samples
  // the frame's place while the panel shows) and tells the panel (background → panel page), which refuses
  // clicks for a second after a move (components/seen-by-seller.ts, MOVED_SETTLE_MS). Once the panel has
  // stayed put, the seller's own click works again.
  it('BLOCKED: a hover bait; the page slides our visible panel frame under the cursor and the seller clicks a moment later: the × removes nothing, and works once the panel stayed put', async () => {
    const frame = panelFrame(page);
    const x = removeButton(frame, dented.feedId, 'damage');
    await x.scrollIntoViewIfNeeded();
    await until(async () => (await x.getAttribute('data-seen')) === 'true', 'the × seen visible');
    const xBox = (await x.boundingBox())!;
    await slidingBait(page, xBox, { id: 'hover-bait', text: '领取优惠券', css: 'position:fixed;left:150px;top:500px;width:300px;height:80px;font-size:24px', event: 'mousemove' });
    await page.mouse.move(300, 540);
    await page.mouse.move(301, 541);
    await page.waitForTimeout(350);
    // The × is under the cursor now, fully visible: the seller's click lands on it.
    const under = await page.evaluate(() => {
      const f = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      return document.elementFromPoint(301, 541) === document.querySelector('laoke-panel') && f.style.left !== '';
    });
    expect(under).toBe(true);
    await page.mouse.down();
    await page.mouse.up();
    await queueItem(frame, dented.feedId).locator('[data-testid="review-aspect-hidden"]').waitFor();
    await page.waitForTimeout(800);
    await expectUntouched(dented);
    // Put the panel back; once it has stayed put, the seller's own click on × acts.
    await page.evaluate(() => document.getElementById('hover-bait')?.remove());
    await panelBack(page);
    await page.waitForTimeout(1_500);
    await seenClick(x);
    await expect.poll(async () => (await storedReview(launched, dented.feedId)).aspectCorrection?.complaints).toEqual([]);
  });

  it('BLOCKED: review rows the page draws in the DOM (no JSON) with a real review\'s and a real buyer\'s order numbers write no review and no correction', async () => {
    const reviewedSn = pddOrderSn(crushed.order);
    const buyerOrder = pddOrders(shop)[0]!;
    const buyerSn = pddOrderSn(buyerOrder);
    const dbBefore = await readDb(launched);
    expect(dbBefore.orders.some((o) => o.orderId === buyerSn)).toBe(true); // a real order of a real buyer, stored
    await page.evaluate(({ rows }) => {
      const body = document.querySelector('#mf-mms-evaluation-container tbody')!;
      for (const r of rows) {
        // The console's own row markup (tests/console/pdd-reviews.js): a group header, then the review.
        const head = document.createElement('tr');
        head.className = 'TB_bodyGroupHeader_5-120-1';
        head.innerHTML = `<td colspan="4">${r.nick}  评价时间：2025-01-01 10:00:00</td>`;
        const row = document.createElement('tr');
        row.innerHTML = `<td><div>★</div><div>${r.text}</div></td><td>${r.title}</td><td>订单编号：${r.sn}</td><td><button>回复</button></td>`;
        body.prepend(head, row);
      }
    }, { rows: [
      { sn: reviewedSn, nick: '王***', text: '颜色和图片完全不一样，货不对板，差评', title: '假标题' },
      { sn: buyerSn, nick: '李***', text: '收到是坏的，快递也慢，客服不理人', title: buyerOrder.lines[0]!.item.title },
    ] });
    await page.waitForTimeout(2_000);
    const after = await readDb(launched);
    expect(after.reviews).toEqual(dbBefore.reviews);
    expect((after.reviews as Stored[]).some((r) => r.orderId === buyerSn)).toBe(false);
    await expectUntouched(crushed);
    // Observed (by design of the badges): the drawn row carrying the reviewed order's number gets the real
    // review's badge, with what Laoke read from the JSON; the buyer's order, never reviewed, gets none.
    const drawn = await page.evaluate(({ reviewedSn, buyerSn }) => [reviewedSn, buyerSn].map((sn) => {
      const rows = [...document.querySelectorAll('tr')].filter((tr) => tr.textContent?.includes(`订单编号：${sn}`));
      return rows.map((tr) => tr.previousElementSibling?.querySelector('[data-laoke-review-badge]')?.getAttribute('data-laoke-aspects') ?? null);
    }), { reviewedSn, buyerSn });
    expect(drawn[1]).toEqual([null]);
    for (const aspects of drawn[0]!) expect([null, 'damage']).toContain(aspects);
  });

  it('BY DESIGN / BLOCKED: after the seller\'s correction, the page\'s own fetches bring the review back with another text: the correction is dropped with that text (not with a new title); the aspect model never learns from more reviews than are stored', async () => {
    const frame = panelFrame(page);
    await clearInbox();
    // The seller's own correction of crushed: × on 破损, then 货不对板 from the list.
    await seenClick(removeButton(frame, crushed.feedId, 'damage'));
    await expect.poll(async () => queueItem(frame, crushed.feedId).getAttribute('data-aspects')).toBe('');
    await seenClick(queueItem(frame, crushed.feedId).locator('[data-testid="review-aspect-add"]'));
    await seenClick(queueItem(frame, crushed.feedId).locator('[data-testid="review-aspect-add-option"][data-aspect="mismatch"]'));
    await expect.poll(async () => (await storedReview(launched, crushed.feedId)).aspectCorrection?.complaints).toEqual(['mismatch']);
    // (The inbox watch of the first attack sees a correction when there is one: these two, from panel.html.)
    const sent = (await inbox()).filter((m) => m.type === 'correctAspects');
    expect(sent.map((m) => new URL(m.url).pathname)).toEqual(['/panel.html', '/panel.html']);
    // The correction is learned from: the aspect model is learned again, from the stored reviews.
    const metaBefore = (await aspectMeta(launched))!;
    await page.waitForTimeout(3_000);
    expect((await aspectMeta(launched))!.trainedOn).toBe(ALL.length);

    // The page asks the real endpoint itself (its own fetch, tapped like the console's), many times.
    const ask = (n: number) => page.evaluate(async ({ api, n }) => {
      for (let i = 0; i < n; i++) {
        await fetch(api, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ pageNo: 1, pageSize: 100, descScore: [], orderSn: '', startTime: 0, endTime: 0 }) }).then((r) => r.text());
      }
    }, { api: PDD_REVIEWS_API, n });
    // 1. The same text under another item title (titleContext reads titles): the correction stands.
    edits.set(crushed.feedId, { title: '苹果 iPhone 15 手机壳 防摔' });
    await ask(1);
    await until(async () => (await storedReview(launched, crushed.feedId)).itemTitle === '苹果 iPhone 15 手机壳 防摔', 'the new title stored');
    let now = await storedReview(launched, crushed.feedId);
    expect(now.aspectCorrection?.complaints).toEqual(['mismatch']);
    expect(now.analysis).toMatchObject({ complaints: ['mismatch'], corrected: true });
    // 2. Another text for the same review id: read afresh, the seller's correction is gone with the old
    // text (mergeReview keeps it only while text and 追评 are the ones corrected). Observed: dropped.
    edits.set(crushed.feedId, { text: '盒子压坏了，里面的杯子也碎了' });
    await ask(1);
    await until(async () => (await storedReview(launched, crushed.feedId)).text === '盒子压坏了，里面的杯子也碎了', 'the new text stored');
    now = await storedReview(launched, crushed.feedId);
    expect(now.aspectCorrection).toBeUndefined();
    expect(now.analysis.corrected).toBeUndefined();
    expect(now.analysis.complaints).toContain('damage');
    // The old text back: the correction does not come back (it was not kept).
    edits.set(crushed.feedId, {});
    await ask(1);
    await until(async () => (await storedReview(launched, crushed.feedId)).text === crushed.text, 'the old text back');
    expect((await storedReview(launched, crushed.feedId)).aspectCorrection).toBeUndefined();
    // 3. Thirty more re-readings, the text changing every time: still one review per id, and the model
    // (learned again or not) never counts more reviews than the database holds.
    for (let i = 0; i < 30; i++) {
      edits.set(crushed.feedId, { text: `盒子压坏了${'！'.repeat(i + 1)}` });
      await ask(1);
    }
    await page.waitForTimeout(4_000);
    const after = await readDb(launched);
    const withText = (after.reviews as Stored[]).filter((r) => r.text.trim() || String(r.appendText ?? '').trim()).length;
    expect(after.reviews).toHaveLength(ALL.length);
    const meta = after.meta.find((m) => m.key === 'aspectModel')!;
    expect(meta.trainedOn as number).toBeLessThanOrEqual(withText);
    expect(meta.bytes).toBe(metaBefore.bytes);
    // The other victims were never touched by any of it.
    await expectUntouched(cracked);
  }, 90_000);
});
