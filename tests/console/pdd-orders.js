// A replay of Pinduoduo's order list (not shipped): it POSTs /mangkhut/mms/recentOrderList and renders
// one group per order in a beast-core table, replacing the body in place on each page change.
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('mf-mms-orders-container');
  var COLS = ['商品', '订单状态', '数量', '商品总价', '实收金额', '收货人', '买家昵称'];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function yuan(fen) { return '¥' + (fen / 100).toFixed(2); }
  function time(sec) { return new Date(sec * 1000 + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' '); }

  var table = el('table', { 'data-testid': 'beast-core-table' }, [
    el('thead', {}, [el('tr', {}, COLS.map(function (c, i) { return el('th', i === 0 ? { style: 'width:32%' } : {}, [c]); }))]),
  ]);
  var pager = el('ul', { class: 'PGT_pagination_5-120-1' });
  root.append(table, pager);

  function render(data) {
    performance.mark('console:render-start');
    table.querySelectorAll('tbody').forEach(function (b) { b.remove(); });
    var rows = (data.result && data.result.pageItems) || [];
    rows.forEach(function (r) {
      var head = el('tr', { class: 'TB_bodyGroupHeader_5-120-1' }, [el('td', { colspan: String(COLS.length) }, [
        el('span', {}, ['订单编号：' + r.order_sn]),
        el('span', {}, ['订单成交时间：' + time(r.created_at)]),
      ])]);
      var body = el('tr', {}, [
        el('td', {}, [el('div', { class: 'goods' }, [el('div', { class: 'pic' }), el('div', {}, [
          el('div', { class: 'goods-name' }, [r.goods_name]),
          el('div', { class: 'muted' }, ['ID: ' + r.goods_id]),
          el('div', { class: 'muted' }, ['商家编码: ' + r.out_sku_sn]),
          el('div', { class: 'muted goods-spec' }, [r.spec]),
        ])])]),
        el('td', {}, [r.order_status_str]),
        el('td', {}, [String(r.goods_number)]),
        el('td', {}, [yuan(r.goods_amount)]),
        el('td', {}, [yuan(r.order_amount)]),
        el('td', {}, [r.receive_name]),
        el('td', {}, [r.nickname]),
      ]);
      table.append(el('tbody', { class: 'TB_body_5-120-1' }, [head, body]));
    });
    var total = Math.max(1, Math.ceil(((data.result && data.result.totalItemNum) || 0) / state.pageSize));
    var items = [];
    for (var p = Math.max(1, state.page - 3); p <= Math.min(total, state.page + 3); p++) {
      items.push(el('li', { class: p === state.page ? 'active' : '', 'data-page': String(p) }, [String(p)]));
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
