// Markup b of the legacy sold list (a redesign), for the e2e tests (not shipped). Same request as
// legacy-sold.js (asyncSold.htm through XMLHttpRequest, the GBK answer decoded by its charset) and the
// same text per order (订单号: <id> 创建时间: <time>, the buyer, items, status, 实收款), but div blocks
// with other hashed class names, an extra wrapper, no data-reactid, and the order number in a span of
// its own after its label. None of utils/sites/taobao-sold-legacy.ts's selectors (div.trade-order-main,
// tr[class^="suborder-mod__item___"], a[class^="buyer-mod__name___"]) matches it.
(function () {
  var ENDPOINT = 'https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8';
  var params = new URLSearchParams(location.search);
  var state = { page: Number(params.get('pageNum') || 1), pageSize: Number(params.get('pageSize') || 15) };
  var root = document.getElementById('list-sold-items');
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }
  var list = el('div', { class: 'sold-list_root__Ws3e4' });
  var pager = el('div', { class: 'sold-pg_root__Fg4h5' });
  root.append(list, pager);

  function order(o) {
    var lines = o.subOrders.map(function (s) {
      return el('div', { class: 'sold-line_row__Ty5u6' }, [
        el('div', { class: 'sold-line_goods__Pa3s4' }, [el('a', { href: 'https:' + s.itemInfo.itemUrl }, [el('span', {}, ['[图]'])]), ' ',
          el('a', { class: 'sold-line_name__Er4t5', href: 'https:' + s.itemInfo.itemUrl }, [s.itemInfo.title]),
          el('div', { class: 'sold-line_spec__Vc7x8' }, [s.itemInfo.skuText.map(function (t) { return t.name + '：' + t.value; }).join(' ')])]),
        el('div', { class: 'sold-line_unit__Gh8j9' }, ['￥' + s.priceInfo.realTotal]),
        el('div', { class: 'sold-line_num__Kl2z3' }, [String(s.quantity)]),
        el('div', { class: 'sold-line_after__Mn5b6' }, [(s.operations || []).map(function (op) { return op.text; }).filter(function (t) { return /退款/.test(t); }).join(' ')]),
      ]);
    });
    return el('div', { class: 'sold-box_wrap__Bn4Kx' }, [el('div', { class: 'sold-box_card__Zx6c7' }, [
      el('div', { class: 'sold-box_head__Hk2p9' }, [
        el('span', {}, [el('span', { class: 'sold-box_lbl__Rt6y7' }, ['订单号: ']), el('span', { class: 'sold-box_no__Op7i8' }, [o.id])]),
        el('span', {}, [el('span', { class: 'sold-box_lbl__Rt6y7' }, ['创建时间: ']), el('span', {}, [o.orderInfo.createTime])]),
        el('span', { class: 'sold-box_who__Xc3v4' }, [o.buyer.nick]),
      ]),
      el('div', { class: 'sold-box_lines__Dq1w2' }, [
        el('div', { class: 'sold-box_items__Lz8x9' }, lines),
        el('div', { class: 'sold-box_state__Qw9e0' }, [o.statusInfo.text]),
        el('div', { class: 'sold-box_pay__Ui1o2' }, [el('div', {}, ['￥' + o.payInfo.actualFee]), o.payInfo.postType]),
      ]),
    ])]);
  }

  function render(data) {
    list.replaceChildren.apply(list, (data.mainOrders || []).map(order));
    var total = (data.page && data.page.totalPage) || 1;
    var buttons = [];
    for (var p = Math.max(1, state.page - 2); p <= Math.min(total, state.page + 2); p++) buttons.push(el('button', { 'data-page': String(p) }, [String(p)]));
    pager.replaceChildren.apply(pager, buttons);
    document.documentElement.setAttribute('data-demo-page', String(state.page));
  }
  // XMLHttpRequest decodes the GBK answer by its Content-Type charset, as the old page relies on.
  function load() {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', ENDPOINT);
    xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
    xhr.onload = function () { try { render(JSON.parse(xhr.responseText)); } catch (e) { render({}); } };
    xhr.send('pageNum=' + state.page + '&pageSize=' + state.pageSize);
  }
  pager.addEventListener('click', function (e) {
    var page = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
    if (!page) return;
    state.page = Number(page);
    load();
  });
  window.__demoGoToPage = function (page) { state.page = page; load(); };
  load();
})();
