// A replay of JD's order list (not shipped): it POSTs to the sff.jd.com gateway with
// api=dsm.order.bff.orderListBffService.queryOrderPage (form-encoded, credentials, cross-origin as the
// real page does) and renders one table per order: a header row (订单号：<id>, 下单时间) and one row per
// item. Testing hooks: window.__demoGoToPage, data-demo-page on <html>, pager items with data-page and
// data-testid="pager-next".
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('order-list');
  var API = 'https://sff.jd.com/api?v=1.0&appId=LAOKEDEMO&api=dsm.order.bff.orderListBffService.queryOrderPage';

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function time(ms) { return new Date(ms + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' '); }

  var list = el('div', {});
  var pager = el('ul', { class: 'jdm-pager' });
  root.append(list, pager);

  function render(data) {
    var d = data.data || {};
    var rows = d.results || [];
    list.replaceChildren.apply(list, rows.map(function (o) {
      var items = o.orderItems.map(function (it, i) {
        return el('tr', {}, [
          el('td', { style: 'width:50%' }, [el('div', {}, [it.skuName]), el('div', { class: 'muted' }, ['SKU：' + it.skuId])]),
          el('td', {}, ['¥' + it.jdPrice + ' × ' + it.num]),
          i === 0 ? el('td', { rowspan: String(o.orderItems.length) }, ['应付 ¥' + o.orderPaymentInfo.shouldPay]) : '',
          i === 0 ? el('td', { rowspan: String(o.orderItems.length) }, [o.orderStatusInfo.orderStatusName]) : '',
        ].filter(Boolean));
      });
      return el('table', { class: 'order-tb' }, [el('tbody', {}, [
        el('tr', { class: 'tr-th' }, [el('td', { colspan: '4' }, [
          el('span', { class: 'number' }, ['订单号：' + o.orderId]),
          ' ', el('span', { class: 'dealtime' }, ['下单时间：' + time(o.orderCreateTime)]),
          ' ', el('span', { class: 'pin' }, [o.userPin.slice(0, 6) + '…']),
        ])]),
      ].concat(items))]);
    }));
    var pages = Math.max(1, Math.ceil((d.totalItem || 0) / state.pageSize));
    var items = [];
    for (var p = Math.max(1, state.page - 3); p <= Math.min(pages, state.page + 3); p++) {
      items.push(el('li', { class: p === state.page ? 'on' : '', 'data-page': String(p) }, [String(p)]));
    }
    items.push(el('li', { 'data-testid': 'pager-next', 'data-page': String(Math.min(pages, state.page + 1)) }, ['下一页']));
    pager.replaceChildren.apply(pager, items);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }

  function load() {
    var body = new URLSearchParams({ body: JSON.stringify({ current: state.page, pageSize: state.pageSize, orderStatus: 'ALL' }), h5st: 'laoke-demo' });
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
