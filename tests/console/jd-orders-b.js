// Markup b of JD's order list (a redesign), for the e2e tests (not shipped). The same data through the
// gateway's older name (api=dsm.order.manage.orderlist.queryOrderPage), rendered by a web component
// <jdm-order-table> inside its OPEN shadow root: div cards, hashed class names, the order number in a
// <b> apart from its label. Testing hooks as in markup a (the pager inside the shadow root).
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var API = 'https://sff.jd.com/api?v=1.0&appId=LAOKEDEMO&api=dsm.order.manage.orderlist.queryOrderPage';
  var CSS = [
    ':host { display: block; background: #fff; padding: 16px; border-radius: 8px; }',
    '.OrderCard_box_a1 { border: 1px solid #ebebeb; border-radius: 6px; margin-top: 10px; }',
    '.OrderCard_top_b2 { background: #fafafa; padding: 6px 10px; display: flex; gap: 14px; color: #666; }',
    '.OrderCard_line_c3 { display: grid; grid-template-columns: 1fr 120px 80px; padding: 8px 10px; border-top: 1px solid #f2f2f2; }',
    '.Pager_bar_d4 { display: flex; gap: 6px; justify-content: flex-end; margin-top: 14px; }',
  ].join('\n');
  customElements.define('jdm-order-table', class extends HTMLElement {
    constructor() { super(); this.attachShadow({ mode: 'open' }); }
  });
  var host = document.createElement('jdm-order-table');
  document.getElementById('micro-app-order').append(host);
  var shadow = host.shadowRoot;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function time(ms) { return new Date(ms + 8 * 3600000).toISOString().slice(0, 16).replace('T', ' '); }

  var style = el('style', {}, [CSS]);
  var list = el('div', {});
  var pager = el('div', { class: 'Pager_bar_d4' });
  shadow.append(style, list, pager);

  function render(data) {
    var d = data.data || {};
    var rows = d.results || [];
    list.replaceChildren.apply(list, rows.map(function (o) {
      return el('div', { class: 'OrderCard_box_a1' }, [
        el('div', { class: 'OrderCard_top_b2' }, [
          el('span', {}, ['订单编号']), el('b', {}, [String(o.orderId)]), el('span', {}, [time(o.orderCreateTime)]),
          el('span', {}, [o.orderStatusInfo.orderStatusName]), el('span', {}, ['¥' + o.orderPaymentInfo.shouldPay]),
        ]),
      ].concat(o.orderItems.map(function (it) {
        return el('div', { class: 'OrderCard_line_c3' }, [el('div', {}, [it.skuName]), el('div', {}, ['¥' + it.jdPrice]), el('div', {}, ['×' + it.num])]);
      })));
    }));
    var pages = Math.max(1, Math.ceil((d.totalItem || 0) / state.pageSize));
    var items = [];
    for (var p = Math.max(1, state.page - 2); p <= Math.min(pages, state.page + 2); p++) {
      items.push(el('button', { type: 'button', 'data-page': String(p) }, [String(p)]));
    }
    items.push(el('button', { type: 'button', 'data-testid': 'pager-next', 'data-page': String(Math.min(pages, state.page + 1)) }, ['下一页']));
    pager.replaceChildren.apply(pager, items);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }

  function load() {
    var body = new URLSearchParams({ body: JSON.stringify({ current: state.page, pageSize: state.pageSize }), h5st: 'laoke-demo-b' });
    fetch(API + '&t=' + Date.now(), { method: 'POST', credentials: 'include', body: body })
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
