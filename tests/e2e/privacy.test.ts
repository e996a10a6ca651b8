// Issue 8 as a seller lives it, on the dashboard's 隐私与数据 page: what Laoke keeps is explained; a
// backup is exported (plain and with a passphrase) and restored; a customer deleted from the side panel
// is gone everywhere and comes back with the restored backup; retention forgets old customers.
// Issue 14: a replace asks for the typed word 替换 and offers the data it replaced for download; a
// backup's retention settings are shown, not switched on; a passphrase has at least 8 characters.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { installConsole } from '../console/routes';
import { generateShop, isValidShopOrder } from '../shop/generate';
import { readSoldPage } from './expect-badges';
import { launchWithExtension, panelFrame, readDb, type Launched } from './harness';

const PAGE_SIZE = 100;
const DAY = 86_400_000;
const shop = generateShop({ seed: 97, customers: 60, orders: 200, months: 6, end: Date.now() - 3_600_000 });

describe('privacy and data', () => {
  let launched: Launched;
  let sold: Page;
  let dash: Page;
  let plainBackup = '';
  let sealedBackup = '';
  let imports = 0;

  beforeAll(async () => {
    launched = await launchWithExtension();
    await installConsole(launched.context, { shop });
    sold = await launched.context.newPage();
    const seen: typeof shop.orders = [];
    for (const page of [1, 2]) await readSoldPage(sold, shop.orders, page, PAGE_SIZE, seen);
    dash = await launched.context.newPage();
    await dash.goto(`chrome-extension://${launched.extensionId}/dashboard.html#/privacy`);
  });
  afterAll(async () => launched?.close());

  async function exportBackup(passphrase: string): Promise<string> {
    if (passphrase) {
      // Seven characters are refused: the export button stays off and says why.
      await dash.locator('[data-testid="backup-passphrase"]').fill(passphrase.slice(0, 7));
      await dash.locator('[data-testid="backup-passphrase-again"]').fill(passphrase.slice(0, 7));
      expect(await dash.locator('[data-testid="backup-export"]').isDisabled()).toBe(true);
      expect(await dash.locator('[data-testid="backup-passphrase-short"]').textContent()).toBe('密码至少 8 个字符');
    }
    await dash.locator('[data-testid="backup-passphrase"]').fill(passphrase);
    if (passphrase) {
      // Typed twice: a mismatch keeps the export button off.
      await dash.locator('[data-testid="backup-passphrase-again"]').fill(`${passphrase}x`);
      expect(await dash.locator('[data-testid="backup-export"]').isDisabled()).toBe(true);
      await dash.locator('[data-testid="backup-passphrase-again"]').fill(passphrase);
    }
    const [download] = await Promise.all([dash.waitForEvent('download'), dash.locator('[data-testid="backup-export"]').click()]);
    expect(download.suggestedFilename()).toMatch(passphrase ? /^laoke-backup-\d{4}-\d{2}-\d{2}-encrypted\.json$/ : /^laoke-backup-\d{4}-\d{2}-\d{2}\.json$/);
    return readFileSync((await download.path())!, 'utf8');
  }

  async function importBackup(text: string, mode: 'merge' | 'replace', passphrase = '') {
    await dash.locator('[data-testid="backup-file"]').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await dash.locator('[data-testid="backup-mode"]').selectOption(mode);
    await dash.locator('[data-testid="backup-import-passphrase"]').fill(passphrase);
    const serial = ++imports;
    await dash.locator('[data-testid="backup-import"]').click();
    if (mode === 'replace') {
      // Nothing happens until the seller types the word shown; a near miss keeps the button off.
      const confirmation = dash.locator('[data-testid="backup-replace-confirmation"]');
      await confirmation.waitFor();
      expect(await confirmation.textContent()).toContain('确认请输入「替换」');
      const go = dash.locator('[data-testid="backup-replace-go"]');
      expect(await go.isDisabled()).toBe(true);
      await dash.locator('[data-testid="backup-replace-confirm"]').fill('替');
      expect(await go.isDisabled()).toBe(true);
      await dash.locator('[data-testid="backup-replace-confirm"]').fill('替换');
      await go.click();
    }
    const report = dash.locator(`[data-testid="backup-report"][data-serial="${serial}"]`);
    await report.waitFor();
    return { ok: (await report.getAttribute('data-ok')) === 'true', text: (await report.textContent()) ?? '' };
  }

  it('the page says what is kept, where, for how long and what Laoke never does; the storage used', async () => {
    const explain = dash.locator('[data-testid="privacy-explain"]');
    await explain.waitFor();
    const text = (await explain.textContent())!;
    for (const words of ['只在这台电脑的这个浏览器里', '不联网', '卸载扩展会删除全部数据', '个人信息保护法', '删除此客户']) expect(text).toContain(words);
    await expect.poll(() => dash.locator('[data-testid="storage-usage"]').textContent()).toMatch(/已用 [\d.]+ MB，浏览器允许 [\d.]+ MB/);
  });

  it('a backup holds every record; with a passphrase no buyer can be read from the file', async () => {
    const db = await readDb(launched);
    plainBackup = await exportBackup('');
    const doc = JSON.parse(plainBackup) as { format: string; counts: Record<string, number>; stores: Record<string, unknown[]> };
    expect(doc.format).toBe('laoke-backup');
    expect(doc.counts.orders).toBe(db.orders.length);
    expect(doc.counts.customers).toBe(db.customers.length);
    expect(doc.stores.orders).toHaveLength(shop.orders.length);
    sealedBackup = await exportBackup('茶叶 2026!');
    const nick = shop.orders.find((o) => !o.customer.masked)!.customer.nick;
    expect(plainBackup).toContain(nick);
    expect(sealedBackup).not.toContain(nick);
    expect(JSON.parse(sealedBackup)).toMatchObject({ format: 'laoke-backup', encrypted: { cipher: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations: 600_000 } });
  });

  it('删除此客户 in the side panel removes the buyer everywhere; restoring the backup brings them back', async () => {
    const byBuyer = new Map<number, typeof shop.orders>();
    for (const o of shop.orders.slice(PAGE_SIZE)) if (!o.customer.masked && o.customer.buyerId && isValidShopOrder(o)) byBuyer.set(o.customer.index, [...(byBuyer.get(o.customer.index) ?? []), o]);
    const [, orders] = [...byBuyer].find(([, l]) => l.length >= 2)!;
    await sold.locator(`[data-laoke-badge][data-laoke-order-id="${orders[0]!.orderId}"]`).click();
    const card = panelFrame(sold).locator('[data-testid="customer-card"]');
    await card.waitFor();
    const key = (await card.getAttribute('data-customer-key'))!;
    // The panel's count of all buyers, before: the background's caches must forget the buyer too.
    const countAll = async () => {
      await panelFrame(sold).locator('[data-testid="panel-tab-audiences"]').click();
      const n = Number(await panelFrame(sold).locator('[data-testid="panel-count-all"]').textContent());
      await panelFrame(sold).locator('[data-testid="panel-tab-customer"]').click();
      return n;
    };
    const allBefore = await countAll();
    // A script on the console page cannot reach the button: the card is in an extension frame.
    await card.locator('[data-testid="card-delete"]').click();
    const reached = await sold.evaluate(() => {
      const frame = document.querySelector('laoke-panel')!.shadowRoot!.querySelector('iframe')!;
      try {
        return frame.contentDocument?.querySelector('[data-testid="card-delete-confirm"]') ? 'reached' : 'no document';
      } catch {
        return 'refused';
      }
    });
    expect(reached).not.toBe('reached');
    await sold.waitForTimeout(500);
    expect((await readDb(launched)).customers.some((c) => c.key === key)).toBe(true);
    await card.locator('[data-testid="card-delete-confirm"]').click();
    await panelFrame(sold).locator('[data-testid="card-missing"]').waitFor();
    const after = await readDb(launched);
    expect(after.customers.some((c) => c.key === key)).toBe(false);
    expect(after.orders.some((o) => o.customerKey === key)).toBe(false);
    expect(await countAll()).toBe(allBefore - 1);

    // A wrong passphrase changes nothing; the plain backup, replacing everything, restores the buyer.
    const wrong = await importBackup(sealedBackup, 'replace', 'wrong');
    expect(wrong).toMatchObject({ ok: false, text: expect.stringContaining('密码不对') });
    expect((await readDb(launched)).customers.length).toBe(after.customers.length);
    // Cancelling the confirmation changes nothing either.
    await dash.locator('[data-testid="backup-file"]').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(plainBackup) });
    await dash.locator('[data-testid="backup-import"]').click();
    await dash.locator('[data-testid="backup-replace-confirm"]').fill('替换');
    await dash.locator('[data-testid="backup-replace-cancel"]').click();
    expect(await dash.locator('[data-testid="backup-replace-confirmation"]').count()).toBe(0);
    expect((await readDb(launched)).customers.length).toBe(after.customers.length);
    expect(await dash.locator('[data-testid="backup-before-replace"]').count()).toBe(0);
    const restored = await importBackup(plainBackup, 'replace');
    expect(restored.ok).toBe(true);
    expect(restored.text).toContain(`订单 ${shop.orders.length}`);
    const back = await readDb(launched);
    expect(back.customers.some((c) => c.key === key)).toBe(true);
    expect(back.orders).toHaveLength(shop.orders.length);
    // What was replaced (the shop without the deleted buyer) is offered as a backup of its own.
    const link = dash.locator('[data-testid="backup-before-replace"]');
    expect(await link.textContent()).toBe('下载替换前的备份');
    const [saved] = await Promise.all([dash.waitForEvent('download'), link.click()]);
    expect(saved.suggestedFilename()).toMatch(/^laoke-backup-before-replace-\d{4}-\d{2}-\d{2}-\d{6}\.json$/);
    const previous = JSON.parse(readFileSync((await saved.path())!, 'utf8')) as { format: string; stores: { customers: { key: string }[]; orders: unknown[] } };
    expect(previous.format).toBe('laoke-backup');
    expect(previous.stores.customers).toHaveLength(after.customers.length);
    expect(previous.stores.customers.some((c) => c.key === key)).toBe(false);
    expect(previous.stores.orders).toHaveLength(after.orders.length);
    // The sealed backup merged in with its passphrase adds nothing new: the same data.
    expect((await importBackup(sealedBackup, 'merge', '茶叶 2026!')).ok).toBe(true);
    expect((await readDb(launched)).orders).toHaveLength(shop.orders.length);
  });

  it('a damaged backup: bad records are listed and skipped, a file that is no backup is refused; nothing changes', async () => {
    const before = await readDb(launched);
    const doc = JSON.parse(plainBackup) as { stores: Record<string, Record<string, unknown>[]> };
    doc.stores.orders![0]!.amountFen = 'lots';
    doc.stores.customers![0]!.key = 42;
    const report = await importBackup(JSON.stringify(doc), 'merge');
    expect(report.ok).toBe(true);
    expect(await dash.locator('[data-testid="backup-report"]').getAttribute('data-rejected')).toBe('2');
    expect(await dash.locator('[data-testid="backup-rejected"] li').count()).toBe(2);
    expect((await importBackup('{"hello":1}', 'replace')).text).toContain('这不是老客的备份文件');
    expect((await readDb(launched)).orders).toEqual(before.orders);
  });

  it('a backup\'s retention settings are shown in the report and not switched on', async () => {
    const doc = JSON.parse(plainBackup) as { stores: { meta: unknown[] } };
    doc.stores.meta.push({ key: 'retention', value: { forgetAfterMonths: 1, clearPhoneAfterMonths: 3 }, updatedAt: Date.now() });
    const report = await importBackup(JSON.stringify(doc), 'replace');
    expect(report.ok).toBe(true);
    expect(await dash.locator('[data-testid="backup-retention"]').textContent())
      .toBe('备份中带有自动清理设置（删除超过 1 个月没有购买的客户；清除超过 3 个月前填写的电话）：没有启用，本机的设置不变。需要时请在「自动清理」中设置，并先查看会清理多少。');
    expect((await readDb(launched)).meta.some((m) => m.key === 'retention')).toBe(false);
    // An unknown setting is refused and listed: replacing takes a backup whole, so nothing changes.
    doc.stores.meta.push({ key: 'syncUrl', value: 'https://example.com', updatedAt: Date.now() });
    const refused = await importBackup(JSON.stringify(doc), 'replace');
    expect(refused.ok).toBe(false);
    expect(await dash.locator('[data-testid="backup-rejected"]').textContent()).toContain('meta #');
    await dash.reload();
    await expect.poll(() => dash.locator('[data-testid="retention-forget"]').inputValue()).toBe('');
    expect(await dash.locator('[data-testid="retention-phone"]').inputValue()).toBe('');
  });

  it('retention: customers with no purchase in 2 months are forgotten, the rest kept', async () => {
    const before = await readDb(launched);
    const cutoff = Date.now() - 60 * DAY;
    const old = before.customers.filter((c) => ((c.lastPurchaseAt ?? c.updatedAt) as number) < cutoff);
    expect(old.length).toBeGreaterThan(0);
    await dash.locator('[data-testid="retention-forget"]').fill('0');
    await dash.locator('[data-testid="retention-review"]').click();
    await expect.poll(() => dash.locator('[data-testid="retention-status"]').getAttribute('data-kind')).toBe('invalid');
    await dash.locator('[data-testid="retention-forget"]').fill('2');
    // First what it would remove, with nothing removed yet.
    await dash.locator('[data-testid="retention-review"]').click();
    const preview = dash.locator('[data-testid="retention-preview"]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-forgotten')).toBe(String(old.length));
    expect(await preview.textContent()).toContain(`现在会删除 ${old.length} 位客户`);
    expect((await readDb(launched)).customers).toHaveLength(before.customers.length);
    await dash.locator('[data-testid="retention-apply"]').click();
    await expect.poll(() => dash.locator('[data-testid="retention-status"]').getAttribute('data-kind')).toBe('applied');
    expect(await dash.locator('[data-testid="retention-status"]').textContent()).toBe(`已执行：删除 ${old.length} 位客户，清除 0 个电话`);
    const after = await readDb(launched);
    expect(after.customers).toHaveLength(before.customers.length - old.length);
    const gone = new Set(old.map((c) => c.key));
    expect(after.orders.some((o) => gone.has(o.customerKey as string))).toBe(false);
    // The setting is kept for the daily check.
    await dash.reload();
    await expect.poll(() => dash.locator('[data-testid="retention-forget"]').inputValue()).toBe('2');
  });
});
