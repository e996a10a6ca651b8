// A replay of 抖店's order list (not shipped): it GETs /api/order/searchlist (page 0-based) and renders
// one card per order, header (订单号：<id>, 下单时间, buyer) and one row per item, replacing the list in
// place on each page change. Testing hooks: window.__demoGoToPage, data-demo-page (1-based) on <html>,
// pager items with data-page (1-based) and data-testid="pager-next".
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('order-list');

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function yuan(fen) { return '¥' + (fen / 100).toFixed(2); }
  function time(sec) { return new Date(sec * 1000 + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' '); }

  var list = el('div', { class: 'order-list-body' });
  var pager = el('ul', { class: 'auxo-pagination' });
  root.append(list, pager);

  function render(data) {
    var rows = Array.isArray(data.data) ? data.data : (data.data && (data.data.list || data.data.data)) || [];
    var total = data.total != null ? data.total : (data.data && data.data.total) || 0;
    list.replaceChildren.apply(list, rows.map(function (o) {
      var items = o.product_item.map(function (p) {
        return el('tr', {}, [
          el('td', { style: 'width:45%' }, [el('div', { class: 'product-name' }, [p.product_name]),
            el('div', { class: 'muted' }, [p.sku_spec.map(function (s) { return s.name + '：' + s.value; }).join(' ')])]),
          el('td', {}, [yuan(p.combo_amount) + ' × ' + p.combo_num]),
          el('td', { class: 'after-sale' }, [p.after_sale_info.after_sale_text]),
        ]);
      });
      return el('div', { class: 'order-card' }, [
        el('div', { class: 'order-card-header' }, [
          el('span', { class: 'order-id' }, ['订单号：' + o.shop_order_id]),
          el('span', {}, ['下单时间：' + time(o.create_time)]),
          el('span', { class: 'buyer-nick' }, [o.user_nickname]),
        ]),
        el('table', { class: 'order-items' }, [el('tbody', {}, items)]),
        el('div', { class: 'order-card-footer muted' }, ['实付 ' + yuan(o.pay_amount) + ' · ' + o.order_status_info.order_status_text + ' · ' + o.receiver_info.post_receiver]),
      ]);
    }));
    var pages = Math.max(1, Math.ceil(total / state.pageSize));
    var items = [];
    for (var p = Math.max(1, state.page - 3); p <= Math.min(pages, state.page + 3); p++) {
      items.push(el('li', { class: p === state.page ? 'auxo-pagination-item-active' : '', 'data-page': String(p) }, [String(p)]));
    }
    items.push(el('li', { 'data-testid': 'pager-next', 'data-page': String(Math.min(pages, state.page + 1)) }, ['>']));
    pager.replaceChildren.apply(pager, items);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }

  function load() {
    fetch('/api/order/searchlist?page=' + (state.page - 1) + '&pageSize=' + state.pageSize + '&order_by=create_time&order=desc&tab=all&appid=1&a_bogus=laoke-demo', { credentials: 'include' })
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
