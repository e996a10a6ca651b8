// Markup b of 千牛 评价管理 (a redesign), for the e2e tests (not shipped). Same request as
// qianniu-reviews.js (mtop.rm.sellercenter.list.data.pc through fetch) and the same text per review
// (初次评价：<time>, the text, the item link, the buyer, 订单号：<id>, 追评：收货后N天 …, 评价回复 / 追评回复),
// but the whole list, pager included, is a web component <qn-rate-list> rendering inside its OPEN
// shadow root: one div card per review (its 追评 inside the card, not in a row of its own), an extra
// wrapper, hashed class names, the order number in a span of its own after its label. Nothing matches
// utils/sites/qianniu-reviews.ts's tr.next-table-row. Testing hooks as in markup a: data-demo-page on
// <html>, pager buttons with data-page, and window.__demoGoToPage.
(function () {
  var API = 'https://h5api.m.taobao.com/h5/mtop.rm.sellercenter.list.data.pc/1.0/?jsv=2.6.1&appKey=12574478&api=mtop.rm.sellercenter.list.data.pc&v=1.0&type=originaljson&dataType=json';
  var params = new URLSearchParams(location.search);
  var state = { current: Number(params.get('current') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var GRID = 'grid-template-columns: 38% 1.4fr 0.7fr 1.4fr 0.7fr;';
  var CSS = [
    ':host { display: block; }',
    '.rl-head_row__Pp1Qq { display: grid; ' + GRID + ' background: #f7f8fa; color: #4e5969; border-radius: 6px; }',
    '.rl-head_row__Pp1Qq > div, .rl-card_cells__Tg5Yh > div { padding: 9px 8px; }',
    '.rl-card_wrap__Qz2Nc { border-bottom: 1px solid #f2f3f5; }',
    '.rl-card_cells__Tg5Yh { display: grid; ' + GRID + ' }',
    '.rl-card_when__Rr2Ss { color: #86909c; }',
    '.rl-card_lbl__Uu3Vv { color: #86909c; }',
    '.rl-card_no__Ww4Xx { font-family: Menlo, Consolas, monospace; }',
    '.rl-card_append__Yy5Zz { padding: 2px 8px 10px 24px; color: #86909c; }',
    '.rl-card_item__Ab6Cd { color: #165dff; text-decoration: none; }',
    '.rl-pager_root__Ef7Gh { margin-top: 12px; display: flex; justify-content: flex-end; gap: 4px; }',
  ].join('\n');

  customElements.define('qn-rate-list', class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
    }
  });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function time(ms) { return new Date(ms + 8 * 3600000).toISOString().slice(0, 16).replace('T', ' '); }

  var host = document.createElement('qn-rate-list');
  document.getElementById('ice-container').append(host);
  var shadow = host.shadowRoot;
  var list = el('div', { class: 'rl-list_body__Ij8Kl' });
  var pager = el('div', { class: 'rl-pager_root__Ef7Gh' });
  shadow.append(el('style', {}, [CSS]), el('div', { class: 'rl-list_root__Mn9Op' }, [
    el('div', { class: 'rl-head_row__Pp1Qq' }, ['评价内容', '宝贝', '买家', '订单', '操作'].map(function (h) { return el('div', {}, [h]); })),
    list,
  ]), pager);

  function card(r) {
    var main = r.rateContent.mainRate;
    var inner = [el('div', { class: 'rl-card_cells__Tg5Yh' }, [
      el('div', {}, [el('div', { class: 'rl-card_when__Rr2Ss' }, ['初次评价：' + time(main.date)]), el('div', {}, [main.content])]),
      el('div', {}, [el('a', { class: 'rl-card_item__Ab6Cd', href: 'https:' + r.itemInfo.link }, [r.itemInfo.title])]),
      el('div', {}, [r.userInfo.userName]),
      el('div', {}, [el('span', { class: 'rl-card_lbl__Uu3Vv' }, ['订单号：']), el('span', { class: 'rl-card_no__Ww4Xx' }, [r.orderInfo.mainOrderId])]),
      el('div', {}, [el('button', {}, ['评价回复'])]),
    ])];
    if (r.rateContent.appendRate) {
      inner.push(el('div', { class: 'rl-card_append__Yy5Zz' }, [
        '追评：收货后' + r.rateContent.appendRate.days + '天 ', r.rateContent.appendRate.content, ' ', el('button', {}, ['追评回复'])]));
    }
    return el('div', { class: 'rl-card_wrap__Qz2Nc' }, [el('div', { class: 'rl-card_box__Cd3Ef' }, inner)]);
  }

  function render(res) {
    var data = (res.data && res.data.data) || {};
    list.replaceChildren.apply(list, (data.dataSource || []).map(card));
    var total = Math.max(1, Math.ceil((data.total || 0) / state.pageSize));
    var buttons = [];
    for (var p = Math.max(1, state.current - 2); p <= Math.min(total, state.current + 2); p++) buttons.push(el('button', { 'data-page': String(p) }, [String(p)]));
    pager.replaceChildren.apply(pager, buttons);
    document.documentElement.setAttribute('data-demo-page', String(state.current));
  }
  function load() {
    fetch(API + '&t=' + Date.now(), { method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'data=' + encodeURIComponent(JSON.stringify({ current: state.current, pageSize: state.pageSize, dateRange: '' })) })
      .then(function (r) { return r.json(); }).then(render, function () { render({}); });
  }
  pager.addEventListener('click', function (e) {
    var page = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
    if (!page) return;
    state.current = Number(page);
    load();
  });
  window.__demoGoToPage = function (page) { state.current = page; load(); };
  load();
})();
