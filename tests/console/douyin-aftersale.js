// A replay of 抖店's after-sales list (not shipped): it POSTs /after_sale/pc/list (page 0-based) and
// renders one table row per case (售后单号, 订单号, goods, type, amount, status). data-demo-loaded on <html>
// once a page is shown.
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('aftersale-list');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  var tbody = el('tbody', {});
  root.append(el('table', {}, [el('thead', {}, [el('tr', {}, ['售后单号', '订单号', '商品', '类型', '退款金额', '售后状态'].map(function (c) { return el('th', {}, [c]); }))]), tbody]));
  function render(data) {
    var rows = (data.data && data.data.items) || [];
    tbody.replaceChildren.apply(tbody, rows.map(function (r) {
      var a = r.after_sale_info;
      return el('tr', {}, [
        el('td', {}, [a.after_sale_id]), el('td', {}, ['订单号：' + a.related_id]), el('td', {}, [(r.order_info && r.order_info.product_name) || '']),
        el('td', {}, [r.text_part.after_sale_type_text]), el('td', {}, ['¥' + (a.refund_amount / 100).toFixed(2)]), el('td', {}, [r.text_part.after_sale_status_text]),
      ]);
    }));
    document.documentElement.setAttribute('data-demo-loaded', String(Date.now()));
  }
  fetch('/after_sale/pc/list?appid=1&a_bogus=laoke-demo', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ page: state.page - 1, pageSize: state.pageSize, tab: 'all' }) })
    .then(function (r) { return r.json(); }).then(render, function () { render({}); });
})();
