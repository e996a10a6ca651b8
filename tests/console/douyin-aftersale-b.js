// Markup b of 抖店's after-sales list (a redesign), for the e2e tests (not shipped): the same request as
// douyin-aftersale.js, one div card per case with hashed class names.
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('app-aftersale');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function render(data) {
    var rows = (data.data && data.data.items) || [];
    root.replaceChildren.apply(root, rows.map(function (r) {
      var a = r.after_sale_info;
      return el('div', { class: 'as_card__Zx9Cv' }, [
        el('div', { class: 'as_top__Bn7Mq' }, [el('span', {}, ['关联订单']), el('b', {}, [a.related_id])]),
        el('div', { class: 'as_state__Lk5Jh' }, [r.text_part.after_sale_status_text + ' · ¥' + (a.refund_amount / 100).toFixed(2)]),
      ]);
    }));
    document.documentElement.setAttribute('data-demo-loaded', String(Date.now()));
  }
  fetch('/after_sale/pc/list?appid=1', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ page: state.page - 1, pageSize: state.pageSize }) })
    .then(function (r) { return r.json(); }).then(render, function () { render({}); });
})();
