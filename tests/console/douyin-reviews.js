// A replay of 抖店's review list (not shipped): it GETs /product/tcomment/commentList (page 0-based) and
// renders one table row per review (goods, stars, text, 订单号：<id>, the shop's reply). Testing hooks:
// data-demo-page (1-based) on <html>, pager items with data-page and data-testid="pager-next".
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('comment-list');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  function time(sec) { return new Date(sec * 1000 + 8 * 3600000).toISOString().slice(0, 16).replace('T', ' '); }
  var tbody = el('tbody', {});
  var table = el('table', {}, [el('thead', {}, [el('tr', {}, ['商品', '评价', '订单信息', '回复'].map(function (c) { return el('th', {}, [c]); }))]), tbody]);
  var pager = el('ul', { class: 'auxo-pagination' });
  root.append(table, pager);
  function render(data) {
    var rows = Array.isArray(data.data) ? data.data : (data.data && data.data.list) || [];
    tbody.replaceChildren.apply(tbody, rows.map(function (c) {
      return el('tr', { class: 'comment-row' }, [
        el('td', { style: 'width:28%' }, [c.product_name]),
        el('td', {}, [el('div', { class: 'stars' }, ['★★★★★'.slice(0, c.rank) + '☆☆☆☆☆'.slice(0, 5 - c.rank)]), el('div', {}, [c.content || '该用户未填写评价内容'])]),
        el('td', {}, [el('div', { class: 'order-no' }, ['订单号：' + c.order_id]), el('div', { class: 'muted' }, [c.user_name + ' · ' + time(c.comment_time)])]),
        el('td', {}, [c.shop_reply ? '商家回复：' + c.shop_reply : el('a', { href: 'javascript:void 0' }, ['回复'])]),
      ]);
    }));
    var pages = Math.max(1, Math.ceil((data.total || 0) / state.pageSize));
    var items = [];
    for (var p = 1; p <= pages; p++) items.push(el('li', { 'data-page': String(p) }, [String(p)]));
    items.push(el('li', { 'data-testid': 'pager-next', 'data-page': String(Math.min(pages, state.page + 1)) }, ['>']));
    pager.replaceChildren.apply(pager, items);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }
  function load() {
    fetch('/product/tcomment/commentList?page=' + (state.page - 1) + '&pageSize=' + state.pageSize + '&appid=1', { credentials: 'include' })
      .then(function (r) { return r.json(); }).then(render, function () { render({}); });
  }
  pager.addEventListener('click', function (e) {
    var page = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
    if (!page) return;
    state.page = Number(page);
    load();
  });
  load();
})();
