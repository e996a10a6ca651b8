// Markup b of 抖店's order list (a redesign), for the e2e tests (not shipped). Same request as
// douyin-orders.js (GET /api/order/searchlist) and the same text per order, but div cards with hashed
// class names, and the order number in an <i> of its own after an <em>订单编号</em> label: no element's
// own text holds the label and the number together. Testing hooks as in markup a.
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('app-order');

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function yuan(fen) { return '¥' + (fen / 100).toFixed(2); }
  function time(sec) { return new Date(sec * 1000 + 8 * 3600000).toISOString().slice(0, 16).replace('T', ' '); }

  var list = el('div', { class: 'list_wrap__Ab12C' });
  var pager = el('div', { class: 'pager_bar__Ef34G', role: 'navigation' });
  root.append(list, pager);

  function render(data) {
    var rows = Array.isArray(data.data) ? data.data : (data.data && (data.data.list || data.data.data)) || [];
    var total = data.total != null ? data.total : (data.data && data.data.total) || 0;
    list.replaceChildren.apply(list, rows.map(function (o) {
      return el('section', { class: 'card_box__Hi56J' }, [
        el('div', { class: 'card_top__Kl78M' }, [
          el('em', { class: 'card_lbl__No90P' }, ['订单编号']), el('i', { class: 'card_no__Qr12S' }, [o.shop_order_id]),
          el('em', { class: 'card_lbl__No90P' }, ['下单']), el('i', {}, [time(o.create_time)]),
        ]),
        el('div', { class: 'card_goods__Tu34V' }, o.product_item.map(function (p) {
          return el('div', { class: 'goods_line__Wx56Y' }, [
            el('div', {}, [p.product_name]), el('div', {}, [yuan(p.combo_amount)]), el('div', {}, ['x' + p.combo_num]),
            el('div', {}, [p.after_sale_info.after_sale_text === '-' ? '' : p.after_sale_info.after_sale_text]),
          ]);
        })),
        el('div', { class: 'card_foot__Za78B' }, [o.order_status_info.order_status_text + ' 实付' + yuan(o.pay_amount) + ' ' + o.user_nickname]),
      ]);
    }));
    var pages = Math.max(1, Math.ceil(total / state.pageSize));
    var items = [];
    for (var p = Math.max(1, state.page - 2); p <= Math.min(pages, state.page + 2); p++) {
      items.push(el('button', { type: 'button', class: p === state.page ? 'pager_on__Cd90E' : '', 'data-page': String(p) }, [String(p)]));
    }
    items.push(el('button', { type: 'button', 'data-testid': 'pager-next', 'data-page': String(Math.min(pages, state.page + 1)) }, ['下一页']));
    pager.replaceChildren.apply(pager, items);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }

  function load() {
    fetch('/api/order/searchlist?page=' + (state.page - 1) + '&pageSize=' + state.pageSize + '&tab=all&a_bogus=laoke-demo-b', { credentials: 'include' })
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
