// @vitest-environment happy-dom
// The card's 其他平台 section (关联, issue 23): what it lists, that 取消关联 is offered only on a direct
// link and undoes that one, that the seller's own click is needed to link or unlink, and that a refused
// link says why.
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { LinkedRecords } from '@/components/LinkedRecords';
import { tr } from '@/tests/support/crm';
import type { LinkView } from '@/utils/db/links';

const TB = 'taobao:id:2200001';
const PDD = 'pdd:probable:王**|王*|浙江省 杭州市 西湖区';
const TB_OLD = 'taobao:nick:王小姐';
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const view: LinkView = {
  key: TB, platforms: ['taobao', 'pdd'],
  linked: [
    { key: PDD, platform: 'pdd', stored: true, nick: '王**', identity: 'probable', orderCount: 3, totalFen: 11_970, tags: ['黑名单'], via: TB, viaNick: '王女士', hops: 1, linkedAt: 1 },
    { key: TB_OLD, platform: 'taobao', stored: true, nick: '王小姐', identity: 'strong', orderCount: 1, totalFen: 5_000, tags: [], via: PDD, viaNick: '王**', hops: 2, linkedAt: 2 },
  ],
  samePhone: [{ key: 'pdd:probable:李**|李*|江苏省 南京市 鼓楼区', platform: 'pdd', nick: '李**', identity: 'probable', orderCount: 1, totalFen: 2_990 }],
};

let sent: { laoke: string; data: unknown }[] = [];
let answer: (m: { laoke: string; data: unknown }) => unknown = () => ({ ok: true, value: view });
beforeEach(() => {
  sent = [];
  vi.spyOn(browser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => tr(key as never, ...(subs ?? []))) as never);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (m: { laoke: string; data: unknown }) => {
    sent.push(m);
    return answer(m);
  }) as never);
});
let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});
const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel)!;
const $$ = (sel: string) => [...document.querySelectorAll(sel)];
function sellerClick(el: Element) {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e);
}
function mount(v: LinkView, onOpenCustomer?: (k: string) => void) {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(createElement(LinkedRecords, { customerKey: v.key, initial: v, ...(onOpenCustomer ? { onOpenCustomer } : {}) })));
}

describe('其他平台 on the card', () => {
  it('names the platforms and each linked record with its own figures; 取消关联 only on the direct link', () => {
    const opened: string[] = [];
    mount(view, (k) => opened.push(k));
    expect($('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('taobao,pdd');
    const rows = $$('[data-testid="card-linked-record"]');
    expect(rows.map((r) => r.getAttribute('data-key'))).toEqual([PDD, TB_OLD]);
    expect(rows[0]!.textContent).toContain('拼多多');
    expect(rows[0]!.textContent).toContain('3 单 · 累计 ¥119.70');
    expect(rows[0]!.textContent).toContain('黑名单');
    expect(rows[1]!.textContent).toContain('经 王** 关联');
    expect(rows[0]!.querySelector('[data-testid="card-unlink"]')).not.toBeNull();
    expect(rows[1]!.querySelector('[data-testid="card-unlink"]')).toBeNull();
    // Same phone: a suggestion with its own 关联 button, nothing linked by itself.
    expect($$('[data-testid="card-same-phone-record"]')).toHaveLength(1);
    expect(sent).toEqual([]);
    act(() => $<HTMLButtonElement>('[data-testid="card-linked-open"]').click());
    expect(opened).toEqual([PDD]);
  });

  it('取消关联 sends that one pair, on the seller\'s own click only, and shows the section as it comes back', async () => {
    answer = () => ({ ok: true, value: { ...view, platforms: ['taobao'], linked: [] } });
    mount(view);
    const unlink = $('[data-testid="card-linked-record"] [data-testid="card-unlink"]');
    await act(async () => { (unlink as HTMLButtonElement).click(); });
    expect(sent).toEqual([]);
    await act(async () => { sellerClick(unlink); });
    expect(sent).toEqual([{ laoke: 'unlinkCustomers', data: { key: TB, other: PDD } }]);
    expect($('[data-testid="card-platforms"]').getAttribute('data-platforms')).toBe('taobao');
    expect($('[data-testid="card-linked-none"]').textContent).toBe('还没有关联其他平台的记录。');
  });

  it('a refused link says why and links nothing', async () => {
    answer = (m) => (m.laoke === 'linkCustomers' ? { ok: false, error: '这两条记录已经关联了（直接或经其他记录）' } : { ok: true, value: view });
    mount({ ...view, linked: [] });
    await act(async () => { sellerClick($('[data-testid="card-same-phone-record"] [data-testid="card-link"]')); });
    expect(sent.map((m) => m.laoke)).toEqual(['linkCustomers']);
    expect($('[data-testid="card-link-error"]').textContent).toBe('没有关联：这两条记录已经关联了（直接或经其他记录）');
    expect($$('[data-testid="card-linked-record"]')).toHaveLength(0);
  });

  it('searches by what the seller typed and lists what comes back; nothing found says how to search', async () => {
    answer = (m) => ({ ok: true, value: m.laoke === 'linkCandidates' ? [] : view });
    mount({ ...view, linked: [], samePhone: [] });
    act(() => $<HTMLButtonElement>('[data-testid="card-link-open"]').click());
    const input = $<HTMLInputElement>('[data-testid="card-link-query"]');
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, ' 261207-123456789012345 ');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => { $<HTMLButtonElement>('[data-testid="card-link-search"]').click(); });
    expect(sent).toEqual([{ laoke: 'linkCandidates', data: { key: TB, query: '261207-123456789012345' } }]);
    expect($('[data-testid="card-link-no-match"]').textContent).toContain('订单号要完整');
  });
});
