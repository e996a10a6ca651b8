// Markup b of Pinduoduo's order list (a redesign), for the e2e tests (not shipped). Same request as
// pdd-orders.js (POST /mangkhut/mms/recentOrderList through fetch) and the same text per order
// (订单编号：<sn>, 订单成交时间：…, goods, ID, 商家编码, spec, status, 数量, 商品总价, 实收金额, receiver,
// nickname), but the whole list, pager included, is a web component <mms-order-list> rendering inside
// its OPEN shadow root: one div card per order with an extra wrapper, hashed class names, and the order
// number in a span of its own after its label. #mf-mms-orders-container (the micro-frontend's mount)
// holds no table row, so utils/sites/pdd-orders.ts's selectors find nothing, and nothing the page
// renders is in the document's own tree. Testing hooks as in markup a: window.__demoGoToPage,
// data-demo-page on <html>, pager items with data-page and data-testid="beast-core-pagination-next".
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var COLS = ['商品', '订单状态', '数量', '商品总价', '实收金额', '收货人', '买家昵称'];
  var GRID = 'grid-template-columns: 32% 1.2fr 0.6fr 1fr 1fr 0.9fr 0.9fr;';
  var CSS = [
    ':host { display: block; }',
    '.ol-head_row__Rr5Ss { display: grid; ' + GRID + ' background: #f7f7f9; color: #58595b; border-radius: 6px; }',
    '.ol-head_row__Rr5Ss > div, .ol-card_cells__Kk1Ll > div { padding: 8px; }',
    '.ol-card_wrap__Hq3Lk { margin-top: 12px; border: 1px solid #ececef; border-radius: 8px; overflow: hidden; }',
    '.ol-card_top__9dMfE { background: #fafafb; color: #58595b; padding: 6px 8px; display: flex; gap: 18px; }',
    '.ol-card_lbl__Vb6Ty { color: #9c9c9c; }',
    '.ol-card_sn__Jk8Rw { font-family: Menlo, Consolas, monospace; color: #151516; }',
    '.ol-card_cells__Kk1Ll { display: grid; ' + GRID + ' }',
    '.ol-goods_box__Mm2Nn { display: flex; gap: 8px; }',
    '.ol-goods_pic__Oo3Pp { width: 48px; height: 48px; background: #eee; border-radius: 4px; flex: none; }',
    '.ol-goods_sub__Qq4Rr { color: #9c9c9c; }',
    '.ol-pager_list__Tt6Uu { list-style: none; display: flex; gap: 6px; justify-content: flex-end; padding: 0; margin: 16px 0 0; }',
    '.ol-pager_list__Tt6Uu li { border: 1px solid #ddd; padding: 2px 10px; cursor: pointer; background: #fff; border-radius: 4px; }',
    '.ol-pager_list__Tt6Uu li.ol-pager_on__Vv7Ww { border-color: #e02e24; color: #e02e24; }',
  ].join('\n');

  customElements.define('mms-order-list', class extends HTMLElement {
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
  function yuan(fen) { return '¥' + (fen / 100).toFixed(2); }
  function time(sec) { return new Date(sec * 1000 + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' '); }

  var host = document.createElement('mms-order-list');
  document.getElementById('mf-mms-orders-container').append(host);
  var shadow = host.shadowRoot;
  var list = el('div', { class: 'ol-list_body__Gg9Hh' });
  var pager = el('ul', { class: 'ol-pager_list__Tt6Uu' });
  shadow.append(el('style', {}, [CSS]), el('div', { class: 'ol-list_root__Ii0Jj' }, [
    el('div', { class: 'ol-head_row__Rr5Ss' }, COLS.map(function (c) { return el('div', {}, [c]); })),
    list,
  ]), pager);

  function card(r) {
    return el('div', { class: 'ol-card_wrap__Hq3Lk' }, [el('div', { class: 'ol-card_box__2sXpV' }, [
      el('div', { class: 'ol-card_top__9dMfE' }, [
        el('div', {}, [el('span', { class: 'ol-card_lbl__Vb6Ty' }, ['订单编号：']), el('span', { class: 'ol-card_sn__Jk8Rw' }, [r.order_sn])]),
        el('div', {}, [el('span', { class: 'ol-card_lbl__Vb6Ty' }, ['订单成交时间：']), el('span', {}, [time(r.created_at)])]),
      ]),
      el('div', { class: 'ol-card_cells__Kk1Ll' }, [
        el('div', { class: 'ol-goods_box__Mm2Nn' }, [el('div', { class: 'ol-goods_pic__Oo3Pp' }), el('div', {}, [
          el('div', { class: 'ol-goods_label__Ss5Tt' }, [r.goods_name]),
          el('div', { class: 'ol-goods_sub__Qq4Rr' }, ['ID: ' + r.goods_id]),
          el('div', { class: 'ol-goods_sub__Qq4Rr' }, ['商家编码: ' + r.out_sku_sn]),
          el('div', { class: 'ol-goods_sub__Qq4Rr' }, [r.spec]),
        ])]),
        el('div', {}, [r.order_status_str]),
        el('div', {}, [String(r.goods_number)]),
        el('div', {}, [yuan(r.goods_amount)]),
        el('div', {}, [yuan(r.order_amount)]),
        el('div', {}, [r.receive_name]),
        el('div', {}, [r.nickname]),
      ]),
    ])]);
  }

  function render(data) {
    performance.mark('console:render-start');
    var rows = (data.result && data.result.pageItems) || [];
    list.replaceChildren.apply(list, rows.map(card));
    var total = Math.max(1, Math.ceil(((data.result && data.result.totalItemNum) || 0) / state.pageSize));
    var items = [];
    for (var p = Math.max(1, state.page - 3); p <= Math.min(total, state.page + 3); p++) {
      items.push(el('li', { class: p === state.page ? 'ol-pager_on__Vv7Ww' : '', 'data-page': String(p) }, [String(p)]));
    }
    items.push(el('li', { 'data-testid': 'beast-core-pagination-next', 'data-page': String(Math.min(total, state.page + 1)) }, ['>']));
    pager.replaceChildren.apply(pager, items);
    performance.mark('console:render-end');
    performance.measure('console:render', 'console:render-start', 'console:render-end');
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }

  function load() {
    fetch('/mangkhut/mms/recentOrderList', { method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ orderType: 1, afterSaleType: 1, remarkStatus: -1, urgeShippingStatus: -1, groupStartTime: 0, groupEndTime: 0, pageNumber: state.page, pageSize: state.pageSize, sortType: 10 }) })
      .then(function (r) { return r.json(); }).then(render, function () { render({}); });
  }
  pager.addEventListener('click', function (e) {
    var page = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
    if (!page) return;
    state.page = Number(page);
    history.pushState({}, '', location.pathname + '?page=' + state.page + '&pageSize=' + state.pageSize);
    load();
  });
  window.__demoGoToPage = function (page) { state.page = page; load(); };
  load();
})();
