// Markup b of 抖店's review list (a redesign), for the e2e tests (not shipped): the same request as
// douyin-reviews.js, div cards with hashed class names, the order number in a <code> apart from its
// <label>订单编号</label>. Testing hooks as in markup a.
(function () {
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('page') || 1), pageSize: Number(params.get('pageSize') || 20) };
  var root = document.getElementById('app-comment');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  var list = el('div', { class: 'cmt_list__Q1w2E' });
  var pager = el('div', { class: 'cmt_pager__R3t4Y' });
  root.append(list, pager);
  function render(data) {
    var rows = Array.isArray(data.data) ? data.data : (data.data && data.data.list) || [];
    list.replaceChildren.apply(list, rows.map(function (c) {
      return el('article', { class: 'cmt_card__U5i6O' }, [
        el('div', { class: 'cmt_head__P7a8S' }, [el('label', {}, ['订单编号']), el('code', {}, [c.order_id]), el('span', {}, [c.user_name])]),
        el('p', { class: 'cmt_text__D9f0G' }, [c.rank + '星 ' + (c.content || '')]),
        el('p', { class: 'cmt_reply__H1j2K' }, [c.shop_reply || '']),
      ]);
    }));
    var pages = Math.max(1, Math.ceil((data.total || 0) / state.pageSize));
    var items = [];
    for (var p = 1; p <= pages; p++) items.push(el('button', { type: 'button', 'data-page': String(p) }, [String(p)]));
    items.push(el('button', { type: 'button', 'data-testid': 'pager-next', 'data-page': String(Math.min(pages, state.page + 1)) }, ['下一页']));
    pager.replaceChildren.apply(pager, items);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }
  function load() {
    fetch('/product/tcomment/commentList?page=' + (state.page - 1) + '&pageSize=' + state.pageSize, { credentials: 'include' })
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
